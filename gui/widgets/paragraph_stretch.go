package widgets

// Drawing a line's words as few texts as the pixels allow. Every
// canvas.Text costs the GL painter a texture and a draw call of its own;
// with one per word, drawing them was most of the reader's frame time while
// scrolling (issue 19). The layout keeps one Run per word piece, since hit
// testing, selection, highlights and the caret work on those; only what the
// renderer draws is merged.

// stretchTolerance is how far, in pixels, the width of a stretch shaped as
// one text may be from the width of its runs and gaps as laid out: the
// shaper's advances are 1/64 pixel fixed point, so sums of the same advances
// agree to well under this; a kerning pair across a space or a gap that is
// not one measured space (tabs, several spaces, a gap measured in another
// style) is off by far more.
const stretchTolerance = 0.05

// manyFaces stands for the face of a run drawn with several faces, one
// text each: such a run is never part of a stretch.
const manyFaces = -2

// stretch returns the end (exclusive) of the stretch of runs starting at
// runs[i] that are drawn as one text, and that text. style is the one
// runs[i] is drawn with, faces[k] the face runs[k] is drawn with, or
// manyFaces when it needs several (see measurer.singleFace). Runs join a
// stretch when they come one after the other in the text too, with only
// spaces between them, all in the same span (one style, colour, link and
// highlight) at the same bidi level, drawn with the same face, and when the
// text shaped as one is exactly as wide as the runs and gaps laid out, so
// each word lands where it was laid out.
//
// A stretch at a right-to-left level is given to the text engine in logical
// order, as a single word is. The engine resolves directions itself, from a
// left-to-right base: its letters are right-to-left, and so are the spaces
// and punctuation between two of them (rule N1), so it draws the words from
// the right as the layout placed them. Punctuation at either end of a
// stretch would take the engine's left-to-right base instead: Reversed runs
// (neutrals at a right-to-left level, see Run) join a stretch only between
// letters, and a stretch never starts or ends with one; alone they are
// drawn as before, reversed and mirrored by the layout. In practice the
// punctuation that joins is the Arabic face's (، ؛ ؟): « », brackets and
// Latin punctuation are the Latin face's (measurer.faceOf), so they stay
// texts of their own and the engine's mirroring is never relied on.
func (m *metrics) stretch(runs []Run, faces []int, i int, style SpanStyle) (int, string) {
	first := runs[i]
	if first.Reversed {
		return i + 1, first.Text
	}
	j := i + 1
	for j < len(runs) && faces[j] == faces[i] && m.joins(runs[j-1], runs[j], style, faces[i]) {
		j++
	}
	// neutrals only between letters (see above)
	for j > i+1 && runs[j-1].Reversed {
		j--
	}
	if j == i+1 {
		return j, first.Text
	}
	last := runs[j-1]
	start, end := first.Start, last.End
	if first.RTL() {
		start, end = last.Start, first.End
	}
	text := m.prep.Substring(start, end)
	if d := m.measure(text, style) - (last.X + last.Width - first.X); d > stretchTolerance || d < -stretchTolerance {
		return i + 1, first.Text
	}
	return j, text
}

// joins reports whether run b, right of run a on a line, both drawn with
// face, can be drawn in one text with a (see stretch).
func (m *metrics) joins(a, b Run, style SpanStyle, face int) bool {
	if b.Span != a.Span || b.Level != a.Level {
		return false
	}
	// the gap in logical order: none between the letters and the
	// punctuation of one word
	from, to := a.End, b.Start
	if a.RTL() {
		from, to = b.End, a.Start
	}
	if from > to {
		return false
	}
	p := m.prep
	for k := from; k < to; k++ {
		if !isBreakSpace(p.runes[k]) || p.levels[k] != a.Level || int(p.spanOf[k]) != a.Span ||
			m.ms.faceOf(p.runes[k], style, face) != face {
			return false
		}
	}
	d := b.X - (a.X + a.Width) - m.measure(p.Substring(from, to), style)
	return d <= stretchTolerance && d >= -stretchTolerance
}
