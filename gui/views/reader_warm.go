package views

import (
	"sort"

	"annals/data/library"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
)

// Before rows come on screen, the sizes of the texts they will draw are
// measured in the background (widgets.WarmTexts). Fyne's GL painter asks
// each new text's size (canvas.Text.MinSize) before it makes its texture,
// and shapes the text for it with a new HarfBuzz font each time: about a
// quarter of the UI thread's time in a frame that shows a screen of new
// words (the first frame of an opened article, a Page Down). Fyne keeps
// the sizes by content, so measured here they are found there.

// warmBelow measures in the background the texts of the rows from offset
// from to offset to that have not been measured for the current rows.
func (v *articleView) warmBelow(from, to float32) {
	l := v.list
	if len(l.heights) == 0 || len(v.blocks) != len(l.heights) || l.scroll.Size().Width <= 0 {
		return
	}
	if v.warmedGen != l.gen || v.warmed == nil {
		v.warmed, v.warmedGen = map[int]bool{}, l.gen
	}
	first := sort.Search(len(l.heights), func(i int) bool { return l.tops[i]+l.heights[i] > from })
	last := sort.Search(len(l.heights), func(i int) bool { return l.tops[i] >= to })
	var rows []warmRow
	col := v.metrics.column(l.scroll.Size().Width)
	for i := first; i < last; i++ {
		b := v.blocks[i]
		if v.warmed[i] || b.kind == library.BlockImage {
			continue
		}
		v.warmed[i] = true
		rows = append(rows, warmRow{b: b, width: col - v.metrics.inset(b.kind)})
	}
	if len(rows) > 0 {
		go warmRows(rows, v.theme, v.metrics)
	}
}

// warmRow is a row's block and its paragraph's width, as rowLayout gives it.
type warmRow struct {
	b     block
	width float32
}

func warmRows(rows []warmRow, th fyne.Theme, m rowMetrics) {
	for _, r := range rows {
		widgets.WarmTexts(r.b.spans, r.b.dir, th, m.textSize*r.b.scale, m.lineSpacing, r.width)
	}
}

// warmAhead measures the rows the view is headed to (a glide's target) and
// the page after them.
func (v *articleView) warmAhead() {
	h := v.list.viewHeight()
	v.warmBelow(v.list.offset()+h, v.list.target()+2*h)
}

// warmFirstScreen measures the texts of the rows that fill the first
// screen of a newly opened article (heights hs, from the top) at row width
// w, in the calling goroutine: the background layout, before the rows are
// shown.
func warmFirstScreen(bs []block, hs []float32, w, view float32, th fyne.Theme, m rowMetrics) {
	col := m.column(w)
	var rows []warmRow
	var y float32
	for i := 0; i < len(bs) && i < len(hs) && y < view; i++ {
		if bs[i].kind != library.BlockImage {
			rows = append(rows, warmRow{b: bs[i], width: col - m.inset(bs[i].kind)})
		}
		y += hs[i]
	}
	warmRows(rows, th, m)
}
