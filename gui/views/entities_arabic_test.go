package views

import (
	"strings"
	"testing"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestEntityPageInArabic: in the Arabic interface an entity's page reads
// from the right: its small timeline runs right to left with Arabic
// months, its section titles and correction buttons start at the right
// edge, and its counts take the Arabic plural forms.
func TestEntityPageInArabic(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	lib := samplesLibrary(t)
	shown := make(chan string, 8)
	var v *Entities
	fynedo.Do(func() {
		v = NewEntities(lib, quiet())
		v.OnShown = func(key string) { shown <- key }
		w := fyne.CurrentApp().NewWindow("entities")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1200, 720))
		t.Cleanup(w.Close)
		v.Show("person:donald-trump")
	})
	wait(t, shown, "Trump's page")
	fynedo.Do(func() {
		d := fyne.CurrentApp().Driver()
		var mini *widgets.Timeline
		var headings []*widgets.Label
		var rename, notEntity *widget.Button
		var info string
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch o := o.(type) {
			case *widgets.Timeline:
				mini = o
			case *widgets.Label:
				if o.Bold {
					headings = append(headings, o)
				}
				if strings.Contains(o.Text, " · ") && info == "" {
					info = o.Text
				}
			case *widget.Button:
				switch o.Text {
				case i18n.T("Rename…"):
					rename = o
				case i18n.T("Not an entity"):
					notEntity = o
				}
			case *fyne.Container:
				for _, c := range o.Objects {
					walk(c)
				}
			}
		}
		for _, o := range v.page.Objects {
			walk(o)
		}
		if mini == nil {
			t.Fatal("no timeline on the entity's page")
		}
		if !mini.RightToLeft || mini.Locale != widgets.LocaleArabic {
			t.Errorf("the entity's timeline: right to left %v, locale %q", mini.RightToLeft, mini.Locale)
		}
		if n, all := len(mini.DrawnLabels()), len(mini.Events()); n < all {
			t.Errorf("the entity's timeline shows %d titles of %d", n, all)
		}
		if len(headings) < 2 {
			t.Fatalf("%d section titles", len(headings))
		}
		for _, h := range headings {
			if h.Direction != widgets.DirRTL {
				t.Errorf("section title %q is not laid out right to left", h.Text)
			}
		}
		if rename == nil || notEntity == nil {
			t.Fatal("no correction buttons")
		}
		if x := func(o fyne.CanvasObject) float32 { return d.AbsolutePositionForObject(o).X }; x(rename) <= x(notEntity) {
			t.Errorf("Rename at x=%v is left of Not an entity at x=%v", x(rename), x(notEntity))
		}
		// «شخص · 8 إشارات · …»: no count glued to a singular noun
		for _, bad := range []string{"1 مقالة", "2 مقالة", "1 حدث", "2 حدث"} {
			if strings.Contains(info, bad) {
				t.Errorf("counts %q read %q", info, bad)
			}
		}
		if !strings.Contains(info, "إشار") {
			t.Errorf("counts %q", info)
		}
	})
}
