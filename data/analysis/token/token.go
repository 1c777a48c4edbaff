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
	"math/bits"
	"sync"
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
	Folded     bool // text in lower-case ASCII (textnorm.IsFolded), its own Norm: no capital, no other script
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

// twoByteClass is the same for every rune of one or two UTF-8 bytes
// (below U+0800): accented Latin, Greek, Cyrillic and the Arabic blocks,
// nearly every rune of an Arabic text.
var twoByteClass = func() (t [0x800]class) {
	for r := range rune(len(t)) {
		t[r] = classifyRune(r)
	}
	return t
}()

// punctuationClass is the same for General Punctuation (U+2000–U+206F):
// the curly quotes, dashes and ellipses of English text and the direction
// marks of Arabic, each a search of the unicode tables otherwise.
var punctuationClass = func() (t [0x70]class) {
	for i := range t {
		t[i] = classifyRune(rune(0x2000 + i))
	}
	return t
}()

func classify(r rune) class {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	if r < 0x800 {
		return twoByteClass[r]
	}
	if r >= 0x2000 && r < 0x2070 {
		return punctuationClass[r-0x2000]
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

// asciiBytes counts the bytes of text below utf8.RuneSelf, eight at a
// time: the byte-by-byte loop was a sixth of tokenizing an English text
// (issue 19).
func asciiBytes(text string) int {
	wide, i := 0, 0
	for ; i+8 <= len(text); i += 8 {
		// the high bit of each byte, then how many are set
		w := uint64(text[i]) | uint64(text[i+1])<<8 | uint64(text[i+2])<<16 | uint64(text[i+3])<<24 |
			uint64(text[i+4])<<32 | uint64(text[i+5])<<40 | uint64(text[i+6])<<48 | uint64(text[i+7])<<56
		wide += bits.OnesCount64(w & 0x8080808080808080)
	}
	for ; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			wide++
		}
	}
	return len(text) - wide
}

// newTokenizer sizes the slices for text up front, so that they are not
// copied as they grow. English runs about 5 bytes a token (4.5 to 5.5 over
// the extraction benchmark's pages): at len/5 half the pages outgrew the
// token slice and copied it into one twice as large; a quarter of the ASCII
// bytes fits nine in ten. Arabic letters take two bytes and its words are
// longer: an eighth of the other bytes. The seed (Arabic, 9.8 KB of
// non-ASCII bytes) folds 970 words into 9.5 KB with 1,150 forms: folded
// Arabic is about as long as written, with a little more than one form a
// word (about one per eight bytes). What English folds is mostly its
// capitalised words (~1 byte in 16, one token in six).
func newTokenizer(text string, toks []Token, sc *scratch) tokenizer {
	ascii := asciiBytes(text)
	other := len(text) - ascii
	tz := tokenizer{toks: toks[:0], buf: sc.buf[:0], forms: sc.forms[:0]}
	if n := ascii/4 + other/8 + 1; cap(tz.toks) < n {
		tz.toks = make([]Token, 0, n)
	}
	if n := other + other/16 + ascii/16 + 8; cap(tz.buf) < n {
		tz.buf = make([]byte, 0, n)
	}
	if n := other/8 + other/32; cap(tz.forms) < n {
		tz.forms = make([]formSpan, 0, n)
	}
	return tz
}

// scratch is Tokenize's working memory that no token points into (the
// folded text is copied into one string, the forms into a []Form), kept
// from one call to the next.
type scratch struct {
	buf   []byte
	forms []formSpan
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled is the most tokens (or bytes of folded text) a pooled slice
// may hold: a very long text's slices are left to the garbage collector
// rather than kept for the next.
const maxPooled = 1 << 16

// tokenPool holds the token slices of TokenizePooled given back by Release.
var tokenPool sync.Pool

// TokenizePooled is Tokenize into a slice reused from earlier calls. Give
// the slice back with Release once neither it nor a part of it is used any
// more; the Norm strings and Forms of its tokens stay valid after that (they
// are not in the slice's memory), the Token values do not. Analyze tokenizes
// every article: its token slice is the largest allocation of an analysis
// (80 bytes a token, 120 KB for the seed) and most of what the garbage
// collector had to catch up with.
func TokenizePooled(text string) []Token {
	var toks []Token
	if p, ok := tokenPool.Get().(*[]Token); ok {
		toks = *p
	}
	return tokenize(text, toks)
}

// Release gives back a slice returned by TokenizePooled.
func Release(toks []Token) {
	if cap(toks) == 0 || cap(toks) > maxPooled {
		return
	}
	clear(toks) // no string of this text is kept alive by the pool
	toks = toks[:0]
	tokenPool.Put(&toks)
}

// Tokenize splits text into tokens. It never fails; invalid UTF-8 bytes
// become one-byte punctuation tokens.
//
// A token whose text is already folded (lower-case ASCII: most English
// words, numbers and marks) keeps a slice of text as its Norm. The folded
// forms of the others, and the «ا» + rest forms of Arabic words, are
// written one after another into one buffer that becomes one string at the
// end, and every Arabic token's Forms are a piece of one shared slice
// (capped, so that an append never reaches a neighbour's): two
// allocations for the text instead of one to three a token (issue 19).
func Tokenize(text string) []Token { return tokenize(text, nil) }

// TokenizeInto is Tokenize into toks' memory (its length is ignored),
// made anew when too small: for a caller that tokenizes many short
// strings, keeps none of their tokens and reuses one slice for them.
func TokenizeInto(toks []Token, text string) []Token { return tokenize(text, toks) }

// tokenize is Tokenize into toks's memory when it is large enough.
func tokenize(text string, toks []Token) []Token {
	sc := scratchPool.Get().(*scratch)
	tz := newTokenizer(text, toks, sc)
	space, brk := true, true
	i := 0
	for i < len(text) {
		r, size, c := rune(text[i]), 1, clOther
		if r < utf8.RuneSelf {
			c = asciiClass[r]
		} else {
			r, size, c = wideRuneAt(text, i)
		}
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
					s2, c2 := 1, clOther
					if b := text[i]; b < utf8.RuneSelf {
						c2 = asciiClass[b]
					} else {
						_, s2, c2 = wideRuneAt(text, i)
					}
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
		tz.add(text, start, i, space, brk, c, r)
		space, brk = false, false
	}
	out := tz.finish()
	if cap(tz.buf) <= maxPooled && cap(tz.forms) <= maxPooled {
		sc.buf, sc.forms = tz.buf[:0], tz.forms[:0]
		scratchPool.Put(sc)
	}
	return out
}

// wideRuneAt returns the rune at text[i], a non-ASCII byte, with its size
// and class: the two-byte runes (Arabic among them) are decoded in place.
// Tokenize answers ASCII itself, inline: a function doing both would be
// too large for the compiler to inline into its loops.
func wideRuneAt(text string, i int) (rune, int, class) {
	if c := text[i]; c >= 0xC2 && c <= 0xDF && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
		r := rune(c&0x1F)<<6 | rune(text[i+1]&0x3F)
		return r, 2, twoByteClass[r]
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return r, size, classify(r)
}

// tokenizer holds Tokenize's tokens and, until finish, the folded text of
// those that need one in buf. Until finish, such a token has no Norm yet
// (no other token has an empty one), its Digits is the length of its
// folded text (which a Number's is anyway) and an Arabic word's Num is its
// number of forms: no list of them is kept beside the tokens.
type tokenizer struct {
	toks    []Token
	buf     []byte     // folded words and forms, in token order
	forms   []formSpan // every Arabic token's forms, in token order
	pending int        // tokens whose Norm is in buf
}

// formSpan is a Form whose Text is buf[a:b].
type formSpan struct {
	a, b  int32
	start int
}

func (tz *tokenizer) add(text string, start, end int, space, brk bool, c class, first rune) {
	tz.toks = append(tz.toks, Token{Start: start, End: end, Space: space, Break: brk, Num: -1})
	t := &tz.toks[len(tz.toks)-1]
	raw := text[start:end]
	switch c {
	case clArabic:
		t.Kind = Word
		t.Arabic = true
	case clLatin:
		t.Kind = Word
		t.Upper = unicode.IsUpper(first)
	case clDigit:
		t.Kind = Number
	default:
		t.Kind = Punct
	}
	if textnorm.IsFolded(raw) {
		t.Norm = raw
		t.Folded = true
		if c == clDigit {
			t.Digits, t.Num = digitsValue(raw)
		}
		return
	}
	a := len(tz.buf)
	tz.buf = textnorm.AppendFold(tz.buf, raw)
	b := len(tz.buf)
	switch {
	case c == clDigit:
		t.Digits, t.Num = digitsValue(tz.buf[a:b])
	case a == b && c != clArabic && c != clLatin:
		t.Norm = raw // a mark that folds to nothing stands for itself
		return
	default:
		t.Digits = b - a // until finish
	}
	if c == clArabic {
		t.Num = tz.arabicForms(raw, start, a, b) // until finish
	}
	tz.pending++
}

// digitsValue returns the number of digits of the folded (ASCII) digits
// norm and their value, -1 when there are more than nine.
func digitsValue[S string | []byte](norm S) (digits, num int) {
	if len(norm) > 9 {
		return len(norm), -1
	}
	n := 0
	for i := 0; i < len(norm); i++ {
		n = n*10 + int(norm[i]-'0')
	}
	return len(norm), n
}

// Prefixes removed by arabicForms, in the order tried: an optional
// conjunction (و ف) then an optional preposition (ب ل ك).
var (
	arConjunctions = [...]string{"", "و", "ف"}
	arPrepositions = [...]string{"", "ب", "ل", "ك"}
)

// arabicForms adds the forms of the Arabic word raw, whose folded form is
// buf[a:b]: the word itself and the forms left after removing attached
// particles: an optional conjunction (و ف) then an optional preposition
// (ب ل ك); «لل» also yields «ال» + rest. It returns how many it added.
func (tz *tokenizer) arabicForms(raw string, start, a, b int) int {
	n0 := len(tz.forms)
	tz.forms = append(tz.forms, formSpan{a: int32(a), b: int32(b), start: start})
	if !startsWithParticle(tz.buf[a:b]) {
		return 1 // most words: no particle to remove
	}
	for _, conj := range arConjunctions {
		if conj != "" && !hasPrefix(tz.buf[a:b], conj) {
			continue
		}
		ra := a + len(conj)
		for _, prep := range arPrepositions {
			if conj == "" && prep == "" {
				continue
			}
			if prep != "" && !hasPrefix(tz.buf[ra:b], prep) {
				continue
			}
			fa := ra + len(prep)
			n := utf8.RuneCount(tz.buf[fa:b])
			if n < 2 {
				continue
			}
			off := start + skipRunes(raw, utf8.RuneCountInString(conj)+utf8.RuneCountInString(prep))
			tz.forms = append(tz.forms, formSpan{a: int32(fa), b: int32(b), start: off})
			if prep == "ل" && hasPrefix(tz.buf[fa:b], "ل") && n >= 3 {
				// «ا» + rest: written after the words so far
				ja := len(tz.buf)
				tz.buf = append(tz.buf, "ا"...)
				tz.buf = append(tz.buf, tz.buf[fa:b]...)
				tz.forms = append(tz.forms, formSpan{a: int32(ja), b: int32(len(tz.buf)), start: off})
			}
		}
	}
	return len(tz.forms) - n0
}

// startsWithParticle reports whether the folded word w starts with one of
// the letters arabicForms removes (و ف ب ل ك): all five are two bytes,
// D8 A8 or D9 81/83/84/88.
func startsWithParticle(w []byte) bool {
	if len(w) < 2 {
		return false
	}
	switch w[0] {
	case 0xD8:
		return w[1] == 0xA8 // ب
	case 0xD9:
		return w[1] == 0x81 || w[1] == 0x83 || w[1] == 0x84 || w[1] == 0x88 // ف ك ل و
	}
	return false
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// finish makes buf one string and gives the tokens folded into it their
// Norm and Forms from it.
func (tz *tokenizer) finish() []Token {
	if tz.pending == 0 {
		return tz.toks
	}
	s := string(tz.buf)
	var forms []Form
	if len(tz.forms) > 0 {
		forms = make([]Form, len(tz.forms))
		for i, f := range tz.forms {
			forms[i] = Form{Text: s[f.a:f.b], Start: f.start}
		}
	}
	pos, f := 0, 0
	for i := range tz.toks {
		t := &tz.toks[i]
		if t.Norm != "" {
			continue
		}
		end := pos + t.Digits
		t.Norm = s[pos:end]
		pos = end
		if t.Kind != Number {
			t.Digits = 0
		}
		if t.Arabic {
			n := t.Num
			t.Forms = forms[f : f+n : f+n]
			for _, fs := range tz.forms[f : f+n] {
				pos = max(pos, int(fs.b)) // past its «ا» + rest forms
			}
			f += n
			t.Num = -1
		}
	}
	return tz.toks
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
	// the forms after the first (otherForms), indexed: small enough that
	// callers such as timex's is are still inlined
	for k := 1; k < len(t.Forms); k++ {
		if t.Forms[k].Text == w {
			return true
		}
	}
	return false
}

// otherForms are t's Forms but the first, which Tokenize always makes the
// word itself (Norm at Start): Has and FormOf have looked at Norm already,
// and most Arabic words have no other form, so this spares a comparison or
// a map look-up per word (issue 19).
func (t *Token) otherForms() []Form {
	if len(t.Forms) < 2 {
		return nil
	}
	return t.Forms[1:]
}

// FormOf returns the first form of t found in set, with its start offset.
func FormOf[V any](t *Token, set map[string]V) (V, int, bool) {
	if v, ok := set[t.Norm]; ok {
		return v, t.Start, true
	}
	for _, f := range t.otherForms() {
		if v, ok := set[f.Text]; ok {
			return v, f.Start, true
		}
	}
	var zero V
	return zero, 0, false
}
