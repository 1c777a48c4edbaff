package widgets

// This file is the pure half of the Timeline widget: date spans, axis ticks,
// and the placement of event markers in lanes and rows, with dense periods
// collapsed into count bubbles. It knows nothing about Fyne; label widths come
// from a callback, so tests run without a window.
//
// Coordinates: the layout works in "time-direction" pixels u, growing from
// the earliest visible instant, and mirrors them to screen x at the end when
// time runs right to left. Labels always follow their marker in time (to its
// right in a left-to-right timeline, to its left in a right-to-left one)
// unless that would push them out of view.

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"annals/gui/i18n"
)

// Event precisions, as TIMEX3 granularities.
const (
	PrecisionDay    = "day"
	PrecisionMonth  = "month"
	PrecisionYear   = "year"
	PrecisionDecade = "decade"
)

// TimelineEvent is one event as the Timeline draws it. Start and End bound
// the span the date denotes ([Start, End), see SpanOf): an event shorter than
// a day and a day-precision event are drawn as a point, longer ones as a bar.
type TimelineEvent struct {
	ID         string
	Start, End time.Time
	Precision  string // day, month, year, decade
	Title      string
	Type       string // release, announcement, political, agreement, regulation, market, other
	Lane       string // group key: one labelled band per distinct value; "" for none
	Entities   []string
	Sources    int
	Dir        Direction // direction of Title; DirAuto guesses from its first letter
	// Count above 0 makes this a summary: Count events of the period that
	// are not loaded, drawn as a count bubble that zooms in when tapped and
	// is never selected. A library too large to load whole is drawn from
	// such summaries and only the visible period's events are loaded.
	Count int
}

// SpanOf turns a TIMEX3 date value into the span it denotes: "2025-01-20" is
// a day, "2024-11" a month, "2023" a year and "202" the decade 2020–2029.
// The span is [start, end) in UTC. ok is false for any other value.
func SpanOf(value string) (start, end time.Time, precision string, ok bool) {
	v := strings.TrimSpace(value)
	num := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	parts := strings.Split(v, "-")
	switch {
	case len(parts) == 1 && len(v) == 3:
		d, isNum := num(v)
		if !isNum {
			return
		}
		start = time.Date(d*10, 1, 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(10, 0, 0), PrecisionDecade, true
	case len(parts[0]) != 4:
		return
	}
	y, ok1 := num(parts[0])
	if !ok1 {
		return
	}
	switch len(parts) {
	case 1:
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(1, 0, 0), PrecisionYear, true
	case 2:
		m, isNum := num(parts[1])
		if !isNum || len(parts[1]) != 2 || m < 1 || m > 12 {
			return
		}
		start = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(0, 1, 0), PrecisionMonth, true
	case 3:
		m, ok1 := num(parts[1])
		d, ok2 := num(parts[2])
		if !ok1 || !ok2 || len(parts[1]) != 2 || len(parts[2]) != 2 || m < 1 || m > 12 || d < 1 {
			return
		}
		start = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if start.Day() != d { // 2025-02-30
			return time.Time{}, time.Time{}, "", false
		}
		return start, start.AddDate(0, 0, 1), PrecisionDay, true
	}
	return
}

// Locale is the language of the timeline's own labels (months, tooltips).
type Locale string

// Supported locales; anything else is English.
const (
	LocaleEnglish Locale = "en"
	LocaleArabic  Locale = "ar"
)

var monthsShortEN = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// MonthName is the month's full name in the locale.
func (l Locale) MonthName(m time.Month) string {
	return i18n.MonthNameIn(string(l), int(m))
}

// monthShort is the month's name on an axis tick: abbreviated in English;
// Arabic month names have no customary abbreviation.
func (l Locale) monthShort(m time.Month) string {
	if l == LocaleArabic {
		return i18n.MonthNameIn(i18n.Arabic, int(m))
	}
	return monthsShortEN[m-1]
}

// FormatSpan formats the date of an event of the given precision starting
// at t: "20 January 2025", "November 2024", "2023", "2020s" (Arabic:
// «20 يناير 2025», «نوفمبر 2024», «2023», «2020–2029»).
func (l Locale) FormatSpan(t time.Time, precision string) string {
	y := strconv.Itoa(t.Year())
	switch precision {
	case PrecisionDay:
		return strconv.Itoa(t.Day()) + " " + l.MonthName(t.Month()) + " " + y
	case PrecisionMonth:
		return l.MonthName(t.Month()) + " " + y
	case PrecisionDecade:
		d := t.Year() / 10 * 10
		if l == LocaleArabic {
			return strconv.Itoa(d) + "–" + strconv.Itoa(d+9)
		}
		return strconv.Itoa(d) + "s"
	}
	return y
}

// TickUnit is the calendar unit of an axis's ticks.
type TickUnit int

// Tick units, finest first.
const (
	TickDay TickUnit = iota
	TickMonth
	TickYear
	TickDecade
)

func (u TickUnit) String() string {
	return [...]string{"day", "month", "year", "decade"}[u]
}

// Tick is one labelled instant on the axis.
type Tick struct {
	Time  time.Time
	Label string
}

// TickSet is the axis for a visible range: Minor ticks of Step Units each,
// with short labels, and Context ticks one unit up (the month under days,
// the year under months) that say where the minor labels are. The first
// context tick may lie before the range: the view starts inside it.
type TickSet struct {
	Unit    TickUnit
	Step    int
	Minor   []Tick
	Context []Tick
}

// Minimum distance in pixels between two minor ticks, per unit: enough for
// their labels ("30", "Sep"/«سبتمبر», "2024", "2020s") at the text size.
const (
	minDayTickSpacing   = 30
	minMonthTickSpacing = 64
	minYearTickSpacing  = 56
)

type tickStep struct {
	unit    TickUnit
	n       int
	seconds float64 // approximate length
	minPx   float64
}

const (
	secDay   = 86400.0
	secMonth = 30.436875 * secDay
	secYear  = 365.2425 * secDay
)

var tickSteps = []tickStep{
	{TickDay, 1, secDay, minDayTickSpacing},
	{TickDay, 2, 2 * secDay, minDayTickSpacing},
	{TickDay, 5, 5 * secDay, minDayTickSpacing},
	{TickDay, 10, 10 * secDay, minDayTickSpacing},
	{TickMonth, 1, secMonth, minMonthTickSpacing},
	{TickMonth, 3, 3 * secMonth, minMonthTickSpacing},
	{TickMonth, 6, 6 * secMonth, minMonthTickSpacing},
	{TickYear, 1, secYear, minYearTickSpacing},
	{TickYear, 2, 2 * secYear, minYearTickSpacing},
	{TickYear, 5, 5 * secYear, minYearTickSpacing},
	{TickDecade, 10, 10 * secYear, minYearTickSpacing},
	{TickDecade, 20, 20 * secYear, minYearTickSpacing},
	{TickDecade, 50, 50 * secYear, minYearTickSpacing},
	{TickDecade, 100, 100 * secYear, minYearTickSpacing},
	{TickDecade, 500, 500 * secYear, minYearTickSpacing},
	{TickDecade, 1000, 1000 * secYear, minYearTickSpacing},
}

// Ticks returns the axis ticks for [from, to] drawn width pixels wide: the
// finest calendar step whose ticks stay far enough apart for their labels.
func Ticks(from, to time.Time, width float32, loc Locale) TickSet {
	var ts TickSet
	ticksInto(&ts, unixSec(from), unixSec(to), width, loc)
	return ts
}

func ticksInto(ts *TickSet, from, to float64, width float32, loc Locale) {
	ts.Minor, ts.Context = ts.Minor[:0], ts.Context[:0]
	if !(to > from) || width <= 0 {
		return
	}
	secPerPx := (to - from) / float64(width)
	st := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if s.seconds/secPerPx >= s.minPx {
			st = s
			break
		}
	}
	ts.Unit, ts.Step = st.unit, st.n
	t0, t1 := fromUnix(from).UTC(), fromUnix(to).UTC()
	switch st.unit {
	case TickDay:
		d := time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, time.UTC)
		for ; !d.After(t1); d = d.AddDate(0, 0, 1) {
			day := d.Day()
			if (day-1)%st.n != 0 || (st.n > 1 && day > daysIn(d)-st.n/2) || d.Before(t0) {
				continue
			}
			ts.Minor = append(ts.Minor, Tick{d, loc.digits(strconv.Itoa(day))})
		}
		m := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC)
		for ; !m.After(t1); m = m.AddDate(0, 1, 0) {
			ts.Context = append(ts.Context, Tick{m, loc.digits(loc.FormatSpan(m, PrecisionMonth))})
		}
	case TickMonth:
		m := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC)
		for ; !m.After(t1); m = m.AddDate(0, 1, 0) {
			if (int(m.Month())-1)%st.n != 0 || m.Before(t0) {
				continue
			}
			ts.Minor = append(ts.Minor, Tick{m, loc.monthShort(m.Month())})
		}
		y := time.Date(t0.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		for ; !y.After(t1); y = y.AddDate(1, 0, 0) {
			ts.Context = append(ts.Context, Tick{y, loc.digits(strconv.Itoa(y.Year()))})
		}
	default:
		y0 := t0.Year() - mod(t0.Year(), st.n)
		for y := y0; y <= t1.Year(); y += st.n {
			t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			if t.Before(t0) || t.After(t1) {
				continue
			}
			label := strconv.Itoa(y)
			if st.unit == TickDecade && loc != LocaleArabic {
				label += "s"
			}
			ts.Minor = append(ts.Minor, Tick{t, loc.digits(label)})
		}
	}
}

func mod(a, n int) int { return ((a % n) + n) % n }

func daysIn(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func unixSec(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

func fromUnix(s float64) time.Time {
	sec := math.Floor(s)
	return time.Unix(int64(sec), int64((s-sec)*1e9)).UTC()
}

// LayoutOptions are the geometry of one timeline frame.
type LayoutOptions struct {
	From, To    time.Time // the visible range
	Width       float32   // pixels across the range
	RightToLeft bool      // time runs from the right edge to the left
	// MaxRows is the number of rows a lane has room for (at least 1).
	// Items that find no free row with their label are drawn without it;
	// when even bare markers need more rows, the lane is grouped more
	// coarsely (bigger bubbles), and only as a last resort does it grow
	// past MaxRows.
	MaxRows    int
	MarkerSize float32 // diameter of a point; the minimum width of a bar
	LabelGap   float32 // between a marker and its label
	ItemGap    float32 // between neighbours in a row
	// ClusterDistance: events whose markers come closer than this are a
	// dense group; a group that does not fit in MaxRows with its labels is
	// drawn as one bubble. MaxClusterWidth bounds a group's spread so that a
	// dense decade becomes a row of bubbles, not one.
	ClusterDistance float32
	MaxClusterWidth float32
	// LabelWidth returns the drawn width of event i's label (its title),
	// already capped; nil means no labels.
	LabelWidth func(event int) float32
}

// DefaultLayoutOptions returns options with the widget's default geometry.
func DefaultLayoutOptions(from, to time.Time, width float32) LayoutOptions {
	return LayoutOptions{
		From: from, To: to, Width: width, MaxRows: 3,
		MarkerSize: 12, LabelGap: 6, ItemGap: 12,
		ClusterDistance: 14, MaxClusterWidth: 64,
	}
}

// TimelineLayout is the placement of the visible events, lane by lane.
type TimelineLayout struct {
	Lanes   []LaneLayout
	members []int // backing store of the items' Members
}

// LaneLayout is one band of the timeline: its key and its items, each in a
// row 0..Rows-1, never two overlapping in a row (labels included).
type LaneLayout struct {
	Key   string
	Rows  int
	Items []LayoutItem
}

// LayoutItem is a marker: one event, or a bubble counting several.
type LayoutItem struct {
	X0, X1 float32 // the marker's horizontal extent on screen
	// LabelX0, LabelX1 is the label's extent; equal when the label is hidden.
	LabelX0, LabelX1 float32
	Row              int
	Point            bool  // a point event (day precision or shorter)
	Members          []int // event indexes; more than one for a bubble
	From, To         time.Time
	// N is the number of events the item stands for: its members, each
	// summary counting as its Count.
	N int
	// Summary: a member is a summary, so the bubble stands for events
	// that are not loaded.
	Summary bool
}

// Count is the number of events the item stands for.
func (it *LayoutItem) Count() int { return max(it.N, len(it.Members)) }

// Cluster reports whether the item is a count bubble.
func (it *LayoutItem) Cluster() bool { return len(it.Members) > 1 || it.Summary }

// HasLabel reports whether the item's label is drawn.
func (it *LayoutItem) HasLabel() bool { return it.LabelX1 > it.LabelX0 }

// LayoutTimeline places events in their lanes for one frame. Lanes come in
// the order their keys first appear in events.
func LayoutTimeline(events []TimelineEvent, o LayoutOptions) TimelineLayout {
	var out TimelineLayout
	ix := newTimelineIndex(events)
	var buf layoutScratch
	ix.layout(&o, &out, &buf)
	return out
}

// tlEvent is an event in seconds since the Unix epoch.
type tlEvent struct {
	s, e    float64 // span; e > s
	point   bool
	summary bool // stands for events not loaded
	n       int  // events it stands for: 1, or a summary's Count
	prio    int  // labelled first when room is short: its sources
}

// timelineIndex holds the events sorted per lane, for cheap frames.
type timelineIndex struct {
	evs      []tlEvent
	lanes    []string
	byLane   [][]int32 // event indexes sorted by start
	maxDur   []float64 // per lane, the longest span
	min, max float64   // over all events
	// Per lane, over byLane: the events counted (n) and the greatest
	// centre in each prefix, the events counted and the least centre in
	// each suffix. They count the events beyond either end of the view
	// (offscreen) without going through every event of the library at
	// every zoom step.
	prefN, sufN       [][]int
	prefMaxC, sufMinC [][]float64
}

func newTimelineIndex(events []TimelineEvent) *timelineIndex {
	ix := &timelineIndex{evs: make([]tlEvent, len(events))}
	laneOf := map[string]int{}
	for i, ev := range events {
		s, e := unixSec(ev.Start), unixSec(ev.End)
		if ev.End.IsZero() || e < s {
			e = s
		}
		te := tlEvent{s: s, e: e, point: ev.Precision == PrecisionDay || e-s <= secDay, summary: ev.Count > 0, n: max(ev.Count, 1), prio: ev.Sources}
		if te.point { // drawn at the middle of its day
			if e == s && ev.Precision == PrecisionDay {
				e = s + secDay
			}
			te.s = (s + e) / 2
			te.e = te.s
		}
		ix.evs[i] = te
		l, ok := laneOf[ev.Lane]
		if !ok {
			l = len(ix.lanes)
			laneOf[ev.Lane] = l
			ix.lanes = append(ix.lanes, ev.Lane)
			ix.byLane = append(ix.byLane, nil)
			ix.maxDur = append(ix.maxDur, 0)
		}
		ix.byLane[l] = append(ix.byLane[l], int32(i))
		ix.maxDur[l] = math.Max(ix.maxDur[l], te.e-te.s)
		if i == 0 || te.s < ix.min {
			ix.min = te.s
		}
		if i == 0 || te.e > ix.max {
			ix.max = te.e
		}
	}
	for _, l := range ix.byLane {
		sort.SliceStable(l, func(a, b int) bool { return ix.evs[l[a]].s < ix.evs[l[b]].s })
	}
	for _, l := range ix.byLane {
		pn, pc := make([]int, len(l)+1), make([]float64, len(l)+1)
		sn, sc := make([]int, len(l)+1), make([]float64, len(l)+1)
		pc[0], sc[len(l)] = math.Inf(-1), math.Inf(1)
		for k, ei := range l {
			e := ix.evs[ei]
			pn[k+1], pc[k+1] = pn[k]+e.n, math.Max(pc[k], (e.s+e.e)/2)
		}
		for k := len(l) - 1; k >= 0; k-- {
			e := ix.evs[l[k]]
			sn[k], sc[k] = sn[k+1]+e.n, math.Min(sc[k+1], (e.s+e.e)/2)
		}
		ix.prefN, ix.prefMaxC = append(ix.prefN, pn), append(ix.prefMaxC, pc)
		ix.sufN, ix.sufMinC = append(ix.sufN, sn), append(ix.sufMinC, sc)
	}
	return ix
}

// offscreen counts the events that end before from and those that start
// after to, each with the centre nearest the view (unix seconds; the
// count 0 when there are none). Per lane, the events that start more than
// the lane's longest span (and a second, for rounding) before from end
// before it: a prefix of the lane, counted by the prefix sums; the few
// that start in that span before from are looked at one by one. Those
// that start after to are a suffix.
func (ix *timelineIndex) offscreen(from, to float64) (before, after tlOffscreen) {
	for li, idx := range ix.byLane {
		k0 := sort.Search(len(idx), func(k int) bool { return ix.evs[idx[k]].s >= from-ix.maxDur[li]-1 })
		if k0 > 0 {
			if before.count == 0 || ix.prefMaxC[li][k0] > before.nearest {
				before.nearest = ix.prefMaxC[li][k0]
			}
			before.count += ix.prefN[li][k0]
		}
		for _, ei := range idx[k0:] {
			e := ix.evs[ei]
			if e.s >= from {
				break
			}
			if c := (e.s + e.e) / 2; e.e < from {
				if before.count == 0 || c > before.nearest {
					before.nearest = c
				}
				before.count += e.n
			}
		}
		k2 := sort.Search(len(idx), func(k int) bool { return ix.evs[idx[k]].s > to })
		if k2 < len(idx) {
			if after.count == 0 || ix.sufMinC[li][k2] < after.nearest {
				after.nearest = ix.sufMinC[li][k2]
			}
			after.count += ix.sufN[li][k2]
		}
	}
	return before, after
}

// layoutScratch is reused from frame to frame so that panning allocates
// nothing once the buffers have grown.
type layoutScratch struct {
	cand    []cand
	rowEnd  []float32
	items   []LayoutItem
	members []int
	lanes   [][3]int
	occ     [][]occSpan // placeLabels: what each row holds, by position
	order   []int32     // placeLabels: items in the order they get labels
}

// occSpan is the extent of one item in a row, label included.
type occSpan struct {
	lo, hi   float32
	item     int32
	labelled bool
}

type cand struct {
	ev     int
	u0, u1 float32
}

func (ix *timelineIndex) layout(o *LayoutOptions, out *TimelineLayout, buf *layoutScratch) {
	out.Lanes = out.Lanes[:0]
	buf.members = buf.members[:0]
	from, to := unixSec(o.From), unixSec(o.To)
	if !(to > from) || o.Width <= 0 {
		return
	}
	maxRows := max(o.MaxRows, 1)
	spp := (to - from) / float64(o.Width)
	m := o.MarkerSize
	labelW := func(i int) float32 {
		if o.LabelWidth == nil {
			return 0
		}
		return o.LabelWidth(i)
	}
	// how far outside the view an event can sit and still show its label
	margin := float64(o.Width) * spp
	lanesItems := buf.lanes[:0] // [start, end) into buf.items and rows, per lane
	defer func() { buf.lanes = lanesItems[:0] }()
	buf.items = buf.items[:0]
	for li, idx := range ix.byLane {
		lo := sort.Search(len(idx), func(k int) bool { return ix.evs[idx[k]].s >= from-ix.maxDur[li]-margin })
		hi := sort.Search(len(idx), func(k int) bool { return ix.evs[idx[k]].s > to+margin })
		buf.cand = buf.cand[:0]
		for _, ei := range idx[lo:hi] {
			e := ix.evs[ei]
			u0, u1 := float32((e.s-from)/spp), float32((e.e-from)/spp)
			if u1-u0 < m {
				c := (u0 + u1) / 2
				u0, u1 = c-m/2, c+m/2
			}
			buf.cand = append(buf.cand, cand{int(ei), u0, u1})
		}
		itemStart, memberStart := len(buf.items), len(buf.members)
		// Group, then place the bare markers in as few rows as they
		// need; when the lane needs more rows than it has, group more
		// coarsely: a few bubbles read better than rows squeezed past the
		// lane's height. Then give labels to the events, most reported
		// first, each in the row that has room for it: titles use the free
		// rows before anything collapses.
		dist, spread := o.ClusterDistance, o.MaxClusterWidth
		for attempt := 0; ; attempt++ {
			if attempt > 0 {
				dist, spread = dist*2+m, spread*2
			}
			buf.items, buf.members = buf.items[:itemStart], buf.members[:memberStart]
			ix.group(buf, o, maxRows, dist, spread, labelW)
			items := buf.items[itemStart:]
			rows := packMarkers(items, o, buf)
			if rows <= maxRows || attempt == 3 {
				rows = ix.placeLabels(items, rows, maxRows, o, labelW, buf)
				lanesItems = append(lanesItems, [3]int{itemStart, len(buf.items), rows})
				break
			}
		}
	}
	// members may have been reallocated while growing: re-slice them
	off := 0
	for i := range buf.items {
		n := len(buf.items[i].Members)
		buf.items[i].Members = buf.members[off : off+n : off+n]
		off += n
	}
	for li, r := range lanesItems {
		items, rows := buf.items[r[0]:r[1]], r[2]
		for i := range items {
			it := &items[i]
			lo, hi := ix.evs[it.Members[0]].s, ix.evs[it.Members[0]].e
			for _, ev := range it.Members[1:] {
				lo, hi = math.Min(lo, ix.evs[ev].s), math.Max(hi, ix.evs[ev].e)
			}
			it.From, it.To = fromUnix(lo), fromUnix(hi)
			it.N = 0
			for _, ev := range it.Members {
				it.N += ix.evs[ev].n
			}
			if o.RightToLeft {
				it.X0, it.X1 = o.Width-it.X1, o.Width-it.X0
				it.LabelX0, it.LabelX1 = o.Width-it.LabelX1, o.Width-it.LabelX0
			}
		}
		out.Lanes = append(out.Lanes, LaneLayout{Key: ix.lanes[li], Rows: rows, Items: items})
	}
	out.members = buf.members
}

// group appends the lane's candidates to buf.items: single events, and one
// bubble for each dense group that does not fit in maxRows rows.
func (ix *timelineIndex) group(buf *layoutScratch, o *LayoutOptions, maxRows int, dist, spread float32, labelW func(int) float32) {
	for g := 0; g < len(buf.cand); {
		end := g + 1
		minU, maxU := buf.cand[g].u0, buf.cand[g].u1
		for end < len(buf.cand) {
			c := buf.cand[end]
			if c.u0 > maxU+dist || c.u0-minU > spread {
				break
			}
			maxU = max(maxU, c.u1)
			end++
		}
		group := buf.cand[g:end]
		summary, n := false, 0
		for _, c := range group {
			summary = summary || ix.evs[c.ev].summary
			n += ix.evs[c.ev].n
		}
		if !summary && (len(group) <= maxRows || (len(group) <= 4*maxRows && ix.fits(group, maxRows, o, labelW))) {
			for _, c := range group {
				first := len(buf.members)
				buf.members = append(buf.members, c.ev)
				buf.items = append(buf.items, LayoutItem{X0: c.u0, X1: c.u1, Point: ix.evs[c.ev].point,
					Members: buf.members[first:len(buf.members):len(buf.members)]})
			}
		} else {
			first := len(buf.members)
			for _, c := range group {
				buf.members = append(buf.members, c.ev)
			}
			w := bubbleWidth(n, o.MarkerSize)
			c := (minU + maxU) / 2
			buf.items = append(buf.items, LayoutItem{X0: c - w/2, X1: c + w/2, N: n, Summary: summary,
				Members: buf.members[first:len(buf.members):len(buf.members)]})
		}
		g = end
	}
}

// MinMarkerGap is the least room between a marker drawn without its label
// and its neighbour in the row.
const MinMarkerGap = 4

func bubbleWidth(n int, marker float32) float32 {
	digits := float32(1)
	for ; n >= 10; n /= 10 {
		digits++
	}
	return max(2*marker, 14+8*digits)
}

// labelExtent is where an item's label goes: inside a bar long enough to
// hold it, else after the marker, or before it when it would leave the view
// and fits there.
func labelExtent(u0, u1, lw float32, o *LayoutOptions) (float32, float32) {
	if lw <= 0 {
		return u1, u1
	}
	if u1-u0 >= lw+2*InsideLabelPad {
		return u0 + InsideLabelPad, u0 + InsideLabelPad + lw
	}
	a, b := u1+o.LabelGap, u1+o.LabelGap+lw
	if b > o.Width && u0-o.LabelGap-lw >= 0 {
		return u0 - o.LabelGap - lw, u0 - o.LabelGap
	}
	return a, b
}

// InsideLabelPad is the room on either side of a label drawn inside its bar.
const InsideLabelPad = 8

// LabelInside reports whether the item's label is drawn inside its bar.
func (it *LayoutItem) LabelInside() bool {
	return it.HasLabel() && it.LabelX0 >= it.X0 && it.LabelX1 <= it.X1
}

// fits reports whether a dense group packs into maxRows rows with labels.
func (ix *timelineIndex) fits(group []cand, maxRows int, o *LayoutOptions, labelW func(int) float32) bool {
	var ends [16]float32
	rowEnd := ends[:0]
	for _, c := range group {
		a, b := labelExtent(c.u0, c.u1, labelW(c.ev), o)
		lo, hi := min(a, c.u0), max(b, c.u1)
		placed := false
		for r := range rowEnd {
			if lo >= rowEnd[r]+o.ItemGap {
				rowEnd[r] = hi
				placed = true
				break
			}
		}
		if !placed {
			if len(rowEnd) == maxRows {
				return false
			}
			rowEnd = append(rowEnd, hi)
		}
	}
	return true
}

// packMarkers assigns rows to the bare markers, first fit in time order,
// with no labels yet. It returns the number of rows used.
func packMarkers(items []LayoutItem, o *LayoutOptions, buf *layoutScratch) int {
	gap := min(o.ItemGap, MinMarkerGap)
	rowEnd := buf.rowEnd[:0]
	for i := range items {
		it := &items[i]
		it.LabelX0, it.LabelX1 = it.X1, it.X1
		it.Row = -1
		for r := range rowEnd {
			if it.X0 >= rowEnd[r]+gap {
				it.Row, rowEnd[r] = r, it.X1
				break
			}
		}
		if it.Row < 0 {
			it.Row = len(rowEnd)
			rowEnd = append(rowEnd, it.X1)
		}
	}
	buf.rowEnd = rowEnd[:0]
	return len(rowEnd)
}

// placeLabels gives single events their labels where there is room, the
// events with the most sources first (then in time order): in the event's
// row, or else in another of the lane's maxRows rows, the marker moving
// with its label; the label goes after the marker in time, or before it
// when only that fits. Markers that get no label stay where packMarkers
// put them. It returns the number of rows used.
func (ix *timelineIndex) placeLabels(items []LayoutItem, rows, maxRows int, o *LayoutOptions, labelW func(int) float32, buf *layoutScratch) int {
	nRows := max(rows, maxRows)
	for len(buf.occ) < nRows {
		buf.occ = append(buf.occ, nil)
	}
	occ := buf.occ[:nRows]
	for r := range occ {
		occ[r] = occ[r][:0]
	}
	order := buf.order[:0]
	samePrio := true
	for i := range items {
		it := &items[i]
		occ[it.Row] = append(occ[it.Row], occSpan{lo: it.X0, hi: it.X1, item: int32(i)})
		if !it.Cluster() && labelW(it.Members[0]) > 0 {
			order = append(order, int32(i))
			samePrio = samePrio && ix.evs[it.Members[0]].prio == ix.evs[items[order[0]].Members[0]].prio
		}
	}
	if !samePrio { // else time order it is
		slices.SortStableFunc(order, func(a, b int32) int {
			return cmp.Compare(ix.evs[items[b].Members[0]].prio, ix.evs[items[a].Members[0]].prio)
		})
	}
	// free reports whether item self, spanning [lo, hi] with its marker at
	// [x0, x1], has room in row r beside everything else there. A label
	// keeps ItemGap from its neighbours; two markers only MinMarkerGap
	// when no label lies between them. The spans of a row never overlap,
	// so going back from the last one that starts before hi+ItemGap, the
	// first that ends far enough before lo ends the search.
	free := func(r int, self int32, lo, hi, x0, x1 float32) bool {
		row := occ[r]
		k := sort.Search(len(row), func(j int) bool { return row[j].lo >= hi+o.ItemGap })
		for j := k - 1; j >= 0; j-- {
			sp := row[j]
			if sp.item == self {
				continue
			}
			if sp.hi+o.ItemGap <= lo {
				return true
			}
			gap := o.ItemGap
			if !sp.labelled && ((sp.lo >= hi && hi <= x1) || (sp.hi <= lo && lo >= x0)) {
				gap = min(o.ItemGap, MinMarkerGap)
			}
			if sp.lo < hi+gap && lo < sp.hi+gap {
				return false
			}
		}
		return true
	}
	used := rows
	for _, i := range order {
		it := &items[i]
		lw := labelW(it.Members[0])
		a, b := labelExtent(it.X0, it.X1, lw, o)
		// the other side: before the marker, or after it when labelExtent
		// put it before; inside a bar there is no other side
		a2, b2 := a, b
		if a >= it.X1 {
			a2, b2 = it.X0-o.LabelGap-lw, it.X0-o.LabelGap
		} else if b <= it.X0 {
			a2, b2 = it.X1+o.LabelGap, it.X1+o.LabelGap+lw
		}
		placed := false
		for side := 0; side < 2 && !placed; side++ {
			la, lb := a, b
			if side == 1 {
				if a2 == a || a2 < 0 || b2 > o.Width {
					break
				}
				la, lb = a2, b2
			}
			lo, hi := min(la, it.X0), max(lb, it.X1)
			for k := -1; k < nRows; k++ {
				r := k
				if k < 0 {
					r = it.Row // its own row first
				} else if k == it.Row {
					continue
				}
				if !free(r, i, lo, hi, it.X0, it.X1) {
					continue
				}
				// take it out of its row, and into r with its label; in its
				// own row the span grows in place, still clear of the others
				old := occ[it.Row]
				for j := range old {
					if old[j].item != i {
						continue
					}
					if r == it.Row {
						old[j] = occSpan{lo: lo, hi: hi, item: i, labelled: true}
					} else {
						occ[it.Row] = slices.Delete(old, j, j+1)
					}
					break
				}
				if r != it.Row {
					row := occ[r]
					at := sort.Search(len(row), func(j int) bool { return row[j].lo >= lo })
					occ[r] = slices.Insert(row, at, occSpan{lo: lo, hi: hi, item: i, labelled: true})
				}
				it.Row, it.LabelX0, it.LabelX1 = r, la, lb
				used = max(used, r+1)
				placed = true
				break
			}
		}
	}
	buf.order = order[:0]
	// rows emptied by moves at the end are not kept
	for used > 1 && len(occ[used-1]) == 0 {
		used--
	}
	return used
}
