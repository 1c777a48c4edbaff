package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
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
