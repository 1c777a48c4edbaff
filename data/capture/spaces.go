package capture

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSpace is unicode.IsSpace, answered without its table lookup for the
// runes of most pages: capture asks it of every rune of an article several
// times (word counts, labels, collapsed text). No white space lies between
// U+00A0 and U+1680, which holds Latin, Greek, Cyrillic, Hebrew and Arabic.
func isSpace(r rune) bool {
	if r < 0x1680 {
		switch r {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0:
			return true
		}
		return false
	}
	return unicode.IsSpace(r)
}

// asciiWordy marks the ASCII bytes that are letters or digits.
var asciiWordy = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
	}
	return t
}()

// spaceStart marks the bytes a white space rune (unicode.IsSpace) starts
// with in UTF-8: the ASCII spaces, C2 (U+0085, U+00A0), E1 (U+1680), E2
// (U+2000 to U+205F) and E3 (U+3000). No other byte starts one, and none of
// these continues a rune, so a reader skipping every other byte still
// meets each space at its first byte.
var spaceStart = func() (t [256]bool) {
	for _, b := range []byte{'\t', '\n', '\v', '\f', '\r', ' ', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[b] = true
	}
	return t
}()

// collapse is s with its white space runs made one space, trimmed: what
// strings.Join(strings.Fields(s), " ") gives, in one pass and one string
// instead of a slice of words and a join.
func collapse(s string) string {
	var b strings.Builder
	start := -1 // where the current word starts in s, -1 between words
	for i := 0; i < len(s); {
		if start >= 0 {
			// Inside a word: only white space ends it (see spaceStart).
			for i < len(s) && !spaceStart[s[i]] {
				i++
			}
			if i == len(s) {
				break
			}
		}
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(c) {
			if start >= 0 {
				appendWord(&b, s[start:i], len(s)-start)
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		appendWord(&b, s[start:], len(s)-start)
	}
	return b.String()
}

// appendWord writes w to b after a space unless it is b's first word; b's
// first growth makes room for the rest of the text (left bytes), so that a
// long text is copied once.
func appendWord(b *strings.Builder, w string, left int) {
	if b.Len() > 0 {
		b.WriteByte(' ')
	} else {
		b.Grow(left)
	}
	b.WriteString(w)
}
