package textnorm

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// referenceFoldRune is foldRune before its shortcuts for ranges without
// case (issue 19): every rune it does not drop or map goes to ToLower.
func referenceFoldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670:
		return -1
	case r == 0x0640:
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
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r == 'ـ':
		return -1
	}
	return unicode.ToLower(r)
}

// The shortcuts answer what ToLower would for every rune.
func TestFoldRuneMatchesReference(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := foldRune(r), referenceFoldRune(r); got != want {
			t.Fatalf("foldRune(%U) = %U, the reference gives %U", r, got, want)
		}
	}
}
