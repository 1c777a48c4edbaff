package gui

import (
	"annals/gui/i18n"
	"context"
	"errors"
	"runtime"
	"slices"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/views"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

	onJobDone     func()                               // tests: called after a job's result was shown
	maintainClock func(time.Duration) <-chan time.Time // tests: maintenance's clock (nil: time.After)
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
		confirmIn(m.Window, title, msg, i18n.T("Yes"), yes)
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

// Quit saves the reading position and ends the app. The window is hidden
// first and the app quits a moment later: Fyne 2.7 can crash when a mouse
// event reaches a window that is already closing (fyne-io/fyne#5981), and a
// hidden window receives none.
func (m *MainWindow) Quit() {
	m.Reader.SaveProgress()
	m.rememberWindow()
	m.Window.Hide()
	time.AfterFunc(150*time.Millisecond, func() { fynedo.Do(quitApp) })
}

// quitApp ends Fyne's loop, which closes the windows. Unlike App.Quit,
// which closes each window through GLFW first, it is safe to call twice
// and after the loop has ended: a SIGTERM, which Fyne's driver also
// handles, could stop the app during Quit's delay, and App.Quit then
// panicked on a GLFW already shut down (exit 2 instead of 0).
func quitApp() { fyne.CurrentApp().Driver().Quit() }

// MaintainAfter is how long the window waits, after start, before the
// library's maintenance begins (see library.MaintainAfter for why).
const MaintainAfter = library.MaintainAfter

// Maintain starts the library's maintenance (unused images, the weekly
// backup, re-analysis; library.Maintain keeps the order and waits for the
// jobs to end) and shows what it reports: a backup the damaged library
// prevented, and the re-analysis's progress in the job bar. The channel it
// returns is closed when maintenance has ended.
func (m *MainWindow) Maintain(ctx context.Context, after time.Duration) <-chan struct{} {
	return m.lib.Maintain(ctx, library.MaintainOptions{
		After: after,
		Clock: m.maintainClock,
		BackupFailed: func(err error) {
			fynedo.Do(func() { m.showError(i18n.T("The weekly backup was not made"), err) })
		},
		Reanalysing: func(job *library.Job) {
			fynedo.Do(func() {
				m.jobs.track(job, func(_ library.Result, err error) {
					if err != nil && !errors.Is(err, context.Canceled) {
						m.showError(i18n.T("Could not analyse every article"), err)
					}
					m.refreshSections()
				})
			})
		},
	})
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
