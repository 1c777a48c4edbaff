package views

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// An entity in many articles gets a page of its first rows, whatever
// their number; "Show more" adds the next ones with their sentences, read
// in the background.
func TestEntityPageShowsItsArticlesABatchAtATime(t *testing.T) {
	newTestApp()
	lib := emptyLibrary(t)
	const n = entityFirstRows + entityMoreRows + 5
	var pages []library.Page
	for i := range n {
		body := strings.Repeat(fmt.Sprintf("Paragraph %d about trade and shipping, long enough to be an article. ", i), 8)
		pages = append(pages, library.Page{URL: fmt.Sprintf("https://e.test/%d", i),
			HTML: []byte(fmt.Sprintf("<html><head><title>Story %d</title></head><body><article><h1>Story %d</h1><p>%s</p>"+
				"<p>Donald Trump spoke about tariffs in story %d.</p><p>%s</p></article></body></html>", i, i, body, i, body))})
	}
	if _, err := lib.AddPages(context.Background(), pages...).Wait(); err != nil {
		t.Fatal(err)
	}
	const key = "person:donald-trump"
	shown := make(chan string, 4)
	var v *Entities
	fynedo.Do(func() {
		v = NewEntities(lib, quiet())
		v.OnShown = func(key string) { shown <- key }
		w := fyne.CurrentApp().NewWindow("entities")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1000, 700))
		v.Show(key)
	})
	wait(t, shown, "Trump's page")
	// sentences are the sentences the section's rows show, in order
	sentences := func() (out []string) {
		fynedo.Do(func() {
			for _, o := range v.articles.box.Objects {
				if p, ok := o.(*widgets.Paragraph); ok {
					out = append(out, p.Text())
				}
			}
		})
		return out
	}
	fynedo.Do(func() {
		if got := len(v.Current().MentionedIn); got != n {
			t.Fatalf("Trump is in %d articles, want %d", got, n)
		}
	})
	first := sentences()
	if len(first) != entityFirstRows {
		t.Fatalf("the page built %d article rows of %d, want the first %d", len(first), n, entityFirstRows)
	}
	for i, s := range first {
		if !strings.Contains(s, "Donald Trump spoke") {
			t.Errorf("row %d's sentence %q is not the mention's", i, s)
		}
	}
	more := func() {
		fynedo.Do(func() {
			if l := v.articles.moreText.Text; !strings.Contains(l, fmt.Sprint(n-v.articles.shown)) {
				t.Errorf("the button says %q with %d rows left", l, n-v.articles.shown)
			}
			test.Tap(v.articles.more)
		})
	}
	more()
	waitFor(t, "the next rows", func() bool { return len(sentences()) == entityFirstRows+entityMoreRows })
	next := sentences()
	for i, s := range next[entityFirstRows:] {
		if !strings.Contains(s, "Donald Trump spoke about tariffs in story") {
			t.Errorf("row %d's sentence %q was not read", entityFirstRows+i, s)
		}
	}
	more()
	waitFor(t, "the last rows", func() bool { return len(sentences()) == n })
	fynedo.Do(func() {
		if objs := v.articles.box.Objects; objs[len(objs)-1] == fyne.CanvasObject(v.articles.moreAt) {
			t.Error("the button is still there with every row shown")
		}
	})
}

// waitFor polls cond until it holds, for up to 20 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
