package widgets

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"annals/gui/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestTimelineBubbleHoverListsTitles: hovering a count bubble lists the
// first titles it holds, in time order, and how many more.
func TestTimelineBubbleHoverListsTitles(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, timelineTestTheme{test.NewTheme()})
	names := []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"}
	var evs []TimelineEvent
	for i, n := range names {
		s, e, p, _ := SpanOf(day(2025, 3, 1+i).Format("2006-01-02"))
		evs = append(evs, TimelineEvent{ID: n, Start: s, End: e, Precision: p, Title: n, Type: "market"})
	}
	tl := NewTimeline(evs)
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(700, 300))
	tl.SetVisibleRange(day(2015, 1, 1), day(2035, 1, 1))
	pos, it := itemAt(t, tl, "Alpha")
	if !it.Cluster() || it.Count() != len(names) {
		t.Fatalf("at 20 years the events are in %d items, not one bubble", it.Count())
	}
	before := drawn(t, tl)
	if strings.Contains(before, "Alpha") {
		t.Fatalf("a title is drawn before hovering: %q", before)
	}
	test.MoveMouse(w.Canvas(), pos)
	got := drawn(t, tl)
	for _, want := range append(names[:5:5], "8 events", "+3 more") {
		if !strings.Contains(got, want) {
			t.Errorf("the bubble's tooltip lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "Foxtrot") {
		t.Errorf("the tooltip lists more than five titles: %q", got)
	}
	if i, j := strings.Index(got, "Alpha"), strings.Index(got, "Echo"); i > j {
		t.Errorf("titles out of time order: %q", got)
	}
}

// drawn is the text of every canvas.Text the timeline draws, in order.
func drawn(t *testing.T, tl *Timeline) string {
	var b strings.Builder
	for _, tx := range texts(t, tl) {
		b.WriteString(tx.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// TestLayoutLabelsUseFreeRows: one lane with room for eight rows and nine
// events on nine days in a row, each title too long to fit between them:
// eight titles get a row of their own, and the ninth, which fits nowhere,
// costs no other its label (it used to turn them all into bare dots).
func TestLayoutLabelsUseFreeRows(t *testing.T) {
	var evs []TimelineEvent
	add := func(d time.Time, title string, sources int) {
		s, e, p, _ := SpanOf(d.Format("2006-01-02"))
		evs = append(evs, TimelineEvent{ID: fmt.Sprint(len(evs)), Start: s, End: e, Precision: p, Title: title, Sources: sources})
	}
	for i := range 9 {
		add(day(2025, 1, 20+i), strings.Repeat("w", 30), 1+i%2)
	}
	o := DefaultLayoutOptions(day(2024, 11, 1), day(2025, 2, 20), 1200)
	o.MaxRows, o.LabelWidth = 8, charWidth(evs)
	l := LayoutTimeline(evs, o)
	checkLayout(t, l, o, len(evs))
	labelled := 0
	for _, it := range l.Lanes[0].Items {
		if it.Cluster() {
			t.Errorf("a bubble of %d with rows to spare", it.Count())
		}
		if it.HasLabel() {
			labelled++
		}
	}
	if labelled < 8 {
		t.Errorf("%d of %d titles shown with 8 rows", labelled, len(evs))
	}
	// with two rows, the events with more sources get the labels first
	o.MaxRows = 2
	l = LayoutTimeline(evs, o)
	checkLayout(t, l, o, len(evs))
	for _, it := range l.Lanes[0].Items {
		if !it.Cluster() && it.HasLabel() && evs[it.Members[0]].Sources < 2 {
			for _, other := range l.Lanes[0].Items {
				if !other.Cluster() && !other.HasLabel() && evs[other.Members[0]].Sources == 2 {
					t.Errorf("event %v (1 source) labelled, event %v (2 sources) not", it.Members, other.Members)
				}
			}
		}
	}
}

// TestTimelineAxisLabelsNeverOverlap: a tick label pushed inside at the
// edge of the view does not cover its neighbour («20342033» was drawn at
// the left end of a right-to-left axis of years).
func TestTimelineAxisLabelsNeverOverlap(t *testing.T) {
	for _, rtl := range []bool{false, true} {
		tl, _ := newTimelineTest(t, fyne.NewSize(1192, 290), func(tl *Timeline) { tl.RightToLeft = rtl })
		for k := range 40 {
			from := day(2015, 1, 1).AddDate(0, k, 3*k)
			tl.SetVisibleRange(from, from.AddDate(19, 0, 0))
			tl.mu.Lock()
			axisY := tl.frameLocked(tl.Size()).plotH
			tl.mu.Unlock()
			var row []*canvasText
			for _, tx := range texts(t, tl) {
				if y := tx.Position().Y; y > axisY-10 && y < axisY+20 { // the minor labels' row
					row = append(row, &canvasText{tx.Text, tx.Position().X, tx.Position().X + tx.Size().Width})
				}
			}
			if len(row) < 5 {
				t.Fatalf("rtl=%v from %v: %d axis labels", rtl, from, len(row))
			}
			for i, a := range row {
				for _, b := range row[i+1:] {
					if a.x0 < b.x1 && b.x0 < a.x1 {
						t.Errorf("rtl=%v from %v: axis labels %q [%v, %v] and %q [%v, %v] overlap", rtl, from.Format("2006-01-02"), a.s, a.x0, a.x1, b.s, b.x0, b.x1)
					}
				}
			}
		}
	}
}

type canvasText struct {
	s      string
	x0, x1 float32
}

// TestTimelineEasternDigits: with Eastern Arabic digits chosen, the
// Arabic timeline writes its axis, bubbles and tooltips in them.
func TestTimelineEasternDigits(t *testing.T) {
	i18n.SetEasternDigits(true)
	defer i18n.SetEasternDigits(false)
	tl, w := newTimelineTest(t, fyne.NewSize(900, 300), func(tl *Timeline) {
		tl.Locale, tl.RightToLeft = LocaleArabic, true
	})
	tl.SetVisibleRange(day(2025, 1, 1), day(2025, 1, 31))
	got := drawn(t, tl)
	if !strings.Contains(got, "٢٠٢٥") || strings.Contains(got, "2025") {
		t.Errorf("axis in Eastern digits: %q", got)
	}
	pos, _ := itemAt(t, tl, "orders")
	test.MoveMouse(w.Canvas(), pos)
	if got := drawn(t, tl); !strings.Contains(got, "٢٣") || !strings.Contains(got, "مصادر ٣") { // runs in display order
		t.Errorf("tooltip in Eastern digits: %q", got)
	}
}
