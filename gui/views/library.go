// Package views holds Annals' main views: the library list, the reader (with
// its highlights panel), the timeline, the entities and the highlights.
// Views load their data off the UI thread through a loader (a newer load
// drops an older one's result) and run the user's changes through an ordered
// queue (actions, where none cancels another); both apply their results
// through fyne.Do. Views report the user's choices through OnXxx callbacks.
package views

import (
	"annals/gui/i18n"
	"context"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// Shelves the library list can show.
const (
	ShelfAll        = "All articles"
	ShelfUnread     = "Reading list"
	ShelfFavourites = "Favourites"
	ShelfArchive    = "Archive"
)

// shelfLimit is how many articles a shelf lists.
var shelfLimit = 1000

// tagShelfPrefix marks shelf entries that show one tag. Shelf names are
// shown translated: the constants are English keys, and a selection is
// compared with i18n.T of them.
func tagShelfPrefix() string { return i18n.T("Tag: ") }

func shelfLabels() []string {
	return []string{i18n.T(ShelfAll), i18n.T(ShelfUnread), i18n.T(ShelfFavourites), i18n.T(ShelfArchive)}
}

// row is what one list row shows, prepared off the UI thread.
type row struct {
	id      int64
	title   string
	meta    string
	snippet string
	matches []library.Range // byte ranges of snippet to emphasise
	rtl     bool
	fav     bool
	hit     int // index in Library.hits of a search result whose snippet is still to cut; -1 otherwise
}

// snippetBatch is how many search results get their snippet at a time:
// about a screenful. Cutting one reads and scans the article's text, so
// 200 of them up front was most of a search's time (tools/benchharness).
const snippetBatch = 10

// searchLimit is how many hits a search lists.
const searchLimit = 200

// Library is the sidebar: a search box, a shelf picker and a virtualised
// list of articles (or of search results while a query is typed).
type Library struct {
	lib *library.Library
	log *log.Logger

	// OnSelected is called with the id of the article the user picked.
	OnSelected func(id int64)
	// Keys gets the reading keys typed while the list has the focus.
	Keys ReadingKeys
	// OnLoaded is called on the UI thread after a reload has been applied.
	OnLoaded func()
	// OnEmpty reports whether the whole library is empty, after each reload.
	OnEmpty func(empty bool)

	Search *widgets.Entry
	Shelf  *Picker
	List   *widget.List
	status *widgets.SpanLabel
	root   fyne.CanvasObject

	// current is the article open in the reader: its row stays selected
	// however it was opened (the list, the timeline, an entity, search).
	current    int64
	selectedID int64
	// selecting is set while the list's selection follows current, so
	// OnSelected is not called for a choice the user did not make.
	selecting bool

	rows   []row
	loads  loader
	typing debouncer

	// The current search, for cutting snippets as rows come into view.
	query    string
	hits     []library.Hit
	snipping map[int]bool // batches (hit index / snippetBatch) being cut
	gen      int          // bumped by every reload, so a late batch is dropped
}

// NewLibrary builds the sidebar. Call Reload to fill it.
func NewLibrary(lib *library.Library, logger *log.Logger) *Library {
	v := &Library{lib: lib, log: logger}
	v.Search = widgets.NewEntry()
	v.Search.SetPlaceHolder(i18n.T("Search your library…"))
	v.Search.OnChanged = func(string) { v.reloadSoon() }
	v.Search.OnSubmitted = func(string) { v.Reload() }
	v.Shelf = NewPicker(shelfLabels(), func(string) { v.Reload() })
	v.Shelf.SetSelected(i18n.T(ShelfUnread))
	v.status = widgets.NewSpanLabel(nil, uiDirection())
	v.status.Muted = true
	v.List = newKeyList(&v.Keys, v.length, v.createRow, v.updateRow)
	v.List.OnSelected = func(i widget.ListItemID) {
		if v.selecting || i >= len(v.rows) {
			return
		}
		timing.input("tap") // the user's choice, not selectCurrent's
		v.current = v.rows[i].id
		if v.OnSelected != nil {
			v.OnSelected(v.rows[i].id)
		}
	}
	top := container.NewVBox(v.Search, v.Shelf.Content())
	v.root = container.NewBorder(top, v.status, nil, nil, listObject(v.List))
	return v
}

// Content is the view's canvas object.
func (v *Library) Content() fyne.CanvasObject { return v.root }

// Rows returns the titles shown, for tests and accessibility checks.
func (v *Library) Rows() []string {
	out := make([]string, len(v.rows))
	for i, r := range v.rows {
		out[i] = r.title
	}
	return out
}

// IDAt returns the article id of row i.
func (v *Library) IDAt(i int) int64 { return v.rows[i].id }

// Status is the line under the list ("3 found", "Nothing found…").
func (v *Library) Status() string { return v.status.Text() }

// SetCurrent tells the list which article the reader shows, so its row is
// selected whichever way it was opened; 0 when none is.
func (v *Library) SetCurrent(id int64) {
	left := v.current
	v.current = id
	v.selectCurrent()
	// The article left behind has a new reading progress (the reader
	// writes it when another opens): read the list again to show it.
	// Not during a search, whose snippets would be cut again.
	if left != 0 && left != id && strings.TrimSpace(v.Search.Text) == "" {
		v.reloadSoon()
	}
}

// Selected is the article whose row is selected, 0 for none.
func (v *Library) Selected() int64 {
	return v.selectedID
}

// selectCurrent selects the current article's row, or nothing when it is
// not listed, without reporting it as the user's choice.
func (v *Library) selectCurrent() {
	v.selecting = true
	defer func() { v.selecting = false }()
	v.selectedID = 0
	for i, r := range v.rows {
		if r.id == v.current && v.current != 0 {
			v.List.Select(i)
			v.selectedID = r.id
			return
		}
	}
	v.List.UnselectAll()
}

// uiDirection is the direction of the interface's own sentences.
func uiDirection() widgets.Direction {
	if i18n.RTL() {
		return widgets.DirRTL
	}
	return widgets.DirLTR
}

func (v *Library) length() int { return len(v.rows) }

func (v *Library) createRow() fyne.CanvasObject {
	title := widgets.NewLabel("")
	title.Bold = true
	title.Truncate = true
	meta := widgets.NewSpanLabel(nil, uiDirection())
	meta.Muted = true
	meta.SizeName = theme.SizeNameCaptionText
	meta.MaxLines = 1
	snip := widgets.NewSpanLabel(nil, widgets.DirAuto)
	snip.SizeName = theme.SizeNameCaptionText
	snip.MaxLines = 2
	return container.NewVBox(title, meta, snip)
}

func (v *Library) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.rows) {
		return
	}
	r := v.rows[i]
	box := o.(*fyne.Container)
	dir := widgets.DirLTR
	if r.rtl {
		dir = widgets.DirRTL
	}
	title := box.Objects[0].(*widgets.Label)
	title.Direction = dir
	if r.fav {
		// The star goes before the title: on the right of an Arabic one.
		title.SetText("★ " + r.title)
	} else {
		title.SetText(r.title)
	}
	// The details line is the interface's sentence ("27 Jan 2025 · 6 min"),
	// so it reads in the interface's direction: laid out right to left in
	// the English interface, "6 min" came out as "min 6".
	meta := box.Objects[1].(*widgets.SpanLabel)
	meta.Direction = uiDirection()
	meta.SetSpans([]widgets.Span{{Text: r.meta}})
	snip := box.Objects[2].(*widgets.SpanLabel)
	if r.hit >= 0 {
		v.cutSnippets(r.hit / snippetBatch)
	}
	if r.snippet == "" {
		snip.Hide()
	} else {
		th := snip.Theme()
		mark := th.Color(theme.ColorNameSelection, fyne.CurrentApp().Settings().ThemeVariant())
		snip.Direction = dir
		snip.SetSpans(snippetSpans(r.snippet, r.matches, mark))
		snip.Show()
	}
	v.List.SetItemHeight(i, box.MinSize().Height)
}

func (v *Library) reloadSoon() { v.typing.after(250*time.Millisecond, v.Reload) }

// Reload re-reads the list (or runs the search) in the background; a newer
// Reload cancels an older one so results never arrive out of order.
func (v *Library) Reload() {
	query := strings.TrimSpace(v.Search.Text)
	shelf := v.Shelf.Selected
	v.loads.run(func(ctx context.Context) func() {
		rows, hits, status, err := v.load(ctx, query, shelf)
		n, _ := v.lib.Count(ctx)
		if ctx.Err() != nil {
			return nil // a newer load replaced this one: not a failure
		}
		if err != nil {
			v.log.WithError(err).Error("loading the library list")
			status = i18n.T("The list could not be loaded: %s", ErrorMessage(err))
		}
		return func() {
			v.gen++
			v.query, v.hits, v.snipping = query, hits, map[int]bool{}
			v.rows = rows
			v.status.SetSpans([]widgets.Span{{Text: status}})
			v.List.Refresh()
			timing.changed("list")
			// The open article stays selected when the list is read again
			// (a search typed, a shelf chosen, an article saved).
			v.selectCurrent()
			if v.OnEmpty != nil && query == "" {
				v.OnEmpty(n == 0)
			}
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
		}
	})
}

// cutSnippets cuts, off the UI thread, the snippets of one batch of
// search results and shows them in the rows still displaying that search.
func (v *Library) cutSnippets(batch int) {
	if v.snipping[batch] {
		return
	}
	v.snipping[batch] = true
	lo := batch * snippetBatch
	hi := min(len(v.hits), lo+snippetBatch)
	if lo >= hi {
		return
	}
	hits := slices.Clone(v.hits[lo:hi])
	query, gen := v.query, v.gen
	go func() {
		if err := v.lib.Snippets(context.Background(), query, hits); err != nil {
			v.log.WithError(err).Warn("search snippets")
			return
		}
		fynedo.Do(func() {
			if v.gen != gen {
				return // a newer search or list replaced this one
			}
			for k, h := range hits {
				i := lo + k
				if i < len(v.rows) && v.rows[i].hit == i {
					v.rows[i].snippet, v.rows[i].matches, v.rows[i].hit = h.Snippet, h.Matches, -1
					if h.Entity != nil { // the article's spelling comes with its snippet
						v.rows[i].meta = entityReason(*h.Entity) + " · " + summaryRow(h.Summary).meta
					}
					v.List.RefreshItem(i)
				}
			}
		})
	}()
}

func (v *Library) load(ctx context.Context, query, shelf string) ([]row, []library.Hit, string, error) {
	if query != "" {
		res, err := v.lib.SearchWith(ctx, query, library.SearchOptions{Limit: searchLimit, Snippets: snippetBatch})
		if err != nil {
			return nil, nil, "", err
		}
		hits := res.Hits
		rows := make([]row, len(hits))
		for i, h := range hits {
			rows[i] = summaryRow(h.Summary)
			rows[i].snippet = h.Snippet
			rows[i].matches = h.Matches
			if h.Entity != nil {
				// Found through an entity, not the query's words: say so,
				// or an Arabic article in a search for "Trump" looks wrong.
				rows[i].meta = entityReason(*h.Entity) + " · " + rows[i].meta
			}
			if h.Snippet == "" && !h.FromHighlight {
				rows[i].hit = i
			}
		}
		status := i18n.T("%d found", len(hits))
		switch {
		case len(hits) == 0:
			status = i18n.T("Nothing found for “%s”.", i18n.Isolate(query))
		case res.Capped:
			status = i18n.T("More than %d articles match; these are the best of the newest %d. Add a word to narrow the search.", library.RankedMatches, library.RankedMatches)
		case len(hits) == searchLimit:
			status = i18n.T("The %d best matches; add a word to narrow the search.", searchLimit)
		}
		return rows, hits, status, nil
	}
	f := library.Filter{}
	no, yes := false, true
	if tag, ok := strings.CutPrefix(shelf, tagShelfPrefix()); ok {
		f.Tag = tag
	}
	switch shelf {
	case i18n.T(ShelfUnread):
		f.Archived = &no
	case i18n.T(ShelfFavourites):
		f.Favourite = true
	case i18n.T(ShelfArchive):
		f.Archived = &yes
	}
	// A shelf shows its newest articles; older ones are a search away.
	// Loading a whole large library into the list cost seconds and hundreds
	// of megabytes at 10,000 articles (tools/benchharness).
	f.Limit = shelfLimit + 1
	items, err := v.lib.List(ctx, f)
	if err != nil {
		return nil, nil, "", err
	}
	more := len(items) > shelfLimit
	if more {
		items = items[:shelfLimit]
	}
	rows := make([]row, len(items))
	for i, s := range items {
		rows[i] = summaryRow(s)
	}
	if tags, err := v.lib.Tags(ctx); err == nil {
		shelves := shelfLabels()
		for _, t := range tags {
			shelves = append(shelves, tagShelfPrefix()+t.Name)
		}
		fynedo.Do(func() { v.Shelf.SetOptions(shelves) })
	}
	status := ""
	if more {
		status = i18n.T("Showing the newest %d articles; search to find older ones.", shelfLimit)
	}
	if len(rows) == 0 {
		status = i18n.T("No articles here yet. Use “Add link” or drop a saved web page on the window.")
	}
	return rows, nil, status, nil
}

// entityReason says why a hit found through an entity matched: the
// entity's name in the interface's language and the article's own spelling.
func entityReason(m library.EntityMatch) string {
	name := m.Name
	if i18n.RTL() && m.NameAr != "" || name == "" {
		name = m.NameAr
	}
	if m.Spelling == "" || m.Spelling == name {
		return i18n.T("Mentions %s", name)
	}
	// The spelling is isolated: an Arabic one in the English sentence
	// took the date's day after it into its right-to-left run.
	return i18n.T("Mentions %s as “%s”", name, i18n.Isolate(m.Spelling))
}

func summaryRow(s library.Summary) row {
	var parts []string
	if !s.Published.IsZero() {
		parts = append(parts, i18n.Date(s.Published))
	}
	if s.ReadingMinutes > 0 {
		parts = append(parts, i18n.T("%d min", s.ReadingMinutes))
	}
	// How far the reader got: nothing before starting, "done" at the end.
	switch pct := int(s.ReadProgress*100 + 0.5); {
	case pct >= 98:
		parts = append(parts, i18n.T("read to the end"))
	case pct >= 1:
		parts = append(parts, i18n.T("%s read", i18n.Digits(strconv.Itoa(pct))+"%"))
	}
	if s.Language != "" {
		parts = append(parts, strings.ToUpper(s.Language))
	}
	// The site comes last: an Arabic name followed by the date took the
	// date's first number into its own right-to-left run ("27 · المجلة
	// Jan 2025") in the English interface.
	if s.Site != "" {
		parts = append(parts, s.Site)
	}
	title := s.Title
	if title == "" {
		title = s.URL
	}
	return row{id: s.ID, title: title, meta: strings.Join(parts, " · "), rtl: s.Dir == "rtl", fav: s.Favourite, hit: -1}
}

// snippetLead is about how many characters of context a snippet keeps
// before its first match: the row shows two lines, and the match should
// be on the first.
const snippetLead = 40

// snippetSpans shows a search snippet with the matching words bold and
// marked (mark is their background). The snippet starts at a word a few
// words before the first match, with "…" where text was left out; the
// label cuts its end at a word. Drawn through the bidi paragraph, an
// Arabic snippet reads right to left with its pieces in order.
func snippetSpans(s string, matches []library.Range, mark color.Color) []widgets.Span {
	if len(matches) > 0 && utf8.RuneCountInString(s[:min(matches[0].Start, len(s))]) > snippetLead+20 {
		// Back from the match by snippetLead characters, then forward to
		// the start of a word.
		at := matches[0].Start
		for n := 0; n < snippetLead && at > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(s[:at])
			at -= size
		}
		if sp := strings.IndexByte(s[at:matches[0].Start], ' '); sp >= 0 {
			at += sp + 1
		} else if sp := strings.LastIndexByte(s[:at], ' '); sp >= 0 {
			at = sp + 1
		}
		s = "…" + s[at:]
		shift := at - len("…")
		moved := make([]library.Range, len(matches))
		for i, m := range matches {
			moved[i] = library.Range{Start: m.Start - shift, End: m.End - shift}
		}
		matches = moved
	}
	var spans []widgets.Span
	last := 0
	for _, m := range matches {
		if m.Start < last || m.End > len(s) || m.Start >= m.End {
			continue
		}
		if m.Start > last {
			spans = append(spans, widgets.Span{Text: s[last:m.Start]})
		}
		spans = append(spans, widgets.Span{Text: s[m.Start:m.End], Style: widgets.StyleBold, Highlight: mark})
		last = m.End
	}
	if last < len(s) {
		spans = append(spans, widgets.Span{Text: s[last:]})
	}
	return spans
}
