package widgets

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SpanLabel is Label for styled text: a search snippet whose matching
// words are bold and highlighted. widget.RichText draws its segments in
// typing order, so an Arabic snippet read "after | match | before" and
// sat on the left; SpanLabel lays the spans out through Paragraph (bidi
// order, right-aligned when right to left). Like Label it takes no taps,
// so inside a list row the row keeps them.
//
// Set the exported fields, then call Refresh (SetSpans does).
type SpanLabel struct {
	widget.BaseWidget

	Spans []Span
	// Direction is the base direction; DirAuto lets the first letter decide.
	Direction Direction
	// SizeName is the text size; "" is the theme's text size.
	SizeName fyne.ThemeSizeName
	// ColorName is the text colour; "" is the foreground.
	ColorName fyne.ThemeColorName
	// MaxLines is the most lines shown, the last cut at a word with "…";
	// 0 shows every line.
	MaxLines int
	// Muted draws the plain text in MutedColor: for meta lines and hints,
	// quieter than the text yet readable (the theme's "disabled" colour,
	// which Label's LowImportance uses, is 1.3:1 on white).
	Muted bool

	para *Paragraph
}

// NewSpanLabel returns a label showing spans.
func NewSpanLabel(spans []Span, dir Direction) *SpanLabel {
	l := &SpanLabel{Spans: spans, Direction: dir}
	l.ExtendBaseWidget(l)
	return l
}

// SetSpans replaces the text and redraws.
func (l *SpanLabel) SetSpans(spans []Span) {
	l.Spans = spans
	l.Refresh()
}

// Text is the label's plain text.
func (l *SpanLabel) Text() string {
	s := ""
	for _, sp := range l.Spans {
		s += sp.Text
	}
	return s
}

// Lines is the label laid out at its current inner width, for tests that
// check what order the words are drawn in.
func (l *SpanLabel) Lines() []Line {
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, l)
	lines, _ := l.paragraph().layout(max(0, l.Size().Width-2*pad))
	return lines
}

func (l *SpanLabel) paragraph() *Paragraph {
	if l.para == nil {
		l.para = NewParagraph(nil, DirAuto)
	}
	p := l.para
	p.Spans = l.Spans
	p.Direction = l.Direction
	p.ColorName = l.ColorName
	p.TextSize = 0
	if l.SizeName != "" {
		p.TextSize = theme.SizeForWidget(l.SizeName, l)
	}
	p.MaxLines = l.MaxLines
	return p
}

// MinSize is the wrapped text's height at the current width plus padding.
func (l *SpanLabel) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	return l.BaseWidget.MinSize()
}

// CreateRenderer is part of fyne.Widget; it draws the paragraph's runs
// without the paragraph in the tree (see Label).
func (l *SpanLabel) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	p := l.paragraph()
	p.dropLayout()
	return &spanLabelRenderer{l: l, p: p, pr: &paragraphRenderer{p: p}, box: container.NewWithoutLayout()}
}

type spanLabelRenderer struct {
	l   *SpanLabel
	p   *Paragraph
	pr  *paragraphRenderer
	box *fyne.Container
}

func (r *spanLabelRenderer) pad() float32 {
	return theme.SizeForWidget(theme.SizeNameInnerPadding, r.l)
}

func (r *spanLabelRenderer) Layout(size fyne.Size) {
	pad := r.pad()
	inner := fyne.NewSize(max(0, size.Width-2*pad), max(0, size.Height-2*pad))
	r.pr.build(inner)
	if r.l.Muted {
		r.mute()
	}
	r.box.Objects = r.pr.objects
	r.box.Move(fyne.NewPos(pad, pad))
	r.box.Resize(inner)
}

// mute recolours the runs drawn in the paragraph's text colour; links and
// the emphasis of highlighted spans keep theirs.
func (r *spanLabelRenderer) mute() {
	th := r.l.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	name := r.p.ColorName
	if name == "" {
		name = theme.ColorNameForeground
	}
	fg, muted := th.Color(name, v), MutedColor(th, v)
	for _, o := range r.pr.objects {
		if t, ok := o.(*canvas.Text); ok && t.Color == fg {
			t.Color = muted
			t.Refresh()
		}
	}
}

// Muted text colours: the quietest greys that keep a contrast of 4.5:1
// (WCAG AA) on the theme's background and on a selected list row, in
// Fyne's light and dark themes (checked by TestMutedColourContrast).
var (
	mutedOnLight = color.NRGBA{R: 0x5a, G: 0x5a, B: 0x5a, A: 0xff}
	mutedOnDark  = color.NRGBA{R: 0xa0, G: 0xa0, B: 0xa0, A: 0xff}
)

// MutedColor is the colour of meta lines and hints for theme th: chosen
// by the background's lightness, so a theme that forces light or dark
// whatever the variant asked gets the right one.
func MutedColor(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	if RelativeLuminance(th.Color(theme.ColorNameBackground, v)) > 0.5 {
		return mutedOnLight
	}
	return mutedOnDark
}

// RelativeLuminance is WCAG 2's relative luminance of an opaque colour.
func RelativeLuminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// ContrastRatio is WCAG 2's contrast ratio of two opaque colours (1 to 21).
func ContrastRatio(a, b color.Color) float64 {
	la, lb := RelativeLuminance(a), RelativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func (r *spanLabelRenderer) MinSize() fyne.Size {
	pad := r.pad()
	h := r.p.prepared().lineHeight
	if w := r.l.Size().Width - 2*pad; w > 0 {
		h = max(h, r.p.HeightForWidth(w))
	}
	return fyne.NewSize(r.p.prepared().prep.measure(Ellipsis, StylePlain)+2*pad, h+2*pad)
}

func (r *spanLabelRenderer) Refresh() {
	r.l.paragraph()
	r.p.dropLayout()
	r.Layout(r.l.Size())
	canvas.Refresh(r.l)
}

func (r *spanLabelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }

func (r *spanLabelRenderer) Destroy() {}
