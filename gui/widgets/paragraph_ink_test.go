package widgets

import (
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
// text drawn by the same renderer with the same face, size, colour and
// place, so the two captures differ only where go-text's rasteriser blends
// onto premultiplied RGBA instead of Fyne's texture (a level or two of a
// pixel's 255, never a glyph moved). It draws one image per line and no
// canvas.Text.
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
					if d > 8 {
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
			t.Logf("%d ink pixels, worst difference %d levels, %d over 8", ink, worst, off)
			if off > 0 {
				t.Errorf("%d of %d ink pixels differ by more than 8 levels (worst %d)", off, ink, worst)
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
