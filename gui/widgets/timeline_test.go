package widgets

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"annals/assets"
	"annals/gui/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// --- pure layout ---

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestSpanOf(t *testing.T) {
	tests := []struct {
		value      string
		start, end time.Time
		precision  string
		ok         bool
	}{
		{"2025-01-20", day(2025, 1, 20), day(2025, 1, 21), PrecisionDay, true},
		{"2024-02-29", day(2024, 2, 29), day(2024, 3, 1), PrecisionDay, true},
		{"2024-11", day(2024, 11, 1), day(2024, 12, 1), PrecisionMonth, true},
		{"2024-12", day(2024, 12, 1), day(2025, 1, 1), PrecisionMonth, true},
		{"2023", day(2023, 1, 1), day(2024, 1, 1), PrecisionYear, true},
		{"202", day(2020, 1, 1), day(2030, 1, 1), PrecisionDecade, true},
		{" 2023 ", day(2023, 1, 1), day(2024, 1, 1), PrecisionYear, true},
		{"", time.Time{}, time.Time{}, "", false},
		{"20", time.Time{}, time.Time{}, "", false},
		{"2025-13", time.Time{}, time.Time{}, "", false},
		{"2025-00", time.Time{}, time.Time{}, "", false},
		{"2025-02-30", time.Time{}, time.Time{}, "", false},
		{"2025-1-2", time.Time{}, time.Time{}, "", false},
		{"20x5", time.Time{}, time.Time{}, "", false},
		{"2025-01-20T10:00", time.Time{}, time.Time{}, "", false},
		{"PRESENT_REF", time.Time{}, time.Time{}, "", false},
		{"-2025", time.Time{}, time.Time{}, "", false},
		{"٢٠٢٥", time.Time{}, time.Time{}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			s, e, p, ok := SpanOf(tc.value)
			if ok != tc.ok || p != tc.precision || !s.Equal(tc.start) || !e.Equal(tc.end) {
				t.Errorf("SpanOf(%q) = %v, %v, %q, %v; want %v, %v, %q, %v", tc.value, s, e, p, ok, tc.start, tc.end, tc.precision, tc.ok)
			}
		})
	}
}

func TestFormatSpan(t *testing.T) {
	tests := []struct {
		loc  Locale
		t    time.Time
		prec string
		want string
	}{
		{LocaleEnglish, day(2025, 1, 20), PrecisionDay, "20 January 2025"},
		{LocaleArabic, day(2025, 1, 20), PrecisionDay, "20 يناير 2025"},
		{LocaleEnglish, day(2024, 11, 1), PrecisionMonth, "November 2024"},
		{LocaleArabic, day(2024, 11, 1), PrecisionMonth, "نوفمبر 2024"},
		{LocaleArabic, day(2023, 1, 1), PrecisionYear, "2023"},
		{LocaleEnglish, day(2020, 1, 1), PrecisionDecade, "2020s"},
		{LocaleArabic, day(2020, 1, 1), PrecisionDecade, "2020–2029"},
	}
	for _, tc := range tests {
		if got := tc.loc.FormatSpan(tc.t, tc.prec); got != tc.want {
			t.Errorf("%s FormatSpan(%v, %s) = %q, want %q", tc.loc, tc.t, tc.prec, got, tc.want)
		}
	}
}

func tickLabels(ts []Tick) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Label)
	}
	return out
}

func TestTicks(t *testing.T) {
	tests := []struct {
		name     string
		from, to time.Time
		width    float32
		loc      Locale
		unit     TickUnit
		step     int
		minor    []string // the first minor labels
		context  []string
	}{
		{"two centuries en", day(1900, 1, 1), day(2100, 1, 1), 1000, LocaleEnglish, TickDecade, 20,
			[]string{"1900s", "1920s", "1940s", "1960s", "1980s", "2000s", "2020s", "2040s", "2060s", "2080s", "2100s"}, nil},
		{"two centuries ar", day(1900, 1, 1), day(2100, 1, 1), 1000, LocaleArabic, TickDecade, 20,
			[]string{"1900", "1920", "1940"}, nil},
		{"decades", day(1945, 6, 1), day(2095, 1, 1), 1000, LocaleEnglish, TickDecade, 10,
			[]string{"1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s"}, nil},
		{"thirty years", day(1995, 1, 1), day(2025, 1, 1), 1000, LocaleEnglish, TickYear, 2,
			[]string{"1996", "1998", "2000"}, nil},
		{"ten years", day(2015, 1, 1), day(2025, 1, 1), 1000, LocaleArabic, TickYear, 1,
			[]string{"2015", "2016", "2017"}, nil},
		{"two years en", day(2024, 1, 1), day(2025, 12, 31), 1000, LocaleEnglish, TickMonth, 3,
			[]string{"Jan", "Apr", "Jul", "Oct", "Jan", "Apr", "Jul", "Oct"}, []string{"2024", "2025"}},
		{"two years ar", day(2024, 1, 1), day(2025, 12, 31), 1000, LocaleArabic, TickMonth, 3,
			[]string{"يناير", "أبريل", "يوليو", "أكتوبر", "يناير"}, []string{"2024", "2025"}},
		{"one year ar", day(2024, 12, 15), day(2025, 12, 15), 1000, LocaleArabic, TickMonth, 1,
			[]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
			[]string{"2024", "2025"}},
		{"one month en", day(2025, 1, 1), day(2025, 2, 1), 1000, LocaleEnglish, TickDay, 1,
			[]string{"1", "2", "3", "4", "5"}, []string{"January 2025", "February 2025"}},
		{"one month ar", day(2025, 1, 1), day(2025, 2, 1), 1000, LocaleArabic, TickDay, 1,
			[]string{"1", "2", "3"}, []string{"يناير 2025", "فبراير 2025"}},
		{"three months", day(2024, 11, 15), day(2025, 2, 15), 900, LocaleEnglish, TickDay, 5,
			[]string{"16", "21", "26", "1", "6", "11", "16", "21", "26", "1"},
			[]string{"November 2024", "December 2024", "January 2025", "February 2025"}},
		{"three months ar", day(2024, 11, 15), day(2025, 2, 15), 900, LocaleArabic, TickDay, 5,
			[]string{"16", "21"}, []string{"نوفمبر 2024", "ديسمبر 2024", "يناير 2025", "فبراير 2025"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := Ticks(tc.from, tc.to, tc.width, tc.loc)
			if ts.Unit != tc.unit || ts.Step != tc.step {
				t.Fatalf("unit %v step %d, want %v step %d", ts.Unit, ts.Step, tc.unit, tc.step)
			}
			got := tickLabels(ts.Minor)
			if len(got) < len(tc.minor) || !slices.Equal(got[:len(tc.minor)], tc.minor) {
				t.Errorf("minor labels %q, want them to start %q", got, tc.minor)
			}
			if ctx := tickLabels(ts.Context); !slices.Equal(ctx, tc.context) {
				t.Errorf("context labels %q, want %q", ctx, tc.context)
			}
			// ticks are inside the range, in order and far enough apart
			px := float64(tc.width) / tc.to.Sub(tc.from).Seconds()
			for i, tk := range ts.Minor {
				if tk.Time.Before(tc.from) || tk.Time.After(tc.to) {
					t.Errorf("tick %v outside the range", tk.Time)
				}
				if i > 0 {
					gap := tk.Time.Sub(ts.Minor[i-1].Time).Seconds() * px
					if gap < 12 {
						t.Errorf("ticks %v and %v only %.1f px apart", ts.Minor[i-1].Time, tk.Time, gap)
					}
				}
			}
		})
	}
}

// seedEvents are the events of the seed article, titles in both languages.
func seedEvents() []TimelineEvent {
	mk := func(id, value, title, typ, lane string, ents []string, sources int) TimelineEvent {
		s, e, p, ok := SpanOf(value)
		if !ok {
			panic(value)
		}
		return TimelineEvent{ID: id, Start: s, End: e, Precision: p, Title: title, Type: typ, Lane: lane, Entities: ents, Sources: sources}
	}
	return []TimelineEvent{
		mk("qwq", "2024-11", "أطلقت علي بابا نموذج QwQ", "release", "Alibaba", []string{"علي بابا", "QwQ"}, 1),
		mk("inauguration", "2025-01-20", "تنصيب ترامب", "political", "Trump", []string{"ترامب"}, 2),
		mk("r1", "2025-01-20", "DeepSeek releases R1", "release", "DeepSeek", []string{"DeepSeek"}, 1),
		mk("stargate", "2025-01-21", "الإعلان عن مشروع Stargate", "announcement", "Trump", []string{"Trump", "OpenAI"}, 1),
		mk("orders", "2025-01-23", "Trump signs executive orders", "regulation", "Trump", []string{"Trump"}, 3),
	}
}

func charWidth(events []TimelineEvent) func(int) float32 {
	return func(i int) float32 { return 7 * float32(len([]rune(events[i].Title))) }
}

// checkLayout verifies that no two items of a row overlap, labels included,
// and that every visible event is in exactly one item.
func checkLayout(t *testing.T, l TimelineLayout, o LayoutOptions, n int) {
	t.Helper()
	seen := make([]int, n)
	for _, lane := range l.Lanes {
		for i, a := range lane.Items {
			if a.Row < 0 || a.Row >= lane.Rows {
				t.Fatalf("lane %q item %d in row %d of %d", lane.Key, i, a.Row, lane.Rows)
			}
			for _, m := range a.Members {
				seen[m]++
			}
			a0, a1 := min(a.X0, a.LabelX0), max(a.X1, a.LabelX1)
			for j := i + 1; j < len(lane.Items); j++ {
				b := lane.Items[j]
				if b.Row != a.Row {
					continue
				}
				b0, b1 := min(b.X0, b.LabelX0), max(b.X1, b.LabelX1)
				gap := o.ItemGap
				if !a.HasLabel() || !b.HasLabel() {
					gap = min(gap, MinMarkerGap)
				}
				if a0 < b1+gap-0.01 && b0 < a1+gap-0.01 {
					t.Fatalf("lane %q row %d: [%v, %v] overlaps [%v, %v]", lane.Key, a.Row, a0, a1, b0, b1)
				}
			}
		}
	}
	for i, c := range seen {
		if c > 1 {
			t.Fatalf("event %d placed %d times", i, c)
		}
	}
}

func randomEvents(n int, seed int64, years int, lanes []string) []TimelineEvent {
	rng := rand.New(rand.NewSource(seed))
	types := []string{"release", "announcement", "political", "agreement", "regulation", "market", "other"}
	base := day(1995, 1, 1)
	evs := make([]TimelineEvent, n)
	for i := range evs {
		var v string
		d := base.AddDate(0, 0, rng.Intn(years*365))
		switch rng.Intn(10) {
		case 0:
			v = d.Format("2006")
		case 1, 2:
			v = d.Format("2006-01")
		default:
			v = d.Format("2006-01-02")
		}
		s, e, p, _ := SpanOf(v)
		lane := ""
		if len(lanes) > 0 {
			lane = lanes[rng.Intn(len(lanes))]
		}
		evs[i] = TimelineEvent{ID: fmt.Sprint("ev", i), Start: s, End: e, Precision: p,
			Title: strings.Repeat("x", 3+rng.Intn(30)), Type: types[rng.Intn(len(types))], Lane: lane}
	}
	return evs
}

func TestLayoutPackingNeverOverlaps(t *testing.T) {
	for _, tc := range []struct {
		name     string
		n        int
		from, to time.Time
		rtl      bool
		maxRows  int
	}{
		{"30 years", 2000, day(1995, 1, 1), day(2025, 1, 1), false, 3},
		{"2 years", 2000, day(2010, 1, 1), day(2012, 1, 1), false, 4},
		{"2 months rtl", 2000, day(2010, 1, 1), day(2010, 3, 1), true, 4},
		{"1 month, one row", 300, day(2010, 1, 1), day(2010, 2, 1), false, 1},
		{"sparse", 40, day(1995, 1, 1), day(2025, 1, 1), true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := randomEvents(tc.n, 7, 30, []string{"a", "b", "c"})
			o := DefaultLayoutOptions(tc.from, tc.to, 1000)
			o.RightToLeft, o.MaxRows, o.LabelWidth = tc.rtl, tc.maxRows, charWidth(evs)
			l := LayoutTimeline(evs, o)
			if len(l.Lanes) != 3 {
				t.Fatalf("%d lanes, want 3", len(l.Lanes))
			}
			checkLayout(t, l, o, len(evs))
		})
	}
}

func TestLayoutLanesInOrderOfAppearance(t *testing.T) {
	evs := seedEvents()
	o := DefaultLayoutOptions(day(2024, 10, 1), day(2025, 2, 1), 1000)
	l := LayoutTimeline(evs, o)
	var keys []string
	for _, lane := range l.Lanes {
		keys = append(keys, lane.Key)
	}
	if want := []string{"Alibaba", "Trump", "DeepSeek"}; !slices.Equal(keys, want) {
		t.Fatalf("lanes %q, want %q", keys, want)
	}
	if n := len(l.Lanes[1].Items); n != 3 {
		t.Fatalf("Trump lane has %d items, want 3", n)
	}
}

func TestLayoutMonthWiderThanDay(t *testing.T) {
	evs := seedEvents()[:2] // 2024-11 and 2025-01-20
	for _, rtl := range []bool{false, true} {
		o := DefaultLayoutOptions(day(2024, 10, 1), day(2025, 2, 1), 1000)
		o.RightToLeft = rtl
		l := LayoutTimeline(evs, o)
		month, dayItem := l.Lanes[0].Items[0], l.Lanes[1].Items[0]
		if month.Point || !dayItem.Point {
			t.Fatalf("month point=%v, day point=%v", month.Point, dayItem.Point)
		}
		if mw, dw := month.X1-month.X0, dayItem.X1-dayItem.X0; mw <= 2*dw || dw != o.MarkerSize {
			t.Errorf("rtl=%v: month %.1f px wide, day %.1f px", rtl, mw, dw)
		}
		// 30 days of 123 across 1000 px
		if mw := month.X1 - month.X0; math.Abs(float64(mw)-30*1000/123.0) > 1 {
			t.Errorf("month is %.1f px wide", mw)
		}
		if rtl != (month.X0 > dayItem.X0) {
			t.Errorf("rtl=%v but the month is at %v, the day at %v", rtl, month.X0, dayItem.X0)
		}
	}
}

func TestLayoutClusters(t *testing.T) {
	const n = 6
	var evs []TimelineEvent
	for i := range n {
		s, e, p, _ := SpanOf(day(2025, 1, 1+i).Format("2006-01-02"))
		evs = append(evs, TimelineEvent{ID: fmt.Sprint(i), Start: s, End: e, Precision: p, Title: "event"})
	}
	layoutAt := func(from, to time.Time) TimelineLayout {
		o := DefaultLayoutOptions(from, to, 1000)
		o.MaxRows, o.LabelWidth = 2, charWidth(evs)
		l := LayoutTimeline(evs, o)
		checkLayout(t, l, o, n)
		return l
	}
	// ten years: the six days are 3 px apart
	far := layoutAt(day(2020, 1, 1), day(2030, 1, 1))
	if items := far.Lanes[0].Items; len(items) != 1 || items[0].Count() != n || !items[0].Cluster() {
		t.Fatalf("far: %d items, first counts %d; want one bubble of %d", len(items), items[0].Count(), n)
	}
	b := far.Lanes[0].Items[0]
	if !b.From.Equal(day(2025, 1, 1).Add(12*time.Hour)) || !b.To.Equal(day(2025, 1, 6).Add(12*time.Hour)) {
		t.Errorf("bubble spans %v – %v", b.From, b.To)
	}
	// two weeks: a day is 71 px, room for every label
	near := layoutAt(day(2024, 12, 28), day(2025, 1, 11))
	items := near.Lanes[0].Items
	if len(items) != n {
		t.Fatalf("near: %d items, want %d singles", len(items), n)
	}
	for _, it := range items {
		if it.Cluster() || !it.HasLabel() {
			t.Errorf("near: item %v cluster=%v label=%v", it.Members, it.Cluster(), it.HasLabel())
		}
	}
	// a month: a day is 32 px; no bubble, the labels alternate rows
	month := layoutAt(day(2024, 12, 20), day(2025, 1, 20))
	if items := month.Lanes[0].Items; len(items) != n || items[0].Row == items[1].Row {
		t.Errorf("a month: %d items, want %d in two rows", len(items), n)
	}
	// in between (a year): still one bubble
	mid := layoutAt(day(2024, 7, 1), day(2025, 7, 1))
	if items := mid.Lanes[0].Items; len(items) != 1 || items[0].Count() != n {
		t.Errorf("a year: %d items, want one bubble", len(items))
	}
}

func TestLayoutDoesNotAllocateWhilePanning(t *testing.T) {
	evs := randomEvents(10000, 3, 30, nil)
	ix := newTimelineIndex(evs)
	var out TimelineLayout
	var buf layoutScratch
	widths := make([]float32, len(evs))
	for i := range widths {
		widths[i] = charWidth(evs)(i)
	}
	o := DefaultLayoutOptions(day(2000, 1, 1), day(2002, 1, 1), 1200)
	o.LabelWidth = func(i int) float32 { return widths[i] }
	pan := func(k int) {
		d := time.Duration(k) * 24 * time.Hour
		o.From, o.To = day(2000, 1, 1).Add(d), day(2002, 1, 1).Add(d)
		ix.layout(&o, &out, &buf)
	}
	for k := range 200 { // grow the buffers
		pan(k * 3)
	}
	k := 0
	allocs := testing.AllocsPerRun(50, func() { pan(k % 200 * 3); k++ })
	if allocs > 0 {
		t.Errorf("%.1f allocations per frame while panning", allocs)
	}
}

// --- widget ---

var (
	tlTestArabic     = fyne.NewStaticResource("NotoSansArabic-Regular.ttf", assets.SansArabicRegular)
	tlTestArabicBold = fyne.NewStaticResource("NotoSansArabic-Bold.ttf", assets.SansArabicBold)
)

// timelineTestTheme puts Noto Sans Arabic first, as Annals' theme does.
type timelineTestTheme struct{ fyne.Theme }

func (t timelineTestTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace, s.Symbol, s.Italic:
		return t.Theme.Font(s)
	case s.Bold:
		return tlTestArabicBold
	}
	return tlTestArabic
}

// newTimelineTest shows a timeline of the seed events in a test window.
func newTimelineTest(t *testing.T, size fyne.Size, configure func(*Timeline)) (*Timeline, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, timelineTestTheme{test.NewTheme()})
	old := timeNow
	timeNow = func() time.Time { return day(2025, 1, 26).Add(12 * time.Hour) }
	t.Cleanup(func() { timeNow = old })
	tl := NewTimeline(seedEvents())
	if configure != nil {
		configure(tl)
	}
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(size)
	return tl, w
}

// itemAt returns the centre of the marker showing event id.
func itemAt(t *testing.T, tl *Timeline, id string) (fyne.Position, *LayoutItem) {
	t.Helper()
	tl.mu.Lock()
	defer tl.mu.Unlock()
	f := tl.frameLocked(tl.Size())
	for li := range f.layout.Lanes {
		for i := range f.layout.Lanes[li].Items {
			it := &f.layout.Lanes[li].Items[i]
			for _, m := range it.Members {
				if tl.events[m].ID == id {
					return fyne.NewPos((it.X0+it.X1)/2, f.itemY(li, it)), it
				}
			}
		}
	}
	t.Fatalf("event %q not drawn", id)
	return fyne.Position{}, nil
}

func texts(t *testing.T, tl *Timeline) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range test.TempWidgetRenderer(t, tl).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx)
		}
	}
	return out
}

func findText(ts []*canvas.Text, s string) *canvas.Text {
	for _, tx := range ts {
		if tx.Text == s {
			return tx
		}
	}
	return nil
}

func TestTimelineFitAllShowsAllEvents(t *testing.T) {
	tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), nil)
	check := func(when string) {
		from, to := tl.VisibleRange()
		for _, ev := range tl.Events() {
			if ev.Start.Before(from) || ev.End.After(to) {
				t.Errorf("%s: %s [%v, %v] outside view [%v, %v]", when, ev.ID, ev.Start, ev.End, from, to)
			}
		}
		if to.Sub(from) > 365*24*time.Hour {
			t.Errorf("%s: view [%v, %v] is much wider than the events", when, from, to)
		}
	}
	check("initially")
	for range 6 {
		tl.ZoomIn()
	}
	tl.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(500, 0)})
	tl.FitAll()
	check("after FitAll")
	for _, id := range []string{"qwq", "inauguration", "r1", "stargate", "orders"} {
		itemAt(t, tl, id)
	}
}

func TestTimelineTapSelects(t *testing.T) {
	for _, rtl := range []bool{false, true} {
		t.Run(fmt.Sprint("rtl=", rtl), func(t *testing.T) {
			tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), func(tl *Timeline) { tl.RightToLeft = rtl })
			var got []string
			tl.OnSelected = func(id string) { got = append(got, id) }
			for _, id := range []string{"orders", "qwq", "r1"} {
				pos, _ := itemAt(t, tl, id)
				test.TapAt(tl, pos)
			}
			test.TapAt(tl, fyne.NewPos(450, 455)) // the axis: nothing
			if want := []string{"orders", "qwq", "r1"}; !slices.Equal(got, want) {
				t.Fatalf("OnSelected got %q, want %q", got, want)
			}
			if tl.Selected() != "r1" {
				t.Errorf("Selected() = %q", tl.Selected())
			}
		})
	}
}

func TestTimelineScrollZoomsAroundPointer(t *testing.T) {
	for _, rtl := range []bool{false, true} {
		t.Run(fmt.Sprint("rtl=", rtl), func(t *testing.T) {
			tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), func(tl *Timeline) { tl.RightToLeft = rtl })
			for _, x := range []float32{200, 700} {
				from0, to0 := tl.VisibleRange()
				under := tl.timeAt(x)
				tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, 100)}, Scrolled: fyne.NewDelta(0, 20)})
				from1, to1 := tl.VisibleRange()
				if got := tl.timeAt(x); got.Sub(under).Abs() > time.Second {
					t.Errorf("x=%v: %v under the pointer became %v", x, under, got)
				}
				if to1.Sub(from1) >= to0.Sub(from0) {
					t.Errorf("x=%v: wheel up did not zoom in: %v → %v", x, to0.Sub(from0), to1.Sub(from1))
				}
				tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, 100)}, Scrolled: fyne.NewDelta(0, -20)})
				from2, to2 := tl.VisibleRange()
				if from2.Sub(from0).Abs() > time.Second || to2.Sub(to0).Abs() > time.Second {
					t.Errorf("x=%v: zooming back gave [%v, %v], want [%v, %v]", x, from2, to2, from0, to0)
				}
			}
		})
	}
}

func TestTimelineZoomButtons(t *testing.T) {
	tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), nil)
	from0, to0 := tl.VisibleRange()
	mid0 := from0.Add(to0.Sub(from0) / 2)
	tl.ZoomIn()
	from1, to1 := tl.VisibleRange()
	if r := float64(to0.Sub(from0)) / float64(to1.Sub(from1)); math.Abs(r-tlZoomStep) > 0.01 {
		t.Errorf("ZoomIn scaled by %v", r)
	}
	if mid1 := from1.Add(to1.Sub(from1) / 2); mid1.Sub(mid0).Abs() > time.Second {
		t.Errorf("ZoomIn moved the centre from %v to %v", mid0, mid1)
	}
	tl.ZoomOut()
	if from2, to2 := tl.VisibleRange(); from2.Sub(from0).Abs() > time.Second || to2.Sub(to0).Abs() > time.Second {
		t.Errorf("ZoomOut did not undo ZoomIn")
	}
	for range 100 {
		tl.ZoomIn()
	}
	if from, to := tl.VisibleRange(); to.Sub(from) < 3*24*time.Hour {
		t.Errorf("zoomed in to %v across 900 px", to.Sub(from))
	}
}

func TestTimelineDragAndKeysPan(t *testing.T) {
	for _, rtl := range []bool{false, true} {
		t.Run(fmt.Sprint("rtl=", rtl), func(t *testing.T) {
			tl, w := newTimelineTest(t, fyne.NewSize(900, 460), func(tl *Timeline) { tl.RightToLeft = rtl })
			from0, to0 := tl.VisibleRange()
			pxDur := to0.Sub(from0) / 900
			at := tl.timeAt(300)
			test.Drag(w.Canvas(), fyne.NewPos(300, 100), 120, 0)
			// the instant that was under x=300 follows the pointer to x=420
			if got := tl.timeAt(420); got.Sub(at).Abs() > pxDur {
				t.Errorf("after dragging 120 px, %v is at x=420, want %v", got, at)
			}
			from1, to1 := tl.VisibleRange()
			if to1.Sub(from1) != to0.Sub(from0) && (to1.Sub(from1)-to0.Sub(from0)).Abs() > time.Second {
				t.Errorf("drag changed the zoom")
			}
			// → shows what is to the right: later in LTR, earlier in RTL
			tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
			from2, _ := tl.VisibleRange()
			if later := from2.After(from1); later == rtl {
				t.Errorf("→ moved the view from %v to %v", from1, from2)
			}
			tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
			if from3, _ := tl.VisibleRange(); from3.Sub(from1).Abs() > time.Second {
				t.Errorf("← did not undo →: %v vs %v", from3, from1)
			}
			tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
			if from4, _ := tl.VisibleRange(); from4.Sub(from0).Abs() > time.Second {
				t.Errorf("Home did not fit all: %v vs %v", from4, from0)
			}
		})
	}
}

func TestTimelineTodayAndSelect(t *testing.T) {
	tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), nil)
	tl.Today()
	from, to := tl.VisibleRange()
	if mid := from.Add(to.Sub(from) / 2); mid.Sub(timeNow()).Abs() > time.Minute {
		t.Errorf("Today centred on %v", mid)
	}
	for range 8 {
		tl.ZoomIn()
	}
	tl.Select("qwq") // November 2024, now out of view
	from, to = tl.VisibleRange()
	if day(2024, 11, 15).Before(from) || day(2024, 11, 15).After(to) {
		t.Errorf("Select did not bring qwq into view: [%v, %v]", from, to)
	}
	if tl.Selected() != "qwq" {
		t.Errorf("Selected() = %q", tl.Selected())
	}
}

func TestTimelineHoverShowsTooltip(t *testing.T) {
	tl, w := newTimelineTest(t, fyne.NewSize(900, 460), nil)
	pos, _ := itemAt(t, tl, "orders")
	if findText(texts(t, tl), "sources") != nil {
		t.Fatal("tooltip shown before hovering")
	}
	test.MoveMouse(w.Canvas(), pos)
	ts := texts(t, tl)
	for _, want := range []string{"sources", "23", "January", "2025", "Regulation", "Trump"} {
		if findText(ts, want) == nil {
			t.Errorf("tooltip has no %q", want)
		}
	}
	if tl.Cursor() != desktop.PointerCursor {
		t.Errorf("cursor over an event is %v", tl.Cursor())
	}
	test.MoveMouse(w.Canvas(), fyne.NewPos(5, 5))
	if findText(texts(t, tl), "sources") != nil {
		t.Error("tooltip still shown after leaving the event")
	}
}

func TestTimelineArabicLabelsInDisplayOrder(t *testing.T) {
	tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), func(tl *Timeline) {
		tl.Locale, tl.RightToLeft = LocaleArabic, true
	})
	tl.SetVisibleRange(day(2025, 1, 1), day(2025, 1, 31))
	ts := texts(t, tl)
	if findText(ts, "يناير") == nil {
		t.Errorf("no Arabic month on the axis")
	}
	// «الإعلان عن مشروع Stargate»: Arabic first in reading order, so right
	// of the Latin word; «يناير 2025»: the month right of the year.
	for _, pair := range [][2]string{{"الإعلان", "Stargate"}, {"يناير", "2025"}} {
		var ar, lat *canvas.Text
		for _, tx := range ts {
			if strings.HasPrefix(tx.Text, pair[0]) && ar == nil {
				ar = tx
			}
			if tx.Text == pair[1] && lat == nil && (pair[1] != "2025" || tx.TextStyle.Bold) {
				lat = tx
			}
		}
		if ar == nil || lat == nil {
			t.Fatalf("runs %q / %q not found", pair[0], pair[1])
		}
		if ar.Position().X <= lat.Position().X {
			t.Errorf("%q at x=%v is not right of %q at x=%v", ar.Text, ar.Position().X, lat.Text, lat.Position().X)
		}
	}
}

func TestTimelineTapOnBubbleZoomsIn(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, timelineTestTheme{test.NewTheme()})
	var evs []TimelineEvent
	for i := range 12 {
		s, e, p, _ := SpanOf(day(2025, 3, 1+i).Format("2006-01-02"))
		evs = append(evs, TimelineEvent{ID: fmt.Sprint("d", i), Start: s, End: e, Precision: p, Title: "event", Type: "market"})
	}
	evs = append(evs, seedEvents()...)
	tl := NewTimeline(evs)
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(700, 200))
	tl.SetVisibleRange(day(2015, 1, 1), day(2035, 1, 1))
	pos, it := itemAt(t, tl, "d0")
	if !it.Cluster() {
		t.Fatalf("d0 not in a bubble at 20 years")
	}
	selected := ""
	tl.OnSelected = func(id string) { selected = id }
	test.TapAt(tl, pos)
	if selected != "" {
		t.Errorf("tap on a bubble selected %q", selected)
	}
	for range 4 {
		if _, it = itemAt(t, tl, "d0"); !it.Cluster() {
			break
		}
		pos, _ = itemAt(t, tl, "d0")
		test.TapAt(tl, pos)
	}
	if it.Cluster() {
		from, to := tl.VisibleRange()
		t.Errorf("still a bubble of %d at [%v, %v]", it.Count(), from, to)
	}
}

func TestTimelineExportPNG(t *testing.T) {
	tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), nil)
	from, to := tl.VisibleRange()
	var buf bytes.Buffer
	if err := tl.ExportPNG(&buf, fyne.NewSize(640, 240)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 240 {
		t.Fatalf("image is %v", b)
	}
	colours := map[uint32]bool{}
	for y := 0; y < 240; y += 3 {
		for x := 0; x < 640; x += 3 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|b>>8] = true
		}
	}
	if len(colours) < 8 {
		t.Errorf("exported image has %d colours: blank?", len(colours))
	}
	if f2, t2 := tl.VisibleRange(); !f2.Equal(from) || !t2.Equal(to) {
		t.Errorf("export moved the view")
	}
}

func TestTimelineSnapshot(t *testing.T) {
	tl, w := newTimelineTest(t, fyne.NewSize(720, 420), nil)
	tl.Select("r1")
	test.AssertImageMatches(t, "timeline_seed.png", w.Canvas().Capture())
	tl.Locale, tl.RightToLeft = LocaleArabic, true
	tl.Refresh()
	test.AssertImageMatches(t, "timeline_seed_rtl.png", w.Canvas().Capture())
}

func TestTimelineOffscreenChips(t *testing.T) {
	for _, rtl := range []bool{false, true} {
		t.Run(fmt.Sprint("rtl=", rtl), func(t *testing.T) {
			tl, _ := newTimelineTest(t, fyne.NewSize(900, 460), func(tl *Timeline) { tl.RightToLeft = rtl })
			tl.SetVisibleRange(day(2024, 12, 10), day(2024, 12, 31))
			if findText(texts(t, tl), "period") == nil {
				t.Error("no word that the period is empty")
			}
			tl.mu.Lock()
			f := tl.frameLocked(tl.Size())
			earlier, later := f.off[0], f.off[1]
			y := f.chipY() + tlChipHeight/2
			tl.mu.Unlock()
			if earlier.count != 1 || later.count != 4 {
				t.Fatalf("chips count %d earlier, %d later; want 1, 4", earlier.count, later.count)
			}
			if (earlier.x < later.x) == rtl {
				t.Errorf("earlier chip at %v, later at %v", earlier.x, later.x)
			}
			test.TapAt(tl, fyne.NewPos(later.x+later.w/2, y))
			from, to := tl.VisibleRange()
			if want := day(2025, 1, 20); want.Before(from) || want.After(to) {
				t.Errorf("tapping %q shows [%v, %v]", later.label, from, to)
			}
			if findText(texts(t, tl), "period") != nil {
				t.Error("still empty after jumping to the next events")
			}
		})
	}
}

func TestTimelineSelectOpensBubble(t *testing.T) {
	tl, _ := newTimelineTest(t, fyne.NewSize(900, 300), nil) // a row per lane
	tl.SetVisibleRange(day(2000, 1, 1), day(2040, 1, 1))
	if _, it := itemAt(t, tl, "stargate"); !it.Cluster() {
		t.Fatal("stargate not in a bubble at 40 years")
	}
	tl.Select("stargate")
	if _, it := itemAt(t, tl, "stargate"); it.Cluster() {
		from, to := tl.VisibleRange()
		t.Errorf("stargate still in a bubble after Select: [%v, %v]", from, to)
	}
	from, to := tl.VisibleRange()
	if to.Sub(from) < 10*24*time.Hour {
		t.Errorf("Select zoomed in further than needed: %v", to.Sub(from))
	}
}

func TestLayoutLabelInsideLongBar(t *testing.T) {
	evs := seedEvents()[:1] // 2024-11, «أطلقت علي بابا نموذج QwQ»: 24 characters, 168 px
	for _, tc := range []struct {
		from, to time.Time
		inside   bool
	}{
		{day(2024, 10, 1), day(2025, 2, 1), false}, // the month is 244 px: room
		{day(2024, 1, 1), day(2025, 12, 31), false},
		{day(2024, 11, 10), day(2024, 11, 20), true}, // the bar is wider than the view
	} {
		for _, rtl := range []bool{false, true} {
			o := DefaultLayoutOptions(tc.from, tc.to, 1000)
			o.RightToLeft, o.LabelWidth = rtl, charWidth(evs)
			it := LayoutTimeline(evs, o).Lanes[0].Items[0]
			want := tc.inside || it.X1-it.X0 >= 168+2*InsideLabelPad
			if it.LabelInside() != want || !it.HasLabel() {
				t.Errorf("[%v, %v] rtl=%v: bar %.0f px, label [%.0f, %.0f] inside=%v", tc.from, tc.to, rtl, it.X1-it.X0, it.LabelX0, it.LabelX1, it.LabelInside())
			}
		}
	}
}

// TestTypeNamesAreTheInterfacesWords: the timeline's lanes and legend name an
// event type with the same word as the Timeline's type picker, list and detail
// (the translations), capitalised like a label in English; an unknown type
// shows as stored and a missing one as "other".
func TestTypeNamesAreTheInterfacesWords(t *testing.T) {
	for _, typ := range []string{"release", "announcement", "political", "agreement", "regulation", "market", "other"} {
		for _, c := range []struct {
			loc  Locale
			lang string
		}{{LocaleEnglish, i18n.English}, {LocaleArabic, i18n.Arabic}} {
			got := c.loc.TypeName(typ)
			if want := i18n.TIn(c.lang, typ); got != want || got == typ {
				t.Errorf("%s %q: lane name %q, interface word %q", c.lang, typ, got, want)
			}
			if c.loc == LocaleEnglish && !unicode.IsUpper([]rune(got)[0]) {
				t.Errorf("English %q is named %q: a label starts with a capital", typ, got)
			}
		}
		if got := LocaleEnglish.TypeName(strings.ToUpper(typ)); got != i18n.TIn(i18n.English, typ) {
			t.Errorf("%q in capitals is named %q", typ, got)
		}
	}
	if got := LocaleEnglish.TypeName("launch-party"); got != "launch-party" {
		t.Errorf("unknown type named %q, want it as stored", got)
	}
	if got, want := LocaleArabic.TypeName(""), i18n.TIn(i18n.Arabic, "other"); got != want {
		t.Errorf("no type named %q, want %q", got, want)
	}
}
