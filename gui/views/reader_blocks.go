package views

import (
	"context"
	"image/color"
	"strings"

	"annals/data/capture"
	"annals/data/library"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
)

// block is one row of the reader: a heading, a paragraph, a quote, a
// caption, a list item, or an image.
type block struct {
	kind  capture.BlockKind
	spans []widgets.Span
	dir   widgets.Direction
	scale float32 // text size relative to the body size
	src   string  // image blocks
	start int     // byte offset of the block in Article.Text (-1 for title/meta)
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
		{kind: capture.BlockHeading, spans: plain(a.Title, widgets.StyleBold), dir: dir, scale: titleScale, start: -1},
	}
	if m := metaLine(a); m != "" {
		bs = append(bs, block{kind: "meta", spans: plain(m, widgets.StylePlain), dir: dir, scale: metaScale, start: -1})
	}
	offset := 0
	add := func(b capture.Block) {
		text := strings.TrimSpace(b.Text)
		nb := block{kind: b.Kind, dir: dir, scale: 1, src: b.Src, start: offset}
		if b.Kind != capture.BlockImage {
			offset += len(b.Text) + len("\n\n") // as capture joins Article.Text
		}
		switch b.Kind {
		case capture.BlockImage:
			if b.Src == "" {
				return
			}
			bs = append(bs, nb)
			return
		case capture.BlockHeading:
			nb.spans, nb.scale = plain(text, widgets.StyleBold), headingScale
		case capture.BlockQuote:
			nb.spans = plain(text, widgets.StyleItalic)
		case capture.BlockCaption:
			nb.spans, nb.scale = plain(text, widgets.StyleItalic), captionScale
		case capture.BlockListItem:
			nb.spans = plain("• "+text, widgets.StylePlain)
		case capture.BlockPre:
			nb.spans, nb.dir = plain(text, widgets.StylePlain), widgets.DirLTR
		default:
			nb.spans = plain(text, widgets.StylePlain)
		}
		if text == "" {
			return
		}
		bs = append(bs, nb)
	}
	if len(a.Blocks) > 0 {
		for _, b := range a.Blocks {
			add(b)
		}
	} else {
		for _, p := range strings.Split(a.Text, "\n\n") {
			add(capture.Block{Kind: capture.BlockParagraph, Text: p})
		}
	}
	return bs
}

func plain(text string, style widgets.SpanStyle) []widgets.Span {
	return []widgets.Span{{Text: text, Style: style}}
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

func (m rowMetrics) inset(kind capture.BlockKind) float32 {
	if kind == capture.BlockQuote {
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
		if b.kind == capture.BlockImage {
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

// highlight marks the text [start, end) (byte offsets into text, the
// article's Text) in the blocks that hold it, splitting their spans.
func highlight(bs []block, text string, start, end int, c color.Color) {
	for i := range bs {
		b := &bs[i]
		if b.start < 0 || b.kind == capture.BlockImage || len(b.spans) != 1 {
			continue
		}
		bt := b.spans[0].Text
		// The block's text sits at b.start in the article; list items carry
		// a bullet the article text does not have.
		prefix := ""
		if b.kind == capture.BlockListItem {
			prefix = "• "
		}
		body := strings.TrimPrefix(bt, prefix)
		lead := 0
		if b.start+len(body) <= len(text) {
			if k := strings.Index(text[b.start:min(len(text), b.start+len(body)+8)], body); k >= 0 {
				lead = k
			}
		}
		from, to := b.start+lead, b.start+lead+len(body)
		s, e := max(start, from), min(end, to)
		if s >= e {
			continue
		}
		s, e = s-from+len(prefix), e-from+len(prefix)
		st := b.spans[0]
		var out []widgets.Span
		if s > 0 {
			out = append(out, widgets.Span{Text: bt[:s], Style: st.Style})
		}
		out = append(out, widgets.Span{Text: bt[s:e], Style: st.Style, Highlight: c})
		if e < len(bt) {
			out = append(out, widgets.Span{Text: bt[e:], Style: st.Style})
		}
		b.spans = out
	}
}

// imageHeight fits a picture of size px (0 when unknown) into the column,
// never enlarging it and never taller than the reader's image height.
func imageHeight(px [2]int, col float32, m rowMetrics) float32 {
	w, h := float32(px[0]), float32(px[1])
	if w <= 0 || h <= 0 {
		return m.imageHeight / 2 // the placeholder
	}
	if w > col {
		h = h * col / w
	}
	return min(h, m.imageHeight)
}
