package token

import (
	"testing"
	"unicode/utf8"
)

// classify's tables must answer what the full rules answer (the whole
// Basic Multilingual Plane, the tables' ranges among it).
func TestClassifyTablesMatchTheRules(t *testing.T) {
	for r := range rune(utf8.RuneSelf) {
		if got, want := classify(r), classifyRune(r); got != want {
			t.Errorf("classify(%q) = %d, the rules say %d", r, got, want)
		}
	}
	for r := rune(0); r <= 0xFFFF; r++ {
		if got, want := classify(r), classifyRune(r); got != want {
			t.Errorf("classify(%U) = %d, the rules say %d", r, got, want)
		}
	}
	for r, want := range map[rune]class{'a': clLatin, 'Z': clLatin, '7': clDigit, ' ': clSpace, '\v': clSpace, '.': clOther, 0: clOther} {
		if got := classify(r); got != want {
			t.Errorf("classify(%q) = %d, want %d", r, got, want)
		}
	}
}
