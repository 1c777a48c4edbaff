package readability

import (
	"math/rand"
	"strings"
	"testing"
)

// TestSummarizeTextMatchesCounters checks the Annals counting shortcut
// (summarizeText + apply) against the rune-by-rune counters it replaces, on
// strings built from spaces of every kind, commas, letters and broken UTF-8,
// from every counter state.
func TestSummarizeTextMatchesCounters(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u0085", ",", "\u060c", "\uff0c",
		"a", "Z", "é", "ب", "中", "\xff", "\xe2\x80", "word", "", "\u200b", "\v", "\f", "\r"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := rng.Intn(8); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		for _, start := range []charCounter{{}, {Total: 3, seenNonSpace: true}, {Total: 3, seenNonSpace: true, lastCharWasSpace: true}, {lastCharWasSpace: true}} {
			want, got := start, start
			var commas commaCounter
			for _, r := range s {
				want.Count(r)
				commas.Count(r)
			}
			run := summarizeText(s)
			got.apply(&run)
			if got != want || run.commas != commas.Total {
				t.Fatalf("%q from %+v: got %+v and %d commas, the counters give %+v and %d", s, start, got, run.commas, want, commas.Total)
			}
		}
	}
}
