package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations that end with a period without ending the sentence
// (lower-cased, without the final period).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "inc": true,
	"corp": true, "ltd": true, "co": true, "gov": true, "sen": true, "rep": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "prof": true, "vs": true, "etc": true, "e.g": true, "i.e": true, "u.s": true,
	"u.k": true, "u.n": true, "e.u": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "no": true,
	"fig": true, "approx": true, "mt": true, "ft": true, "capt": true, "adm": true, "gens": true, "messrs": true,
	"a.m": true, "p.m": true, "d.c": true, "n.y": true, "calif": true, "mass": true, "wash": true, "pa": true,
	"ariz": true, "fla": true, "va": true, "ill": true, "mich": true, "conn": true, "tex": true, "ky": true,
}

// Sentences splits text into sentences. It ends a sentence at . ! ? ؟ …
// and at line breaks, but not after "Mr.", "Oct.", "U.S.", an initial ("J.")
// or inside a number ("3.5"). Arabic text glued after a period
// («حاسما.لذلك») is split.
func Sentences(text string) []Sentence {
	// room for a sentence per full stop and line break (few end otherwise):
	// grown by appends, the slice was copied five or six times a page and
	// was 4 % of the bytes an analysis allocated (issue 19)
	out := make([]Sentence, 0, strings.Count(text, ".")+strings.Count(text, "\n")+1)
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e {
			r, size := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(r) && r != 0x200F && r != 0x200E {
				break
			}
			s += size
		}
		for e > s {
			r, size := utf8.DecodeLastRuneInString(text[:e])
			if !unicode.IsSpace(r) && r != 0x200F && r != 0x200E {
				break
			}
			e -= size
		}
		if e > s {
			out = append(out, Sentence{Span: Span{s, e}, Text: text[s:e]})
		}
		start = end
	}
	for i := 0; i < len(text); {
		if c := text[i]; !mayEndSentence[c] || c == 0xD8 && (i+1 == len(text) || text[i+1] != 0x9F) {
			// a byte that starts none of the runes below (nor is one): skip
			// it without decoding (issue 19); a UTF-8 continuation byte is
			// never the first byte of one, so no rune is split. 0xD8 starts
			// ؟ (D8 9F) but also most Arabic letters: only ؟ is decoded
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		next := i + size
		switch r {
		case '\n', '\r', 0x2029:
			emit(next)
		case '!', '?', '؟', '…':
			emit(closeQuotes(text, next))
		case '.':
			if endsSentence(text, i) {
				next = closeQuotes(text, next)
				emit(next)
			}
		}
		i = next
	}
	emit(len(text))
	if len(out) == 0 {
		// as before the slice was made up front: no sentence is nil
		return nil
	}
	return out
}

// mayEndSentence marks the bytes that start a rune Sentences stops at:
// '\n', '\r', '!', '?', '.' and the first bytes of U+061F (؟), U+2026 (…)
// and U+2029.
var mayEndSentence = func() (t [256]bool) {
	for _, r := range "\n\r!?.؟…\u2029" {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]] = true
	}
	return t
}()

// closeQuotes moves past closing quotes and brackets after a full stop.
func closeQuotes(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '"', '\'', '”', '’', ')', ']', '»', '.':
			i += size
			continue
		}
		break
	}
	return i
}

func endsSentence(text string, dot int) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:dot])
	next, _ := utf8.DecodeRuneInString(text[dot+1:])
	if dot+1 >= len(text) {
		return true
	}
	if unicode.IsDigit(prev) && unicode.IsDigit(next) {
		return false
	}
	if next == '.' {
		return false // "..." ends at its last dot
	}
	// glued Latin text ("example.com", "U.S.") is not a boundary; glued
	// Arabic text is, writers often omit the space.
	if !unicode.IsSpace(next) && !strings.ContainsRune("\"'”’)]»", next) {
		return isArabicRune(next) && isArabicRune(prev)
	}
	// the word before the dot
	w := dot
	for w > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:w])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' {
			break
		}
		w -= size
	}
	word := strings.ToLower(text[w:dot])
	if abbreviations[word] {
		// "U.S." at the end of a sentence is common; split only when the
		// next word starts with a capital and the abbreviation is a country
		if (word == "u.s" || word == "u.k") && nextWordUpper(text, dot+1) && !nextWordIsName(text, dot+1) {
			return true
		}
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(prev) {
		return false // an initial: "J. Smith"
	}
	if strings.Count(word, ".") >= 1 && !strings.ContainsFunc(word, isArabicRune) && !strings.ContainsFunc(word, unicode.IsDigit) {
		return false // "a.m", "e.g"; not a number ending its sentence: "down 1.8%."
	}
	return true
}

func nextWordUpper(text string, i int) bool {
	for _, r := range text[i:] {
		if unicode.IsSpace(r) {
			continue
		}
		return unicode.IsUpper(r)
	}
	return false
}

// nextWordIsName guesses that "U.S. President" continues the sentence.
func nextWordIsName(text string, i int) bool {
	rest := strings.TrimLeftFunc(text[i:], unicode.IsSpace)
	for _, w := range []string{"President", "Army", "Navy", "Senate", "House", "Congress", "Department", "Embassy", "Treasury", "Supreme", "Attorney", "Secretary", "Ambassador", "officials", "Rep", "Sen"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

func isArabicRune(r rune) bool { return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F }

func hasPrefixTrim(text, title string) bool {
	return strings.HasPrefix(strings.TrimSpace(text), strings.TrimSpace(title))
}
