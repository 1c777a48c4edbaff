package library

import (
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/data/capture"
	"annals/internal/testenv"
)

// A bulk save records a batch's images together (keepBatchImages); when
// that fails because one of its articles was deleted meanwhile, the others'
// images are still recorded, one article at a time.
func TestBatchImagesRecordedTogetherOrOneByOne(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	photo := testenv.PNG(t, 8, 6, color.RGBA{30, 120, 200, 255})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "missing.png") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(photo)
	}))
	defer srv.Close()
	pages := make([]Page, 3)
	for i := range pages {
		pages[i] = Page{URL: fmt.Sprintf("https://pier.example/%d", i), HTML: []byte(fmt.Sprintf(
			`<html><head><title>Pier note %d</title></head><body><article><h1>Pier note %d</h1>
<figure><img src="%s/photo%d.png" alt="The pier"></figure><figure><img src="%s/missing.png" alt="Gone"></figure>
<p>%s</p></article></body></html>`, i, i, srv.URL, i, srv.URL, strings.Repeat("The pier was lengthened by forty metres in the spring. ", 12)))}
	}
	res, err := l.AddPages(ctx, pages...).Wait()
	if err != nil || len(res.IDs) != len(pages) {
		t.Fatalf("AddPages: %+v, %v", res, err)
	}
	check := func(when string, id int64) {
		t.Helper()
		recs, err := l.Images(ctx, id)
		if err != nil || len(recs) != 2 {
			t.Fatalf("%s: article %d has images %+v, %v; want 2 records", when, id, recs, err)
		}
		kept := 0
		for _, r := range recs {
			if r.Kept() {
				kept++
			} else if !strings.HasSuffix(r.Src, "missing.png") || r.Error == "" {
				t.Errorf("%s: article %d: %+v", when, id, r)
			}
		}
		if kept != 1 {
			t.Errorf("%s: article %d kept %d images, want 1", when, id, kept)
		}
	}
	for _, id := range res.IDs {
		check("saved together", id)
	}

	// The same pages' records written again, the second article deleted
	// in between: the batch's transaction fails, the others still get
	// theirs.
	var batch []savedPage
	for i, id := range res.IDs {
		u, _ := url.Parse(pages[i].URL)
		doc, err := capture.Parse(ctx, pages[i].HTML, "text/html", u)
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, savedPage{id: id, doc: doc})
	}
	if err := l.store.SaveImages(ctx, res.IDs[0], nil); err != nil { // forget the first one's
		t.Fatal(err)
	}
	if err := l.Delete(ctx, res.IDs[1]); err != nil {
		t.Fatal(err)
	}
	l.keepBatchImages(ctx, batch)
	check("one by one", res.IDs[0])
	check("one by one", res.IDs[2])
}

// An import's pages get their images like pages saved at once: a few
// pages at a time (importAfterSaveBatch), their records written together;
// every page's images are recorded, past the first few pages.
func TestImportRecordsThePagesImages(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	photo := testenv.PNG(t, 8, 6, color.RGBA{200, 120, 30, 255})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(photo)
	}))
	defer srv.Close()
	type entry struct {
		ID      int    `json:"id"`
		Title   string `json:"title"`
		URL     string `json:"url"`
		Content string `json:"content"`
	}
	n := 2*importAfterSaveBatch + 3
	var entries []entry
	for i := range n {
		entries = append(entries, entry{ID: i + 1, Title: fmt.Sprintf("Harbour note %d", i), URL: fmt.Sprintf("https://harbour.example/%d", i),
			Content: fmt.Sprintf(`<article><h1>Harbour note %d</h1><figure><img src="%s/photo%d.png" alt="The harbour"></figure><p>%s</p></article>`,
				i, srv.URL, i, strings.Repeat("The harbour wall was raised by two metres in the autumn. ", 12))})
	}
	data, err := json.Marshal(entries)
	if err != nil {
		t.Fatal(err)
	}
	export := filepath.Join(t.TempDir(), "wallabag.json")
	if err := os.WriteFile(export, data, 0o644); err != nil {
		t.Fatal(err)
	}
	job := l.ImportFormat(ctx, export, "wallabag")
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	if st, _ := ImportStats(job); st.Ready != n {
		t.Fatalf("import stats %+v, want %d ready", st, n)
	}
	list, err := l.List(ctx, Filter{})
	if err != nil || len(list) != n {
		t.Fatalf("List: %d articles, %v", len(list), err)
	}
	for _, a := range list {
		recs, err := l.Images(ctx, a.ID)
		if err != nil || len(recs) != 1 || !recs[0].Kept() {
			t.Errorf("%q: images %+v, %v; want its photo kept", a.Title, recs, err)
		}
	}
}
