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

// NoteEntry is the several-line sibling of Entry, for a highlight's note:
// widget.NewMultiLineEntry draws mixed Arabic and English in typing order.
// Each line of Text (split at "\n") is its own bidi paragraph, with its own
// direction from its first strong letter, wrapped at the box's width by
// the paragraph's line breaking; the paragraphs are stacked. The box is
// VisibleLines high and scrolls to keep the caret in view.
//
// Keys: Enter starts a new line; ← → move visually on the drawn line (and
// on to the neighbouring line at its edge); ↑ ↓ go to the drawn line above
// or below at the same x; Home and End go to the logical start and end of
// the drawn line. Shift extends the selection; Ctrl+A/C/X/V work, and
// undo, redo, word moves and deletes, double and triple click, shared with
// Entry in entry_edit.go.
//
// Not done: an input method's preedit text (Fyne 2.7.1 gives widgets
// none; see entry_edit.go).
type NoteEntry struct {
	widget.BaseWidget

	// Text is the content, lines separated by "\n"; set it with SetText.
	Text string
	// PlaceHolder is shown, muted, while Text is empty.
	PlaceHolder string
	// Direction is each line's base direction; DirAuto (the default) lets
	// each line's first strong letter decide.
	Direction Direction
	// VisibleLines is how many drawn lines the box shows; 0 means 4.
	VisibleLines int
	// OnChanged is called after each change the user makes.
	OnChanged func(string)
	// Validator (in textValidation) checks the text, as Entry's does.
	textValidation

	textBuffer
	goalX   float32 // the x ↑ and ↓ keep; <0 when not set
	scrollY float32

	paras []*Paragraph // one per line of Text
	hint  *Paragraph
}

var (
	_ fyne.Focusable      = (*NoteEntry)(nil)
	_ fyne.Tappable       = (*NoteEntry)(nil)
	_ fyne.DoubleTappable = (*NoteEntry)(nil)
	_ fyne.Draggable      = (*NoteEntry)(nil)
	_ fyne.Shortcutable   = (*NoteEntry)(nil)
	_ fyne.Validatable    = (*NoteEntry)(nil)
	_ desktop.Keyable     = (*NoteEntry)(nil)
	_ desktop.Cursorable  = (*NoteEntry)(nil)
)

// NewNoteEntry returns an empty several-line entry.
func NewNoteEntry() *NoteEntry {
	e := &NoteEntry{goalX: -1}
	e.ExtendBaseWidget(e)
	return e
}

// SetText replaces the text and puts the caret at its end.
func (e *NoteEntry) SetText(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	changed := s != e.Text
	e.reset(s)
	e.Text = s
	e.goalX = -1
	e.Refresh()
	if changed {
		e.validate()
		if e.OnChanged != nil {
			e.OnChanged(s)
		}
	}
}

// SetPlaceHolder sets the text shown while the entry is empty.
func (e *NoteEntry) SetPlaceHolder(s string) {
	e.PlaceHolder = s
	e.Refresh()
}

// CursorPosition is the caret's rune offset in Text.
func (e *NoteEntry) CursorPosition() int { return e.cursor }

// SetCursorPosition puts the caret before rune i, with nothing selected.
func (e *NoteEntry) SetCursorPosition(i int) {
	e.sync()
	e.caretTo(i)
	e.goalX = -1
	e.Refresh()
}

// Select selects the runes [start, end), the caret at end.
func (e *NoteEntry) Select(start, end int) {
	e.sync()
	e.selectRange(start, end)
	e.Refresh()
}

// sync picks up a Text set directly rather than through SetText.
func (e *NoteEntry) sync() { e.syncTo(e.Text) }

// changed takes the buffer's text after the user changed it and reports
// the change (part of editHost).
func (e *NoteEntry) changed() {
	e.Text = string(e.runes)
	e.goalX = -1
	e.Refresh()
	e.validate()
	if e.OnChanged != nil {
		e.OnChanged(e.Text)
	}
}

// caretMoved redraws the caret and selection and forgets the x ↑ and ↓
// kept (part of editHost).
func (e *NoteEntry) caretMoved() {
	e.goalX = -1
	e.Refresh()
}

// caretLine is the drawn line with the caret: its first offset and its
// carets' x (editHost).
func (e *NoteEntry) caretLine() (int, []float32) {
	nl := e.layoutNow()
	l := nl.lines[nl.lineOf(e.cursor)]
	return l.first, l.carets
}

// arrowStep is where ← or → goes (editHost).
func (e *NoteEntry) arrowStep(dir int) int { return e.horizontal(dir) }

// cleanPaste keeps the pasted lines, with Unix line ends (editHost).
func (e *NoteEntry) cleanPaste(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// offsetAtPoint is the caret position nearest pos (editHost).
func (e *NoteEntry) offsetAtPoint(pos fyne.Position) int { return e.offsetAt(pos) }

// lineAround is the line of Text (the paragraph, however it wraps) that
// holds offset i: what a triple click selects (editHost).
func (e *NoteEntry) lineAround(i int) (start, end int) {
	start, end = i, i
	for start > 0 && e.runes[start-1] != '\n' {
		start--
	}
	for end < len(e.runes) && e.runes[end] != '\n' {
		end++
	}
	return start, end
}

// TypedRune inserts r at the caret (replacing the selection).
func (e *NoteEntry) TypedRune(r rune) {
	if r == '\r' || !unicode.IsPrint(r) && r != '\n' && r != '\u200f' && r != '\u200e' {
		return
	}
	typedRune(e, r)
}

// TypedKey moves the caret, deletes, or starts a new line.
func (e *NoteEntry) TypedKey(ev *fyne.KeyEvent) {
	e.sync()
	if editKey(e, ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyLeft:
		e.moveTo(e.horizontal(-1))
	case fyne.KeyRight:
		e.moveTo(e.horizontal(+1))
	case fyne.KeyUp:
		e.vertical(-1)
	case fyne.KeyDown:
		e.vertical(+1)
	case fyne.KeyHome:
		nl := e.layoutNow()
		e.moveTo(nl.lines[nl.lineOf(e.cursor)].first)
	case fyne.KeyEnd:
		nl := e.layoutNow()
		e.moveTo(nl.lines[nl.lineOf(e.cursor)].last)
	case fyne.KeyReturn, fyne.KeyEnter:
		typedRune(e, '\n')
	}
}

func (e *NoteEntry) moveTo(i int) { moveCaret(e, i) }

// TypedShortcut handles copy, cut, paste, select all, undo, redo and the
// word keys (see editShortcut).
func (e *NoteEntry) TypedShortcut(s fyne.Shortcut) { editShortcut(e, s) }

// FocusGained shows the caret.
func (e *NoteEntry) FocusGained() { focusChanged(e, true) }

// FocusLost hides the caret.
func (e *NoteEntry) FocusLost() { focusChanged(e, false) }

// Tapped puts the caret at the position nearest the pointer; a tap
// right after a double click is a triple click.
func (e *NoteEntry) Tapped(ev *fyne.PointEvent) { tapped(e, ev.Position) }

// DoubleTapped selects the word under the pointer; a third click selects
// the line of Text under it.
func (e *NoteEntry) DoubleTapped(ev *fyne.PointEvent) { doubleTapped(e, ev.Position) }

// Dragged selects from where the drag started to the pointer.
func (e *NoteEntry) Dragged(ev *fyne.DragEvent) { dragged(e, ev) }

// DragEnd finishes a selection.
func (e *NoteEntry) DragEnd() { e.dragged = false }

// Scrolled scrolls the lines under the mouse wheel.
func (e *NoteEntry) Scrolled(ev *fyne.ScrollEvent) {
	e.scrollY -= ev.Scrolled.DY
	e.clampScroll(e.layoutNow(), false)
	e.Refresh()
}

// Cursor is the text cursor.
func (e *NoteEntry) Cursor() desktop.Cursor { return desktop.TextCursor }

// Validate runs the Validator and reports its result.
func (e *NoteEntry) Validate() error {
	e.validate()
	return e.validationErr
}

func (e *NoteEntry) validate() {
	if e.check(e.Text) {
		e.Refresh()
	}
}

// noteLine is one drawn line: a wrapped line of one of Text's paragraphs.
type noteLine struct {
	para        int     // which paragraph (line of Text)
	y           float32 // top, in the text's box
	line        Line    // runs with X in the text's box; offsets local to the paragraph
	base        int     // global offset of the paragraph's first rune
	first, last int     // global caret offsets this line owns, inclusive
	carets      []float32
	rtl         bool
}

func (l noteLine) caretX(i int) float32 { return l.carets[max(0, min(i-l.first, len(l.carets)-1))] }

// noteLayout is the text laid out at one width.
type noteLayout struct {
	lines      []noteLine
	paraTop    []float32 // y of each paragraph
	paraHeight []float32
	lineHeight float32
	width      float32
}

// lineOf is the index of the drawn line that holds caret offset i.
func (nl noteLayout) lineOf(i int) int {
	for k, l := range nl.lines {
		if i >= l.first && i <= l.last {
			return k
		}
	}
	return len(nl.lines) - 1
}

func (e *NoteEntry) pad() float32 { return theme.SizeForWidget(theme.SizeNameInnerPadding, e) }

// vpad is the space above and below the text, as much in all as Entry's.
func (e *NoteEntry) vpad() float32 { return 0.75 * e.pad() }

func (e *NoteEntry) visibleLines() int {
	if e.VisibleLines > 0 {
		return e.VisibleLines
	}
	return 4
}

// layoutNow lays the text out at the entry's current inner width.
func (e *NoteEntry) layoutNow() noteLayout {
	return e.layoutAt(max(1, e.Size().Width-2*e.pad()))
}

// paragraphs brings one paragraph per line of Text in line with the
// entry, each with its share of the selection.
func (e *NoteEntry) paragraphs() []string {
	e.sync()
	texts := strings.Split(e.Text, "\n")
	for len(e.paras) < len(texts) {
		e.paras = append(e.paras, NewParagraph(nil, DirAuto))
	}
	e.paras = e.paras[:len(texts)]
	a, b := e.Selection()
	base := 0
	for k, t := range texts {
		p := e.paras[k]
		if len(p.Spans) != 1 || p.Spans[0].Text != t || p.Direction != e.Direction {
			p.Spans = []Span{{Text: t}}
			p.Direction = e.Direction
			p.dropLayout()
		}
		n := len([]rune(t))
		p.mu.Lock()
		p.selA, p.selB = max(0, min(a-base, n)), max(0, min(b-base, n))
		p.mu.Unlock()
		base += n + 1
	}
	return texts
}

// layoutAt lays the text out at width w: each paragraph wrapped by its own
// line breaking, and the caret's x for every offset on every drawn line.
func (e *NoteEntry) layoutAt(w float32) noteLayout {
	texts := e.paragraphs()
	nl := noteLayout{width: w}
	y := float32(0)
	base := 0
	prevRTL := e.Direction == DirRTL || e.Direction == DirAuto && e.hintRTL()
	for k, t := range texts {
		p := e.paras[k]
		lines, m := p.layout(w)
		nl.lineHeight = m.lineHeight
		rs := []rune(t)
		n := len(rs)
		rtl := m.prep.RTL()
		if n == 0 {
			// An empty line keeps the direction of the one above, so
			// the caret waits where the next Arabic word will start.
			rtl = prevRTL
		}
		prevRTL = rtl
		nl.paraTop = append(nl.paraTop, y)
		if len(lines) == 0 {
			c := float32(0)
			if rtl {
				c = w
			}
			nl.lines = append(nl.lines, noteLine{para: k, y: y, base: base, first: base, last: base + n, carets: []float32{c}, rtl: rtl})
			// Spaces only: a space's width per space.
			if n > 0 {
				space := m.measure(" ", StylePlain)
				cs := make([]float32, n+1)
				for i := range cs {
					cs[i] = min(w, float32(i)*space)
					if rtl {
						cs[i] = w - cs[i]
					}
				}
				nl.lines[len(nl.lines)-1].carets = cs
			}
			y += m.lineHeight
			nl.paraHeight = append(nl.paraHeight, m.lineHeight)
			base += n + 1
			continue
		}
		space := m.measure(" ", StylePlain)
		left := make([]float32, n)
		right := make([]float32, n)
		inRun := make([]bool, n)
		rtlChar := make([]bool, n)
		for _, ln := range lines {
			for _, r := range ln.Runs {
				edges := runEdges(m, r)
				for off := r.Start; off < r.End && off < n; off++ {
					a, b := r.X+edges[off-r.Start], r.X+edges[off-r.Start+1]
					if r.RTL() {
						a, b = r.X+r.Width-edges[off-r.Start+1], r.X+r.Width-edges[off-r.Start]
					}
					left[off], right[off], inRun[off], rtlChar[off] = a, b, true, r.RTL()
				}
			}
		}
		for li, ln := range lines {
			first := 0
			if li > 0 {
				first = ln.Start
			}
			last := n
			if li+1 < len(lines) {
				last = lines[li+1].Start - 1
			}
			var lineL, lineR float32
			if len(ln.Runs) > 0 {
				lineL = ln.Runs[0].X
				lr := ln.Runs[len(ln.Runs)-1]
				lineR = lr.X + lr.Width
			}
			// Spaces ending the paragraph belong to its line's end,
			// whatever the direction of the word before them (as in
			// Entry's layoutText).
			trail := n
			if li == len(lines)-1 {
				for trail > first && isBlank(rs[trail-1]) {
					trail--
				}
			}
			cs := make([]float32, last-first+1)
			for i := first; i <= last; i++ {
				var c float32
				switch {
				case i > trail:
					c = lineR + float32(i-trail)*space
					if rtl {
						c = lineL - float32(i-trail)*space
					}
				case i < n && inRun[i]:
					c = left[i]
					if rtlChar[i] {
						c = right[i]
					}
				default:
					// At a space or the end: after the last drawn
					// character before it on this line, a space's width
					// on for each space between.
					kk := i - 1
					for kk >= first && !inRun[kk] {
						kk--
					}
					if kk < first {
						c = lineL
						if rtl {
							c = lineR
						}
						break
					}
					gap := float32(i-1-kk) * space
					if rtlChar[kk] {
						c = left[kk] - gap
					} else {
						c = right[kk] + gap
					}
				}
				cs[i-first] = max(0, min(w, c))
			}
			nl.lines = append(nl.lines, noteLine{para: k, y: y + float32(li)*m.lineHeight, line: ln, base: base,
				first: base + first, last: base + last, carets: cs, rtl: rtl})
		}
		h := float32(len(lines)) * m.lineHeight
		y += h
		nl.paraHeight = append(nl.paraHeight, h)
		base += n + 1
	}
	return nl
}

// runEdges is how far into run r, from its logical start, each character
// boundary lies: edges[k] is the width of the run's first k characters.
// Measured prefixes of shaped Arabic are not monotonic ("راب", its ب in
// final form, is wider than "رابع"), which put the caret before the last
// letter beyond the caret after it; each character is therefore given at
// least 0.4 of its width on its own, working back from the run's end.
func runEdges(m *metrics, r Run) []float32 { return m.prep.RunEdges(r) }

// hintRTL reports whether the placeholder reads right to left.
func (e *NoteEntry) hintRTL() bool { return placeholderRTL(e.PlaceHolder) }

// horizontal is the caret position drawn next to the current one on the
// right (dir > 0) or left; at the line's edge it goes on logically to the
// neighbouring line (the next one past the end, in either direction).
func (e *NoteEntry) horizontal(dir int) int {
	nl := e.layoutNow()
	l := nl.lines[nl.lineOf(e.cursor)]
	cur := l.caretX(e.cursor)
	best := -1
	bestD := float32(math.MaxFloat32)
	for j, c := range l.carets {
		i := l.first + j
		d := (c - cur) * float32(dir)
		if i == e.cursor || d < 0.5 {
			continue
		}
		if d < bestD-0.01 || (d < bestD+0.01 && abs(i-e.cursor) < abs(best-e.cursor)) {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		return best
	}
	// The edge: → in a left-to-right line (← in a right-to-left one) is
	// the line's end, so go on to the next line; the other way, back.
	step := dir
	if l.rtl {
		step = -dir
	}
	return max(0, min(len(e.runes), e.cursor+step))
}

// vertical moves the caret to the drawn line above (dir < 0) or below, at
// the x it had when ↑ or ↓ was first pressed.
func (e *NoteEntry) vertical(dir int) {
	nl := e.layoutNow()
	k := nl.lineOf(e.cursor)
	x := e.goalX
	if x < 0 {
		x = nl.lines[k].caretX(e.cursor)
	}
	to := k + dir
	var target int
	switch {
	case to < 0:
		target = 0
	case to >= len(nl.lines):
		target = len(e.runes)
	default:
		target = nl.lines[to].nearest(x)
	}
	e.moveTo(target)
	e.goalX = x
}

// nearest is the offset on the line whose caret is nearest to x.
func (l noteLine) nearest(x float32) int {
	best, bestD := l.first, float32(math.MaxFloat32)
	for j, c := range l.carets {
		if d := float32(math.Abs(float64(c - x))); d < bestD {
			best, bestD = l.first+j, d
		}
	}
	return best
}

// offsetAt is the caret position nearest pos (relative to the entry).
func (e *NoteEntry) offsetAt(pos fyne.Position) int {
	nl := e.layoutNow()
	y := pos.Y - e.vpad() + e.scrollY
	k := 0
	for i, l := range nl.lines {
		if y >= l.y {
			k = i
		}
	}
	return nl.lines[k].nearest(pos.X - e.pad())
}

// clampScroll keeps the scroll within the text and, when follow is set,
// the caret's line in view.
func (e *NoteEntry) clampScroll(nl noteLayout, follow bool) {
	view := e.Size().Height - 2*e.vpad()
	total := float32(0)
	if n := len(nl.lines); n > 0 {
		total = nl.lines[n-1].y + nl.lineHeight
	}
	if follow && len(nl.lines) > 0 {
		l := nl.lines[nl.lineOf(e.cursor)]
		if l.y < e.scrollY {
			e.scrollY = l.y
		}
		if l.y+nl.lineHeight > e.scrollY+view {
			e.scrollY = l.y + nl.lineHeight - view
		}
	}
	e.scrollY = max(0, min(e.scrollY, total-view))
}

// CaretPos is where the caret is drawn for offset i, relative to the
// entry (the top of its line): for tests of where the caret goes.
func (e *NoteEntry) CaretPos(i int) fyne.Position {
	nl := e.layoutNow()
	l := nl.lines[nl.lineOf(i)]
	return fyne.NewPos(e.pad()+l.caretX(i), e.vpad()+l.y-e.scrollY)
}

// MinSize is VisibleLines lines with the padding of widget.Entry.
func (e *NoteEntry) MinSize() fyne.Size {
	e.ExtendBaseWidget(e)
	return e.BaseWidget.MinSize()
}

// CreateRenderer is part of fyne.Widget.
func (e *NoteEntry) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	r := &noteRenderer{e: e,
		bg:     canvas.NewRectangle(color.Transparent),
		border: canvas.NewRectangle(color.Transparent),
		caret:  canvas.NewRectangle(color.Transparent),
		text:   container.NewWithoutLayout(),
		hint:   container.NewWithoutLayout(),
	}
	r.inner = container.NewWithoutLayout(r.hint, r.text, r.caret)
	r.clip = container.NewScroll(r.inner)
	r.clip.Direction = container.ScrollNone
	r.area = &noteArea{e: e}
	r.area.ExtendBaseWidget(r.area)
	e.hint = NewParagraph(nil, DirAuto)
	r.hr = &paragraphRenderer{p: e.hint}
	return r
}

type noteRenderer struct {
	e                 *NoteEntry
	bg, border, caret *canvas.Rectangle
	text, hint, inner *fyne.Container
	clip              *container.Scroll
	boxes             []*fyne.Container // one per paragraph
	prs               []*paragraphRenderer
	hr                *paragraphRenderer
	area              *noteArea
}

func (r *noteRenderer) lineHeight() float32 {
	r.e.paragraphs()
	return r.e.paras[0].prepared().lineHeight
}

func (r *noteRenderer) MinSize() fyne.Size {
	pad := r.e.pad()
	return fyne.NewSize(4*pad, float32(r.e.visibleLines())*r.lineHeight()+2*r.e.vpad())
}

func (r *noteRenderer) Layout(size fyne.Size) {
	e := r.e
	th := e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bw := drawBox(e, r.bg, r.border, size, e.focused, e.validationErr != nil && e.Text != "")

	// The clip is the text's own box, whole lines high: a line scrolled
	// out of view leaves no sliver of its letters above the first.
	vpad, pad := e.vpad(), e.pad()
	r.clip.Move(fyne.NewPos(0, vpad))
	r.clip.Resize(fyne.NewSize(size.Width, max(0, size.Height-2*vpad)))
	r.inner.Resize(fyne.NewSize(size.Width, max(0, size.Height-2*vpad)))
	r.area.Resize(size)

	w := max(1, size.Width-2*pad)
	nl := e.layoutAt(w)
	e.clampScroll(nl, e.focused)
	top := -e.scrollY // in the clip's box

	for len(r.prs) < len(e.paras) {
		r.prs = append(r.prs, &paragraphRenderer{})
		r.boxes = append(r.boxes, container.NewWithoutLayout())
	}
	objs := make([]fyne.CanvasObject, 0, len(e.paras))
	for k, p := range e.paras {
		pr := r.prs[k]
		pr.p = p
		h := nl.paraHeight[k]
		if p.Spans[0].Text == "" {
			pr.objects = pr.objects[:0]
		} else {
			pr.build(fyne.NewSize(w, h))
		}
		b := r.boxes[k]
		b.Objects = pr.objects
		b.Move(fyne.NewPos(pad, top+nl.paraTop[k]))
		b.Resize(fyne.NewSize(w, h))
		b.Refresh()
		objs = append(objs, b)
	}
	r.text.Objects = objs
	r.text.Resize(fyne.NewSize(size.Width, size.Height))
	r.text.Refresh()

	r.hint.Objects = nil
	if e.Text == "" && e.PlaceHolder != "" {
		hp := e.hint
		hp.Spans = []Span{{Text: e.PlaceHolder}}
		hp.Direction = DirAuto
		hp.dropLayout()
		hh := hp.HeightForWidth(w)
		r.hr.build(fyne.NewSize(w, hh))
		muted := MutedColor(th, v)
		for _, o := range r.hr.objects {
			if t, ok := o.(*canvas.Text); ok && t.Color != muted {
				t.Color = muted
				t.Refresh()
			}
		}
		r.hint.Objects = r.hr.objects
		r.hint.Move(fyne.NewPos(pad, 0))
		r.hint.Resize(fyne.NewSize(w, hh))
	}
	r.hint.Refresh()

	if e.focused && len(nl.lines) > 0 {
		a, b := e.Selection()
		cw := max(1, bw)
		r.caret.FillColor = th.Color(theme.ColorNamePrimary, v)
		if a != b {
			r.caret.FillColor = color.Transparent
		}
		l := nl.lines[nl.lineOf(e.cursor)]
		cx := pad + l.caretX(e.cursor)
		lh := nl.lineHeight
		r.caret.Move(fyne.NewPos(cx-cw/2, top+l.y+lh*0.15))
		r.caret.Resize(fyne.NewSize(cw, lh*0.7))
	} else {
		r.caret.FillColor = color.Transparent
	}
	r.caret.Refresh()
}

func (r *noteRenderer) Refresh() {
	r.Layout(r.e.Size())
	canvas.Refresh(r.e)
}

func (r *noteRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.clip, r.border, r.area}
}

func (r *noteRenderer) Destroy() {}

// noteArea lies over the entry and hands it the pointer's taps, drags and
// wheel (the clipping scroll container would take drags itself).
type noteArea struct {
	widget.BaseWidget
	e *NoteEntry
}

func (a *noteArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (a *noteArea) Tapped(ev *fyne.PointEvent)       { a.e.Tapped(ev) }
func (a *noteArea) DoubleTapped(ev *fyne.PointEvent) { a.e.DoubleTapped(ev) }
func (a *noteArea) Dragged(ev *fyne.DragEvent) {
	focusFromPointer(a.e)
	a.e.Dragged(ev)
}
func (a *noteArea) DragEnd()                      { a.e.DragEnd() }
func (a *noteArea) Scrolled(ev *fyne.ScrollEvent) { a.e.Scrolled(ev) }
func (a *noteArea) Cursor() desktop.Cursor        { return a.e.Cursor() }
