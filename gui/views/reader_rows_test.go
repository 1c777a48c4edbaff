package views

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"annals/gui/fynedo"
	annalstheme "annals/gui/theme"
	"annals/gui/widgets"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// The reader's rows draw with the reader's face (Naskh when chosen)
// without a theme override per row: each one emptied Fyne's text-size and
// icon caches when a row was made and again when it was first drawn, so
// opening an article shaped every word in the window again.
func TestRowsDrawWithTheReadersFaceWithoutOverrides(t *testing.T) {
	seed := testenv.SeedHTML(t)
	a := newTestApp()
	t.Cleanup(a.Quit)
	a.Settings().SetTheme(annalstheme.New())
	a.Preferences().SetBool(prefSerif, true) // Naskh chosen before the article opens
	lib := emptyLibrary(t)
	res, err := lib.ImportFile(context.Background(), seed).Wait()
	if err != nil {
		t.Fatal(err)
	}
	r, _, shown := showReader(a, lib, fyne.NewSize(900, 600), func(r *Reader) { r.Open(res.IDs[0]) })
	wait(t, shown, "the article")
	// arabicSources is the faces the shown rows draw their Arabic words
	// with; it fails the test on a row wrapped in a theme override.
	arabicSources := func() map[fyne.Resource]int {
		got := map[fyne.Resource]int{}
		fynedo.Do(func() {
			if len(r.view.list.content.Objects) == 0 {
				t.Fatal("no rows shown")
			}
			for _, o := range r.view.list.content.Objects {
				if _, ok := o.(*container.ThemeOverride); ok {
					t.Fatal("a row is wrapped in a theme override")
				}
				row, ok := o.(*fyne.Container)
				if !ok {
					t.Fatalf("row is a %T", o)
				}
				para := row.Objects[1].(*widgets.Paragraph)
				if !para.Visible() {
					continue
				}
				test.WidgetRenderer(para) // drawn
				for _, txt := range para.DrawnTexts() {
					if strings.IndexFunc(txt.Text, func(c rune) bool { return unicode.Is(unicode.Arabic, c) }) >= 0 {
						got[txt.Source]++
					}
				}
			}
		})
		return got
	}
	face := func(serif, bold bool) fyne.Resource {
		return annalstheme.TextFaces(annalstheme.Reader(serif), fyne.TextStyle{Bold: bold}).Arabic
	}
	sans, naskh := face(false, false), face(true, false)
	if sans == nil || naskh == nil || sans == naskh {
		t.Fatalf("the reader's Arabic faces: Sans %v, Naskh %v", sans, naskh)
	}
	got := arabicSources()
	if got[naskh] == 0 || got[sans] > 0 || got[face(false, true)] > 0 {
		t.Fatalf("Arabic words drawn with %v, want the Naskh faces (%s)", got, naskh.Name())
	}
	// Nor is the article's column in one: its walk would empty Fyne's
	// text sizes while the first article opens.
	fynedo.Do(func() {
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch o := o.(type) {
			case *container.ThemeOverride:
				t.Error("the reader holds a theme override")
			case *fyne.Container:
				for _, c := range o.Objects {
					walk(c)
				}
			case fyne.Widget:
				for _, c := range test.WidgetRenderer(o).Objects() {
					walk(c)
				}
			}
		}
		walk(r.Content())
	})
	// Rows made later (scrolled into view) draw with the reader's face
	// too.
	fynedo.Do(func() { r.view.list.scrollTo(r.view.list.total) })
	got = arabicSources()
	if got[naskh] == 0 || got[sans] > 0 || got[face(false, true)] > 0 {
		t.Fatalf("at the end, Arabic words drawn with %v, want the Naskh faces (%s)", got, naskh.Name())
	}
	fynedo.Do(func() {
		r.settings.serif = false
		r.applySettings()
		r.view.list.scrollTo(0)
	})
	got = arabicSources()
	if got[sans] == 0 || got[naskh] > 0 || got[face(true, true)] > 0 {
		t.Errorf("after choosing Sans, Arabic words drawn with %v, want the Sans faces (%s)", got, sans.Name())
	}
}
