package views

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	annalstheme "annals/gui/theme"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
)

// seededLibrary is a library holding the analysed seed article.
func seededLibrary(t *testing.T) (*library.Library, int64) {
	t.Helper()
	seed := testenv.SeedHTML(t)
	a := newTestApp()
	t.Cleanup(a.Quit)
	a.Settings().SetTheme(annalstheme.New())
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	res, err := lib.ImportFile(context.Background(), seed).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return lib, res.IDs[0]
}

func TestTimelineViewListsSeedEventsAndOpensTheirSentence(t *testing.T) {
	lib, id := seededLibrary(t)
	loaded := make(chan []string, 4)
	type opened struct {
		id         int64
		start, end int
	}
	open := make(chan opened, 1)
	var v *Timeline
	fynedo.Do(func() {
		v = NewTimeline(lib, quiet())
		v.OnLoaded = func() { loaded <- v.Shown() }
		v.OnOpenSource = func(a int64, s, e int) { open <- opened{a, s, e} }
		w := fyne.CurrentApp().NewWindow("timeline")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1000, 700))
		v.Reload()
	})
	shown := strings.Join(wait(t, loaded, "the timeline"), "\n")
	for _, date := range []string{"2024-11", "2025-01-20", "2025-01-21", "2025-01-23"} {
		if !strings.Contains(shown, date+" ") {
			t.Errorf("timeline lacks an event on %s:\n%s", date, shown)
		}
	}
	fynedo.Do(func() {
		for i, ev := range v.shown {
			if ev.Date == "2025-01-23" {
				v.list.Select(i)
				break
			}
		}
		if v.Widget.Selected() == "" {
			t.Error("choosing an event in the list did not select it on the timeline")
		}
		v.OpenFirstSource()
	})
	o := wait(t, open, "the source to open")
	a, err := lib.Get(context.Background(), o.id)
	if err != nil || o.id != id {
		t.Fatalf("opened article %d (%v), want %d", o.id, err, id)
	}
	sentence := a.Text[o.start:o.end]
	if !strings.Contains(sentence, "23") {
		t.Errorf("the source sentence %q does not mention the 23rd", sentence)
	}

	// Filtering by text narrows the list and the axis.
	fynedo.Do(func() { v.Search.SetText("QwQ") })
	fynedo.Do(func() {
		if len(v.shown) == 0 || len(v.shown) >= len(v.events) {
			t.Errorf("filter QwQ shows %d of %d events", len(v.shown), len(v.events))
		}
	})
}

func TestTimelineViewNarrowsToOneArticle(t *testing.T) {
	lib, id := seededLibrary(t)
	loaded := make(chan int, 4)
	var v *Timeline
	fynedo.Do(func() {
		v = NewTimeline(lib, quiet())
		v.OnLoaded = func() { loaded <- len(v.Shown()) }
		v.Reload()
	})
	all := wait(t, loaded, "the timeline")
	fynedo.Do(func() { v.ShowArticle(id+1000, "another") })
	if n := wait(t, loaded, "an article's events"); n != 0 {
		t.Errorf("an article with no events shows %d events", n)
	}
	fynedo.Do(func() { v.ShowArticle(id, "seed") })
	if n := wait(t, loaded, "the seed's events"); n != all || n == 0 {
		t.Errorf("the seed's own events: %d, want all %d", n, all)
	}
}

// TestTimelineViewOverviewThenPeriod: a library with more events than the
// view loads at once is drawn from the overview's counts, which add up to
// every event; zooming in on a period loads that period's events.
func TestTimelineViewOverviewThenPeriod(t *testing.T) {
	defer func(n int) { timelineLimit = n }(timelineLimit)
	timelineLimit = 2
	lib, _ := seededLibrary(t)
	all, err := lib.Timeline(context.Background(), library.TimelineFilter{})
	if err != nil || len(all) <= timelineLimit {
		t.Fatalf("the seed has %d events (%v), want more than %d", len(all), err, timelineLimit)
	}
	loaded := make(chan []string, 8)
	var v *Timeline
	fynedo.Do(func() {
		v = NewTimeline(lib, quiet())
		v.OnLoaded = func() { loaded <- v.Shown() }
		w := fyne.CurrentApp().NewWindow("timeline")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1000, 700))
		v.Reload()
	})
	if shown := wait(t, loaded, "the overview"); len(shown) != 0 {
		t.Errorf("listed %q before zooming in", shown)
	}
	fynedo.Do(func() {
		n := 0
		for _, e := range v.Widget.Events() {
			if e.Count == 0 {
				t.Errorf("event %q drawn before zooming in", e.Title)
			}
			n += e.Count
		}
		if n != len(all) {
			t.Errorf("the overview counts %d events, the library has %d", n, len(all))
		}
		if !strings.Contains(v.status.Text, "zoom in") {
			t.Errorf("status %q does not say to zoom in", v.status.Text)
		}
		// the 23rd alone: its events fit
		v.Widget.SetVisibleRange(time.Date(2025, 1, 22, 12, 0, 0, 0, time.UTC), time.Date(2025, 1, 23, 23, 0, 0, 0, time.UTC))
	})
	shown := wait(t, loaded, "the period's events")
	if len(shown) == 0 || len(shown) > timelineLimit {
		t.Fatalf("zoomed in, the list shows %q", shown)
	}
	for _, s := range shown {
		if !strings.HasPrefix(s, "2025-01-2") {
			t.Errorf("zoomed on 22–23 January, the list shows %q", s)
		}
	}
	fynedo.Do(func() {
		n, counted := 0, 0
		for _, e := range v.Widget.Events() {
			if e.Count == 0 {
				n++
			}
			counted += e.Count
		}
		if n != len(shown) || n+counted != len(all) {
			t.Errorf("%d events drawn (list %d) and %d counted, want %d in all", n, len(shown), counted, len(all))
		}
		if !strings.Contains(v.status.Text, fmt.Sprintf("of %d", len(all))) {
			t.Errorf("status %q", v.status.Text)
		}
		// Lanes by type: an item is in the lane of each of its types,
		// loaded or counted, as the overview per type counts it.
		byType, err := lib.TimelineOverviewByType(context.Background(), library.TimelineFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for _, b := range byType {
			want[v.Widget.Locale.TypeName(b.Type)] += b.Groups
		}
		v.Group.Pick(GroupType)
		got := map[string]int{}
		for _, e := range v.Widget.Events() {
			got[e.Lane] += max(e.Count, 1)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("lanes by type count %v, the overview %v", got, want)
		}
	})
}

func TestTimelineViewCorrectsAndRemovesEvents(t *testing.T) {
	lib, _ := seededLibrary(t)
	loaded := make(chan []string, 8)
	var v *Timeline
	fynedo.Do(func() {
		v = NewTimeline(lib, quiet())
		v.OnLoaded = func() { loaded <- v.Shown() }
		v.OnEditEvent = func(cur library.EventEdit, _ []string, done func(library.EventEdit)) {
			cur.Date, cur.Precision, cur.Title = "2025-01-22", "day", "Stargate announced"
			done(cur)
		}
		v.Reload()
	})
	before := wait(t, loaded, "the timeline")
	var target library.TimelineEvent
	fynedo.Do(func() {
		for _, ev := range v.shown {
			if ev.Date == "2025-01-21" {
				target = ev
			}
		}
		if target.GroupID == 0 {
			t.Fatalf("no 21 January event in %q", before)
		}
		v.correct(target)
	})
	after := strings.Join(wait(t, loaded, "the corrected timeline"), "\n")
	if !strings.Contains(after, "2025-01-22 Stargate announced") || strings.Contains(after, "2025-01-21 ") {
		t.Errorf("after the correction:\n%s", after)
	}
	fynedo.Do(func() {
		for _, ev := range v.shown {
			if ev.Date == "2025-01-22" {
				v.deleteEvent(ev)
			}
		}
	})
	if got := wait(t, loaded, "the timeline without it"); len(got) != len(before)-1 {
		t.Errorf("%d events after removing one of %d", len(got), len(before))
	}
}
