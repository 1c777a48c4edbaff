package widgets

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// paragraphRenderer draws the runs of a Paragraph's lines: highlight and
// selection backgrounds, the text (one canvas.Text per stretch of words
// that can be drawn as one, see metrics.stretch), underlines for links and
// mentions. Objects are pooled and reused across layouts.
type paragraphRenderer struct {
	p       *Paragraph
	texts   []*canvas.Text
	inks    []*lineInk // one per line when p.LineImages
	rects   []*canvas.Rectangle
	faces   []int // scratch: the face of each run of a line
	objects []fyne.CanvasObject
}

func newParagraphRenderer(p *Paragraph) *paragraphRenderer {
	r := &paragraphRenderer{p: p}
	r.build(p.Size())
	return r
}

func (r *paragraphRenderer) Destroy() {}

func (r *paragraphRenderer) Layout(size fyne.Size) { r.build(size) }

func (r *paragraphRenderer) MinSize() fyne.Size { return r.p.MinSize() }

func (r *paragraphRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *paragraphRenderer) Refresh() {
	r.build(r.p.Size())
	canvas.Refresh(r.p)
}

// build recreates the object list for the paragraph at size.
func (r *paragraphRenderer) build(size fyne.Size) {
	p := r.p
	if size.Width <= 0 {
		r.objects = r.objects[:0]
		return
	}
	lines, m := p.layout(size.Width)
	selStart, selEnd := p.Selection()
	spans := m.prep.spans

	th := p.drawTheme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fgName := p.ColorName
	if fgName == "" {
		fgName = theme.ColorNameForeground
	}
	fg := th.Color(fgName, v)
	link := th.Color(theme.ColorNameHyperlink, v)
	mention := th.Color(theme.ColorNamePrimary, v)
	selColor := th.Color(theme.ColorNameSelection, v)
	// Fyne's GL painter draws a text's texture into a box whose edges it
	// rounds to pixels from the text's position in its parent, and the
	// texture is as wide as the text rounded: at a fractional position the
	// box can come out a pixel narrower or wider than the texture, which
	// is then resampled and the word looks lighter than its neighbours.
	// At whole pixels the two always match.
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	snap := func(v float32) float32 { return float32(math.Round(float64(v*scale))) / scale }

	var bgs, fgs, lines2 []fyne.CanvasObject
	nt, nr, ni := 0, 0, 0
	var pieces []inkPiece // the line's texts drawn as one image
	rect := func(c color.Color, x, y, w, h float32) *canvas.Rectangle {
		if nr == len(r.rects) {
			r.rects = append(r.rects, canvas.NewRectangle(c))
		}
		o := r.rects[nr]
		nr++
		if o.FillColor != c {
			o.FillColor = c
			o.Refresh()
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
		return o
	}
	for li, ln := range lines {
		top := float32(li) * m.lineHeight
		base := m.baseline(li)
		// A background that starts where the last one of its kind on the
		// line ended, in the same colour, widens that one: two boxes
		// meeting at a fractional x both half-cover that pixel column,
		// and the translucent selection colour showed a darker seam
		// between every two words.
		var hl, sel *canvas.Rectangle
		bg := func(last **canvas.Rectangle, c color.Color, x1, x2 float32) {
			if o := *last; o != nil && o.FillColor == c {
				if end := o.Position().X + o.Size().Width; x1 >= end-0.01 && x1 <= end+0.01 {
					o.Resize(fyne.NewSize(x2-o.Position().X, m.lineHeight))
					return
				}
			}
			*last = rect(c, x1, top, x2-x1, m.lineHeight)
			bgs = append(bgs, *last)
		}
		for i, run := range ln.Runs {
			sp := spans[run.Span]
			if sp.Highlight != nil {
				x := run.X
				if i > 0 && ln.Runs[i-1].Span == run.Span { // the space between
					x = ln.Runs[i-1].X + ln.Runs[i-1].Width
				}
				bg(&hl, sp.Highlight, x, run.X+run.Width)
			}
			if i > 0 && selStart < selEnd && gapSelected(ln.Runs[i-1], run, selStart, selEnd) {
				bg(&sel, selColor, ln.Runs[i-1].X+ln.Runs[i-1].Width, run.X)
			}
			if selStart < selEnd && run.Start < selEnd && run.End > selStart {
				a, b := max(run.Start, selStart), min(run.End, selEnd)
				x1, x2 := run.X, run.X+run.Width
				if a > run.Start || b < run.End {
					la, ra := m.charEdges(run, a)
					lb, rb := m.charEdges(run, b-1)
					x1, x2 = min(la, lb), max(ra, rb)
				}
				bg(&sel, selColor, x1, x2)
			}
			switch {
			case sp.Style&StyleLink != 0:
				lines2 = append(lines2, rect(link, run.X, base+0.12*m.textSize, run.Width, 1))
			case sp.Style&StyleMention != 0:
				lines2 = append(lines2, rect(withAlpha(mention, 0x99), run.X, base+0.38*m.textSize, run.Width, 2))
			}
		}
		// the face of each run, looked up once (stretch compares them)
		r.faces = r.faces[:0]
		for _, run := range ln.Runs {
			style := m.prep.measureStyle(run.Span) & (StyleBold | StyleItalic | styleInRTL)
			face, one := m.ms.singleFace(run.Text, style)
			if !one {
				face = manyFaces
			}
			r.faces = append(r.faces, face)
		}
		for i := 0; i < len(ln.Runs); {
			run := ln.Runs[i]
			sp := spans[run.Span]
			style := m.prep.measureStyle(run.Span) & (StyleBold | StyleItalic | styleInRTL)
			col := fg
			if sp.Style&StyleLink != 0 {
				col = link
			}
			// one canvas.Text per face: see measure.go
			draw := func(text string, face int, x, w float32) {
				if p.LineImages && face != faceNone && !strings.ContainsAny(text, "\t\r") {
					v := m.ms.vertical(style, face)
					pieces = append(pieces, inkPiece{text: text, face: face, style: style, col: col,
						x: snap(x), top: snap(base - v.ascent), w: w, h: v.height})
					return
				}
				if nt == len(r.texts) {
					r.texts = append(r.texts, canvas.NewText("", fg))
				}
				t := r.texts[nt]
				nt++
				src := m.ms.source(style, face)
				textSize := m.ms.sizeOf(style, face)
				if t.Text != text || t.TextSize != textSize || t.TextStyle != textStyle(style) || t.Color != col || t.FontSource != src {
					t.Text, t.TextSize, t.TextStyle, t.Color, t.FontSource = text, textSize, textStyle(style), col, src
					t.Refresh()
				}
				v := m.ms.vertical(style, face)
				t.Move(fyne.NewPos(snap(x), snap(base-v.ascent)))
				t.Resize(fyne.NewSize(w, v.height))
				fgs = append(fgs, t)
			}
			if face := r.faces[i]; face != manyFaces {
				// the words of a stretch of the line as one text: see
				// stretch
				end, text := m.stretch(ln.Runs, r.faces, i, style)
				last := ln.Runs[end-1]
				draw(text, face, run.X, last.X+last.Width-run.X)
				i = end
				continue
			}
			// Pieces in logical order; a right-to-left run lays
			// them out from its right edge.
			x := run.X
			if run.RTL() && !run.Reversed {
				x += run.Width
			}
			m.ms.segments(run.Text, style, func(seg string, face int) {
				w := m.measure(seg, style)
				if run.RTL() && !run.Reversed {
					x -= w
					draw(seg, face, x, w)
					return
				}
				draw(seg, face, x, w)
				x += w
			})
			i++
		}
		if len(pieces) > 0 {
			if ni == len(r.inks) {
				r.inks = append(r.inks, newLineInk())
			}
			ink := r.inks[ni]
			ni++
			ink.set(m.ms, pieces, scale)
			fgs = append(fgs, ink.raster)
			pieces = nil
		}
	}
	r.objects = append(append(append(r.objects[:0], bgs...), fgs...), lines2...)
}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// gapSelected reports whether the space between two neighbouring runs is
// inside the selection [start, end): the selection holds the last character
// of the logically earlier run and the first of the later one.
func gapSelected(a, b Run, start, end int) bool {
	if b.Start < a.Start {
		a, b = b, a
	}
	return a.End <= b.Start && start < a.End && b.Start < end
}
