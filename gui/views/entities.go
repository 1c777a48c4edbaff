package views

import (
	"annals/gui/i18n"
	"context"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// Entity list sort orders, as the user sees them and as the store takes them.
var entitySorts = []struct{ label, key string }{
	{"Most mentioned", "mentions"}, {"In most articles", "articles"}, {"In most events", "events"}, {"Name", "name"},
}

var entityTypes = []string{"person", "organisation", "product", "place", "event"}

const anyType = "All kinds"

// Entities lists the people, organisations, products and places the
// library mentions, and shows one entity's page: its names, its events on a
// small timeline, the articles that mention it and who appears with it.
// The user can correct what analysis got wrong.
type Entities struct {
	lib *library.Library
	log *log.Logger

	// OnOpenSource opens an article at a sentence.
	OnOpenSource func(articleID int64, start, end int)
	// OnAsk asks the user for a line of text (rename, alias).
	OnAsk func(title, label, initial string, done func(string))
	// OnPick asks the user to choose one of options (merge target).
	OnPick func(title string, options []string, done func(int))
	// OnError shows a problem.
	OnError func(title string, err error)
	// OnReanalyse starts reading again the articles a correction marked
	// (a spelling taken back).
	OnReanalyse func()
	// OnLoaded is called on the UI thread when the list was loaded.
	OnLoaded func()
	// OnShown is called on the UI thread when an entity page is shown.
	OnShown func(key string)

	Search *widgets.Entry
	Type   *widget.Select
	Sort   *widget.Select
	list   *widget.List
	page   *fyne.Container
	root   fyne.CanvasObject

	items   []library.EntitySummary
	current *library.EntityDetail
	undo    []func(ctx context.Context) error

	loads  loader
	typing debouncer
	// pages loads the entity shown (a newer choice drops an older page);
	// changes runs the user's corrections and undos in order, none
	// cancelling another.
	pages   loader
	changes actions
	// more reads the next rows of the page's articles; events and
	// articles are the page's lists shown a batch at a time.
	more     loader
	events   *pagedRows
	articles *pagedRows
}

// NewEntities builds the view; call Reload to fill it.
func NewEntities(lib *library.Library, logger *log.Logger) *Entities {
	v := &Entities{lib: lib, log: logger}
	v.Search = widgets.NewEntry()
	v.Search.SetPlaceHolder(i18n.T("Find a person, organisation, place…"))
	v.Search.OnChanged = func(string) { v.reloadSoon() }
	kinds := []string{i18n.T(anyType)}
	for _, t := range entityTypes {
		kinds = append(kinds, i18n.T(t))
	}
	v.Type = widget.NewSelect(kinds, func(string) { v.Reload() })
	v.Type.Selected = i18n.T(anyType)
	var sorts []string
	for _, s := range entitySorts {
		sorts = append(sorts, i18n.T(s.label))
	}
	v.Sort = widget.NewSelect(sorts, func(string) { v.Reload() })
	v.Sort.Selected = sorts[0]
	v.list = widget.NewList(func() int { return len(v.items) }, v.createRow, v.updateRow)
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.items) {
			timing.input("tap") // the probe (issue 19) times the tap to the page painted
			v.Show(v.items[i].Key)
		}
	}
	v.page = container.NewVBox()
	left := container.NewBorder(container.NewVBox(v.Search, container.NewGridWithColumns(2, v.Type, v.Sort)), nil, nil, nil, v.list)
	page := container.NewVScroll(container.NewPadded(v.page))
	split := container.NewHSplit(left, page)
	split.Offset = 0.35
	if i18n.RTL() { // mirrored like the library: the list on the right
		split = container.NewHSplit(page, left)
		split.Offset = 0.65
	}
	v.root = split
	v.showPage(nil)
	return v
}

// Content is the view's canvas object.
func (v *Entities) Content() fyne.CanvasObject { return v.root }

// Names returns the listed entities' names, in order.
func (v *Entities) Names() []string {
	out := make([]string, len(v.items))
	for i, e := range v.items {
		out[i] = e.Name
	}
	return out
}

// Current is the entity whose page is shown.
func (v *Entities) Current() *library.EntityDetail { return v.current }

func (v *Entities) reloadSoon() { v.typing.after(200*time.Millisecond, v.Reload) }

// Reload re-reads the list in the background.
func (v *Entities) Reload() {
	f := library.EntityFilter{Query: strings.TrimSpace(v.Search.Text)}
	for _, t := range entityTypes {
		if v.Type.Selected == i18n.T(t) {
			f.Type = t
		}
	}
	for _, s := range entitySorts {
		if i18n.T(s.label) == v.Sort.Selected {
			f.Sort = s.key
		}
	}
	v.loads.run(func(ctx context.Context) func() {
		items, err := v.lib.Entities(ctx, f)
		return func() {
			if err != nil {
				v.log.WithError(err).Error("load entities")
				return
			}
			v.items = items
			v.list.UnselectAll()
			v.list.Refresh()
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
		}
	})
}

func (v *Entities) createRow() fyne.CanvasObject {
	name := widgets.NewLabel("")
	name.Bold = true
	name.Truncate = true
	info := widgets.NewLabel("")
	info.Importance = widget.LowImportance
	info.SizeName = theme.SizeNameCaptionText
	info.Truncate = true
	return container.NewVBox(name, info)
}

func (v *Entities) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.items) {
		return
	}
	e := v.items[i]
	c := o.(*fyne.Container)
	c.Objects[0].(*widgets.Label).SetText(displayName(e.EntityRef))
	c.Objects[1].(*widgets.Label).SetText(entityCounts(e.Type, e.Mentions, e.Articles, e.Events))
}

// entityCounts is an entity's kind and counts, each count in the plural
// form its number takes: "person · 1 mention · 2 articles · 3 events".
func entityCounts(kind string, mentions, articles, events int) string {
	return strings.Join([]string{i18n.T(kind), i18n.N("{n} mentions", mentions),
		i18n.N("{n} articles", articles), i18n.N("{n} events", events)}, " · ")
}

// displayName shows both scripts: "Donald Trump · دونالد ترمب".
// The interface's script comes first, so that in the Arabic interface the
// name reads right to left and lines up with the Arabic details under it.
func displayName(e library.EntityRef) string {
	if e.NameAr != "" && e.NameAr != e.Name {
		if i18n.RTL() {
			return e.NameAr + " · " + e.Name
		}
		return e.Name + " · " + e.NameAr
	}
	return e.Name
}

// Show loads and shows one entity's page.
func (v *Entities) Show(key string) {
	v.pages.run(func(ctx context.Context) func() {
		d, err := v.lib.Entity(ctx, key)
		if ctx.Err() != nil {
			return nil // another entity was chosen meanwhile
		}
		return func() {
			if err != nil {
				v.log.WithError(err).WithField("entity", key).Error("load entity")
				if v.OnError != nil {
					v.OnError(i18n.T("Could not show the entity"), err)
				}
				return
			}
			v.showPage(d)
			timing.changed("entity:" + d.Key)
			if v.OnShown != nil {
				v.OnShown(d.Key)
			}
		}
	})
}

func (v *Entities) showPage(d *library.EntityDetail) {
	v.current = d
	v.events, v.articles = nil, nil
	v.more.cancel()
	if d == nil {
		hint := widgets.NewLabel(i18n.T("Pick an entity on the left to see its events, the articles that mention it and who appears with it."))
		hint.Wrap = true
		hint.Importance = widget.LowImportance
		v.page.Objects = []fyne.CanvasObject{hint}
		v.page.Refresh()
		return
	}
	name := widgets.NewParagraph([]widgets.Span{{Text: displayName(d.EntityRef), Style: widgets.StyleBold}}, widgets.DirAuto)
	name.TextSize = theme.TextSize() * 1.4
	info := widgets.NewLabel(entityCounts(d.Type, d.Mentions, d.Articles, d.Events))
	info.Importance = widget.LowImportance
	info.Wrap = true
	objs := []fyne.CanvasObject{name, info, v.correctionBar(d)}
	if len(d.Aliases) > 0 {
		names := make([]string, len(d.Aliases))
		for i, a := range d.Aliases {
			names[i] = i18n.Isolate(a)
		}
		al := widgets.NewLabel(i18n.T("Also written: %s", strings.Join(names, i18n.T(", "))))
		al.Wrap = true
		objs = append(objs, al)
	}
	// The spellings the user added can be taken back.
	for _, a := range d.UserAliases {
		a, key := a, d.Key
		remove := widget.NewButtonWithIcon(i18n.T("Remove"), theme.DeleteIcon(), func() {
			v.correct(func(ctx context.Context) error {
				if err := v.lib.RemoveAlias(ctx, key, a); err != nil {
					return err
				}
				if v.OnReanalyse != nil {
					fynedo.Do(v.OnReanalyse)
				}
				return nil
			}, func(ctx context.Context) error { return v.lib.AddAlias(ctx, key, a) }, key)
		})
		remove.Importance = widget.LowImportance
		label := widgets.NewLabel(i18n.T("Your spelling: %s", i18n.Isolate(a)))
		label.Truncate = true
		objs = append(objs, container.NewBorder(nil, nil, nil, remove, label))
	}
	if len(d.InEvents) > 0 {
		var evs []widgets.TimelineEvent
		for _, e := range d.InEvents {
			if s, en, p, ok := widgets.SpanOf(e.Date); ok {
				evs = append(evs, widgets.TimelineEvent{ID: strconv.FormatInt(e.EventID, 10), Start: s, End: en, Precision: p, Title: e.Title, Type: e.Type})
			}
		}
		mini := widgets.NewTimeline(evs)
		mini.OnSelected = func(id string) {
			for _, e := range d.InEvents {
				if strconv.FormatInt(e.EventID, 10) == id {
					v.openEvent(e)
					return
				}
			}
		}
		if i18n.RTL() { // as the Timeline section runs in Arabic
			mini.Locale, mini.RightToLeft = widgets.LocaleArabic, true
		}
		// as wide as the page, whatever its width, and tall enough for a
		// row per event (up to six), so that their titles find room
		tall := canvas.NewRectangle(color.Transparent)
		tall.SetMinSize(fyne.NewSize(0, float32(64+30*min(len(evs), 6))))
		v.events = v.eventRows(d)
		objs = append(objs, entityHeading(i18n.T("Events")), container.NewStack(tall, mini), v.events.box)
	}
	if len(d.MentionedIn) > 0 {
		v.articles = v.articleRows(d)
		objs = append(objs, entityHeading(i18n.T("Mentioned in")), v.articles.box)
	}
	if len(d.CoOccurring) > 0 {
		objs = append(objs, entityHeading(i18n.T("Often with")))
		if d.CoOccurringOver > 0 {
			over := widgets.NewLabel(i18n.T("In the %s most recent articles that mention it", i18n.Digits(strconv.Itoa(d.CoOccurringOver))))
			over.Importance = widget.LowImportance
			over.Wrap = true
			if i18n.RTL() {
				over.Direction = widgets.DirRTL
			}
			objs = append(objs, over)
		}
		var cells []fyne.CanvasObject
		for _, c := range d.CoOccurring {
			c := c
			l := widgets.NewLabel(fmt.Sprintf("%s (%s)", i18n.Isolate(displayName(c.EntityRef)), i18n.Digits(strconv.Itoa(c.Articles))))
			l.Truncate = true
			cells = append(cells, widgets.LabelButton(l, func() { v.Show(c.Key) }))
		}
		objs = append(objs, container.NewGridWithColumns(2, rowsFromLeading(cells, 2)...))
	}
	v.page.Objects = objs
	v.page.Refresh()
}

// entityHeading is a section's title on the entity page, at the side the
// interface reads from.
func entityHeading(s string) *widgets.Label {
	l := widgets.NewLabel(s)
	l.Bold = true
	if i18n.RTL() {
		l.Direction = widgets.DirRTL
	}
	return l
}

// leading puts side at the edge the interface reads from (left in English,
// right in Arabic) and fill in the rest of the row.
func leading(side, fill fyne.CanvasObject) *fyne.Container {
	if i18n.RTL() {
		return container.NewBorder(nil, nil, nil, side, fill)
	}
	return container.NewBorder(nil, nil, side, nil, fill)
}

// trailing puts side at the edge the interface reads towards.
func trailing(side, fill fyne.CanvasObject) *fyne.Container {
	if i18n.RTL() {
		return container.NewBorder(nil, nil, side, nil, fill)
	}
	return container.NewBorder(nil, nil, nil, side, fill)
}

// rowsFromLeading orders cells for a grid of n columns, which Fyne fills
// from the left, so that each row starts at the reading edge.
func rowsFromLeading(cells []fyne.CanvasObject, n int) []fyne.CanvasObject {
	if !i18n.RTL() {
		return cells
	}
	out := make([]fyne.CanvasObject, 0, len(cells)+n)
	for i := 0; i < len(cells); i += n {
		row := make([]fyne.CanvasObject, n)
		for j := range n {
			if i+j < len(cells) {
				row[n-1-j] = cells[i+j]
			} else {
				row[n-1-j] = layout.NewSpacer()
			}
		}
		out = append(out, row...)
	}
	return out
}

func heading(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// correctionBar holds the fixes a user can make to what analysis found.
func (v *Entities) correctionBar(d *library.EntityDetail) fyne.CanvasObject {
	key, oldName, oldAr, oldType := d.Key, d.Name, d.NameAr, d.Type
	rename := widget.NewButton(i18n.T("Rename…"), func() {
		if v.OnAsk == nil {
			return
		}
		v.OnAsk(i18n.T("Rename"), i18n.T("Name"), oldName, func(name string) {
			v.correct(func(ctx context.Context) error { return v.lib.RenameEntity(ctx, key, name, oldAr) },
				func(ctx context.Context) error { return v.lib.RenameEntity(ctx, key, oldName, oldAr) }, key)
		})
	})
	var kindLabels []string
	for _, t := range entityTypes {
		kindLabels = append(kindLabels, i18n.T(t))
	}
	kind := widget.NewSelect(kindLabels, nil)
	kind.Selected = i18n.T(oldType)
	kind.OnChanged = func(label string) {
		t := oldType
		for _, k := range entityTypes {
			if i18n.T(k) == label {
				t = k
			}
		}
		if t == oldType {
			return
		}
		v.correct(func(ctx context.Context) error { return v.lib.SetEntityType(ctx, key, t) },
			func(ctx context.Context) error { return v.lib.SetEntityType(ctx, key, oldType) }, key)
	}
	alias := widget.NewButton(i18n.T("Add spelling…"), func() {
		if v.OnAsk == nil {
			return
		}
		v.OnAsk(i18n.T("Add a spelling"), i18n.T("Also written as"), "", func(a string) {
			v.correct(func(ctx context.Context) error { return v.lib.AddAlias(ctx, key, a) }, nil, key)
		})
	})
	merge := widget.NewButton(i18n.T("Merge into…"), func() {
		if v.OnPick == nil {
			return
		}
		var opts []string
		var keys []string
		for _, e := range v.items {
			if e.Key != key {
				opts = append(opts, displayName(e.EntityRef)+" · "+i18n.T(e.Type))
				keys = append(keys, e.Key)
			}
		}
		v.OnPick(i18n.T("Merge “%s” into", oldName), opts, func(i int) {
			into := keys[i]
			v.correct(func(ctx context.Context) error { return v.lib.MergeEntities(ctx, key, into) }, nil, into)
		})
	})
	notEntity := widget.NewButton(i18n.T("Not an entity"), func() {
		v.correct(func(ctx context.Context) error { return v.lib.MarkNotEntity(ctx, key) }, nil, "")
	})
	if i18n.RTL() { // from the right, as Arabic reads
		return container.NewBorder(nil, nil, nil, container.NewHBox(notEntity, merge, alias, kind, rename))
	}
	return container.NewHBox(rename, kind, alias, merge, notEntity)
}

// correct applies a correction in the background, remembers how to undo it
// (when it can be undone), and refreshes the list and the page.
func (v *Entities) correct(do, undo func(ctx context.Context) error, show string) {
	v.change(i18n.T("Could not make the correction"), do, func() {
		if undo != nil {
			v.undo = append(v.undo, undo)
		}
		v.showAfterChange(show)
	})
}

// change runs write in order after the changes asked before it; then done
// runs on the UI thread, or, when write failed, the user is told failed.
func (v *Entities) change(failed string, write func(ctx context.Context) error, done func()) {
	v.changes.do(func(ctx context.Context) func() {
		err := write(ctx)
		return func() {
			if err != nil {
				if v.OnError != nil {
					v.OnError(failed, err)
				}
				return
			}
			done()
		}
	})
}

// showAfterChange reads the list again and shows the entity key (none:
// the hint), as a correction or an undo left them.
func (v *Entities) showAfterChange(key string) {
	v.Reload()
	if key != "" {
		v.Show(key)
	} else {
		v.showPage(nil)
	}
}

// CanUndo reports whether Undo has something to undo.
func (v *Entities) CanUndo() bool { return len(v.undo) > 0 }

// Undo reverts the last undoable correction (Ctrl+Z).
func (v *Entities) Undo() {
	if len(v.undo) == 0 {
		return
	}
	u := v.undo[len(v.undo)-1]
	v.undo = v.undo[:len(v.undo)-1]
	show := ""
	if v.current != nil {
		show = v.current.Key
	}
	v.change(i18n.T("Could not undo"), u, func() { v.showAfterChange(show) })
}
