package widgets

import (
	"image/color"
	"math"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entry is a one-line text box whose text is drawn through the bidi
// paragraph: widget.Entry draws what is typed in typing order, so
// «مهم - Stargate, 21 Jan 2025» came out scrambled and on the left. Here a
// line whose first strong letter is Arabic reads right to left, right-
// aligned, with Latin names and numbers in place, and the caret and the
// selection sit on the characters they belong to.
//
// The caret moves visually: → goes to the position drawn next to the
// right, whatever the direction of the text under it (as in GTK and
// macOS); Home and End go to the logical start and end. Shift extends the
// selection; Ctrl+A, Ctrl+C, Ctrl+X and Ctrl+V work as usual; so do undo
// and redo, moving and deleting by word, double and triple click (the
// editing both entries share is in entry_edit.go).
//
// Not done: several lines, an input method's preedit text (Fyne 2.7.1
// gives widgets none; see entry_edit.go).
type Entry struct {
	widget.BaseWidget

	// Text is the content; set it with SetText.
	Text string
	// PlaceHolder is shown, muted, while Text is empty.
	PlaceHolder string
	// Direction is the text's base direction; DirAuto (the default) lets
	// the first strong letter decide, as the issue asks for text boxes.
	Direction Direction
	// OnChanged is called after each change the user makes.
	OnChanged func(string)
	// OnSubmitted is called when the user presses Enter.
	OnSubmitted func(string)
	// Validator (in textValidation) checks the text; the form the entry
	// sits in shows its error and keeps its confirm button off while
	// there is one.
	textValidation

	textBuffer
	offset float32 // how far the text is scrolled, when wider than the box

	para *Paragraph // the text, laid out with the bidi rules
	hint *Paragraph // the placeholder
}

var (
	_ fyne.Focusable      = (*Entry)(nil)
	_ fyne.Tappable       = (*Entry)(nil)
	_ fyne.DoubleTappable = (*Entry)(nil)
	_ fyne.Draggable      = (*Entry)(nil)
	_ fyne.Shortcutable   = (*Entry)(nil)
	_ fyne.Validatable    = (*Entry)(nil)
	_ desktop.Keyable     = (*Entry)(nil)
	_ desktop.Cursorable  = (*Entry)(nil)
)

// NewEntry returns an empty entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// SetText replaces the text and puts the caret at its end. OnChanged is
// called when the text changed, as widget.Entry does.
func (e *Entry) SetText(s string) {
	changed := s != e.Text
	e.reset(s)
	e.Text = s
	e.Refresh()
	if changed {
		e.validate()
		if e.OnChanged != nil {
			e.OnChanged(s)
		}
	}
}

// SetPlaceHolder sets the text shown while the entry is empty.
func (e *Entry) SetPlaceHolder(s string) {
	e.PlaceHolder = s
	e.Refresh()
}

// CursorPosition is the caret's rune offset in Text.
func (e *Entry) CursorPosition() int { return e.cursor }

// SetCursorPosition puts the caret before rune i, with nothing selected.
func (e *Entry) SetCursorPosition(i int) {
	e.sync()
	e.caretTo(i)
	e.Refresh()
}

// Select selects the runes [start, end), the caret at end.
func (e *Entry) Select(start, end int) {
	e.sync()
	e.selectRange(start, end)
	e.Refresh()
}

// sync picks up a Text set directly rather than through SetText.
func (e *Entry) sync() { e.syncTo(e.Text) }

// changed takes the buffer's text after the user changed it and reports
// the change (part of editHost).
func (e *Entry) changed() {
	e.Text = string(e.runes)
	e.Refresh()
	e.validate()
	if e.OnChanged != nil {
		e.OnChanged(e.Text)
	}
}

// caretMoved redraws the caret and selection (part of editHost).
func (e *Entry) caretMoved() { e.Refresh() }

// caretLine is the one line's carets (editHost).
func (e *Entry) caretLine() (int, []float32) { return 0, e.layoutText().carets }

// arrowStep is where ← or → goes (editHost).
func (e *Entry) arrowStep(dir int) int { return e.visualNeighbour(dir) }

// cleanPaste makes pasted text one line: line breaks in what was copied
// become spaces (editHost).
func (e *Entry) cleanPaste(s string) string { return strings.Join(strings.Fields(s), " ") }

// offsetAtPoint is the caret position nearest pos (editHost).
func (e *Entry) offsetAtPoint(pos fyne.Position) int { return e.offsetAt(pos.X) }

// lineAround is the whole text: a triple click selects the line (editHost).
func (e *Entry) lineAround(int) (int, int) { return 0, len(e.runes) }

// TypedRune inserts r at the caret (replacing the selection).
func (e *Entry) TypedRune(r rune) {
	if r == '\n' || r == '\r' || !unicode.IsPrint(r) && r != '\u200f' && r != '\u200e' {
		return
	}
	typedRune(e, r)
}

// TypedKey moves the caret, deletes, or submits.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	e.sync()
	if editKey(e, ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyLeft:
		e.moveTo(e.visualNeighbour(-1))
	case fyne.KeyRight:
		e.moveTo(e.visualNeighbour(+1))
	case fyne.KeyHome, fyne.KeyUp:
		e.moveTo(0)
	case fyne.KeyEnd, fyne.KeyDown:
		e.moveTo(len(e.runes))
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.OnSubmitted != nil {
			e.OnSubmitted(e.Text)
		}
	}
}

// moveTo puts the caret at i, extending the selection while Shift is held.
func (e *Entry) moveTo(i int) { moveCaret(e, i) }

// TypedShortcut handles copy, cut, paste, select all, undo, redo and the
// word keys (see editShortcut).
func (e *Entry) TypedShortcut(s fyne.Shortcut) { editShortcut(e, s) }

// FocusGained shows the caret.
func (e *Entry) FocusGained() { focusChanged(e, true) }

// FocusLost hides the caret.
func (e *Entry) FocusLost() { focusChanged(e, false) }

// Tapped puts the caret at the position nearest the pointer; a tap
// right after a double click is a triple click.
func (e *Entry) Tapped(ev *fyne.PointEvent) { tapped(e, ev.Position) }

// DoubleTapped selects the word under the pointer; a third click selects
// the whole line.
func (e *Entry) DoubleTapped(ev *fyne.PointEvent) { doubleTapped(e, ev.Position) }

// Dragged selects from where the drag started to the pointer.
func (e *Entry) Dragged(ev *fyne.DragEvent) { dragged(e, ev) }

// DragEnd finishes a selection.
func (e *Entry) DragEnd() { e.dragged = false }

// Cursor is the text cursor.
func (e *Entry) Cursor() desktop.Cursor { return desktop.TextCursor }

// Validate runs the Validator and reports its result.
func (e *Entry) Validate() error {
	e.validate()
	return e.validationErr
}

func (e *Entry) validate() {
	if e.check(e.Text) {
		e.Refresh()
	}
}

// paragraph brings the text's paragraph in line with the entry.
func (e *Entry) paragraph() *Paragraph {
	if e.para == nil {
		e.para = NewParagraph(nil, DirAuto)
	}
	p := e.para
	if len(p.Spans) != 1 || p.Spans[0].Text != e.Text || p.Direction != e.Direction {
		p.dropLayout()
	}
	p.Spans = []Span{{Text: e.Text}}
	p.Direction = e.Direction
	p.MaxLines = 0
	a, b := e.Selection()
	p.mu.Lock()
	p.selA, p.selB = a, b
	p.mu.Unlock()
	return p
}

// textLayout is the entry's text laid out on one line: its runs, the
// caret's x for each offset, the width of the whole and whether it reads
// right to left. X values are in the text's own box, 0 to width.
type textLayout struct {
	line   Line
	carets []float32 // x of the caret before rune i, i = 0..len(runes)
	width  float32
	rtl    bool
	dx     float32 // where the paragraph's box starts in the text's box
	pw     float32 // the width the paragraph is laid out at
}

// layoutText lays the text out (cached by the paragraph per width).
func (e *Entry) layoutText() textLayout {
	e.sync()
	p := e.paragraph()
	m := p.prepared()
	var tl textLayout
	tl.rtl = m.prep.RTL()
	n := len(e.runes)
	tl.carets = make([]float32, n+1)
	if n == 0 {
		return tl
	}
	// One line at the text's natural width. Trailing spaces take no room
	// in a paragraph; in an entry the caret goes past them.
	tl.pw = float32(math.Ceil(float64(p.NaturalWidth()))) + 1
	lines, _ := p.layout(tl.pw)
	space := m.measure(" ", StylePlain)
	trail := 0
	for trail < n && unicode.IsSpace(e.runes[n-1-trail]) {
		trail++
	}
	if len(lines) == 0 {
		// Only spaces.
		tl.width = float32(n) * space
		for i := range tl.carets {
			tl.carets[i] = float32(i) * space
			if tl.rtl {
				tl.carets[i] = tl.width - tl.carets[i]
			}
		}
		return tl
	}
	tl.line = lines[0]
	tl.width = tl.pw + float32(trail)*space
	if tl.rtl {
		tl.dx = float32(trail) * space
	}
	// Each character's edges, from the run that holds it.
	left := make([]float32, n)
	right := make([]float32, n)
	inRun := make([]bool, n)
	rtlChar := make([]bool, n)
	for _, r := range tl.line.Runs {
		// runEdges, not charEdges: prefixes of shaped Arabic do not
		// measure in order (see runEdges in entry_multi.go).
		edges := runEdges(m, r)
		for off := r.Start; off < r.End && off < n; off++ {
			a, b := r.X+edges[off-r.Start], r.X+edges[off-r.Start+1]
			if r.RTL() {
				a, b = r.X+r.Width-edges[off-r.Start+1], r.X+r.Width-edges[off-r.Start]
			}
			left[off], right[off], inRun[off], rtlChar[off] = a+tl.dx, b+tl.dx, true, r.RTL()
		}
	}
	trailing := func(i int) float32 { // the far side of character i
		if rtlChar[i] {
			return left[i]
		}
		return right[i]
	}
	// Spaces at the end of the text belong to the line's end, whatever
	// the direction of the word before them: in a right-to-left line
	// ending in an English name they are drawn left of the name, so
	// the caret after them is there too, not between the name and the
	// Arabic before it.
	lineL, lineR := float32(math.MaxFloat32), float32(-math.MaxFloat32)
	for _, r := range tl.line.Runs {
		lineL, lineR = min(lineL, r.X+tl.dx), max(lineR, r.X+r.Width+tl.dx)
	}
	for i := 0; i <= n; i++ {
		switch {
		case i > n-trail:
			if tl.rtl {
				tl.carets[i] = lineL - float32(i-(n-trail))*space
			} else {
				tl.carets[i] = lineR + float32(i-(n-trail))*space
			}
		case i < n && inRun[i]:
			if rtlChar[i] {
				tl.carets[i] = right[i]
			} else {
				tl.carets[i] = left[i]
			}
		default:
			// At a space or the end: after the last drawn character
			// before it, a space's width on for each space between.
			k := i - 1
			for k >= 0 && !inRun[k] {
				k--
			}
			if k < 0 {
				if tl.rtl {
					tl.carets[i] = tl.width
				}
				continue
			}
			gap := float32(i-1-k) * space
			if rtlChar[k] {
				tl.carets[i] = trailing(k) - gap
			} else {
				tl.carets[i] = trailing(k) + gap
			}
		}
	}
	return tl
}

// CaretX is the caret's x for rune offset i, relative to the entry, as
// drawn now: for tests of where the caret goes.
func (e *Entry) CaretX(i int) float32 {
	tl := e.layoutText()
	i = max(0, min(i, len(tl.carets)-1))
	return e.textX(tl) + tl.carets[i]
}

// textX is where the text's box starts, relative to the entry: aligned to
// the left or (right to left) the right, or scrolled to keep the caret in
// view when the text is wider than the box.
func (e *Entry) textX(tl textLayout) float32 {
	pad := e.pad()
	view := e.Size().Width - 2*pad
	if tl.width <= view {
		e.offset = 0
		if tl.rtl {
			return pad + view - tl.width
		}
		return pad
	}
	c := tl.carets[min(e.cursor, len(tl.carets)-1)]
	margin := min(view/4, 24)
	if c-e.offset < margin {
		e.offset = c - margin
	}
	if c-e.offset > view-margin {
		e.offset = c - view + margin
	}
	e.offset = max(0, min(e.offset, tl.width-view))
	return pad - e.offset
}

// hintRTL reports whether the placeholder reads right to left.
func (e *Entry) hintRTL() bool { return placeholderRTL(e.PlaceHolder) }

func (e *Entry) pad() float32 { return theme.SizeForWidget(theme.SizeNameInnerPadding, e) }

// offsetAt is the caret position nearest to x (relative to the entry).
func (e *Entry) offsetAt(x float32) int {
	tl := e.layoutText()
	x -= e.textX(tl)
	best, bestD := 0, float32(math.MaxFloat32)
	for i, c := range tl.carets {
		if d := float32(math.Abs(float64(c - x))); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// visualNeighbour is the caret position drawn next to the current one on
// the right (dir > 0) or the left; the caret stays when there is none.
func (e *Entry) visualNeighbour(dir int) int {
	tl := e.layoutText()
	cur := tl.carets[min(e.cursor, len(tl.carets)-1)]
	best := e.cursor
	bestD := float32(math.MaxFloat32)
	for i, c := range tl.carets {
		d := (c - cur) * float32(dir)
		if i == e.cursor || d < 0.5 {
			continue
		}
		// the nearest on that side; of equal ones, the logically closest
		if d < bestD-0.01 || (d < bestD+0.01 && abs(i-e.cursor) < abs(best-e.cursor)) {
			best, bestD = i, d
		}
	}
	return best
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// MinSize is one line of text with the padding of widget.Entry.
func (e *Entry) MinSize() fyne.Size {
	e.ExtendBaseWidget(e)
	return e.BaseWidget.MinSize()
}

// CreateRenderer is part of fyne.Widget.
func (e *Entry) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	r := &entryRenderer{e: e,
		bg:     canvas.NewRectangle(color.Transparent),
		border: canvas.NewRectangle(color.Transparent),
		caret:  canvas.NewRectangle(color.Transparent),
		text:   container.NewWithoutLayout(),
		hint:   container.NewWithoutLayout(),
	}
	r.inner = container.NewWithoutLayout(r.hint, r.text, r.caret)
	r.clip = container.NewScroll(r.inner)
	r.clip.Direction = container.ScrollNone
	r.area = newEntryArea(e)
	e.paragraph()
	r.pr = &paragraphRenderer{p: e.para}
	e.hint = NewParagraph(nil, DirAuto)
	r.hr = &paragraphRenderer{p: e.hint}
	return r
}

type entryRenderer struct {
	e                 *Entry
	bg, border, caret *canvas.Rectangle
	text, hint, inner *fyne.Container
	clip              *container.Scroll
	pr, hr            *paragraphRenderer
	area              *entryArea
}

func (r *entryRenderer) lineHeight() float32 { return r.e.paragraph().prepared().lineHeight }

func (r *entryRenderer) MinSize() fyne.Size {
	pad := r.e.pad()
	return fyne.NewSize(4*pad, r.lineHeight()+1.5*pad)
}

func (r *entryRenderer) Layout(size fyne.Size) {
	e := r.e
	th := e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bw := drawBox(e, r.bg, r.border, size, e.focused, e.validationErr != nil && e.Text != "")

	r.clip.Move(fyne.NewPos(0, 0))
	r.clip.Resize(size)
	r.area.Resize(size)
	r.inner.Resize(size)

	lh := r.lineHeight()
	top := (size.Height - lh) / 2
	tl := e.layoutText()
	x := e.textX(tl)
	if tl.pw > 0 {
		r.pr.build(fyne.NewSize(tl.pw, lh))
		r.text.Objects = r.pr.objects
	} else {
		r.text.Objects = nil
	}
	r.text.Move(fyne.NewPos(x+tl.dx, top))
	r.text.Resize(fyne.NewSize(tl.pw, lh))
	r.text.Refresh()

	// The placeholder, muted, in its own direction.
	r.hint.Objects = nil
	if e.Text == "" && e.PlaceHolder != "" {
		hp := e.hint
		hp.Spans = []Span{{Text: e.PlaceHolder}}
		hp.Direction = DirAuto
		hp.dropLayout()
		view := size.Width - 2*e.pad()
		r.hr.build(fyne.NewSize(view, lh))
		muted := MutedColor(th, v)
		for _, o := range r.hr.objects {
			if t, ok := o.(*canvas.Text); ok && t.Color != muted {
				t.Color = muted
				t.Refresh()
			}
		}
		r.hint.Objects = r.hr.objects
		r.hint.Move(fyne.NewPos(e.pad(), top))
		r.hint.Resize(fyne.NewSize(view, lh))
	}
	r.hint.Refresh()

	if e.focused {
		a, b := e.Selection()
		cw := max(1, bw)
		r.caret.FillColor = th.Color(theme.ColorNamePrimary, v)
		if a != b {
			r.caret.FillColor = color.Transparent
		}
		cx := x + tl.carets[min(e.cursor, len(tl.carets)-1)]
		if len(e.runes) == 0 && (e.Direction == DirRTL || e.Direction == DirAuto && e.hintRTL()) {
			// An empty box waits on the side its placeholder starts.
			cx = size.Width - e.pad()
		}
		r.caret.Move(fyne.NewPos(cx-cw/2, top+lh*0.15))
		r.caret.Resize(fyne.NewSize(cw, lh*0.7))
	} else {
		r.caret.FillColor = color.Transparent
	}
	r.caret.Refresh()
}

func (r *entryRenderer) Refresh() {
	r.e.paragraph()
	r.e.para.dropLayout()
	r.Layout(r.e.Size())
	canvas.Refresh(r.e)
}

func (r *entryRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.clip, r.border, r.area}
}

// entryArea lies over the entry and hands it the pointer's taps and drags:
// the scroll container that clips the text takes drags itself (to scroll
// on touch screens), and a drag must select text.
type entryArea struct {
	widget.BaseWidget
	e *Entry
}

func newEntryArea(e *Entry) *entryArea {
	a := &entryArea{e: e}
	a.ExtendBaseWidget(a)
	return a
}

func (a *entryArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (a *entryArea) Tapped(ev *fyne.PointEvent)       { a.e.Tapped(ev) }
func (a *entryArea) DoubleTapped(ev *fyne.PointEvent) { a.e.DoubleTapped(ev) }
func (a *entryArea) Dragged(ev *fyne.DragEvent) {
	focusFromPointer(a.e)
	a.e.Dragged(ev)
}
func (a *entryArea) DragEnd()               { a.e.DragEnd() }
func (a *entryArea) Cursor() desktop.Cursor { return desktop.TextCursor }

func (r *entryRenderer) Destroy() {}
