package widgets

import (
	"fmt"
	"sort"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// WarmTexts measures the very texts the paragraph draws (text, size,
// style, face: what Fyne keeps their sizes by), at every width, or the
// painter measures them again on the UI thread.
func TestWarmTextsAreTheTextsDrawn(t *testing.T) {
	newTestApp(t)
	th := arabicTestTheme{test.NewTheme()}
	var spans []Span
	for range 4 {
		spans = append(spans, mixedSpans()...)
		spans = append(spans, Span{Text: " and in English: DeepSeek released R1 on 20 January 2025, the day of the inauguration. "})
	}
	key := func(ts []*canvas.Text) []string {
		var out []string
		for _, t := range ts {
			if t.Text != "" && t.Visible() {
				src := ""
				if t.FontSource != nil {
					src = t.FontSource.Name()
				}
				out = append(out, fmt.Sprintf("%q %v %v %s", t.Text, t.TextSize, t.TextStyle, src))
			}
		}
		sort.Strings(out)
		return out
	}
	for _, w := range []float32{180, 333.5, 560} {
		p := NewParagraph(spans, DirRTL)
		p.TextSize, p.LineSpacing, p.UseTheme = 17.25, 1.9, th
		win := test.NewTempWindow(t, p)
		win.SetPadded(false)
		win.Resize(fyne.NewSize(w, p.HeightForWidth(w)))
		var drawn []*canvas.Text
		for _, o := range test.WidgetRenderer(p).Objects() {
			if t, ok := o.(*canvas.Text); ok {
				drawn = append(drawn, t)
			}
		}
		got, want := key(textsToDraw(spans, DirRTL, th, 17.25, 1.9, p.Size().Width)), key(drawn)
		if len(want) < 4 {
			t.Fatalf("width %v: %d texts drawn", w, len(want))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("width %v: warmed texts\n%v\nwant the drawn ones\n%v", w, got, want)
		}
		if n := WarmTexts(spans, DirRTL, th, 17.25, 1.9, p.Size().Width); n != len(want) {
			t.Errorf("width %v: WarmTexts measured %d texts, want %d", w, n, len(want))
		}
	}
}
