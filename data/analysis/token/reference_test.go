package token

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/textnorm"
)

// referenceTokenize is Tokenize as it was before its tokens shared one
// folded string and one Form slice (issue 19): one Fold and one Forms
// slice per token. The new one must give exactly its tokens.
func referenceTokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/4)
	space, brk := true, true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		c := classifyRune(r)
		if c == clSpace {
			space = true
			if r == '\n' || r == '\r' || r == 0x2029 || r == 0x2028 {
				brk = true
			}
			i += size
			continue
		}
		start := i
		i += size
		if c == clArabic || c == clLatin || c == clDigit || c == clMark {
			if c == clMark {
				c = clOther
			} else {
				for i < len(text) {
					r2, s2 := utf8.DecodeRuneInString(text[i:])
					c2 := classifyRune(r2)
					if c2 != c && c2 != clMark {
						break
					}
					if c2 == clMark && c == clDigit {
						break
					}
					i += s2
				}
			}
		}
		t := Token{Start: start, End: i, Space: space, Break: brk, Num: -1}
		space, brk = false, false
		raw := text[start:i]
		t.Folded = textnorm.IsFolded(raw)
		switch c {
		case clArabic:
			t.Kind = Word
			t.Arabic = true
			t.Norm = textnorm.Fold(raw)
			t.Forms = referenceArabicForms(raw, start, t.Norm)
		case clLatin:
			t.Kind = Word
			t.Norm = textnorm.Fold(raw)
			t.Upper = unicode.IsUpper(r)
		case clDigit:
			t.Kind = Number
			t.Norm = textnorm.Fold(raw)
			t.Digits = len(t.Norm)
			if t.Digits <= 9 {
				n := 0
				for _, d := range t.Norm {
					n = n*10 + int(d-'0')
				}
				t.Num = n
			}
		default:
			t.Kind = Punct
			t.Norm = textnorm.Fold(raw)
			if t.Norm == "" {
				t.Norm = raw
			}
		}
		toks = append(toks, t)
	}
	return toks
}

// referenceArabicForms lists the word itself and the forms left after removing
// attached particles: an optional conjunction (و ف) then an optional
// preposition (ب ل ك); «لل» also yields «ال» + rest.
func referenceArabicForms(raw string, start int, norm string) []Form {
	forms := []Form{{Text: norm, Start: start}}
	for _, conj := range []string{"", "و", "ف"} {
		if conj != "" && !strings.HasPrefix(norm, conj) {
			continue
		}
		rest := norm[len(conj):]
		for _, prep := range []string{"", "ب", "ل", "ك"} {
			if conj == "" && prep == "" {
				continue
			}
			if prep != "" && !strings.HasPrefix(rest, prep) {
				continue
			}
			r2 := rest[len(prep):]
			if utf8.RuneCountInString(r2) < 2 {
				continue
			}
			off := start + skipRunes(raw, utf8.RuneCountInString(conj)+utf8.RuneCountInString(prep))
			forms = append(forms, Form{Text: r2, Start: off})
			if prep == "ل" && strings.HasPrefix(r2, "ل") && utf8.RuneCountInString(r2) >= 3 {
				forms = append(forms, Form{Text: "ا" + r2, Start: off})
			}
		}
	}
	return forms
}
