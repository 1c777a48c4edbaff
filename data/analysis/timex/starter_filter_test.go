package timex

import "testing"

// TestStarterFilterKeepsEveryStarter: markStrong skips the look-up of a
// word the filter rejects, so no word of either list may be rejected; and
// the filter must reject most other words, or it is no use.
func TestStarterFilterKeepsEveryStarter(t *testing.T) {
	for w := range starterBits {
		if !mayStart(w) {
			t.Errorf("mayStart(%q) = false for a word of the starter lists", w)
		}
	}
	others := []string{"company", "said", "president", "and", "of", "which", "government", "people",
		"market", "would", "could", "billion", "shares", "police", "مدينة", "الحكومة", "قال", "الرئيس"}
	passed := 0
	for _, w := range others {
		if starterBits[w] == 0 && mayStart(w) {
			passed++
		}
	}
	if passed > len(others)/3 {
		t.Errorf("the filter let %d of %d ordinary words through", passed, len(others))
	}
}
