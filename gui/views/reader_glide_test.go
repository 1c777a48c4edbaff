package views

import (
	"math"
	"testing"

	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
)

// glideClock replaces startGlide for a test: the glides started are kept,
// and the test ticks them by hand (a fake clock), as Fyne's animation
// runner does each frame.
type glideClock struct{ started []*fyne.Animation }

func useGlideClock(t *testing.T) *glideClock {
	c := &glideClock{}
	old := startGlide
	startGlide = func(a *fyne.Animation) { c.started = append(c.started, a) }
	t.Cleanup(func() { startGlide = old })
	return c
}

// last is the glide started last.
func (c *glideClock) last(t *testing.T) *fyne.Animation {
	t.Helper()
	if len(c.started) == 0 {
		t.Fatal("no glide started")
	}
	return c.started[len(c.started)-1]
}

// tick runs a frame of glide a at progress p (0..1 of its time) on the UI
// thread and returns the offset after it.
func tick(r *Reader, a *fyne.Animation, p float32) float32 {
	var off float32
	fynedo.Do(func() {
		a.Tick(a.Curve(p))
		off = r.ScrollOffset()
	})
	return off
}

func pressKey(r *Reader, name fyne.KeyName) (used bool, off float32) {
	fynedo.Do(func() {
		used = r.TypedKey(&fyne.KeyEvent{Name: name})
		off = r.ScrollOffset()
	})
	return used, off
}

// Page Down glides over a few frames, each a whole-pixel step of the way,
// and lands exactly where the jump of a page landed; a second Page Down
// during the glide moves on from the first one's target, and the frames of
// the glide it replaced move nothing any more.
func TestPageDownGlidesToWhereTheJumpLanded(t *testing.T) {
	r, _, _, _, _ := openSeed(t)
	clock := useGlideClock(t)
	var page, end, start float32
	fynedo.Do(func() {
		page, end, start = r.PageHeight(), r.view.list.total-r.view.list.viewHeight(), r.ScrollOffset()
	})
	if end < 2.5*page {
		t.Fatalf("the seed scrolls %v px, pages are %v: too short to page twice", end, page)
	}
	if start != 0 {
		t.Fatalf("opened at %v, want the top", start)
	}
	used, off := pressKey(r, fyne.KeyPageDown)
	if !used || off != start {
		t.Fatalf("Page Down used %v, moved the view to %v at once; want used and no move before the first frame", used, off)
	}
	first := clock.last(t)
	var last float32
	for _, p := range []float32{0.1, 0.3, 0.5} {
		off = tick(r, first, p)
		if off <= last || off >= page {
			t.Errorf("frame at %.0f%% of the glide: offset %v, want between %v and %v", p*100, off, last, page)
		}
		if off != float32(math.Round(float64(off))) {
			t.Errorf("frame at %.0f%%: offset %v is not a whole pixel", p*100, off)
		}
		last = off
	}
	// A second key mid-glide: it moves on from the first one's target.
	if used, _ := pressKey(r, fyne.KeyPageDown); !used {
		t.Fatal("the second Page Down was not used")
	}
	second := clock.last(t)
	if second == first {
		t.Fatal("the second Page Down started no glide of its own")
	}
	if off = tick(r, first, 1); off != last {
		t.Errorf("the replaced glide moved the view to %v (was %v)", off, last)
	}
	off = tick(r, second, 0.5)
	if off <= last || off >= 2*page {
		t.Errorf("the second glide half way: %v, want between %v and %v", off, last, 2*page)
	}
	if off = tick(r, second, 1); off != 2*page {
		t.Errorf("two Page Downs landed at %v, want %v (two pages of %v, as two jumps)", off, 2*page, page)
	}
	// Page Up glides back a page, to where the first Page Down landed.
	pressKey(r, fyne.KeyPageUp)
	if off = tick(r, clock.last(t), 1); off != page {
		t.Errorf("Page Up landed at %v, want %v", off, page)
	}
	// At the end, Page Down lands on the last screen, not past it.
	fynedo.Do(func() { r.view.list.scrollTo(end - page/2) })
	pressKey(r, fyne.KeyPageDown)
	if off = tick(r, clock.last(t), 1); off != end {
		t.Errorf("Page Down near the end landed at %v, want the end %v", off, end)
	}
	n := len(clock.started)
	if used, off := pressKey(r, fyne.KeyPageDown); !used || off != end || len(clock.started) != n {
		t.Errorf("Page Down at the end: used %v, offset %v, %d glides started; want used, %v, none", used, off, len(clock.started)-n, end)
	}
}

// Whatever else moves the view during a glide takes over from it: a line
// key moves a line from the glide's target, the wheel from where the view
// is, and the glide's later frames move nothing.
func TestAGlideGivesWayToOtherScrolling(t *testing.T) {
	r, _, _, _, _ := openSeed(t)
	clock := useGlideClock(t)
	var page float32
	fynedo.Do(func() { page = r.PageHeight() })

	pressKey(r, fyne.KeyPageDown)
	g := clock.last(t)
	tick(r, g, 0.3)
	if _, off := pressKey(r, fyne.KeyDown); off != page+48 {
		t.Errorf("a line down during the glide: %v, want its target %v and a line, %v", off, page, page+48)
	}
	if off := tick(r, g, 1); off != page+48 {
		t.Errorf("the glide moved on after the line key: %v", off)
	}

	pressKey(r, fyne.KeyPageDown)
	g = clock.last(t)
	mid := tick(r, g, 0.3)
	var off float32
	fynedo.Do(func() {
		r.view.list.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -20}}) // a wheel step down
		off = r.ScrollOffset()
	})
	if off != mid+20 {
		t.Errorf("a wheel step during the glide: %v, want %v (from where the view was)", off, mid+20)
	}
	if got := tick(r, g, 1); got != off {
		t.Errorf("the glide moved on after the wheel: %v, want %v", got, off)
	}
}
