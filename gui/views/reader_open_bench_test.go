package views

import (
	"context"
	"path/filepath"
	"testing"

	"annals/gui/fynedo"
	annalstheme "annals/gui/theme"

	"fyne.io/fyne/v2"
)

// BenchmarkOpenToFirstFrame measures what a reader waits for: from
// Reader.Open to the article's rows laid out (OnShown) and drawn once by the
// software painter, in a 900×600 test window, for each sample.
func BenchmarkOpenToFirstFrame(b *testing.B) {
	for _, sample := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		b.Run(sample, func(b *testing.B) {
			a := newTestApp()
			defer a.Quit()
			a.Settings().SetTheme(annalstheme.New())
			lib := emptyLibrary(b)
			res, err := lib.ImportFile(context.Background(), filepath.Join("..", "..", "assets", "samples", sample)).Wait()
			if err != nil {
				b.Fatal(err)
			}
			id := res.IDs[0]
			r, w, shown := showReader(a, lib, fyne.NewSize(900, 600), func(*Reader) {})
			for b.Loop() {
				fynedo.Do(func() {
					r.Clear()
					r.Open(id)
				})
				<-shown
				fynedo.Do(func() { w.Canvas().Capture() })
			}
		})
	}
}
