// Package textnorm folds Arabic and Latin text into one comparable form.
//
// Search (data/store) and analysis (data/analysis) must agree on what counts as
// "the same word", so both call this package and nothing else: the letter
// variants that Arabic writers use interchangeably (أ/إ/آ/ا, ى/ي, ة/ه), the
// optional short vowels (harakat) and the decorative tatweel are folded away,
// Eastern Arabic digits become ASCII, and Latin letters are lower-cased.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldRune returns the folded form of r, or -1 when r carries no meaning for
// matching (harakat, tatweel, bidi marks) and must be dropped.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		// ASCII is most of English text and all of the markup around
		// Arabic: skip the table lookups.
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670: // harakat, superscript alef
		return -1
	case r == 0x0640: // tatweel
		return -1
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return -1
	case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
		return 'ا'
	case r == 'ى':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ؤ':
		return 'و'
	case r == 'ئ':
		return 'ي'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹': // Persian digits appear in pasted Arabic text too
		return '0' + (r - '۰')
	case r == 'ـ':
		return -1
	case r >= 0x0600 && r <= 0x08FF, r >= 0xFB50 && r <= 0xFEFF:
		return r // Arabic has no case: skip ToLower's table search
	case r >= 0x2000 && r <= 0x206F:
		return r // nor have the quotes and dashes of General Punctuation
	}
	return unicode.ToLower(r)
}

// Fold returns s in its matching form. It is idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	if IsFolded(s) {
		return s
	}
	return string(AppendFold(make([]byte, 0, len(s)), s))
}

// arabicFold is foldRune for U+0600–U+06FF, whose UTF-8 forms are the two
// bytes D8–DB xx: search folds whole articles for snippets and the index
// folds every saved text, and decoding each rune was most of that time.
var arabicFold = func() (t [256]rune) {
	for i := range t {
		t[i] = foldRune(rune(0x0600 + i))
	}
	return t
}()

// AppendFold appends the folded form of s to dst, for callers folding many
// short words into one reused buffer.
func AppendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		case c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			f := arabicFold[int(c&0x03)<<6|int(s[i+1]&0x3F)]
			switch {
			case f < 0:
			case f < utf8.RuneSelf:
				dst = append(dst, byte(f)) // Arabic-Indic digits
			default: // still in U+0600–U+06FF: two bytes
				dst = append(dst, 0xC0|byte(f>>6), 0x80|byte(f&0x3F))
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if f := foldRune(r); f >= 0 {
			dst = utf8.AppendRune(dst, f)
		}
		i += size
	}
	return dst
}

// IsFolded reports whether s is lower-case ASCII, which Fold returns
// unchanged: search words and most tokens are. A caller folding into its
// own buffer (AppendFold) can keep s itself then.
func IsFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// FoldMap is Fold that also reports, for every rune of the result, the byte
// offset in s of the rune it came from. The extra last entry is len(s), so a
// folded range [i, j) maps back to s[offsets[i]:offsets[j]]. Snippets and
// highlights use it to show the reader's own spelling, not the folded one.
func FoldMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offsets := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i, r := range s {
		if f := foldRune(r); f >= 0 {
			b.WriteRune(f)
			offsets = append(offsets, i)
		}
	}
	offsets = append(offsets, len(s))
	return b.String(), offsets
}

// IsArabic reports whether r is a letter of the Arabic script.
func IsArabic(r rune) bool {
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

// Ignorable reports whether Fold drops r (short vowels, tatweel, invisible
// direction marks), so a word continues across it.
func Ignorable(r rune) bool { return foldRune(r) < 0 }
