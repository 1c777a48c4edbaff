package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"annals/data/analysis"
)

// bulkArticles are texts that share dates and entities, so events group
// across articles.
func bulkArticles() []*Article {
	var as []*Article
	for i := range 6 {
		text := analysis.SyntheticArticle(120 + 40*i)
		if i%2 == 1 {
			text = "قال دونالد ترمب في 20 يناير 2025 إن الاتفاق مع الصين جاهز.\n\n" + text
		}
		as = append(as, &Article{
			URL: fmt.Sprintf("https://example.com/a/%d", i), Title: fmt.Sprintf("Article %d", i), Text: text,
			Saved: time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC), Tags: []string{"bulk"},
		})
	}
	return as
}

func analyseAll(t *testing.T, as []*Article) []analysis.Result {
	t.Helper()
	var rs []analysis.Result
	for _, a := range as {
		r, err := analysis.Analyze(context.Background(), analysis.Input{Text: a.Text, Title: a.Title})
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return rs
}

// TestSaveArticlesAndAnalysesMatchOneByOne checks that the batch methods
// leave the library as saving each article and its analysis would.
func TestSaveArticlesAndAnalysesMatchOneByOne(t *testing.T) {
	ctx := context.Background()
	one, err := Open(ctx, filepath.Join(t.TempDir(), "one.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	bulk, err := Open(ctx, filepath.Join(t.TempDir(), "bulk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer bulk.Close()

	as := bulkArticles()
	rs := analyseAll(t, as)
	for i, a := range as {
		id, created, err := one.SaveArticle(ctx, a)
		if err != nil || !created {
			t.Fatalf("SaveArticle: %v, created %v", err, created)
		}
		if err := one.SaveAnalysis(ctx, id, rs[i]); err != nil {
			t.Fatal(err)
		}
	}
	bs := bulkArticles()
	ids, err := bulk.SaveArticles(ctx, bs)
	if err != nil {
		t.Fatal(err)
	}
	if err := bulk.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	// Saving the same pages again updates them instead of adding copies.
	again, err := bulk.SaveArticles(ctx, bulkArticles())
	if err != nil || !reflect.DeepEqual(again, ids) {
		t.Fatalf("second SaveArticles = %v, %v; want %v", again, err, ids)
	}
	if err := bulk.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	// The user's corrections are re-applied alike by both ways of saving.
	ents, err := one.Entities(ctx, EntityFilter{})
	if err != nil || len(ents) < 2 {
		t.Fatalf("entities: %v, %v", ents, err)
	}
	for _, st := range []*Store{one, bulk} {
		if err := st.RenameEntity(ctx, ents[0].Key, "Renamed", ""); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkNotEntity(ctx, ents[len(ents)-1].Key); err != nil {
			t.Fatal(err)
		}
	}
	for i, a := range as {
		if err := one.SaveAnalysis(ctx, a.ID, rs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := bulk.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	if n, _ := bulk.Count(ctx); n != len(as) {
		t.Fatalf("Count = %d, want %d", n, len(as))
	}

	for i := range as {
		a, b := as[i], bs[i]
		if a.ID != b.ID {
			t.Fatalf("ids differ: %d vs %d", a.ID, b.ID)
		}
		ga, _ := one.Get(ctx, a.ID)
		gb, _ := bulk.Get(ctx, b.ID)
		ga.Updated, gb.Updated = time.Time{}, time.Time{}
		if !reflect.DeepEqual(ga, gb) {
			t.Errorf("article %d differs:\n%+v\n%+v", a.ID, ga, gb)
		}
	}
	ta, err := one.Timeline(ctx, TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := bulk.Timeline(ctx, TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ta) == 0 || len(ta) != len(tb) {
		t.Fatalf("timeline: %d vs %d events", len(ta), len(tb))
	}
	grouped := false
	for i := range ta {
		// Event and entity row ids may differ; the groups and what they
		// hold may not.
		if ta[i].Date != tb[i].Date || ta[i].Title != tb[i].Title || len(ta[i].Sources) != len(tb[i].Sources) {
			t.Fatalf("timeline event %d differs: %+v vs %+v", i, ta[i], tb[i])
		}
		if len(ta[i].Sources) > 1 {
			grouped = true
		}
		for k := range ta[i].Sources {
			if ta[i].Sources[k].ArticleID != tb[i].Sources[k].ArticleID {
				t.Fatalf("timeline event %d source %d differs", i, k)
			}
		}
		if !reflect.DeepEqual(ta[i].Entities, tb[i].Entities) {
			t.Fatalf("timeline event %d entities differ: %v vs %v", i, ta[i].Entities, tb[i].Entities)
		}
	}
	if !grouped {
		t.Error("no event grouped across articles; the test texts should share events")
	}
	ea, _ := one.Entities(ctx, EntityFilter{})
	eb, _ := bulk.Entities(ctx, EntityFilter{})
	if !reflect.DeepEqual(ea, eb) {
		t.Errorf("entities differ:\n%v\n%v", ea, eb)
	}
}

func TestSaveAnalysesChecks(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveAnalyses(ctx, []int64{1}, nil); err == nil {
		t.Error("SaveAnalyses with mismatched lengths succeeded")
	}
	if err := s.SaveAnalyses(ctx, []int64{42}, []analysis.Result{{}}); err != ErrNotFound {
		t.Errorf("SaveAnalyses of a missing article = %v, want ErrNotFound", err)
	}
	if _, err := s.SaveArticles(ctx, []*Article{{Title: "no URL"}}); err == nil {
		t.Error("SaveArticles without URL succeeded")
	}
}

// A batch whose pages repeat a URL, name another page of the batch as
// their canonical URL, or update articles saved before, is saved as
// saving its articles one by one would: the same ids, rows and search
// results.
func TestSaveArticlesWithRepeatsMatchesOneByOne(t *testing.T) {
	ctx := context.Background()
	page := func(url, canonical, title string) *Article {
		return &Article{URL: url, CanonicalURL: canonical, Title: title, Text: title + " " + analysis.SyntheticArticle(60),
			Saved: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Tags: []string{"t-" + title}}
	}
	before := func() []*Article { return []*Article{page("https://r.example/old", "", "Old")} }
	batch := func() []*Article {
		return []*Article{
			page("https://r.example/a", "", "Alpha"),
			page("https://r.example/b", "", "Bravo"),
			page("https://r.example/a", "", "Again"),                    // the first page again
			page("https://r.example/d", "https://r.example/b", "Delta"), // canonical: the second
			page("https://r.example/old", "", "Newer"),                  // saved before
			page("https://r.example/e", "", "Echo"),
		}
	}
	one, bulk := openTemp(t), openTemp(t)
	for _, st := range []*Store{one, bulk} {
		if _, err := st.SaveArticles(ctx, before()); err != nil {
			t.Fatal(err)
		}
	}
	var want []int64
	for _, a := range batch() {
		id, _, err := one.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	got, err := bulk.SaveArticles(ctx, batch())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SaveArticles ids %v, one by one %v", got, want)
	}
	if got[0] != got[2] || got[1] != got[3] {
		t.Fatalf("ids %v: repeated pages should share their article", got)
	}
	for _, id := range slices.Compact(slices.Sorted(slices.Values(got))) {
		a, err := one.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := bulk.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		a.Updated, b.Updated = time.Time{}, time.Time{}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("article %d differs:\n%+v\n%+v", id, a, b)
		}
	}
	for _, q := range []string{"Alpha", "Again", "Bravo", "Delta", "Newer", "Old", "Echo"} {
		ha, err := one.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		hb, err := bulk.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(ha) != len(hb) {
			t.Fatalf("search %q: %d hits one by one, %d in a batch", q, len(ha), len(hb))
		}
		for k := range ha {
			if ha[k].ID != hb[k].ID {
				t.Errorf("search %q hit %d: %d vs %d", q, k, ha[k].ID, hb[k].ID)
			}
		}
	}
}

// The search index writes a new segment whenever a statement of a
// transaction opens a savepoint after it was written to, as inserting an
// article does: a batch's new articles go in in one statement, so the
// batch is one segment, not one per article (with merging off, the
// segments can be counted).
func TestSaveArticlesIndexesABatchAsOneSegment(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, q := range []string{"INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0)",
		"INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 1000)"} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	segments := func() int {
		t.Helper()
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(DISTINCT segid) FROM articles_fts_idx").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for round := range 2 {
		as := bulkArticles()
		for _, a := range as {
			a.URL += fmt.Sprintf("?round=%d", round)
		}
		if _, err := s.SaveArticles(ctx, as); err != nil {
			t.Fatal(err)
		}
		if n := segments(); n != round+1 {
			t.Fatalf("after %d batches of %d articles: %d segments, want %d", round+1, len(as), n, round+1)
		}
	}
	hits, err := s.Search(ctx, "Article", 20)
	if err != nil || len(hits) != 12 {
		t.Fatalf("search: %d hits, %v; want the 12 articles", len(hits), err)
	}
}
