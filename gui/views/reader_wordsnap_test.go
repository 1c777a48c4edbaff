package views

import (
	"context"
	"strings"
	"testing"

	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
)

// A highlight made from a selection that stops inside a word keeps the
// whole word, in both scripts; one made of whole words stays as it is.
func TestHighlightKeepsWholeWords(t *testing.T) {
	for _, c := range []struct{ text, sel, want string }{
		{"إن كانت هناك تقنية واحدة تحتاجها أميركا لتحقيق", "انت هناك تقنية واحدة تحتاجها أمير", "كانت هناك تقنية واحدة تحتاجها أميركا"},
		{"On January 20, 2025, Donald Trump was sworn in", "nald Tru", "Donald Trump"},
		{"DeepSeek's model beat o1", "Seek", "DeepSeek's"},
		{"the model (R1) was cheap", "(R1) ", "(R1)"},
		{"«علي بابا» أطلقت", "«علي با", "«علي بابا"},
		{"تَحْتَاجُهَا أميركا", "تَحْتَا", "تَحْتَاجُهَا"},
		{"a 1,000-page report", "00-pa", "1,000-page"},
		{"grew 2.5 percent, then 3", "5 perc", "2.5 percent"},
		{"بلغ ١٬٢٠٠ دولار", "٢٠٠", "١٬٢٠٠"},
		{"in 2025. Then", "025", "2025"},
		{"whole words stay", "words", "words"},
		{"  spaced out  ", " spaced ", "spaced"},
	} {
		i := strings.Index(c.text, c.sel)
		if i < 0 {
			t.Fatalf("%q not in %q", c.sel, c.text)
		}
		s, e := wholeWords(c.text, i, i+len(c.sel))
		if got := c.text[s:e]; got != c.want {
			t.Errorf("wholeWords(%q, %q) = %q, want %q", c.text, c.sel, got, c.want)
		}
	}
}

// In the reader, a drag that stops inside words keeps the whole words: the
// highlight stored, and the quote the dialog shows, are «ديفيد ساكس», not
// the letters dragged over.
func TestSelectionInsideWordsHighlightsWholeWords(t *testing.T) {
	r, lib, id, shown, _ := openSeed(t)
	const word, part = "ديفيد ساكس", "يفيد ساك"
	fynedo.Do(func() {
		selectText(r, part)
		r.OnHighlight = func(quote string, done func(colour, note string)) {
			if quote != word {
				t.Errorf("asked to highlight %q, want %q", quote, word)
			}
			done("yellow", "")
		}
		r.addHighlight()
	})
	wait(t, shown, "the article redrawn with the highlight")
	hs, err := lib.Highlights(context.Background(), id)
	if err != nil || len(hs) != 1 || hs[0].Quote != word {
		t.Fatalf("stored highlights = %+v, %v", hs, err)
	}
}

// A row shown again for another block (rows are recycled as the article
// scrolls), or for its block redrawn with a new highlight, shows no
// selection left from before: the old one would paint the selection colour
// over text the user never selected, and over the highlight just made.
func TestRecycledRowKeepsNoSelection(t *testing.T) {
	r, _, _, _, _ := openSeed(t)
	fynedo.Do(func() {
		v := r.view
		if len(v.blocks) < 4 {
			t.Fatalf("the seed has %d blocks", len(v.blocks))
		}
		row := v.createRow().(*fyne.Container)
		row.Resize(fyne.NewSize(600, 400))
		v.updateRow(2, row)
		para := row.Objects[1].(*widgets.Paragraph)
		para.Resize(fyne.NewSize(600, 400))
		para.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 12)}, Dragged: fyne.NewDelta(-200, 0)})
		para.DragEnd()
		if s, e := para.Selection(); s == e {
			t.Fatal("the drag selected nothing")
		}
		v.updateRow(3, row)
		if s, e := para.Selection(); s != e {
			t.Errorf("the row shown for block 3 still has the selection %d–%d made in block 2", s, e)
		}
		v.updateRow(3, row) // the same block again (a theme change): nothing to clear, nothing breaks
		if s, e := para.Selection(); s != e {
			t.Errorf("selection %d–%d after showing the same block again", s, e)
		}
	})
}
