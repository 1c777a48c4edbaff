package views

import (
	"context"

	"annals/data/capture"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// articleView is the virtualised body of the reader: a widget.List with one
// block per row. Row heights are computed for the current width off the UI
// thread and cached; a resize recomputes them and cancels the previous
// computation. Only the rows on screen have widgets.
type articleView struct {
	list    *widget.List
	root    *fyne.Container
	blocks  []block
	heights []float32
	metrics rowMetrics
	theme   fyne.Theme

	// onReady is called on the UI thread once heights for a new article (or
	// a new width) are in place.
	onReady func()
	// onSelect reports a text selection in row i (rune offsets into the
	// row's text; start == end when the selection was cleared).
	onSelect func(row, start, end int)
	// pictures are the article's images kept offline, by src, with their
	// pixel sizes for row heights; a src without one shows a placeholder.
	pictures map[string]picture

	width   float32
	layouts loader
}

func newArticleView(th fyne.Theme) *articleView {
	v := &articleView{theme: th, metrics: rowMetrics{
		textSize: th.Size(theme.SizeNameText) * 1.15, lineSpacing: widgets.DefaultLineSpacing,
		maxWidth: 760, pad: th.Size(theme.SizeNamePadding) * 2, imageHeight: 320,
	}}
	v.list = widget.NewList(func() int { return len(v.blocks) }, v.createRow, v.updateRow)
	v.list.HideSeparators = true
	// Rows are text to read, not items to pick.
	v.list.OnSelected = func(id widget.ListItemID) { v.list.Unselect(id) }
	v.root = container.New(&widthWatcher{onWidth: v.setWidth}, v.list)
	return v
}

// picture is an image kept offline.
type picture struct {
	res           fyne.Resource
	width, height int
}

// setBlocks shows a new article; rows appear once their heights are known.
func (v *articleView) setBlocks(bs []block) {
	v.blocks = bs
	v.heights = nil
	v.list.Hide()
	v.relayout()
}

// setPictures supplies the article's images once they are read from disk.
func (v *articleView) setPictures(p map[string]picture) {
	v.pictures = p
	v.relayout()
}

// setMetrics changes text size, spacing or reading width and relays out.
func (v *articleView) setMetrics(m rowMetrics, th fyne.Theme) {
	v.metrics = m
	v.theme = th
	v.relayout()
}

func (v *articleView) setWidth(w float32) {
	if w == v.width {
		return
	}
	v.width = w
	v.relayout()
}

// relayout recomputes every row height in the background.
func (v *articleView) relayout() {
	if v.width <= 0 {
		return
	}
	bs, w, m, th := v.blocks, v.width, v.metrics, v.theme
	sizes := map[string][2]int{}
	for src, p := range v.pictures {
		sizes[src] = [2]int{p.width, p.height}
	}
	v.layouts.run(func(ctx context.Context) func() {
		hs, err := blockHeights(ctx, bs, w, m, th, sizes)
		if err != nil {
			return nil
		}
		return func() {
			v.heights = hs
			for i, h := range hs {
				v.list.SetItemHeight(i, h)
			}
			v.list.Refresh()
			v.list.Show()
			if v.onReady != nil {
				v.onReady()
			}
		}
	})
}

// rowVisible reports whether row i is at least partly on screen.
func (v *articleView) rowVisible(i int) bool {
	sep := v.list.Theme().Size(theme.SizeNamePadding)
	var top float32
	for j := 0; j < i && j < len(v.heights); j++ {
		top += v.heights[j] + sep
	}
	off := v.list.GetScrollOffset()
	return top+v.heights[i] > off && top < off+v.list.Size().Height
}

// totalHeight is the height of all rows, for reading progress.
func (v *articleView) totalHeight() float32 {
	var t float32
	for _, h := range v.heights {
		t += h
	}
	return t
}

// progress is how far (0..1) the reader has scrolled.
func (v *articleView) progress() float64 {
	span := v.totalHeight() - v.list.Size().Height
	if span <= 0 {
		return 1
	}
	p := float64(v.list.GetScrollOffset() / span)
	return min(max(p, 0), 1)
}

func (v *articleView) scrollToProgress(p float64) {
	span := v.totalHeight() - v.list.Size().Height
	if span > 0 {
		v.list.ScrollToOffset(float32(p) * span)
	}
}

func (v *articleView) scrollBy(dy float32) {
	v.list.ScrollToOffset(max(v.list.GetScrollOffset()+dy, 0))
}

// scrollToOffset scrolls to the block holding byte offset off of the
// article text and returns its row.
func (v *articleView) scrollToText(off int) int {
	row := -1
	for i, b := range v.blocks {
		if b.start >= 0 && b.start <= off {
			row = i
		}
	}
	if row >= 0 {
		v.list.ScrollTo(row)
	}
	return row
}

func (v *articleView) createRow() fyne.CanvasObject {
	bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	para := widgets.NewParagraph(nil, widgets.DirAuto)
	img := canvas.NewImageFromResource(nil)
	img.FillMode = canvas.ImageFillContain
	return container.New(&rowLayout{v: v}, bar, para, img)
}

func (v *articleView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.blocks) {
		return
	}
	b := v.blocks[i]
	row := o.(*fyne.Container)
	row.Layout.(*rowLayout).kind = b.kind
	row.Layout.(*rowLayout).rtl = b.dir == widgets.DirRTL
	bar, para, img := row.Objects[0], row.Objects[1].(*widgets.Paragraph), row.Objects[2].(*canvas.Image)
	if b.kind == capture.BlockQuote {
		bar.Show()
	} else {
		bar.Hide()
	}
	if b.kind == capture.BlockImage {
		para.Hide()
		var res fyne.Resource = theme.NewDisabledResource(theme.MediaPhotoIcon()) // neutral placeholder: never an error
		if p, ok := v.pictures[b.src]; ok {
			res = p.res
		}
		img.Resource = res
		img.Refresh()
		img.Show()
		row.Refresh()
		return
	}
	img.Hide()
	para.Show()
	para.OnSelectionChanged = func(start, end int) {
		if v.onSelect != nil {
			v.onSelect(i, start, end)
		}
	}
	para.Spans = b.spans
	para.Direction = b.dir
	para.TextSize = v.metrics.textSize * b.scale
	para.LineSpacing = v.metrics.lineSpacing
	para.Refresh()
	row.Refresh()
}

// rowLayout centres the reading column in the row and indents quotes.
type rowLayout struct {
	v    *articleView
	kind capture.BlockKind
	rtl  bool
}

func (l *rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	m := l.v.metrics
	col := m.column(size.Width)
	x := (size.Width - col) / 2
	inset := m.inset(l.kind)
	bar, para, img := objs[0], objs[1], objs[2]
	textW := col - inset
	textX := x + inset
	barX := x + inset/3
	if l.rtl {
		textX = x
		barX = x + col - inset/3 - 3
	}
	bar.Move(fyne.NewPos(barX, m.pad/4))
	bar.Resize(fyne.NewSize(3, max(size.Height-m.pad, 0)))
	para.Move(fyne.NewPos(textX, 0))
	para.Resize(fyne.NewSize(textW, max(size.Height-m.pad, 0)))
	img.Move(fyne.NewPos(x, m.pad))
	img.Resize(fyne.NewSize(col, max(size.Height-2*m.pad, 0)))
}

func (l *rowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, l.v.metrics.textSize*l.v.metrics.lineSpacing)
}

// widthWatcher lays out its one child to fill it and reports width changes,
// which is how the reader learns it must recompute row heights.
type widthWatcher struct{ onWidth func(float32) }

func (w *widthWatcher) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	w.onWidth(size.Width)
}

func (w *widthWatcher) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(100, 100)
}
