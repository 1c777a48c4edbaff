package views

import (
	"context"
	"image"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// articleView is the virtualised body of the reader: a rowList with one
// block per row. Only the rows on screen have widgets.
//
// Row heights depend on the blocks, the width, the text size and spacing,
// the reader's theme (its face) and the pictures' sizes. Whenever one of
// them changes the heights are recomputed at once, on the UI thread, before
// the next frame: a row drawn with a height computed for other settings
// overlaps its neighbours (paragraphs stacked on each other until the user
// scrolled). The row at the top of the view stays at the top. Only a newly
// opened article of more than syncOpenRows rows, or one too long to lay out
// within a frame, is laid out in the background (the new article hidden
// until then; a long one opened at its top shows at once with its first
// screens laid out here, showTopFirst; the long one exact on screen at once
// and exact everywhere when the background pass ends).
type articleView struct {
	list    *rowList
	root    *fyne.Container
	blocks  []block
	heights []float32
	metrics rowMetrics
	theme   fyne.Theme

	// onReady is called on the UI thread once rows have their heights;
	// opened is true when they are a newly opened article's first heights.
	onReady func(opened bool)
	// onSelect reports a text selection in row i (rune offsets into the
	// row's text; start == end when the selection was cleared).
	onSelect func(row, start, end int)
	// onKey gets the keys typed while a row's paragraph has the focus.
	onKey func(*fyne.KeyEvent)
	// pictures are the article's images kept offline, by src, with their
	// pixel sizes for row heights; a src without one shows a placeholder.
	pictures map[string]picture

	width   float32
	height  float32 // the view's, as its last layout gave it
	layouts loader
	// opening is true from setBlocks(…, true) until the article's first
	// heights are in place.
	opening bool
	// fromTop is set by the reader before it opens an article it will show
	// from its first row (no passage to go to, no reading position to
	// restore): a long one is then shown once its first screens are laid
	// out (showTopFirst).
	fromTop bool
	// exactPending is true while an article shown top first waits for its
	// first frame before its exact heights are computed (exactAfterPaint);
	// painted is a transparent pixel over the view whose generator the
	// painter calls while it draws the frame after its Refresh.
	exactPending bool
	painted      *canvas.Raster
}

// syncRows is the most rows laid out on the UI thread in full; longer
// articles get their visible rows at once and the rest in the background.
// About 40 µs a paragraph (BenchmarkFirstLayout1000): 400 rows is ~16 ms.
const syncRows = 400

// syncOpenRows is the most rows of a newly opened article laid out on the
// UI thread at once (the seed's 20 take under 1 ms); longer ones are laid
// out in the background.
var syncOpenRows = 60

func newArticleView(th fyne.Theme) *articleView {
	v := &articleView{theme: th, metrics: rowMetrics{
		textSize: th.Size(theme.SizeNameText) * 1.15, lineSpacing: widgets.DefaultLineSpacing,
		maxWidth: 760, pad: th.Size(theme.SizeNamePadding) * 2, imageHeight: 320,
	}}
	v.list = newRowList(th.Size(theme.SizeNamePadding), v.createRow, v.updateRow)
	// Drawn after the rows (last), so its generator runs once their
	// textures are made.
	pixel := image.NewRGBA(image.Rect(0, 0, 1, 1))
	v.painted = canvas.NewRaster(func(int, int) image.Image {
		if v.exactPending {
			v.startExact()
		}
		return pixel
	})
	v.painted.Resize(fyne.NewSize(1, 1))
	v.root = container.New(&widthWatcher{onSize: v.setSize}, v.list.scroll, v.painted)
	return v
}

// picture is an image kept offline.
type picture struct {
	res           fyne.Resource
	width, height int
}

// setBlocks shows new rows. A newly opened article (opened) is laid out in
// the background and hidden until then; new rows of the same article (a
// highlight, another direction) are laid out at once, in place.
func (v *articleView) setBlocks(bs []block, opened bool) {
	v.blocks = bs
	v.exactPending = false // another article, or rows laid out below
	if opened || v.opening || len(v.heights) != len(bs) {
		v.opening = true
		// No rows until the new article's heights are known. The scroll
		// stays visible: hidden, the GL driver did not draw the rows placed
		// in it once shown again until the user scrolled.
		v.heights = nil
		v.list.setHeights(nil)
		if opened {
			v.layoutOpening()
			return
		}
		v.relayoutLater(true)
		return
	}
	v.relayout(true)
}

// layoutOpening lays out the newly opened article (v.opening) the fastest
// way for its length; onReady(true) reports it shown. Without a width yet
// (the first article opened puts the view in the window: its width comes
// with the window's next layout) setSize calls it again. Before, that
// first open waited for every row's height in the background: the cold
// open of the 1,000-paragraph article spent ~95 ms there before its first
// line showed (tools/uitiming).
func (v *articleView) layoutOpening() {
	if v.width <= 0 {
		v.layouts.cancel() // an older article's heights must not land
		return
	}
	bs := v.blocks
	if v.fromTop && len(bs) > syncRows {
		v.showTopFirst()
		return
	}
	if len(bs) <= syncOpenRows {
		// A short article is laid out here, in a few ms: its text shows
		// in the next frame, not after a trip through the background
		// and back, which waited behind whole frames on a busy machine
		// (tools/uitiming).
		v.layouts.cancel()
		hs, _ := blockHeights(context.Background(), bs, v.width, v.metrics, v.theme, v.pictureSizes())
		v.opening = false
		v.applyHeights(hs, rowAnchor{})
		if v.onReady != nil {
			v.onReady(true)
		}
		return
	}
	v.relayoutLater(true)
}

// showTopFirst shows a long, newly opened article with the rows of its
// first screens laid out, here on the UI thread (a dozen rows, ~5 ms the
// first time, their words never measured before), the other rows with the
// mean of those until the background pass brings every exact height
// (exactAfterPaint), keeping the top row in place. Measured with
// tools/uitiming: a 1,000-paragraph article waited for all 1,000 heights
// (~40 ms of CPU, far more on a busy machine) before its first line
// showed; with its first screens laid out in the background it waited for
// two more trips between threads, each a wait for a core on a busy
// machine, and a frame of the empty page between them (cold open median
// 85 → 68 ms at a load of 9, UI-thread CPU ~+4 ms).
func (v *articleView) showTopFirst() {
	if v.width <= 0 {
		return
	}
	v.layouts.cancel() // an older pass must not land on these rows
	bs, w, m, th, sizes := v.blocks, v.width, v.metrics, v.theme, v.pictureSizes()
	want := 2 * v.viewHeight()
	if want <= 0 {
		want = 2000 // not laid out yet: a tall window's worth
	}
	hs := make([]float32, len(bs))
	var sum float32
	n := 0
	for n < len(bs) && sum < want {
		one, _ := blockHeights(context.Background(), bs[n:n+1], w, m, th, sizes)
		hs[n] = one[0]
		sum += one[0]
		n++
	}
	for i := n; i < len(hs); i++ {
		hs[i] = sum / float32(n)
	}
	v.opening = false
	v.applyHeights(hs, rowAnchor{})
	if v.onReady != nil {
		v.onReady(true)
	}
	v.exactAfterPaint()
}

// viewHeight is the height of the view: as its last layout gave it (called
// from setSize, the list in it still has its old size), else the list's.
func (v *articleView) viewHeight() float32 {
	if v.height > 0 {
		return v.height
	}
	return v.list.viewHeight()
}

// exactLaterMax is how long the exact heights of an article shown top
// first wait for its first frame at most (a window not drawn: minimised).
const exactLaterMax = 300 * time.Millisecond

// exactAfterPaint starts the background pass that brings every row's exact
// height once the frame showing the article's first screens is painted.
// Started with it, the pass took a core from that frame: on the 2-core
// machine under load, the cold open's frame came ~100 ms later
// (tools/uitiming).
func (v *articleView) exactAfterPaint() {
	v.exactPending = true
	v.painted.Refresh()
	time.AfterFunc(exactLaterMax, func() { fynedo.Do(v.startExact) })
}

// startExact starts the pass exactAfterPaint waits with, if it still
// waits: a relayout meanwhile started one itself.
func (v *articleView) startExact() {
	if v.exactPending {
		v.relayoutLater(false)
	}
}

// busy reports whether rows still wait for their heights.
func (v *articleView) busy() bool { return v.exactPending || v.layouts.busy() }

// setPictures supplies the article's images once they are read from disk.
func (v *articleView) setPictures(p map[string]picture) {
	v.pictures = p
	v.relayout(true)
}

// setMetrics changes text size, spacing, reading width or face and relays
// out.
func (v *articleView) setMetrics(m rowMetrics, th fyne.Theme) {
	v.metrics = m
	v.theme = th
	v.list.gen++ // every row is filled again, with the new theme
	v.relayout(false)
}

func (v *articleView) setSize(size fyne.Size) {
	v.height = size.Height
	if size.Width == v.width {
		return
	}
	v.width = size.Width
	v.relayout(false)
}

func (v *articleView) pictureSizes() map[string][2]int {
	sizes := map[string][2]int{}
	for src, p := range v.pictures {
		sizes[src] = [2]int{p.width, p.height}
	}
	return sizes
}

// relayout recomputes row heights for the current blocks, width, metrics,
// theme and pictures before the next frame, keeping the top row in place.
// changed says the rows' content changed (not only their layout): onReady
// then reports it.
func (v *articleView) relayout(changed bool) {
	if v.opening {
		v.layoutOpening()
		return
	}
	if v.heights == nil {
		v.relayoutLater(changed)
		return
	}
	if v.width <= 0 {
		return
	}
	at := v.topRow()
	bs, w, m, th, sizes := v.blocks, v.width, v.metrics, v.theme, v.pictureSizes()
	if len(bs) <= syncRows {
		v.layouts.cancel() // a background pass for older settings must not land
		hs, _ := blockHeights(context.Background(), bs, w, m, th, sizes)
		v.applyHeights(hs, at)
		if changed && v.onReady != nil {
			v.onReady(false)
		}
		return
	}
	// A long article: exact heights from the top row down one screen and a
	// half now, the others scaled from their old heights until the
	// background pass brings them.
	old := v.heights
	hs := make([]float32, len(bs))
	exact := make([]bool, len(bs))
	var oldSum, newSum, shown float32
	for i := at.row; i < len(bs) && shown < v.viewHeight()*1.5; i++ {
		one, _ := blockHeights(context.Background(), bs[i:i+1], w, m, th, sizes)
		hs[i], exact[i] = one[0], true
		oldSum += old[i]
		newSum += one[0]
		shown += one[0]
	}
	scale := float32(1)
	if oldSum > 0 {
		scale = newSum / oldSum
	}
	for i := range hs {
		if !exact[i] {
			hs[i] = old[i] * scale
		}
	}
	v.applyHeights(hs, at)
	v.relayoutLater(changed)
}

// relayoutLater computes every row height in the background and applies
// them keeping the top row in place (or, for a newly opened article, shows
// it).
func (v *articleView) relayoutLater(changed bool) {
	v.exactPending = false
	if v.width <= 0 {
		return
	}
	bs, w, m, th, sizes := v.blocks, v.width, v.metrics, v.theme, v.pictureSizes()
	v.layouts.run(func(ctx context.Context) func() {
		hs, err := blockHeights(ctx, bs, w, m, th, sizes)
		if err != nil {
			return nil
		}
		return func() {
			opened := v.opening
			at := v.topRow()
			if opened {
				at = rowAnchor{}
			}
			v.opening = false
			v.applyHeights(hs, at)
			if (opened || changed) && v.onReady != nil {
				v.onReady(opened)
			}
		}
	})
}

// rowAnchor is a place in the article: a row and how far into it (0..1)
// the top of the view is.
type rowAnchor struct {
	row  int
	into float32
	ok   bool
}

// topRow is the row at the top of the view, to keep there across a
// relayout.
func (v *articleView) topRow() rowAnchor {
	if len(v.heights) == 0 || len(v.heights) != len(v.blocks) {
		return rowAnchor{}
	}
	// A glide in flight is finished first: the row to keep is the one the
	// reader is headed to.
	v.list.settle()
	sep := v.list.gap
	off := v.list.offset()
	var top float32
	for i, h := range v.heights {
		if off < top+h+sep || i == len(v.heights)-1 {
			into := float32(0)
			if h > 0 {
				into = min(max((off-top)/h, 0), 1)
			}
			return rowAnchor{row: i, into: into, ok: true}
		}
		top += h + sep
	}
	return rowAnchor{}
}

// rowTop is the offset of row i's top edge.
func (v *articleView) rowTop(i int) float32 {
	if i < len(v.list.tops) {
		return v.list.tops[i]
	}
	return 0
}

// applyHeights gives the list its row heights and lays the visible rows
// out with them now, then scrolls so that the anchor row is where it was.
func (v *articleView) applyHeights(hs []float32, at rowAnchor) {
	v.heights = hs
	v.list.setHeights(hs)
	if at.ok && at.row < len(hs) {
		v.list.show(v.rowTop(at.row) + at.into*hs[at.row])
	} else {
		v.list.show(0)
	}
}

// rowVisible reports whether row i is at least partly on screen.
func (v *articleView) rowVisible(i int) bool {
	top := v.rowTop(i)
	off := v.list.offset()
	return top+v.heights[i] > off && top < off+v.list.viewHeight()
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
	span := v.totalHeight() - v.list.viewHeight()
	if span <= 0 {
		return 1
	}
	p := float64(v.list.target() / span) // where a glide is headed
	return min(max(p, 0), 1)
}

func (v *articleView) scrollToProgress(p float64) {
	span := v.totalHeight() - v.list.viewHeight()
	if span > 0 {
		v.list.scrollTo(float32(p) * span)
	}
}

// scrollBy scrolls by dy at once, from where a glide was headed.
func (v *articleView) scrollBy(dy float32) {
	v.list.settle()
	v.list.scrollTo(v.list.offset() + dy)
}

// glideBy scrolls by dy in a glide (reader_glide.go) and reports whether
// the view will move.
func (v *articleView) glideBy(dy float32) bool { return v.list.glideBy(dy) }

// scrollToText scrolls the block holding byte offset off of the article
// text to the top of the view and returns its row.
func (v *articleView) scrollToText(off int) int {
	row := -1
	for i, b := range v.blocks {
		if b.start >= 0 && b.start <= off {
			row = i
		}
	}
	if row >= 0 && row < len(v.heights) {
		v.list.scrollTo(v.rowTop(row))
	}
	return row
}

func (v *articleView) createRow() fyne.CanvasObject {
	bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	para := widgets.NewParagraph(nil, widgets.DirAuto)
	para.UseTheme = v.theme
	para.LineImages = true // the cold open's first frame: see widgets.Paragraph
	img := canvas.NewImageFromResource(nil)
	img.FillMode = canvas.ImageFillContain
	return container.New(&rowLayout{v: v}, bar, para, img)
}

func (v *articleView) updateRow(i int, o fyne.CanvasObject) {
	if i >= len(v.blocks) {
		return
	}
	b := v.blocks[i]
	row := o.(*fyne.Container)

	row.Layout.(*rowLayout).kind = b.kind
	row.Layout.(*rowLayout).rtl = b.dir == widgets.DirRTL
	bar, para, img := row.Objects[0], row.Objects[1].(*widgets.Paragraph), row.Objects[2].(*canvas.Image)
	// Lay the row out now for its size and the current metrics: a row
	// whose size did not change is not laid out again by Fyne.
	defer v.fitRow(i, row)
	if b.kind == library.BlockQuote {
		bar.Show()
	} else {
		bar.Hide()
	}
	if b.kind == library.BlockImage {
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
	para.OnTypedKey = v.onKey
	para.UseTheme = v.theme
	if !sameSpans(para.Spans, b.spans) {
		// another block, or this one drawn again with a new highlight: a
		// selection made in the old text would paint over the new one
		para.ClearSelection()
	}
	para.Spans = b.spans
	para.Direction = b.dir
	para.TextSize = v.metrics.textSize * b.scale
	para.LineSpacing = v.metrics.lineSpacing
	para.Refresh()
	row.Refresh()
}

// sameSpans reports whether a and b are the same slice (the same block's
// spans shown again), not merely equal text.
func sameSpans(a, b []widgets.Span) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func (v *articleView) fitRow(i int, row *fyne.Container) {
	if i >= len(v.heights) || v.list.scroll.Size().Width <= 0 {
		return
	}
	size := fyne.NewSize(v.list.scroll.Size().Width, v.heights[i])
	if row.Size() != size {
		row.Resize(size)
		return
	}
	row.Layout.Layout(row.Objects, size) // metrics may have changed
}

// rowLayout centres the reading column in the row and indents quotes.
type rowLayout struct {
	v    *articleView
	kind library.BlockKind
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

// widthWatcher lays out its one child to fill it and reports its size,
// which is how the reader learns it must recompute row heights (the width
// changed): before the child is resized, so the rows are placed once, with
// heights for the new width.
type widthWatcher struct{ onSize func(fyne.Size) }

func (w *widthWatcher) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w.onSize(size)
	// Only the first: the others (articleView.painted) keep their size.
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
}

func (w *widthWatcher) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(100, 100)
}
