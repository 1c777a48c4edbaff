package views

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// showTrumpsPage shows the Entities view of the seeded library in a
// 1000×700 window and picks Donald Trump in its list; the pages shown
// after his arrive on the returned channel.
func showTrumpsPage(t *testing.T) (v *Entities, lib *library.Library, key string, shown chan string) {
	t.Helper()
	lib, _ = seededLibrary(t)
	loaded := make(chan []string, 8)
	shown = make(chan string, 8)
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
	trump := slices.Index(names, "Donald Trump")
	if trump < 0 {
		t.Fatalf("no Donald Trump among %q", names)
	}
	fynedo.Do(func() { v.list.Select(trump) })
	key = wait(t, shown, "Trump's page")
	return v, lib, key, shown
}

func TestEntitiesViewShowsSeedEntitiesAndUndoesARename(t *testing.T) {
	v, lib, key, shown := showTrumpsPage(t)
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

// A spelling the user added is listed on the entity's page with a Remove
// button that takes it back (undoably) and asks for a re-analysis.
func TestEntityPageRemovesTheUsersSpelling(t *testing.T) {
	lib, _ := seededLibrary(t)
	ctx := context.Background()
	const key, spelling = "person:donald-trump", "الرئيس الأميركي"
	if err := lib.AddAlias(ctx, key, spelling); err != nil {
		t.Fatal(err)
	}
	shown := make(chan string, 8)
	reanalyse := make(chan struct{}, 2)
	var v *Entities
	fynedo.Do(func() {
		v = NewEntities(lib, quiet())
		v.OnShown = func(key string) { shown <- key }
		v.OnReanalyse = func() { reanalyse <- struct{}{} }
		w := fyne.CurrentApp().NewWindow("entities")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1000, 700))
		v.Show(key)
	})
	wait(t, shown, "Trump's page")
	var remove *widget.Button
	fynedo.Do(func() {
		for _, o := range v.page.Objects {
			if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
				l, lok := c.Objects[0].(*widgets.Label)
				b, bok := c.Objects[1].(*widget.Button)
				if lok && bok && strings.Contains(l.Text, spelling) {
					remove = b
				}
			}
		}
	})
	if remove == nil {
		t.Fatal("no Remove button beside the user's spelling")
	}
	fynedo.Do(func() { test.Tap(remove) })
	wait(t, shown, "the page after the removal")
	wait(t, reanalyse, "a re-analysis to be asked for")
	if d, err := lib.Entity(ctx, key); err != nil || slices.Contains(d.UserAliases, spelling) {
		t.Fatalf("after Remove: %v, %v", d.UserAliases, err)
	}
	fynedo.Do(func() { v.Undo() })
	wait(t, shown, "the page after undo")
	if d, err := lib.Entity(ctx, key); err != nil || !slices.Contains(d.UserAliases, spelling) {
		t.Errorf("after undo: %v, %v", d.UserAliases, err)
	}
}

// "Often with" names are isolated from their counts: "China · الصين (3)"
// without it drew "China · (3) الصين", the count taken into the Arabic
// name's right-to-left run.
func TestOftenWithKeepsTheCountAfterTheName(t *testing.T) {
	v, _, _, _ := showTrumpsPage(t)
	fynedo.Do(func() {
		bilingual := 0
		for _, o := range test.LaidOutObjects(v.page) {
			l, ok := o.(*widgets.Label)
			if !ok || !strings.HasSuffix(l.Text, ")") || !strings.Contains(l.Text, " · ") {
				continue
			}
			bilingual++
			name, _, _ := strings.Cut(l.Text, " (")
			if !strings.HasPrefix(name, "\u2068") || !strings.HasSuffix(name, "\u2069") {
				t.Errorf("%q: the name is not isolated from its count", l.Text)
			}
		}
		if bilingual == 0 {
			t.Error("no bilingual name under Often with to check")
		}
	})
}

// Each event on an entity's page, in its list as on its small timeline, is
// one tap from the sentence that reports it, as on the Timeline.
func TestEntityPageEventOpensItsSentence(t *testing.T) {
	v, lib, _, _ := showTrumpsPage(t)
	type opened struct {
		article    int64
		start, end int
	}
	got := make(chan opened, 4)
	var want library.EntityEvent
	var row, dot fyne.CanvasObject
	fynedo.Do(func() {
		d := v.Current()
		if len(d.InEvents) == 0 || v.events == nil || len(v.events.box.Objects) == 0 {
			t.Fatalf("Trump's page lists no events (%d)", len(d.InEvents))
		}
		want = d.InEvents[0]
		v.OnOpenSource = func(id int64, start, end int) { got <- opened{id, start, end} }
		row = v.events.box.Objects[0]
		dot = findTimeline(v.root)
	})
	stack, ok := row.(*fyne.Container)
	if !ok || len(stack.Objects) == 0 {
		t.Fatalf("the event row is %T, not a tappable stack", row)
	}
	b, ok := stack.Objects[0].(*widget.Button)
	if !ok {
		t.Fatalf("the event row's first layer is %T, not a button", stack.Objects[0])
	}
	fynedo.Do(func() { test.Tap(b) })
	o := wait(t, got, "the event's sentence opened")
	if o.article != want.ArticleID || o.start != want.Sentence.Start || o.end != want.Sentence.End || o.end <= o.start {
		t.Fatalf("opened %+v, want article %d at %+v", o, want.ArticleID, want.Sentence)
	}
	art, err := lib.Get(context.Background(), o.article)
	if err != nil {
		t.Fatal(err)
	}
	if o.end > len(art.Text) || !strings.Contains(art.Text[o.start:o.end], sentenceWords(want.Title)) {
		t.Errorf("the range %d–%d of the article is not the sentence of %q", o.start, o.end, want.Title)
	}
	if dot == nil {
		t.Fatal("no small timeline on the page")
	}
	fynedo.Do(func() { dot.(*widgets.Timeline).OnSelected(strconv.FormatInt(want.EventID, 10)) })
	if o2 := wait(t, got, "the event opened from the small timeline"); o2 != o {
		t.Errorf("the small timeline opened %+v, the list %+v", o2, o)
	}
}

// findTimeline is the first timeline widget under o.
func findTimeline(o fyne.CanvasObject) fyne.CanvasObject {
	switch x := o.(type) {
	case *widgets.Timeline:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if f := findTimeline(c); f != nil {
				return f
			}
		}
	case fyne.Widget:
		// scroll containers and other widgets hold their content in their renderer
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if f := findTimeline(c); f != nil {
				return f
			}
		}
	}
	return nil
}

// sentenceWords is the first word of a title longer than three bytes: a
// title is made from its sentence, so the sentence holds it.
func sentenceWords(title string) string {
	for _, w := range strings.Fields(title) {
		if len(w) > 3 {
			return strings.Trim(w, "«»\"'.,،")
		}
	}
	return title
}
