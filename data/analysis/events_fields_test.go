package analysis

import (
	"strings"
	"testing"
)

// TestFewerThanTwoFieldsAsStringsFields compares fewerThanTwoFields with
// len(strings.Fields(s)) < 2 on words, spaces of several kinds, Arabic and
// invalid UTF-8.
func TestFewerThanTwoFieldsAsStringsFields(t *testing.T) {
	pieces := []string{"a", "Biden", " ", "\t", "\n", "\u00a0", "\u2003", "\u200b", "قال", "\xff", "—", "", "2024"}
	var walk func(prefix string, depth int)
	checked := 0
	walk = func(s string, depth int) {
		if got, want := fewerThanTwoFields(s), len(strings.Fields(s)) < 2; got != want {
			t.Errorf("fewerThanTwoFields(%q) = %v, want %v", s, got, want)
		}
		checked++
		if depth == 0 {
			return
		}
		for _, p := range pieces {
			walk(s+p, depth-1)
		}
	}
	walk("", 4)
	if checked < 10000 {
		t.Fatalf("checked only %d strings", checked)
	}
}
