package views

import (
	"context"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
)

// The highlights panel's button says what it opens and how many
// highlights there are ("Highlights (1)"), not "≡ 1".
func TestHighlightsButtonSaysWhatItOpens(t *testing.T) {
	r, lib, id, _, _ := openSeed(t)
	var text string
	fynedo.Do(func() { text = r.hlToggle.Text })
	if text != "Highlights (0)" {
		t.Errorf("button reads %q on an article without highlights, want %q", text, "Highlights (0)")
	}
	if _, err := lib.AddHighlight(context.Background(), library.Highlight{ArticleID: id, Start: 0, End: len("إن"), Quote: "إن", Colour: "yellow"}); err != nil {
		t.Fatal(err)
	}
	fynedo.Do(func() { r.Open(id) })
	deadline := time.Now().Add(10 * time.Second)
	for {
		fynedo.Do(func() { text = r.hlToggle.Text })
		if text == "Highlights (1)" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("button reads %q with one highlight, want %q", text, "Highlights (1)")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
