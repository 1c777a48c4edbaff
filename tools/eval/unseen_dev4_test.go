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
	checkEntitiesSplit(t, "unseen_gold_dev4.json", "dev4", 6)
}

// The entities split dev5 (testdata/unseen_gold_dev5.json, pages chosen by
// the SHA-256 of their ids): the same checks as dev4's.
func TestUnseenGoldDev5(t *testing.T) {
	checkEntitiesSplit(t, "unseen_gold_dev5.json", "dev5", 8)
}

// checkEntitiesSplit checks an entities-only split: its size, that every
// article is entities only on the ground-truth text, that the text hashes
// to what was annotated and that every form of every name is in it.
func checkEntitiesSplit(t *testing.T, file, split string, articles int) {
	t.Helper()
	g, truth := goldAndTruth(t, file)
	if len(g.Articles) != articles {
		t.Fatalf("%d articles, want %d", len(g.Articles), articles)
	}
	types := map[string]bool{"PER": true, "ORG": true, "LOC": true, "PRODUCT": true}
	for _, a := range g.Articles {
		if a.Split != split || a.Text != "ground-truth" || !a.EntitiesOnly || len(a.Events) != 0 || len(a.Entities) == 0 {
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
