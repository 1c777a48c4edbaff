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
	}
	return unicode.ToLower(r)
}

// Fold returns s in its matching form. It is idempotent: Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := foldRune(r); f >= 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
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
