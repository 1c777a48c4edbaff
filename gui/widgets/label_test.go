package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// labelTexts returns the label's drawn texts, left to right.
func labelTexts(t *testing.T, l *Label) []*canvas.Text {
	t.Helper()
	box := test.WidgetRenderer(l).Objects()[0].(*fyne.Container)
	var out []*canvas.Text
	for _, o := range box.Objects {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx)
		}
	}
	for i := 1; i < len(out); i++ {
		if out[i].Position().X < out[i-1].Position().X {
			t.Fatalf("runs not left to right: %q at %v before %q at %v", out[i-1].Text, out[i-1].Position(), out[i].Text, out[i].Position())
		}
	}
	return out
}

func joined(ts []*canvas.Text) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Text)
	}
	return strings.Join(s, "|")
}

// widget.Label draws "6 حدث" (6 events) as typed, the number on the left;
// Label puts it where an Arabic reader starts, on the right, and aligns
// the line right.
func TestLabelOrdersArabicWithNumbers(t *testing.T) {
	newTestApp(t)
	l := NewLabel("6 حدث")
	w := test.NewWindow(l)
	defer w.Close()
	w.Resize(fyne.NewSize(300, 100))
	ts := labelTexts(t, l)
	if got := joined(ts); got != "حدث|6" {
		t.Fatalf("runs left to right = %q, want حدث|6", got)
	}
	last := ts[len(ts)-1]
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, l)
	// Positions are inside the padding.
	if right := pad + last.Position().X + last.Size().Width; right < l.Size().Width-pad-1 {
		t.Errorf("right edge %v, label width %v: an Arabic line is right-aligned", right, l.Size().Width)
	}

	l.SetText("Saved 6 articles")
	if got := joined(labelTexts(t, l)); got != "Saved 6 articles" { // one text: paragraph_stretch.go
		t.Errorf("English runs = %q", got)
	}
	if x := labelTexts(t, l)[0].Position().X; x > 1 {
		t.Errorf("an English line starts at %v, want the left edge", x)
	}
}

// A truncated label keeps to its width and ends in "…" at the logical end
// of the text: the left of an Arabic line, the right of an English one.
func TestLabelTruncates(t *testing.T) {
	newTestApp(t)
	for _, c := range []struct {
		text      string
		ellipsisI func(n int) int
	}{
		{"في نوفمبر 2024 أطلقت Alibaba نموذج QwQ الذي ينافس نماذج OpenAI بتكلفة أقل بكثير من المتوقع", func(int) int { return 0 }},
		{"English title that is long enough to be cut off at the end of the line for sure", func(n int) int { return n - 1 }},
	} {
		l := NewLabel(c.text)
		l.Truncate = true
		w := test.NewWindow(container.NewVBox(l))
		w.Resize(fyne.NewSize(260, 80))
		ts := labelTexts(t, l)
		if len(ts) < 2 || ts[c.ellipsisI(len(ts))].Text != Ellipsis {
			t.Errorf("%.20s…: runs %q, want the ellipsis at index %d", c.text, joined(ts), c.ellipsisI(len(ts)))
		}
		for _, tx := range ts {
			if tx.Position().X < 0 || tx.Position().X+tx.Size().Width > l.Size().Width {
				t.Errorf("%.20s…: run %q at %v+%v outside the label (%v wide)", c.text, tx.Text, tx.Position().X, tx.Size().Width, l.Size().Width)
			}
		}
		if h, one := l.MinSize().Height, NewLabel("x").MinSize().Height; h != one {
			t.Errorf("truncated label is %v high, one line is %v", h, one)
		}
		if l.MinSize().Width > 60 {
			t.Errorf("a truncating label asks for %v of width", l.MinSize().Width)
		}
		w.Close()
	}
	// Not truncated, not wrapped: it asks for its text's width.
	full := NewLabel("English title that is long")
	narrow := NewLabel("English")
	if full.MinSize().Width <= narrow.MinSize().Width {
		t.Errorf("MinSize widths %v and %v: a plain label asks for its text's width", full.MinSize().Width, narrow.MinSize().Width)
	}
	// Wrapped: more lines at a narrower width.
	wr := NewLabel(strings.Repeat("كلمة عربية ", 20))
	wr.Wrap = true
	w := test.NewWindow(wr)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 400))
	wide := wr.MinSize().Height
	w.Resize(fyne.NewSize(150, 400))
	if narrowH := wr.MinSize().Height; narrowH <= wide {
		t.Errorf("wrapped label %v high at 150, %v at 400", narrowH, wide)
	}
}

// A label in a list row leaves taps to the row: the list selects it.
func TestLabelInListRowLetsTheRowTakeTaps(t *testing.T) {
	newTestApp(t)
	selected := -1
	list := widget.NewList(func() int { return 3 },
		func() fyne.CanvasObject { l := NewLabel("عنوان المقالة 2024"); l.Truncate = true; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*Label).SetText("عنوان المقالة 2024") })
	list.OnSelected = func(i widget.ListItemID) { selected = i }
	w := test.NewWindow(list)
	defer w.Close()
	w.Resize(fyne.NewSize(300, 300))
	h := NewLabel("x").MinSize().Height
	test.TapCanvas(w.Canvas(), fyne.NewPos(280, h*1.5))
	if selected != 1 {
		t.Errorf("tapping the second row's label selected %d", selected)
	}
}

// A LabelButton draws its label in bidi order and takes taps on it.
func TestLabelButtonTakesTaps(t *testing.T) {
	newTestApp(t)
	tapped := 0
	l := NewLabel("نموذج QwQ من Alibaba (3)")
	b := LabelButton(l, func() { tapped++ })
	w := test.NewWindow(container.NewVBox(b))
	defer w.Close()
	w.Resize(fyne.NewSize(400, 120))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l).Add(fyne.NewPos(l.Size().Width/2, l.Size().Height/2))
	test.TapCanvas(w.Canvas(), pos)
	if tapped != 1 {
		t.Errorf("tapping the label ran the button %d times", tapped)
	}
	// Right to left: the first word rightmost; "Alibaba (3)" stays one
	// left-to-right run (a number after Latin letters takes their
	// direction, rule W7).
	if got := joined(labelTexts(t, l)); got != "Alibaba|(3)|من|QwQ|نموذج" {
		t.Errorf("runs left to right = %q", got)
	}
}
