package widgets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	annalstheme "annals/gui/theme"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// BenchmarkSeedScreenDraw is what the reader does for each paragraph that
// scrolls into view: the renderer builds its objects (the layout at that
// width is cached, the widths measured). One op is the first screen of the
// Arabic seed at 760 px; texts/screen is how many canvas.Text the painter
// then draws, each a texture and a draw call.
func BenchmarkSeedScreenDraw(b *testing.B) {
	test.NewTempApp(b)
	fyne.CurrentApp().Settings().SetTheme(annalstheme.New())
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "samples", "majalla-china-ai.txt"))
	if err != nil {
		b.Fatal(err)
	}
	const width, height = 760, 780
	var paras []*Paragraph
	total := float32(0)
	for _, s := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		p := NewParagraph([]Span{{Text: s}}, DirAuto)
		h := p.HeightForWidth(width)
		p.Resize(fyne.NewSize(width, h))
		paras = append(paras, p)
		if total += h; total >= height {
			break
		}
	}
	texts := 0
	b.ReportAllocs()
	for b.Loop() {
		texts = 0
		for _, p := range paras {
			r := p.CreateRenderer() // builds the objects, as a new row does
			for _, o := range r.Objects() {
				if _, ok := o.(*canvas.Text); ok {
					texts++
				}
			}
		}
	}
	b.ReportMetric(float64(texts), "texts/screen")
}
