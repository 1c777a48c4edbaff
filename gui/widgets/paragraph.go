package widgets

import (
	"math"
	"reflect"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Paragraph shows one paragraph of mixed Arabic and Latin text with correct
// bidirectional order: it breaks lines itself at spaces, runs the Unicode
// bidi algorithm per paragraph and draws one canvas.Text per run and face,
// right-aligned for right-to-left paragraphs. Faces come from the theme
// (annals/gui/theme.TextFaces): Arabic script from its Arabic face, the rest
// from the Latin face, each text with its FontSource set (see measure.go).
//
// Offsets reported by the callbacks are character (rune) offsets into the
// paragraph's text, the concatenation of its spans' Text.
//
// After changing the exported fields call Refresh. HeightForWidth is cached
// and safe to call from any goroutine.
type Paragraph struct {
	widget.BaseWidget

	Spans     []Span
	Direction Direction
	// TextSize is the font size; 0 uses the theme's text size.
	TextSize float32
	// LineSpacing is the line height in text sizes; 0 means
	// DefaultLineSpacing.
	LineSpacing float32
	// ColorName is the text's theme colour; "" is the foreground.
	ColorName fyne.ThemeColorName
	// MaxLines is the most lines shown; text beyond them is cut at a word
	// and ends in "…" at the paragraph's logical end (the left for
	// right-to-left). 0 shows every line.
	MaxLines int

	// OnTapped reports the offset of the character that was tapped.
	OnTapped func(offset int)
	// OnLinkTapped reports the Link of a tapped StyleLink span.
	OnLinkTapped func(link string)
	// OnMentionTapped reports the Tag of a tapped StyleMention span.
	OnMentionTapped func(tag string)
	// OnSelectionChanged reports the selected range [start, end) after a
	// drag; start == end means nothing is selected.
	OnSelectionChanged func(start, end int)
	// OnTypedKey gets the keys typed while the paragraph has the focus.
	OnTypedKey func(*fyne.KeyEvent)
	// UseTheme, when set, is the theme the paragraph is drawn with (its
	// faces and colours) instead of its scope's. The reader sets it on each
	// row: a container.ThemeOverride per row empties Fyne's text-size and
	// icon caches for every widget it walks (fyne internal/cache/theme.go),
	// when the row is made and again when it is first drawn, so every
	// label in the window was shaped again while an article opened. Set it
	// on the UI thread, then Refresh.
	UseTheme fyne.Theme
	// LineImages draws each line's text as one image (paragraph_ink.go)
	// instead of a canvas.Text per stretch of words: far less work for
	// Fyne's painter the first time a text is drawn. The reader's rows set
	// it; set it before the paragraph is first drawn.
	LineImages bool

	mu      sync.Mutex
	cache   layoutCache
	rend    *paragraphRenderer // the last made, for DrawnTexts
	selA    int                // selection anchor (offset where the drag started)
	selB    int                // selection end, exclusive bound is max(selA, selB)
	dragged bool
}

var (
	_ fyne.Widget            = (*Paragraph)(nil)
	_ fyne.Tappable          = (*Paragraph)(nil)
	_ fyne.SecondaryTappable = (*Paragraph)(nil)
	_ fyne.Draggable         = (*Paragraph)(nil)
	_ fyne.Focusable         = (*Paragraph)(nil)
	_ fyne.Shortcutable      = (*Paragraph)(nil)
	_ desktop.Cursorable     = (*Paragraph)(nil)
)

// NewParagraph returns a paragraph widget for the spans.
func NewParagraph(spans []Span, dir Direction) *Paragraph {
	p := &Paragraph{Spans: spans, Direction: dir}
	p.ExtendBaseWidget(p)
	return p
}

// SetSpans replaces the paragraph's text and redraws it.
func (p *Paragraph) SetSpans(spans []Span) {
	p.mu.Lock()
	p.Spans = spans
	p.selA, p.selB = 0, 0
	p.mu.Unlock()
	p.Refresh()
}

// Refresh drops the cached layout (text, size or theme may have changed)
// and redraws.
func (p *Paragraph) Refresh() {
	p.dropLayout()
	p.BaseWidget.Refresh()
}

func (p *Paragraph) dropLayout() {
	p.mu.Lock()
	p.cache = layoutCache{}
	p.mu.Unlock()
}

// Text returns the paragraph's plain text.
func (p *Paragraph) Text() string {
	return p.prepared().prep.Text()
}

// HeightForWidth returns the height the paragraph needs at width w. The
// result is cached per width until the next Refresh.
func (p *Paragraph) HeightForWidth(w float32) float32 {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := p.preparedLocked()
	c := &p.cache
	for i := range c.widths {
		if c.used[i] && c.widths[i] == w {
			return float32(c.counts[i]) * m.lineHeight
		}
	}
	n := m.prep.LineCount(w)
	if p.MaxLines > 0 {
		n = min(n, p.MaxLines)
	}
	c.put(w, n, nil)
	return float32(n) * m.lineHeight
}

// NaturalWidth is the width of the text on one line.
func (p *Paragraph) NaturalWidth() float32 {
	// Through the layout cache: a label that asks for its text's width
	// is asked on every layout of its container.
	lines, _ := p.layout(float32(math.MaxFloat32))
	var w float32
	for _, ln := range lines {
		w = max(w, ln.Width)
	}
	return w
}

// MinSize is the height of the text at the current width (one line height
// before the first layout); the width is not constrained.
func (p *Paragraph) MinSize() fyne.Size {
	p.ExtendBaseWidget(p)
	w := p.Size().Width
	if w <= 0 {
		m := p.prepared()
		return fyne.NewSize(0, m.lineHeight)
	}
	return fyne.NewSize(0, p.HeightForWidth(w))
}

// CreateRenderer is part of fyne.Widget.
func (p *Paragraph) CreateRenderer() fyne.WidgetRenderer {
	p.ExtendBaseWidget(p)
	r := newParagraphRenderer(p)
	p.mu.Lock()
	p.rend = r
	p.mu.Unlock()
	return r
}

// Cursor shows a text cursor over the paragraph.
func (p *Paragraph) Cursor() desktop.Cursor { return desktop.TextCursor }

// Selection returns the selected range [start, end); start == end when
// nothing is selected.
func (p *Paragraph) Selection() (start, end int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.selectionLocked()
}

func (p *Paragraph) selectionLocked() (int, int) {
	return min(p.selA, p.selB), max(p.selA, p.selB)
}

// ClearSelection selects nothing, without reporting it: for a paragraph
// given other text (a list row shown for another block).
func (p *Paragraph) ClearSelection() { p.setSelection(0, 0) }

// SelectedText returns the selected text, or the whole paragraph when
// nothing is selected: what Copy puts on the clipboard.
func (p *Paragraph) SelectedText() string {
	m := p.prepared()
	start, end := p.Selection()
	if start == end {
		return m.prep.Text()
	}
	return m.prep.Substring(start, end)
}

// Copy puts the selection, or the whole paragraph, on the clipboard.
func (p *Paragraph) Copy() {
	if app := fyne.CurrentApp(); app != nil {
		app.Clipboard().SetContent(p.SelectedText())
	}
}

// Tapped reports the tapped character, link or mention and takes focus so
// that Ctrl+C copies the paragraph.
func (p *Paragraph) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		c.Focus(p)
	}
	p.setSelection(0, 0)
	off, ok := p.offsetAt(ev.Position)
	if !ok {
		return
	}
	span := p.spanAt(off)
	if span != nil {
		if span.Style&StyleLink != 0 && span.Link != "" && p.OnLinkTapped != nil {
			p.OnLinkTapped(span.Link)
		}
		if span.Style&StyleMention != 0 && p.OnMentionTapped != nil {
			p.OnMentionTapped(span.Tag)
		}
	}
	if p.OnTapped != nil {
		p.OnTapped(off)
	}
}

// TappedSecondary shows a menu with Copy.
func (p *Paragraph) TappedSecondary(ev *fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil {
		return
	}
	label := "Copy paragraph"
	if s, e := p.Selection(); s != e {
		label = "Copy"
	}
	menu := fyne.NewMenu("", fyne.NewMenuItem(label, p.Copy))
	widget.ShowPopUpMenuAtPosition(menu, c, ev.AbsolutePosition)
}

// Dragged selects text from where the drag started to the pointer.
func (p *Paragraph) Dragged(ev *fyne.DragEvent) {
	p.mu.Lock()
	started := p.dragged
	p.dragged = true
	p.mu.Unlock()
	if !started {
		start := ev.Position.Subtract(ev.Dragged)
		a, _ := p.caretAt(start)
		p.mu.Lock()
		p.selA = a
		p.mu.Unlock()
	}
	b, _ := p.caretAt(ev.Position)
	p.mu.Lock()
	p.selB = b
	p.mu.Unlock()
	p.BaseWidget.Refresh()
}

// DragEnd finishes a selection and reports it.
func (p *Paragraph) DragEnd() {
	p.mu.Lock()
	p.dragged = false
	s, e := p.selectionLocked()
	p.mu.Unlock()
	if p.OnSelectionChanged != nil {
		p.OnSelectionChanged(s, e)
	}
}

// FocusGained is part of fyne.Focusable.
func (p *Paragraph) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (p *Paragraph) FocusLost() {}

// TypedRune is part of fyne.Focusable; the paragraph is read-only.
func (p *Paragraph) TypedRune(rune) {}

// TypedKey is part of fyne.Focusable; the paragraph is read-only, so a key
// goes to OnTypedKey (the reader scrolls with it) instead of being lost.
func (p *Paragraph) TypedKey(ev *fyne.KeyEvent) {
	if p.OnTypedKey != nil {
		p.OnTypedKey(ev)
	}
}

// TypedShortcut copies on Ctrl+C (Cmd+C).
// Other shortcuts go on to the window's (Ctrl+=, Ctrl+F…): a focused
// Shortcutable gets every shortcut, and the paragraph has no use for them.
func (p *Paragraph) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutCopy); ok {
		p.Copy()
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if h, ok := c.(interface{ TypedShortcut(fyne.Shortcut) }); ok {
		h.TypedShortcut(s)
	}
}

func (p *Paragraph) setSelection(a, b int) {
	p.mu.Lock()
	changed := p.selA != a || p.selB != b
	p.selA, p.selB = a, b
	p.mu.Unlock()
	if changed {
		p.BaseWidget.Refresh()
	}
}

func (p *Paragraph) spanAt(off int) *Span {
	m := p.prepared()
	if off < 0 || off >= len(m.prep.spanOf) {
		return nil
	}
	return &m.prep.spans[m.prep.spanOf[off]]
}

// offsetAt is the character under pos.
func (p *Paragraph) offsetAt(pos fyne.Position) (int, bool) {
	lines, m := p.layout(p.Size().Width)
	return m.prep.HitTest(lines, m.lineHeight, pos.X, pos.Y)
}

// caretAt is the selection boundary nearest to pos: before the character
// under it, or after it when pos is on the character's trailing half.
func (p *Paragraph) caretAt(pos fyne.Position) (int, bool) {
	lines, m := p.layout(p.Size().Width)
	if len(lines) == 0 {
		return 0, false
	}
	li := int(pos.Y / m.lineHeight)
	if pos.Y < 0 {
		return 0, true
	}
	if li >= len(lines) {
		return m.prep.RuneCount(), true
	}
	ln := lines[li]
	y := (float32(li) + 0.5) * m.lineHeight
	first, last := ln.Runs[0], ln.Runs[len(ln.Runs)-1]
	// beyond the ends of the line: its logical start or end
	if pos.X < first.X {
		if m.prep.RTL() {
			return ln.End, true
		}
		return ln.Start, true
	}
	if pos.X > last.X+last.Width {
		if m.prep.RTL() {
			return ln.Start, true
		}
		return ln.End, true
	}
	off, ok := m.prep.HitTest(lines, m.lineHeight, pos.X, y)
	if !ok {
		return 0, false
	}
	// trailing half of the character: the caret goes after it
	for _, r := range ln.Runs {
		if off < r.Start || off >= r.End {
			continue
		}
		a, b := m.charEdges(r, off)
		mid := (a + b) / 2
		if (!r.RTL() && pos.X > mid) || (r.RTL() && pos.X < mid) {
			off++
		}
		break
	}
	return off, true
}

// metrics are the width-independent results for one paragraph.
type metrics struct {
	prep       *Prepared
	key        metricsKey
	textSize   float32
	lineHeight float32
	measure    MeasureFunc
	ms         *measurer // the faces runs are measured and drawn with
}

// metricsKey is everything the metrics were computed from besides the
// spans: when any of it changes (the face setting swaps the theme, A+ the
// size) the layout is stale even if nobody called Refresh.
type metricsKey struct {
	theme   fyne.Theme
	size    float32
	spacing float32
	// comparable is whether theme's type is: == on two interfaces holding
	// the same non-comparable type panics, so such a theme is taken as
	// changed every time. Checked once, not per call: HeightForWidth is
	// called for every row at every width.
	comparable bool
}

func (k metricsKey) sameTheme(th fyne.Theme) bool {
	return k.comparable && k.theme == th
}

// charEdges returns the left and right x of character off within run r.
func (m *metrics) charEdges(r Run, off int) (float32, float32) {
	edges := m.prep.RunEdges(r)
	before, through := edges[off-r.Start], edges[off-r.Start+1]
	if r.RTL() {
		return r.X + r.Width - through, r.X + r.Width - before
	}
	return r.X + before, r.X + through
}

// layoutCache holds the metrics and the last few widths' line counts and,
// once drawn, lines.
type layoutCache struct {
	m      *metrics
	used   [4]bool
	widths [4]float32
	counts [4]int
	lines  [4][]Line
	n      int // next slot to reuse
}

func (c *layoutCache) put(w float32, count int, lines []Line) {
	c.used[c.n], c.widths[c.n], c.counts[c.n], c.lines[c.n] = true, w, count, lines
	c.n = (c.n + 1) % len(c.widths)
}

// prepared returns the width-independent layout, computing it if needed.
func (p *Paragraph) prepared() *metrics {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.preparedLocked()
}

// drawTheme is the theme the paragraph is drawn with: UseTheme, else its
// scope's.
func (p *Paragraph) drawTheme() fyne.Theme {
	if p.UseTheme != nil {
		return p.UseTheme
	}
	return p.Theme()
}

func (p *Paragraph) preparedLocked() *metrics {
	th := p.drawTheme()
	key := metricsKey{theme: th, spacing: p.LineSpacing, size: p.TextSize}
	if key.size <= 0 {
		key.size = th.Size(theme.SizeNameText)
	}
	if key.spacing <= 0 {
		key.spacing = DefaultLineSpacing
	}
	if m := p.cache.m; m != nil && m.key.size == key.size && m.key.spacing == key.spacing && m.key.sameTheme(th) {
		return m
	}
	key.comparable = th != nil && reflect.TypeOf(th).Comparable()
	m := &metrics{key: key, textSize: key.size, ms: newMeasurer(th, key.size)}
	m.measure = m.ms.measure
	m.prep = Prepare(p.Spans, p.Direction, m.measure)
	m.lineHeight = key.size * key.spacing
	p.cache = layoutCache{m: m} // the lines of the old metrics are stale too
	return m
}

// DefaultLineSpacing is the line height in text sizes when LineSpacing is 0.
const DefaultLineSpacing = 1.75

// baseline is the y of the baseline of line li: the ink of mixed Arabic and
// Latin text (about 0.75 of the size above the baseline, 0.3 below) is
// centred in the line.
func (m *metrics) baseline(li int) float32 {
	return float32(li)*m.lineHeight + m.lineHeight/2 + 0.22*m.textSize
}

// layout returns the lines at width w, cached.
func (p *Paragraph) layout(w float32) ([]Line, *metrics) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := p.preparedLocked()
	c := &p.cache
	for i := range c.widths {
		if c.used[i] && c.widths[i] == w && c.lines[i] != nil {
			return c.lines[i], m
		}
	}
	lines := m.prep.Layout(w)
	if p.MaxLines > 0 && len(lines) > p.MaxLines {
		lines = m.prep.truncate(w, p.MaxLines)
	}
	if lines == nil {
		lines = []Line{}
	}
	for i := range c.widths {
		if c.used[i] && c.widths[i] == w {
			c.lines[i] = lines
			return lines, m
		}
	}
	c.put(w, len(lines), lines)
	return lines, m
}

// textStyle maps span styles to Fyne's.
func textStyle(s SpanStyle) fyne.TextStyle {
	return fyne.TextStyle{Bold: s&StyleBold != 0, Italic: s&StyleItalic != 0}
}
