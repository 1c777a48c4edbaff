package widgets

import (
	"flag"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	annalstheme "annals/gui/theme"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// Golden images of body text as the reader draws it, with Annals' theme
// and fonts, through Fyne's software painter (the same glyph rendering as
// the GL painter's textures). They were checked by eye: one weight per
// style, digits on the Latin baseline, Arabic right to left with «» and
// () pointing outwards, Latin names and numbers in place. Regenerate with
// go test -run Golden -update, and look at them before committing.
func TestTypefaceGolden(t *testing.T) {
	for _, tc := range []struct {
		file  string
		naskh bool
		dir   Direction
		spans []Span
	}{
		{"typeface_english.png", false, DirAuto, []Span{{Text: "On January 20, 2025, Donald Trump was sworn in as the 47th president of the United States. The same day, the Chinese start-up DeepSeek released R1, a reasoning model it said had cost a fraction of what American laboratories spend; Nvidia fell 17% − about $600 billion – on January 27. "}, {Text: "Markets took notice.", Style: StyleBold}, {Text: " “Cheap models…”", Style: StyleItalic}}},
		{"typeface_arabic.png", false, DirAuto, goldenArabic()},
		{"typeface_arabic_naskh.png", true, DirAuto, goldenArabic()},
		{"typeface_english_naskh.png", true, DirAuto, []Span{{Text: "On January 20, 2025, Donald Trump was sworn in as the 47th president; Naskh changes only Arabic."}}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			newAnnalsApp(t)
			p := NewParagraph(tc.spans, tc.dir)
			p.TextSize = 16
			w := test.NewTempWindow(t, container.NewThemeOverride(p, annalstheme.Reader(tc.naskh)))
			w.SetPadded(false)
			w.Resize(fyne.NewSize(520, p.HeightForWidth(520)))
			assertGolden(t, tc.file, w.Canvas().Capture())
		})
	}
}

func goldenArabic() []Span {
	return []Span{
		{Text: "أعلنت الشركة مشروع «ستارغيت» مع "},
		{Text: "OpenAI", Style: StyleBold},
		{Text: "، وأطلقت «علي بابا» نموذج (QwQ) في نوفمبر 2024، أي قبل ٣ أشهر؛ هل هو الأرخص؟ نعم، بنسبة ٤٠٪ تقريبًا."},
	}
}

// assertGolden compares img with testdata/name pixel for pixel: the
// software painter is deterministic on one machine and Go version, and a
// tolerance would let a one-pixel baseline shift through.
func assertGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	got := image.NewNRGBA(img.Bounds())
	draw.Draw(got, got.Bounds(), img, img.Bounds().Min, draw.Src)
	if *update {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, got); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	defer f.Close()
	wantImg, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	want := image.NewNRGBA(wantImg.Bounds())
	draw.Draw(want, want.Bounds(), wantImg, wantImg.Bounds().Min, draw.Src)
	if !got.Bounds().Eq(want.Bounds()) {
		t.Fatalf("%s: size %v, golden %v", name, got.Bounds(), want.Bounds())
	}
	diff := 0
	for i := range got.Pix {
		if got.Pix[i] != want.Pix[i] {
			diff++
		}
	}
	if diff > 0 {
		out := filepath.Join(t.TempDir(), name)
		if f, err := os.Create(out); err == nil {
			_ = png.Encode(f, got)
			f.Close()
		}
		t.Errorf("%s: %d bytes differ from the golden image; this run's image is %s", name, diff, out)
	}
}
