package gui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
)

// Pages an import left waiting (here: an Instapaper export, whose items
// are only links) are fetched when the window starts (through the job
// bar) and no longer wait afterwards.
func TestWindowFetchesThePagesLeftWaiting(t *testing.T) {
	body := strings.Repeat("A paragraph long enough to be read as the article's text, about the sea and its ships. ", 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>Page %s</title></head><body><article><h1>Page %s</h1><p>%s</p><p>%s</p></article></body></html>", r.URL.Path, r.URL.Path, body, body)
	}))
	defer srv.Close()
	a, lib := openLibrary(t)
	export := filepath.Join(t.TempDir(), "instapaper.csv")
	csv := "URL,Title,Selection,Folder,Timestamp,Tags\n" +
		srv.URL + "/one,One,,Unread,1700000000,[]\n" +
		srv.URL + "/two,Two,,Unread,1700000100,[]\n"
	if err := os.WriteFile(export, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.ImportFormat(context.Background(), export, "instapaper").Wait(); err != nil {
		t.Fatal(err)
	}
	if q, err := lib.FetchQueue(context.Background()); err != nil || q.Pending != 2 {
		t.Fatalf("after the import %d pages wait (%v), want 2", q.Pending, err)
	}

	var m *MainWindow
	done := make(chan struct{})
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Window.Show()
		m.resumeWaiting(context.Background(), func() { close(done) })
	})
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the waiting pages were not fetched")
	}
	if q, err := lib.FetchQueue(context.Background()); err != nil || q.Pending != 0 {
		t.Errorf("after the window started %d pages still wait (%v)", q.Pending, err)
	}
	list, err := lib.List(context.Background(), library.Filter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("library lists %d articles (%v), want 2", len(list), err)
	}
	for _, s := range list {
		a, err := lib.Get(context.Background(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, "the sea and its ships") {
			t.Errorf("%q has no fetched text: %.80q", s.Title, a.Text)
		}
	}
}
