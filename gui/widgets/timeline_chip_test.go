package widgets

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// tlRect is a drawn thing's box, in the widget's coordinates.
type tlRect struct{ x0, y0, x1, y1 float32 }

func (a tlRect) overlaps(b tlRect) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// TestTimelineChipsHideNothing: the "N earlier" / "N later" chips sit at
// the bottom corners of the plot; no label, dot, bar or bubble may be
// drawn under them, in either direction, at any zoom, width and height,
// with lanes or without. Before the rows were laid out above the chips'
// band, the bottom row's labels ran under them (seen on the 10k library
// in Arabic: «5904 حدثًا سابقًا» over an event's title).
func TestTimelineChipsHideNothing(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, timelineTestTheme{test.NewTheme()})
	old := timeNow
	timeNow = func() time.Time { return day(2025, 3, 10).Add(12 * time.Hour) }
	t.Cleanup(func() { timeNow = old })

	plain := frameEvents(3000, 7)
	laned := frameEvents(3000, 8)
	for i := range laned {
		laned[i].Lane = []string{"", "Policy", "Markets"}[i%3]
	}
	spans := []struct{ from, to time.Time }{
		{day(2024, 11, 3), day(2024, 11, 10)}, // a week: events one by one
		{day(2024, 11, 1), day(2024, 12, 1)},  // a month
		{day(2024, 7, 1), day(2025, 1, 1)},    // half a year: bubbles
		{day(2024, 12, 30), day(2025, 3, 30)}, // near the library's end
	}
	sizes := []fyne.Size{{Width: 1100, Height: 520}, {Width: 640, Height: 360}, {Width: 360, Height: 300}}
	checked, bottomNearChip := 0, 0
	for _, rtl := range []bool{false, true} {
		for ei, evs := range [][]TimelineEvent{plain, laned} {
			tl := NewTimeline(evs)
			if rtl {
				tl.Locale, tl.RightToLeft = LocaleArabic, true
			}
			w := timelineBetween(t, tl, sizes[0])
			for _, size := range sizes {
				w.Resize(fyne.NewSize(size.Width+120, size.Height)) // the panels take 120
				for _, sp := range spans {
					tl.SetVisibleRange(sp.from, sp.to)
					name := fmt.Sprintf("rtl=%v lanes=%v %vx%v %s–%s", rtl, ei == 1, size.Width, size.Height,
						sp.from.Format("2006-01-02"), sp.to.Format("2006-01-02"))
					tl.mu.Lock()
					W := tl.Size().Width
					f := tl.frameLocked(tl.Size())
					var chips []tlRect
					for _, c := range f.off {
						if c.count > 0 {
							chips = append(chips, tlRect{c.x, f.chipY(), c.x + c.w, f.chipY() + tlChipHeight})
						}
					}
					if len(chips) == 0 {
						tl.mu.Unlock()
						t.Errorf("%s: no chip, though events lie beyond the view", name)
						continue
					}
					labelHalf := max(f.tc.label.height, f.tc.labelBold.height) / 2
					lowest := float32(0)
					for li := range f.layout.Lanes {
						for i := range f.layout.Lanes[li].Items {
							it := &f.layout.Lanes[li].Items[i]
							y := f.itemY(li, it)
							// the marker, with room for a bubble (22 high) or
							// a selected event's ring (30)
							boxes := []tlRect{{it.X0 - 5, y - 15, it.X1 + 5, y + 15}}
							if it.HasLabel() {
								boxes = append(boxes, tlRect{it.LabelX0, y - labelHalf, it.LabelX1, y + labelHalf})
							}
							for _, b := range boxes {
								b.x0, b.x1 = max(b.x0, 0), min(b.x1, W)
								if b.x0 >= b.x1 {
									continue // wholly outside the widget
								}
								checked++
								lowest = max(lowest, b.y1)
								for _, c := range chips {
									if b.overlaps(c) {
										t.Errorf("%s: an item of %d event(s) at x %.0f–%.0f, y %.0f–%.0f lies under a chip at x %.0f–%.0f, y %.0f–%.0f",
											name, it.Count(), b.x0, b.x1, b.y0, b.y1, c.x0, c.x1, c.y0, c.y1)
									}
								}
							}
						}
					}
					// the view is full: its lowest row reaches down to the
					// chips, so the check above had something to catch
					if lowest > chips[0].y0-2*tlRowHeight {
						bottomNearChip++
					}
					tl.mu.Unlock()
				}
			}
		}
	}
	if checked == 0 || bottomNearChip == 0 {
		t.Fatalf("checked %d boxes, %d views with rows down to the chips: the test saw nothing", checked, bottomNearChip)
	}
	t.Logf("%d boxes checked, %d views with rows down to the chips", checked, bottomNearChip)
}
