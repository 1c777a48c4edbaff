package library

import (
	"context"
	"strings"
	"testing"

	"annals/internal/testenv"
)

// TestSearchAcrossScripts saves both samples into a real SQLite library
// (analysis included) and searches for a person by one script's spelling:
// the other script's article is found through the entity, and says so.
func TestSearchAcrossScripts(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	ar, en := testenv.SeedHTML(t), testenv.Sample(t, "annals-sample-en.html")
	res, err := l.Add(ctx, ar, en).Wait()
	if err != nil || len(res.IDs) != 2 {
		t.Fatalf("add samples: %+v, %v", res, err)
	}
	arID, enID := res.IDs[0], res.IDs[1]

	check := func(query string, textID, entityID int64, spellings ...string) {
		t.Helper()
		hits, err := l.Search(ctx, query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var byWords, byEntity bool
		for _, h := range hits {
			switch {
			case h.ID == textID && h.Entity == nil:
				byWords = true
			case h.ID == entityID && h.Entity != nil:
				byEntity = true
				if h.Entity.Key != "person:donald-trump" {
					t.Errorf("%q: article %d found through %+v, want person:donald-trump", query, h.ID, *h.Entity)
				}
				ok := false
				for _, s := range spellings {
					ok = ok || h.Entity.Spelling == s
				}
				if !ok {
					t.Errorf("%q: spelling %q, want one of %q", query, h.Entity.Spelling, spellings)
				}
				if len(h.Matches) != 1 || h.Snippet[h.Matches[0].Start:h.Matches[0].End] != h.Entity.Spelling {
					t.Errorf("%q: snippet %q does not mark %q (%v)", query, h.Snippet, h.Entity.Spelling, h.Matches)
				}
				why := h.Entity.Why()
				if !strings.Contains(why, "Donald Trump") || !strings.Contains(why, "ترمب") {
					t.Errorf("%q: reason %q names neither spelling", query, why)
				}
			}
		}
		if !byWords || !byEntity {
			t.Fatalf("%q: found by its words %v, through the entity %v; hits %+v", query, byWords, byEntity, hits)
		}
	}
	check("Trump", enID, arID, "ترمب", "ترامب", "دونالد ترمب", "دونالد ترامب")
	check("ترمب", arID, enID, "Trump", "Donald Trump", "Donald J. Trump", "President Trump")

	// a query naming no entity finds nothing through entities
	hits, err := l.Search(ctx, "كوكاكولا", 10)
	if err != nil || len(hits) != 0 {
		t.Fatalf("unknown word: %+v, %v", hits, err)
	}
}
