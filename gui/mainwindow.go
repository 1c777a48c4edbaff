package gui

import (
	"annals/gui/i18n"
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"time"

	"annals/assets"
	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/views"
	"annals/gui/widgets"
	"annals/internal/buildinfo"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// MainWindow is the library list beside the reader, with the actions that
// add articles.
type MainWindow struct {
	Window     fyne.Window
	Library    *views.Library
	Reader     *views.Reader
	Timeline   *views.Timeline
	Entities   *views.Entities
	Highlights *views.Highlights
	Tabs       *sectionTabs

	lib       *library.Library
	log       *log.Logger
	jobs      *jobBar
	history   *history
	restoring bool                      // moving through history: do not record
	stale     map[int]bool              // sections to reload when next shown
	unshown   map[int]fyne.CanvasObject // sections' content not yet put in the window
	holders   map[int]*fyne.Container   // the tabs' containers for that content

	onJobDone func()                               // tests: called after a job's result was shown
	timer     func(time.Duration) <-chan time.Time // tests: Maintain's clock (nil: time.After)
}

// NewMainWindow builds the main window of app a for lib. It does not show it.
func NewMainWindow(a fyne.App, lib *library.Library, logger *log.Logger) *MainWindow {
	m := &MainWindow{Window: a.NewWindow("Annals"), lib: lib, log: logger, jobs: newJobBar(), history: newHistory()}
	m.Library = views.NewLibrary(lib, logger)
	m.Reader = views.NewReader(lib, logger, a.Preferences())
	m.Library.OnEmpty = m.Reader.SetLibraryEmpty
	m.Library.OnSelected = func(id int64) {
		// Choosing the article already open keeps the reading position.
		if id != m.Reader.ArticleID() {
			m.Reader.Open(id)
		}
		m.visit(place{tab: tabLibrary, article: id})
	}
	// The list's selection follows the open article, however it was
	// opened: from the list, the timeline, an entity, a highlight.
	m.Reader.OnShown = m.Library.SetCurrent
	m.Reader.OnChanged = m.Library.Reload
	m.Reader.OnError = m.showError
	m.Reader.OnConfirm = func(title, msg string, yes func()) {
		dialog.ShowConfirm(title, msg, func(ok bool) {
			if ok {
				yes()
			}
		}, m.Window)
	}
	m.Reader.OnEditTags = m.askTags
	m.Reader.OnAddLink = m.askLink
	m.Reader.OnOpenFile = m.askFile
	m.Reader.OnTrySamples = m.addSamples
	m.Reader.OnImport = m.askImport
	m.Reader.OnShowEvents = func(id int64, title string) {
		m.selectTab(tabTimeline)
		m.Timeline.ShowArticle(id, title)
		m.visit(place{tab: tabTimeline})
	}
	m.Timeline = views.NewTimeline(lib, logger)
	m.Timeline.OnOpenSource = m.openSource
	m.Timeline.OnOpenEntity = m.openEntity
	m.Timeline.OnExport = m.exportTimeline
	m.Timeline.OnEditEvent = m.askEventEdit
	m.Timeline.OnError = m.showError
	m.Entities = views.NewEntities(lib, logger)
	m.Entities.OnOpenSource = m.openSource
	m.Entities.OnError = m.showError
	m.Entities.OnAsk = m.ask
	m.Entities.OnPick = m.pick
	m.Entities.OnReanalyse = func() {
		m.jobs.track(m.lib.Reanalyze(context.Background()), func(_ library.Result, err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				m.showError(i18n.T("Could not analyse every article"), err)
			}
			m.refreshSections()
		})
	}
	m.Entities.OnShown = func(key string) { m.visit(place{tab: tabEntities, entity: key}) }
	m.Highlights = views.NewHighlights(lib, logger)
	m.Highlights.OnOpen = m.openSource
	m.Reader.OnHighlight = m.askHighlight
	m.Reader.OnEditHighlight = func(h library.Highlight, done func(colour, note string)) {
		m.highlightDialog(i18n.T("Change the highlight"), i18n.T("Save"), h.Quote, h.Colour, h.Note, done)
	}
	// The library may change from a background job; redraw on the UI thread.
	lib.OnChange(func() {
		fynedo.Do(func() {
			m.Library.Reload()
			m.refreshSections()
		})
	})

	addLink := widget.NewButtonWithIcon(i18n.T("Add link"), theme.ContentAddIcon(), m.askLink)
	addLink.Importance = widget.HighImportance
	openFile := widget.NewButtonWithIcon(i18n.T("Open file…"), theme.FolderOpenIcon(), m.askFile)
	actions := container.NewGridWithColumns(2, addLink, openFile)
	if i18n.RTL() { // the first action on the right, where reading starts
		actions = container.NewGridWithColumns(2, openFile, addLink)
	}
	side := container.NewBorder(actions, nil, nil, nil, m.Library.Content())
	// The Arabic interface mirrors: the library list sits on the right.
	split := container.NewHSplit(side, m.Reader.Content())
	split.Offset = 0.32
	if i18n.RTL() {
		split = container.NewHSplit(m.Reader.Content(), side)
		split.Offset = 0.68
	}
	// The other sections enter the window when first shown. Laid out at
	// start, their lists measured text in italic and monospace, and Fyne
	// parses its fonts again (the emoji font included) for each text style
	// it measures: about 16 MB of memory for sections the reader may never
	// open.
	m.unshown = map[int]fyne.CanvasObject{
		tabTimeline:   m.Timeline.Content(),
		tabEntities:   m.Entities.Content(),
		tabHighlights: m.Highlights.Content(),
	}
	m.holders = map[int]*fyne.Container{}
	for s := range m.unshown {
		m.holders[s] = container.NewStack()
	}
	sections := []*container.TabItem{
		container.NewTabItemWithIcon(i18n.T("Library"), theme.DocumentIcon(), split),
		container.NewTabItemWithIcon(i18n.T("Timeline"), theme.HistoryIcon(), m.holders[tabTimeline]),
		container.NewTabItemWithIcon(i18n.T("People & organisations"), theme.AccountIcon(), m.holders[tabEntities]),
		container.NewTabItemWithIcon(i18n.T("Highlights"), theme.ColorPaletteIcon(), m.holders[tabHighlights]),
	}
	if i18n.RTL() { // sections read from the right in Arabic
		slices.Reverse(sections)
	}
	m.Tabs = newSectionTabs(i18n.RTL(), sections...)
	m.Tabs.OnSelected = func(*container.TabItem) {
		m.putInWindow(m.section())
		m.loadIfStale(m.section())
		m.visit(m.here())
		fyne.CurrentApp().Preferences().SetInt(prefSection, m.section())
	}
	// The Arabic window has its menus in a row from the right (see
	// menuRow); macOS keeps its native menu bar, outside the window.
	var menus fyne.CanvasObject
	if i18n.RTL() {
		menus = menuRow(m.Window.Canvas(), withQuit(m.menu(), m.Quit))
	}
	m.Window.SetContent(container.NewBorder(menus, m.jobs.root, nil, nil, m.Tabs.root))
	m.restoreWindow()
	if !i18n.RTL() || runtime.GOOS == "darwin" {
		m.Window.SetMainMenu(m.menu())
	}
	m.Window.SetOnDropped(m.dropped)
	m.Window.SetCloseIntercept(m.Quit)
	m.shortcuts()
	m.Library.Reload()
	m.refreshSections()
	return m
}

// The timeline, entity and highlight sections load when they are first
// shown and again when shown after the library changed: loading them all
// at start cost memory and time for sections the reader may never open.
func (m *MainWindow) refreshSections() {
	if m.stale == nil {
		m.stale = map[int]bool{}
	}
	for _, s := range []int{tabTimeline, tabEntities, tabHighlights} {
		m.stale[s] = true
	}
	m.loadIfStale(m.section())
}

// putInWindow puts a section's content in its tab the first time it is
// shown.
func (m *MainWindow) putInWindow(section int) {
	c, ok := m.unshown[section]
	if !ok {
		return
	}
	delete(m.unshown, section)
	m.holders[section].Add(c)
}

func (m *MainWindow) loadIfStale(section int) {
	if !m.stale[section] {
		return
	}
	m.stale[section] = false
	switch section {
	case tabTimeline:
		m.Timeline.Reload()
	case tabEntities:
		m.Entities.Reload()
	case tabHighlights:
		m.Highlights.Reload()
	}
}

// askHighlight asks for a new highlight's colour and an optional note.
func (m *MainWindow) askHighlight(quote string, done func(colour, note string)) {
	m.highlightDialog(i18n.T("Highlight"), i18n.T("Keep"), quote, "", "", done)
}

// highlightDialog asks for a highlight's colour and note, starting from
// colour (a stored name; "" for the first) and note.
func (m *MainWindow) highlightDialog(title, confirm, quote, colourName, noteText string, done func(colour, note string)) {
	colours := views.HighlightColourLabels()
	colour := widget.NewRadioGroup(colours, nil)
	colour.Horizontal = true
	colour.Selected = views.HighlightColourLabel(colourName)
	// The bidi note box: widget.Entry draws mixed Arabic and English in
	// typing order (issue 13).
	note := widgets.NewNoteEntry()
	note.SetPlaceHolder(i18n.T("A note (optional)"))
	note.SetText(noteText)
	shown := []rune(quote)
	if len(shown) > 160 {
		quote = string(shown[:160]) + "…"
	}
	q := widgets.NewLabel(quote)
	q.Wrap = true
	m.showForm(title, confirm, []formField{
		{i18n.T("Text"), q},
		{i18n.T("Colour"), colour},
		{i18n.T("Note"), note},
	}, fyne.NewSize(560, 320), func() {
		done(views.HighlightColourName(colour.Selected), strings.TrimSpace(note.Text))
	})
}

// Quit saves the reading position and ends the app. The window is hidden
// first and the app quits a moment later: Fyne 2.7 can crash when a mouse
// event reaches a window that is already closing (fyne-io/fyne#5981), and a
// hidden window receives none.
func (m *MainWindow) Quit() {
	m.Reader.SaveProgress()
	m.rememberWindow()
	m.Window.Hide()
	time.AfterFunc(150*time.Millisecond, func() { fynedo.Do(fyne.CurrentApp().Quit) })
}

// MaintainAfter is how long the window waits, after start, before the
// library's maintenance (unused images, the weekly backup, re-analysis).
// Begun at once, the backup copied and compressed the whole database while
// the window opened, and a session of a few seconds left a half-written
// backup (a whole copy of the database) behind each time.
const MaintainAfter = 90 * time.Second

// Maintain brings the library up to date in the background once the window
// has been open for after and no job (a save, an import) is running: image
// files left by an interrupted session are removed, the weekly backup is
// written, and articles saved before the current analysis (or before
// analysis existed) are analysed again, with progress in the job bar. It
// stops when ctx is cancelled; the channel it returns is closed when it has
// ended, so the app can wait for a backup to clean up before it exits.
func (m *MainWindow) Maintain(ctx context.Context, after time.Duration) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if !m.waitIdle(ctx, after) {
			return
		}
		if _, err := m.lib.CollectGarbage(ctx); err != nil && ctx.Err() == nil {
			m.log.WithError(err).Warn("collect unused images")
		}
		// A weekly one-file backup beside the library, the last four kept.
		if path, err := m.lib.AutoBackup(ctx, library.AutoBackupOptions{}); err != nil {
			if ctx.Err() == nil {
				m.log.WithError(err).Warn("weekly backup")
			}
			// A damaged library is said once, in plain words: AutoBackup
			// stays quiet about it afterwards and keeps the old backups.
			if errors.Is(err, library.ErrLibraryDamaged) {
				fynedo.Do(func() { m.showError(i18n.T("The weekly backup was not made"), err) })
			}
		} else if path != "" {
			m.log.WithField("path", path).Info("weekly backup written")
		}
		if ctx.Err() != nil {
			return
		}
		ids, err := m.lib.ArticlesNeedingAnalysis(ctx)
		if err != nil || len(ids) == 0 {
			return
		}
		m.log.WithField("articles", len(ids)).Info("re-analysing")
		fynedo.Do(func() {
			m.jobs.track(m.lib.Reanalyze(ctx), func(_ library.Result, err error) {
				if err != nil && !errors.Is(err, context.Canceled) {
					m.showError(i18n.T("Could not analyse every article"), err)
				}
				m.refreshSections()
			})
		})
	}()
	return done
}

// waitIdle waits for after, and then for as long as a job runs (checking
// every after/4, at least every second). It is false when ctx ended first.
func (m *MainWindow) waitIdle(ctx context.Context, after time.Duration) bool {
	timer := m.timer
	if timer == nil {
		timer = time.After
	}
	wait := after
	for {
		select {
		case <-ctx.Done():
			return false
		case <-timer(wait):
		}
		if !m.jobs.busy() {
			return ctx.Err() == nil
		}
		wait = max(after/4, time.Second)
	}
}

// The main window's sections, in tab order.
const (
	tabLibrary = iota
	tabTimeline
	tabEntities
	tabHighlights
)

// openSource shows an article in the reader at a sentence, highlighted.
func (m *MainWindow) openSource(articleID int64, start, end int) {
	m.selectTab(tabLibrary)
	m.Reader.OpenAt(articleID, start, end)
	m.visit(place{tab: tabLibrary, article: articleID, start: start, end: end})
}

// openEntity shows an entity's page.
func (m *MainWindow) openEntity(key string) {
	m.selectTab(tabEntities)
	m.Entities.Show(key)
	m.visit(place{tab: tabEntities, entity: key})
}

// section is the section shown (tabLibrary…), whatever the tab order.
func (m *MainWindow) section() int {
	i := m.Tabs.SelectedIndex()
	if i18n.RTL() {
		i = len(m.Tabs.Items) - 1 - i
	}
	return i
}

// showSection selects a section by its tabLibrary… number.
func (m *MainWindow) showSection(s int) {
	if i18n.RTL() {
		s = len(m.Tabs.Items) - 1 - s
	}
	m.Tabs.SelectIndex(s)
}

// selectTab switches section as part of a larger move, which records the
// place itself.
func (m *MainWindow) selectTab(i int) {
	was := m.restoring
	m.restoring = true
	m.showSection(i)
	m.restoring = was
}

// here is the place the window shows now.
func (m *MainWindow) here() place {
	p := place{tab: m.section()}
	switch p.tab {
	case tabLibrary:
		p.article = m.Reader.ArticleID()
	case tabEntities:
		if d := m.Entities.Current(); d != nil {
			p.entity = d.Key
		}
	}
	return p
}

func (m *MainWindow) visit(p place) {
	if !m.restoring {
		m.history.visit(p)
	}
}

// Back and Forward move through the places visited (Alt+← / Alt+→).
func (m *MainWindow) Back() {
	if p, ok := m.history.back(); ok {
		m.goTo(p)
	}
}

func (m *MainWindow) Forward() {
	if p, ok := m.history.forward(); ok {
		m.goTo(p)
	}
}

func (m *MainWindow) goTo(p place) {
	m.restoring = true
	defer func() { m.restoring = false }()
	m.showSection(p.tab)
	switch {
	case p.article != 0 && p.end > p.start:
		m.Reader.OpenAt(p.article, p.start, p.end)
	case p.article != 0 && p.article != m.Reader.ArticleID():
		m.Reader.Open(p.article)
	case p.entity != "":
		m.Entities.Show(p.entity)
	}
}

// exportTimeline saves the timeline's events (or its picture) where the
// user chooses.
func (m *MainWindow) exportTimeline(format string) {
	names := map[string]string{"png": "timeline.png", "csv": "timeline.csv", "timelinejs": "timeline.json"}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			m.showError(i18n.T("Could not export the timeline"), err)
			return
		}
		if w == nil {
			return
		}
		if format == "png" { // drawn from the widget, on this thread
			defer w.Close()
			if err := m.Timeline.Widget.ExportPNG(w, m.Timeline.Widget.Size()); err != nil {
				m.showError(i18n.T("Could not export the timeline"), err)
			}
			return
		}
		// Every event of the library: seconds at 100,000 articles.
		f := library.FormatTimelineJS
		if format == "csv" {
			f = library.FormatCSV
		}
		job := library.RunJob(context.Background(), library.StageExporting, w.URI().Name(), func(ctx context.Context) error {
			err := m.lib.ExportTimeline(ctx, library.TimelineFilter{}, f, w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		})
		m.jobs.track(job, func(_ library.Result, err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				m.showError(i18n.T("Could not export the timeline"), err)
			}
		})
	}, m.Window)
	d.SetFileName(names[format])
	d.Show()
}

// ask asks for one line of text.
func (m *MainWindow) ask(title, label, initial string, done func(string)) {
	entry := widgets.NewEntry()
	entry.SetText(initial)
	m.showForm(title, i18n.T("OK"), []formField{{label, entry}}, fyne.NewSize(440, 160), func() {
		if strings.TrimSpace(entry.Text) != "" {
			done(strings.TrimSpace(entry.Text))
		}
	})
	m.Window.Canvas().Focus(entry)
}

// pick asks the user to choose one of options.
func (m *MainWindow) pick(title string, options []string, done func(int)) {
	sel := widget.NewSelect(options, nil)
	d := dialog.NewCustomConfirm(title, i18n.T("OK"), i18n.T("Cancel"), sel, func(ok bool) {
		if !ok || sel.SelectedIndex() < 0 {
			return
		}
		done(sel.SelectedIndex())
	}, m.Window)
	d.Resize(fyne.NewSize(440, 160))
	d.Show()
}

func (m *MainWindow) menu() *fyne.MainMenu {
	file := fyne.NewMenu(i18n.T("File"),
		fyne.NewMenuItem(i18n.T("Add link…"), m.askLink),
		fyne.NewMenuItem(i18n.T("Open file…"), m.askFile),
		fyne.NewMenuItem(i18n.T("Import from another app…"), m.askImport),
		fyne.NewMenuItem(i18n.T("Export the library…"), m.askExport),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("Back up the library…"), m.askBackup),
		fyne.NewMenuItem(i18n.T("Restore from a backup…"), m.askRestore),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("Feeds…"), m.showFeeds),
		fyne.NewMenuItem(i18n.T("Fetch the pages that failed again"), m.retryFailed),
		fyne.NewMenuItem(i18n.T("Add the sample articles"), m.addSamples),
	)
	help := fyne.NewMenu(i18n.T("Help"), fyne.NewMenuItem(i18n.T("About Annals"), func() {
		dialog.ShowInformation(i18n.T("About Annals"), i18n.T("Annals %s", buildinfo.Version)+"\n\n"+
			i18n.T("Annals keeps a readable copy of the articles you save, offline.\nYour library: %s", m.lib.DBPath())+"\n\n"+
			i18n.T("Fonts: Noto Sans Arabic and Noto Naskh Arabic (SIL Open Font License 1.1). Built with Fyne (BSD 3-Clause), go-sqlite3 and SQLite (MIT, public domain), go-readability (Apache 2.0), logrus (MIT)."), m.Window)
	}))
	help.Items = append(help.Items,
		fyne.NewMenuItem(i18n.T("Keyboard shortcuts"), m.showShortcuts),
		fyne.NewMenuItem(i18n.T("Open data folder"), m.openDataFolder),
		fyne.NewMenuItem(i18n.T("Report a problem"), m.reportProblem),
	)
	settings := fyne.NewMenu(i18n.T("Settings"), fyne.NewMenuItem(i18n.T("Language…"), m.askLanguage))
	m.addBrowserMenuItems(settings, help) // gui/pairing.go
	return fyne.NewMainMenu(file, settings, help)
}

func (m *MainWindow) shortcuts() {
	c := m.Window.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.askLink() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.askFile() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { c.Focus(m.Library.Search) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { m.Back() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { m.Forward() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Entities.Undo() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Reader.ChangeTextSize(+1) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPlus, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Reader.ChangeTextSize(+1) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Reader.ChangeTextSize(-1) })
	// Reading keys work when nothing has the focus, and when the library
	// list or the article's text has it (they pass the keys on); Esc
	// closes the pop-up or dialog on top.
	readingKeys := func(ev *fyne.KeyEvent) bool {
		return m.section() == tabLibrary && m.Reader.TypedKey(ev)
	}
	m.Library.Keys.Handle = readingKeys
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			if top := c.Overlays().Top(); top != nil {
				top.Hide()
				c.Overlays().Remove(top)
			}
			return
		}
		readingKeys(ev)
	})
}

func (m *MainWindow) askLink() {
	entry := widgets.NewEntry()
	entry.SetPlaceHolder(i18n.T("https://…"))
	if clip := m.clipboardLink(); clip != "" {
		entry.SetText(clip)
	}
	// Only a web link counts: widget.Entry showed a green tick for any
	// text at all. (A saved page is added with Open file….)
	entry.Validator = func(s string) error {
		if !IsWebLink(s) {
			return errors.New(i18n.T("Paste the link of an article, starting with https://"))
		}
		return nil
	}
	m.showForm(i18n.T("Add link"), i18n.T("Save"), []formField{{i18n.T("Link"), entry}}, fyne.NewSize(560, 160), func() {
		m.Add(strings.TrimSpace(entry.Text))
	})
	m.Window.Canvas().Focus(entry)
}

// clipboardLink offers a link the user has just copied.
func (m *MainWindow) clipboardLink() string {
	cb := fyne.CurrentApp().Clipboard()
	if cb == nil {
		return ""
	}
	if s := strings.TrimSpace(cb.Content()); IsWebLink(s) {
		return s
	}
	return ""
}

// IsWebLink reports whether s is an http(s) link with a host and nothing
// else: the only thing Add link can save.
func IsWebLink(s string) bool {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.HasPrefix(u.Host, ".")
}

func (m *MainWindow) askFile() {
	m.pickFile([]string{".html", ".htm"}, func(path string) { m.Add(path) })
}

// pickFile asks for a file (of one of exts, or any when empty) and calls
// then with its path once the user has chosen one.
func (m *MainWindow) pickFile(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			m.showError(i18n.T("Could not open the file"), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, m.Window)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Show()
}

// dropped accepts saved pages and links dragged onto the window.
func (m *MainWindow) dropped(_ fyne.Position, uris []fyne.URI) {
	var items []string
	for _, u := range uris {
		switch u.Scheme() {
		case "http", "https":
			items = append(items, u.String())
		case "file":
			p := u.Path()
			// Some desktops hand a dragged browser link over as a file path.
			if i := strings.Index(p, "http"); i >= 0 && strings.Contains(p[i:], "://") {
				items = append(items, p[i:])
			} else {
				items = append(items, p)
			}
		}
	}
	if len(items) > 0 {
		m.Add(items...)
	}
}

// Add saves links or files in the background, showing progress; when one
// article is saved it is opened.
func (m *MainWindow) Add(items ...string) {
	job := m.lib.Add(context.Background(), items...)
	m.jobs.track(job, func(res library.Result, err error) {
		if m.onJobDone != nil {
			defer m.onJobDone()
		}
		if len(res.IDs) == 1 && len(items) == 1 {
			m.Reader.Open(res.IDs[0])
		}
		if err != nil {
			if library.Classify(err).Kind == library.ErrorCanceled { // context.Canceled or a canceled fetch
				return
			}
			m.showError(i18n.T("Could not save the article"), err)
			return
		}
		if len(res.Failed) > 0 {
			m.showError(i18n.T("Some articles were not saved"), &failures{list: res.Failed, of: len(items)})
		}
	})
}

// showError tells the user what went wrong in plain words.
func (m *MainWindow) showError(title string, err error) {
	m.log.WithError(err).Warn(title)
	// The reader sees why in their language; the English details are in
	// the log.
	text := views.ErrorMessage(err)
	var many *failures
	var own said
	switch {
	case errors.As(err, &many):
		text = many.message()
	case errors.As(err, &own):
		text = string(own)
	}
	msg := widgets.NewLabel(text) // may quote an Arabic title
	msg.Wrap = true
	var d *dialog.CustomDialog
	d = m.newDialog(title, msg, widget.NewButton(i18n.T("OK"), func() { d.Hide() }))
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}

// askTags lets the user type an article's tags, separated by commas.
func (m *MainWindow) askTags(current []string, done func([]string)) {
	entry := widgets.NewEntry()
	entry.SetText(strings.Join(current, ", "))
	entry.SetPlaceHolder(i18n.T("china, ai, to read"))
	m.showForm(i18n.T("Tags"), i18n.T("Save"), []formField{{i18n.T("Tags"), entry}}, fyne.NewSize(480, 160), func() {
		done(ParseTags(entry.Text))
	})
	m.Window.Canvas().Focus(entry)
}

// ParseTags splits what the user typed at commas (Latin or Arabic), dropping
// blanks and repeats.
func ParseTags(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '،' || r == ';' }) {
		t = strings.TrimSpace(t)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

// addSamples saves the bundled sample articles (one Arabic, one English),
// so a new user sees what Annals does without hunting for a link.
func (m *MainWindow) addSamples() {
	entries, err := assets.Samples.ReadDir("samples")
	if err != nil {
		m.showError(i18n.T("Could not add the samples"), err)
		return
	}
	var pages []library.Page
	for _, e := range entries {
		data, err := assets.Samples.ReadFile("samples/" + e.Name())
		if err != nil {
			m.showError(i18n.T("Could not add the samples"), err)
			return
		}
		pages = append(pages, library.Page{URL: "https://example.invalid/samples/" + e.Name(), HTML: data})
	}
	m.jobs.track(m.lib.AddPages(context.Background(), pages...), func(res library.Result, err error) {
		if m.onJobDone != nil {
			defer m.onJobDone()
		}
		if err != nil {
			m.showError(i18n.T("Could not add the samples"), err)
			return
		}
		if len(res.IDs) > 0 {
			m.Reader.Open(res.IDs[0])
		}
	})
}

// askImport imports an export from another read-it-later app: pick the
// file, see what it holds (format, items, tags), then import; the pages
// are fetched in the background afterwards.
func (m *MainWindow) askImport() {
	m.pickFile(nil, func(path string) {
		go func() {
			p, err := library.PreviewImport(context.Background(), path, "auto")
			fynedo.Do(func() {
				if err != nil {
					m.showError(i18n.T("This file cannot be imported"), err)
					return
				}
				tags := strings.Join(p.Tags, i18n.T(", "))
				if len(p.Tags) > 12 {
					tags = strings.Join(p.Tags[:12], i18n.T(", ")) + "…"
				}
				msg := i18n.T("Format: %s\nArticles: %d (%d different links)\nTags: %s", p.Format, p.Items, p.Unique, tags)
				dialog.ShowConfirm(i18n.T("Import"), msg, func(ok bool) {
					if ok {
						m.runImport(path)
					}
				}, m.Window)
			})
		}()
	})
}

func (m *MainWindow) runImport(path string) {
	m.jobs.track(m.lib.Import(context.Background(), path), func(_ library.Result, err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			m.showError(i18n.T("The import failed; nothing was imported"), err)
			return
		}
		// The articles exist now, by title and link; fetch their pages.
		m.jobs.track(m.lib.FetchPending(context.Background()), func(res library.Result, err error) {
			if len(res.Failed) > 0 {
				m.showError(i18n.T("Some articles were not saved"), said(i18n.T("%d pages could not be fetched; they stay in the library with their links.", len(res.Failed))))
			}
		})
	})
}

// Window size and the last section are remembered between runs. (Fyne
// offers no window position to restore.)
const (
	prefWidth   = "window.width"
	prefHeight  = "window.height"
	prefSection = "window.section"
)

func (m *MainWindow) restoreWindow() {
	p := fyne.CurrentApp().Preferences()
	w, h := p.FloatWithFallback(prefWidth, 1200), p.FloatWithFallback(prefHeight, 780)
	m.Window.Resize(fyne.NewSize(float32(max(w, 640)), float32(max(h, 420))))
	if i := p.IntWithFallback(prefSection, tabLibrary); i >= 0 && i < len(m.Tabs.Items) {
		m.restoring = true
		m.showSection(i)
		m.restoring = false
	}
}

func (m *MainWindow) rememberWindow() {
	p := fyne.CurrentApp().Preferences()
	size := m.Window.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
	}
}

// retryFailed fetches again the pages of imported articles that failed.
func (m *MainWindow) retryFailed() {
	m.jobs.track(m.lib.RetryFailed(context.Background()), func(res library.Result, err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			m.showError(i18n.T("Some articles were not saved"), err)
			return
		}
		if len(res.Failed) > 0 {
			m.showError(i18n.T("Some articles were not saved"), said(i18n.T("%d pages could not be fetched; they stay in the library with their links.", len(res.Failed))))
		}
	})
}

// askEventEdit lets the user correct an event's date (TIMEX3: 2025-01-20,
// 2024-11, 2023), precision, type and title.
func (m *MainWindow) askEventEdit(cur library.EventEdit, types []string, done func(library.EventEdit)) {
	date := widget.NewEntry()
	date.SetText(cur.Date)
	date.Validator = func(s string) error {
		if !validEventDate(strings.TrimSpace(s)) {
			return errors.New(i18n.T("Write the date as 2025-01-20, 2024-11 or 2023"))
		}
		return nil
	}
	var labels []string
	for _, t := range types {
		labels = append(labels, i18n.T(t))
	}
	kind := widget.NewSelect(labels, nil)
	kind.SetSelected(i18n.T(cur.Type))
	title := widgets.NewEntry()
	title.SetText(cur.Title)
	m.showForm(i18n.T("Correct the event"), i18n.T("Save"), []formField{
		{i18n.T("Date"), date},
		{i18n.T("Type"), kind},
		{i18n.T("Title"), title},
	}, fyne.NewSize(520, 260), func() {
		e := library.EventEdit{Date: strings.TrimSpace(date.Text), Title: strings.TrimSpace(title.Text)}
		e.Precision = map[int]string{4: "year", 7: "month", 10: "day"}[len(e.Date)]
		for i, l := range labels {
			if l == kind.Selected {
				e.Type = types[i]
			}
		}
		done(e)
	})
}

// validEventDate accepts the TIMEX3 dates a user writes: a day, a month or
// a year.
func validEventDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// failures are the items of a job that failed, shown one per line with
// the reason in the interface's language.
type failures struct {
	list []library.Failure
	of   int
}

func (f *failures) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d failed:", len(f.list), f.of)
	for _, x := range f.list {
		fmt.Fprintf(&b, " %s: %v;", x.Item, x.Err)
	}
	return b.String()
}

func (f *failures) message() string {
	var b strings.Builder
	b.WriteString(i18n.T("%d of %d could not be saved:", len(f.list), f.of) + "\n")
	for _, x := range f.list {
		fmt.Fprintf(&b, "\n• %s\n  %s", x.Item, views.ErrorMessage(x.Err))
	}
	return b.String()
}

// said is a message the interface wrote itself, already in the reader's
// language, passed where an error goes.
type said string

func (s said) Error() string { return string(s) }
