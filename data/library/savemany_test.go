package library

import (
	"context"
	"fmt"
	"image/color"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"annals/data/capture"
	"annals/data/store"
	"annals/internal/testenv"
)

// Pages given together are read on every core and stored in batches; the
// library must still hold them in the order given, each analysed, and a
// page that cannot be read must cost only itself.
func TestAddPagesStoresInOrderAnalysedAndIsolatesBadPages(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	const n = 2*saveBatch + 5
	var pages []Page
	for i := range n {
		html := fmt.Sprintf(`<html><head><title>Port report %d</title></head><body><article><h1>Port report %d</h1>
<p>On 20 January 2025 the port of Rotterdam announced a new terminal, number %d, after months of talks with shipping lines.</p>
<p>%s</p></article></body></html>`, i, i, i, strings.Repeat("Cranes and berths were described at length in the plan. ", 20))
		pages = append(pages, Page{URL: fmt.Sprintf("https://port.example/%d", i), HTML: []byte(html)})
	}
	bad := 7
	pages[bad].HTML = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
	res, err := l.AddPages(ctx, pages...).Wait()
	if err != nil {
		t.Fatalf("AddPages: %v", err)
	}
	if len(res.Failed) != 1 || res.Failed[0].Item != pages[bad].URL {
		t.Fatalf("failed = %+v, want only page %d", res.Failed, bad)
	}
	if len(res.IDs) != n-1 {
		t.Fatalf("saved %d, want %d", len(res.IDs), n-1)
	}
	for k := 1; k < len(res.IDs); k++ {
		if res.IDs[k] <= res.IDs[k-1] {
			t.Fatalf("ids %v are not in the order the pages were given", res.IDs)
		}
	}
	all, err := l.List(ctx, store.Filter{})
	if err != nil || len(all) != n-1 {
		t.Fatalf("list: %d, %v", len(all), err)
	}
	if all[0].Title != fmt.Sprintf("Port report %d", n-1) {
		t.Errorf("newest listed = %q, want the last page given", all[0].Title)
	}
	if need, _ := l.ArticlesNeedingAnalysis(ctx); len(need) != 0 {
		t.Errorf("%d saved pages were not analysed", len(need))
	}
	tl, err := l.Timeline(ctx, TimelineFilter{ArticleID: res.IDs[3]})
	if err != nil || len(tl) == 0 || tl[0].Date != "2025-01-20" {
		t.Errorf("events of page 3 = %+v, %v; want the 20 January 2025 announcement", tl, err)
	}
	// Saving the same pages again updates them: no copies.
	if _, err := l.AddPages(ctx, pages[:3]...).Wait(); err != nil {
		t.Fatal(err)
	}
	if c, _ := l.Count(ctx); c != n-1 {
		t.Errorf("count after saving 3 pages again = %d, want %d", c, n-1)
	}
}

// saveMany gathers pages that come quickly into few transactions while
// more pages are to come, but never holds a ready page back for long: a
// batch waiting while the workers are stuck is stored after saveLinger,
// and near the end what is ready is stored at once.
func TestSaveManyBatchesWhatComesQuicklyAndDoesNotHoldPagesBack(t *testing.T) {
	old := runtime.GOMAXPROCS(1) // the batching the pipeline figure measures
	defer runtime.GOMAXPROCS(old)
	l := openTemp(t)
	ctx := context.Background()
	const n = 40
	docs := make([]*capture.Document, n)
	for i := range docs {
		html := fmt.Sprintf(`<html><head><title>Harbour note %d</title></head><body><article><h1>Harbour note %d</h1><p>%s</p></article></body></html>`,
			i, i, strings.Repeat("The harbour master wrote about tides, cranes and berths. ", 12))
		doc, err := capture.Parse(ctx, []byte(html), "text/html", nil)
		if err != nil {
			t.Fatal(err)
		}
		doc.URL = fmt.Sprintf("https://harbour.example/%d", i)
		docs[i] = doc
	}
	// Both workers get stuck on these pages until release, with pages
	// left to start: only saveLinger stores the pages before them.
	stuck := n / 2
	release := make(chan struct{})
	var mu sync.Mutex
	var flushes []int // done after each report
	storedBeforeRelease := make(chan int, 1)
	go func() {
		// The pages before the stuck one must be stored while it waits.
		deadline := time.Now().Add(20 * saveLinger)
		for time.Now().Before(deadline) {
			mu.Lock()
			done := 0
			if len(flushes) > 0 {
				done = flushes[len(flushes)-1]
			}
			mu.Unlock()
			if done >= stuck {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		mu.Lock()
		d := 0
		if len(flushes) > 0 {
			d = flushes[len(flushes)-1]
		}
		mu.Unlock()
		storedBeforeRelease <- d
		close(release)
	}()
	ids, errs := l.saveMany(ctx, n, func(ctx context.Context, i int) (*capture.Document, error) {
		if i == stuck || i == stuck+1 {
			<-release
		}
		// Reading takes a while, as capture does: the writer finds no
		// page ready between two.
		time.Sleep(3 * time.Millisecond)
		return docs[i], nil
	}, func(done int) {
		mu.Lock()
		flushes = append(flushes, done)
		mu.Unlock()
	})
	for i := range n {
		if errs[i] != nil || ids[i] == 0 {
			t.Fatalf("page %d: id %d, %v", i, ids[i], errs[i])
		}
	}
	if d := <-storedBeforeRelease; d < stuck {
		t.Errorf("%d of the %d pages before the stuck one were stored while it was stuck: ready pages held back", d, stuck)
	}
	// 20 pages read within a tenth of a second make one batch, not one
	// per page, and the 20 after the stuck ones one or two more.
	if len(flushes) > 6 {
		t.Errorf("%d pages stored in %d transactions (%v): ready pages were not gathered", n, len(flushes), flushes)
	}
}

// A page's images are fetched while the writer stores the next pages: a
// slow image server must not hold up the pages after it. Page 0's image
// hangs until every page is stored; AddPages then ends with the image
// kept.
func TestSaveManyStoresPagesWhileImagesAreFetched(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	photo := testenv.PNG(t, 8, 6, color.RGBA{200, 30, 30, 255})
	asked := make(chan struct{}) // closed when the image is asked for
	var askedOnce sync.Once
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		askedOnce.Do(func() { close(asked) })
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(photo)
	}))
	defer srv.Close()
	const n = 10
	docs := make([]*capture.Document, n)
	for i := range docs {
		img := ""
		if i == 0 {
			img = fmt.Sprintf(`<figure><img src="%s/photo.png" alt="The quay"></figure>`, srv.URL)
		}
		html := fmt.Sprintf(`<html><head><title>Quay note %d</title></head><body><article><h1>Quay note %d</h1>%s<p>%s</p></article></body></html>`,
			i, i, img, strings.Repeat("The quay was rebuilt with stone from the old harbour wall. ", 12))
		u, _ := url.Parse(fmt.Sprintf("https://quay.example/%d", i))
		doc, err := capture.Parse(ctx, []byte(html), "text/html", u)
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = doc
	}
	stored := make(chan int, 1)
	go func() {
		// Every page stored while page 0's image is still being fetched.
		<-asked
		deadline := time.Now().Add(10 * time.Second)
		c := 0
		for time.Now().Before(deadline) {
			if c, _ = l.Count(ctx); c == n {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		stored <- c
		close(release)
	}()
	ids, errs := l.saveMany(ctx, n, func(ctx context.Context, i int) (*capture.Document, error) {
		if i >= n/2 {
			<-asked // these pages come once page 0's batch is stored and its image asked for
		}
		return docs[i], nil
	}, func(int) {})
	for i := range n {
		if errs[i] != nil || ids[i] == 0 {
			t.Fatalf("page %d: id %d, %v", i, ids[i], errs[i])
		}
	}
	if c := <-stored; c != n {
		t.Errorf("%d of %d pages stored while page 0's image was being fetched: the image held up the writer", c, n)
	}
	recs, err := l.Images(ctx, ids[0])
	if err != nil || len(recs) != 1 || !recs[0].Kept() {
		t.Errorf("page 0's image = %+v, %v; want it kept once fetched", recs, err)
	}
}
