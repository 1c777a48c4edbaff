package views

import (
	"context"
	"image/color"
	"strings"

	"annals/data/library"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
)

// block is one row of the reader: a heading, a paragraph, a quote, a
// caption, a list item, or an image.
type block struct {
	kind  library.BlockKind
	spans []widgets.Span
	dir   widgets.Direction
	scale float32 // text size relative to the body size
	src   string  // image blocks
	// start is the byte offset in Article.Text where the block's shown text
	// begins (-1 for the title and meta rows); prefix is what the row shows
	// before it that the article text does not have (a list bullet).
	start  int
	prefix string
}

// Sizes relative to the body text.
const (
	titleScale   = 1.6
	headingScale = 1.25
	metaScale    = 0.85
	captionScale = 0.85
)

// articleBlocks turns an article into reader rows: title and meta first,
// then the body. The direction comes from the article (the user can
// override it), so a Latin name at the start of an Arabic paragraph does not
// make it left-to-right.
func articleBlocks(a *library.Article, dir widgets.Direction) []block {
	bs := []block{
		{kind: library.BlockHeading, spans: plain(a.Title, widgets.StyleBold), dir: paragraphDirection(a.Title, dir), scale: titleScale, start: -1},
	}
	if m := metaLine(a); m != "" {
		bs = append(bs, block{kind: "meta", spans: plain(m, widgets.StylePlain), dir: dir, scale: metaScale, start: -1})
	}
	offset := 0
	add := func(b library.Block) {
		text := strings.TrimSpace(b.Text)
		nb := block{kind: b.Kind, dir: dir, scale: 1, src: b.Src, start: offset + strings.Index(b.Text, text)}
		if b.Kind != library.BlockImage {
			offset += len(b.Text) + len("\n\n") // as capture joins Article.Text
		}
		switch b.Kind {
		case library.BlockImage:
			if b.Src == "" {
				return
			}
			bs = append(bs, nb)
			return
		case library.BlockHeading:
			nb.spans, nb.scale = plain(text, widgets.StyleBold), headingScale
		case library.BlockQuote:
			nb.spans = plain(text, widgets.StyleItalic)
		case library.BlockCaption:
			nb.spans, nb.scale = plain(text, widgets.StyleItalic), captionScale
		case library.BlockListItem:
			nb.prefix = "• "
			nb.spans = plain(nb.prefix+text, widgets.StylePlain)
		case library.BlockPre:
			nb.spans, nb.dir = plain(text, widgets.StylePlain), widgets.DirLTR
		default:
			nb.spans = plain(text, widgets.StylePlain)
		}
		if text == "" {
			return
		}
		nb.dir = paragraphDirection(text, nb.dir)
		bs = append(bs, nb)
	}
	if len(a.Blocks) > 0 {
		for _, b := range a.Blocks {
			add(b)
		}
	} else {
		for _, p := range strings.Split(a.Text, "\n\n") {
			add(library.Block{Kind: library.BlockParagraph, Text: p})
		}
	}
	return bs
}

func plain(text string, style widgets.SpanStyle) []widgets.Span {
	return []widgets.Span{{Text: text, Style: style}}
}

// paragraphDirection is the direction of one paragraph of an article
// whose direction is dir. A paragraph takes the article's direction, so a
// Latin name at the start of an Arabic paragraph does not turn it
// left to right, unless it has no letter of that direction at all and
// some of the other: an English paragraph quoted whole in an Arabic
// article reads left to right, with "(160)" at its start and its full
// stop at its end, and an Arabic one in an English article right to left.
// Only paragraphs of both kinds of letters are left to the article's
// direction, and so to the reader's choice of it.
func paragraphDirection(text string, dir widgets.Direction) widgets.Direction {
	if dir == widgets.DirAuto {
		return dir
	}
	// Asked in this order, a paragraph in the article's script answers at
	// its first letter: the reader opens long articles on this path.
	own := dir == widgets.DirRTL
	if widgets.HasStrong(text, own) || !widgets.HasStrong(text, !own) {
		return dir
	}
	if own {
		return widgets.DirLTR
	}
	return widgets.DirRTL
}

// articleDirection is the paragraph direction for an article.
func articleDirection(dir string) widgets.Direction {
	switch dir {
	case "rtl":
		return widgets.DirRTL
	case "ltr":
		return widgets.DirLTR
	}
	return widgets.DirAuto
}

// rowMetrics are the sizes shared by row heights and row layout, so a
// height computed off the UI thread matches what the row then draws.
type rowMetrics struct {
	textSize    float32
	lineSpacing float32
	maxWidth    float32 // reading width; the column is centred
	pad         float32
	imageHeight float32
}

// column is the width text wraps at inside a row of the given width.
func (m rowMetrics) column(rowWidth float32) float32 {
	w := rowWidth - 2*m.pad
	if m.maxWidth > 0 && w > m.maxWidth {
		w = m.maxWidth
	}
	return max(w, 50)
}

func (m rowMetrics) inset(kind library.BlockKind) float32 {
	if kind == library.BlockQuote {
		return 3 * m.pad
	}
	return 0
}

// blockHeights computes every row's height for rows of width w. It runs off
// the UI thread; measure is safe for concurrent use. It stops early when ctx
// is cancelled (the window was resized again).
func blockHeights(ctx context.Context, bs []block, w float32, m rowMetrics, th fyne.Theme, pictures map[string][2]int) ([]float32, error) {
	hs := make([]float32, len(bs))
	col := m.column(w)
	for i, b := range bs {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if b.kind == library.BlockImage {
			hs[i] = imageHeight(pictures[b.src], col, m) + 2*m.pad
			continue
		}
		size := m.textSize * b.scale
		prep := widgets.Prepare(b.spans, b.dir, widgets.NewMeasure(th, size))
		lines := prep.LineCount(col - m.inset(b.kind))
		hs[i] = float32(lines)*size*m.lineSpacing + m.pad
	}
	return hs, nil
}

// markColour is the highlight behind a passage the user jumped to.
func markColour() color.Color { return color.NRGBA{R: 0xf2, G: 0xc9, B: 0x4c, A: 0x66} }

// highlight marks the text [start, end) (byte offsets into the article's
// Text) in the blocks that show it, splitting their spans. Highlights may
// overlap; the later one wins where they do.
func highlight(bs []block, start, end int, c color.Color) {
	for i := range bs {
		b := &bs[i]
		if b.start < 0 || b.kind == library.BlockImage {
			continue
		}
		shown := spansText(b.spans)
		from, to := b.start, b.start+len(shown)-len(b.prefix)
		s, e := max(start, from), min(end, to)
		if s >= e {
			continue
		}
		b.spans = paintSpans(b.spans, s-from+len(b.prefix), e-from+len(b.prefix), c)
	}
}

func spansText(sp []widgets.Span) string {
	var t strings.Builder
	for _, s := range sp {
		t.WriteString(s.Text)
	}
	return t.String()
}

// paintSpans sets the highlight of the bytes [s, e) of the spans' text,
// splitting spans at the edges.
func paintSpans(spans []widgets.Span, s, e int, c color.Color) []widgets.Span {
	var out []widgets.Span
	pos := 0
	for _, sp := range spans {
		a, b := pos, pos+len(sp.Text)
		pos = b
		if b <= s || a >= e {
			out = append(out, sp)
			continue
		}
		cut := func(x, y int, hl color.Color) {
			if x < y {
				piece := sp
				piece.Text = sp.Text[x-a : y-a]
				piece.Highlight = hl
				out = append(out, piece)
			}
		}
		cut(a, max(a, s), sp.Highlight)
		cut(max(a, s), min(b, e), c)
		cut(min(b, e), b, sp.Highlight)
	}
	return out
}

// textOffsets maps a selection in row b (rune offsets into its shown text)
// to byte offsets in the article's Text; ok is false for rows that are not
// article text (title, meta, images).
func textOffsets(b block, rs, re int) (start, end int, ok bool) {
	if b.start < 0 || b.kind == library.BlockImage || rs >= re {
		return 0, 0, false
	}
	shown := []rune(spansText(b.spans))
	rs, re = max(rs, 0), min(re, len(shown))
	bs := len(string(shown[:rs])) - len(b.prefix)
	be := len(string(shown[:re])) - len(b.prefix)
	bs = max(bs, 0)
	if be <= bs {
		return 0, 0, false
	}
	return b.start + bs, b.start + be, true
}

// imageHeight fits a picture of size px (0 when unknown) into the column,
// never enlarging it and never taller than the reader's image height.
func imageHeight(px [2]int, col float32, m rowMetrics) float32 {
	w, h := float32(px[0]), float32(px[1])
	if w <= 0 || h <= 0 {
		return 96 // the placeholder
	}
	if w > col {
		h = h * col / w
	}
	return min(h, m.imageHeight)
}
