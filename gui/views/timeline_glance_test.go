package views

import (
	"context"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/i18n"
	annalstheme "annals/gui/theme"
	"annals/gui/widgets"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// samplesLibrary is a library holding the two committed samples: the
// Arabic seed and the English sample.
func samplesLibrary(t *testing.T) *library.Library {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "assets", "samples")
	a := newTestApp()
	t.Cleanup(a.Quit)
	a.Settings().SetTheme(annalstheme.New())
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	for _, f := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		if _, err := lib.ImportFile(context.Background(), filepath.Join(dir, f)).Wait(); err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

// openTimeline shows the timeline view of lib in a window the size of the
// app's first window (1200×780, less the tab strip) and waits for it to load.
func openTimeline(t *testing.T, lib *library.Library) (*Timeline, fyne.Window) {
	t.Helper()
	loaded := make(chan bool, 8)
	var v *Timeline
	var w fyne.Window
	fynedo.Do(func() {
		v = NewTimeline(lib, quiet())
		v.OnLoaded = func() { loaded <- true }
		w = fyne.CurrentApp().NewWindow("timeline")
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1200, 720))
		v.Reload()
	})
	wait(t, loaded, "the timeline")
	t.Cleanup(func() { fynedo.Do(w.Close) })
	return v, w
}

// keyDates are the dates the samples are about.
var keyDates = []string{"2024-11", "2025-01-20", "2025-01-21", "2025-01-23"}

// checkKeyTitlesShown fails unless every event of the key dates shows its
// title on the timeline at the zoom the view opens with, and no two
// titles overlap.
func checkKeyTitlesShown(t *testing.T, v *Timeline) []widgets.DrawnLabel {
	t.Helper()
	var labels []widgets.DrawnLabel
	fynedo.Do(func() { labels = v.Widget.DrawnLabels() })
	byID := map[string]widgets.DrawnLabel{}
	for _, l := range labels {
		byID[l.ID] = l
	}
	keys := map[string]int{}
	for _, ev := range v.events {
		if !slicesContains(keyDates, ev.Date) {
			continue
		}
		keys[ev.Date]++
		l, ok := byID[strconv.FormatInt(ev.GroupID, 10)]
		if !ok {
			t.Errorf("%s %q is drawn without its title", ev.Date, ev.Title)
			continue
		}
		if words := strings.Fields(ev.Title); len(words) > 0 && !strings.HasPrefix(l.Text, words[0]) {
			t.Errorf("%s %q is labelled %q", ev.Date, ev.Title, l.Text)
		}
	}
	for _, d := range keyDates {
		if keys[d] == 0 {
			t.Errorf("the samples hold no event on %s", d)
		}
	}
	for i, a := range labels {
		for _, b := range labels[i+1:] {
			if a.Pos.X < b.Pos.X+b.Size.Width && b.Pos.X < a.Pos.X+a.Size.Width &&
				a.Pos.Y < b.Pos.Y+b.Size.Height && b.Pos.Y < a.Pos.Y+a.Size.Height {
				t.Errorf("titles %q at %v and %q at %v overlap", a.Text, a.Pos, b.Text, b.Pos)
			}
		}
	}
	return labels
}

func slicesContains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// TestTimelineKeyEventsShowTitlesAtDefaultZoom: with the two samples the
// timeline opens on November 2024 – February 2025, and the events of 20,
// 21 and 23 January and November show their titles, not bare dots.
func TestTimelineKeyEventsShowTitlesAtDefaultZoom(t *testing.T) {
	lib := samplesLibrary(t)
	v, _ := openTimeline(t, lib)
	labels := checkKeyTitlesShown(t, v)
	t.Logf("%d titles drawn of %d events", len(labels), len(v.events))
	// the legend names the colours of the types on the axis
	names := strings.Join(v.LegendNames(), "|")
	for _, ev := range v.events {
		if !strings.Contains(names, v.Widget.Locale.TypeName(ev.Type)) {
			t.Errorf("the legend %q does not name %q", names, ev.Type)
		}
	}
}

// TestTimelineArabicRunsRightToLeft: in the Arabic interface the toolbar
// starts from the right and time runs right to left, newest on the left,
// with the key titles still shown.
func TestTimelineArabicRunsRightToLeft(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	lib := samplesLibrary(t)
	v, w := openTimeline(t, lib)
	fynedo.Do(func() {
		if !v.Widget.RightToLeft || !v.RightToLeft.Checked {
			t.Errorf("time runs right to left: %v, switch on: %v", v.Widget.RightToLeft, v.RightToLeft.Checked)
		}
		d := fyne.CurrentApp().Driver()
		x := func(o fyne.CanvasObject) float32 { return d.AbsolutePositionForObject(o).X }
		if !(x(v.Search) > x(v.Type.Content()) && x(v.Type.Content()) > x(v.Group.Content())) {
			t.Errorf("filters at x = %v, %v, %v: want the search box rightmost", x(v.Search), x(v.Type.Content()), x(v.Group.Content()))
		}
		if x(v.RightToLeft) > x(v.Group.Content()) {
			t.Errorf("the tools (x = %v) are right of the filters (x = %v)", x(v.RightToLeft), x(v.Group.Content()))
		}
		// a list row reads from the right: the date first
		row := v.list.CreateItem().(*fyne.Container)
		v.list.UpdateItem(0, row)
		row.Resize(fyne.NewSize(600, row.MinSize().Height))
		title, side := row.Objects[0], row.Objects[1].(*fyne.Container)
		if _, ok := side.Objects[len(side.Objects)-1].(*widget.Label); !ok || side.Position().X < title.Position().X {
			t.Errorf("a list row's date is not at its right: title at x=%v, date and type at x=%v", title.Position().X, side.Position().X)
		}
		if w.Canvas().Size().Width < 1000 {
			t.Errorf("window %v", w.Canvas().Size())
		}
	})
	// an event's details read from the right: Correct… first, names in
	// Arabic first
	fynedo.Do(func() {
		for i, ev := range v.shown {
			if len(ev.Entities) > 2 {
				v.list.Select(i)
				break
			}
		}
		d := fyne.CurrentApp().Driver()
		var correct, notEvent fyne.CanvasObject
		var chips []string
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch o := o.(type) {
			case *widget.Button:
				switch o.Text {
				case i18n.T("Correct…"):
					correct = o
				case i18n.T("Not an event"):
					notEvent = o
				}
			case *widgets.Label:
				if strings.Contains(o.Text, " · ") && !strings.HasPrefix(o.Text, "20") { // not the date line
					chips = append(chips, o.Text)
				}
			case *fyne.Container:
				for _, c := range o.Objects {
					walk(c)
				}
			}
		}
		for _, o := range v.detail.Objects {
			walk(o)
		}
		if correct == nil || notEvent == nil || d.AbsolutePositionForObject(correct).X < d.AbsolutePositionForObject(notEvent).X {
			t.Errorf("the detail's buttons do not start from the right")
		}
		for _, c := range chips {
			if r := []rune(c)[0]; r < 0x600 || r > 0x6ff {
				t.Errorf("chip %q does not start with the Arabic name", c)
			}
		}
		if len(chips) == 0 {
			t.Error("no entity chips with both names")
		}
	})
	// lanes by type are named in Arabic
	fynedo.Do(func() {
		v.Group.Pick(i18n.T(GroupType))
		for _, e := range v.Widget.Events() {
			if r := []rune(e.Lane); len(r) == 0 || r[0] < 0x600 || r[0] > 0x6ff {
				t.Errorf("lane %q is not named in Arabic", e.Lane)
				break
			}
		}
		v.Group.Pick(i18n.T(GroupNone))
	})
	labels := checkKeyTitlesShown(t, v)
	// of the titles drawn, the newest is left of the oldest
	date := map[string]string{}
	for _, ev := range v.events {
		date[strconv.FormatInt(ev.GroupID, 10)] = ev.Date
	}
	var oldest, newest widgets.DrawnLabel
	for _, l := range labels {
		if oldest.ID == "" || date[l.ID] < date[oldest.ID] {
			oldest = l
		}
		if newest.ID == "" || date[l.ID] > date[newest.ID] {
			newest = l
		}
	}
	if date[newest.ID] <= date[oldest.ID] || newest.Pos.X >= oldest.Pos.X {
		t.Errorf("newest title (%s) at x=%v, oldest (%s) at x=%v: want the newest on the left",
			date[newest.ID], newest.Pos.X, date[oldest.ID], oldest.Pos.X)
	}
}

// TestTimelineDetailScrollsToTopAndWraps: choosing another event shows its
// details from the top, and its entity chips and sources fit the panel's
// width however narrow.
func TestTimelineDetailScrollsToTopAndWraps(t *testing.T) {
	lib := samplesLibrary(t)
	v, w := openTimeline(t, lib)
	fynedo.Do(func() {
		w.Resize(fyne.NewSize(700, 720))
		// the event with the most entities: Stargate, 21 January
		most := 0
		for i, ev := range v.shown {
			if len(ev.Entities) > len(v.shown[most].Entities) {
				most = i
			}
		}
		v.list.Select(most)
		if len(v.shown[most].Entities) < 4 {
			t.Fatalf("the richest event has %d entities", len(v.shown[most].Entities))
		}
		v.detailScroll.Refresh() // lays the new content out
		v.detailScroll.ScrollToBottom()
		if v.detailScroll.Offset.Y <= 0 {
			t.Fatalf("the detail panel of %q does not scroll", v.shown[most].Title)
		}
		v.list.Select((most + 1) % len(v.shown))
		if y := v.detailScroll.Offset.Y; y != 0 {
			t.Errorf("another event's details open scrolled by %v", y)
		}
		v.list.Select(most)
		test.TempWidgetRenderer(t, v.detailScroll).Layout(v.detailScroll.Size())
		right := v.detailScroll.Size().Width
		d := fyne.CurrentApp().Driver()
		x0 := d.AbsolutePositionForObject(v.detailScroll).X
		var walk func(o fyne.CanvasObject, depth int)
		walk = func(o fyne.CanvasObject, depth int) {
			if !o.Visible() {
				return
			}
			switch o := o.(type) {
			case *widgets.Label, *widgets.Paragraph, *widget.Button:
				if end := d.AbsolutePositionForObject(o).X + o.Size().Width - x0; end > right+0.5 {
					t.Errorf("%T %v ends at %v, past the panel's %v", o, text(o), end, right)
				}
				if o.Size().Height < o.MinSize().Height-0.5 {
					t.Errorf("%T %v is %v tall, needs %v", o, text(o), o.Size().Height, o.MinSize().Height)
				}
			case *fyne.Container:
				for _, c := range o.Objects {
					walk(c, depth+1)
				}
			case *container.Scroll: // content scrolled sideways is cut too
				walk(o.Content, depth+1)
			}
		}
		for _, o := range v.detail.Objects {
			walk(o, 0)
		}
	})
}

func text(o fyne.CanvasObject) string {
	if l, ok := o.(*widgets.Label); ok {
		return strconv.Quote(l.Text)
	}
	return ""
}
