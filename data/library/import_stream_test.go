package library

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"annals/data/store"
)

// streamPage is a generated page of about size bytes, unique to i: a short
// article (a few paragraphs, a date and a place the analysis finds) inside
// the chrome real pages carry (a menu, a large data script), which is most
// of a saved page's bytes. filler is the script's data; each page takes
// its own slice of it.
func streamPage(i, size int, filler string) string {
	var b strings.Builder
	b.Grow(size + 64)
	fmt.Fprintf(&b, "<html><head><title>Report %d</title></head><body><nav><ul>", i)
	for n := range 20 {
		fmt.Fprintf(&b, `<li><a href="/section/%d">Section %d</a></li>`, n, n)
	}
	fmt.Fprintf(&b, "</ul></nav><article><h1>Report %d</h1>", i)
	for p := range 6 {
		fmt.Fprintf(&b, "<p>On 3 March 2024 the council of city %d met in Cairo to discuss item %d of the plan. "+
			"The members read the report, asked about its costs and agreed to meet again before the summer, "+
			"when the first part of the work is due to be finished and paid for.</p>", i, p)
	}
	b.WriteString(`</article><script type="application/json">{"data":"`)
	rest := max(size-b.Len()-len(`"}</script></body></html>`), 0)
	from := (i * 7919) % (len(filler) - rest)
	b.WriteString(filler[from : from+rest])
	b.WriteString(`"}</script></body></html>`)
	return b.String()
}

// streamFiller is size*2 bytes of hex digits that do not repeat.
func streamFiller(size int) string {
	var b strings.Builder
	b.Grow(2 * size)
	x := uint32(2463534242)
	for b.Len() < 2*size {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		fmt.Fprintf(&b, "%08x", x)
	}
	return b.String()
}

// writeOmnivorePages writes an Omnivore export of n pages of about size
// bytes each and returns its path and the pages' total size.
func writeOmnivorePages(t testing.TB, dir string, n, size int) (string, int64) {
	t.Helper()
	p := filepath.Join(dir, "omnivore.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	filler := streamFiller(size)
	var total int64
	const perMeta = 50
	for start := 0; start < n; start += perMeta {
		end := min(n, start+perMeta)
		w, err := z.Create(fmt.Sprintf("metadata_%d_to_%d.json", start, end-1))
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("["))
		for i := start; i < end; i++ {
			if i > start {
				w.Write([]byte(","))
			}
			fmt.Fprintf(w, `{"slug":"page-%d","title":"Report %d","url":"https://site%d.example/report/%d","state":"SUCCEEDED","labels":["city %d"]}`,
				i, i, i%20, i, i%10)
		}
		w.Write([]byte("]"))
	}
	for i := range n {
		// Stored, not deflated: compressing 100 MB under the race
		// detector took minutes, and the reading is the same.
		w, err := z.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("content/page-%d.html", i), Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		page := streamPage(i, size, filler)
		total += int64(len(page))
		w.Write([]byte(page))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p, total
}

// heapSampler samples the heap in use (live objects and garbage not yet
// collected) every few milliseconds and keeps the highest. runtime/metrics
// reads it without stopping the program. The runtime's own "live" figure
// (/gc/heap/live:bytes) counts as live everything allocated while a
// collection marked, megabytes during an import, and a collection forced
// from another goroutine does the same: the heap in use, with a low GC
// target, is the tighter bound on what is held.
type heapSampler struct {
	peak           atomic.Uint64
	done, finished chan struct{}
}

func sampleHeap() *heapSampler {
	h := &heapSampler{done: make(chan struct{}), finished: make(chan struct{})}
	go func() {
		defer close(h.finished)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-h.done:
				h.read()
				return
			case <-tick.C:
				h.read()
			}
		}
	}()
	return h
}

func (h *heapSampler) read() {
	if v := heapInUse(); v > h.peak.Load() {
		h.peak.Store(v)
	}
}

// stop ends the sampling and returns the highest heap in use.
func (h *heapSampler) stop() uint64 {
	close(h.done)
	<-h.finished
	return h.peak.Load()
}

func heapInUse() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// Issue 15, item 1: an import held every page the export carried (and every
// captured page) until the end, so an archive's memory cost was its size.
// Now pages stream from the archive to the library in batches: the heap an
// import of 4,000 pages of 50 KB (200 MB of pages) uses stays far below the
// pages' total; it grew by more than the total when every page was held.
func TestImportStreamsPagesWithoutHoldingThem(t *testing.T) {
	const pages, size = 4000, 50 << 10
	dir := t.TempDir()
	p, total := writeOmnivorePages(t, dir, pages, size)
	l := openTemp(t)
	ctx := context.Background()
	// What the library keeps for its life (the gazetteer) is not the
	// import's: load it first.
	if _, err := l.gazetteer(ctx); err != nil {
		t.Fatal(err)
	}
	// A low GC target keeps the garbage small beside what is held.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	runtime.GC()
	base := heapInUse()
	heap := sampleHeap()
	start := time.Now()
	job := l.Import(ctx, p)
	// The peak while the pages stream in, before the analysis reads them
	// back one by one.
	var streaming uint64
	var listed time.Duration
	for pr := range job.Progress() {
		if pr.Stage == StageAnalysing && streaming == 0 {
			streaming, listed = heap.peak.Load(), time.Since(start)
		}
	}
	_, err := job.Wait()
	peak := heap.stop()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := ImportStats(job)
	if st.Items != pages || st.Created != pages || st.Ready != pages {
		t.Fatalf("imported %+v; want all %d pages ready", st, pages)
	}
	if n, _ := l.Count(ctx); n != pages {
		t.Fatalf("%d articles in the library, want %d", n, pages)
	}
	grew := int64(peak) - int64(base)
	t.Logf("%d pages, %d MB of pages: heap in use before %d MB, at most %d MB (+%d MB; %d MB before the analysis); all saved after %v, analysed after %v",
		pages, total>>20, base>>20, peak>>20, grew>>20, streaming>>20, listed.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	if grew > total/4 {
		t.Errorf("the import's heap grew by %d MB for %d MB of pages; it holds pages instead of streaming them (limit %d MB)",
			grew>>20, total>>20, total/4>>20)
	}
}

// An import saves its items batch by batch, each batch whole: stopping it
// keeps the batches saved (every row complete, its page with it), says how
// many, and importing again adds the rest without duplicates. Progress
// counts the items saved of those in the file.
func TestImportStoppedKeepsWholeBatches(t *testing.T) {
	const pages = 20 * importBatch
	p, _ := writeOmnivorePages(t, t.TempDir(), pages, 4<<10)
	l := openTemp(t)
	ctx := context.Background()
	job := l.Import(ctx, p)
	var saw []Progress
	for pr := range job.Progress() {
		if pr.Stage == StageImporting && pr.Done > 0 {
			saw = append(saw, pr)
			if len(saw) == 2 {
				job.Cancel()
			}
		}
	}
	_, err := job.Wait()
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "were imported") {
		t.Fatalf("err = %v; want a stop that says how many were imported", err)
	}
	st, _ := ImportStats(job)
	n, err := l.Count(ctx)
	if err != nil {
		t.Fatalf("count: %v", err)
	}
	if n != st.Items || n == 0 || n >= pages || n%importBatch != 0 {
		t.Fatalf("%d articles in the library, %d counted as imported; want whole batches of %d, fewer than %d", n, st.Items, importBatch, pages)
	}
	for i, pr := range saw {
		if pr.Total != pages || pr.Done%importBatch != 0 || (i > 0 && pr.Done <= saw[i-1].Done) {
			t.Errorf("progress %+v; want batches of %d counted of %d", pr, importBatch, pages)
		}
	}
	// Every row saved is whole: its page with it, ready.
	list, err := l.List(ctx, Filter{Limit: pages})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		a, err := l.Get(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != store.StatusReady || !strings.Contains(a.Text, "council of city") {
			t.Errorf("article %d (%s) is %s with %d bytes of text; a saved row is whole", s.ID, a.URL, a.Status, len(a.Text))
		}
	}
	// Importing again takes the rest; the saved ones are merged, not
	// repeated.
	job = l.Import(ctx, p)
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	st2, _ := ImportStats(job)
	if total, _ := l.Count(ctx); total != pages || st2.Created != pages-n {
		t.Errorf("after importing again: %d articles, %d new; want %d and %d", total, st2.Created, pages, pages-n)
	}
}

// Batches are saved as they come, yet a damaged archive still changes
// nothing: the whole file is read through before the first batch is
// saved, and the error names the damaged entry. With Partial, the items
// before it are kept.
func TestImportOfADamagedArchiveWritesNothing(t *testing.T) {
	const pages = 4 * importBatch
	p, _ := writeOmnivorePages(t, t.TempDir(), pages, 2<<10)
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// The last page's bytes (stored, not deflated) no longer match its
	// checksum.
	last := fmt.Sprintf("<title>Report %d</title>", pages-1)
	i := strings.LastIndex(string(raw), last)
	if i < 0 {
		t.Fatal("the last page is not in the archive")
	}
	raw[i+len("<title>")] ^= 0x20
	damaged := filepath.Join(t.TempDir(), "omnivore.zip")
	if err := os.WriteFile(damaged, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l := openTemp(t)
	_, err = l.Import(ctx, damaged).Wait()
	name := fmt.Sprintf("content/page-%d.html", pages-1)
	if err == nil || !strings.Contains(err.Error(), name) {
		t.Fatalf("err = %v; want the damaged entry %s named", err, name)
	}
	if n, _ := l.Count(ctx); n != 0 {
		t.Errorf("%d articles after importing a damaged archive; want none", n)
	}
	job := l.ImportWith(ctx, damaged, ImportOptions{Partial: true})
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	st, _ := ImportStats(job)
	if n, _ := l.Count(ctx); n != pages-1 || st.Items != pages-1 || !strings.Contains(st.Problem, name) {
		t.Errorf("partial import: %d articles, %d items, problem %q; want the %d before the damaged one", n, st.Items, st.Problem, pages-1)
	}
}
