package views

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"

	"fyne.io/fyne/v2/theme"
)

// waitUntilIdle waits until busy, asked on the UI thread, says every load
// and change of a view has shown its result.
func waitUntilIdle(t *testing.T, what string, busy func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		still := true
		fynedo.Do(func() { still = busy() })
		if !still {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s stayed busy", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitReaderIdle waits until every load and change of r has shown its
// result.
func waitReaderIdle(t *testing.T, r *Reader) {
	t.Helper()
	waitUntilIdle(t, "the reader", r.Busy)
}

// TestQuickChangesAllLand: the user marks the article a favourite and, at
// once, gives it tags. Neither change cancels the other: both are stored
// and both show in the reader's toolbar.
func TestQuickChangesAllLand(t *testing.T) {
	r, lib, id, _, _ := openSeed(t)
	changed := 0
	fynedo.Do(func() {
		r.OnChanged = func() { changed++ }
		r.OnEditTags = func(current []string, done func([]string)) { done([]string{"ai", "الصين"}) }
		r.toggleFavourite()
		r.editTags()
	})
	waitReaderIdle(t, r)
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Favourite || !slices.Equal(a.Tags, []string{"ai", "الصين"}) {
		t.Errorf("stored favourite %v, tags %q; want true and both tags", a.Favourite, a.Tags)
	}
	fynedo.Do(func() {
		if changed != 2 {
			t.Errorf("the list was told of %d changes, want 2", changed)
		}
		if r.fav.Icon != theme.ConfirmIcon() {
			t.Error("the Favourite button does not show the article as a favourite")
		}
		if !r.tags.Visible() || !strings.Contains(r.tags.Text, "ai") || !strings.Contains(r.tags.Text, "الصين") {
			t.Errorf("tags shown %q (visible %v)", r.tags.Text, r.tags.Visible())
		}
	})
}

// TestTwoTapsOnFavouriteTakeItBack: each change reads what the one before
// it left, so a second quick tap undoes the first instead of repeating it.
func TestTwoTapsOnFavouriteTakeItBack(t *testing.T) {
	r, lib, id, _, _ := openSeed(t)
	fynedo.Do(func() {
		r.toggleFavourite()
		r.toggleFavourite()
		r.toggleArchive()
	})
	waitReaderIdle(t, r)
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Favourite || !a.Archived {
		t.Errorf("after two taps on Favourite and one on Archive: favourite %v, archived %v; want false, true", a.Favourite, a.Archived)
	}
	fynedo.Do(func() {
		if r.fav.Icon != theme.ContentAddIcon() {
			t.Error("the Favourite button still shows a favourite")
		}
		if r.archive.Icon != theme.UploadIcon() {
			t.Error("the Archive button does not offer to unarchive")
		}
	})
}

// TestChangeErrorIsShown: the article was deleted elsewhere (the command
// line, another window) while it was open; changing its tags fails in the
// library, and the user is told, in their words, what could not be done.
func TestChangeErrorIsShown(t *testing.T) {
	r, lib, id, _, _ := openSeed(t)
	if err := lib.Delete(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	type shown struct {
		title string
		err   error
	}
	errs := make(chan shown, 2)
	fynedo.Do(func() {
		r.OnError = func(title string, err error) { errs <- shown{title, err} }
		r.OnEditTags = func(current []string, done func([]string)) { done([]string{"late"}) }
		r.editTags()
	})
	got := wait(t, errs, "the error")
	if got.title != "Could not change the tags" || !errors.Is(got.err, library.ErrNotFound) {
		t.Errorf("shown %q, %v; want the tags' message and not-found", got.title, got.err)
	}
	waitReaderIdle(t, r)
	fynedo.Do(func() {
		if r.tags.Visible() {
			t.Errorf("the reader shows tags %q that were not kept", r.tags.Text)
		}
	})
}

// TestClosedReaderChangesNothing: once the window has gone, a change is
// neither run nor shown.
func TestClosedReaderChangesNothing(t *testing.T) {
	r, lib, id, _, _ := openSeed(t)
	fynedo.Do(func() {
		r.Close()
		r.toggleFavourite()
	})
	waitReaderIdle(t, r)
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Favourite {
		t.Error("a change asked after the reader closed was stored")
	}
}

// TestAFailedChangeDoesNotStopTheNext: a change that fails (a highlight
// removed meanwhile from the Highlights section) is told to the user, and
// the change asked right after it still lands.
func TestAFailedChangeDoesNotStopTheNext(t *testing.T) {
	r, lib, id, _, _ := openSeed(t)
	titles := make(chan string, 2)
	fynedo.Do(func() {
		r.OnError = func(title string, err error) { titles <- title }
		r.OnEditHighlight = func(h library.Highlight, done func(colour, note string)) { done("green", "gone") }
		r.OnEditTags = func(current []string, done func([]string)) { done([]string{"kept"}) }
		r.editHighlight(library.Highlight{ID: 9999, ArticleID: id})
		r.editTags()
	})
	waitReaderIdle(t, r)
	if got := wait(t, titles, "the error"); got != "Could not change the highlight" {
		t.Errorf("shown %q, want the highlight's message", got)
	}
	if len(titles) != 0 {
		t.Errorf("another error shown: %q", <-titles)
	}
	a, err := lib.Get(context.Background(), id)
	if err != nil || !slices.Equal(a.Tags, []string{"kept"}) {
		t.Errorf("stored tags %q, %v; want the change after the failed one", a.Tags, err)
	}
	fynedo.Do(func() {
		if !strings.Contains(r.tags.Text, "kept") {
			t.Errorf("tags shown %q", r.tags.Text)
		}
	})
}
