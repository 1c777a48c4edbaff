package library

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"annals/data/store"
	"annals/internal/testenv"
)

func sample(name string) string { return filepath.Join("..", "transfer", "testdata", name) }

func TestImportSamples(t *testing.T) {
	cases := []struct {
		file, format string
		ready        int // articles whose page came with the export
		highlights   int
	}{
		{"pocket.zip", "pocket", 0, 0},
		{"pocket.html", "pocket-html", 0, 0},
		{"instapaper.csv", "instapaper", 0, 1},
		{"wallabag.json", "wallabag", 11, 1},
		{"omnivore.zip", "omnivore", 11, 4}, // the duplicate of an item without its page brings one
		{"bookmarks.html", "bookmarks", 0, 0},
		{"readwise.csv", "readwise", 0, 0},
		{"karakeep.json", "karakeep", 0, 0},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			ctx := context.Background()
			l := openTemp(t)
			job := l.Import(ctx, sample(c.file))
			res, err := job.Wait()
			if err != nil {
				t.Fatal(err)
			}
			st, _ := ImportStats(job)
			if st.Format != c.format || st.Items != 21 || st.Created != 20 || st.Merged != 1 || st.Ready != c.ready {
				t.Errorf("stats = %+v", st)
			}
			if len(res.IDs) != 20 {
				t.Errorf("%d ids, want 20", len(res.IDs))
			}
			if n, _ := l.Count(ctx); n != 20 {
				t.Errorf("%d articles, want 20 (the duplicate merged)", n)
			}
			q, err := l.FetchQueue(ctx)
			if err != nil || q.Pending != 20-c.ready {
				t.Errorf("queue = %+v, %v; want %d pending", q, err, 20-c.ready)
			}
			// The Arabic article, listed as the export said; its duplicate's tag merged in.
			hits, err := l.List(ctx, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			var found *Article
			for _, h := range hits {
				if strings.Contains(h.URL, "majalla.com/node/322578") {
					found, _ = l.Get(ctx, h.ID)
				}
			}
			if found == nil || found.Title != "نجاح نماذج بكين الرخيصة يهدد التفوق التكنولوجي لواشنطن" {
				t.Fatalf("Arabic article = %+v", found)
			}
			if c.format != "bookmarks" && c.format != "pocket-html" && c.format != "readwise" {
				if !strings.Contains(strings.Join(found.Tags, ","), "duplicate") {
					t.Errorf("duplicate's tags not merged: %v", found.Tags)
				}
			}
			// The pages that came with the export are analysed.
			if need, err := l.ArticlesNeedingAnalysis(ctx); err != nil || len(need) != 0 {
				t.Errorf("left unanalysed after the import: %v, %v", need, err)
			}
			if found.Saved.Unix() != 1700000000+3*86400 {
				t.Errorf("saved = %v, want the export's date", found.Saved)
			}
			if c.highlights > 0 {
				hs, err := l.AllHighlights(ctx, HighlightFilter{})
				if err != nil || len(hs) != c.highlights {
					t.Errorf("highlights = %d, %v; want %d", len(hs), err, c.highlights)
				}
			}
			// Importing again adds nothing.
			job = l.Import(ctx, sample(c.file))
			if _, err := job.Wait(); err != nil {
				t.Fatal(err)
			}
			if st, _ := ImportStats(job); st.Created != 0 {
				t.Errorf("second import created %d", st.Created)
			}
			if n, _ := l.Count(ctx); n != 20 {
				t.Errorf("%d articles after a second import", n)
			}
		})
	}
}

func TestImportBadFileWritesNothing(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	// Valid entries first, then broken JSON: nothing may land.
	p := filepath.Join(t.TempDir(), "wallabag.json")
	os.WriteFile(p, []byte(`[{"url": "https://a.example/1", "title": "one", "is_archived": 0}, {"url": "https://a.example/2", "title": `), 0o644)
	_, err := l.ImportFormat(ctx, p, "wallabag").Wait()
	if err == nil || !strings.Contains(err.Error(), "ends too early") {
		t.Fatalf("err = %v", err)
	}
	if n, _ := l.Count(ctx); n != 0 {
		t.Errorf("%d articles after a failed import", n)
	}
}

// writePocket writes a Pocket CSV export of n links spread over hosts.
func writePocket(t testing.TB, dir string, n int, link func(i int) string) string {
	t.Helper()
	p := filepath.Join(dir, "pocket.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	per := 2000
	for part := 0; part*per < n; part++ {
		w, _ := z.Create(fmt.Sprintf("part_%06d.csv", part))
		fmt.Fprintln(w, "title,url,time_added,cursor,tags,status")
		for i := part * per; i < min(n, (part+1)*per); i++ {
			status := "unread"
			if i%7 == 0 {
				status = "archive"
			}
			fmt.Fprintf(w, "\"Story %d, with a comma\",%s,%d,c%d,news|batch %d,%s\n", i, link(i), 1700000000+i, i, i%10, status)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

func queuePage(title string) string {
	p := "<p>" + strings.Repeat("This is a long paragraph about the subject that explains the idea in enough detail for a reader. ", 6) + "</p>"
	return "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>" + p + p + p + "</article></body></html>"
}

func TestFetchPendingResumesAfterStop(t *testing.T) {
	ctx := context.Background()
	var broken atomic.Bool
	broken.Store(true)
	var requests sync.Map // path → count
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := requests.LoadOrStore(r.URL.Path, new(atomic.Int32))
		v.(*atomic.Int32).Add(1)
		if strings.HasPrefix(r.URL.Path, "/flaky/") && broken.Load() {
			http.Error(w, "gone", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, queuePage("Page "+r.URL.Path))
	})
	var srvs []*httptest.Server
	for range 3 {
		s := httptest.NewServer(handler)
		defer s.Close()
		srvs = append(srvs, s)
	}
	const n = 60
	dir := t.TempDir()
	export := writePocket(t, dir, n, func(i int) string {
		kind := "story"
		if i%15 == 0 {
			kind = "flaky"
		}
		return fmt.Sprintf("%s/%s/%d", srvs[i%3].URL, kind, i)
	})
	db := filepath.Join(dir, "lib", "annals.db")
	open := func() *Library {
		l, err := Open(ctx, Options{DBPath: db, Client: testenv.LoopbackClient()})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	l := open()
	if _, err := l.Import(ctx, export).Wait(); err != nil {
		t.Fatal(err)
	}
	lim := FetchLimits{PerHost: 2 * time.Millisecond, Hosts: 2}

	// First run: stopped after 20 pages, as a user quitting would.
	fctx, cancel := context.WithCancel(ctx)
	job := l.FetchPendingWith(fctx, lim)
	for p := range job.Progress() {
		if p.Total != n {
			t.Errorf("progress total %d, want %d", p.Total, n)
		}
		if p.Done >= 20 {
			cancel()
		}
	}
	res, err := job.Wait()
	cancel()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped job err = %v", err)
	}
	counts, _ := l.store.StatusCounts(ctx)
	if counts[store.StatusPending] == 0 || counts[store.StatusPending] == n || counts[store.StatusReady] < 15 {
		t.Fatalf("after the stop: %v", counts)
	}
	if len(res.IDs)+len(res.Failed) != n-counts[store.StatusPending] {
		t.Errorf("result %d+%d does not match %v", len(res.IDs), len(res.Failed), counts)
	}
	l.Close() // the process goes away

	// Second run, as after a restart: the rest, no duplicates, nothing lost.
	l = open()
	defer func() { l.Close() }()
	res, err = l.FetchPendingWith(ctx, lim).Wait()
	if err != nil {
		t.Fatal(err)
	}
	counts, _ = l.store.StatusCounts(ctx)
	if counts[store.StatusPending] != 0 || counts[store.StatusFailed] != 4 || counts[store.StatusReady] != n-4 {
		t.Fatalf("after the second run: %v", counts)
	}
	q, _ := l.FetchQueue(ctx)
	if len(q.Failures) != 4 || !strings.Contains(q.Failures[0].Error, "404") && !strings.Contains(strings.ToLower(q.Failures[0].Error), "not found") {
		t.Errorf("failures = %+v", q.Failures)
	}
	if c, _ := l.Count(ctx); c != n {
		t.Errorf("%d articles after two runs, want %d", c, n)
	}
	// Only the pages in flight when the first run stopped are asked for twice.
	again := 0
	requests.Range(func(k, v any) bool {
		if c := v.(*atomic.Int32).Load(); c > 1 && !strings.HasPrefix(k.(string), "/flaky/") {
			again++
			if c > 2 {
				t.Errorf("%s fetched %d times", k, c)
			}
		}
		return true
	})
	if again > lim.Hosts {
		t.Errorf("%d pages fetched twice, more than were in flight", again)
	}

	// The server mends; Retry fetches the four that failed.
	broken.Store(false)
	if _, err := l.RetryFailed(ctx).Wait(); err != nil {
		t.Fatal(err)
	}
	counts, _ = l.store.StatusCounts(ctx)
	if c, _ := l.Count(ctx); c != n || counts[store.StatusReady] != n {
		t.Fatalf("after retry: %d articles, %v", c, counts)
	}
	a, err := l.Get(ctx, 1)
	if err != nil || a.Title != "Story 0, with a comma" || a.Text == "" || !a.Archived || len(a.Tags) != 2 {
		t.Errorf("article 1 = %q %v %v %v", a.Title, a.Archived, a.Tags, err)
	}
}

func TestFetchIsRateLimitedPerHost(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, queuePage("x"))
	}))
	defer srv.Close()
	l := openTemp(t)
	export := writePocket(t, t.TempDir(), 5, func(i int) string { return fmt.Sprintf("%s/p/%d", srv.URL, i) })
	if _, err := l.Import(ctx, export).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := l.FetchPendingWith(ctx, FetchLimits{PerHost: 50 * time.Millisecond, Hosts: 4}).Wait(); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(times); i++ {
		if d := times[i].Sub(times[i-1]); d < 45*time.Millisecond {
			t.Errorf("requests %d and %d to one host %v apart", i-1, i, d)
		}
	}
	if len(times) != 5 {
		t.Errorf("%d requests, want 5", len(times))
	}
}

func BenchmarkImportPocket5000(b *testing.B) {
	dir := b.TempDir()
	export := writePocket(b, dir, 5000, func(i int) string { return fmt.Sprintf("https://site%d.example/%d/story?utm_source=x", i%50, i) })
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l, err := Open(ctx, Options{DBPath: filepath.Join(dir, fmt.Sprint(i), "annals.db")})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		job := l.Import(ctx, export)
		if _, err := job.Wait(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if st, _ := ImportStats(job); st.Created != 5000 {
			b.Fatalf("created %d", st.Created)
		}
		l.Close()
		b.StartTimer()
	}
}

// A highlight imported with a link only is kept at once and placed in the
// text when the page arrives.
func TestImportedHighlightIsPlacedOnceFetched(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, queuePage("A page"))
	}))
	defer srv.Close()
	export := filepath.Join(t.TempDir(), "instapaper.csv")
	os.WriteFile(export, []byte("URL,Title,Selection,Folder\n"+srv.URL+"/a,A page,\"explains the idea\",Unread\n"), 0o644)
	l := openTemp(t)
	if _, err := l.Import(ctx, export).Wait(); err != nil {
		t.Fatal(err)
	}
	hs, err := l.Highlights(ctx, 1)
	if err != nil || len(hs) != 1 || !hs[0].Orphaned {
		t.Fatalf("before fetching: %+v, %v", hs, err)
	}
	if _, err := l.FetchPendingWith(ctx, FetchLimits{Hosts: 1}).Wait(); err != nil {
		t.Fatal(err)
	}
	hs, _ = l.Highlights(ctx, 1)
	a, _ := l.Get(ctx, 1)
	if len(hs) != 1 || hs[0].Orphaned || a.Text[hs[0].Start:hs[0].End] != "explains the idea" {
		t.Errorf("after fetching: %+v", hs)
	}
}

func TestImportPartialKeepsWhatCanBeRead(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "wallabag.json")
	os.WriteFile(p, []byte(`[{"url": "https://a.example/1", "title": "one", "is_archived": 0}, {"url": "https://a.example/2", "title": `), 0o644)
	l := openTemp(t)
	job := l.ImportWith(ctx, p, ImportOptions{Partial: true})
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	st, _ := ImportStats(job)
	if n, _ := l.Count(ctx); n != 1 || !strings.Contains(st.Problem, "ends too early") {
		t.Errorf("%d articles, problem %q", n, st.Problem)
	}
}

// BenchmarkImportWallabagPages imports a wallabag export carrying the
// pages of the extraction benchmark (../shared/bench/article-extraction):
// every article arrives with its page, so the import reads and analyses
// all of them.
func BenchmarkImportWallabagPages(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "bench", "article-extraction", "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skip("../shared/bench/article-extraction is absent")
	}
	type entry struct {
		ID      int    `json:"id"`
		Title   string `json:"title"`
		URL     string `json:"url"`
		Content string `json:"content"`
	}
	var entries []entry
	for i, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		page, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		entries = append(entries, entry{ID: i + 1, Title: fmt.Sprintf("Page %d", i), URL: fmt.Sprintf("https://site%d.example/%d", i%20, i), Content: string(page)})
	}
	dir := b.TempDir()
	export := filepath.Join(dir, "wallabag.json")
	data, _ := json.Marshal(entries)
	if err := os.WriteFile(export, data, 0o644); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l, err := Open(ctx, Options{DBPath: filepath.Join(dir, fmt.Sprint(i), "annals.db"), Client: testenv.LoopbackClient()})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		job := l.ImportFormat(ctx, export, "wallabag")
		if _, err := job.Wait(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if st, _ := ImportStats(job); st.Ready < len(entries)*9/10 {
			b.Fatalf("stats %+v", st)
		}
		if need, _ := l.ArticlesNeedingAnalysis(ctx); len(need) != 0 {
			b.Fatalf("%d left unanalysed", len(need))
		}
		l.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(entries))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
