package views

import (
	"annals/gui/i18n"
	"context"
	"image/color"
	"strings"
	"time"

	"annals/data/library"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// highlightColours are the colours a highlight can have, in menu order,
// drawn translucent behind the text so it stays readable in both themes.
var highlightColours = []struct {
	name  string
	label string
	rgba  color.NRGBA
}{
	{"yellow", "Yellow", color.NRGBA{R: 0xf5, G: 0xd0, B: 0x3b, A: 0x70}},
	{"green", "Green", color.NRGBA{R: 0x5c, G: 0xc8, B: 0x6b, A: 0x70}},
	{"blue", "Blue", color.NRGBA{R: 0x4a, G: 0x9a, B: 0xf0, A: 0x70}},
	{"pink", "Pink", color.NRGBA{R: 0xf0, G: 0x6a, B: 0xa8, A: 0x70}},
	{"purple", "Purple", color.NRGBA{R: 0x9b, G: 0x6a, B: 0xf0, A: 0x70}},
}

// colourOf is the colour to draw a highlight with.
func colourOf(name string) color.Color {
	for _, c := range highlightColours {
		if c.name == name {
			return c.rgba
		}
	}
	return highlightColours[0].rgba
}

func colourLabels() []string {
	out := make([]string, len(highlightColours))
	for i, c := range highlightColours {
		out[i] = i18n.T(c.label)
	}
	return out
}

func colourName(label string) string {
	for _, c := range highlightColours {
		if i18n.T(c.label) == label {
			return c.name
		}
	}
	return highlightColours[0].name
}

// Highlights is every highlight in the library, newest first, searchable;
// each opens its article at the passage.
type Highlights struct {
	lib *library.Library
	log *log.Logger

	// OnOpen opens an article at a passage.
	OnOpen func(articleID int64, start, end int)
	// OnLoaded is called on the UI thread when the list was loaded.
	OnLoaded func()

	Search *widgets.Entry
	list   *widget.List
	status *widgets.Label
	root   fyne.CanvasObject
	items  []library.HighlightItem

	loads  loader
	typing debouncer
}

// NewHighlights builds the view; call Reload to fill it.
func NewHighlights(lib *library.Library, logger *log.Logger) *Highlights {
	v := &Highlights{lib: lib, log: logger}
	v.Search = widgets.NewEntry()
	v.Search.SetPlaceHolder(i18n.T("Search your highlights and notes…"))
	v.Search.OnChanged = func(string) { v.typing.after(200*time.Millisecond, v.Reload) }
	v.status = widgets.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.status.Wrap = true
	v.list = widget.NewList(func() int { return len(v.items) }, v.createRow, v.updateRow)
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.items) && v.OnOpen != nil {
			h := v.items[i]
			v.OnOpen(h.ArticleID, h.Start, h.End)
		}
		v.list.Unselect(i)
	}
	v.root = container.NewBorder(v.Search, v.status, nil, nil, v.list)
	return v
}

// Content is the view's canvas object.
func (v *Highlights) Content() fyne.CanvasObject { return v.root }

// Quotes returns the listed highlights' quotes, in order.
func (v *Highlights) Quotes() []string {
	out := make([]string, len(v.items))
	for i, h := range v.items {
		out[i] = h.Quote
	}
	return out
}

// Reload re-reads the highlights in the background.
func (v *Highlights) Reload() {
	q := strings.TrimSpace(v.Search.Text)
	v.loads.run(func(ctx context.Context) func() {
		items, err := v.lib.AllHighlights(ctx, library.HighlightFilter{Query: q, Limit: 2000})
		return func() {
			if err != nil {
				v.log.WithError(err).Error("load highlights")
				v.status.SetText(i18n.T("Highlights could not be loaded: %s", i18n.Isolate(err.Error())))
				return
			}
			v.items = items
			v.list.Refresh()
			switch {
			case len(items) == 0 && q == "":
				v.status.SetText(i18n.T("No highlights yet. Select text in the reader and press Highlight."))
			case len(items) == 0:
				v.status.SetText(i18n.T("No highlight or note matches “%s”.", i18n.Isolate(q)))
			default:
				v.status.SetText("")
			}
			if v.OnLoaded != nil {
				v.OnLoaded()
			}
		}
	})
}

func (v *Highlights) createRow() fyne.CanvasObject {
	quote := widgets.NewParagraph(nil, widgets.DirAuto)
	note := widgets.NewLabel("")
	note.Truncate = true
	note.Italic = true
	title := widgets.NewLabel("")
	title.Importance = widget.LowImportance
	title.Truncate = true
	return container.NewVBox(quote, note, title)
}

func (v *Highlights) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.items) {
		return
	}
	h := v.items[i]
	c := o.(*fyne.Container)
	dir := articleDirection(h.ArticleDir)
	quote := c.Objects[0].(*widgets.Paragraph)
	quote.Direction = paragraphDirection(h.Quote, dir)
	quote.SetSpans([]widgets.Span{{Text: shorten(h.Quote, 90), Highlight: colourOf(h.Colour)}})
	note := c.Objects[1].(*widgets.Label)
	note.SetText(h.Note)
	if h.Note == "" {
		note.Hide()
	} else {
		note.Show()
	}
	c.Objects[2].(*widgets.Label).SetText(h.ArticleTitle)
	v.list.SetItemHeight(i, c.MinSize().Height)
}

// HighlightColourLabels are the colour choices offered for a highlight.
func HighlightColourLabels() []string { return colourLabels() }

// HighlightColourLabel is the shown label of a stored colour name.
func HighlightColourLabel(name string) string {
	for _, c := range highlightColours {
		if c.name == name {
			return i18n.T(c.label)
		}
	}
	return i18n.T(highlightColours[0].label)
}

// HighlightColourName is the stored name of a colour choice.
func HighlightColourName(label string) string { return colourName(label) }
