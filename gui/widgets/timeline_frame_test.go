package widgets

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// frameTitles are event titles as the library has them: Arabic with Latin
// names and numbers inside, and English.
var frameTitles = []string{
	"Trump signs executive orders",
	"DeepSeek releases R1",
	"تنصيب ترامب",
	"الإعلان عن مشروع Stargate",
	"أطلقت علي بابا نموذج QwQ",
	"Alibaba opens a laboratory in Riyadh with 300 engineers",
	"وقع كودينسك اتفاقا جديدا مع لوندرينا",
	"Omar al-Bashir met new sanctions with Yoon Suk-yeol",
}

// frameEvents are n events over two years (2024–2025) with real titles,
// mostly days, some months; dense enough that a month's view lays out
// events beyond both edges.
func frameEvents(n int, seed int64) []TimelineEvent {
	rng := rand.New(rand.NewSource(seed))
	types := []string{"release", "announcement", "political", "agreement", "regulation", "market", "other"}
	evs := make([]TimelineEvent, n)
	for i := range evs {
		d := day(2024, 1, 1).AddDate(0, 0, rng.Intn(730))
		v := d.Format("2006-01-02")
		if rng.Intn(8) == 0 {
			v = d.Format("2006-01")
		}
		s, e, p, _ := SpanOf(v)
		evs[i] = TimelineEvent{ID: fmt.Sprint("ev", i), Start: s, End: e, Precision: p,
			Title: frameTitles[rng.Intn(len(frameTitles))], Type: types[rng.Intn(len(types))], Sources: rng.Intn(3)}
	}
	return evs
}

// timelineBetween shows tl between two flat panels, as the app's window
// has other things beside it: what the timeline draws past its edges
// would show on them.
func timelineBetween(t testing.TB, tl *Timeline, size fyne.Size) fyne.Window {
	side := func() fyne.CanvasObject {
		r := canvas.NewRectangle(color.NRGBA{0x20, 0x80, 0x40, 0xff})
		r.SetMinSize(fyne.NewSize(60, 10))
		return r
	}
	w := test.NewTempWindow(t, container.NewBorder(nil, nil, side(), side(), tl))
	w.SetPadded(false)
	w.Resize(size)
	return w
}

func differingPixels(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return -1
	}
	n := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				n++
			}
		}
	}
	return n
}

// TestTimelineCullingChangesNoPixel: the renderer leaves out the objects
// wholly outside the widget (events laid out beyond its edges for their
// labels) and the tracks hidden under bubbles; the picture must be the
// same as with every object drawn, in both directions, with labels and
// markers cut by the edges and a selected event half out of view.
func TestTimelineCullingChangesNoPixel(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, timelineTestTheme{test.NewTheme()})
	old := timeNow
	timeNow = func() time.Time { return day(2025, 3, 10).Add(12 * time.Hour) }
	t.Cleanup(func() { timeNow = old; tlCull = true })
	for _, tc := range []struct {
		name     string
		rtl      bool
		from, to time.Time
	}{
		{"month", false, day(2025, 3, 1), day(2025, 4, 1)},
		{"month-rtl", true, day(2025, 3, 1), day(2025, 4, 1)},
		{"week", false, day(2024, 6, 3), day(2024, 6, 10)},
		{"quarter-rtl", true, day(2024, 9, 1), day(2024, 12, 1)},
		// the counts of events not loaded, one bubble per date, their
		// tracks under them
		{"counts", false, day(2024, 10, 1), day(2025, 1, 1)},
		{"counts-rtl", true, day(2024, 10, 1), day(2025, 1, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 1500
			if tc.name == "quarter-rtl" { // sparse enough for labels
				n = 200
			}
			evs := frameEvents(n, 7)
			if strings.HasPrefix(tc.name, "counts") {
				evs = evs[:150]
				for i := range evs {
					evs[i].Count = 1 + i%40
				}
			}
			tl := NewTimeline(evs)
			if tc.rtl {
				tl.Locale, tl.RightToLeft = LocaleArabic, true
			}
			w := timelineBetween(t, tl, fyne.NewSize(900, 420))
			tl.SetVisibleRange(tc.from, tc.to)
			// select an event whose marker is near an edge, so that its
			// ring and bold label are cut there
			tl.mu.Lock()
			f := tl.frameLocked(tl.Size())
			sel, best := "", float32(1e9)
			for _, l := range f.layout.Lanes {
				for _, it := range l.Items {
					if d := abs32(it.X0); !it.Cluster() && d < best {
						sel, best = tl.events[it.Members[0]].ID, d
					}
				}
			}
			tl.selected = sel
			tl.mu.Unlock()
			if sel == "" && f.layout.Lanes[0].Items[0].Cluster() {
				// bubbles only: select one at the edge
				for _, it := range f.layout.Lanes[0].Items {
					if d := abs32(it.X0); d < best {
						sel, best = tl.events[it.Members[0]].ID, d
					}
				}
			}
			if sel == "" {
				t.Fatal("no event near the edge to select: the view has changed")
			}
			tl.Refresh()
			r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)

			tlCull = false
			tl.Refresh()
			all := len(r.objects)
			want := w.Canvas().Capture()
			tlCull = true
			tl.Refresh()
			culled := len(r.objects)
			got := w.Canvas().Capture()
			if n := differingPixels(want, got); n != 0 {
				t.Errorf("leaving out the objects outside the widget changed %d pixels", n)
			}
			if culled >= all {
				t.Errorf("%d objects drawn of %d: nothing left out, though events lie beyond the edges", culled, all)
			}
			t.Logf("%d objects of %d drawn", culled, all)
		})
	}
}

// TestTimelineFrameIndependentOfPath: a view reached by wheel steps and a
// drag is drawn exactly as the same view set at once on a new timeline, so
// nothing kept from frame to frame (pooled objects, cached widths and
// texts, the frame's buffers) shows through.
func TestTimelineFrameIndependentOfPath(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, timelineTestTheme{test.NewTheme()})
	old := timeNow
	timeNow = func() time.Time { return day(2025, 3, 10).Add(12 * time.Hour) }
	t.Cleanup(func() { timeNow = old })
	for _, rtl := range []bool{false, true} {
		evs := frameEvents(1500, 11)
		walked := NewTimeline(evs)
		direct := NewTimeline(evs)
		for _, tl := range []*Timeline{walked, direct} {
			if rtl {
				tl.Locale, tl.RightToLeft = LocaleArabic, true
			}
		}
		size := fyne.NewSize(900, 420)
		w1 := timelineBetween(t, walked, size)
		w2 := timelineBetween(t, direct, size)
		at := fyne.NewPos(390, 120)
		for range 12 { // in, as a wheel does
			walked.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, 18.6)})
		}
		for range 10 {
			walked.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(23, 0)})
		}
		for range 5 { // and out a little
			walked.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, -18.6)})
		}
		walked.mu.Lock()
		from, spp := walked.from, walked.spp
		walked.mu.Unlock()
		direct.mu.Lock()
		direct.from, direct.spp, direct.autoFit = from, spp, false
		direct.mu.Unlock()
		direct.Refresh()
		f, tt := walked.VisibleRange()
		t.Logf("rtl %v: %s to %s", rtl, f, tt)
		if a, b := walked.DrawnLabels(), direct.DrawnLabels(); !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("rtl %v: %d labels drawn after the steps, %d when set at once (or none at all)", rtl, len(a), len(b))
		}
		if n := differingPixels(w1.Canvas().Capture(), w2.Canvas().Capture()); n != 0 {
			t.Errorf("rtl %v: the view reached by steps differs from the same view set at once in %d pixels", rtl, n)
		}
	}
}

// BenchmarkTimelineZoom is one wheel step of the zoom (×1.45 round
// the pointer, 16 in, then 16 out) over 10,000 events with real titles in
// a headless window: the widget's frame and its renderer's objects (the
// work of the UI thread before Fyne paints). objects/op is what Fyne then
// walks, sizes and draws each frame; texts/op the texts among them.
func BenchmarkTimelineZoom(b *testing.B) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(timelineTestTheme{test.NewTheme()})
	evs := frameEvents(10000, 3)
	tl := NewTimeline(evs)
	w := test.NewTempWindow(b, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1200, 420))
	r := test.WidgetRenderer(tl).(*timelineRenderer)
	at := fyne.NewPos(900, 100)
	step := func(k int) {
		dy := float32(18.6) // ln(1.45)/tlWheelZoom
		if k%32 >= 16 {
			dy = -dy
		}
		tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.NewDelta(0, dy)})
	}
	for k := range 64 { // measure the labels and grow the buffers
		step(k)
	}
	var objects, texts int
	b.ReportAllocs()
	k := 0
	for b.Loop() {
		step(k)
		objects += len(r.objects)
		texts += r.nt
		k++
	}
	b.ReportMetric(float64(objects)/float64(k), "objects/op")
	b.ReportMetric(float64(texts)/float64(k), "texts/op")
}

// TestTimelineLayoutAtSameSizeDoesNotRebuild: Fyne lays the widget out
// again whenever its list of objects changed (nearly every zoom step), at
// the same size; the frame was built by the Refresh that changed the view,
// and building it again doubled the step's own work. A new size rebuilds.
func TestTimelineLayoutAtSameSizeDoesNotRebuild(t *testing.T) {
	tl, _ := newTimelineTest(t, fyne.NewSize(720, 420), nil)
	r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 100)}, Scrolled: fyne.NewDelta(0, 18.6)})
	built := slices.Clone(r.objects)
	// a change the renderer has not been told of: a rebuild would show it
	tl.mu.Lock()
	tl.spp *= 3
	tl.mu.Unlock()
	r.Layout(tl.Size())
	if !slices.Equal(built, r.objects) {
		t.Errorf("Layout at the same size built the frame again")
	}
	r.Layout(fyne.NewSize(700, 420))
	if slices.Equal(built, r.objects) {
		t.Errorf("Layout at a new size kept the old frame")
	}
}

// TestOffscreenCountsMatchEveryEvent: the chips' counts of the events
// beyond either end of the view, read from the index's prefix sums, are
// those of going through every event, for days, months, years and
// decades in three lanes, counts of events not loaded among them, and
// views anywhere from before the first event to after the last.
func TestOffscreenCountsMatchEveryEvent(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	evs := randomEvents(3000, 9, 40, []string{"a", "b", "c"})
	for i := range evs {
		switch rng.Intn(20) {
		case 0: // a decade: the longest span in its lane
			s, e, p, _ := SpanOf(evs[i].Start.Format("2006")[:3])
			evs[i].Start, evs[i].End, evs[i].Precision = s, e, p
		case 1, 2:
			evs[i].Count = 1 + rng.Intn(300)
		}
	}
	ix := newTimelineIndex(evs)
	every := func(from, to float64) (before, after tlOffscreen) {
		for _, e := range ix.evs {
			c := (e.s + e.e) / 2
			switch {
			case e.e < from:
				if before.count == 0 || c > before.nearest {
					before.nearest = c
				}
				before.count += e.n
			case e.s > to:
				if after.count == 0 || c < after.nearest {
					after.nearest = c
				}
				after.count += e.n
			}
		}
		return before, after
	}
	lo, hi := ix.min-5*secYear, ix.max+5*secYear
	for k := range 2000 {
		from := lo + rng.Float64()*(hi-lo)
		to := from + math.Pow(10, 3+rng.Float64()*7)        // an hour to 300 years
		switch e := ix.evs[rng.Intn(len(ix.evs))]; k % 50 { // at an event's own edge
		case 0:
			from, to = e.e, e.e+secDay
		case 1:
			from, to = e.s-secDay, e.s
		}
		wb, wa := every(from, to)
		gb, ga := ix.offscreen(from, to)
		if gb != wb || ga != wa {
			t.Fatalf("view %v to %v: before %+v after %+v, going through every event %+v and %+v",
				fromUnix(from), fromUnix(to), gb, ga, wb, wa)
		}
	}
}
