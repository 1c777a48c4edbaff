package token

import (
	"math/rand"
	"testing"
	"unicode/utf8"
)

// TestASCIIBytesCountsByteByByte checks the eight-at-a-time count against
// the plain loop on texts of every length up to 40 around multiples of
// eight, mixing ASCII, Arabic, other letters and invalid bytes.
func TestASCIIBytesCountsByteByByte(t *testing.T) {
	pieces := []string{"a", " ", "7", "ب", "é", "—", "\x80", "\xff", "𝔸", "Z"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 2000; n++ {
		var b []byte
		for len(b) < n%40 {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		text := string(b)
		want := 0
		for i := 0; i < len(text); i++ {
			if text[i] < utf8.RuneSelf {
				want++
			}
		}
		if got := asciiBytes(text); got != want {
			t.Fatalf("asciiBytes(%q) = %d, want %d", text, got, want)
		}
	}
}
