package views

import (
	"context"
	"strconv"

	"annals/data/library"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// An entity's page lists its events and the articles that mention it a
// page at a time: the most mentioned entity of a 10,000-article library
// has some 4,000 events and 8,000 articles, and a row and a paragraph for
// each took seconds to build and made the page crawl when scrolled
// (issue 19). "Show more" adds the next rows; the articles' titles and
// sentences past the first rows are read off the UI thread first.
const (
	entityFirstRows = 20 // as many as store.EntityFirstSentences brings
	entityMoreRows  = 50
)

// pagedRows is a section of the page that shows rows of a longer list a
// batch at a time, with a button for the next batch.
type pagedRows struct {
	box  *fyne.Container
	more *widget.Button
	// moreText is more's text, a label of ours: a button's own text has no
	// bidi, and "Show more (4453 left)" came out scrambled in Arabic.
	moreText *widgets.Label
	shown    int
	total    int
	// add builds rows [from, to) and calls done with them on the UI thread
	// (at once, or after reading what they show in the background).
	add  func(from, to int, done func([]fyne.CanvasObject))
	busy bool
	// moreAt holds more at the reading edge, below the rows shown.
	moreAt *fyne.Container
}

func newPagedRows(total int, add func(from, to int, done func([]fyne.CanvasObject))) *pagedRows {
	p := &pagedRows{box: container.NewVBox(), total: total, add: add}
	p.more = widget.NewButton("", p.showMore)
	p.more.Importance = widget.LowImportance
	p.moreText = widgets.NewLabel("")
	p.moreText.Bold = true
	p.moreText.Direction = uiDirection()
	p.showNext(entityFirstRows)
	return p
}

func (p *pagedRows) showMore() { p.showNext(entityMoreRows) }

func (p *pagedRows) showNext(n int) {
	if p.busy || p.shown >= p.total {
		return
	}
	p.busy = true
	from, to := p.shown, min(p.total, p.shown+n)
	p.more.Disable()
	p.add(from, to, func(rows []fyne.CanvasObject) {
		p.busy = false
		p.more.Enable()
		p.shown = to
		objs := p.box.Objects
		if len(objs) > 0 && objs[len(objs)-1] == fyne.CanvasObject(p.moreRow()) {
			objs = objs[:len(objs)-1]
		}
		objs = append(objs, rows...)
		if p.shown < p.total {
			p.moreText.SetText(i18n.T("Show more (%s left)", i18n.Digits(strconv.Itoa(p.total-p.shown))))
			objs = append(objs, p.moreRow())
		}
		p.box.Objects = objs
		p.box.Refresh()
	})
}

// moreRow holds the button at the edge the interface reads from.
func (p *pagedRows) moreRow() *fyne.Container {
	if p.moreAt == nil {
		b := container.NewStack(p.more, p.moreText)
		if i18n.RTL() {
			p.moreAt = container.NewBorder(nil, nil, nil, b)
		} else {
			p.moreAt = container.NewBorder(nil, nil, b, nil)
		}
	}
	return p.moreAt
}

// eventRows lists an entity's events by date, a batch at a time.
func (v *Entities) eventRows(d *library.EntityDetail) *pagedRows {
	return newPagedRows(len(d.InEvents), func(from, to int, done func([]fyne.CanvasObject)) {
		var rows []fyne.CanvasObject
		for _, e := range d.InEvents[from:to] {
			date := widget.NewLabel(i18n.Digits(e.Date))
			date.TextStyle = fyne.TextStyle{Monospace: true}
			title := widgets.NewLabel(e.Title)
			title.Wrap = true
			// each event is one tap from the sentence that reports it,
			// as on the Timeline
			rows = append(rows, widgets.LabelButtonFor(leading(date, title), func() { v.openEvent(e) }))
		}
		done(rows)
	})
}

// openEvent shows the article of an entity's event at the sentence that
// reports it.
func (v *Entities) openEvent(e library.EntityEvent) {
	if v.OnOpenSource != nil {
		v.OnOpenSource(e.ArticleID, e.Sentence.Start, e.Sentence.End)
	}
}

// articleRows lists the articles that mention an entity, each with the
// sentence of its first mention, a batch at a time: the rows past those
// the page came with have their titles and sentences read first.
func (v *Entities) articleRows(d *library.EntityDetail) *pagedRows {
	build := func(arts []library.EntityArticle) []fyne.CanvasObject {
		var rows []fyne.CanvasObject
		for _, a := range arts {
			title := widgets.NewLabel(a.Title)
			title.Truncate = true
			b := widgets.LabelButton(title, func() {
				if v.OnOpenSource != nil {
					v.OnOpenSource(a.ArticleID, a.Sentence.Start, a.Sentence.End)
				}
			})
			count := widgets.NewLabel(i18n.N("{n} mentions", a.Mentions))
			count.Importance = widget.LowImportance
			rows = append(rows, trailing(count, b),
				widgets.NewParagraph([]widgets.Span{{Text: a.SentenceText}}, widgets.DirAuto))
		}
		return rows
	}
	return newPagedRows(len(d.MentionedIn), func(from, to int, done func([]fyne.CanvasObject)) {
		arts := d.MentionedIn[from:to]
		if ready(arts) {
			done(build(arts))
			return
		}
		batch := append([]library.EntityArticle(nil), arts...)
		v.more.run(func(ctx context.Context) func() {
			err := v.lib.EntityArticles(ctx, batch)
			return func() {
				if v.current != d {
					return // another page is shown
				}
				if err != nil {
					v.log.WithError(err).WithField("entity", d.Key).Warn("an entity's articles")
				}
				// kept, so that a page shown again finds them read
				copy(d.MentionedIn[from:to], batch)
				done(build(batch))
			}
		})
	})
}

// ready reports whether every row of arts has its sentence read.
func ready(arts []library.EntityArticle) bool {
	for _, a := range arts {
		if a.SentenceText == "" {
			return false
		}
	}
	return true
}
