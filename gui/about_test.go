package gui

import (
	"strings"
	"testing"

	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The About box names the app's licence and the library's file, through
// the bidi label.
func TestAboutNamesTheLicence(t *testing.T) {
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1000, 700))
		m.Window.Show()
		m.showAbout()
		top := m.Window.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("About showed no dialog")
		}
		var text []string
		for _, o := range test.LaidOutObjects(top) {
			if l, ok := o.(*widgets.Label); ok {
				text = append(text, l.Text)
			}
		}
		all := strings.Join(text, "\n")
		for _, want := range []string{"Apache License 2.0", lib.DBPath(), "Ayaspell (MPL 1.1)"} {
			if !strings.Contains(all, want) {
				t.Errorf("About lacks %q:\n%s", want, all)
			}
		}
	})
}
