package views

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"annals/data/capture"
	"annals/data/library"
	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// Reader shows one article: its title, byline, date and text.
type Reader struct {
	lib *library.Library
	log *log.Logger

	// OnChanged is called after the user archives, favourites or deletes
	// the open article, so the list can refresh.
	OnChanged func()
	// OnError shows a problem to the user.
	OnError func(title string, err error)
	// OnConfirm asks the user a yes/no question.
	OnConfirm func(title, message string, yes func())
	// OnShown is called on the UI thread once an article is displayed.
	OnShown func(id int64)
	// OnEditTags asks the user for new tags, starting from current.
	OnEditTags func(current []string, done func(tags []string))

	article *library.Article
	title   *widget.Label
	meta    *widget.Label
	tags    *widget.Label
	body    *fyne.Container
	scroll  *container.Scroll
	bar     fyne.CanvasObject
	fav     *widget.Button
	archive *widget.Button
	empty   fyne.CanvasObject
	page    fyne.CanvasObject
	root    *fyne.Container

	mu     sync.Mutex
	cancel context.CancelFunc
}

// NewReader builds an empty reader.
func NewReader(lib *library.Library, logger *log.Logger) *Reader {
	r := &Reader{lib: lib, log: logger}
	r.title = widget.NewLabel("")
	r.title.Wrapping = fyne.TextWrapWord
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.SizeName = theme.SizeNameHeadingText
	r.meta = widget.NewLabel("")
	r.meta.Wrapping = fyne.TextWrapWord
	r.meta.Importance = widget.LowImportance
	r.tags = widget.NewLabel("")
	r.tags.Importance = widget.LowImportance
	r.tags.Truncation = fyne.TextTruncateEllipsis
	r.body = container.NewVBox()
	r.fav = &widget.Button{Text: "Favourite", OnTapped: r.toggleFavourite, Importance: widget.LowImportance}
	r.archive = &widget.Button{Text: "Archive", Icon: theme.DownloadIcon(), OnTapped: r.toggleArchive, Importance: widget.LowImportance}
	original := &widget.Button{Text: "Original page", Icon: theme.ComputerIcon(), OnTapped: r.openOriginal, Importance: widget.LowImportance}
	tagsBtn := &widget.Button{Text: "Tags…", Icon: theme.DocumentIcon(), OnTapped: r.editTags, Importance: widget.LowImportance}
	del := &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), OnTapped: r.deleteArticle, Importance: widget.LowImportance}
	r.bar = container.NewHBox(r.fav, r.archive, tagsBtn, original, layout.NewSpacer(), del)
	column := container.NewVBox(r.title, r.meta, r.tags, widget.NewSeparator(), r.body)
	r.scroll = container.NewVScroll(container.NewPadded(column))
	r.page = container.NewBorder(r.bar, nil, nil, nil, r.scroll)
	hint := widget.NewLabel("Pick an article on the left, or add one with “Add link”.")
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	r.empty = container.NewCenter(hint)
	r.root = container.NewStack(r.empty)
	return r
}

// Content is the view's canvas object.
func (r *Reader) Content() fyne.CanvasObject { return r.root }

// ArticleID is the open article's id, 0 when none.
func (r *Reader) ArticleID() int64 {
	if r.article == nil {
		return 0
	}
	return r.article.ID
}

// Texts returns the title and the body's block texts, as shown.
func (r *Reader) Texts() []string {
	out := []string{r.title.Text}
	for _, o := range r.body.Objects {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, inner := range c.Objects {
				if l, ok := inner.(*widget.Label); ok {
					out = append(out, l.Text)
				}
			}
		}
	}
	return out
}

// Open loads an article in the background and shows it; opening another
// article before it arrives cancels the first load.
func (r *Reader) Open(id int64) {
	r.mu.Lock()
	if r.cancel != nil {
		r.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.mu.Unlock()
	go func() {
		a, err := r.lib.Get(ctx, id)
		if ctx.Err() != nil {
			return
		}
		fynedo.Do(func() {
			if err != nil {
				r.log.WithError(err).WithField("id", id).Error("open article")
				r.Clear()
				if r.OnError != nil {
					r.OnError("Could not open the article", err)
				}
				return
			}
			r.show(a)
		})
	}()
}

// Clear shows the empty state.
func (r *Reader) Clear() {
	r.article = nil
	r.root.Objects = []fyne.CanvasObject{r.empty}
	r.root.Refresh()
}

func (r *Reader) show(a *library.Article) {
	r.article = a
	rtl := a.Dir == "rtl"
	align := fyne.TextAlignLeading
	if rtl {
		align = fyne.TextAlignTrailing
	}
	r.title.SetText(a.Title)
	r.title.Alignment = align
	r.meta.SetText(metaLine(a))
	r.meta.Alignment = align
	r.showTags()
	r.body.Objects = r.body.Objects[:0]
	for _, b := range a.Blocks {
		if o := blockObject(b, align); o != nil {
			r.body.Objects = append(r.body.Objects, o)
		}
	}
	if len(r.body.Objects) == 0 && a.Text != "" {
		for _, p := range strings.Split(a.Text, "\n\n") {
			r.body.Objects = append(r.body.Objects, paragraph(p, align))
		}
	}
	r.updateToolbar()
	r.root.Objects = []fyne.CanvasObject{r.page}
	r.root.Refresh()
	r.scroll.ScrollToTop()
	if r.OnShown != nil {
		r.OnShown(a.ID)
	}
}

func metaLine(a *library.Article) string {
	var parts []string
	for _, s := range []string{a.Byline, a.Site} {
		if s != "" && !contains(parts, s) {
			parts = append(parts, s)
		}
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 January 2006"))
	}
	if a.ReadingMinutes > 0 {
		parts = append(parts, fmt.Sprintf("%d min read", a.ReadingMinutes))
	}
	return strings.Join(parts, " · ")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func paragraph(text string, align fyne.TextAlign) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = align
	return l
}

// blockObject draws one block of the article. Images are shown by the
// offline-image reader later; here they are skipped.
func blockObject(b capture.Block, align fyne.TextAlign) fyne.CanvasObject {
	if strings.TrimSpace(b.Text) == "" {
		return nil
	}
	switch b.Kind {
	case capture.BlockHeading:
		l := paragraph(b.Text, align)
		l.TextStyle = fyne.TextStyle{Bold: true}
		if b.Level <= 2 {
			l.SizeName = theme.SizeNameSubHeadingText
		}
		return l
	case capture.BlockQuote:
		l := paragraph(b.Text, align)
		l.TextStyle = fyne.TextStyle{Italic: true}
		l.Importance = widget.HighImportance
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(3, 0))
		if align == fyne.TextAlignTrailing {
			return container.NewBorder(nil, nil, nil, bar, l)
		}
		return container.NewBorder(nil, nil, bar, nil, l)
	case capture.BlockCaption:
		l := paragraph(b.Text, align)
		l.SizeName = theme.SizeNameCaptionText
		l.Importance = widget.LowImportance
		return l
	case capture.BlockListItem:
		if align == fyne.TextAlignTrailing {
			return paragraph(b.Text+" •", align)
		}
		return paragraph("• "+b.Text, align)
	case capture.BlockPre:
		l := paragraph(b.Text, fyne.TextAlignLeading)
		l.TextStyle = fyne.TextStyle{Monospace: true}
		return l
	case capture.BlockImage:
		return nil
	default:
		return paragraph(b.Text, align)
	}
}

func (r *Reader) updateToolbar() {
	if r.article == nil {
		return
	}
	if r.article.Favourite {
		r.fav.SetText("Favourite")
		r.fav.SetIcon(theme.ConfirmIcon())
	} else {
		r.fav.SetText("Add to favourites")
		r.fav.SetIcon(theme.ContentAddIcon())
	}
	if r.article.Archived {
		r.archive.SetText("Move to reading list")
		r.archive.SetIcon(theme.UploadIcon())
	} else {
		r.archive.SetText("Archive")
		r.archive.SetIcon(theme.DownloadIcon())
	}
}

// toggle runs a flag change in the background and reflects it when done.
func (r *Reader) toggle(change func(ctx context.Context, a *library.Article) error, apply func(a *library.Article)) {
	a := r.article
	if a == nil {
		return
	}
	go func() {
		err := change(context.Background(), a)
		fynedo.Do(func() {
			if err != nil {
				if r.OnError != nil {
					r.OnError("Could not change the article", err)
				}
				return
			}
			if r.article == a {
				apply(a)
				r.updateToolbar()
			}
			if r.OnChanged != nil {
				r.OnChanged()
			}
		})
	}()
}

func (r *Reader) toggleFavourite() {
	r.toggle(func(ctx context.Context, a *library.Article) error {
		return r.lib.Favourite(ctx, a.ID, !a.Favourite)
	}, func(a *library.Article) { a.Favourite = !a.Favourite })
}

func (r *Reader) toggleArchive() {
	r.toggle(func(ctx context.Context, a *library.Article) error {
		return r.lib.Archive(ctx, a.ID, !a.Archived)
	}, func(a *library.Article) { a.Archived = !a.Archived })
}

func (r *Reader) openOriginal() {
	if r.article == nil {
		return
	}
	u, err := url.Parse(r.article.URL)
	if err != nil {
		return
	}
	if err := fyne.CurrentApp().OpenURL(u); err != nil && r.OnError != nil {
		r.OnError("Could not open the original page", err)
	}
}

func (r *Reader) deleteArticle() {
	a := r.article
	if a == nil || r.OnConfirm == nil {
		return
	}
	r.OnConfirm("Delete article", fmt.Sprintf("Delete “%s” from your library? This cannot be undone.", a.Title), func() {
		go func() {
			err := r.lib.Delete(context.Background(), a.ID)
			fynedo.Do(func() {
				if err != nil {
					if r.OnError != nil {
						r.OnError("Could not delete the article", err)
					}
					return
				}
				if r.article == a {
					r.Clear()
				}
				if r.OnChanged != nil {
					r.OnChanged()
				}
			})
		}()
	})
}

func (r *Reader) showTags() {
	if r.article == nil || len(r.article.Tags) == 0 {
		r.tags.Hide()
		return
	}
	r.tags.SetText("Tags: " + strings.Join(r.article.Tags, ", "))
	r.tags.Show()
}

func (r *Reader) editTags() {
	a := r.article
	if a == nil || r.OnEditTags == nil {
		return
	}
	r.OnEditTags(a.Tags, func(tags []string) {
		go func() {
			err := r.lib.SetTags(context.Background(), a.ID, tags)
			fynedo.Do(func() {
				if err != nil {
					if r.OnError != nil {
						r.OnError("Could not change the tags", err)
					}
					return
				}
				a.Tags = tags
				if r.article == a {
					r.showTags()
				}
				if r.OnChanged != nil {
					r.OnChanged()
				}
			})
		}()
	})
}
