package extractscore

import (
	"math"
	"testing"
)

func TestPassageCounts(t *testing.T) {
	var c PassageCounts
	p := PassagePage{
		With:    []string{"The council  voted\non Tuesday.", "The mayor said so.", "Missing passage."},
		Without: []string{"Read also", "Subscribe\u00a0now"},
	}
	missed, kept := c.Add(p, "The council voted on Tuesday.\n\nThe mayor said so.\n\nSubscribe now")
	if c != (PassageCounts{TP: 2, FN: 1, FP: 1, TN: 1}) {
		t.Fatalf("counts = %+v", c)
	}
	if len(missed) != 1 || missed[0] != "Missing passage." || len(kept) != 1 {
		t.Errorf("missed %q, kept %q", missed, kept)
	}
	pr, r, acc, f1 := c.Scores()
	for name, got := range map[string][2]float64{"p": {pr, 2.0 / 3}, "r": {r, 2.0 / 3}, "acc": {acc, 3.0 / 5}, "f1": {f1, 4.0 / 6}} {
		if math.Abs(got[0]-got[1]) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got[0], got[1])
		}
	}
	// A refused page is empty output: every "with" passage is missed.
	var empty PassageCounts
	empty.Add(p, "")
	if empty.TP != 0 || empty.FN != 3 || empty.TN != 2 {
		t.Errorf("empty output counts = %+v", empty)
	}
}
