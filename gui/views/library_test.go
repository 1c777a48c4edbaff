package views

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/internal/testenv"
)

func TestShelfListsTheNewestAndSaysSo(t *testing.T) {
	defer func(n int) { shelfLimit = n }(shelfLimit)
	shelfLimit = 2
	newTestApp()
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var pages []library.Page
	for i := 0; i < 3; i++ {
		body := strings.Repeat(fmt.Sprintf("Paragraph %d about markets and models, long enough to be an article. ", i), 12)
		pages = append(pages, library.Page{URL: fmt.Sprintf("https://e.test/%d", i),
			HTML: []byte(fmt.Sprintf("<html><head><title>Story %d</title></head><body><article><h1>Story %d</h1><p>%s</p><p>%s</p></article></body></html>", i, i, body, body))})
	}
	if _, err := lib.AddPages(context.Background(), pages...).Wait(); err != nil {
		t.Fatal(err)
	}
	loaded := make(chan []string, 4)
	var v *Library
	fynedo.Do(func() {
		v = NewLibrary(lib, quiet())
		v.OnLoaded = func() { loaded <- v.Rows() }
		v.Reload()
	})
	rows := wait(t, loaded, "the shelf")
	if len(rows) != 2 || rows[0] != "Story 2" {
		t.Fatalf("rows = %q, want the two newest", rows)
	}
	fynedo.Do(func() {
		if !strings.Contains(v.status.Text, "newest 2") {
			t.Errorf("status %q does not say the list is cut", v.status.Text)
		}
	})
}
