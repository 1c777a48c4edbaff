package views

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
)

// Page Down, Space and Page Up glide: the view moves to its new offset in a
// few frames, quickly at first and slowing to a stop (as a browser pages),
// instead of jumping a whole screen in one frame. A jump showed a screen of
// words never drawn before in one frame, and Fyne's GL painter shapes and
// rasterises a texture for each new text while it paints: the first keys
// after a wheel took 20–35 ms a frame (tools/uitiming, issue 19), over
// the 16 ms of a frame. Gliding, each frame reveals a part of the next
// screen, as the wheel does.
//
// A glide lands exactly where the jump did: a key pressed during a glide
// moves on from where the running one was headed, and anything else that
// moves the view (a wheel, the scroll bar, a line key, Home/End, a
// relayout, another article) first finishes or stops the glide.

// glideDuration is how long a glide takes. About 140 ms is what browsers
// take to page smoothly: long enough to be followed by the eye, short
// enough that a held key still pages at its repeat rate.
const glideDuration = 140 * time.Millisecond

// startGlide starts a glide's animation; tests replace it to tick the
// animation themselves, and glideNow, the glide's clock.
var (
	startGlide = func(a *fyne.Animation) { a.Start() }
	glideNow   = time.Now
)

// glideCurve is ease-out: most of the way early, the rest slowing down.
func glideCurve(t float32) float32 { return 1 - (1-t)*(1-t) }

// glideBy moves the view by dy from where it is headed (the running glide's
// target, else the offset), clamped to the article, in a glide. It reports
// whether the view will move.
//
// A glide's way is its own (from, to, start time, its own clock); the
// fyne.Animation only ticks it once a frame, and runs until the way ends. A
// key during a glide gives the running animation a new way: a new
// animation started while another runs waits in Fyne's runner until the
// frame after next, and the key's first frame came a frame late.
func (l *rowList) glideBy(dy float32) bool {
	from := l.offset()
	to := max(min(l.target()+dy, l.total-l.viewHeight()), 0)
	if to == from {
		l.stopGlide()
		return false
	}
	l.glideFrom, l.glideTarget, l.glideStart = from, to, glideNow()
	if l.glide != nil {
		return true
	}
	l.glide = &fyne.Animation{Duration: glideDuration, RepeatCount: fyne.AnimationRepeatForever, Curve: fyne.AnimationLinear, Tick: l.glideTick}
	l.glideStarting = true
	startGlide(l.glide)
	l.glideStarting = false
	return true
}

// glideTick moves a glide one frame along its way (Fyne's progress p is not
// used: the way has its own clock).
func (l *rowList) glideTick(p float32) {
	if l.glide == nil {
		return // stopped; the runner drops it
	}
	t := float32(glideNow().Sub(l.glideStart)) / float32(glideDuration)
	if l.glideStarting && p >= 1 {
		t = 1 // a driver that ends an animation as it starts (Fyne's test driver): a jump
	}
	from, to := l.glideFrom, l.glideTarget
	y := to
	if t < 1 {
		// Whole pixels on the way: a text at a fractional pixel is
		// resampled by the GL painter and looks lighter than its
		// neighbours. The target is exact.
		scale := float32(1)
		if c := fyne.CurrentApp().Driver().CanvasForObject(l.scroll); c != nil && c.Scale() > 0 {
			scale = c.Scale()
		}
		y = float32(math.Round(float64((from+(to-from)*glideCurve(max(t, 0)))*scale))) / scale
	} else {
		l.stopGlide()
	}
	l.moveTo(y)
	if l.glide == nil {
		timing.changed("glide-end")
	} else {
		timing.changed("glide")
	}
}

// target is where the view is headed: the running glide's target, else
// the offset.
func (l *rowList) target() float32 {
	if l.glide != nil {
		return l.glideTarget
	}
	return l.offset()
}

// stopGlide stops a running glide where it is.
func (l *rowList) stopGlide() {
	if a := l.glide; a != nil {
		l.glide = nil
		a.Stop()
	}
}

// settle finishes a running glide at once, at its target.
func (l *rowList) settle() {
	if l.glide != nil {
		to := l.glideTarget
		l.stopGlide()
		l.moveTo(to)
	}
}
