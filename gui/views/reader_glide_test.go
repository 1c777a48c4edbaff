package views

import (
	"math"
	"testing"
	"time"

	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
)

// glideClock is a fake clock for glides: the test moves its time and ticks
// the running glide's animation, a frame, as Fyne's animation runner does.
type glideClock struct {
	now     time.Time
	started []*fyne.Animation
}

func useGlideClock(t *testing.T) *glideClock {
	c := &glideClock{now: time.Unix(1e9, 0)}
	oldStart, oldNow := startGlide, glideNow
	startGlide = func(a *fyne.Animation) { c.started = append(c.started, a) }
	glideNow = func() time.Time { return c.now }
	t.Cleanup(func() { startGlide, glideNow = oldStart, oldNow })
	return c
}

// frame moves the clock on by d, ticks the animation started last (Fyne
// ticks one that was stopped no more; a test may, to see that it moves
// nothing) and returns the offset after it.
func (c *glideClock) frame(t *testing.T, r *Reader, d time.Duration) float32 {
	t.Helper()
	if len(c.started) == 0 {
		t.Fatal("no glide started")
	}
	c.now = c.now.Add(d)
	var off float32
	fynedo.Do(func() {
		c.started[len(c.started)-1].Tick(0.5)
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
// during the glide moves on from the first one's target at the very next
// frame (the same animation, not a new one that Fyne would start a frame
// late), and once the glide ends its animation moves nothing.
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
	if !used || off != start || len(clock.started) != 1 {
		t.Fatalf("Page Down used %v, moved the view to %v at once, started %d glides; want used, no move before the first frame, one", used, off, len(clock.started))
	}
	var last float32
	for range 3 { // 42 ms of 140
		off = clock.frame(t, r, 14*time.Millisecond)
		if off <= last || off >= page {
			t.Errorf("a frame of the glide: offset %v, want between %v and %v", off, last, page)
		}
		if off != float32(math.Round(float64(off))) {
			t.Errorf("offset %v is not a whole pixel", off)
		}
		last = off
	}
	// A second key mid-glide: it moves on from the first one's target.
	if used, _ := pressKey(r, fyne.KeyPageDown); !used {
		t.Fatal("the second Page Down was not used")
	}
	if len(clock.started) != 1 {
		t.Fatalf("the second Page Down started a glide of its own (%d)", len(clock.started))
	}
	off = clock.frame(t, r, 14*time.Millisecond)
	if off <= last || off >= 2*page {
		t.Errorf("the first frame after the second key: %v, want between %v and %v", off, last, 2*page)
	}
	last = off
	off = clock.frame(t, r, 56*time.Millisecond)
	if off <= last || off >= 2*page {
		t.Errorf("the second glide half way: %v, want between %v and %v", off, last, 2*page)
	}
	if off = clock.frame(t, r, 70*time.Millisecond); off != 2*page {
		t.Errorf("two Page Downs landed at %v, want %v (two pages of %v, as two jumps)", off, 2*page, page)
	}
	fynedo.Do(func() {
		if r.view.list.glide != nil {
			t.Error("the glide runs on after it landed")
		}
	})
	if off = clock.frame(t, r, 14*time.Millisecond); off != 2*page {
		t.Errorf("a tick after the glide ended moved the view to %v", off)
	}
	// Page Up glides back a page, to where the first Page Down landed.
	pressKey(r, fyne.KeyPageUp)
	if len(clock.started) != 2 {
		t.Fatalf("Page Up after the glide ended started %d glides in all, want 2", len(clock.started))
	}
	if off = clock.frame(t, r, glideDuration); off != page {
		t.Errorf("Page Up landed at %v, want %v", off, page)
	}
	// At the end, Page Down lands on the last screen, not past it.
	fynedo.Do(func() { r.view.list.scrollTo(end - page/2) })
	pressKey(r, fyne.KeyPageDown)
	if off = clock.frame(t, r, glideDuration); off != end {
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
	clock.frame(t, r, 40*time.Millisecond)
	if _, off := pressKey(r, fyne.KeyDown); off != page+48 {
		t.Errorf("a line down during the glide: %v, want its target %v and a line, %v", off, page, page+48)
	}
	if off := clock.frame(t, r, 100*time.Millisecond); off != page+48 {
		t.Errorf("the glide moved on after the line key: %v", off)
	}

	pressKey(r, fyne.KeyPageDown)
	mid := clock.frame(t, r, 40*time.Millisecond)
	var off float32
	fynedo.Do(func() {
		r.view.list.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -20}}) // a wheel step down
		off = r.ScrollOffset()
	})
	if off != mid+20 {
		t.Errorf("a wheel step during the glide: %v, want %v (from where the view was)", off, mid+20)
	}
	if got := clock.frame(t, r, 100*time.Millisecond); got != off {
		t.Errorf("the glide moved on after the wheel: %v, want %v", got, off)
	}
}
