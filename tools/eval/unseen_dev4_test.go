package main

import (
	"strings"
	"testing"
)

// The entities split dev4 (testdata/unseen_gold_dev4.json): every form of
// every gold name is in its page's text (case aside: datelines are in
// capitals) and the text is the one annotated, so that a typo in the gold
// cannot pass for a miss of the engine; no events (entities only).
func TestUnseenGoldDev4(t *testing.T) {
	g, truth := goldAndTruth(t, "unseen_gold_dev4.json")
	if len(g.Articles) != 6 {
		t.Fatalf("%d articles, want 6", len(g.Articles))
	}
	types := map[string]bool{"PER": true, "ORG": true, "LOC": true, "PRODUCT": true}
	for _, a := range g.Articles {
		if a.Split != "dev4" || a.Text != "ground-truth" || !a.EntitiesOnly || len(a.Events) != 0 || len(a.Entities) == 0 {
			t.Errorf("%s: split %q text %q, entities only %v, %d events, %d entities",
				short(a.ID), a.Split, a.Text, a.EntitiesOnly, len(a.Events), len(a.Entities))
		}
		body := truth[a.ID]
		if sha(body) != a.BodySHA256 {
			t.Errorf("%s: body hash differs", short(a.ID))
		}
		lower := strings.ToLower(body)
		for _, e := range a.Entities {
			if !types[e.Type] {
				t.Errorf("%s: %q type %q", short(a.ID), e.Name, e.Type)
			}
			for _, f := range append([]string{e.Name}, e.Aliases...) {
				if !strings.Contains(lower, strings.ToLower(f)) {
					t.Errorf("%s: %q not in the text", short(a.ID), f)
				}
			}
		}
	}
}
