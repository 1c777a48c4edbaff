package views

import (
	"context"
	"testing"

	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
)

func TestEntitiesViewShowsSeedEntitiesAndUndoesARename(t *testing.T) {
	lib, _ := seededLibrary(t)
	loaded := make(chan []string, 8)
	shown := make(chan string, 8)
	var v *Entities
	fynedo.Do(func() {
		v = NewEntities(lib, quiet())
		v.OnLoaded = func() { loaded <- v.Names() }
		v.OnShown = func(key string) { shown <- key }
		w := fyne.CurrentApp().NewWindow("entities")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1000, 700))
		v.Reload()
	})
	names := wait(t, loaded, "the entity list")
	trump := -1
	for i, n := range names {
		if n == "Donald Trump" {
			trump = i
		}
	}
	if trump < 0 {
		t.Fatalf("no Donald Trump among %q", names)
	}
	fynedo.Do(func() { v.list.Select(trump) })
	key := wait(t, shown, "Trump's page")
	fynedo.Do(func() {
		d := v.Current()
		if d.Type != "person" || d.Mentions < 2 || len(d.MentionedIn) != 1 {
			t.Errorf("Trump's page: type %q, %d mentions, %d articles", d.Type, d.Mentions, len(d.MentionedIn))
		}
		v.correct(func(ctx context.Context) error { return lib.RenameEntity(ctx, key, "President Trump", d.NameAr) },
			func(ctx context.Context) error { return lib.RenameEntity(ctx, key, "Donald Trump", d.NameAr) }, key)
	})
	wait(t, shown, "the renamed page")
	fynedo.Do(func() {
		if got := v.Current().Name; got != "President Trump" {
			t.Errorf("after rename: %q", got)
		}
		if !v.CanUndo() {
			t.Error("a rename cannot be undone")
		}
		v.Undo()
	})
	wait(t, shown, "the page after undo")
	fynedo.Do(func() {
		if got := v.Current().Name; got != "Donald Trump" {
			t.Errorf("after undo: %q", got)
		}
	})
}
