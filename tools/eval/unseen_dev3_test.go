package main

import (
	"strings"
	"testing"
)

// The events split dev3 (testdata/unseen_gold_dev3.json): every quote is in
// its page's text once and every date is a gold date, so that a typo in the
// gold cannot pass for a miss of the engine; its articles carry no entities
// (events only), which the scorer leaves out of the entity figures.
func TestUnseenGoldDev3(t *testing.T) {
	g, truth := goldAndTruth(t, "unseen_gold_dev3.json")
	if len(g.Articles) < 6 || len(g.Articles) > 8 {
		t.Fatalf("%d articles, want 6-8", len(g.Articles))
	}
	for _, a := range g.Articles {
		if a.Split != "dev3" || a.Text != "ground-truth" || len(a.Entities) != 0 || a.EntitiesOnly {
			t.Errorf("%s: split %q text %q, %d entities", short(a.ID), a.Split, a.Text, len(a.Entities))
		}
		body := truth[a.ID]
		if sha(body) != a.BodySHA256 {
			t.Errorf("%s: body hash differs", short(a.ID))
		}
		for _, e := range a.Events {
			if n := strings.Count(body, e.Quote); n != 1 {
				t.Errorf("%s: quote %q found %d times", short(a.ID), e.Quote, n)
			}
			if !dateRight(e.Date, e.Date) || len(e.Date) < 4 {
				t.Errorf("%s: date %q", short(a.ID), e.Date)
			}
		}
	}
}
