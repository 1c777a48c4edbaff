package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// summaryEvents are the overview of a library too large to load: counts
// on a few dates, and one loaded event.
func summaryEvents() []TimelineEvent {
	var evs []TimelineEvent
	for _, v := range []struct {
		date  string
		count int
	}{{"2019-03-04", 40}, {"2020-06", 7}, {"2022", 120}, {"2023-11-28", 1}} {
		s, e, p, _ := SpanOf(v.date)
		evs = append(evs, TimelineEvent{Start: s, End: e, Precision: p, Count: v.count})
	}
	s, e, p, _ := SpanOf("2025-01-20")
	return append(evs, TimelineEvent{ID: "loaded", Start: s, End: e, Precision: p, Title: "Inauguration", Type: "political"})
}

func TestTimelineSummariesAreCountBubbles(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, timelineTestTheme{test.NewTheme()})
	tl := NewTimeline(summaryEvents())
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 300))
	var reported [][2]time.Time
	tl.OnViewChanged = func(from, to time.Time) { reported = append(reported, [2]time.Time{from, to}) }
	tl.SetVisibleRange(time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(reported) == 0 {
		t.Fatal("OnViewChanged not called after the view changed")
	}

	tl.mu.Lock()
	f := tl.frameLocked(tl.Size())
	total, bubbles := 0, 0
	var loaded *LayoutItem
	for li := range f.layout.Lanes {
		for i := range f.layout.Lanes[li].Items {
			it := &f.layout.Lanes[li].Items[i]
			total += it.Count()
			if it.Summary {
				bubbles++
				if !it.Cluster() {
					t.Errorf("a summary of %d is not drawn as a bubble", it.Count())
				}
			}
			if tl.events[it.Members[0]].ID == "loaded" && !it.Cluster() {
				loaded = it
			}
		}
	}
	tl.mu.Unlock()
	if total != 40+7+120+1+1 || bubbles != 4 {
		t.Errorf("the frame counts %d events in %d summary bubbles; want 169 in 4", total, bubbles)
	}
	if loaded == nil {
		t.Error("the loaded event is not drawn as itself")
	}
	if findText(texts(t, tl), "120") == nil || findText(texts(t, tl), "1") == nil {
		t.Error("the bubbles do not show their counts")
	}

	// A summary is never selected: a tap zooms in on its period.
	selected := ""
	tl.OnSelected = func(id string) { selected = id }
	n := len(reported)
	pos, _ := itemAtIndex(t, tl, 3) // the single event of 28 November 2023
	test.TapAt(tl, pos)
	from, to := tl.VisibleRange()
	if selected != "" || to.Sub(from) > 30*24*time.Hour {
		t.Errorf("tap on a summary selected %q and shows [%v, %v]", selected, from, to)
	}
	if len(reported) == n {
		t.Error("zooming in was not reported")
	}
	if day := time.Date(2023, 11, 28, 12, 0, 0, 0, time.UTC); day.Before(from) || day.After(to) {
		t.Errorf("zoomed to [%v, %v], not onto the summary's day", from, to)
	}

	// Events out of view count what they stand for: the summaries before
	// 28 November 2023, the loaded event after it.
	tl.mu.Lock()
	f = tl.frameLocked(tl.Size())
	earlier, later := f.off[0].count, f.off[1].count
	tl.mu.Unlock()
	if earlier != 40+7+120 || later != 1 {
		t.Errorf("chips count %d earlier and %d later; want 167 and 1", earlier, later)
	}

	// Replacing the events (a period loaded) keeps the view.
	tl.ReplaceEvents(summaryEvents()[:4])
	if f2, t2 := tl.VisibleRange(); !f2.Equal(from) || !t2.Equal(to) {
		t.Errorf("ReplaceEvents moved the view from [%v, %v] to [%v, %v]", from, to, f2, t2)
	}
}

// itemAtIndex returns the centre of the marker showing event i.
func itemAtIndex(t *testing.T, tl *Timeline, i int) (fyne.Position, *LayoutItem) {
	t.Helper()
	tl.mu.Lock()
	defer tl.mu.Unlock()
	f := tl.frameLocked(tl.Size())
	for li := range f.layout.Lanes {
		for k := range f.layout.Lanes[li].Items {
			it := &f.layout.Lanes[li].Items[k]
			for _, m := range it.Members {
				if m == i {
					return fyne.NewPos((it.X0+it.X1)/2, f.itemY(li, it)), it
				}
			}
		}
	}
	t.Fatalf("event %d not drawn", i)
	return fyne.Position{}, nil
}
