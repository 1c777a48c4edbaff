package views

import (
	"context"
	"testing"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/internal/testenv"
)

// TestReaderShowsTheLastOfQuickOpens opens two articles in one breath: the
// reader's loads (article, highlights, pictures) go through loaders, so the
// first open's result is dropped, the second article is shown with its own
// highlights, and Busy stays true until all of that is on screen.
func TestReaderShowsTheLastOfQuickOpens(t *testing.T) {
	r, lib, seedID, shown, _ := openSeed(t)
	ctx := context.Background()
	res, err := lib.ImportFile(ctx, testenv.Sample(t, "annals-sample-en.html")).Wait()
	if err != nil {
		t.Fatal(err)
	}
	second := res.IDs[0]
	a, err := lib.Get(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddHighlight(ctx, library.Highlight{ArticleID: second, Start: 0, End: 10, Quote: a.Text[:10], Colour: "yellow"}); err != nil {
		t.Fatal(err)
	}

	fynedo.Do(func() {
		r.Open(seedID)
		r.Open(second)
	})
	waitReaderIdle(t, r)
	// Only the second open reached the screen.
	for len(shown) > 0 {
		if got := <-shown; got != second {
			t.Errorf("shown article %d after the second open; want only %d", got, second)
		}
	}
	fynedo.Do(func() {
		if got := r.ArticleID(); got != second {
			t.Errorf("reader shows article %d, want %d", got, second)
		}
		if len(r.highlights) != 1 || r.highlights[0].ArticleID != second {
			t.Errorf("highlights %+v, want the second article's one", r.highlights)
		}
		if want := highlightsButtonText(1); r.hlToggle.Text != want {
			t.Errorf("highlights button %q, want %q", r.hlToggle.Text, want)
		}
	})
}
