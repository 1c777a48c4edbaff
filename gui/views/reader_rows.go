package views

import (
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// rowList is the reader's virtualised column: rows of known heights in a
// vertical scroll, with widgets only for the rows on screen.
//
// It replaces widget.List, whose item heights could not be trusted: each
// SetItemHeight refreshed the whole list (every visible paragraph laid out
// again, per row), and after a width or size change some recycled items kept
// the layout of the old width until the user scrolled, so paragraphs were
// drawn on top of each other. Here every placement is explicit: place() puts
// each visible row at its top with its height, and a row is filled again
// whenever the rows' generation changed (new blocks, metrics or theme).
type rowList struct {
	scroll  *container.Scroll
	content *fyne.Container
	heights []float32
	tops    []float32
	gap     float32
	total   float32

	create func() fyne.CanvasObject
	update func(i int, o fyne.CanvasObject)

	shown map[int]*listRow
	free  []*listRow
	gen   int
	// moving is true while the list scrolls itself (scrollTo, show).
	moving bool
	// glide is the running glide (Page Down), nil when none; glideTarget
	// is where it is headed (reader_glide.go).
	glide                  *fyne.Animation
	glideFrom, glideTarget float32
	glideStart             time.Time
	glideStarting          bool // inside startGlide
}

// listRow is a row widget. Rows are created after the reader's
// ThemeOverride walked its tree: update gives each the reader's theme (its
// face) itself (widgets.Paragraph.UseTheme). A ThemeOverride per row did
// too, but each one emptied Fyne's text-size and icon caches when it was
// made and again when first drawn (internal/cache/theme.go).
type listRow struct {
	obj   fyne.CanvasObject
	index int
	gen   int
}

func newRowList(gap float32, create func() fyne.CanvasObject, update func(int, fyne.CanvasObject)) *rowList {
	l := &rowList{gap: gap, create: create, update: update, shown: map[int]*listRow{}}
	l.content = container.New(&rowsLayout{l: l})
	l.scroll = container.NewVScroll(l.content)
	l.scroll.OnScrolled = func(fyne.Position) {
		if l.moving { // scrollTo or show: they place the rows themselves
			l.place()
			return
		}
		timing.input("scrolled") // a wheel or the scroll bar
		l.stopGlide()            // the wheel moves on from where the view is
		l.place()
		timing.changed("scroll")
	}
	return l
}

// setHeights gives the rows their heights; every row is filled again.
func (l *rowList) setHeights(hs []float32) {
	l.heights = hs
	l.tops = make([]float32, len(hs))
	var y float32
	for i, h := range hs {
		l.tops[i] = y
		y += h + l.gap
	}
	l.total = max(y-l.gap, 0)
	l.gen++
	size := l.scroll.Size()
	l.content.Resize(fyne.NewSize(size.Width, max(l.total, size.Height)))
}

// refill fills every visible row again (new blocks of the same shape).
func (l *rowList) refill() {
	l.gen++
	l.place()
}

// offset is how far the column is scrolled.
func (l *rowList) offset() float32 { return l.scroll.Offset.Y }

// viewHeight is the visible height of the column.
func (l *rowList) viewHeight() float32 { return l.scroll.Size().Height }

// scrollTo scrolls to offset y (clamped) and places the rows for it now,
// stopping a glide.
func (l *rowList) scrollTo(y float32) {
	l.stopGlide()
	l.moveTo(y)
}

// moveTo is scrollTo without stopping a glide: a glide's own steps.
func (l *rowList) moveTo(y float32) {
	y = max(min(y, l.total-l.viewHeight()), 0)
	if l.scroll.Offset.Y != y {
		l.moving = true
		l.scroll.ScrollToOffset(fyne.NewPos(0, y))
		l.moving = false
	}
	l.place()
}

// show scrolls to offset y after new heights: the scroll bar follows the
// new total and the rows are placed for y now. (Scroll.Refresh would do it
// too, but it refreshes every row, each laid out again.)
func (l *rowList) show(y float32) {
	l.stopGlide()
	y = max(min(y, l.total-l.viewHeight()), 0)
	l.scroll.Offset.Y = y + 1 // ScrollToOffset does nothing for the same offset
	l.moving = true
	l.scroll.ScrollToOffset(fyne.NewPos(0, y))
	l.moving = false
	l.place()
}

// place shows the rows that intersect the view, each at its top with its
// height, and returns the others to the free list.
func (l *rowList) place() {
	size := l.scroll.Size()
	if size.Height <= 0 || len(l.heights) == 0 {
		l.hideAll()
		return
	}
	off := l.scroll.Offset.Y
	first := sort.Search(len(l.heights), func(i int) bool { return l.tops[i]+l.heights[i] > off })
	last := sort.Search(len(l.heights), func(i int) bool { return l.tops[i] >= off+size.Height })
	now := make(map[int]*listRow, last-first)
	for i := first; i < last; i++ {
		if r, ok := l.shown[i]; ok {
			now[i] = r
			delete(l.shown, i)
		}
	}
	for _, r := range l.shown {
		l.free = append(l.free, r)
	}
	objs := make([]fyne.CanvasObject, 0, last-first)
	for i := first; i < last; i++ {
		r := now[i]
		if r == nil {
			r = l.take()
			now[i] = r
		}
		r.obj.Move(fyne.NewPos(0, l.tops[i]))
		r.obj.Resize(fyne.NewSize(size.Width, l.heights[i]))
		if r.index != i || r.gen != l.gen {
			r.index, r.gen = i, l.gen
			l.update(i, r.obj)
		}
		objs = append(objs, r.obj)
	}
	l.shown = now
	l.content.Objects = objs
	// Refreshing the content container alone did not get the new rows
	// drawn by the GL driver until the user scrolled; the scroll's refresh
	// does (the software test painter draws them either way).
	canvas.Refresh(l.scroll)
}

func (l *rowList) hideAll() {
	for _, r := range l.shown {
		l.free = append(l.free, r)
	}
	l.shown = map[int]*listRow{}
	l.content.Objects = nil
	canvas.Refresh(l.scroll)
}

// take reuses a free row or makes one.
func (l *rowList) take() *listRow {
	if n := len(l.free); n > 0 {
		r := l.free[n-1]
		l.free = l.free[:n-1]
		return r
	}
	return &listRow{obj: l.create(), index: -1}
}

// rowsLayout sizes the scroll's content to all rows and places the visible
// ones whenever the scroll lays it out (a resize).
type rowsLayout struct{ l *rowList }

func (r *rowsLayout) Layout([]fyne.CanvasObject, fyne.Size) { r.l.place() }

func (r *rowsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, r.l.total) }
