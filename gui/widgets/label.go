package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Label stands in for widget.Label wherever the text may hold Arabic:
// titles, notes, and the app's own sentences in the Arabic interface.
// widget.Label draws the runs of a line in typing order, so "6 حدث" or an
// Arabic title naming "QwQ" comes out scrambled; Label draws through
// Paragraph, with the bidi rules and right alignment of Arabic text, and
// keeps widget.Label's padding so the two line up.
//
// Set the exported fields, then call Refresh (SetText does).
type Label struct {
	widget.BaseWidget

	Text   string
	Bold   bool
	Italic bool
	// Truncate keeps the text on one line, cut with "…"; the label then
	// asks for little width, as widget.Label with TextTruncateEllipsis.
	Truncate bool
	// Wrap breaks the text into as many lines as the width needs.
	// Without Truncate or Wrap the label asks for the width of its text.
	Wrap bool
	// Importance colours the text as widget.Label's does: Low is the
	// theme's disabled colour, Danger its error colour.
	Importance widget.Importance
	// SizeName is the text size; "" is the theme's text size.
	SizeName fyne.ThemeSizeName
	// Direction is the text's base direction, DirAuto by default (the
	// first letter decides). A right-to-left label is right-aligned.
	Direction Direction

	para *Paragraph
}

// NewLabel returns a one-line label for text.
func NewLabel(text string) *Label {
	l := &Label{Text: text}
	l.ExtendBaseWidget(l)
	return l
}

// SetText replaces the text and redraws.
func (l *Label) SetText(text string) {
	l.Text = text
	l.Refresh()
}

// paragraph brings the paragraph in line with the label's fields.
func (l *Label) paragraph() *Paragraph {
	if l.para == nil {
		l.para = NewParagraph(nil, DirAuto)
	}
	p := l.para
	style := StylePlain
	if l.Bold {
		style |= StyleBold
	}
	if l.Italic {
		style |= StyleItalic
	}
	p.Spans = []Span{{Text: l.Text, Style: style}}
	p.Direction = l.Direction
	p.ColorName = importanceColour(l.Importance)
	p.TextSize = 0
	if l.SizeName != "" {
		p.TextSize = theme.SizeForWidget(l.SizeName, l)
	}
	p.MaxLines = 0
	if !l.Wrap {
		p.MaxLines = 1
	}
	return p
}

func importanceColour(i widget.Importance) fyne.ThemeColorName {
	switch i {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	}
	return theme.ColorNameForeground
}

// MinSize is widget.Label's: the text plus inner padding all round.
func (l *Label) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	return l.BaseWidget.MinSize()
}

// CreateRenderer is part of fyne.Widget. The label draws a Paragraph's
// runs without the Paragraph itself in the widget tree: a Paragraph takes
// taps and drags (to select text), and a label inside a list row must
// leave those to the row.
func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	p := l.paragraph()
	p.dropLayout()
	r := &labelRenderer{l: l, p: p, pr: &paragraphRenderer{p: p}, box: container.NewWithoutLayout()}
	return r
}

type labelRenderer struct {
	l   *Label
	p   *Paragraph
	pr  *paragraphRenderer
	box *fyne.Container
}

func (r *labelRenderer) pad() float32 { return theme.SizeForWidget(theme.SizeNameInnerPadding, r.l) }

func (r *labelRenderer) Layout(size fyne.Size) {
	pad := r.pad()
	inner := fyne.NewSize(max(0, size.Width-2*pad), max(0, size.Height-2*pad))
	r.pr.build(inner)
	r.box.Objects = r.pr.objects
	r.box.Move(fyne.NewPos(pad, pad))
	r.box.Resize(inner)
}

func (r *labelRenderer) MinSize() fyne.Size {
	pad := r.pad()
	h := r.p.prepared().lineHeight
	if w := r.l.Size().Width - 2*pad; r.l.Wrap && w > 0 {
		h = r.p.HeightForWidth(w)
	}
	var w float32
	switch {
	case r.l.Wrap:
	case r.l.Truncate:
		w = r.p.prepared().prep.measure(Ellipsis, StylePlain)
	default:
		w = r.p.NaturalWidth()
	}
	return fyne.NewSize(w+2*pad, h+2*pad)
}

func (r *labelRenderer) Refresh() {
	r.l.paragraph()
	r.p.dropLayout()
	r.Layout(r.l.Size())
	canvas.Refresh(r.l)
}

func (r *labelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }

func (r *labelRenderer) Destroy() {}

// LabelButton is a flat button showing l: widget.Button draws its text in
// typing order, which scrambles an Arabic title holding a number or a
// Latin name. The button lies under the label and takes its taps (a
// label takes none); it keeps the button's hover and focus look.
func LabelButton(l *Label, tapped func()) *fyne.Container {
	return LabelButtonFor(l, tapped)
}

// LabelButtonFor is LabelButton for any content that does not take taps
// itself (labels, containers of labels): a tap anywhere on it is the
// button's.
func LabelButtonFor(content fyne.CanvasObject, tapped func()) *fyne.Container {
	b := widget.NewButton("", tapped)
	b.Importance = widget.LowImportance
	return container.NewStack(b, content)
}
