package views

import (
	"context"
	"fmt"
	"image/color"
	"net/url"
	"slices"
	"strings"

	"annals/data/library"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// Reader shows one article: its title, byline, date and text, laid out by
// the bidi paragraph widget in a virtualised list.
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
	// OnShowEvents shows the timeline of the events an article reports.
	OnShowEvents func(id int64, title string)
	// OnEditTags asks the user for new tags, starting from current.
	OnEditTags func(current []string, done func(tags []string))

	article  *library.Article
	blocks   []block
	view     *articleView
	body     *fyne.Container
	settings *readerSettings
	tags     *widgets.Label
	bar      fyne.CanvasObject
	fav      *widget.Button
	archive  *widget.Button
	empty    fyne.CanvasObject
	start    fyne.CanvasObject // shown instead of empty while the library is empty
	isEmpty  bool

	// First-run actions offered by the start page.
	OnAddLink, OnOpenFile, OnImport, OnTrySamples func()
	page                                          fyne.CanvasObject
	root                                          *fyne.Container

	highlights []library.Highlight
	selection  *textRange // text the user selected, ready to highlight
	hlBtn      *widget.Button
	hlPanel    *fyne.Container
	hlList     *fyne.Container
	hlToggle   *widgets.Label // "Highlights (3)", drawn in the interface's direction

	// OnHighlight asks for a new highlight's colour and note.
	OnHighlight func(quote string, done func(colour, note string))
	// OnEditHighlight asks for a kept highlight's new colour and note.
	OnEditHighlight func(h library.Highlight, done func(colour, note string))

	// mark is a passage to highlight and scroll to once the article is
	// laid out: byte offsets into Article.Text (from the timeline or search).
	mark *textRange

	// The background loads: each drops the result of an older load of the
	// same kind (another article opened meanwhile) and counts as busy until
	// its result is shown.
	opens, highlightLoads, pictureLoads loader
	// changes runs the user's changes (favourite, archive, direction, tags,
	// delete, highlights) in order; none cancels another.
	changes actions
}

// Busy reports whether a background load or layout has yet to show its
// result: tests wait for it before comparing what the reader draws.
func (r *Reader) Busy() bool {
	return r.opens.busy() || r.highlightLoads.busy() || r.pictureLoads.busy() || r.changes.busy() || r.view.busy()
}

// Close stops the reader's background work when the window goes away: a
// change still running is cancelled, the waiting ones are dropped, and no
// result is shown after it.
func (r *Reader) Close() {
	r.changes.close()
	r.opens.cancel()
	r.highlightLoads.cancel()
	r.pictureLoads.cancel()
}

type textRange struct{ start, end int }

// NewReader builds an empty reader; prefs remembers the reader settings.
func NewReader(lib *library.Library, logger *log.Logger, prefs fyne.Preferences) *Reader {
	r := &Reader{lib: lib, log: logger}
	r.settings = loadReaderSettings(prefs)
	r.view = newArticleView(r.settings.theme())
	r.view.metrics = r.settings.metrics(r.view.metrics)
	r.view.onReady = r.ready
	r.view.onSelect = r.selected
	// A paragraph takes the focus when tapped (for Ctrl+C); the keys it
	// has no use for still read the article.
	r.view.onKey = func(ev *fyne.KeyEvent) {
		if !r.TypedKey(ev) {
			toWindow(r.root, ev)
		}
	}
	r.tags = widgets.NewLabel("")
	r.tags.Importance = widget.LowImportance
	r.tags.Truncate = true
	r.fav = &widget.Button{Text: i18n.T("Favourite"), OnTapped: r.toggleFavourite, Importance: widget.LowImportance}
	r.archive = &widget.Button{Text: i18n.T("Archive"), Icon: theme.DownloadIcon(), OnTapped: r.toggleArchive, Importance: widget.LowImportance}
	r.hlBtn = &widget.Button{Text: i18n.T("Highlight"), Icon: theme.ColorPaletteIcon(), Importance: widget.HighImportance, OnTapped: r.addHighlight}
	r.hlBtn.Disable()
	// The panel's button names what it opens and how many there are: a
	// bare "≡ 0" said nothing to a new reader. The bidi label keeps
	// «الإبرازات (٣)» in order, which widget.Button cannot.
	r.hlToggle = widgets.NewLabel(highlightsButtonText(0))
	r.hlToggle.Bold = true // as the toolbar's other buttons
	hlToggle := widgets.LabelButton(r.hlToggle, r.toggleHighlights)
	smaller := &widget.Button{Text: i18n.T("A−"), OnTapped: func() { r.ChangeTextSize(-1) }, Importance: widget.LowImportance}
	larger := &widget.Button{Text: i18n.T("A+"), OnTapped: func() { r.ChangeTextSize(+1) }, Importance: widget.LowImportance}
	look := &widget.Button{Text: i18n.T("Aa"), OnTapped: r.showSettings, Importance: widget.LowImportance}
	// Less frequent actions live in a menu, so the toolbar fits beside the
	// library list on a small screen.
	more := &widget.Button{Icon: theme.MoreHorizontalIcon(), Importance: widget.LowImportance}
	more.OnTapped = func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(more)
		if c == nil || r.article == nil {
			return
		}
		dir := i18n.T("Show right to left")
		if r.article.Dir == "rtl" {
			dir = i18n.T("Show left to right")
		}
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(i18n.T("Events of this article"), func() {
				if r.article != nil && r.OnShowEvents != nil {
					r.OnShowEvents(r.article.ID, r.article.Title)
				}
			}),
			fyne.NewMenuItem(i18n.T("Tags…"), r.editTags),
			fyne.NewMenuItem(i18n.T("Open the original page"), r.openOriginal),
			fyne.NewMenuItem(dir, r.toggleDirection),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(i18n.T("Delete…"), r.deleteArticle),
		)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(more)
		widget.ShowPopUpMenuAtPosition(menu, c, pos.AddXY(0, more.Size().Height))
	}
	items := []fyne.CanvasObject{r.fav, r.archive, r.hlBtn, hlToggle, layout.NewSpacer(), smaller, larger, look, more}
	if i18n.RTL() { // the Arabic interface reads its toolbar from the right
		slices.Reverse(items)
	}
	r.bar = container.NewHBox(items...)
	// The article's rows enter the page when the first article opens:
	// laying out the empty list here parsed the reader's fonts (12 MB)
	// before anything was read. No theme override: the reader's theme
	// differs from the app's only in its faces, which the rows' paragraphs
	// take themselves (widgets.Paragraph.UseTheme), and an override's walk
	// empties Fyne's text-size and icon caches (fyne internal/cache/
	// theme.go) when it is refreshed and when it is first drawn: every text
	// in the window was measured again while the first article opened.
	r.body = container.NewStack()
	r.hlList = container.NewVBox()
	panel := container.NewBorder(heading(i18n.T("Highlights")), nil, nil, nil, container.NewVScroll(r.hlList))
	// 300 wide and as high as the page: a grid-wrap cell of 300×0 kept
	// the panel's list 0 high, so the highlights never showed.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(300, 0))
	r.hlPanel = container.NewStack(width, panel)
	r.hlPanel.Hide()
	r.page = container.NewBorder(container.NewVBox(r.bar, r.tags), nil, nil, r.hlPanel, r.body)
	hint := widget.NewLabel(i18n.T("Pick an article on the left, or add one with “Add link”."))
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	r.empty = container.NewCenter(hint)
	r.start = r.startPage()
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

// Texts returns the text of every row: the title first, then the meta line
// and the body's blocks.
func (r *Reader) Texts() []string {
	out := make([]string, 0, len(r.blocks))
	for _, b := range r.blocks {
		var t strings.Builder
		for _, sp := range b.spans {
			t.WriteString(sp.Text)
		}
		out = append(out, t.String())
	}
	return out
}

// Marked returns the highlighted passage the reader jumped to, as shown.
func (r *Reader) Marked() string {
	var b strings.Builder
	for _, bl := range r.blocks {
		for _, sp := range bl.spans {
			if sp.Highlight != nil {
				b.WriteString(sp.Text)
			}
		}
	}
	return b.String()
}

// Open loads an article in the background and shows it; opening another
// article before it arrives cancels the first load.
func (r *Reader) Open(id int64) {
	r.mark = nil
	r.open(id)
}

// OpenAt opens an article scrolled to the passage [start, end) of its text
// (byte offsets, as analysis reports sentences), with the passage
// highlighted.
func (r *Reader) OpenAt(id int64, start, end int) {
	r.mark = &textRange{start, end}
	if r.article != nil && r.article.ID == id {
		r.layoutArticle(false)
		r.view.scrollToText(start)
		if r.OnShown != nil {
			r.OnShown(id)
		}
		return
	}
	r.open(id)
}

func (r *Reader) open(id int64) {
	r.saveProgress()
	r.opens.run(func(ctx context.Context) func() {
		a, err := r.lib.Get(ctx, id)
		return func() {
			if err != nil {
				r.log.WithError(err).WithField("id", id).Error("open article")
				r.Clear()
				if r.OnError != nil {
					r.OnError(i18n.T("Could not open the article"), err)
				}
				return
			}
			r.show(a)
		}
	})
}

// Clear shows the empty state: the start page when the library is empty.
func (r *Reader) Clear() {
	r.saveProgress()
	r.article = nil
	r.blocks = nil
	r.showEmpty()
}

func (r *Reader) showEmpty() {
	if r.isEmpty {
		r.root.Objects = []fyne.CanvasObject{r.start}
	} else {
		r.root.Objects = []fyne.CanvasObject{r.empty}
	}
	r.root.Refresh()
}

// ShowingStart reports whether the start page is on screen.
func (r *Reader) ShowingStart() bool {
	return len(r.root.Objects) == 1 && r.root.Objects[0] == r.start
}

// SetLibraryEmpty tells the reader whether the library has any article, so
// a new user sees the start page.
func (r *Reader) SetLibraryEmpty(empty bool) {
	if r.isEmpty == empty {
		return
	}
	r.isEmpty = empty
	if r.article == nil {
		r.showEmpty()
	}
}

// startPage welcomes a new user with the ways to fill the library.
func (r *Reader) startPage() fyne.CanvasObject {
	title := widget.NewLabel(i18n.T("Welcome to Annals"))
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.SizeName = theme.SizeNameHeadingText
	title.Alignment = fyne.TextAlignCenter
	intro := widget.NewLabel(i18n.T("Save the articles you read. Annals keeps a clean copy you can read offline, and finds the dated events and the people, organisations and places they mention."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	call := func(f *func()) func() {
		return func() {
			if *f != nil {
				(*f)()
			}
		}
	}
	buttons := container.NewGridWithColumns(1,
		&widget.Button{Text: i18n.T("Add a link"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: call(&r.OnAddLink)},
		&widget.Button{Text: i18n.T("Open a saved page"), Icon: theme.FolderOpenIcon(), OnTapped: call(&r.OnOpenFile)},
		&widget.Button{Text: i18n.T("Import from Pocket, Instapaper, wallabag…"), Icon: theme.DownloadIcon(), OnTapped: call(&r.OnImport)},
		&widget.Button{Text: i18n.T("Try a sample article"), Icon: theme.DocumentIcon(), OnTapped: call(&r.OnTrySamples)},
	)
	box := container.NewVBox(title, intro, widget.NewSeparator(), buttons)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(460, box.MinSize().Height+40), box))
}

func (r *Reader) show(a *library.Article) {
	r.article = a
	r.view.pictures = nil
	r.highlights = nil
	r.selection = nil
	r.hlBtn.Disable()
	r.view.fromTop = r.mark == nil && !(a.ReadProgress > 0 && a.ReadProgress < 1) // as ready() scrolls
	r.layoutArticle(true)
	r.loadHighlights(a)
	r.loadPictures(a)
	r.showTags()
	r.updateToolbar()
	if len(r.body.Objects) == 0 {
		r.body.Objects = []fyne.CanvasObject{r.view.root}
		r.body.Refresh()
	}
	if len(r.root.Objects) == 1 && r.root.Objects[0] == r.page {
		// Another article in the page already shown: only the tags line
		// may have come or gone. root.Refresh would refresh every widget
		// below it, every row laid out again.
		if page, ok := r.page.(*fyne.Container); ok {
			page.Layout.Layout(page.Objects, page.Size())
		}
		return
	}
	r.root.Objects = []fyne.CanvasObject{r.page}
	r.root.Refresh()
}

// layoutArticle (re)builds the rows: for a newly opened article (opened),
// or in place after a direction change or new highlights.
func (r *Reader) layoutArticle(opened bool) {
	r.blocks = articleBlocks(r.article, articleDirection(r.article.Dir))
	for _, h := range r.highlights {
		if !h.Orphaned {
			highlight(r.blocks, h.Start, h.End, colourOf(h.Colour))
		}
	}
	if r.mark != nil {
		highlight(r.blocks, r.mark.start, r.mark.end, markColour())
	}
	r.view.setBlocks(r.blocks, opened)
}

// relayoutInPlace redraws the article (new highlights) keeping the reader
// where they are.
func (r *Reader) relayoutInPlace() {
	r.layoutArticle(false)
}

// ready runs when the rows have their heights: for a newly opened article,
// go to where the reader left off (or the passage asked for); then tell
// listeners.
func (r *Reader) ready(opened bool) {
	a := r.article
	if a == nil || r.view.blocks == nil {
		return
	}
	if opened {
		timing.changed(fmt.Sprintf("text:%d:%d", a.ID, len(r.view.blocks)))
	}
	if !opened {
		// laid out again in place: the top row stayed at the top
	} else if r.mark != nil {
		r.view.scrollToText(r.mark.start)
	} else if a.ReadProgress > 0 && a.ReadProgress < 1 {
		r.view.scrollToProgress(a.ReadProgress)
	} else {
		r.view.list.scrollTo(0)
	}
	if r.OnShown != nil {
		r.OnShown(a.ID)
	}
}

// saveProgress remembers, in the background, how far the open article was
// read.
func (r *Reader) saveProgress() {
	if a, p, ok := r.progressToSave(); ok {
		go r.writeProgress(a.ID, p)
	}
}

func (r *Reader) progressToSave() (*library.Article, float64, bool) {
	a := r.article
	if a == nil || r.view.heights == nil {
		return nil, 0, false
	}
	p := r.view.progress()
	if p == a.ReadProgress {
		return nil, 0, false
	}
	a.ReadProgress = p
	return a, p, true
}

func (r *Reader) writeProgress(id int64, p float64) {
	if err := r.lib.SetReadProgress(context.Background(), id, p); err != nil {
		r.log.WithError(err).Warn("save reading progress")
	}
}

// SaveProgress writes the reading progress now; the window is closing.
func (r *Reader) SaveProgress() {
	if a, p, ok := r.progressToSave(); ok {
		r.writeProgress(a.ID, p)
	}
}

// TypedKey scrolls the open article for a reading key: j/k and the arrows
// by a line, Space/Page Down and Shift+Space/Page Up by a page, Home and
// End to either end. It reports whether it used the key (an article is open
// and the key is one of these), so a focused list or paragraph can pass on
// the keys it has no use for.
func (r *Reader) TypedKey(ev *fyne.KeyEvent) bool {
	if r.article == nil || r.view.heights == nil {
		return false
	}
	timing.input("key")
	const line = 48
	switch ev.Name {
	case fyne.KeyJ, fyne.KeyDown:
		r.view.scrollBy(line)
	case fyne.KeyK, fyne.KeyUp:
		r.view.scrollBy(-line)
	case fyne.KeySpace, fyne.KeyPageDown, fyne.KeyPageUp:
		// A page glides (reader_glide.go): its frames report to the
		// timing probe themselves.
		page := r.PageHeight()
		if ev.Name == fyne.KeyPageUp || (ev.Name == fyne.KeySpace && shiftHeld()) {
			page = -page
		}
		r.view.glideBy(page)
		return true
	case fyne.KeyHome:
		r.view.list.scrollTo(0)
	case fyne.KeyEnd:
		r.view.list.scrollTo(r.view.list.total)
	default:
		return false
	}
	timing.changed("scroll")
	return true
}

// ScrollOffset is how far the article is scrolled, in pixels.
func (r *Reader) ScrollOffset() float32 { return r.view.list.offset() }

// TextSize is the body text size in points.
func (r *Reader) TextSize() float64 { return r.settings.size }

// shiftHeld reports whether Shift is down (a KeyEvent does not say).
func shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// PageHeight is the visible height of the article, for paging.
func (r *Reader) PageHeight() float32 { return r.view.list.viewHeight() * 0.9 }

func metaLine(a *library.Article) string {
	var parts []string
	for _, s := range []string{a.Byline, a.Site} {
		if s != "" && !contains(parts, s) {
			parts = append(parts, s)
		}
	}
	// The meta line is read inside the article's own paragraph direction,
	// so it speaks the article's language: an ISO date or "6 min" inside
	// Arabic text reorders under the bidi rules ("27-01-2025", "min 6").
	arabic := a.Language == "ar"
	if !a.Published.IsZero() {
		if arabic {
			parts = append(parts, fmt.Sprintf("%d %s %d", a.Published.Day(), i18n.MonthNameIn(i18n.Arabic, int(a.Published.Month())), a.Published.Year()))
		} else {
			parts = append(parts, a.Published.Format("2 January 2006")) // the article's language, not the interface's
		}
	}
	if a.ReadingMinutes > 0 {
		if arabic {
			parts = append(parts, "قراءة "+arabicMinutes(a.ReadingMinutes))
		} else {
			parts = append(parts, fmt.Sprintf("%d min read", a.ReadingMinutes))
		}
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

func (r *Reader) updateToolbar() {
	if r.article == nil {
		return
	}
	// The button keeps its name; its mark says whether it is one.
	if r.article.Favourite {
		r.fav.SetIcon(theme.ConfirmIcon())
	} else {
		r.fav.SetIcon(theme.ContentAddIcon())
	}
	if r.article.Archived {
		r.archive.SetText(i18n.T("Unarchive"))
		r.archive.SetIcon(theme.UploadIcon())
	} else {
		r.archive.SetText(i18n.T("Archive"))
		r.archive.SetIcon(theme.DownloadIcon())
	}
}

// change runs one of the user's changes to the data in the background, in
// order after the ones asked before it; on success done runs on the UI
// thread, on failure the user is told what could not be done.
func (r *Reader) change(failed string, write func(ctx context.Context) error, done func()) {
	r.changes.do(func(ctx context.Context) func() {
		err := write(ctx)
		return func() {
			if err != nil {
				if r.OnError != nil {
					r.OnError(failed, err)
				}
				return
			}
			done()
		}
	})
}

// toggle changes a flag of the open article and reflects it when done.
// change reads the flag when it runs, after the changes asked before it
// have been applied: two quick taps make two toggles, not one twice.
func (r *Reader) toggle(change func(ctx context.Context, a *library.Article) error, apply func(a *library.Article)) {
	a := r.article
	if a == nil {
		return
	}
	r.change(i18n.T("Could not change the article"), func(ctx context.Context) error { return change(ctx, a) }, func() {
		apply(a)
		if r.article == a {
			r.updateToolbar()
		}
		r.tellChanged()
	})
}

// tellChanged lets the list know the user changed an article.
func (r *Reader) tellChanged() {
	if r.OnChanged != nil {
		r.OnChanged()
	}
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
	// Only a web link goes to the system's opener: a javascript: or file:
	// address (a crafted backup restored before Annals refused them) could
	// run something. A saved page opens the web page it was saved from.
	link := r.article.URL
	if !library.IsWebLink(link) {
		link = r.article.CanonicalURL
	}
	if !library.IsWebLink(link) {
		return
	}
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return
	}
	if err := fyne.CurrentApp().OpenURL(u); err != nil && r.OnError != nil {
		r.OnError(i18n.T("Could not open the original page"), err)
	}
}

func (r *Reader) deleteArticle() {
	a := r.article
	if a == nil || r.OnConfirm == nil {
		return
	}
	r.OnConfirm(i18n.T("Delete article"), i18n.T("Delete “%s” from your library? This cannot be undone.", i18n.Isolate(a.Title)), func() {
		r.change(i18n.T("Could not delete the article"), func(ctx context.Context) error {
			return r.lib.Delete(ctx, a.ID)
		}, func() {
			if r.article == a {
				r.Clear()
			}
			r.tellChanged()
		})
	})
}

func (r *Reader) showTags() {
	if r.article == nil || len(r.article.Tags) == 0 {
		r.tags.Hide()
		return
	}
	r.tags.SetText(i18n.T("Tags: %s", strings.Join(r.article.Tags, i18n.T(", "))))
	r.tags.Show()
}

func (r *Reader) editTags() {
	a := r.article
	if a == nil || r.OnEditTags == nil {
		return
	}
	r.OnEditTags(a.Tags, func(tags []string) {
		r.change(i18n.T("Could not change the tags"), func(ctx context.Context) error {
			return r.lib.SetTags(ctx, a.ID, tags)
		}, func() {
			a.Tags = tags
			if r.article == a {
				r.showTags()
			}
			r.tellChanged()
		})
	})
}

// toggleDirection flips the article between right-to-left and left-to-right
// (for a page whose language was misdetected) and remembers the choice.
func (r *Reader) toggleDirection() {
	r.toggle(func(ctx context.Context, a *library.Article) error {
		return r.lib.SetDirection(ctx, a.ID, flipDirection(a.Dir))
	}, func(a *library.Article) {
		a.Dir = flipDirection(a.Dir)
		if r.article == a {
			r.layoutArticle(false)
		}
	})
}

// flipDirection is the other text direction: an article shown left to
// right (or with no direction kept) becomes right to left.
func flipDirection(dir string) string {
	if dir == "rtl" {
		return "ltr"
	}
	return "rtl"
}

// arabicMinutes counts minutes with the noun form Arabic grammar asks for.
func arabicMinutes(n int) string {
	switch {
	case n == 1:
		return "دقيقة واحدة"
	case n == 2:
		return "دقيقتان"
	case n >= 3 && n <= 10:
		return fmt.Sprintf("%d دقائق", n)
	}
	return fmt.Sprintf("%d دقيقة", n)
}

// loadPictures reads the article's images from disk in the background and
// shows them when ready; images that were never downloaded keep their
// placeholder.
func (r *Reader) loadPictures(a *library.Article) {
	r.pictureLoads.run(func(ctx context.Context) func() {
		recs, err := r.lib.Images(ctx, a.ID)
		if err != nil {
			if ctx.Err() == nil { // not merely superseded by another article's pictures
				r.log.WithError(err).Warn("list article images")
			}
			return nil
		}
		pics := map[string]picture{}
		for _, rec := range recs {
			if !rec.Kept() {
				continue
			}
			data, _, err := r.lib.Image(ctx, a.ID, rec.Src)
			if err != nil {
				continue // shown as a placeholder
			}
			pics[rec.Src] = picture{res: fyne.NewStaticResource(rec.Hash, data), width: rec.Width, height: rec.Height}
		}
		if len(pics) == 0 {
			return nil
		}
		return func() {
			if r.article == a {
				r.view.setPictures(pics)
			}
		}
	})
}
