package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// benchZooms are the three zoom levels of the benchmark: all thirty
// years, one year, one month.
var benchZooms = []struct {
	name     string
	from, to time.Time
}{
	{"30years", day(1995, 1, 1), day(2025, 1, 1)},
	{"1year", day(2010, 1, 1), day(2011, 1, 1)},
	{"1month", day(2010, 6, 1), day(2010, 7, 1)},
}

// BenchmarkTimelineLayout10k is the pure layout step of one frame (visible
// events, clusters, rows) for 10,000 events across 30 years in three lanes,
// panning by a day per frame; label widths are cached as the widget does.
func BenchmarkTimelineLayout10k(b *testing.B) {
	evs := randomEvents(10000, 1, 30, []string{"Trump", "DeepSeek", "Alibaba"})
	ix := newTimelineIndex(evs)
	widths := make([]float32, len(evs))
	for i := range widths {
		widths[i] = charWidth(evs)(i)
	}
	for _, z := range benchZooms {
		b.Run(z.name, func(b *testing.B) {
			var out TimelineLayout
			var buf layoutScratch
			o := DefaultLayoutOptions(z.from, z.to, 1200)
			o.LabelWidth = func(i int) float32 { return widths[i] }
			b.ReportAllocs()
			k := 0
			for b.Loop() {
				d := time.Duration(k%60) * 24 * time.Hour
				o.From, o.To = z.from.Add(d), z.to.Add(d)
				ix.layout(&o, &out, &buf)
				k++
			}
		})
	}
}

// BenchmarkTimelineFrame10k is layout plus render: the widget's frame and
// its renderer's canvas objects, in a headless window, panning 40 px per
// frame to and fro.
func BenchmarkTimelineFrame10k(b *testing.B) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(timelineTestTheme{test.NewTheme()})
	evs := randomEvents(10000, 1, 30, []string{"Trump", "DeepSeek", "Alibaba"})
	tl := NewTimeline(evs)
	w := test.NewTempWindow(b, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1200, 600))
	r := test.WidgetRenderer(tl).(*timelineRenderer)
	for _, z := range benchZooms {
		b.Run(z.name, func(b *testing.B) {
			tl.SetVisibleRange(z.from, z.to)
			r.build(tl.Size()) // measure the labels once
			b.ReportAllocs()
			k := 0
			for b.Loop() {
				dx := float32(-40) // 30 frames forward, 30 back
				if k%60 >= 30 {
					dx = 40
				}
				tl.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(dx, 0)})
				r.build(tl.Size())
				k++
			}
		})
	}
}
