package views

import (
	"annals/gui/fynedo"
	"annals/gui/i18n"
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"annals/data/library"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// Lane groupings of the timeline.
const (
	GroupNone    = "No lanes"
	GroupType    = "By type"
	GroupEntity  = "By entity"
	GroupArticle = "By article"
)

// eventTypes is the order types are offered in the filter.
var eventTypes = []string{"release", "announcement", "political", "agreement", "regulation", "market", "other"}

const allTypes = "All types"

// timelineLimit is the most timeline items the view loads at once: the
// whole library when it holds no more, else the period in view once it is
// that small. A library of years holds hundreds of thousands, and loading
// them all took seconds; the rest is drawn as counts from the overview.
var timelineLimit = 3000

// detailWait is how long zooming and panning must pause before the view
// loads the period in view.
var detailWait = 150 * time.Millisecond

// Timeline is the events of the whole library on a time axis, with a
// sortable list of the same events for keyboard and screen-reader users and
// a detail panel for the selected event.
type Timeline struct {
	lib *library.Library
	log *log.Logger

	// OnOpenSource opens an article at the sentence that reports an event.
	OnOpenSource func(articleID int64, start, end int)
	// OnOpenEntity shows an entity's page.
	OnOpenEntity func(key string)
	// OnExport asks where to save an export (format: "png", "csv",
	// "timelinejs") and calls write with the destination.
	OnExport func(format string)
	// OnLoaded is called on the UI thread after events were loaded.
	OnLoaded func()
	// OnEditEvent asks the user for an event's corrected date, precision,
	// type and title, starting from the current ones.
	OnEditEvent func(current library.EventEdit, types []string, done func(library.EventEdit))
	// OnError shows a problem.
	OnError func(title string, err error)

	Widget *widgets.Timeline
	Search *widgets.Entry
	// Type and Group are the project's picker, not widget.Select: Select
	// draws its text from the left in every language and does not mirror.
	Type   *Picker
	Group  *Picker
	list   *widget.List
	detail *fyne.Container
	// detailScroll holds the detail panel; a newly chosen event shows
	// from its top.
	detailScroll *container.Scroll
	// legend names the colours of the event types on the axis.
	legend      *fyne.Container
	legendNames []string
	// RightToLeft is the toolbar's switch for the direction time runs;
	// on by default in the Arabic interface.
	RightToLeft *widget.Check
	status      *widgets.Label
	root        fyne.CanvasObject

	article      int64 // only events this article reports; 0 for all
	articleLabel *widgets.Label
	articleChip  *fyne.Container

	events   []library.TimelineEvent // as loaded, by date
	matched  []library.TimelineEvent // after the text filter
	shown    []library.TimelineEvent // listed: matched, in the period in view
	selected int64

	// The whole library is loaded (all), or only the events dated wholly
	// inside the period win.From–win.To (TIMEX3 days, "" when none is),
	// with the overview counting the items of every other date value.
	all              bool
	win              library.TimelineFilter
	overview, byType []library.TimelineBucket
	total            int // items the filter selects, in the whole library
	filter           library.TimelineFilter
	viewFrom, viewTo time.Time // the period in view, as last reported
	laidOut          bool      // the widget has events: keep its view
	// Reload and the loads of a period are apart so that panning does not
	// cancel a reload; a reload drops the period being loaded, which
	// would have the old filter.
	loads, periods loader
	reloading      bool
	viewChange     debouncer
}

// NewTimeline builds the view; call Reload to fill it.
func NewTimeline(lib *library.Library, logger *log.Logger) *Timeline {
	v := &Timeline{lib: lib, log: logger}
	v.Widget = widgets.NewTimeline(nil)
	if i18n.RTL() {
		v.Widget.Locale = widgets.LocaleArabic
	}
	v.Widget.OnSelected = func(id string) {
		gid, _ := strconv.ParseInt(id, 10, 64)
		v.selectGroup(gid, false)
	}
	v.Widget.OnInput = func() { timing.input("timeline") }
	v.Widget.OnViewChanged = func(from, to time.Time) {
		timing.changed("timeline")
		v.viewFrom, v.viewTo = from, to
		v.viewChange.after(detailWait, v.loadVisible)
	}
	v.Search = widgets.NewEntry()
	v.Search.SetPlaceHolder(i18n.T("Filter events…"))
	v.Search.OnChanged = func(string) { v.applyFilter() }
	types := []string{i18n.T(allTypes)}
	for _, t := range eventTypes {
		types = append(types, i18n.T(t))
	}
	v.Type = NewPicker(types, func(string) { v.Reload() })
	v.Type.SetSelected(i18n.T(allTypes))
	v.Group = NewPicker([]string{i18n.T(GroupNone), i18n.T(GroupType), i18n.T(GroupEntity), i18n.T(GroupArticle)}, func(string) { v.applyFilter() })
	v.Group.SetSelected(i18n.T(GroupNone))
	v.status = widgets.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.status.Wrap = true
	v.list = widget.NewList(func() int { return len(v.shown) }, v.createRow, v.updateRow)
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.shown) {
			v.selectGroup(v.shown[i].GroupID, true)
		}
	}
	v.detail = container.NewVBox()
	tool := func(icon fyne.Resource, tip string, f func()) *widget.Button {
		b := widget.NewButtonWithIcon("", icon, f)
		b.Importance = widget.LowImportance
		_ = tip
		return b
	}
	export := widget.NewButtonWithIcon(i18n.T("Export"), theme.DocumentSaveIcon(), nil)
	export.OnTapped = func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(export)
		if c == nil || v.OnExport == nil {
			return
		}
		showActions(c, export, []action{
			{i18n.T("Image (PNG)…"), func() { v.OnExport("png") }},
			{i18n.T("Spreadsheet (CSV)…"), func() { v.OnExport("csv") }},
			{i18n.T("TimelineJS (JSON)…"), func() { v.OnExport("timelinejs") }},
		})
	}
	v.articleLabel = widgets.NewLabel("")
	v.articleLabel.Truncate = true
	v.articleChip = container.NewBorder(nil, nil, nil,
		widget.NewButtonWithIcon(i18n.T("All articles"), theme.CancelIcon(), func() { v.ShowArticle(0, "") }), v.articleLabel)
	v.articleChip.Hide()
	v.RightToLeft = widget.NewCheck(i18n.T("Right to left"), func(on bool) {
		v.Widget.RightToLeft = on
		v.Widget.Refresh()
	})
	// An Arabic reader's time runs from the right, newest on the left.
	v.RightToLeft.SetChecked(i18n.RTL())
	filters := []fyne.CanvasObject{v.Search, v.Type.Content(), v.Group.Content()}
	tools := []fyne.CanvasObject{
		tool(theme.ZoomOutIcon(), i18n.T("Zoom out"), v.Widget.ZoomOut),
		tool(theme.ZoomInIcon(), i18n.T("Zoom in"), v.Widget.ZoomIn),
		widget.NewButton(i18n.T("Fit all"), v.Widget.FitAll),
		widget.NewButton(i18n.T("Today"), v.Widget.Today),
		v.RightToLeft,
		export,
	}
	v.legend = container.New(newFlowLayout(i18n.RTL()))
	filterRow := container.NewGridWithColumns(3, filters...)
	toolRow := container.NewHBox(tools...)
	bar := container.NewBorder(nil, container.NewVBox(v.articleChip, v.legend), nil, toolRow, filterRow)
	if i18n.RTL() {
		// Mirrored: the filter box at the right edge, where an Arabic
		// reader starts, and the tools after it towards the left; the
		// objects stay in reading order, which is Tab's order.
		for _, c := range []*fyne.Container{filterRow, toolRow, bar} {
			c.Layout = mirroredLayout{c.Layout}
		}
	}
	list := container.NewBorder(nil, v.status, nil, nil, v.list)
	v.detailScroll = container.NewVScroll(container.NewPadded(v.detail))
	detail := v.detailScroll
	lower := container.NewHSplit(list, detail)
	lower.Offset = 0.45
	if i18n.RTL() { // mirrored like the library: the list on the right
		lower = container.NewHSplit(detail, list)
		lower.Offset = 0.55
	}
	split := container.NewVSplit(v.Widget, lower)
	split.Offset = 0.5
	v.root = container.NewBorder(bar, nil, nil, nil, split)
	v.showDetail(nil)
	return v
}

// Content is the view's canvas object.
func (v *Timeline) Content() fyne.CanvasObject { return v.root }

// ShowArticle narrows the timeline to the events one article reports
// (id 0 shows the whole library again).
func (v *Timeline) ShowArticle(id int64, title string) {
	v.article = id
	if id == 0 {
		v.articleChip.Hide()
	} else {
		v.articleLabel.SetText(i18n.T("Events reported by: %s", i18n.Isolate(title)))
		v.articleChip.Show()
	}
	v.Reload()
}

// Shown returns the titles of the events listed, in order.
func (v *Timeline) Shown() []string {
	out := make([]string, len(v.shown))
	for i, ev := range v.shown {
		out[i] = ev.Date + " " + ev.Title
	}
	return out
}

// Reload loads the events in the background: the overview of the whole
// library and, when the library is small enough, every event; else only
// the period in view once the user zooms in on it (loadVisible).
func (v *Timeline) Reload() {
	f := library.TimelineFilter{ArticleID: v.article}
	for _, t := range eventTypes {
		if v.Type.Selected == i18n.T(t) {
			f.Types = []string{t}
		}
	}
	// The same filter again (after a correction) keeps the period in view
	// and reloads it; a new one shows its whole extent.
	keep := v.laidOut && f.ArticleID == v.filter.ArticleID && slices.Equal(f.Types, v.filter.Types)
	viewFrom, viewTo := v.viewFrom, v.viewTo
	v.reloading = true
	v.periods.run(func(context.Context) func() { return nil })
	v.loads.run(func(ctx context.Context) func() {
		overview, err := v.lib.TimelineOverview(ctx, f)
		var byType []library.TimelineBucket
		if err == nil {
			byType, err = v.lib.TimelineOverviewByType(ctx, f)
		}
		total := groupsIn(overview, library.TimelineFilter{})
		var events []library.TimelineEvent
		var win library.TimelineFilter
		switch {
		case err != nil:
		case total <= timelineLimit:
			events, err = v.lib.Timeline(ctx, f)
		case keep:
			if win = window(overview, viewFrom, viewTo); win.From != "" {
				events, err = v.lib.Timeline(ctx, withWindow(f, win))
			}
		}
		return func() {
			v.reloading = false
			if err != nil {
				v.log.WithError(err).Error("load timeline")
				v.status.SetText(i18n.T("The timeline could not be loaded: %s", i18n.Isolate(err.Error())))
				return
			}
			v.filter, v.overview, v.byType, v.total = f, overview, byType, total
			v.all = total <= timelineLimit
			v.events, v.win = events, win
			v.laidOut = keep && !v.all
			v.applyFilter()
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
			v.loadVisible()
		}
	})
}

// dayOf is the TIMEX3 day of an instant on the axis.
func dayOf(t time.Time) string { return t.UTC().Format("2006-01-02") }

// groupsIn counts the overview's items whose date f holds.
func groupsIn(overview []library.TimelineBucket, f library.TimelineFilter) int {
	n := 0
	for _, b := range overview {
		if f.HoldsDate(b.Date) {
			n += b.Groups
		}
	}
	return n
}

// window is the period to load for the view [vf, vt]: the date values
// wholly inside it (a week's view does not load the thousands of events
// dated only by their year: they stay counted), with a margin of half its
// length on either side when that holds at most timelineLimit items, so
// that panning a little does not load again; without it when only the
// view does. From is "" when even the view holds more.
func window(overview []library.TimelineBucket, vf, vt time.Time) library.TimelineFilter {
	if vt.IsZero() {
		return library.TimelineFilter{}
	}
	span := vt.Sub(vf)
	for _, pad := range []time.Duration{span / 2, 0} {
		w := library.TimelineFilter{From: dayOf(vf.Add(-pad)), To: dayOf(vt.Add(pad)), Within: true}
		if groupsIn(overview, w) <= timelineLimit {
			return w
		}
	}
	return library.TimelineFilter{}
}

// withWindow is f narrowed to the period of win.
func withWindow(f, win library.TimelineFilter) library.TimelineFilter {
	f.From, f.To, f.Within, f.Limit = win.From, win.To, true, timelineLimit
	return f
}

// loadVisible loads the events of the period in view (see window) when
// the whole library is not loaded.
func (v *Timeline) loadVisible() {
	if v.all || v.reloading || v.overview == nil || v.viewTo.IsZero() {
		return
	}
	v.listVisible()
	if v.win.From != "" && v.win.From <= dayOf(v.viewFrom) && dayOf(v.viewTo) <= v.win.To {
		return // already loaded
	}
	win := window(v.overview, v.viewFrom, v.viewTo)
	if win.From == "" {
		return // still the overview's counts
	}
	f := withWindow(v.filter, win)
	v.periods.run(func(ctx context.Context) func() {
		events, err := v.lib.Timeline(ctx, f)
		return func() {
			if err != nil {
				v.log.WithError(err).Error("load timeline period")
				v.status.SetText(i18n.T("The timeline could not be loaded: %s", i18n.Isolate(err.Error())))
				return
			}
			v.events, v.win = events, win
			v.applyFilter()
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
		}
	})
}

// applyFilter narrows the loaded events by the search text and rebuilds the
// widget's events with the chosen lanes, and the overview's counts for the
// dates whose events are not loaded. It runs on the UI thread: it only
// walks what is already in memory.
func (v *Timeline) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(v.Search.Text))
	v.matched = make([]library.TimelineEvent, 0, len(v.events))
	var wev []widgets.TimelineEvent
	// The text search only reads loaded events: counts of the others
	// would not match it. The counts come first, so that lanes keep their
	// order (that of the first event in each) as periods load.
	if !v.all && q == "" {
		wev = v.summaries()
	}
	for _, ev := range v.events {
		if q != "" && !eventMatches(ev, q) {
			continue
		}
		v.matched = append(v.matched, ev)
		start, end, prec, ok := widgets.SpanOf(ev.Date)
		if !ok {
			continue
		}
		ents := make([]string, 0, len(ev.Entities))
		for _, e := range ev.Entities {
			ents = append(ents, e.Name)
		}
		base := widgets.TimelineEvent{ID: strconv.FormatInt(ev.GroupID, 10), Start: start, End: end,
			Precision: prec, Title: ev.Title, Type: ev.Type, Entities: ents, Sources: len(ev.Sources)}
		for _, lane := range lanesOf(ev, v.grouping()) {
			e := base
			e.Lane = lane
			if v.grouping() == GroupType { // its title in the interface's language
				e.Lane = v.Widget.Locale.TypeName(lane)
			}
			wev = append(wev, e)
		}
	}
	v.updateLegend(wev)
	if v.laidOut {
		v.Widget.ReplaceEvents(wev)
	} else {
		v.Widget.SetEvents(wev)
		v.laidOut = !v.all
	}
	v.listVisible()
}

// listVisible lists the loaded events that match the search: all of
// them when the whole library is loaded, else those of the period in view.
func (v *Timeline) listVisible() {
	// the part of the view whose events are loaded
	from, to := "", ""
	if !v.all && !v.viewTo.IsZero() && v.win.From != "" {
		from, to = max(dayOf(v.viewFrom), v.win.From), min(dayOf(v.viewTo), v.win.To)
		if from > to {
			from, to = "", ""
		}
	}
	switch {
	case v.all:
		v.shown = v.matched
	case from == "":
		v.shown = nil
	default:
		in := library.TimelineFilter{From: from, To: to}
		v.shown = make([]library.TimelineEvent, 0, len(v.matched))
		for _, ev := range v.matched {
			if in.HoldsDate(ev.Date) {
				v.shown = append(v.shown, ev)
			}
		}
	}
	v.list.UnselectAll()
	v.list.Refresh()
	switch {
	case !v.all && from == "":
		v.status.SetText(i18n.T("%s: zoom in on the timeline to list them.", i18n.N("{n} events", v.total)))
	case !v.all:
		v.status.SetText(i18n.T("%d of %s, from %s to %s; zoom or pan to list others.", len(v.shown), i18n.N("{n} events", v.total),
			i18n.Digits(from), i18n.Digits(to)))
	case len(v.events) == 0:
		v.status.SetText(i18n.T("No dated events yet. Save an article that reports dated events, and they appear here."))
	case len(v.shown) != len(v.events):
		v.status.SetText(i18n.T("%d of %s", len(v.shown), i18n.N("{n} events", len(v.events))))
	default:
		v.status.SetText(i18n.N("{n} events", len(v.events)))
	}
}

// summaries are the overview's counts for the dates whose events are not
// loaded, as count bubbles: per type in lanes by type, else in one lane
// (the entities and articles of events not loaded are unknown).
func (v *Timeline) summaries() []widgets.TimelineEvent {
	buckets, lane := v.overview, ""
	switch v.grouping() {
	case GroupType:
		buckets = v.byType
	case GroupEntity, GroupArticle:
		lane = i18n.T("Zoom in to see lanes")
	}
	out := make([]widgets.TimelineEvent, 0, len(buckets))
	for _, b := range buckets {
		if v.win.From != "" && v.win.HoldsDate(b.Date) {
			continue // loaded: drawn as events
		}
		start, end, prec, ok := widgets.SpanOf(b.Date)
		if !ok || b.Groups == 0 {
			continue
		}
		e := widgets.TimelineEvent{Start: start, End: end, Precision: prec, Type: b.Type, Lane: lane, Count: b.Groups}
		if b.Type != "" {
			e.Lane = v.Widget.Locale.TypeName(b.Type)
		}
		out = append(out, e)
	}
	return out
}

func eventMatches(ev library.TimelineEvent, q string) bool {
	if strings.Contains(strings.ToLower(ev.Title), q) || strings.Contains(ev.Date, q) {
		return true
	}
	for _, e := range ev.Entities {
		if strings.Contains(strings.ToLower(e.Name), q) || strings.Contains(e.NameAr, q) {
			return true
		}
	}
	for _, s := range ev.Sources {
		if strings.Contains(strings.ToLower(s.ArticleTitle), q) {
			return true
		}
	}
	return false
}

// grouping is the chosen lane grouping (GroupNone…), whatever the
// language of the interface.
func (v *Timeline) grouping() string {
	for _, g := range []string{GroupType, GroupEntity, GroupArticle} {
		if v.Group.Selected == i18n.T(g) {
			return g
		}
	}
	return GroupNone
}

// lanesOf lists the lanes an event is drawn in: with lanes by entity, an
// event with two entities appears in both lanes, and likewise by type.
func lanesOf(ev library.TimelineEvent, group string) []string {
	switch group {
	case GroupType:
		// every type its sources give it, as the type filter and the
		// overview's counts per type see it
		out := []string{ev.Type}
		for _, s := range ev.Sources {
			if !slices.Contains(out, s.Type) {
				out = append(out, s.Type)
			}
		}
		return out
	case GroupEntity:
		if len(ev.Entities) == 0 {
			return []string{"—"}
		}
		var out []string
		for _, e := range ev.Entities {
			out = append(out, displayName(e))
		}
		sort.Strings(out)
		return out
	case GroupArticle:
		seen := map[string]bool{}
		var out []string
		for _, s := range ev.Sources {
			if !seen[s.ArticleTitle] {
				seen[s.ArticleTitle] = true
				out = append(out, s.ArticleTitle)
			}
		}
		return out
	}
	return []string{""}
}

func (v *Timeline) createRow() fyne.CanvasObject {
	date := widget.NewLabel("2025-01-20")
	date.TextStyle = fyne.TextStyle{Monospace: true}
	kind := widgets.NewLabel(i18n.T("announcement"))
	kind.Importance = widget.LowImportance
	// Titles mix Arabic with Latin names and numbers, so they go through the
	// bidi label; rows are one line, so long titles are cut.
	title := widgets.NewLabel("")
	title.Truncate = true
	if i18n.RTL() { // the date first, at the right edge
		return container.NewBorder(nil, nil, nil, container.NewHBox(kind, date), title)
	}
	return container.NewBorder(nil, nil, container.NewHBox(date, kind), nil, title)
}

func (v *Timeline) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.shown) {
		return
	}
	ev := v.shown[i]
	c := o.(*fyne.Container)
	for _, o := range c.Objects[1].(*fyne.Container).Objects {
		switch o := o.(type) {
		case *widget.Label:
			o.SetText(i18n.Digits(ev.Date))
		case *widgets.Label:
			o.SetText(i18n.T(ev.Type))
		}
	}
	c.Objects[0].(*widgets.Label).SetText(ev.Title)
}

// shorten cuts s to at most n characters, at a space, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// selectGroup shows an event's details; fromList says the list chose it,
// so the widget follows (and the other way round).
func (v *Timeline) selectGroup(id int64, fromList bool) {
	v.selected = id
	for i, ev := range v.shown {
		if ev.GroupID == id {
			if fromList {
				v.Widget.Select(strconv.FormatInt(id, 10))
			} else {
				v.list.ScrollTo(i)
			}
			ev := ev
			v.showDetail(&ev)
			return
		}
	}
	v.showDetail(nil)
}

// SelectWhere selects the first listed event match accepts, as a click in
// the list would; it reports whether one matched.
func (v *Timeline) SelectWhere(match func(library.TimelineEvent) bool) bool {
	for i, ev := range v.shown {
		if match(ev) {
			v.list.Select(i)
			return true
		}
	}
	return false
}

// Selected is the group id of the event shown in the detail panel.
func (v *Timeline) Selected() int64 { return v.selected }

func (v *Timeline) showDetail(ev *library.TimelineEvent) {
	if ev == nil {
		hint := widgets.NewLabel(i18n.T("Select an event on the timeline or in the list to see where it comes from."))
		hint.Wrap = true
		hint.Importance = widget.LowImportance
		v.detail.Objects = []fyne.CanvasObject{hint}
		v.detail.Refresh()
		return
	}
	title := widgets.NewParagraph([]widgets.Span{{Text: ev.Title, Style: widgets.StyleBold}}, widgets.DirAuto)
	meta := widgets.NewLabel(strings.Join([]string{i18n.Digits(ev.Date), i18n.T(ev.Type), i18n.N("{n} sources", len(ev.Sources))}, " · "))
	meta.Importance = widget.LowImportance
	meta.Wrap = true
	edit := widget.NewButtonWithIcon(i18n.T("Correct…"), theme.DocumentCreateIcon(), func() { v.correct(*ev) })
	edit.Importance = widget.LowImportance
	del := widget.NewButtonWithIcon(i18n.T("Not an event"), theme.DeleteIcon(), func() { v.deleteEvent(*ev) })
	del.Importance = widget.LowImportance
	actions := container.NewHBox(edit, del)
	if i18n.RTL() { // from the right, as Arabic reads
		actions = container.NewBorder(nil, nil, nil, container.NewHBox(del, edit))
	}
	objs := []fyne.CanvasObject{title, meta, actions}
	if len(ev.Entities) > 0 {
		// chips wrap onto more rows rather than scroll out of sight
		ents := container.New(newFlowLayout(i18n.RTL()))
		for _, e := range ev.Entities {
			e := e
			// both scripts, the interface's first, as the entity list
			ents.Add(widgets.LabelButton(widgets.NewLabel(displayName(e)), func() {
				if v.OnOpenEntity != nil {
					v.OnOpenEntity(e.Key)
				}
			}))
		}
		objs = append(objs, ents)
	}
	objs = append(objs, widget.NewSeparator())
	for _, s := range ev.Sources {
		s := s
		sentence := widgets.NewParagraph([]widgets.Span{{Text: s.SentenceText}}, widgets.DirAuto)
		// the article's title wraps like the sentence: a button's one
		// line would be cut or widen the panel past the window
		title := widgets.NewLabel(s.ArticleTitle)
		title.Wrap = true
		title.Importance = widget.HighImportance
		open := widgets.LabelButton(title, func() {
			if v.OnOpenSource != nil {
				v.OnOpenSource(s.ArticleID, s.Sentence.Start, s.Sentence.End)
			}
		})
		objs = append(objs, sentence, open)
	}
	v.detail.Objects = objs
	v.detail.Refresh()
	v.detailScroll.ScrollToTop()
}

// updateLegend names the colours of the event types among events, in the
// order of the type filter, and the grey of a count bubble.
func (v *Timeline) updateLegend(events []widgets.TimelineEvent) {
	present := map[string]bool{}
	for _, e := range events {
		present[e.Type] = true
	}
	var objs []fyne.CanvasObject
	v.legendNames = v.legendNames[:0]
	entry := func(dot fyne.CanvasObject, name string) {
		l := widgets.NewLabel(name)
		l.SizeName = theme.SizeNameCaptionText
		if i18n.RTL() {
			objs = append(objs, container.NewHBox(l, container.NewCenter(dot)))
		} else {
			objs = append(objs, container.NewHBox(container.NewCenter(dot), l))
		}
		v.legendNames = append(v.legendNames, name)
	}
	for _, t := range eventTypes {
		if !present[t] {
			continue
		}
		dot := canvas.NewRectangle(widgets.TypeColor(t))
		dot.CornerRadius = 6 // a round dot, as on the axis
		dot.SetMinSize(fyne.NewSize(12, 12))
		entry(dot, v.Widget.Locale.TypeName(t)) // as the event's tooltip names it
	}
	if len(objs) > 0 {
		bubble := canvas.NewRectangle(widgets.BubbleColor)
		bubble.CornerRadius = 6
		bubble.SetMinSize(fyne.NewSize(18, 12))
		entry(bubble, i18n.T("Several events: click to zoom in"))
	}
	v.legend.Objects = objs
	v.legend.Refresh()
}

// LegendNames are the names the legend shows, in order.
func (v *Timeline) LegendNames() []string { return slices.Clone(v.legendNames) }

// OpenFirstSource opens the selected event's first source (Enter in the
// list).
func (v *Timeline) OpenFirstSource() {
	for _, ev := range v.shown {
		if ev.GroupID == v.selected && len(ev.Sources) > 0 && v.OnOpenSource != nil {
			s := ev.Sources[0]
			v.OnOpenSource(s.ArticleID, s.Sentence.Start, s.Sentence.End)
		}
	}
}

// correct changes an event's date, precision, type or title, for every
// article that reports it. Corrections are kept across re-analysis.
func (v *Timeline) correct(ev library.TimelineEvent) {
	if v.OnEditEvent == nil {
		return
	}
	cur := library.EventEdit{Date: ev.Date, Precision: ev.Precision, Type: ev.Type, Title: ev.Title}
	v.OnEditEvent(cur, eventTypes, func(e library.EventEdit) {
		v.eachSource(ev, func(ctx context.Context, id int64) error { return v.lib.EditEvent(ctx, id, e) },
			i18n.T("Could not correct the event"))
	})
}

// deleteEvent removes an event that analysis found by mistake.
func (v *Timeline) deleteEvent(ev library.TimelineEvent) {
	v.eachSource(ev, v.lib.DeleteEvent, i18n.T("Could not remove the event"))
}

func (v *Timeline) eachSource(ev library.TimelineEvent, do func(context.Context, int64) error, failure string) {
	go func() {
		var err error
		for _, s := range ev.Sources {
			if err = do(context.Background(), s.EventID); err != nil {
				break
			}
		}
		fynedo.Do(func() {
			if err != nil && v.OnError != nil {
				v.OnError(failure, err)
			}
			v.showDetail(nil)
			v.Reload()
		})
	}()
}

// action is one entry of a list of actions.
type action struct {
	label string
	do    func()
}

// showActions lists actions under anchor, drawn through the bidi label:
// Fyne's pop-up menu draws «صورة (PNG)…» in typing order, from the left.
// In Arabic the list is right-aligned and ends at the anchor's right edge.
// The keyboard starts on the first entry: Enter or Space runs it, the
// arrows move, Esc closes.
func showActions(c fyne.Canvas, anchor fyne.CanvasObject, actions []action) *widget.PopUp {
	var pop *widget.PopUp
	var rows []fyne.CanvasObject
	var first *pickerButton
	for _, a := range actions {
		l := widgets.NewLabel(a.label)
		l.Direction = uiDirection()
		b := newPickerButton(func() {
			pop.Hide()
			a.do()
		})
		b.Importance = widget.LowImportance
		b.escape = func() { pop.Hide() }
		b.canvas = c
		if first == nil {
			first = b
		}
		rows = append(rows, container.NewStack(b, l))
	}
	list := container.NewVBox(rows...)
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(anchor).AddXY(0, anchor.Size().Height)
	size := fyne.NewSize(max(list.MinSize().Width, anchor.Size().Width), list.MinSize().Height)
	if i18n.RTL() {
		pos.X = max(0, pos.X+anchor.Size().Width-size.Width)
	}
	pop = widgets.ShowList(c, list, pos, size)
	if first != nil {
		c.Focus(first)
	}
	return pop
}
