package widgets

import (
	"container/list"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	annalstheme "annals/gui/theme"
)

// paragraphPixels draws spans in a 520-wide window of the reader's theme
// (Naskh or not), as lines of canvas.Texts or as line images.
func paragraphPixels(t *testing.T, spans []Span, naskh, images bool) (*image.NRGBA, *Paragraph) {
	t.Helper()
	p := NewParagraph(spans, DirAuto)
	p.TextSize = 16
	p.LineImages = images
	w := test.NewTempWindow(t, container.NewThemeOverride(p, annalstheme.Reader(naskh)))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(520, p.HeightForWidth(520)))
	img := w.Canvas().Capture()
	out := image.NewNRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out, p
}

// A paragraph drawn as line images shows what its canvas.Texts show: each
// text shaped the same way and drawn with the same face, size, colour and
// place, each glyph within an eighth of a pixel of where Fyne's painter
// puts it (glyph masks are kept per quarter pixel, drawGlyphs), so the two
// captures differ only in the shading of glyphs' edges: at most ~40 levels
// of 255 seen, where a glyph half a pixel off differs by over 100. It
// draws one image per line and no canvas.Text.
func TestLineImagesDrawWhatTextsDraw(t *testing.T) {
	for _, tc := range []struct {
		name  string
		naskh bool
		spans []Span
	}{
		{"english", false, []Span{{Text: englishWithNumbers + " "}, {Text: "Markets took notice.", Style: StyleBold}, {Text: " “Cheap models…”", Style: StyleItalic}, {Text: " a link", Style: StyleLink, Link: "https://example.com"}}},
		{"arabic", false, goldenArabic()},
		{"arabic-naskh", true, goldenArabic()},
		{"mixed", false, []Span{{Text: arabicMixed + " As the Cairo daily put it, «الذكاء الاصطناعي ليس سباقا» — in 2025."}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			newAnnalsApp(t)
			texts, _ := paragraphPixels(t, tc.spans, tc.naskh, false)
			images, p := paragraphPixels(t, tc.spans, tc.naskh, true)
			if texts.Bounds() != images.Bounds() {
				t.Fatalf("sizes differ: %v and %v", texts.Bounds(), images.Bounds())
			}
			var rasters, nTexts int
			for _, o := range test.TempWidgetRenderer(t, p).Objects() {
				switch o.(type) {
				case *canvas.Raster:
					rasters++
				case *canvas.Text:
					nTexts++
				}
			}
			ls, _ := p.layout(p.Size().Width)
			lines := len(ls)
			if rasters != lines || nTexts != 0 {
				t.Errorf("%d rasters and %d texts for %d lines, want one raster a line and no text", rasters, nTexts, lines)
			}
			ink, worst, off := 0, 0, 0
			for i := 0; i < len(texts.Pix); i += 4 {
				if texts.Pix[i+3] != images.Pix[i+3] || texts.Pix[i] != images.Pix[i] {
					d := max(absDiff(texts.Pix[i], images.Pix[i]), absDiff(texts.Pix[i+1], images.Pix[i+1]), absDiff(texts.Pix[i+2], images.Pix[i+2]))
					worst = max(worst, d)
					if d > 64 {
						off++
					}
				}
				if texts.Pix[i] != texts.Pix[0] {
					ink++
				}
			}
			if ink < 1000 {
				t.Fatalf("only %d pixels of ink drawn", ink)
			}
			t.Logf("%d ink pixels, worst difference %d levels, %d over 64", ink, worst, off)
			if off > 0 {
				t.Errorf("%d of %d ink pixels differ by more than 64 levels (worst %d)", off, ink, worst)
				saveFailure(t, tc.name, texts, images)
			}
		})
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// saveFailure keeps both captures for a look.
func saveFailure(t *testing.T, name string, a, b *image.NRGBA) {
	for i, img := range []*image.NRGBA{a, b} {
		path := fmt.Sprintf("/tmp/coldopen/ink-%s-%d.png", name, i)
		if err := writePNG(path, img); err == nil {
			t.Logf("capture %d: %s", i, path)
		}
	}
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}

// BenchmarkLineImagesCold draws the line images of a screen of mixed
// Arabic and English text (16 px, 760 wide) with nothing kept from before:
// what the first frame of a newly opened article pays (issue 19).
// glyphs-kept keeps the glyph masks between runs (a later article).
func BenchmarkLineImagesCold(b *testing.B) {
	test.NewTempApp(b)
	fyne.CurrentApp().Settings().SetTheme(annalstheme.New())
	var spans []Span
	for i := range 6 {
		spans = append(spans, Span{Text: fmt.Sprintf("(%d) %s %s ", i, arabicMixed, englishWithNumbers)})
	}
	p := NewParagraph(spans, DirAuto)
	p.TextSize = 18
	p.LineImages = true
	w := test.NewTempWindow(b, p)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(760, p.HeightForWidth(760)))
	var rasters []*canvas.Raster
	for _, o := range test.WidgetRenderer(p).Objects() {
		if r, ok := o.(*canvas.Raster); ok {
			rasters = append(rasters, r)
		}
	}
	for _, keepGlyphs := range []bool{false, true} {
		name := "nothing-kept"
		if keepGlyphs {
			name = "glyphs-kept"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				inks.mu.Lock()
				inks.items, inks.bytes = map[string]*list.Element{}, 0
				inks.order.Init()
				inks.mu.Unlock()
				if !keepGlyphs {
					theShaper.Lock()
					glyphMasks.m = map[glyphKey]*glyphMask{}
					theShaper.Unlock()
				}
				for _, r := range rasters {
					s := r.Size()
					r.Generator(int(s.Width), int(s.Height))
				}
			}
			b.ReportMetric(float64(len(rasters)), "lines")
		})
	}
}

// The line metrics a text is placed with are the ones Fyne measures for a
// canvas.Text of that face, size and style, and reading those of one face
// parses no other (the emoji face, ~10 MB, stays unread until a character
// needs it).
func TestVerticalMetricsAreFynesAndLazy(t *testing.T) {
	newAnnalsApp(t)
	th := annalstheme.Reader(true)
	m := newMeasurer(th, 17.3) // a size no other test uses: a fresh measurer
	if m.faces[0][faceEmoji] == nil || m.faces[0][faceEmoji].f != nil {
		t.Fatal("the emoji face is missing or parsed before the test")
	}
	_ = m.vertical(styleInRTL, faceArabic)
	_ = m.vertical(0, faceLatin)
	if m.faces[0][faceEmoji].f != nil {
		t.Error("reading the Latin and Arabic faces' metrics parsed the emoji face")
	}
	d := fyne.CurrentApp().Driver()
	for _, st := range []SpanStyle{0, StyleBold, StyleItalic, styleInRTL, StyleBold | styleInRTL} {
		for face := range numFaces {
			res := m.source(st, face)
			if res == nil {
				continue
			}
			got := m.vertical(st, face)
			sz, base := d.RenderedTextSize(" ", m.sizeOf(st, face), textStyle(st&(StyleBold|StyleItalic)), res)
			if got.ascent != base || got.height != sz.Height {
				t.Errorf("style %d face %d: ascent %v height %v, Fyne measures %v and %v", st, face, got.ascent, got.height, base, sz.Height)
			}
		}
	}
}
