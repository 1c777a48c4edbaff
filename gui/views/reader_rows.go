package views

import (
	"sort"

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
	theme  fyne.Theme

	shown map[int]*listRow
	free  []*listRow
	gen   int
	// moving is true while the list scrolls itself (scrollTo, show).
	moving bool
}

// listRow is a row widget wrapped in a theme override: rows are created
// after the reader's ThemeOverride walked its tree, so each carries the
// reader's theme (its face) itself.
type listRow struct {
	holder *container.ThemeOverride
	obj    fyne.CanvasObject
	index  int
	gen    int
}

func newRowList(th fyne.Theme, gap float32, create func() fyne.CanvasObject, update func(int, fyne.CanvasObject)) *rowList {
	l := &rowList{theme: th, gap: gap, create: create, update: update, shown: map[int]*listRow{}}
	l.content = container.New(&rowsLayout{l: l})
	l.scroll = container.NewVScroll(l.content)
	l.scroll.OnScrolled = func(fyne.Position) {
		if l.moving { // scrollTo or show: they place the rows themselves
			l.place()
			return
		}
		timing.input("scrolled") // a wheel or the scroll bar
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

// setTheme changes the rows' theme (the reader's face) and fills them again.
func (l *rowList) setTheme(th fyne.Theme) {
	if th == l.theme {
		return
	}
	l.theme = th
	for _, r := range l.allRows() {
		r.holder.Theme = th
		r.holder.Refresh()
	}
	l.gen++
}

func (l *rowList) allRows() []*listRow {
	rows := append([]*listRow(nil), l.free...)
	for _, r := range l.shown {
		rows = append(rows, r)
	}
	return rows
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

// scrollTo scrolls to offset y (clamped) and places the rows for it now.
func (l *rowList) scrollTo(y float32) {
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
// too, but it refreshes every row's theme override, and each of those
// empties Fyne's text-size cache: opening an article took twice as long.)
func (l *rowList) show(y float32) {
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
		r.holder.Move(fyne.NewPos(0, l.tops[i]))
		r.holder.Resize(fyne.NewSize(size.Width, l.heights[i]))
		if r.index != i || r.gen != l.gen {
			r.index, r.gen = i, l.gen
			l.update(i, r.obj)
		}
		objs = append(objs, r.holder)
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
	obj := l.create()
	return &listRow{holder: container.NewThemeOverride(obj, l.theme), obj: obj, index: -1}
}

// rowsLayout sizes the scroll's content to all rows and places the visible
// ones whenever the scroll lays it out (a resize).
type rowsLayout struct{ l *rowList }

func (r *rowsLayout) Layout([]fyne.CanvasObject, fyne.Size) { r.l.place() }

func (r *rowsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, r.l.total) }
