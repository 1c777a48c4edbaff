package store

import (
	"context"
	"fmt"
	"testing"

	"annals/data/analysis"
)

// Replicate makes the library times as large through the schema's own
// triggers: every count the app keeps (timeline summaries, entity counts,
// the search index) must agree with the rows, and copies must differ from
// their originals where the brief says (ids, urls, titles, dates).
func TestReplicateKeepsTheLibraryConsistent(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 5)
	var ids []int64
	var results []analysis.Result
	for i := range 12 {
		text, res := l.article(t, 1+l.rng.Intn(4))
		ids = append(ids, saveText(t, s, fmt.Sprintf("https://rep.example/%d", i), fmt.Sprintf("Report %d", i), text))
		results = append(results, res)
	}
	if err := s.SaveAnalyses(ctx, ids, results); err != nil {
		t.Fatal(err)
	}
	counts := func() (n [5]int) {
		t.Helper()
		if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
			(SELECT count(*) FROM mentions), (SELECT count(*) FROM event_entities), (SELECT count(*) FROM article_analysis)`).
			Scan(&n[0], &n[1], &n[2], &n[3], &n[4]); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := counts()
	hitsBefore, err := s.SearchWith(ctx, "met", SearchOptions{Limit: 1000})
	if err != nil || len(hitsBefore.Hits) == 0 {
		t.Fatalf("search before: %d hits, %v", len(hitsBefore.Hits), err)
	}
	tlBefore, err := s.Timeline(ctx, TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}

	if err := s.Replicate(ctx, 3, nil); err != nil {
		t.Fatal(err)
	}
	after := counts()
	for i := range before {
		if after[i] != 3*before[i] || before[i] == 0 {
			t.Fatalf("counts (articles, events, mentions, event entities, analyses) %v after 3 copies of %v", after, before)
		}
	}
	if m := summaryMismatch(t, s); m != "" {
		t.Fatal(m)
	}
	var wrongCounts int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM entities n WHERE mention_count <> (SELECT count(*) FROM mentions WHERE entity_id = n.id)
		OR article_count <> (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = n.id)
		OR event_count <> (SELECT count(*) FROM event_entities WHERE entity_id = n.id)`).Scan(&wrongCounts); err != nil || wrongCounts > 0 {
		t.Fatalf("%d entities whose counts disagree with their rows (%v)", wrongCounts, err)
	}
	hits, err := s.SearchWith(ctx, "met", SearchOptions{Limit: 1000})
	if err != nil || len(hits.Hits) != 3*len(hitsBefore.Hits) {
		t.Fatalf("search finds %d articles after 3 copies of %d (%v)", len(hits.Hits), len(hitsBefore.Hits), err)
	}
	tl, err := s.Timeline(ctx, TimelineFilter{})
	if err != nil || len(tl) != 3*len(tlBefore) {
		t.Fatalf("the timeline holds %d groups after 3 copies of %d (%v)", len(tl), len(tlBefore), err)
	}
	// A copy is not its original: another url and title, saved and dated
	// earlier.
	var url, title, saved, origSaved, date, origDate string
	if err := s.db.QueryRowContext(ctx, `SELECT c.url, c.title, c.saved, o.saved FROM articles c JOIN articles o ON o.id = ?
		WHERE c.id = ? + 2 * (SELECT max(id) FROM articles) / 3`, ids[0], ids[0]).Scan(&url, &title, &saved, &origSaved); err != nil {
		t.Fatal(err)
	}
	if url != "https://rep.example/0#copy-2" || title != "Report 0 ·2" || saved >= origSaved {
		t.Errorf("copy 2 of article 0: %q %q saved %s (the original %s)", url, title, saved, origSaved)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT c.date, o.date FROM events o JOIN events c ON c.id = o.id + (SELECT max(id) FROM events) / 3
		WHERE o.id = (SELECT min(id) FROM events)`).Scan(&date, &origDate); err != nil {
		t.Fatal(err)
	}
	var y, oy int
	fmt.Sscanf(date, "%d", &y)
	fmt.Sscanf(origDate, "%d", &oy)
	if y != oy-1 || date[4:] != origDate[4:] {
		t.Errorf("copy 1 of an event dated %s is dated %s, want a year earlier", origDate, date)
	}
}
