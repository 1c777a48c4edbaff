package store

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"annals/data/analysis"
	"annals/data/capture"

	"annals/internal/testenv"
)

// analysisTables are the rows SaveAnalyses writes, or its triggers do.
// article_analysis is read without analysed_at, the time of the save.
var analysisTables = []string{
	"SELECT * FROM entities",
	"SELECT * FROM entity_aliases",
	"SELECT * FROM mentions",
	"SELECT * FROM events",
	"SELECT * FROM event_entities",
	"SELECT * FROM group_entities",
	"SELECT * FROM timeline_days",
	"SELECT * FROM timeline_day_types",
	"SELECT article_id, version, language, sentences FROM article_analysis",
}

// dumpAnalysisRows returns every row of analysisTables, ids included, one
// line a row, sorted within each table.
func dumpAnalysisRows(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, q := range analysisTables {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%v ", cols[i], v)
			}
			lines = append(lines, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(lines)
		out[q] = lines
	}
	return out
}

// compareAnalysisRows fails unless ref and got hold the same rows; it
// also fails when there is nothing to compare.
func compareAnalysisRows(t *testing.T, step string, ref, got *Store) {
	t.Helper()
	a, b := dumpAnalysisRows(t, ref), dumpAnalysisRows(t, got)
	for _, q := range analysisTables[:5] {
		if len(a[q]) == 0 {
			t.Fatalf("%s: %s: no rows to compare", step, q)
		}
	}
	for _, q := range analysisTables {
		if slices.Equal(a[q], b[q]) {
			continue
		}
		t.Errorf("%s: %s: %d rows by the writer of d2fee27, %d now", step, q, len(a[q]), len(b[q]))
		shown := 0
		for _, l := range a[q] {
			if _, ok := slices.BinarySearch(b[q], l); !ok && shown < 5 {
				t.Errorf("  only in the reference: %s", l)
				shown++
			}
		}
		for _, l := range b[q] {
			if _, ok := slices.BinarySearch(a[q], l); !ok && shown < 10 {
				t.Errorf("  only now: %s", l)
				shown++
			}
		}
	}
}

func (s *Store) saveAnalysesRef(ctx context.Context, ids []int64, rs []analysis.Result) error {
	return s.saveAnalyses(ctx, ids, rs, func(ctx context.Context, tx sqlTx, _ preparer) (analysisRowWriter, error) {
		return prepareRefAnalysisWriter(ctx, tx)
	})
}

// twinStores opens two libraries and saves as to both: ref's analyses are
// saved by the writer of d2fee27, got's by SaveAnalyses, in batches of
// batch articles.
func twinStores(t *testing.T, as func() []*Article, rs []analysis.Result, batch int) (ref, got *Store, ids []int64) {
	t.Helper()
	ctx := context.Background()
	var err error
	if ref, err = Open(ctx, filepath.Join(t.TempDir(), "ref.db")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	if got, err = Open(ctx, filepath.Join(t.TempDir(), "got.db")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { got.Close() })
	if ids, err = ref.SaveArticles(ctx, as()); err != nil {
		t.Fatal(err)
	}
	if ids2, err := got.SaveArticles(ctx, as()); err != nil || !slices.Equal(ids, ids2) {
		t.Fatalf("SaveArticles: %v, ids %v and %v", err, ids, ids2)
	}
	saveBoth(t, ref, got, ids, rs, batch)
	return ref, got, ids
}

func saveBoth(t *testing.T, ref, got *Store, ids []int64, rs []analysis.Result, batch int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < len(ids); i += batch {
		j := min(i+batch, len(ids))
		if err := ref.saveAnalysesRef(ctx, ids[i:j], rs[i:j]); err != nil {
			t.Fatal(err)
		}
		if err := got.SaveAnalyses(ctx, ids[i:j], rs[i:j]); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAnalysisWriterMatchesReference checks that the batch writer stores
// exactly the rows the one-statement-per-row writer of d2fee27 stored,
// before and after the user's corrections and on re-analysis.
func TestAnalysisWriterMatchesReference(t *testing.T) {
	for _, from := range []int{0, 1 << 30} {
		t.Run(fmt.Sprintf("counting mentions from %d", from), func(t *testing.T) {
			defer func(old int) { countMentionsFrom = old }(countMentionsFrom)
			countMentionsFrom = from
			analysisWriterMatchesReference(t)
		})
	}
}

func analysisWriterMatchesReference(t *testing.T) {
	ctx := context.Background()
	articles := func() []*Article {
		as := bulkArticles()
		// Long enough for more mentions than one multi-row INSERT holds.
		as = append(as, &Article{URL: "https://example.com/long", Title: "Long", Text: analysis.SyntheticArticle(4000),
			Saved: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)})
		return as
	}
	rs := analyseAll(t, articles())
	mentions := 0
	for _, e := range rs[len(rs)-1].Entities {
		mentions += len(e.Mentions)
	}
	if mentions <= multiRowMax {
		t.Fatalf("the long article has %d mentions, no more than one statement's %d", mentions, multiRowMax)
	}
	ref, got, ids := twinStores(t, articles, rs, 3)
	compareAnalysisRows(t, "first save", ref, got)

	// The same corrections on both, then every article analysed again.
	ents, err := ref.Entities(ctx, EntityFilter{})
	if err != nil || len(ents) < 8 {
		t.Fatalf("%d entities: %v", len(ents), err)
	}
	var place, other []string
	for _, e := range ents {
		if e.Type == "place" {
			place = append(place, e.Key)
		} else {
			other = append(other, e.Key)
		}
	}
	if len(place) < 2 || len(other) < 5 {
		t.Fatalf("places %v, others %v: too few to correct", place, other)
	}
	evs, err := ref.Timeline(ctx, TimelineFilter{})
	if err != nil || len(evs) < 2 {
		t.Fatalf("%d events: %v", len(evs), err)
	}
	for _, s := range []*Store{ref, got} {
		steps := []error{
			s.RenameEntity(ctx, other[0], "Renamed One", "اسم جديد"),
			s.SetEntityType(ctx, other[1], "place"),
			s.SetEntityType(ctx, place[0], "organisation"),
			s.MergeEntities(ctx, other[2], other[3]),
			s.MarkNotEntity(ctx, other[4]),
			s.AddAlias(ctx, place[1], "Another Spelling"),
			s.EditEvent(ctx, evs[0].Sources[0].EventID, EventEdit{Title: "Edited title", Type: evs[0].Type, Date: evs[0].Date, Precision: evs[0].Precision}),
			s.DeleteEvent(ctx, evs[1].Sources[0].EventID),
		}
		for i, err := range steps {
			if err != nil {
				t.Fatalf("correction %d: %v", i, err)
			}
		}
	}
	compareAnalysisRows(t, "corrected", ref, got)
	saveBoth(t, ref, got, ids, rs, 4)
	compareAnalysisRows(t, "re-analysed with corrections", ref, got)
	// An article analysed on its own by an analysis that found less.
	less := rs[0]
	less.Entities = less.Entities[:len(less.Entities)/2]
	less.Events = less.Events[:len(less.Events)/2]
	saveBoth(t, ref, got, ids[:1], []analysis.Result{less}, 1)
	compareAnalysisRows(t, "another analysis", ref, got)
}

// TestAnalysisWriterMatchesReferenceOnBenchPages stores the analyses of
// the extraction benchmark's pages (the 181-page library of issue 19) with
// both writers and compares every row. It skips when the benchmark's
// pages are absent.
func TestAnalysisWriterMatchesReferenceOnBenchPages(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 181 pages")
	}
	docs, rs := benchAnalyses(t)
	copies := func() []*Article {
		out := make([]*Article, len(docs))
		for i, d := range docs {
			c := *d
			out[i] = &c
		}
		return out
	}
	ref, got, ids := twinStores(t, copies, rs, 16)
	compareAnalysisRows(t, "181 pages", ref, got)
	// Re-analysis replaces the rows of articles already analysed.
	saveBoth(t, ref, got, ids, rs, 64)
	compareAnalysisRows(t, "181 pages again", ref, got)
}

// benchAnalyses captures and analyses the extraction benchmark's pages,
// or skips when they are absent.
func benchAnalyses(tb testing.TB) ([]*Article, []analysis.Result) {
	tb.Helper()
	ctx := context.Background()
	var docs []*Article
	pages := testenv.ExtractionPages(tb)
	for i, html := range pages {
		u, _ := url.Parse(fmt.Sprintf("https://site%d.example/%d", i%20, i))
		d, err := capture.Parse(ctx, html, "text/html; charset=utf-8", u)
		if err != nil || strings.TrimSpace(d.Text) == "" {
			continue
		}
		docs = append(docs, &Article{URL: u.String(), Title: d.Title, Text: d.Text, Language: d.Language,
			Saved: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	}
	if len(docs) < len(pages)*9/10 {
		tb.Fatalf("%d of %d pages captured", len(docs), len(pages))
	}
	var rs []analysis.Result
	for _, a := range docs {
		r, err := analysis.Analyze(ctx, analysis.Input{Text: a.Text, Title: a.Title})
		if err != nil {
			tb.Fatal(err)
		}
		rs = append(rs, r)
	}
	return docs, rs
}

// BenchmarkSaveAnalysesBenchPages saves the analyses of the 181 bench
// pages into a library holding their articles, with the writer of d2fee27
// (ref) and with SaveAnalyses (new), one after the other in each
// iteration so both see the same load, and reports the CPU of each per
// page (issue 19: saving analyses was about 1 ms a page). Run with
// -test.cpu 1.
func BenchmarkSaveAnalysesBenchPages(b *testing.B) {
	docs, rs := benchAnalyses(b)
	ctx := context.Background()
	var cpu [2]time.Duration
	var alloc [2]uint64
	for i := 0; i < b.N; i++ {
		for w, save := range []func(*Store, []int64, []analysis.Result) error{
			func(s *Store, ids []int64, rs []analysis.Result) error { return s.saveAnalysesRef(ctx, ids, rs) },
			func(s *Store, ids []int64, rs []analysis.Result) error { return s.SaveAnalyses(ctx, ids, rs) },
		} {
			b.StopTimer()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"))
			if err != nil {
				b.Fatal(err)
			}
			as := make([]*Article, len(docs))
			for k, d := range docs {
				c := *d
				as[k] = &c
			}
			ids, err := s.SaveArticles(ctx, as)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			b.StartTimer()
			c0 := processCPU()
			// In batches of 64, as data/library saves them (saveBatch).
			for k := 0; k < len(ids); k += 64 {
				j := min(k+64, len(ids))
				if err := save(s, ids[k:j], rs[k:j]); err != nil {
					b.Fatal(err)
				}
			}
			cpu[w] += processCPU() - c0
			runtime.ReadMemStats(&m1)
			alloc[w] += m1.TotalAlloc - m0.TotalAlloc
			s.Close()
		}
	}
	n := float64(len(docs) * b.N)
	b.ReportMetric(float64(cpu[0].Microseconds())/1e3/n, "ref-cpu-ms/page")
	b.ReportMetric(float64(cpu[1].Microseconds())/1e3/n, "new-cpu-ms/page")
	b.ReportMetric(float64(alloc[0])/1024/n, "ref-KB/page")
	b.ReportMetric(float64(alloc[1])/1024/n, "new-KB/page")
}
