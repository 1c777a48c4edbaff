package views

import (
	"context"
	"testing"

	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
)

// waitEntitiesIdle waits until every page load and correction of v has
// shown its result.
func waitEntitiesIdle(t *testing.T, v *Entities) {
	t.Helper()
	waitUntilIdle(t, "the entities view", func() bool { return v.pages.busy() || v.changes.busy() || v.loads.busy() })
}

// TestQuickCorrectionsAllLand: a rename and a change of type made in one
// breath both land, in order, and two quick Ctrl+Z take both back.
func TestQuickCorrectionsAllLand(t *testing.T) {
	lib, _ := seededLibrary(t)
	ctx := context.Background()
	const key = "person:donald-trump"
	before, err := lib.Entity(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	var v *Entities
	fynedo.Do(func() {
		v = NewEntities(lib, quiet())
		v.OnError = func(title string, err error) { t.Errorf("%s: %v", title, err) }
		w := fyne.CurrentApp().NewWindow("entities")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1000, 700))
		v.Show(key)
	})
	waitEntitiesIdle(t, v)
	fynedo.Do(func() {
		v.correct(func(ctx context.Context) error { return lib.RenameEntity(ctx, key, "President Trump", before.NameAr) },
			func(ctx context.Context) error { return lib.RenameEntity(ctx, key, before.Name, before.NameAr) }, key)
		v.correct(func(ctx context.Context) error { return lib.SetEntityType(ctx, key, "organisation") },
			func(ctx context.Context) error { return lib.SetEntityType(ctx, key, before.Type) }, key)
	})
	waitEntitiesIdle(t, v)
	d, err := lib.Entity(ctx, key)
	if err != nil || d.Name != "President Trump" || d.Type != "organisation" {
		t.Fatalf("after two quick corrections: %q, %q, %v; want both", d.Name, d.Type, err)
	}
	fynedo.Do(func() {
		if c := v.Current(); c == nil || c.Name != "President Trump" || c.Type != "organisation" {
			t.Errorf("the page shows %+v", c)
		}
		v.Undo()
		v.Undo()
	})
	waitEntitiesIdle(t, v)
	d, err = lib.Entity(ctx, key)
	if err != nil || d.Name != before.Name || d.Type != before.Type {
		t.Errorf("after two quick undos: %q, %q, %v; want %q, %q", d.Name, d.Type, err, before.Name, before.Type)
	}
	fynedo.Do(func() {
		if v.CanUndo() {
			t.Error("something is left to undo")
		}
	})
}
