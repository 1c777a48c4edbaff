package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/analysis/token"
)

// Product names that a spaced number or letter ends: "Pixel 8", "iPhone 15
// Pro", "Falcon 9 rocket", "RTX 4090", "Model Y", and hyphenated codes
// ("F-35", "MiG-29"). A capitalised word before a number is too common to
// be a product by itself ("March 12", "Article 5", "Monday 3"), so the
// family word needs a sign of being a product's: a capital inside it
// ("iPhone", "OnePlus"), all capitals ("RTX"), an owner's possessive
// before it ("Google's Pixel 8", "its Model 3"), or a model's suffix or a
// product noun after the number ("15 Pro", "9 rocket").

// familyProduct reads such a name at token i; end is the token after it.
func familyProduct(text string, toks []token.Token, i int) (mention, int, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || i+1 >= len(toks) {
		return mention{}, 0, false
	}
	w := text[t.Start:t.End]
	camel := innerCapital(w)
	// a lower-case word ("the", most of a text) names no product unless
	// camel-cased: known before the three word lists are looked up
	// (hyphenCode needs a capital too)
	if !t.Upper && !camel || isStopCap(t.Norm) || notModelFamily[t.Norm] || isTitle(t.Norm) {
		return mention{}, 0, false
	}
	if end, ok := hyphenCode(text, toks, i); ok {
		s := Span{t.Start, toks[end-1].End}
		return mention{span: s, typ: "product", name: text[s.Start:s.End], entry: -1}, end, true
	}
	n := &toks[i+1]
	if !n.Space || n.Break {
		return mention{}, 0, false
	}
	end := i + 2
	if end < len(toks) && !toks[end].Space && toks[end].Kind == token.Word {
		return mention{}, 0, false // "Pixel 256GB": a size
	}
	switch {
	case n.Kind == token.Number && n.Digits <= 4 && !(n.Digits == 4 && n.Num >= 1900 && n.Num <= 2100):
		// "Pixel 8", "RTX 4090"; a year after a word names no model
	case n.Kind == token.Word && !n.Arabic && len(n.Norm) == 1 && allUpper(text, n) && !strings.Contains("AI", strings.ToUpper(n.Norm)):
		// "Model Y" ("Plan B" and "Class A" need the signs below too)
	default:
		return mention{}, 0, false
	}
	sign := camel || allUpper(text, t) && len(t.Norm) >= 2 && len(t.Norm) <= 4 && n.Kind == token.Number && n.Digits >= 3
	if i >= 2 && (toks[i-1].Norm == "s" && (toks[i-2].Norm == "'" || toks[i-2].Norm == "’")) || i >= 1 && toks[i-1].Norm == "its" {
		sign = true
	}
	for end < len(toks) && toks[end].Kind == token.Word && !toks[end].Arabic && toks[end].Space && toks[end].Upper && modelSuffix[toks[end].Norm] {
		end++
		sign = true
	}
	if end < len(toks) && toks[end].Kind == token.Word && !toks[end].Upper && productNouns[toks[end].Norm] {
		sign = true
	}
	if !sign {
		return mention{}, 0, false
	}
	s := Span{t.Start, toks[end-1].End}
	return mention{span: s, typ: "product", name: text[s.Start:s.End], entry: -1}, end, true
}

// hyphenCode reads "F-35", "MiG-29", "Su-57", "B-52": one to three letters,
// a hyphen and a number of two digits or more, written together. "G-20"
// (a group), "I-95" (a road), "K-12" (schooling) are none.
func hyphenCode(text string, toks []token.Token, i int) (int, bool) {
	t := &toks[i]
	if !t.Upper || len(t.Norm) > 3 || i+2 >= len(toks) || toks[i+1].Norm != "-" || toks[i+1].Space || toks[i+2].Space {
		return 0, false
	}
	if n := &toks[i+2]; n.Kind != token.Number || n.Digits < 2 || t.Norm == "g" || t.Norm == "i" || t.Norm == "k" || t.Norm == "h" {
		return 0, false
	}
	end := i + 3
	if end < len(toks) && !toks[end].Space && toks[end].Kind == token.Word && len(toks[end].Norm) <= 2 {
		end++ // "X-37B"
	}
	if end < len(toks) && !toks[end].Space && (toks[end].Kind == token.Word || toks[end].Norm == "-") {
		return 0, false // "F-35-like", part of a longer code
	}
	return end, true
}

// innerCapital: a capital after a lower-case letter ("iPhone", "OnePlus").
//
// It is asked about every Latin word, so ASCII letters are read without
// the unicode tables (what they say for them: A–Z upper, a–z lower).
func innerCapital(w string) bool {
	prevLower := false
	for i := 0; i < len(w); {
		if c := w[i]; c < utf8.RuneSelf {
			if prevLower && 'A' <= c && c <= 'Z' {
				return true
			}
			prevLower = 'a' <= c && c <= 'z'
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if prevLower && unicode.IsUpper(r) {
			return true
		}
		prevLower = unicode.IsLower(r)
		i += n
	}
	return false
}

// extendProduct widens a listed product's match to the model the text
// names: "iPhone" to "iPhone 15 Pro", "Falcon" to "Falcon 9" (a spaced
// number of one to four digits that is no year, then a model's suffixes).
func extendProduct(toks []token.Token, m gazMatch) gazMatch {
	k := m.next
	if k >= len(toks) || !toks[k].Space || toks[k].Break || toks[k].Kind != token.Number || toks[k].Digits > 4 ||
		toks[k].Digits == 4 && toks[k].Num >= 1900 && toks[k].Num <= 2100 {
		return m
	}
	if k+1 < len(toks) && !toks[k+1].Space && (toks[k+1].Norm == "," || toks[k+1].Norm == ".") && k+2 < len(toks) && toks[k+2].Kind == token.Number {
		return m // "iPhone 1,000": a count, not a model
	}
	if k+1 < len(toks) && !toks[k+1].Space && toks[k+1].Kind == token.Word {
		return m // "MacBook 256GB": a size, not a model
	}
	k++
	for k < len(toks) && toks[k].Kind == token.Word && toks[k].Space && toks[k].Upper && modelSuffix[toks[k].Norm] {
		k++
	}
	m.end, m.next = toks[k-1].End, k
	return m
}
