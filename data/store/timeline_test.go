package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"annals/data/analysis"
)

// summaryMismatch compares the tables of migration 008 with a GROUP BY
// over events, which is what they stand for; "" when they agree.
func summaryMismatch(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	read := func(q string) []string {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var date, typ string
			var groups, events int
			if err := rows.Scan(&date, &typ, &groups, &events); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s/%s:%d,%d", date, typ, groups, events))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	checks := [][2]string{
		{"SELECT date, '', groups, events FROM timeline_days ORDER BY date",
			"SELECT date, '', count(DISTINCT group_id), count(*) FROM events GROUP BY date ORDER BY date"},
		{"SELECT date, type, groups, events FROM timeline_day_types ORDER BY date, type",
			"SELECT date, type, count(DISTINCT group_id), count(*) FROM events GROUP BY date, type ORDER BY date, type"},
	}
	for _, c := range checks {
		if got, want := read(c[0]), read(c[1]); !slices.Equal(got, want) {
			return fmt.Sprintf("summary\n  %v\nwant\n  %v", got, want)
		}
	}
	return ""
}

// overviewMismatch checks that the overview counts what Timeline returns:
// for f, and for each date window of f, the Groups add up to its items.
func overviewMismatch(t *testing.T, s *Store, f TimelineFilter) string {
	t.Helper()
	ctx := context.Background()
	buckets, err := s.TimelineOverview(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	items, err := s.Timeline(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	perDate := map[string]int{}
	for _, it := range items {
		perDate[it.Date]++
	}
	sum := 0
	for _, b := range buckets {
		sum += b.Groups
		if perDate[b.Date] != b.Groups {
			return fmt.Sprintf("%+v: %s has %d groups, Timeline has %d", f, b.Date, b.Groups, perDate[b.Date])
		}
		if !f.HoldsDate(b.Date) {
			return fmt.Sprintf("%+v: HoldsDate rejects %s", f, b.Date)
		}
	}
	if sum != len(items) {
		return fmt.Sprintf("%+v: overview counts %d groups, Timeline returns %d", f, sum, len(items))
	}
	byType, err := s.TimelineOverviewByType(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range byType {
		tl, err := s.Timeline(ctx, TimelineFilter{From: b.Date, To: b.Date, Within: true, Types: []string{b.Type},
			EntityKeys: f.EntityKeys, ArticleID: f.ArticleID})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range tl {
			if it.Date == b.Date {
				n++
			}
		}
		if n != b.Groups {
			return fmt.Sprintf("%+v by type: %s/%s has %d groups, Timeline has %d", f, b.Date, b.Type, b.Groups, n)
		}
	}
	return ""
}

type tlLib struct {
	s     *Store
	rng   *rand.Rand
	pool  []ent
	dates []string
	types []string
}

// article makes a random analysis: events on a few shared dates, with
// entities from a small pool, so that groups form across articles and
// hold events of different types.
func (l *tlLib) article(t *testing.T, n int) (string, analysis.Result) {
	var sb strings.Builder
	var ents []ent
	var evs []ev
	seen := map[int]bool{}
	for e := range n {
		p1, p2 := l.rng.Intn(len(l.pool)), l.rng.Intn(len(l.pool))
		date := l.dates[l.rng.Intn(len(l.dates))]
		stamp := fmt.Sprintf("on %s #%d", date, e)
		fmt.Fprintf(&sb, "%s met %s %s. ", l.pool[p1].name, l.pool[p2].name, stamp)
		for _, p := range []int{p1, p2} {
			if !seen[p] {
				seen[p] = true
				ents = append(ents, l.pool[p])
			}
		}
		evs = append(evs, ev{date, l.types[l.rng.Intn(len(l.types))], l.pool[p1].name + " met " + l.pool[p2].name, stamp,
			[]string{l.pool[p1].id, l.pool[p2].id}})
	}
	text := sb.String()
	return text, mkResult(t, text, ents, evs...)
}

func newTLLib(t *testing.T, s *Store, seed int64) *tlLib {
	l := &tlLib{s: s, rng: rand.New(rand.NewSource(seed)),
		dates: []string{"2024", "2024-11", "2024-11-28", "2025-01-20", "2025-01-23", "2025-02", "2023-05-01"},
		types: []string{"release", "political", "regulation"}}
	for i := range 8 {
		typ := []string{"person", "organisation", "product", "place"}[i%4]
		name := fmt.Sprintf("Entity%02d", i)
		l.pool = append(l.pool, ent{id: typ + ":" + strings.ToLower(name), name: name, spellings: []string{name}})
	}
	return l
}

// TestTimelineSummaryFollowsEveryChange keeps a random library through
// every kind of write that moves events, and after each compares the
// summary with the events and the overview with Timeline.
func TestTimelineSummaryFollowsEveryChange(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 7)
	var legacy int64 // groups up to it may hold two types (mixTypes)
	check := func(step string) {
		t.Helper()
		if m := summaryMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
		if m := groupMismatchSince(t, s, legacy); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
		filters := []TimelineFilter{{}, {Types: []string{"release"}}, {Types: []string{"release", "political"}},
			{From: "2024-11-15", To: "2025-01"}, {From: "2025", Types: []string{"political"}},
			{EntityKeys: []string{l.pool[1].id}}}
		for _, f := range filters {
			if m := overviewMismatch(t, s, f); m != "" {
				t.Fatalf("after %s: %s", step, m)
			}
		}
	}
	check("nothing")

	// A batch: each article's events wait in group 0 until they are placed.
	var ids []int64
	var results []analysis.Result
	for i := range 30 {
		text, res := l.article(t, 1+l.rng.Intn(5))
		ids = append(ids, saveText(t, s, fmt.Sprintf("https://tl.example/%d", i), fmt.Sprintf("A%d", i), text))
		results = append(results, res)
	}
	if err := s.SaveAnalyses(ctx, ids, results); err != nil {
		t.Fatal(err)
	}
	check("batch save")
	// Groups of two types, which count under both in timeline_day_types,
	// come only from libraries grouped before 011 now: made as they were.
	legacy = mixTypes(t, s, 3)
	check("groups of two types")
	var shared int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT group_id FROM events GROUP BY group_id
		HAVING count(DISTINCT type) > 1)`).Scan(&shared); err != nil || shared == 0 {
		t.Fatalf("the library has no group of two types (%v): the test would miss them", err)
	}

	for i := range 5 {
		text, res := l.article(t, 3)
		id := saveText(t, s, fmt.Sprintf("https://tl.example/one/%d", i), "one", text)
		if err := s.SaveAnalysis(ctx, id, res); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	check("saves one by one")

	// Re-analysis replaces an article's events with others on other dates.
	for _, id := range ids[:6] {
		var text string
		if err := s.db.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", id).Scan(&text); err != nil {
			t.Fatal(err)
		}
		_, res := l.article(t, 0)
		res = mkResult(t, text, l.pool, ev{l.dates[l.rng.Intn(len(l.dates))], "market", "re-read", text[:8], []string{l.pool[0].id}})
		if err := s.SaveAnalysis(ctx, id, res); err != nil {
			t.Fatal(err)
		}
	}
	check("re-analysis")

	event := func(q string) int64 {
		var id int64
		if err := s.db.QueryRowContext(ctx, q).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// the first event of a big group: moving it renumbers the rest (a
	// group whose first event was deleted keeps that event's id)
	lead := event(`SELECT g.group_id FROM (SELECT group_id, count(*) AS n FROM events GROUP BY group_id) g
		JOIN events f ON f.id = g.group_id ORDER BY g.n DESC, g.group_id LIMIT 1`)
	if err := s.EditEvent(ctx, lead, EventEdit{Date: "2022-03-04"}); err != nil {
		t.Fatal(err)
	}
	check("date edit")
	if err := s.EditEvent(ctx, event("SELECT id FROM events WHERE type = 'release' ORDER BY id LIMIT 1"), EventEdit{Type: "agreement"}); err != nil {
		t.Fatal(err)
	}
	check("type edit")
	if err := s.EditEvent(ctx, event("SELECT id FROM events ORDER BY id DESC LIMIT 1"), EventEdit{Title: "only the title"}); err != nil {
		t.Fatal(err)
	}
	check("title edit")
	if err := s.DeleteEvent(ctx, event(`SELECT g.group_id FROM (SELECT group_id FROM events GROUP BY group_id HAVING count(*) > 1) g
		JOIN events f ON f.id = g.group_id ORDER BY g.group_id LIMIT 1`)); err != nil {
		t.Fatal(err)
	}
	check("event delete")
	if err := s.MergeEntities(ctx, l.pool[2].id, l.pool[1].id); err != nil {
		t.Fatal(err)
	}
	check("merge")
	if err := s.SetEntityType(ctx, l.pool[1].id, "place"); err != nil {
		t.Fatal(err)
	}
	check("entity becomes a place")
	if err := s.SetEntityType(ctx, l.pool[3].id, "organisation"); err != nil {
		t.Fatal(err)
	}
	check("a place becomes an organisation")
	if err := s.RenameEntity(ctx, l.pool[3].id, "Renamed", ""); err != nil {
		t.Fatal(err)
	}
	check("entity renamed")
	if err := s.MarkNotEntity(ctx, l.pool[5].id); err != nil {
		t.Fatal(err)
	}
	check("not an entity")
	for _, id := range ids[10:16] {
		if err := s.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	check("article delete")
	if _, err := s.db.ExecContext(ctx, "UPDATE articles SET text = text || ' More.' WHERE id = ?", ids[20]); err != nil {
		t.Fatal(err)
	}
	check("changed text drops the analysis")
	// Re-analysis re-applies the corrections (a type, a merge, a "not an
	// entity") to fresh events.
	var reread []analysis.Result
	for _, id := range ids[17:22] {
		var text string
		if err := s.db.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", id).Scan(&text); err != nil {
			t.Fatal(err)
		}
		evs := []ev{{l.dates[l.rng.Intn(len(l.dates))], "market", "re-read", text[:8], []string{l.pool[1].id, l.pool[2].id, l.pool[3].id}},
			{l.dates[l.rng.Intn(len(l.dates))], "release", "re-read", text[9:16], []string{l.pool[5].id, l.pool[6].id}}}
		reread = append(reread, mkResult(t, text, l.pool, evs...))
	}
	if err := s.SaveAnalyses(ctx, ids[17:22], reread); err != nil {
		t.Fatal(err)
	}
	check("batch re-analysis with corrections")
	// One statement deleting events of many articles.
	if _, err := s.db.ExecContext(ctx, "DELETE FROM events WHERE date = ?", l.dates[0]); err != nil {
		t.Fatal(err)
	}
	check("one date's events deleted at once")
	for _, id := range ids {
		_ = s.Delete(ctx, id)
	}
	check("every article deleted")
	var rows int
	if err := s.db.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM timeline_days) + (SELECT count(*) FROM timeline_day_types)").Scan(&rows); err != nil || rows != 0 {
		t.Errorf("summary rows left in an empty library: %d (%v)", rows, err)
	}
}

// TestTimelineSummaryBackfill runs migration 008 on a library written
// before it: the summary is filled from the events already there.
func TestTimelineSummaryBackfill(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 3)
	var ids []int64
	var results []analysis.Result
	for i := range 20 {
		text, res := l.article(t, 4)
		ids = append(ids, saveText(t, s, fmt.Sprintf("https://tl.example/%d", i), "a", text))
		results = append(results, res)
	}
	if err := s.SaveAnalyses(ctx, ids, results); err != nil {
		t.Fatal(err)
	}
	// Back to the library as it was before 008, then 008 alone: later
	// migrations need not know how to run twice.
	_, err := s.db.ExecContext(ctx, `DROP TRIGGER events_timeline_days_insert; DROP TRIGGER events_timeline_days_delete;
		DROP TRIGGER events_timeline_days_update_old; DROP TRIGGER events_timeline_days_update_new;
		DROP TABLE timeline_days; DROP TABLE timeline_day_types`)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(migrations, func(m migration) bool { return strings.HasPrefix(m.name, "008_") })
	if _, err := s.db.ExecContext(ctx, migrations[i].sql); err != nil {
		t.Fatal(err)
	}
	var days int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM timeline_days").Scan(&days); err != nil || days == 0 {
		t.Fatalf("no summary after the migration: %d, %v", days, err)
	}
	if m := summaryMismatch(t, s); m != "" {
		t.Fatal(m)
	}
}

func TestHoldsDateAgreesWithTimeline(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 11)
	var ids []int64
	var results []analysis.Result
	for i := range 10 {
		text, res := l.article(t, 5)
		ids = append(ids, saveText(t, s, fmt.Sprintf("https://tl.example/%d", i), "a", text))
		results = append(results, res)
	}
	if err := s.SaveAnalyses(ctx, ids, results); err != nil {
		t.Fatal(err)
	}
	all, err := s.TimelineOverview(ctx, TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ranges []TimelineFilter
	for _, r := range [][2]string{{"2024-11-15", "2025-01-20"}, {"2024", "2024"}, {"2025-01", ""}, {"", "2024-11-28"},
		{"2023-06", "2024-10"}, {"2024-11-28", "2024-11-28"}, {"2024-10-30", "2025-02-01"}, {"2024-11-27", "2025-03-01"},
		{"2024-11", "2025-01"}, {"2024", "2025"}} {
		ranges = append(ranges, TimelineFilter{From: r[0], To: r[1]}, TimelineFilter{From: r[0], To: r[1], Within: true})
	}
	for _, f := range ranges {
		r := f
		win, err := s.TimelineOverview(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, b := range win {
			got = append(got, b.Date)
		}
		for _, b := range all {
			if f.HoldsDate(b.Date) {
				want = append(want, b.Date)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: store has %v, HoldsDate %v", r, got, want)
		}
		if m := overviewMismatch(t, s, f); m != "" {
			t.Error(m)
		}
	}
}

func TestHoldsDateWithin(t *testing.T) {
	win := TimelineFilter{From: "2024-10-30", To: "2025-02-01", Within: true}
	overlap := TimelineFilter{From: win.From, To: win.To}
	for _, c := range []struct {
		date            string
		within, overlap bool
	}{
		{"2024-10-30", true, true}, {"2025-02-01", true, true}, {"2024-11", true, true}, {"2025-01", true, true},
		{"2024-10", false, true}, {"2025-02", false, true}, {"2024", false, true}, {"2025", false, true},
		{"2024-10-29", false, false}, {"2025-02-02", false, false}, {"2023", false, false},
	} {
		if got := win.HoldsDate(c.date); got != c.within {
			t.Errorf("within: %s = %v", c.date, got)
		}
		if got := overlap.HoldsDate(c.date); got != c.overlap {
			t.Errorf("overlapping: %s = %v", c.date, got)
		}
	}
	year := TimelineFilter{From: "2024", To: "2024", Within: true}
	for date, want := range map[string]bool{"2024": true, "2024-11": true, "2024-12-31": true, "2023-12-31": false, "2025": false, "202": false} {
		if got := year.HoldsDate(date); got != want {
			t.Errorf("within 2024: %s = %v", date, got)
		}
	}
}

// TimelineEach must hand over exactly what Timeline returns, group by
// group: the whole library (read in one pass with every event's entities
// loaded first, the export's path) and filtered (a lookup per event),
// on a library whose groups gather several articles' events.
func TestTimelineEachIsTimeline(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 19)
	var ids []int64
	var results []analysis.Result
	for i := range 40 {
		text, res := l.article(t, 1+l.rng.Intn(6))
		ids = append(ids, saveText(t, s, fmt.Sprintf("https://each.example/%d", i), fmt.Sprintf("Article %d", i), text))
		results = append(results, res)
	}
	if err := s.SaveAnalyses(ctx, ids, results); err != nil {
		t.Fatal(err)
	}
	// An entity with more mentions than one with a smaller id: the order
	// inside a group follows mentions, then ids.
	if _, err := s.db.ExecContext(ctx, `UPDATE entities SET mention_count = mention_count + 100 WHERE id = (SELECT max(id) FROM entities)`); err != nil {
		t.Fatal(err)
	}
	defer func(n, o, b, m, r, g int) {
		exportBatch, exportOrderChunk, exportBucketEvents, exportSpillBudget, exportReaders, timelineBatchEvents = n, o, b, m, r, g
		exportSpillHook = nil
	}(exportBatch, exportOrderChunk, exportBucketEvents, exportSpillBudget, exportReaders, timelineBatchEvents)
	var spills []string
	var mu sync.Mutex // the hook is called by each reading connection's goroutine
	exportSpillHook = func(path string) { mu.Lock(); spills = append(spills, path); mu.Unlock() }
	for k, f := range []TimelineFilter{{}, {}, {Types: []string{"release"}}, {ArticleID: ids[3]}, {From: "2024-11", To: "2025", Limit: 4}} {
		// The whole library twice: at first by one connection, in one
		// batch, one chunk of the order and one bucket, all in memory;
		// then by two, in batches of three rows, the order read two ids
		// at a time, buckets of five positions, groups handed over two at
		// a time and a budget of 400 bytes, so that groups straddle
		// batches, chunks and buckets, and buckets are written out and
		// read back in several runs.
		exportReaders = 1
		if k == 1 {
			exportBatch, exportOrderChunk, exportBucketEvents, exportSpillBudget, exportReaders, timelineBatchEvents = 3, 2, 5, 400, 2, 2
		}
		want, err := s.Timeline(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []TimelineEvent
		err = s.TimelineEach(ctx, f, func(ev *TimelineEvent) error {
			c := *ev
			c.Sources = slices.Clone(ev.Sources)
			c.Entities = slices.Clone(ev.Entities)
			got = append(got, c)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		multi, ents := 0, 0
		for _, ev := range want {
			if len(ev.Sources) > 1 && len(ev.Entities) > 2 {
				multi++
			}
			ents += len(ev.Entities)
		}
		if f.ArticleID == 0 && f.Limit == 0 && multi == 0 {
			t.Fatalf("%+v: no group holds several sources with their entities: the test would miss the merging", f)
		}
		if len(want) == 0 || ents == 0 {
			t.Fatalf("%+v: %d events, %d entities: nothing to compare", f, len(want), ents)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("%+v: event %d is\n%+v\nwant\n%+v", f, i, got[i], want[i])
				}
			}
			t.Fatalf("%+v: %d events, want %d", f, len(got), len(want))
		}
	}
	// one file per connection that read enough rows (the second may find
	// the ranges all taken once its entities are read)
	if len(spills) == 0 || len(spills) > min(2, runtime.GOMAXPROCS(0)) {
		t.Fatalf("the small budget wrote %d files, want one per connection at most", len(spills))
	}
	for _, f := range spills {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("the export's file %s is left behind: %v", f, err)
		}
	}
	// Stopping early returns fn's error and leaves the connection usable.
	stop := errors.New("enough")
	n := 0
	if err := s.TimelineEach(ctx, TimelineFilter{}, func(*TimelineEvent) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("TimelineEach after an error from fn: %v after %d events", err, n)
	}
	all, err := s.Timeline(ctx, TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// Cancelling stops the export with the context's error, a few groups
	// later (what the next batches hold), and leaves no file behind.
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n, spills = 0, nil
	err = s.TimelineEach(cctx, TimelineFilter{}, func(*TimelineEvent) error {
		if n++; n == 1 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n >= len(all) {
		t.Fatalf("TimelineEach cancelled after its first event: %v after %d events of %d", err, n, len(all))
	}
	for _, f := range spills {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("the cancelled export's file %s is left behind: %v", f, err)
		}
	}
}

// The whole-library export reads the timeline's order from events_timeline
// alone, in its order (no sort of millions of events in a temporary
// b-tree, no jump into the table per event), then the events table once in
// its own order. (A covering index holding every exported column would
// make it one walk, but doubled the events' size on disk, ~8 KB an
// article: every reader pays for the space, few export the whole library.)
func TestExportReadsIndexThenTable(t *testing.T) {
	s := openTemp(t)
	plan := func(q string, args ...any) []string {
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		return plan
	}
	order := plan(exportOrderQuery, "2024", 1, 1, 10)
	if len(order) != 3 || !strings.HasPrefix(order[1], "SEARCH events USING COVERING INDEX events_timeline ") {
		t.Fatalf("the order's plan is %q, want a range of events_timeline alone", order)
	}
	if rows := plan(exportEventsQuery, 1, 100); len(rows) != 1 || rows[0] != "SEARCH events USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" {
		t.Fatalf("the events' plan is %q, want a range of the table", rows)
	}
}

// A library in a read-only folder exports its timeline too: the export's
// own connections open it as the store did (immutable), and the events
// that do not fit in memory go to the temporary folder instead of the
// library's.
func TestTimelineEachOfAReadOnlyLibrary(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "lib")
	s, err := Open(ctx, filepath.Join(dir, "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	l := newTLLib(t, s, 7)
	var ids []int64
	var results []analysis.Result
	for i := range 12 {
		text, res := l.article(t, 1+l.rng.Intn(4))
		ids = append(ids, saveText(t, s, fmt.Sprintf("https://ro.example/%d", i), fmt.Sprintf("Article %d", i), text))
		results = append(results, res)
	}
	if err := s.SaveAnalyses(ctx, ids, results); err != nil {
		t.Fatal(err)
	}
	s.Close()
	makeReadOnly(t, dir)
	s, err = Open(ctx, filepath.Join(dir, "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Fatal("the library opened writable")
	}
	defer func(b, m int) { exportBucketEvents, exportSpillBudget, exportSpillHook = b, m, nil }(exportBucketEvents, exportSpillBudget)
	exportBucketEvents, exportSpillBudget = 4, 100
	var spills []string
	var mu sync.Mutex
	exportSpillHook = func(path string) { mu.Lock(); spills = append(spills, path); mu.Unlock() }
	want, err := s.Timeline(ctx, TimelineFilter{})
	if err != nil || len(want) == 0 {
		t.Fatalf("Timeline: %d events, %v", len(want), err)
	}
	var got []TimelineEvent
	if err := s.TimelineEach(ctx, TimelineFilter{}, func(ev *TimelineEvent) error {
		c := *ev
		c.Sources = slices.Clone(ev.Sources)
		c.Entities = slices.Clone(ev.Entities)
		got = append(got, c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("TimelineEach gave %d events, Timeline %d, not the same", len(got), len(want))
	}
	if len(spills) == 0 {
		t.Fatal("nothing was written out: the test misses the temporary file")
	}
	for _, f := range spills {
		if filepath.Dir(f) == dir {
			t.Errorf("the export wrote %s into the read-only library's folder", f)
		}
	}
}
