// Package token splits article text into the small units the analysis
// stages match on: words, numbers and punctuation marks, each with its
// folded form (textnorm.Fold) and its BYTE span in the original text.
//
// Arabic words also carry the forms left after removing attached particles
// (و ف ب ل ك and their stacks, with لل read as ل + ال), so that «لواشنطن»
// can match «واشنطن» and «للصين» can match «الصين». The whole word is always
// the first form: a name that starts with one of those letters (بكين) is
// never cut, it simply also offers a shorter form that matches nothing.
package token

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/textnorm"
)

// Kind says what a token is made of.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters (one script per token)
	Number             // ASCII or Arabic-Indic digits
	Punct              // one other non-space rune
)

// Form is one way to read an Arabic word: Text is the folded form, Start the
// byte offset in the original text where that form begins.
type Form struct {
	Text  string
	Start int
}

// Token is one unit of text. Start and End are byte offsets into the text
// given to Tokenize.
type Token struct {
	Start, End int
	Norm       string // folded text (textnorm.Fold)
	Kind       Kind
	Arabic     bool
	Upper      bool // Latin word whose first letter is upper case
	Space      bool // whitespace (or start of text) right before it
	Break      bool // a line break (or start of text) right before it
	Num        int  // value of a Number token, -1 if too long
	Digits     int  // number of digits of a Number token
	Forms      []Form
}

type class uint8

const (
	clSpace class = iota
	clArabic
	clLatin
	clDigit
	clMark // combining mark or tatweel: sticks to the previous token
	clOther
)

// asciiClass is classify's answer for every ASCII rune, the most of an
// English text, without the unicode tables' look-ups (issue 19).
var asciiClass = func() (t [utf8.RuneSelf]class) {
	for r := range rune(utf8.RuneSelf) {
		t[r] = classifyRune(r)
	}
	return t
}()

func classify(r rune) class {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	return classifyRune(r)
}

func classifyRune(r rune) class {
	switch {
	case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == 0xA0 || unicode.IsSpace(r):
		return clSpace
	case r == 0x0640 || unicode.Is(unicode.Mn, r) || r == 0x200C || r == 0x200D:
		return clMark
	case r >= '0' && r <= '9', r >= '٠' && r <= '٩', r >= '۰' && r <= '۹':
		return clDigit
	case r == 0x200E || r == 0x200F || r == 0x200B || r == 0xFEFF || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
		return clSpace
	case textnorm.IsArabic(r):
		return clArabic
	case unicode.IsLetter(r):
		return clLatin
	}
	return clOther
}

// tokensExpected is a slice size that holds the tokens of nearly every
// text. English runs about 5 bytes a token (4.5 to 5.5 over the extraction
// benchmark's pages): at len/5 half the pages outgrew the slice and copied
// it into one twice as large; a quarter of the ASCII bytes fits nine in
// ten. Arabic letters take two bytes and its words are longer: an eighth of
// the other bytes, not to hold twice the slice an Arabic text needs.
func tokensExpected(text string) int {
	ascii := 0
	for i := 0; i < len(text); i++ {
		if text[i] < utf8.RuneSelf {
			ascii++
		}
	}
	return ascii/4 + (len(text)-ascii)/8 + 1
}

// Tokenize splits text into tokens. It never fails; invalid UTF-8 bytes
// become one-byte punctuation tokens.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, tokensExpected(text))
	space, brk := true, true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		c := classify(r)
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
					c2 := classify(r2)
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
		switch c {
		case clArabic:
			t.Kind = Word
			t.Arabic = true
			t.Norm = textnorm.Fold(raw)
			t.Forms = arabicForms(raw, start, t.Norm)
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

// arabicForms lists the word itself and the forms left after removing
// attached particles: an optional conjunction (و ف) then an optional
// preposition (ب ل ك); «لل» also yields «ال» + rest.
func arabicForms(raw string, start int, norm string) []Form {
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

// skipRunes returns the byte length of the first n meaningful runes of raw
// (harakat and tatweel do not count and are skipped with them).
func skipRunes(raw string, n int) int {
	i := 0
	for n > 0 && i < len(raw) {
		_, size := utf8.DecodeRuneInString(raw[i:])
		i += size
		n--
		for i < len(raw) {
			r2, s2 := utf8.DecodeRuneInString(raw[i:])
			if classify(r2) != clMark {
				break
			}
			i += s2
		}
	}
	return i
}

// Has reports whether one of t's forms (or its Norm) is w.
func (t *Token) Has(w string) bool {
	if t.Norm == w {
		return true
	}
	for _, f := range t.Forms {
		if f.Text == w {
			return true
		}
	}
	return false
}

// FormOf returns the first form of t found in set, with its start offset.
func FormOf[V any](t *Token, set map[string]V) (V, int, bool) {
	if v, ok := set[t.Norm]; ok {
		return v, t.Start, true
	}
	for _, f := range t.Forms {
		if v, ok := set[f.Text]; ok {
			return v, f.Start, true
		}
	}
	var zero V
	return zero, 0, false
}
