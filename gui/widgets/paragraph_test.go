package widgets

import (
	"image/color"
	"testing"

	"annals/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

var (
	testArabic     = fyne.NewStaticResource("NotoSansArabic-Regular.ttf", assets.SansArabicRegular)
	testArabicBold = fyne.NewStaticResource("NotoSansArabic-Bold.ttf", assets.SansArabicBold)
)

// arabicTestTheme is Fyne's test theme with Noto Sans Arabic as the first
// font, as Annals' theme does: Latin letters fall back to Fyne's own font.
type arabicTestTheme struct{ fyne.Theme }

func (t arabicTestTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace, s.Symbol, s.Italic:
		return t.Theme.Font(s)
	case s.Bold:
		return testArabicBold
	}
	return testArabic
}

func newTestApp(t *testing.T) {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, arabicTestTheme{test.NewTheme()})
}

// mixedSpans is one line of Arabic holding a bold word, a Latin link, a
// mention, a highlight and numbers.
func mixedSpans() []Span {
	return []Span{
		{Text: "أطلق "},
		{Text: "نموذج", Style: StyleBold},
		{Text: " "},
		{Text: "QwQ", Style: StyleLink, Link: "https://qwenlm.github.io"},
		{Text: " في "},
		{Text: "نوفمبر", Style: StyleMention, Tag: "date:2024-11"},
		{Text: " 2024 باستخدام "},
		{Text: "2000 شريحة", Highlight: color.NRGBA{R: 0xff, G: 0xd0, B: 0x40, A: 0xff}},
		{Text: "."},
	}
}

func TestParagraphSnapshot(t *testing.T) {
	newTestApp(t)
	p := NewParagraph(mixedSpans(), DirRTL)
	w := test.NewTempWindow(t, p)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(560, p.HeightForWidth(560)))
	if h := p.HeightForWidth(560); h != p.prepared().lineHeight {
		t.Fatalf("mixed line does not fit one line at 560: height %v", h)
	}
	test.AssertImageMatches(t, "paragraph_mixed_rtl.png", w.Canvas().Capture())
}

func TestParagraphRendersRunsInDisplayOrder(t *testing.T) {
	newTestApp(t)
	p := NewParagraph([]Span{{Text: "أطلق نموذج QwQ في نوفمبر 2024."}}, DirAuto)
	w := test.NewTempWindow(t, p)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 60))
	r := test.TempWidgetRenderer(t, p)
	var texts []*canvas.Text
	for _, o := range r.Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			texts = append(texts, tx)
		}
	}
	var got []string
	for i, tx := range texts {
		got = append(got, tx.Text)
		if i > 0 && tx.Position().X < texts[i-1].Position().X+texts[i-1].Size().Width-0.01 {
			t.Errorf("%q at %v does not follow %q", tx.Text, tx.Position().X, texts[i-1].Text)
		}
	}
	// words of one level and span, spaced by one space, are drawn as one
	// text (paragraph_stretch.go); the neutral "." and the numbers are not
	want := []string{".", "2024", "في نوفمبر", "QwQ", "أطلق نموذج"}
	if len(got) != len(want) {
		t.Fatalf("texts = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("texts = %q, want %q", got, want)
		}
	}
	last := texts[len(texts)-1]
	// texts sit at whole pixels (see paragraphRenderer.build): half a
	// pixel either way
	if right := last.Position().X + last.Size().Width; right < 599 || right > 600.5 {
		t.Errorf("line ends at %v, want right-aligned at 600", right)
	}
}

func TestParagraphInteraction(t *testing.T) {
	newTestApp(t)
	s := "أطلق نموذج QwQ في نوفمبر 2024."
	var tapped []int
	var links []string
	p := NewParagraph([]Span{
		{Text: "أطلق نموذج "},
		{Text: "QwQ", Style: StyleLink, Link: "https://qwenlm.github.io"},
		{Text: " في نوفمبر 2024."},
	}, DirRTL)
	p.OnTapped = func(off int) { tapped = append(tapped, off) }
	p.OnLinkTapped = func(l string) { links = append(links, l) }
	w := test.NewTempWindow(t, p)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 60))

	lines, m := p.layout(600)
	var qwq Run
	for _, r := range lines[0].Runs {
		if r.Text == "QwQ" {
			qwq = r
		}
	}
	test.TapAt(p, fyne.NewPos(qwq.X+qwq.Width/2, m.lineHeight/2))
	if len(tapped) != 1 || []rune(s)[tapped[0]] != 'w' {
		t.Errorf("tapped offsets %v, want the w of QwQ", tapped)
	}
	if len(links) != 1 || links[0] != "https://qwenlm.github.io" {
		t.Errorf("links = %v", links)
	}

	if p.Text() != s {
		t.Errorf("Text() = %q", p.Text())
	}
	p.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != s {
		t.Errorf("clipboard = %q, want the paragraph", got)
	}

	// drag across QwQ from its right edge to its left edge selects it
	var selStart, selEnd int
	p.OnSelectionChanged = func(a, b int) { selStart, selEnd = a, b }
	y := m.lineHeight / 2
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(qwq.X+qwq.Width-1, y)}})
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(qwq.X+1, y)}, Dragged: fyne.NewDelta(-(qwq.Width - 2), 0)})
	p.DragEnd()
	if got := p.SelectedText(); got != "QwQ" || selEnd-selStart != 3 {
		t.Errorf("selected %q [%d,%d), want QwQ", got, selStart, selEnd)
	}
	p.Copy()
	if got := fyne.CurrentApp().Clipboard().Content(); got != "QwQ" {
		t.Errorf("clipboard = %q, want the selection", got)
	}
}

func TestParagraphHeightForWidth(t *testing.T) {
	newTestApp(t)
	text := "قد لا تكون النماذج اللغوية الكبيرة الصينية الأفضل على الإطلاق، لكنها الأرخص بما لا يقاس."
	p := NewParagraph([]Span{{Text: text}}, DirAuto)
	one := p.HeightForWidth(5000)
	narrow := p.HeightForWidth(200)
	if one <= 0 || narrow < 3*one {
		t.Errorf("heights: %v at 5000, %v at 200", one, narrow)
	}
	p.Resize(fyne.NewSize(200, 10))
	if got := p.MinSize().Height; got != narrow {
		t.Errorf("MinSize height %v, want %v", got, narrow)
	}
}

// The fast measurer must agree with what canvas.Text draws: the pieces of
// one face each, drawn with that face as FontSource.
func TestMeasureMatchesDriver(t *testing.T) {
	newTestApp(t)
	th := fyne.CurrentApp().Settings().Theme()
	for _, size := range []float32{14, 19.5} {
		ms := newMeasurer(th, size)
		m := NewMeasure(th, size)
		for _, tc := range []struct {
			text  string
			style SpanStyle
		}{
			{"أطلق", StylePlain}, {"نموذج", StyleBold}, {"QwQ", StylePlain}, {"DeepSeek", StyleBold},
			{"2024", StylePlain}, {"بـ16000", StylePlain}, {"“ديب", StylePlain}, {"(", StylePlain},
			{"Meta's", StyleItalic}, {"،", StylePlain}, {"漢字", StylePlain}, {"A−B →", StylePlain},
		} {
			var want float32
			ms.segments(tc.text, tc.style, func(seg string, face int) {
				sz, _ := fyne.CurrentApp().Driver().RenderedTextSize(seg, size, textStyle(tc.style), ms.source(tc.style, face))
				want += sz.Width
			})
			if got := m(tc.text, tc.style); got < want-0.01 || got > want+0.01 {
				t.Errorf("size %v: width of %q = %v, driver says %v", size, tc.text, got, want)
			}
		}
	}
}
