package main

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"annals/data/analysis"
	"annals/data/library"
	"annals/data/store"
	"annals/data/textnorm"
	"annals/data/transfer"

	_ "github.com/mattn/go-sqlite3" // "sqlite3" for the raw edits on the re-analysis copy
)

// runScale builds a synthetic library for each n and measures it. It
// returns the path of the 10k library (for the cold start), "" when none.
func runScale(root, scratch string, ns []int, quick, measure bool) string {
	c, err := loadCorpus(root)
	if err != nil {
		skip("library at scale: %v", err)
		return ""
	}
	logf("scale: corpus of %d English and %d Arabic sentences, %d gazetteer entities in both scripts", len(c.en), len(c.ar), len(c.entities))
	lib10k := ""
	for _, n := range ns {
		if !measure && n != 10000 {
			continue
		}
		db := filepath.Join(scratch, fmt.Sprintf("lib%d", n), "annals.db")
		if err := scaleOne(c, db, n, quick, measure); err != nil {
			skip("library of %d: %v", n, err)
			continue
		}
		if n == 10000 {
			lib10k = db
		}
	}
	if lib10k == "" && !measure {
		db := filepath.Join(scratch, "lib10000", "annals.db")
		if err := scaleOne(c, db, 10000, quick, false); err == nil {
			lib10k = db
		}
	}
	return lib10k
}

// generate writes n articles and their analysis into a new library: the
// articles are made and analysed on every core, then written by one
// writer, SaveArticles and SaveAnalyses per batch of 500 (one transaction
// each).
func generate(c *corpus, db string, n int) (time.Duration, error) {
	ctx := context.Background()
	os.RemoveAll(filepath.Dir(db))
	st, err := store.Open(ctx, db)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	g := analysis.DefaultGazetteer()
	type item struct {
		i   int
		a   *store.Article
		res analysis.Result
	}
	const batch = 500
	t0 := time.Now()
	jobs := make(chan int, 256)
	done := make(chan item, 2*batch)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range jobs {
				a := c.article(i)
				r, _ := analysis.Analyze(ctx, analysis.Input{Text: a.Text, Title: a.Title, Language: a.Language, Published: a.Published, Gazetteer: g})
				done <- item{i, a, r}
			}
		})
	}
	go func() {
		for i := range n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()
	var pending []item
	flush := func() error {
		// Oldest first, like a library filled over the years.
		slices.SortFunc(pending, func(a, b item) int { return b.i - a.i })
		as := make([]*store.Article, len(pending))
		for k, it := range pending {
			as[k] = it.a
		}
		if oneByOne {
			for _, it := range pending {
				id, _, err := st.SaveArticle(ctx, it.a)
				if err == nil {
					err = st.SaveAnalysis(ctx, id, it.res)
				}
				if err != nil {
					return err
				}
			}
			pending = pending[:0]
			return nil
		}
		ids, err := st.SaveArticles(ctx, as)
		if err != nil {
			return err
		}
		rs := make([]analysis.Result, len(pending))
		for k, it := range pending {
			rs[k] = it.res
		}
		if err := st.SaveAnalyses(ctx, ids, rs); err != nil {
			return err
		}
		pending = pending[:0]
		return nil
	}
	var ferr error
	written := 0
	for it := range done {
		if ferr != nil {
			continue
		}
		pending = append(pending, it)
		if len(pending) == batch {
			ferr = flush()
			written += batch
			if written%10000 == 0 {
				fmt.Printf("bench: %d/%d articles written (%s)\n", written, n, time.Since(t0).Round(time.Second))
			}
		}
	}
	if ferr == nil && len(pending) > 0 {
		ferr = flush()
	}
	return time.Since(t0), ferr
}

func scaleOne(c *corpus, db string, n int, quick, measure bool) error {
	sec := fmt.Sprintf("library %dk", n/1000)
	took, err := generate(c, db, n)
	if err != nil {
		return err
	}
	size := fileSize(db) + fileSize(db+"-wal")
	add(sec, "create (generate+analyse+save, all cores)", took.Seconds(), "s").note(fmt.Sprintf("%.0f articles/s", float64(n)/took.Seconds()))
	add(sec, "database size", float64(size)/1e6, "MB").note(fmt.Sprintf("%.1f KB/article; %s", float64(size)/1e3/float64(n), sizeByTable(db)))
	if !measure {
		return nil
	}
	return measureLibrary(c, db, sec, quick)
}

// measureLibrary times the queries the app makes on the library at db.
func measureLibrary(c *corpus, db, sec string, quick bool) error {
	ctx := context.Background()
	before := fileSize(db) + fileSize(db+"-wal")
	t0 := time.Now()
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if searchOnly {
		n, _ := st.Count(ctx)
		return measureSearch(ctx, st, db, sec, c.queries(), n >= 100000)
	}
	if exportOnly {
		n, _ := st.Count(ctx)
		measureExports(ctx, st, sec, n >= 100000, false)
		return nil
	}
	// A library made by an older Annals is migrated by Open; maintenance
	// then rewrites its articles compressed and gives the space their old
	// rows took back to the disk (issue 19), as here.
	if opened := time.Since(t0); opened > time.Second {
		logf("%s: opening took %s (migrations); file %.1f MB", sec, opened.Round(time.Millisecond), float64(before)/1e6)
	}
	t0 = time.Now()
	if n, err := st.CompactArticles(ctx); err != nil {
		return err
	} else if n > 0 {
		logf("%s: CompactArticles rewrote %d articles in %s", sec, n, time.Since(t0).Round(time.Millisecond))
	}
	// Maintenance merges the search index's segments (a segment per
	// saved batch) before giving free pages back.
	t0 = time.Now()
	if steps, err := st.OptimizeSearch(ctx); err != nil {
		return err
	} else if steps > 0 {
		logf("%s: OptimizeSearch merged the search index in %d steps, %s", sec, steps, time.Since(t0).Round(time.Millisecond))
	}
	t0 = time.Now()
	if did, err := st.ReclaimSpace(ctx); err != nil {
		return err
	} else if did {
		logf("%s: ReclaimSpace gave back %.1f MB in %s", sec, float64(before-fileSize(db)-fileSize(db+"-wal"))/1e6, time.Since(t0).Round(time.Millisecond))
	}
	var stats struct{ events, entities, mentions int }
	raw := openRaw(db)
	if raw != nil {
		raw.QueryRow("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions)").Scan(&stats.events, &stats.entities, &stats.mentions)
		raw.Close()
	}
	n, _ := st.Count(ctx)
	logf("%s: %d articles, %d events, %d entities, %d mentions", sec, n, stats.events, stats.entities, stats.mentions)
	if n > 0 {
		size := fileSize(db) + fileSize(db+"-wal")
		byTable := sizeByTable(db)
		logf("%s: %.1f MB, %.1f KB/article; %s", sec, float64(size)/1e6, float64(size)/1e3/float64(n), byTable)
		add(sec, "database size, as maintenance leaves it", float64(size)/1e6, "MB").note(fmt.Sprintf("%.1f KB/article (issue 19 goal: ≤ 35 at 10k); search index merged, free pages returned; %s",
			float64(size)/1e3/float64(n), byTable))
	}
	big := n >= 100000

	// Search: 50 mixed queries, each run 3 times after a warm-up pass
	// (search.go).
	if err := measureSearch(ctx, st, db, sec, c.queries(), big); err != nil {
		return err
	}
	var f *Figure
	// List: the first page of the unread shelf, and the whole shelf (what
	// the library view loads today).
	no := false
	first := median(7, func() error { _, err := st.List(ctx, store.Filter{Archived: &no, Limit: 50}); return err })
	add(sec, "list first page (50, unread)", ms(first), "ms").atMost(20)
	shelf := median(3, func() error { _, err := st.List(ctx, store.Filter{Archived: &no, Limit: 1001}); return err })
	add(sec, "list a shelf (1,001 newest, unread)", ms(shelf), "ms").note("what the library view loads; older articles are found by search")

	// Timeline with every event, and the entity list. The timeline view
	// draws the whole library from the overview (counts per date value,
	// read from the summary of migration 008) and loads the events of the
	// period in view once it holds at most a few thousand; materialising
	// every event is left to exports.
	var nb, ng int
	ov := median(7, func() error {
		bs, err := st.TimelineOverview(ctx, store.TimelineFilter{})
		nb, ng = len(bs), 0
		for _, b := range bs {
			ng += b.Groups
		}
		return err
	})
	f = add(sec, "timeline overview (whole library)", ms(ov), "ms")
	if big {
		f.atMost(100).note(fmt.Sprintf("%d date values counting %d grouped events", nb, ng))
	} else {
		f.note(fmt.Sprintf("%d date values counting %d grouped events; goal < 100 ms is at 100k", nb, ng))
	}
	ovt := median(7, func() error {
		_, err := st.TimelineOverview(ctx, store.TimelineFilter{Types: []string{"release"}})
		return err
	})
	add(sec, "timeline overview (one type)", ms(ovt), "ms").note("type release")
	// The year the view would load whole: the busiest one holding at most
	// the view's limit (gui/views/timeline.go).
	const viewLimit = 3000
	years := map[string]int{}
	if bs, err := st.TimelineOverview(ctx, store.TimelineFilter{}); err == nil {
		for _, b := range bs {
			if len(b.Date) >= 4 {
				years[b.Date[:4]] += b.Groups
			}
		}
	}
	year, yn := "", 0
	for y, n := range years {
		if n <= viewLimit && (n > yn || n == yn && y > year) {
			year, yn = y, n
		}
	}
	if year != "" {
		var nw int
		win := median(5, func() error {
			evs, err := st.Timeline(ctx, store.TimelineFilter{From: year, To: year, Within: true, Limit: viewLimit})
			nw = len(evs)
			return err
		})
		add(sec, "timeline window (one year, detail)", ms(win), "ms").note(fmt.Sprintf("%s: %d grouped events with sources and entities", year, nw))
	}
	var nev int
	// At 100k each whole-library pass takes tens of seconds on a busy
	// machine: one timed run after the warm-up there.
	wholeRuns := 3
	if big {
		wholeRuns = 1
	}
	tl := median(wholeRuns, func() error {
		evs, err := st.Timeline(ctx, store.TimelineFilter{})
		nev = len(evs)
		return err
	})
	add(sec, "timeline, all events (full materialisation)", ms(tl), "ms").note(fmt.Sprintf("%d grouped events from %d event rows; exports only", nev, stats.events))
	measureExports(ctx, st, sec, big, true)
	var nent int
	el := median(5, func() error {
		es, err := st.Entities(ctx, store.EntityFilter{})
		nent = len(es)
		return err
	})
	add(sec, "entity list (all, by mentions)", ms(el), "ms").note(fmt.Sprintf("%d entities", nent))
	st.Close()

	// Re-analysis through library.Reanalyze on a copy, with a subset
	// marked outdated so it fits the time budget.
	if !reanalyse {
		return nil
	}
	sub := min(n, 300)
	if quick {
		sub = min(n, 100)
	}
	rate, failed, err := reanalysis(db, sub)
	if err != nil {
		skip("%s re-analysis: %v", sec, err)
	} else {
		note := fmt.Sprintf("%d articles marked outdated on a copy", sub)
		if failed != "" {
			note += "; " + failed
		}
		add(sec, "re-analysis (library.Reanalyze, all cores)", rate, "articles/s").note(note)
	}
	return nil
}

func reanalysis(db string, sub int) (rate float64, failed string, err error) {
	cp := filepath.Join(filepath.Dir(db), "..", "reanalyse", "annals.db")
	os.RemoveAll(filepath.Dir(cp))
	defer os.RemoveAll(filepath.Dir(cp))
	if err := os.MkdirAll(filepath.Dir(cp), 0o755); err != nil {
		return 0, "", err
	}
	if err := copyFile(db, cp); err != nil {
		return 0, "", err
	}
	raw := openRaw(cp)
	if raw == nil {
		return 0, "", fmt.Errorf("cannot open the copy")
	}
	// The rest count as current, so a library made by an older analysis
	// version measures sub articles too, not all of them.
	_, err = raw.Exec(`UPDATE article_analysis SET version = CASE WHEN article_id IN (SELECT id FROM articles ORDER BY id LIMIT ?)
		THEN 0 ELSE ? END`, sub, analysis.Version)
	raw.Close()
	if err != nil {
		return 0, "", err
	}
	ctx := context.Background()
	lib, err := library.Open(ctx, library.Options{DBPath: cp})
	if err != nil {
		return 0, "", err
	}
	defer lib.Close()
	t0 := time.Now()
	r, err := lib.Reanalyze(ctx).Wait()
	if err != nil {
		return 0, "", err
	}
	if len(r.Failed) > 0 {
		failed = fmt.Sprintf("%d of %d failed (%v)", len(r.Failed), sub, r.Failed[0].Err)
	}
	return float64(len(r.IDs)) / time.Since(t0).Seconds(), failed, nil
}

func openRaw(db string) *sql.DB {
	d, err := sql.Open("sqlite3", "file:"+db+"?_busy_timeout=5000")
	if err != nil {
		return nil
	}
	return d
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

// median runs f k times (after one warm-up) and returns the median time.
func median(k int, f func() error) time.Duration {
	if err := f(); err != nil {
		logf("query failed: %v", err)
	}
	var ds []time.Duration
	for range k {
		t := time.Now()
		f()
		ds = append(ds, time.Since(t))
	}
	return pct(ds, 50)
}

// exportTimeline writes the whole timeline as library.ExportTimeline does
// (stream), or by gathering every event first, as it did before.
func exportTimeline(ctx context.Context, st *store.Store, stream, js bool, w io.Writer) error {
	if !stream {
		evs, err := st.Timeline(ctx, store.TimelineFilter{})
		if err != nil {
			return err
		}
		if js {
			return transfer.WriteTimelineJS(w, "Annals", evs)
		}
		return transfer.WriteTimelineCSV(w, evs)
	}
	var write func(*store.TimelineEvent) error
	var closeFn func() error
	if js {
		tw, err := transfer.NewTimelineJS(w, "Annals")
		if err != nil {
			return err
		}
		write, closeFn = tw.Write, tw.Close
	} else {
		tw, err := transfer.NewTimelineCSV(w)
		if err != nil {
			return err
		}
		write, closeFn = tw.Write, tw.Close
	}
	if err := st.TimelineEach(ctx, store.TimelineFilter{}, write); err != nil {
		return err
	}
	return closeFn()
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// sizeByTable is what takes the space in db, the largest tables and
// indexes first (dbstat, issue 19), through the sqlite3 shell: the app's
// driver is built without the dbstat table.
func sizeByTable(db string) string {
	sh, err := exec.LookPath("sqlite3")
	if err != nil {
		return "by table: sqlite3 shell not installed"
	}
	out, err := exec.Command(sh, "-readonly", "-separator", " ", db,
		"SELECT name, printf('%.1f', SUM(pgsize)/1e6) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC LIMIT 6").Output()
	if err != nil {
		return "by table: " + err.Error()
	}
	var parts []string
	for l := range strings.Lines(string(out)) {
		if name, mb, ok := strings.Cut(strings.TrimSpace(l), " "); ok {
			parts = append(parts, name+" "+mb+" MB")
		}
	}
	return "largest (dbstat): " + strings.Join(parts, ", ")
}

// logSlowQueries says which queries took longest (each one's slowest of
// its runs) and how many articles each matches in the index, and the total
// of matches over all queries: how a library's size shows in search, and
// whether a replicated library's matches grew with it (issue 19).
func logSlowQueries(db string, qs []string, lat []time.Duration, sec string) {
	raw := openRaw(db)
	if raw == nil {
		return
	}
	defer raw.Close()
	type q struct {
		text    string
		worst   time.Duration
		matches int
	}
	var all []q
	total := 0
	for i, text := range qs {
		w := time.Duration(0)
		for k := i; k < len(lat); k += len(qs) {
			w = max(w, lat[k])
		}
		// The words folded as the index holds them, every one required
		// as a whole word (no stems, no prefixes): the matches search
		// ranks first.
		var expr []string
		for _, f := range textnorm.Tokens(textnorm.Fold(text)) {
			expr = append(expr, `"`+f+`"`)
		}
		n := -1
		raw.QueryRow("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", strings.Join(expr, " AND ")).Scan(&n)
		total += max(n, 0)
		all = append(all, q{text, w, n})
	}
	slices.SortFunc(all, func(a, b q) int { return cmp.Compare(b.worst, a.worst) })
	var parts []string
	for _, x := range all[:min(8, len(all))] {
		parts = append(parts, fmt.Sprintf("%q %.1f ms (%d matches)", x.text, ms(x.worst), x.matches))
	}
	logf("%s: search: %d index matches over the %d queries; slowest: %s", sec, total, len(qs), strings.Join(parts, ", "))
}
