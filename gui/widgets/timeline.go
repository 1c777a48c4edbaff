package widgets

import (
	"image/png"
	"io"
	"math"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/widget"
)

// Timeline draws dated events along a horizontal time axis. The axis ticks
// adapt to the zoom (decades, years, months, days) and are labelled in the
// Locale's language; events are coloured by type, stacked in rows without
// overlap, and dense periods collapse into count bubbles that split as the
// user zooms in. With Lane set on the events, each distinct lane is a
// labelled band.
//
// The mouse wheel zooms around the pointer (horizontal wheel pans), a drag
// pans, hovering shows an event's details and a tap selects it (a tap on a
// bubble zooms into it). With focus, ←/→ pan, ↑/↓ and +/− zoom and Home fits
// all events.
//
// Change Locale or RightToLeft, then call Refresh.
type Timeline struct {
	widget.BaseWidget

	Locale Locale
	// RightToLeft makes time run from the right edge to the left, as an
	// Arabic reader may prefer.
	RightToLeft bool
	// OnSelected reports the id of an event the user tapped.
	OnSelected func(id string)
	// OnViewChanged reports the period in view after the user zooms or
	// pans, or the widget is resized, on the UI thread while the widget is
	// being drawn: it must return quickly and not change the widget.
	OnViewChanged func(from, to time.Time)
	// OnInput, when set, is called as a wheel or drag event reaches the
	// widget, before it is handled (the timing probe, gui/views).
	OnInput func()

	mu       sync.Mutex
	events   []TimelineEvent
	ix       *timelineIndex
	version  int       // bumped by SetEvents
	labelW   []float32 // cached label widths per event, -1 unknown
	labelKey float32   // text size the widths were measured at
	from     float64   // unix seconds at the leading edge
	spp      float64   // seconds per pixel; 0 until the first fit
	autoFit  bool      // the view follows FitAll until the user moves it
	fitW     float32   // the width of the last fit
	selected string
	hovering bool
	hoverPos fyne.Position
	focused  bool
	frame    tlFrame
	scratch  layoutScratch
	text     *tlTextCache
	notified [2]float64 // the period last reported to OnViewChanged

	// labelWidth is frameLabelWidthLocked, for the layout's options
	labelWidth func(int) float32
}

var (
	_ fyne.Widget        = (*Timeline)(nil)
	_ fyne.Tappable      = (*Timeline)(nil)
	_ fyne.Draggable     = (*Timeline)(nil)
	_ fyne.Scrollable    = (*Timeline)(nil)
	_ fyne.Focusable     = (*Timeline)(nil)
	_ desktop.Hoverable  = (*Timeline)(nil)
	_ desktop.Cursorable = (*Timeline)(nil)
)

// Geometry of the widget, in pixels.
const (
	tlAxisHeight    = 50  // ticks and two rows of labels under the lanes
	tlLaneHeader    = 24  // a named lane's title strip
	tlTopPad        = 10  // above the first row of an unnamed lane
	tlRowHeight     = 30  // one row of markers
	tlMarker        = 12  // point diameter, bar height
	tlMaxLabelWidth = 240 // longer titles are cut with an ellipsis
	tlEdgePad       = 40  // FitAll's margin before the first and after the last event
	tlMaxDayWidth   = 240 // zoom limit: a day is at most this wide
	tlMaxYears      = 1000
	tlZoomStep      = 1.5
	tlWheelZoom     = 0.02 // zoom per unit of wheel delta, as an exponent
)

// NewTimeline returns a timeline showing events; see SetEvents.
func NewTimeline(events []TimelineEvent) *Timeline {
	t := &Timeline{}
	t.ExtendBaseWidget(t)
	t.SetEvents(events)
	return t
}

// SetEvents replaces the events and fits the view to them. The slice is
// kept; do not modify it afterwards.
func (t *Timeline) SetEvents(events []TimelineEvent) {
	t.mu.Lock()
	t.setEventsLocked(events)
	t.autoFit, t.fitW = true, -1
	t.mu.Unlock()
	t.Refresh()
}

// ReplaceEvents replaces the events but, unlike SetEvents, keeps the
// period in view: for the events of a period loaded as the user zooms in.
func (t *Timeline) ReplaceEvents(events []TimelineEvent) {
	t.mu.Lock()
	t.setEventsLocked(events)
	t.mu.Unlock()
	t.Refresh()
}

// setEventsLocked takes events in, with their label widths unmeasured.
func (t *Timeline) setEventsLocked(events []TimelineEvent) {
	t.events = events
	t.ix = newTimelineIndex(events)
	t.version++
	t.labelW = make([]float32, len(events))
	for i := range t.labelW {
		t.labelW[i] = -1
	}
}

// Events returns the events being shown.
func (t *Timeline) Events() []TimelineEvent {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.events
}

// Select marks the event with the given id as selected and brings it into
// view: the view pans to it, and zooms in while it is inside a bubble. ""
// clears the selection. OnSelected is not called.
func (t *Timeline) Select(id string) {
	t.mu.Lock()
	t.selected = id
	t.ensureViewLocked()
	i := slices.IndexFunc(t.events, func(ev TimelineEvent) bool { return ev.ID == id })
	if id != "" && i >= 0 {
		e := t.ix.evs[i]
		c := (e.s + e.e) / 2
		from, to := t.visibleLocked()
		if e.e < from || e.s > to {
			t.from = c - (to-from)/2
			t.autoFit = false
		}
		for range 16 {
			if t.Size().Width <= 0 || !t.inBubbleLocked(i) || t.spp <= t.minSpp() {
				break
			}
			t.spp = math.Max(t.spp/2, t.minSpp())
			t.from = c - float64(t.widthLocked())/2*t.spp
			t.autoFit = false
		}
	}
	t.mu.Unlock()
	t.Refresh()
}

// inBubbleLocked reports whether event i is drawn inside a count bubble.
func (t *Timeline) inBubbleLocked(i int) bool {
	f := t.frameLocked(t.Size())
	for _, l := range f.layout.Lanes {
		for _, it := range l.Items {
			if it.Cluster() && slices.Contains(it.Members, i) {
				return true
			}
		}
	}
	return false
}

// Selected returns the id of the selected event, or "".
func (t *Timeline) Selected() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.selected
}

// VisibleRange returns the instants at the two ends of the axis.
func (t *Timeline) VisibleRange() (from, to time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ensureViewLocked()
	a, b := t.visibleLocked()
	return fromUnix(a), fromUnix(b)
}

// SetVisibleRange shows [from, to] across the widget's width.
func (t *Timeline) SetVisibleRange(from, to time.Time) {
	t.mu.Lock()
	t.setRangeLocked(unixSec(from), unixSec(to))
	t.mu.Unlock()
	t.Refresh()
}

// ZoomIn shows a shorter period, keeping the centre in place.
func (t *Timeline) ZoomIn() { t.zoomAt(t.width()/2, tlZoomStep) }

// ZoomOut shows a longer period, keeping the centre in place.
func (t *Timeline) ZoomOut() { t.zoomAt(t.width()/2, 1/tlZoomStep) }

// FitAll zooms and pans so that every event is in view.
func (t *Timeline) FitAll() {
	t.mu.Lock()
	t.fitLocked()
	t.mu.Unlock()
	t.Refresh()
}

// Today centres the view on the current date, keeping the zoom.
func (t *Timeline) Today() {
	t.mu.Lock()
	t.ensureViewLocked()
	w := float64(t.widthLocked()) * t.spp
	t.from = unixSec(timeNow()) - w/2
	t.autoFit = false
	t.mu.Unlock()
	t.Refresh()
}

// timeNow is replaced in tests.
var timeNow = time.Now

// ExportPNG writes a PNG image of the current view, size pixels large: the
// same period and selection, drawn by Fyne's software renderer.
func (t *Timeline) ExportPNG(w io.Writer, size fyne.Size) error {
	t.mu.Lock()
	t.ensureViewLocked()
	from, to := t.visibleLocked()
	c := &Timeline{Locale: t.Locale, RightToLeft: t.RightToLeft, events: t.events, ix: t.ix,
		labelW: make([]float32, len(t.events)), selected: t.selected}
	t.mu.Unlock()
	for i := range c.labelW {
		c.labelW[i] = -1
	}
	c.ExtendBaseWidget(c)
	cv := software.NewCanvas()
	cv.SetPadded(false)
	cv.SetContent(c)
	cv.Resize(size)
	c.SetVisibleRange(fromUnix(from), fromUnix(to))
	return png.Encode(w, cv.Capture())
}

// MinSize is room for the axis, the chips' band and one row in every lane;
// put the widget in a scroll container when there may be many lanes.
func (t *Timeline) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	t.mu.Lock()
	defer t.mu.Unlock()
	lane := float32(tlTopPad + tlRowHeight)
	n := 1
	if t.ix != nil && len(t.ix.lanes) > 1 {
		n, lane = len(t.ix.lanes), tlLaneHeader+tlRowHeight+4
	}
	return fyne.NewSize(240, tlAxisHeight+tlChipBand+float32(n)*lane)
}

// CreateRenderer is part of fyne.Widget.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return newTimelineRenderer(t)
}

// Tapped selects the event under the pointer, or zooms into a bubble.
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
	t.mu.Lock()
	f := t.frameLocked(t.Size())
	if chip, ok := f.hitChip(ev.Position); ok {
		w := float64(t.widthLocked()) * t.spp
		t.from = f.off[chip].nearest - w/2
		t.autoFit = false
		t.mu.Unlock()
		t.Refresh()
		return
	}
	lane, item, ok := f.hit(ev.Position)
	if !ok {
		t.mu.Unlock()
		return
	}
	it := f.layout.Lanes[lane].Items[item]
	if it.Cluster() {
		a, b := unixSec(it.From), unixSec(it.To)
		pad := math.Max((b-a)*0.15, secDay)
		if (b-a+2*pad)/float64(t.widthLocked()) > t.minSpp()*1.01 || it.Summary {
			// a summary is never selected: zooming in loads its events
			t.setRangeLocked(a-pad, b+pad)
			t.mu.Unlock()
			t.Refresh()
			return
		}
	}
	id := t.events[it.Members[0]].ID
	t.selected = id
	cb := t.OnSelected
	t.mu.Unlock()
	t.Refresh()
	if cb != nil {
		cb(id)
	}
}

// Dragged pans the view with the pointer.
func (t *Timeline) Dragged(ev *fyne.DragEvent) {
	if t.OnInput != nil {
		t.OnInput()
	}
	t.mu.Lock()
	t.ensureViewLocked()
	dx := float64(ev.Dragged.DX)
	if t.RightToLeft {
		dx = -dx
	}
	t.from -= dx * t.spp
	t.autoFit = false
	t.hovering = false
	t.mu.Unlock()
	t.Refresh()
}

// DragEnd is part of fyne.Draggable.
func (t *Timeline) DragEnd() {}

// Scrolled zooms around the pointer with the vertical wheel and pans with
// the horizontal one.
func (t *Timeline) Scrolled(ev *fyne.ScrollEvent) {
	if t.OnInput != nil {
		t.OnInput()
	}
	d := ev.Scrolled
	if math.Abs(float64(d.DX)) > math.Abs(float64(d.DY)) {
		t.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-d.DX, 0)})
		return
	}
	t.zoomAt(ev.Position.X, math.Exp(float64(d.DY)*tlWheelZoom))
}

// FocusGained is part of fyne.Focusable.
func (t *Timeline) FocusGained() { t.setFocused(true) }

// FocusLost is part of fyne.Focusable.
func (t *Timeline) FocusLost() { t.setFocused(false) }

func (t *Timeline) setFocused(f bool) {
	t.mu.Lock()
	t.focused = f
	t.mu.Unlock()
	t.Refresh()
}

// TypedRune zooms with + and −.
func (t *Timeline) TypedRune(r rune) {
	switch r {
	case '+', '=':
		t.ZoomIn()
	case '-', '−', '_':
		t.ZoomOut()
	}
}

// TypedKey pans with the arrow keys (the view moves the way the arrow
// points, whichever way time runs), zooms with ↑/↓ and fits all with Home.
func (t *Timeline) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft:
		t.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(t.width()/8, 0)})
	case fyne.KeyRight:
		t.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-t.width()/8, 0)})
	case fyne.KeyUp:
		t.ZoomIn()
	case fyne.KeyDown:
		t.ZoomOut()
	case fyne.KeyHome:
		t.FitAll()
	}
}

// MouseIn shows the tooltip of the event under the pointer.
func (t *Timeline) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved moves the tooltip with the pointer.
func (t *Timeline) MouseMoved(ev *desktop.MouseEvent) {
	t.mu.Lock()
	f := t.frameLocked(t.Size())
	_, _, hit := f.hit(ev.Position)
	_, onChip := f.hitChip(ev.Position)
	hit = hit || onChip
	changed := hit || t.hovering
	t.hovering, t.hoverPos = hit, ev.Position
	t.mu.Unlock()
	if changed {
		t.Refresh()
	}
}

// MouseOut hides the tooltip.
func (t *Timeline) MouseOut() {
	t.mu.Lock()
	changed := t.hovering
	t.hovering = false
	t.mu.Unlock()
	if changed {
		t.Refresh()
	}
}

// Cursor is a pointing hand over an event.
func (t *Timeline) Cursor() desktop.Cursor {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.hovering {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// --- view state (callers hold t.mu) ---

func (t *Timeline) width() float32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.widthLocked()
}

func (t *Timeline) widthLocked() float32 {
	if w := t.Size().Width; w > 0 {
		return w
	}
	return 800
}

func (t *Timeline) minSpp() float64 { return secDay / tlMaxDayWidth }

func (t *Timeline) maxSpp() float64 {
	return tlMaxYears * secYear / float64(t.widthLocked())
}

func (t *Timeline) visibleLocked() (float64, float64) {
	return t.from, t.from + float64(t.widthLocked())*t.spp
}

func (t *Timeline) setRangeLocked(from, to float64) {
	if !(to > from) {
		c := from
		from, to = c-15*secDay, c+15*secDay
	}
	spp := (to - from) / float64(t.widthLocked())
	spp = math.Min(math.Max(spp, t.minSpp()), t.maxSpp())
	c := (from + to) / 2
	t.spp = spp
	t.from = c - float64(t.widthLocked())/2*spp
	t.autoFit = false
}

// ensureViewLocked fits the view to the events until the user zooms or
// pans: at first, and again when the width changes.
func (t *Timeline) ensureViewLocked() {
	if t.spp == 0 || (t.autoFit && t.Size().Width > 0 && t.Size().Width != t.fitW) {
		t.fitLocked()
	}
}

func (t *Timeline) fitLocked() {
	w := float64(t.widthLocked())
	if t.ix == nil || len(t.ix.evs) == 0 {
		now := timeNow()
		y := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		t.setRangeLocked(unixSec(y), unixSec(y.AddDate(1, 0, 0)))
		return
	}
	lo, hi := t.ix.min, t.ix.max
	// room for the label of the event that ends last
	last, lastEnd := 0, math.Inf(-1)
	for i, e := range t.ix.evs {
		if e.e > lastEnd {
			last, lastEnd = i, e.e
		}
	}
	lead := float64(tlEdgePad)
	trail := float64(tlEdgePad) + float64(t.labelWidthLocked(last))
	usable := w - lead - trail
	if usable < w/3 {
		usable, trail = w/3, w-w/3-lead
	}
	span := hi - lo
	if span < 2*secDay {
		span = 2 * secDay
		lo = (t.ix.min+t.ix.max)/2 - secDay
	}
	spp := math.Min(math.Max(span/usable, t.minSpp()), t.maxSpp())
	t.spp = spp
	// centre the events in the usable part
	t.from = lo - lead*spp - (usable*spp-span)/2
	if span/usable > t.maxSpp() {
		// Too long a history to show whole: the latest part, which a
		// reader of the news cares for most, rather than the middle.
		t.from = hi + trail*spp - w*spp
	}
	t.autoFit, t.fitW = true, t.Size().Width
}

func (t *Timeline) zoomAt(x float32, factor float64) {
	t.mu.Lock()
	t.ensureViewLocked()
	u := float64(x)
	if t.RightToLeft {
		u = float64(t.widthLocked()) - u
	}
	at := t.from + u*t.spp
	spp := math.Min(math.Max(t.spp/factor, t.minSpp()), t.maxSpp())
	t.spp = spp
	t.from = at - u*spp
	t.autoFit = false
	t.mu.Unlock()
	t.Refresh()
}

// timeAt is the instant under screen x.
func (t *Timeline) timeAt(x float32) time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ensureViewLocked()
	u := float64(x)
	if t.RightToLeft {
		u = float64(t.widthLocked()) - u
	}
	return fromUnix(t.from + u*t.spp)
}

// labelWidthLocked is the width of event i's title label, measured once.
func (t *Timeline) labelWidthLocked(i int) float32 {
	t.syncLabelWidthsLocked(t.textCacheLocked())
	return t.frameLabelWidthLocked(i)
}

// syncLabelWidthsLocked forgets the widths measured at another text size.
func (t *Timeline) syncLabelWidthsLocked(tc *tlTextCache) {
	if tc.labelSize != t.labelKey {
		for j := range t.labelW {
			t.labelW[j] = -1
		}
		t.labelKey = tc.labelSize
	}
}

// frameLabelWidthLocked is labelWidthLocked for the layout of a frame,
// which has made t.text current and synced the widths: the layout asks
// for the widths of thousands of events per frame, and looking the theme
// and its text size up for each took a few per cent of a zoom step's build.
func (t *Timeline) frameLabelWidthLocked(i int) float32 {
	if w := t.labelW[i]; w >= 0 {
		return w
	}
	tc := t.text
	ev := &t.events[i]
	w := float32(0)
	if ev.Title != "" {
		// bold, as when selected, so that selecting never cuts the label
		w = min(tc.width(ev.Title, ev.Dir, tc.labelBold), tlMaxLabelWidth)
	}
	t.labelW[i] = w
	return w
}

func (t *Timeline) textCacheLocked() *tlTextCache {
	th := t.Theme()
	size := labelTextSize(th)
	if t.text == nil || t.text.th != th || t.text.labelSize != size {
		t.text = newTLTextCache(th, size)
	}
	return t.text
}

// tlFrame is the geometry of one drawn frame, cached until the view, the
// events, the size or the options change; hit testing uses the same frame.
type tlFrame struct {
	valid   bool
	size    fyne.Size
	from    float64
	spp     float64
	version int
	rtl     bool
	loc     Locale
	tc      *tlTextCache

	layout TimelineLayout
	ticks  TickSet
	plotH  float32
	bands  []tlBand
	named  bool // lanes have titles

	// events out of view before and after it, with chips at the edges
	// that bring the nearest one into view
	off [2]tlOffscreen
}

// tlOffscreen counts the events beyond one end of the view.
type tlOffscreen struct {
	count   int
	nearest float64 // centre of the closest one, unix seconds
	label   string
	x, w    float32 // the chip
}

const (
	tlChipHeight = 22
	tlChipArrow  = 14 // room for the arrow glyph
	tlChipBottom = 8  // between a chip and the axis
	// tlChipBand is the strip at the bottom of the plot kept free of rows
	// while a chip shows: the chip, the gap under it and as much above.
	tlChipBand = tlChipHeight + 2*tlChipBottom
)

func (f *tlFrame) chipY() float32 { return f.plotH - tlChipHeight - tlChipBottom }

// hitChip returns which chip (0 earlier, 1 later) is under p.
func (f *tlFrame) hitChip(p fyne.Position) (int, bool) {
	if !f.valid || p.Y < f.chipY() || p.Y > f.chipY()+tlChipHeight {
		return 0, false
	}
	for i, c := range f.off {
		if c.count > 0 && p.X >= c.x && p.X <= c.x+c.w {
			return i, true
		}
	}
	return 0, false
}

type tlBand struct {
	top, height float32
	rowsTop     float32 // y of row 0's top
	rowH        float32
}

func (f *tlFrame) itemY(lane int, it *LayoutItem) float32 {
	b := f.bands[lane]
	return b.rowsTop + (float32(it.Row)+0.5)*b.rowH
}

// hit finds the item under p: its marker first, then its label.
func (f *tlFrame) hit(p fyne.Position) (lane, item int, ok bool) {
	if !f.valid || p.Y >= f.plotH {
		return 0, 0, false
	}
	best := float32(math.MaxFloat32)
	for li := range f.layout.Lanes {
		b := f.bands[li]
		if p.Y < b.top || p.Y >= b.top+b.height {
			continue
		}
		items := f.layout.Lanes[li].Items
		for i := range items {
			it := &items[i]
			y := f.itemY(li, it)
			if math.Abs(float64(p.Y-y)) > float64(max(b.rowH/2, tlMarker/2+3)) {
				continue
			}
			if p.X >= it.X0-3 && p.X <= it.X1+3 {
				d := float32(math.Abs(float64(p.X - (it.X0+it.X1)/2)))
				if d < best {
					best, lane, item, ok = d, li, i, true
				}
				continue
			}
			if it.HasLabel() && p.X >= it.LabelX0 && p.X <= it.LabelX1 && best == math.MaxFloat32 {
				lane, item, ok = li, i, true
			}
		}
	}
	return lane, item, ok
}

// frameLocked computes (or returns the cached) frame for size.
func (t *Timeline) frameLocked(size fyne.Size) *tlFrame {
	t.ensureViewLocked()
	f := &t.frame
	tc := t.textCacheLocked()
	if f.valid && f.size == size && f.from == t.from && f.spp == t.spp && f.version == t.version &&
		f.rtl == t.RightToLeft && f.loc == t.Locale && f.tc == tc {
		return f
	}
	f.valid, f.size, f.from, f.spp, f.version, f.rtl, f.loc, f.tc = true, size, t.from, t.spp, t.version, t.RightToLeft, t.Locale, tc
	t.syncLabelWidthsLocked(tc)
	if t.labelWidth == nil { // made once: a method value allocates
		t.labelWidth = t.frameLabelWidthLocked
	}
	w := size.Width
	if w <= 0 {
		f.valid = false
		return f
	}
	from, to := t.from, t.from+float64(w)*t.spp
	f.plotH = max(size.Height-tlAxisHeight, tlRowHeight)
	// The chips are counted before the layout: when one shows, the rows
	// are laid out above its band, so that it never hides a label, a
	// marker or a bubble (in the 10k library «5904 earlier» sat on the
	// bottom row's labels).
	f.off = [2]tlOffscreen{}
	if t.ix != nil {
		f.off[0], f.off[1] = t.ix.offscreen(from, to)
	}
	rowsH := f.plotH
	if f.off[0].count > 0 || f.off[1].count > 0 {
		rowsH = max(f.plotH-tlChipBand, tlRowHeight)
	}
	nl := 1
	f.named = false
	if t.ix != nil {
		nl = max(len(t.ix.lanes), 1)
		for _, k := range t.ix.lanes {
			f.named = f.named || k != ""
		}
	}
	bandH := rowsH / float32(nl)
	header := float32(tlTopPad)
	if f.named {
		header = tlLaneHeader
	}
	maxRows := max(int((bandH-header-4)/tlRowHeight), 1)
	o := LayoutOptions{
		From: fromUnix(from), To: fromUnix(to), Width: w, RightToLeft: t.RightToLeft,
		MaxRows: maxRows, MarkerSize: tlMarker, LabelGap: 6, ItemGap: 14,
		ClusterDistance: 14, MaxClusterWidth: 72,
		LabelWidth: t.labelWidth,
	}
	if t.ix != nil {
		t.ix.layout(&o, &f.layout, &t.scratch)
	} else {
		f.layout.Lanes = f.layout.Lanes[:0]
	}
	ticksInto(&f.ticks, from, to, w, t.Locale)
	for i := range f.off {
		c := &f.off[i]
		if c.count == 0 {
			continue
		}
		if i == 0 {
			c.label = t.Locale.count("{n} earlier", c.count)
		} else {
			c.label = t.Locale.count("{n} later", c.count)
		}
		c.w = tc.width(c.label, t.Locale.dir(), tc.small) + tlChipArrow + 18
		if (i == 0) != t.RightToLeft { // at the left edge
			c.x = 8
		} else {
			c.x = w - 8 - c.w
		}
	}
	f.bands = f.bands[:0]
	for i := range nl {
		b := tlBand{top: float32(i) * bandH, height: bandH, rowH: tlRowHeight}
		b.rowsTop = b.top + header
		if i < len(f.layout.Lanes) {
			if rows := f.layout.Lanes[i].Rows; rows > 0 && float32(rows)*tlRowHeight > bandH-header {
				b.rowH = (bandH - header) / float32(rows)
			}
		}
		f.bands = append(f.bands, b)
	}
	return f
}

// DrawnLabel is an event's title as the current frame draws it.
type DrawnLabel struct {
	ID   string
	Text string // as drawn: cut with "…" when longer than its room
	Pos  fyne.Position
	Size fyne.Size
}

// DrawnLabels lists the event titles the current frame draws wholly inside
// the widget, so that tests (and one day a screen reader) can read the
// timeline as a user sees it.
func (t *Timeline) DrawnLabels() []DrawnLabel {
	t.mu.Lock()
	defer t.mu.Unlock()
	size := t.Size()
	f := t.frameLocked(size)
	if !f.valid {
		return nil
	}
	var out []DrawnLabel
	for li := range f.layout.Lanes {
		for i := range f.layout.Lanes[li].Items {
			it := &f.layout.Lanes[li].Items[i]
			if !it.HasLabel() || it.Cluster() || it.LabelX0 < 0 || it.LabelX1 > size.Width {
				continue
			}
			ev := &t.events[it.Members[0]]
			face := f.tc.label
			if ev.ID != "" && ev.ID == t.selected {
				face = f.tc.labelBold
			}
			s := f.tc.fit(ev.Title, ev.Dir, face, it.LabelX1-it.LabelX0)
			w := f.tc.width(s, ev.Dir, face)
			x := it.LabelX0
			if !it.LabelInside() && it.LabelX1 <= it.X0 { // drawn ending at LabelX1
				x = it.LabelX1 - w
			}
			y := f.itemY(li, it) - face.height/2
			out = append(out, DrawnLabel{ID: ev.ID, Text: s, Pos: fyne.NewPos(x, y), Size: fyne.NewSize(w, face.height)})
		}
	}
	return out
}
