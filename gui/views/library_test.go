package views

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
)

func TestShelfListsTheNewestAndSaysSo(t *testing.T) {
	defer func(n int) { shelfLimit = n }(shelfLimit)
	shelfLimit = 2
	newTestApp()
	lib := emptyLibrary(t)
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
		if !strings.Contains(v.Status(), "newest 2") {
			t.Errorf("status %q does not say the list is cut", v.Status())
		}
	})
}

// A search shows snippets for the first screenful at once and cuts the
// others as their rows scroll into view.
func TestSearchCutsSnippetsAsRowsComeIntoView(t *testing.T) {
	a := newTestApp()
	lib := emptyLibrary(t)
	const n = 2*snippetBatch + 5
	var pages []library.Page
	for i := 0; i < n; i++ {
		body := strings.Repeat(fmt.Sprintf("Paragraph %d about trade and shipping, long enough to be an article. ", i), 12)
		pages = append(pages, library.Page{URL: fmt.Sprintf("https://e.test/%d", i),
			HTML: []byte(fmt.Sprintf("<html><head><title>Story %d</title></head><body><article><h1>Story %d</h1><p>%s</p><p>%s Markets closed higher.</p></article></body></html>", i, i, body, body))})
	}
	if _, err := lib.AddPages(context.Background(), pages...).Wait(); err != nil {
		t.Fatal(err)
	}
	v, _, loaded := showLibrary(t, a, lib, fyne.NewSize(400, 500), func(v *Library) {
		// Typing reloads once, after a pause; a second Reload here would
		// race with it and replace the rows whose snippets were cut.
		v.Search.SetText("markets")
	})
	var rows []string
	for len(rows) != n {
		rows = wait(t, loaded, "the search results")
	}
	snippetOf := func(i int) (s string) {
		fynedo.Do(func() { s = v.rows[i].snippet })
		return s
	}
	if s := snippetOf(0); !strings.Contains(s, "Markets") {
		t.Errorf("first hit's snippet %q does not show the match", s)
	}
	if s := snippetOf(n - 1); s != "" {
		t.Fatalf("the last hit has a snippet before it was shown: %q", s)
	}
	fynedo.Do(func() { v.List.ScrollToBottom() })
	deadline := time.Now().Add(10 * time.Second)
	for snippetOf(n-1) == "" {
		if time.Now().After(deadline) {
			t.Fatal("the last hit's snippet was not cut after scrolling to it")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if s := snippetOf(n - 1); !strings.Contains(s, "Markets") {
		t.Errorf("last hit's snippet %q does not show the match", s)
	}
}

// A row's details line ends with the site: an Arabic site name before the
// date would take the date's first number into its own right-to-left run.
func TestSummaryRowPutsTheSiteLast(t *testing.T) {
	r := summaryRow(library.Summary{Site: "المجلة", Published: time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC), ReadingMinutes: 6, Language: "ar", Dir: "rtl"})
	if !strings.HasSuffix(r.meta, "المجلة") || strings.HasPrefix(r.meta, "المجلة") || !r.rtl {
		t.Errorf("meta = %q (rtl %v)", r.meta, r.rtl)
	}
}
