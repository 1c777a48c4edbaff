package views

import (
	"context"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/widgets"
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

// A note of several lines keeps them in the highlights panel, each in its
// own direction, instead of one paragraph that mixed them out of order.
func TestHighlightsPanelKeepsANotesLines(t *testing.T) {
	r, lib, id, _, _ := openSeed(t)
	note := "مستشار ترمب للذكاء الاصطناعي\nDavid Sacks, AI adviser"
	if _, err := lib.AddHighlight(context.Background(), library.Highlight{ArticleID: id, Start: 0, End: len("إن"), Quote: "إن", Colour: "yellow", Note: note}); err != nil {
		t.Fatal(err)
	}
	fynedo.Do(func() { r.Open(id) })
	deadline := time.Now().Add(10 * time.Second)
	for {
		var got []*widgets.Label
		fynedo.Do(func() {
			for _, o := range r.hlList.Objects {
				if l, ok := o.(*widgets.Label); ok && l.Italic {
					got = append(got, l)
				}
			}
		})
		if len(got) == 2 {
			if got[0].Text != "مستشار ترمب للذكاء الاصطناعي" || got[1].Text != "David Sacks, AI adviser" {
				t.Errorf("note lines %q, %q", got[0].Text, got[1].Text)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the panel shows %d note labels, want one per line", len(got))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
