package views

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
	logtest "github.com/sirupsen/logrus/hooks/test"
)

// showLibrary shows a library view of lib in a test window of the given
// size, then calls start on the UI thread (Reload, or typing a search);
// each list the view loads is sent on the channel it returns.
func showLibrary(t *testing.T, a fyne.App, lib *library.Library, size fyne.Size, start func(v *Library)) (*Library, fyne.Window, chan []string) {
	t.Helper()
	loaded := make(chan []string, 8)
	var v *Library
	var w fyne.Window
	fynedo.Do(func() {
		v = NewLibrary(lib, quiet())
		v.OnLoaded = func() { loaded <- v.Rows() }
		w = a.NewWindow("library")
		w.SetContent(v.Content())
		w.Resize(size)
		w.Show()
		start(v)
	})
	return v, w, loaded
}

// sampleLibrary is a temporary library holding the committed samples (the
// Arabic article from al-Majalla and the English one), with their ids by
// file name.
func sampleLibrary(t *testing.T) (*library.Library, map[string]int64) {
	t.Helper()
	lib := emptyLibrary(t)
	names := []string{"majalla-china-ai.html", "annals-sample-en.html"}
	var pages []library.Page
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("..", "..", "assets", "samples", n))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, library.Page{URL: "https://example.invalid/samples/" + n, HTML: data})
	}
	res, err := lib.AddPages(context.Background(), pages...).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.IDs) != len(names) {
		t.Fatalf("saved %d of %d samples", len(res.IDs), len(names))
	}
	ids := map[string]int64{}
	for i, n := range names {
		ids[n] = res.IDs[i]
	}
	return lib, ids
}

// spanLabels are the SpanLabels shown in o whose text contains want.
func spanLabels(o fyne.CanvasObject, want string) []*widgets.SpanLabel {
	var out []*widgets.SpanLabel
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widgets.SpanLabel); ok && l.Visible() && strings.Contains(l.Text(), want) {
			out = append(out, l)
		}
	}
	return out
}

// An Arabic search snippet reads right to left: the words before the match
// are drawn to its right, the words after it to its left, and the line
// ends at the right edge. (widget.RichText drew "after | match | before"
// from the left.)
func TestArabicSnippetReadsRightToLeft(t *testing.T) {
	a := newTestApp()
	lib, _ := sampleLibrary(t)
	_, w, loaded := showLibrary(t, a, lib, fyne.NewSize(420, 600), func(v *Library) {
		v.Search.SetText("ترمب")
	})
	for rows := []string{}; len(rows) == 0; {
		rows = wait(t, loaded, "the search results")
	}
	var snip *widgets.SpanLabel
	deadline := time.Now().Add(10 * time.Second)
	for snip == nil {
		fynedo.Do(func() {
			if s := spanLabels(w.Content(), "ترمب"); len(s) > 0 {
				snip = s[0]
			}
		})
		if time.Now().After(deadline) {
			t.Fatal("no snippet showing «ترمب» in the list")
		}
		time.Sleep(20 * time.Millisecond)
	}
	fynedo.Do(func() {
		lines := snip.Lines()
		if len(lines) == 0 || len(lines[0].Runs) < 3 {
			t.Fatalf("snippet %q laid out as %+v", snip.Text(), lines)
		}
		spans := snip.Spans
		first := lines[0]
		// The match, and a plain word logically before and after it on the line.
		var match, before, after *widgets.Run
		for i := range first.Runs {
			r := &first.Runs[i]
			switch {
			case spans[r.Span].Style&widgets.StyleBold != 0 && match == nil:
				match = r
			}
		}
		if match == nil {
			t.Fatalf("no bold match on the first line of %q", snip.Text())
		}
		for i := range first.Runs {
			r := &first.Runs[i]
			if spans[r.Span].Style&widgets.StyleBold != 0 || strings.Trim(r.Text, "…،. ") == "" {
				continue
			}
			if r.End <= match.Start && (before == nil || r.Start > before.Start) {
				before = r
			}
			if r.Start >= match.End && (after == nil || r.Start < after.Start) {
				after = r
			}
		}
		if before == nil || after == nil {
			t.Fatalf("the match %q is not between words in %q", match.Text, snip.Text())
		}
		if !(before.X > match.X && match.X > after.X) {
			t.Errorf("order on screen: before %q at %.0f, match %q at %.0f, after %q at %.0f; want before right of the match, after left of it",
				before.Text, before.X, match.Text, match.X, after.Text, after.X)
		}
		right := first.Runs[len(first.Runs)-1]
		pad := 2 * theme.Size(theme.SizeNameInnerPadding)
		if inner := snip.Size().Width - pad; right.X+right.Width < inner-2 {
			t.Errorf("line ends at %.0f of %.0f: not right-aligned", right.X+right.Width, inner)
		}
	})
}

// A long snippet starts at a whole word, a few words before the match, and
// says with "…" that text was left out.
func TestSnippetSpansCutAtAWord(t *testing.T) {
	text := "بدأت القصة قبل أسابيع حين أعلنت الشركة الصينية عن نموذج جديد رخيص جدا، وقالت إن ترمب لم يعلق بعد على الأمر كله."
	at := strings.Index(text, "ترمب")
	spans := snippetSpans(text, []library.Range{{Start: at, End: at + len("ترمب")}}, color.Black)
	var all strings.Builder
	bold := ""
	for _, s := range spans {
		all.WriteString(s.Text)
		if s.Style&widgets.StyleBold != 0 {
			bold += s.Text
		}
	}
	got := all.String()
	if bold != "ترمب" {
		t.Errorf("bold text %q, want the match", bold)
	}
	rest, ok := strings.CutPrefix(got, "…")
	if !ok {
		t.Fatalf("%q does not start with …", got)
	}
	if !strings.Contains(text, " "+rest) {
		t.Errorf("%q does not start at a word of the text", got)
	}
	if lead := len([]rune(strings.Split(rest, "ترمب")[0])); lead > snippetLead+15 || lead < 10 {
		t.Errorf("%d characters before the match, want about %d", lead, snippetLead)
	}
	short := "قال ترمب"
	if s := snippetSpans(short, []library.Range{{Start: 7, End: 7 + len("ترمب")}}, color.Black); s[0].Text != "قال " {
		t.Errorf("a short snippet was cut: %q", s[0].Text)
	}
}

// The list's selection follows the article the reader shows, whichever way
// it was opened, across reloads; choosing a row reports it once.
func TestSelectionFollowsTheOpenArticle(t *testing.T) {
	a := newTestApp()
	lib, ids := sampleLibrary(t)
	var picked []int64
	v, _, loaded := showLibrary(t, a, lib, fyne.NewSize(420, 600), func(v *Library) {
		v.OnSelected = func(id int64) { picked = append(picked, id) }
		v.Reload()
	})
	wait(t, loaded, "the list")
	ar := ids["majalla-china-ai.html"]
	fynedo.Do(func() {
		v.SetCurrent(ar) // opened from the timeline, say
		if v.Selected() != ar {
			t.Errorf("selected %d, want the open article %d", v.Selected(), ar)
		}
		if len(picked) != 0 {
			t.Errorf("following the reader reported a choice: %v", picked)
		}
	})
	fynedo.Do(func() { v.Reload() })
	wait(t, loaded, "the list again")
	fynedo.Do(func() {
		if v.Selected() != ar {
			t.Errorf("after a reload selected %d, want %d", v.Selected(), ar)
		}
	})
	// The reader leaves the Arabic article half read and opens the other:
	// the list reads itself again and shows the progress.
	if err := lib.SetReadProgress(context.Background(), ar, 0.5); err != nil {
		t.Fatal(err)
	}
	fynedo.Do(func() { v.SetCurrent(ids["annals-sample-en.html"]) })
	wait(t, loaded, "the list after switching articles")
	fynedo.Do(func() {
		for _, r := range v.rows {
			if r.id == ar && !strings.Contains(r.meta, "50% read") {
				t.Errorf("the article left half read shows %q", r.meta)
			}
		}
		if v.Selected() != ids["annals-sample-en.html"] {
			t.Errorf("selected %d after switching", v.Selected())
		}
		v.SetCurrent(0)
		if v.Selected() != 0 {
			t.Errorf("nothing open, yet %d selected", v.Selected())
		}
	})
}

// A favourite shows a star before its title, and reading progress shows in
// the details line.
func TestRowShowsFavouriteAndProgress(t *testing.T) {
	r := summaryRow(library.Summary{ID: 1, Title: "Story", Favourite: true, ReadProgress: 0.42, ReadingMinutes: 6})
	if !r.fav {
		t.Error("favourite not carried to the row")
	}
	if !strings.Contains(r.meta, "42% read") {
		t.Errorf("meta %q does not show the progress", r.meta)
	}
	if r := summaryRow(library.Summary{ReadProgress: 1}); !strings.Contains(r.meta, "read to the end") || strings.Contains(r.meta, "%") {
		t.Errorf("finished article meta %q", r.meta)
	}
	if r := summaryRow(library.Summary{ReadingMinutes: 3}); strings.Contains(r.meta, "read") {
		t.Errorf("unread article meta %q", r.meta)
	}

	a := newTestApp()
	lib, ids := sampleLibrary(t)
	if err := lib.Favourite(context.Background(), ids["annals-sample-en.html"], true); err != nil {
		t.Fatal(err)
	}
	_, w, loaded := showLibrary(t, a, lib, fyne.NewSize(420, 600), (*Library).Reload)
	wait(t, loaded, "the list")
	fynedo.Do(func() {
		stars := 0
		for _, c := range test.LaidOutObjects(w.Content()) {
			if l, ok := c.(*widgets.Label); ok && strings.HasPrefix(l.Text, "★ ") {
				stars++
			}
		}
		if stars != 1 {
			t.Errorf("%d rows show a star, want the one favourite", stars)
		}
	})
}

// The shelf picker mirrors in Arabic (its arrow on the left, the shelf's
// name right-aligned) and picking a shelf from its list shows that shelf.
func TestShelfPickerMirrorsAndPicks(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	a := newTestApp()
	lib, ids := sampleLibrary(t)
	if err := lib.Favourite(context.Background(), ids["majalla-china-ai.html"], true); err != nil {
		t.Fatal(err)
	}
	v, w, loaded := showLibrary(t, a, lib, fyne.NewSize(420, 600), (*Library).Reload)
	if rows := wait(t, loaded, "the list"); len(rows) != 2 {
		t.Fatalf("reading list %q", rows)
	}
	fynedo.Do(func() {
		var arrow *widget.Icon
		for _, c := range test.LaidOutObjects(v.Shelf.Content()) {
			if ic, ok := c.(*widget.Icon); ok {
				arrow = ic
			}
		}
		abs := func(o fyne.CanvasObject) float32 { return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X }
		if arrow == nil || abs(arrow) > abs(v.Shelf.label)+v.Shelf.label.Size().Width/2 {
			t.Error("the picker's arrow is not on the left in Arabic")
		}
		if v.Shelf.label.Direction != widgets.DirRTL || v.Shelf.label.Text != "قائمة القراءة" {
			t.Errorf("picker shows %q (direction %v)", v.Shelf.label.Text, v.Shelf.label.Direction)
		}
		v.Shelf.open()
		over := w.Canvas().Overlays().Top()
		var fav fyne.Tappable
		for _, c := range test.LaidOutObjects(over) {
			if st, ok := c.(*fyne.Container); ok && len(st.Objects) == 2 {
				if l, ok := st.Objects[1].(*widgets.Label); ok && l.Text == i18n.T(ShelfFavourites) {
					fav = st.Objects[0].(fyne.Tappable)
				}
			}
		}
		if fav == nil {
			t.Fatal("no Favourites in the picker's list")
		}
		test.Tap(fav)
	})
	if rows := wait(t, loaded, "the favourites"); len(rows) != 1 || !strings.Contains(rows[0], "بكين") {
		t.Errorf("favourites shelf %q", rows)
	}
}

// Quick changes reload the list several times in a row (a favourite and a
// tag at once); each newer load cancels the one before, which is not a
// failure: nothing reaches the log as an error.
func TestQuickReloadsLogNoError(t *testing.T) {
	a := newTestApp()
	lib, _ := sampleLibrary(t)
	v, _, loaded := showLibrary(t, a, lib, fyne.NewSize(420, 600), (*Library).Reload)
	wait(t, loaded, "the list")
	hook := logtest.NewLocal(v.log)
	fynedo.Do(func() {
		for range 5 {
			v.Reload()
		}
	})
	wait(t, loaded, "the list again")
	for _, e := range hook.AllEntries() {
		if e.Level <= log.ErrorLevel {
			t.Errorf("logged %q: %v", e.Message, e.Data)
		}
	}
}
