package views

import (
	"annals/gui/fynedo"
	"annals/gui/i18n"
	"context"
	"sort"
	"strconv"
	"strings"

	"annals/data/library"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
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

// timelineLimit is how many events the timeline loads at once.
var timelineLimit = 5000

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
	Search *widget.Entry
	Type   *widget.Select
	Group  *widget.Select
	list   *widget.List
	detail *fyne.Container
	status *widget.Label
	root   fyne.CanvasObject

	article      int64 // only events this article reports; 0 for all
	articleLabel *widget.Label
	articleChip  *fyne.Container

	events   []library.TimelineEvent // as loaded, by date
	shown    []library.TimelineEvent // after the text filter, in list order
	selected int64

	loads loader
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
	v.Search = widget.NewEntry()
	v.Search.SetPlaceHolder(i18n.T("Filter events…"))
	v.Search.OnChanged = func(string) { v.applyFilter() }
	types := []string{i18n.T(allTypes)}
	for _, t := range eventTypes {
		types = append(types, i18n.T(t))
	}
	v.Type = widget.NewSelect(types, func(string) { v.Reload() })
	v.Type.Selected = i18n.T(allTypes)
	v.Group = widget.NewSelect([]string{i18n.T(GroupNone), i18n.T(GroupType), i18n.T(GroupEntity), i18n.T(GroupArticle)}, func(string) { v.applyFilter() })
	v.Group.Selected = i18n.T(GroupNone)
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance
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
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(i18n.T("Image (PNG)…"), func() { v.OnExport("png") }),
			fyne.NewMenuItem(i18n.T("Spreadsheet (CSV)…"), func() { v.OnExport("csv") }),
			fyne.NewMenuItem(i18n.T("TimelineJS (JSON)…"), func() { v.OnExport("timelinejs") }),
		)
		widget.ShowPopUpMenuAtPosition(menu, c, fyne.CurrentApp().Driver().AbsolutePositionForObject(export).AddXY(0, export.Size().Height))
	}
	v.articleLabel = widget.NewLabel("")
	v.articleLabel.Truncation = fyne.TextTruncateEllipsis
	v.articleChip = container.NewBorder(nil, nil, nil,
		widget.NewButtonWithIcon(i18n.T("All articles"), theme.CancelIcon(), func() { v.ShowArticle(0, "") }), v.articleLabel)
	v.articleChip.Hide()
	rtl := widget.NewCheck(i18n.T("Right to left"), func(on bool) {
		v.Widget.RightToLeft = on
		v.Widget.Refresh()
	})
	bar := container.NewBorder(nil, v.articleChip, nil,
		container.NewHBox(
			tool(theme.ZoomOutIcon(), i18n.T("Zoom out"), v.Widget.ZoomOut),
			tool(theme.ZoomInIcon(), i18n.T("Zoom in"), v.Widget.ZoomIn),
			widget.NewButton(i18n.T("Fit all"), v.Widget.FitAll),
			widget.NewButton(i18n.T("Today"), v.Widget.Today),
			rtl,
			export,
		),
		container.NewGridWithColumns(3, v.Search, v.Type, v.Group))
	lower := container.NewHSplit(
		container.NewBorder(nil, v.status, nil, nil, v.list),
		container.NewVScroll(container.NewPadded(v.detail)),
	)
	lower.Offset = 0.45
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
		v.articleLabel.SetText(i18n.T("Events reported by: %s", title))
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

// Reload loads the events in the background.
func (v *Timeline) Reload() {
	// The view holds the latest timelineLimit events: a library of years
	// can hold hundreds of thousands, and loading them all took seconds.
	f := library.TimelineFilter{ArticleID: v.article, Limit: timelineLimit, Newest: true}
	for _, t := range eventTypes {
		if v.Type.Selected == i18n.T(t) {
			f.Types = []string{t}
		}
	}
	v.loads.run(func(ctx context.Context) func() {
		events, err := v.lib.Timeline(ctx, f)
		return func() {
			if err != nil {
				v.log.WithError(err).Error("load timeline")
				v.status.SetText(i18n.T("The timeline could not be loaded: %s", err.Error()))
				return
			}
			v.events = events
			v.applyFilter()
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
		}
	})
}

// applyFilter narrows the loaded events by the search text and rebuilds the
// widget's events with the chosen lanes. It runs on the UI thread: it only
// walks events already in memory.
func (v *Timeline) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(v.Search.Text))
	v.shown = v.shown[:0]
	var wev []widgets.TimelineEvent
	for _, ev := range v.events {
		if q != "" && !eventMatches(ev, q) {
			continue
		}
		v.shown = append(v.shown, ev)
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
		for _, lane := range lanesOf(ev, v.Group.Selected) {
			e := base
			e.Lane = lane
			wev = append(wev, e)
		}
	}
	v.Widget.SetEvents(wev)
	v.list.UnselectAll()
	v.list.Refresh()
	switch {
	case len(v.events) >= timelineLimit:
		v.status.SetText(i18n.T("Showing the latest %d events; filter by type or search to see others.", timelineLimit))
	case len(v.events) == 0:
		v.status.SetText(i18n.T("No dated events yet. Save an article that reports dated events, and they appear here."))
	case len(v.shown) != len(v.events):
		v.status.SetText(i18n.T("%d of %d events", len(v.shown), len(v.events)))
	default:
		v.status.SetText(i18n.T("%d events", len(v.events)))
	}
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

// lanesOf lists the lanes an event is drawn in: with lanes by entity, an
// event with two entities appears in both lanes.
func lanesOf(ev library.TimelineEvent, group string) []string {
	switch group {
	case GroupType:
		return []string{ev.Type}
	case GroupEntity:
		if len(ev.Entities) == 0 {
			return []string{"—"}
		}
		var out []string
		for _, e := range ev.Entities {
			out = append(out, e.Name)
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
	kind := widget.NewLabel(i18n.T("announcement"))
	kind.Importance = widget.LowImportance
	// Titles mix Arabic with Latin names and numbers, so they go through the
	// bidi paragraph; rows are one line, so long titles are shortened.
	title := widgets.NewParagraph(nil, widgets.DirAuto)
	return container.NewBorder(nil, nil, container.NewHBox(date, kind), nil, title)
}

func (v *Timeline) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.shown) {
		return
	}
	ev := v.shown[i]
	c := o.(*fyne.Container)
	left := c.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Label).SetText(ev.Date)
	left.Objects[1].(*widget.Label).SetText(i18n.T(ev.Type))
	c.Objects[0].(*widgets.Paragraph).SetSpans([]widgets.Span{{Text: shorten(ev.Title, 64)}})
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
		hint := widget.NewLabel(i18n.T("Select an event on the timeline or in the list to see where it comes from."))
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		v.detail.Objects = []fyne.CanvasObject{hint}
		v.detail.Refresh()
		return
	}
	title := widgets.NewParagraph([]widgets.Span{{Text: ev.Title, Style: widgets.StyleBold}}, widgets.DirAuto)
	meta := widget.NewLabel(i18n.T("%s · %s · %d source(s)", i18n.Digits(ev.Date), i18n.T(ev.Type), len(ev.Sources)))
	meta.Importance = widget.LowImportance
	edit := widget.NewButtonWithIcon(i18n.T("Correct…"), theme.DocumentCreateIcon(), func() { v.correct(*ev) })
	edit.Importance = widget.LowImportance
	del := widget.NewButtonWithIcon(i18n.T("Not an event"), theme.DeleteIcon(), func() { v.deleteEvent(*ev) })
	del.Importance = widget.LowImportance
	objs := []fyne.CanvasObject{title, meta, container.NewHBox(edit, del)}
	if len(ev.Entities) > 0 {
		ents := container.NewHBox()
		for _, e := range ev.Entities {
			e := e
			name := e.Name
			if e.NameAr != "" && e.NameAr != e.Name {
				name += " · " + e.NameAr
			}
			b := widget.NewButton(name, func() {
				if v.OnOpenEntity != nil {
					v.OnOpenEntity(e.Key)
				}
			})
			b.Importance = widget.LowImportance
			ents.Add(b)
		}
		objs = append(objs, container.NewHScroll(ents))
	}
	objs = append(objs, widget.NewSeparator())
	for _, s := range ev.Sources {
		s := s
		sentence := widgets.NewParagraph([]widgets.Span{{Text: s.SentenceText}}, widgets.DirAuto)
		open := widget.NewButtonWithIcon(s.ArticleTitle, theme.NavigateNextIcon(), func() {
			if v.OnOpenSource != nil {
				v.OnOpenSource(s.ArticleID, s.Sentence.Start, s.Sentence.End)
			}
		})
		open.Alignment = widget.ButtonAlignLeading
		objs = append(objs, sentence, open)
	}
	v.detail.Objects = objs
	v.detail.Refresh()
}

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
