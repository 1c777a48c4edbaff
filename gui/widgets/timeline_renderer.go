package widgets

import (
	"annals/gui/i18n"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-text/typesetting/font"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// Event types and their colours: a small fixed palette, readable on light
// and dark backgrounds, distinct for the common kinds of colour blindness
// as far as seven hues allow.
var typePalette = map[string]color.NRGBA{
	"release":      {0x2f, 0x6f, 0xdb, 0xff}, // blue
	"announcement": {0x8a, 0x4f, 0xd3, 0xff}, // violet
	"political":    {0xd2, 0x45, 0x3b, 0xff}, // red
	"agreement":    {0x18, 0x9c, 0x76, 0xff}, // green
	"regulation":   {0xe0, 0x7b, 0x12, 0xff}, // orange
	"market":       {0xb0, 0x8a, 0x10, 0xff}, // gold
	"other":        {0x6b, 0x77, 0x85, 0xff}, // slate
}

// BubbleColor fills a count bubble: neutral, as it holds events of any type.
var BubbleColor color.Color = color.NRGBA{0x4a, 0x55, 0x68, 0xff}

// The colours as color.Color values made once: a frame draws thousands of
// markers, and turning an NRGBA into an interface each time allocates.
var (
	bubbleTrack = withAlpha(BubbleColor, 0x50)
	typeColors  = func() map[string]color.Color {
		m := make(map[string]color.Color, len(typePalette))
		for k, c := range typePalette {
			m[k] = c
		}
		return m
	}()
)

// TypeColor is the colour of events of the given type; unknown types get
// the colour of "other".
func TypeColor(typ string) color.Color {
	if c, ok := typeColors[typ]; ok {
		return c
	}
	if c, ok := typeColors[strings.ToLower(typ)]; ok {
		return c
	}
	return typeColors["other"]
}

// TypeName is the event type's name in the locale, from the translations
// (the same words as the Timeline's type picker and list use). A type the
// translations do not know is shown as it is stored; none at all is "other".
func (l Locale) TypeName(typ string) string {
	lang := i18n.English
	if l == LocaleArabic {
		lang = i18n.Arabic
	}
	key := strings.ToLower(typ)
	if key == "" {
		key = "other"
	}
	if n := i18n.TIn(lang, key); n != key {
		return n
	}
	return typ
}

// count writes n with a plural key of the translations ("{n} sources") in
// the plural form the locale's CLDR rules choose for n.
func (l Locale) count(key string, n int) string {
	lang := i18n.English
	if l == LocaleArabic {
		lang = i18n.Arabic
	}
	return i18n.NIn(lang, key, n)
}

// digits writes the ASCII digits of s as the user chose for the locale
// (Eastern Arabic digits in Arabic, when that preference is on).
func (l Locale) digits(s string) string {
	if l == LocaleArabic {
		return i18n.DigitsIn(i18n.Arabic, s)
	}
	return s
}

func (l Locale) dir() Direction {
	if l == LocaleArabic {
		return DirRTL
	}
	return DirLTR
}

func labelTextSize(th fyne.Theme) float32 { return th.Size(theme.SizeNameText) - 1 }

// tlFace is one text size and style with what is needed to place runs of it
// on a common baseline (see Paragraph's styleFaces).
type tlFace struct {
	size        float32
	style       SpanStyle
	measure     MeasureFunc
	theme       *font.Face
	themeAscent float32
	latinAscent float32
	height      float32
}

func newTLFace(th fyne.Theme, size float32, style SpanStyle) *tlFace {
	ts := textStyle(style)
	f := &tlFace{size: size, style: style, measure: NewMeasure(th, size), theme: parsedFont(th.Font(ts))}
	d := fyne.CurrentApp().Driver()
	sz, base := d.RenderedTextSize(" ", size, ts, nil)
	_, latin := d.RenderedTextSize(" ", size, ts, fallbackFont(ts))
	f.height, f.themeAscent, f.latinAscent = sz.Height, base, latin
	return f
}

func (f *tlFace) ascent(text string) float32 {
	r, _ := utf8.DecodeRuneInString(text)
	if f.theme != nil {
		if _, ok := f.theme.NominalGlyph(r); !ok {
			return f.latinAscent
		}
	}
	return f.themeAscent
}

// tlLine is a one-line text in display order; run X from 0.
type tlLine struct {
	runs  []Run
	width float32
}

type tlLineKey struct {
	text string
	dir  Direction
	face *tlFace
}

// tlTextCache lays out the timeline's labels with the bidi code, once per
// text, so mixed Arabic and Latin never comes out scrambled.
type tlTextCache struct {
	th                              fyne.Theme
	labelSize                       float32
	label, labelBold, small, smallB *tlFace
	lines                           map[tlLineKey]*tlLine
	fitted                          map[tlFitKey]string
}

type tlFitKey struct {
	tlLineKey
	width float32
}

func newTLTextCache(th fyne.Theme, size float32) *tlTextCache {
	small := size - 1
	return &tlTextCache{
		th: th, labelSize: size,
		label: newTLFace(th, size, StylePlain), labelBold: newTLFace(th, size, StyleBold),
		small: newTLFace(th, small, StylePlain), smallB: newTLFace(th, small, StyleBold),
		lines: map[tlLineKey]*tlLine{}, fitted: map[tlFitKey]string{},
	}
}

func (c *tlTextCache) line(s string, dir Direction, f *tlFace) *tlLine {
	k := tlLineKey{s, dir, f}
	if l, ok := c.lines[k]; ok {
		return l
	}
	if len(c.lines) > 1<<14 {
		clear(c.lines)
	}
	style := f.style
	p := Prepare([]Span{{Text: s, Style: style}}, dir, func(t string, _ SpanStyle) float32 { return f.measure(t, style) })
	l := &tlLine{}
	if ls := p.Layout(1 << 20); len(ls) > 0 {
		ln := ls[0]
		if len(ln.Runs) > 0 {
			x0 := ln.Runs[0].X
			l.runs = ln.Runs
			for i := range l.runs {
				l.runs[i].X -= x0
			}
			last := l.runs[len(l.runs)-1]
			l.width = last.X + last.Width
		}
	}
	c.lines[k] = l
	return l
}

func (c *tlTextCache) width(s string, dir Direction, f *tlFace) float32 {
	return c.line(s, dir, f).width
}

// fit cuts s with an ellipsis so that it is at most maxW wide.
func (c *tlTextCache) fit(s string, dir Direction, f *tlFace, maxW float32) string {
	if c.width(s, dir, f) <= maxW+0.5 {
		return s
	}
	k := tlFitKey{tlLineKey{s, dir, f}, maxW}
	if r, ok := c.fitted[k]; ok {
		return r
	}
	if len(c.fitted) > 1<<12 {
		clear(c.fitted)
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.measure(strings.TrimSpace(string(rs[:mid]))+"…", f.style) <= maxW {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	r := strings.TrimSpace(string(rs[:lo])) + "…"
	c.fitted[k] = r
	return r
}

// timelineRenderer draws a Timeline frame from pooled canvas objects.
type timelineRenderer struct {
	t       *Timeline
	objects []fyne.CanvasObject
	rects   []*canvas.Rectangle
	circles []*canvas.Circle
	texts   []*canvas.Text
	lines   []*canvas.Line
	nr      int
	nc      int
	nt      int
	nl      int
	// built is the size of the last build; Layout at that size has
	// nothing to redo (see Layout).
	built fyne.Size
	// cullW is the width being built: objects wholly beyond it are left
	// out (see visible).
	cullW float32
}

// tlCull leaves out the objects that cannot show: wholly outside the
// widget, or under an opaque bubble; off only in the test that checks
// that leaving them out changes no pixel.
var tlCull = true

// tlCullPad is how far beyond an edge an object may start and still be
// drawn: more than a stroke or a glyph's overhang past its box.
const tlCullPad = 16

func newTimelineRenderer(t *Timeline) *timelineRenderer {
	r := &timelineRenderer{t: t}
	r.build(t.Size())
	return r
}

func (r *timelineRenderer) Destroy() {}

// Layout rebuilds only when the size changed. Every change of the view
// comes through Refresh, which builds; Fyne also calls Layout when the
// list of objects changed since the last frame (a node of its render tree
// has a new object, so a new minimum size, and its parent is laid out
// again), which while zooming is nearly every frame: building twice
// doubled the frame's own work for the same objects.
func (r *timelineRenderer) Layout(size fyne.Size) {
	if size == r.built {
		return
	}
	r.build(size)
}

func (r *timelineRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *timelineRenderer) Refresh() {
	r.build(r.t.Size())
	canvas.Refresh(r.t)
}

// visible reports whether an object spanning [x0, x1] across can show:
// the widget clips what it draws to its bounds (Fyne clips a Scrollable),
// so an object wholly outside them changes no pixel, yet each one drawn
// costs a draw call, its minimum size and, for a text, a texture. A
// zoomed-in frame lays out events up to a width beyond either edge (for
// their labels), a third of them or more off screen.
func (r *timelineRenderer) visible(x0, x1 float32) bool {
	return !tlCull || (x1 >= -tlCullPad && x0 <= r.cullW+tlCullPad)
}

func (r *timelineRenderer) rect(fill, stroke color.Color, strokeW, radius, x, y, w, h float32) {
	if !r.visible(x, x+w) {
		return
	}
	if r.nr == len(r.rects) {
		r.rects = append(r.rects, &canvas.Rectangle{})
	}
	o := r.rects[r.nr]
	r.nr++
	if o.FillColor != fill || o.StrokeColor != stroke || o.StrokeWidth != strokeW || o.CornerRadius != radius {
		o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fill, stroke, strokeW, radius
		o.Refresh()
	}
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	r.objects = append(r.objects, o)
}

func (r *timelineRenderer) circle(fill, stroke color.Color, strokeW, cx, cy, d float32) {
	if !r.visible(cx-d/2, cx+d/2) {
		return
	}
	if r.nc == len(r.circles) {
		r.circles = append(r.circles, &canvas.Circle{})
	}
	o := r.circles[r.nc]
	r.nc++
	if o.FillColor != fill || o.StrokeColor != stroke || o.StrokeWidth != strokeW {
		o.FillColor, o.StrokeColor, o.StrokeWidth = fill, stroke, strokeW
		o.Refresh()
	}
	o.Move(fyne.NewPos(cx-d/2, cy-d/2))
	o.Resize(fyne.NewSize(d, d))
	r.objects = append(r.objects, o)
}

func (r *timelineRenderer) line(col color.Color, w, x1, y1, x2, y2 float32) {
	if r.nl == len(r.lines) {
		r.lines = append(r.lines, &canvas.Line{})
	}
	o := r.lines[r.nl]
	r.nl++
	if o.StrokeColor != col || o.StrokeWidth != w {
		o.StrokeColor, o.StrokeWidth = col, w
		o.Refresh()
	}
	o.Position1, o.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	r.objects = append(r.objects, o)
}

// chevron draws a small arrow head pointing left or right, centred on x, y.
func (r *timelineRenderer) chevron(col color.Color, x, y float32, left bool) {
	d := float32(3)
	if left {
		d = -d
	}
	r.line(col, 1.5, x-d, y-4, x+d, y)
	r.line(col, 1.5, x+d, y, x-d, y+4)
}

// text draws s on one line, vertically centred on cy, starting at x (or
// ending at x when alignEnd), and returns its width.
func (r *timelineRenderer) text(tc *tlTextCache, s string, dir Direction, f *tlFace, col color.Color, x, cy float32, alignEnd bool) float32 {
	ln := tc.line(s, dir, f)
	x0 := x
	if alignEnd {
		x0 = x - ln.width
	}
	base := cy + 0.3*f.size
	ts := textStyle(f.style)
	for _, run := range ln.runs {
		if !r.visible(x0+run.X, x0+run.X+run.Width) {
			continue
		}
		if r.nt == len(r.texts) {
			r.texts = append(r.texts, &canvas.Text{})
		}
		o := r.texts[r.nt]
		r.nt++
		if o.Text != run.Text || o.TextSize != f.size || o.TextStyle != ts || o.Color != col {
			o.Text, o.TextSize, o.TextStyle, o.Color = run.Text, f.size, ts, col
			o.Refresh()
		}
		o.Move(fyne.NewPos(x0+run.X, base-f.ascent(run.Text)))
		o.Resize(fyne.NewSize(run.Width, f.height))
		r.objects = append(r.objects, o)
	}
	return ln.width
}

func (r *timelineRenderer) build(size fyne.Size) {
	t := r.t
	r.objects = r.objects[:0]
	r.nr, r.nc, r.nt, r.nl = 0, 0, 0, 0
	r.built, r.cullW = size, size.Width
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	bg := th.Color(theme.ColorNameBackground, v)
	primary := th.Color(theme.ColorNamePrimary, v)

	// reported after the lock is released (defers run last first)
	var report func(from, to time.Time)
	var rFrom, rTo float64
	defer func() {
		if report != nil {
			report(fromUnix(rFrom), fromUnix(rTo))
		}
	}()
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.frameLocked(size)
	if !f.valid {
		return
	}
	if rFrom, rTo = f.from, f.from+float64(size.Width)*f.spp; t.notified != [2]float64{rFrom, rTo} {
		t.notified = [2]float64{rFrom, rTo}
		report = t.OnViewChanged
	}
	tc := f.tc
	loc := t.Locale
	W := size.Width
	xOf := func(sec float64) float32 {
		u := float32((sec - f.from) / f.spp)
		if f.rtl {
			return W - u
		}
		return u
	}

	// lane bands
	for i, b := range f.bands {
		if i%2 == 1 {
			r.rect(withAlpha(fg, 0x08), nil, 0, 0, 0, b.top, W, b.height)
		}
		if i > 0 {
			r.rect(withAlpha(fg, 0x24), nil, 0, 0, 0, b.top, W, 1)
		}
	}

	// grid and axis
	axisY := f.plotH
	grid := withAlpha(fg, 0x14)
	unitEnd := func(tk Tick) float64 {
		switch f.ticks.Unit {
		case TickDay:
			return unixSec(tk.Time.AddDate(0, 0, 1))
		case TickMonth:
			return unixSec(tk.Time.AddDate(0, 1, 0))
		case TickYear:
			return unixSec(tk.Time.AddDate(1, 0, 0))
		}
		return unixSec(tk.Time.AddDate(10, 0, 0))
	}
	for _, tk := range f.ticks.Minor {
		x := xOf(unixSec(tk.Time))
		r.rect(grid, nil, 0, 0, x, 0, 1, axisY)
		r.rect(withAlpha(fg, 0x70), nil, 0, 0, x, axisY, 1, 5)
	}
	for _, tk := range f.ticks.Context {
		x := xOf(unixSec(tk.Time))
		if x >= 0 && x <= W {
			r.rect(withAlpha(fg, 0x28), nil, 0, 0, x, 0, 1, axisY)
			r.rect(withAlpha(fg, 0x70), nil, 0, 0, x, axisY, 1, tlAxisHeight-6)
		}
	}
	r.rect(withAlpha(fg, 0x90), nil, 0, 0, 0, axisY, W, 1)
	muted := withAlpha(fg, 0xb0)
	// a label pushed inside at an edge must not cover its neighbour's
	lastX0, lastX1 := float32(-1e9), float32(-1e9)
	for _, tk := range f.ticks.Minor {
		a, b := xOf(unixSec(tk.Time)), xOf(unitEnd(tk))
		lw := tc.width(tk.Label, loc.dir(), tc.small)
		x := (a+b)/2 - lw/2
		if abs32(b-a) < lw+4 { // cell narrower than its label: centre on the tick
			x = a - lw/2
		}
		x = min(max(x, 2), W-lw-2)
		if x < lastX1+4 && lastX0 < x+lw+4 {
			continue
		}
		lastX0, lastX1 = x, x+lw
		r.text(tc, tk.Label, loc.dir(), tc.small, muted, x, axisY+15, false)
	}
	// context labels start at their tick and stick to the leading edge
	for i, tk := range f.ticks.Context {
		lw := tc.width(tk.Label, loc.dir(), tc.smallB)
		u := float32((unixSec(tk.Time) - f.from) / f.spp)
		next := float32(1e9)
		if i+1 < len(f.ticks.Context) {
			next = float32((unixSec(f.ticks.Context[i+1].Time)-f.from)/f.spp) - lw - 10
		}
		u = min(max(u+5, 5), next)
		if u < 0 || u > W-lw {
			continue
		}
		if f.rtl {
			r.text(tc, tk.Label, loc.dir(), tc.smallB, fg, W-u, axisY+36, true)
		} else {
			r.text(tc, tk.Label, loc.dir(), tc.smallB, fg, u, axisY+36, false)
		}
	}

	// today
	if now := unixSec(timeNow()); now >= f.from && now <= f.from+float64(W)*f.spp {
		x := xOf(now)
		r.rect(withAlpha(primary, 0x90), nil, 0, 0, x-1, 0, 2, axisY)
		label := "Today"
		if loc == LocaleArabic {
			label = "اليوم"
		}
		lw := tc.width(label, loc.dir(), tc.smallB)
		if (x+4+lw < W) != f.rtl || x-4-lw < 0 {
			r.text(tc, label, loc.dir(), tc.smallB, primary, x+4, 9, false)
		} else {
			r.text(tc, label, loc.dir(), tc.smallB, primary, x-4, 9, true)
		}
	}

	// lane titles
	if f.named {
		for i, b := range f.bands {
			if i >= len(f.layout.Lanes) {
				break
			}
			key := f.layout.Lanes[i].Key
			if key == "" {
				continue
			}
			key = tc.fit(key, DirAuto, tc.smallB, W/2)
			cy := b.top + tlLaneHeader/2 + 1
			if f.rtl {
				r.text(tc, key, DirAuto, tc.smallB, withAlpha(fg, 0xc8), W-10, cy, true)
			} else {
				r.text(tc, key, DirAuto, tc.smallB, withAlpha(fg, 0xc8), 10, cy, false)
			}
		}
	}

	// events
	selFace := tc.labelBold
	for li := range f.layout.Lanes {
		lane := &f.layout.Lanes[li]
		for i := range lane.Items {
			it := &lane.Items[i]
			y := f.itemY(li, it)
			if it.Cluster() {
				a, b := xOf(unixSec(it.From)), xOf(unixSec(it.To))
				if a > b {
					a, b = b, a
				}
				col := BubbleColor
				// The track of the members' span shows only where it
				// reaches out of the bubble, which is opaque over it.
				if tw := max(b-a, 4); !tlCull || a < it.X0+2 || a+tw > it.X1-2 {
					r.rect(bubbleTrack, nil, 0, 2, a, y-2, tw, 4)
				}
				h := float32(22)
				if t.selected != "" && slices.ContainsFunc(it.Members, func(m int) bool { return t.events[m].ID == t.selected }) {
					r.rect(nil, fg, 2, (h+8)/2, it.X0-4, y-h/2-4, it.X1-it.X0+8, h+8)
				}
				r.rect(col, bg, 1.5, h/2, it.X0, y-h/2, it.X1-it.X0, h)
				n := loc.digits(strconv.Itoa(it.Count()))
				nw := tc.width(n, DirLTR, tc.smallB)
				r.text(tc, n, DirLTR, tc.smallB, color.White, (it.X0+it.X1)/2-nw/2, y, false)
				continue
			}
			ev := &t.events[it.Members[0]]
			col := TypeColor(ev.Type)
			sel := ev.ID != "" && ev.ID == t.selected
			if it.Point {
				cx := (it.X0 + it.X1) / 2
				if sel {
					r.circle(withAlpha(col, 0x40), fg, 2, cx, y, tlMarker+10)
				}
				r.circle(col, bg, 2, cx, y, tlMarker+2)
			} else {
				h := float32(tlMarker - 2)
				fill := withAlpha(col, 0xc0)
				if it.LabelInside() {
					h, fill = 22, col
				}
				if sel {
					r.rect(withAlpha(col, 0x40), fg, 2, (h+10)/2, it.X0-5, y-h/2-5, it.X1-it.X0+10, h+10)
				}
				r.rect(fill, col, 1, min(h/2, 6), it.X0, y-h/2, it.X1-it.X0, h)
			}
			if it.HasLabel() {
				face := tc.label
				if sel {
					face = selFace
				}
				s := tc.fit(ev.Title, ev.Dir, face, it.LabelX1-it.LabelX0)
				switch {
				case it.LabelInside():
					// stays in the visible part of the bar
					lw := tc.width(s, ev.Dir, face)
					if f.rtl {
						x := max(min(it.X1, W)-InsideLabelPad, it.X0+InsideLabelPad+lw)
						r.text(tc, s, ev.Dir, face, color.White, x, y, true)
					} else {
						x := min(max(it.X0, 0)+InsideLabelPad, it.X1-InsideLabelPad-lw)
						r.text(tc, s, ev.Dir, face, color.White, x, y, false)
					}
				case it.LabelX0 >= it.X1:
					r.text(tc, s, ev.Dir, face, fg, it.LabelX0, y, false)
				default:
					r.text(tc, s, ev.Dir, face, fg, it.LabelX1, y, true)
				}
			}
		}
	}

	// chips for the events out of view, or a word when there are none at all
	empty := true
	for _, l := range f.layout.Lanes {
		for _, it := range l.Items {
			empty = empty && (max(it.X1, it.LabelX1) < 0 || min(it.X0, it.LabelX0) > W)
		}
	}
	if empty {
		msg := "No events in this period"
		if loc == LocaleArabic {
			msg = "لا أحداث في هذه الفترة"
		}
		if len(t.events) == 0 {
			msg = "No events yet"
			if loc == LocaleArabic {
				msg = "لا أحداث بعد"
			}
		}
		mw := tc.width(msg, loc.dir(), tc.label)
		r.text(tc, msg, loc.dir(), tc.label, muted, W/2-mw/2, f.plotH/2, false)
	}
	for i, c := range f.off {
		if c.count == 0 {
			continue
		}
		y := f.chipY()
		cy := y + tlChipHeight/2
		r.rect(th.Color(theme.ColorNameOverlayBackground, v), withAlpha(fg, 0x40), 1, tlChipHeight/2, c.x, y, c.w, tlChipHeight)
		left := (i == 0) != f.rtl
		if left {
			r.chevron(fg, c.x+14, cy, true)
		} else {
			r.chevron(fg, c.x+c.w-14, cy, false)
		}
		if left {
			r.text(tc, c.label, loc.dir(), tc.small, fg, c.x+10+tlChipArrow, cy, false)
		} else {
			r.text(tc, c.label, loc.dir(), tc.small, fg, c.x+c.w-10-tlChipArrow, cy, true)
		}
	}

	if t.hovering {
		if lane, item, ok := f.hit(t.hoverPos); ok {
			r.tooltip(tc, f, &f.layout.Lanes[lane].Items[item], t.hoverPos, size, th, v)
		}
	}
	if t.focused {
		r.rect(nil, withAlpha(primary, 0xa0), 2, 4, 1, 1, W-2, size.Height-2)
	}
}

type tipLine struct {
	s    string
	dir  Direction
	face *tlFace
	col  color.Color
	dot  color.Color // a type colour shown before the line
}

const (
	tlTipPad      = 10
	tlTipMaxWidth = 360
)

func (r *timelineRenderer) tooltip(tc *tlTextCache, f *tlFrame, it *LayoutItem, at fyne.Position, size fyne.Size, th fyne.Theme, v fyne.ThemeVariant) {
	t := r.t
	loc := t.Locale
	fg := th.Color(theme.ColorNameForeground, v)
	muted := withAlpha(fg, 0xb8)
	ld := loc.dir()
	var lines []tipLine
	if it.Cluster() {
		n := it.Count()
		lines = append(lines,
			tipLine{s: loc.count("{n} events", n), dir: ld, face: tc.labelBold, col: fg},
			tipLine{s: loc.digits(loc.FormatSpan(it.From, PrecisionDay) + " – " + loc.FormatSpan(it.To, PrecisionDay)), dir: ld, face: tc.small, col: muted})
		shown := 0
		for _, m := range it.Members {
			ev := &t.events[m]
			if shown == 5 || ev.Count > 0 {
				continue // a summary has no title: it is in the "more"
			}
			shown++
			lines = append(lines, tipLine{s: ev.Title, dir: ev.Dir, face: tc.label, col: fg, dot: TypeColor(ev.Type)})
		}
		if n > shown {
			lines = append(lines, tipLine{s: loc.count("+{n} more", n-shown), dir: ld, face: tc.small, col: muted})
		}
		if it.Summary && shown == 0 {
			lines = lines[:len(lines)-1] // "+n more" of nothing listed
		}
		hint := "Click to zoom in"
		if loc == LocaleArabic {
			hint = "انقر للتكبير"
		}
		lines = append(lines, tipLine{s: hint, dir: ld, face: tc.small, col: muted})
	} else {
		ev := &t.events[it.Members[0]]
		lines = append(lines,
			tipLine{s: loc.digits(loc.FormatSpan(ev.Start, ev.Precision)) + "  ·  " + loc.TypeName(ev.Type), dir: ld, face: tc.small, col: muted, dot: TypeColor(ev.Type)},
			tipLine{s: ev.Title, dir: ev.Dir, face: tc.labelBold, col: fg})
		if len(ev.Entities) > 0 {
			sep := ", "
			if loc == LocaleArabic {
				sep = "، "
			}
			lines = append(lines, tipLine{s: strings.Join(ev.Entities, sep), dir: ld, face: tc.label, col: fg})
		}
		if ev.Sources > 0 {
			lines = append(lines, tipLine{s: loc.count("{n} sources", ev.Sources), dir: ld, face: tc.small, col: muted})
		}
	}
	const dotW = 14
	lineH := tc.labelSize * 1.6
	w := float32(0)
	for i := range lines {
		l := &lines[i]
		room := float32(tlTipMaxWidth - 2*tlTipPad)
		if l.dot != nil {
			room -= dotW
		}
		l.s = tc.fit(l.s, l.dir, l.face, room)
		lw := tc.width(l.s, l.dir, l.face)
		if l.dot != nil {
			lw += dotW
		}
		w = max(w, lw)
	}
	bw, bh := w+2*tlTipPad, float32(len(lines))*lineH+2*tlTipPad-4
	x, y := at.X+14, at.Y+18
	if x+bw > size.Width-4 {
		x = at.X - bw - 10
	}
	if y+bh > size.Height-4 {
		y = at.Y - bh - 10
	}
	x = max(4, min(x, size.Width-bw-4))
	y = max(4, min(y, size.Height-bh-4))
	r.rect(th.Color(theme.ColorNameShadow, v), nil, 0, 7, x+1, y+3, bw, bh)
	r.rect(th.Color(theme.ColorNameOverlayBackground, v), withAlpha(fg, 0x30), 1, 6, x, y, bw, bh)
	rtl := loc == LocaleArabic
	for i, l := range lines {
		cy := y + tlTipPad + (float32(i)+0.5)*lineH - 2
		lx := x + tlTipPad
		if rtl {
			lx = x + bw - tlTipPad
		}
		if l.dot != nil {
			if rtl {
				r.circle(l.dot, nil, 0, lx-4, cy, 8)
				lx -= dotW
			} else {
				r.circle(l.dot, nil, 0, lx+4, cy, 8)
				lx += dotW
			}
		}
		r.text(tc, l.s, l.dir, l.face, l.col, lx, cy, rtl)
	}
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
