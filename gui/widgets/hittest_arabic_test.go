package widgets

import (
	"testing"
)

// Every character of a shaped Arabic paragraph has a drawn extent of its
// own, in order, and a tap in its middle lands on it. Measured alone, the
// first letters of an Arabic word can come out wider than more of them, so
// extents taken from raw prefixes overlapped or ran backwards, and a
// selection or highlight began a letter or two away from where the reader
// dragged («ن كانت» for «إن كانت»).
func TestArabicCharactersHaveOrderedExtents(t *testing.T) {
	newTestApp(t)
	text := "إن كانت هناك تقنية واحدة تحتاجها أميركا لتحقيق حقبة النجاح الوطني، فهي الذكاء الاصطناعي التوليدي سطر رابع"
	p := NewParagraph([]Span{{Text: text}}, DirRTL)
	p.Resize(p.MinSize().Max(p.MinSize()))
	w := float32(2000)
	lines, m := p.layout(w)
	checked := 0
	for li, ln := range lines {
		y := (float32(li) + 0.5) * m.lineHeight
		for _, r := range ln.Runs {
			for off := r.Start; off < r.End; off++ {
				a, b := m.charEdges(r, off)
				if b < a {
					t.Errorf("character %d (%q) is drawn from %.1f to %.1f: backwards", off, []rune(text)[off], a, b)
					continue
				}
				if b-a < 0.5 {
					continue // a zero-width mark has no middle to tap
				}
				got, ok := m.prep.HitTest(lines, m.lineHeight, (a+b)/2, y)
				if !ok || got != off {
					t.Errorf("a tap in the middle of character %d (%q, %.1f–%.1f) lands on %d", off, []rune(text)[off], a, b, got)
				}
				checked++
			}
		}
	}
	if checked < len([]rune(text))/2 {
		t.Fatalf("only %d characters checked", checked)
	}
}
