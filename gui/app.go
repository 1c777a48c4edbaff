// Package gui is Annals' Fyne interface: the main window, its views and
// dialogs. It talks to the data only through data/library.
package gui

import (
	"context"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"annals/assets"
	"annals/data/library"
	"annals/gui/filepick"
	"annals/gui/i18n"
	"annals/gui/theme"
	"annals/gui/views"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// AppID is Annals' application id (preferences, desktop integration).
const AppID = "app.annals.reader"

// Run opens the main window and blocks until the user quits. Items (links
// or files given on the command line) are saved once the window is up.
func Run(lib *library.Library, logger *log.Logger, items []string) {
	a := app.NewWithID(AppID)
	i18n.Setup(a.Preferences().StringWithFallback(i18n.PrefLanguage, i18n.System))
	i18n.SetEasternDigits(a.Preferences().BoolWithFallback(i18n.PrefEasternDigits, false))
	a.Settings().SetTheme(theme.FromPreferences(a.Preferences()))
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	// ANNALS_TIMING / ANNALS_CPUPROFILE (tools/uitiming); nothing when unset.
	stopTiming := views.StartTiming(logger)
	defer stopTiming()
	m := NewMainWindow(a, lib, logger)
	views.AddTimingProbe(m.Window)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	// The "Save to Annals" browser button's endpoint lives as long as the
	// window (gui/pairing.go).
	defer m.startBridge(nil)()
	m.Window.SetMaster()

	// A quit request from the system (logout, kill, Ctrl+C) ends the loop,
	// and the reading position is saved below once it has. Fyne's driver
	// catches SIGINT and SIGTERM too, but only once its loop runs: ours is
	// there from the start. Both only stop the loop (quitApp), which is
	// safe twice; closing windows after Fyne had shut GLFW down panicked.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		logger.Info("quit requested by signal")
		fyne.Do(quitApp)
	}()
	// Fyne calls OnStarted once ShowAndRun's Show has painted the window's
	// first frame and swapped it to the screen, so "window shown" marks the
	// first frame drawn (tools/benchharness reads it for the cold start).
	var maintained <-chan struct{}
	a.Lifecycle().SetOnStarted(func() {
		logger.Info("window shown")
		m.warnIfReadOnly()
		maintained = m.Maintain(ctx, MaintainAfter)
		// Feeds are checked at start and every few hours while Annals runs.
		m.lib.StartFeedRefresher(ctx, 3*time.Hour, func(j *library.Job) {
			fyne.Do(func() { m.jobs.track(j, func(library.Result, error) {}) })
		})
		if len(items) > 0 {
			m.Add(items...)
		}
		m.resumeWaiting(ctx)
	})
	m.Window.ShowAndRun()
	// However the loop ended (the window closed, Quit, a signal), the
	// reading position and the window's size are kept; the loop is over,
	// so nothing else touches the widgets now.
	m.Reader.SaveProgress()
	m.Reader.Close()
	m.rememberWindow()
	logger.Info("window closed")
	// Stop the background work; give a backup in progress a moment to
	// remove its temporary files (a backup left half-written is removed
	// by a later one).
	stop()
	if maintained != nil {
		select {
		case <-maintained:
		case <-time.After(maintainStopWait):
			logger.Warn("maintenance still running at quit")
		}
	}
}

// maintainStopWait bounds how long quitting waits for maintenance to stop.
const maintainStopWait = 3 * time.Second

// RunUnopened shows, instead of the main window, why the library opts
// names could not be opened, in plain words, and what can be done: restore
// the latest backup (the unreadable file is set aside, never deleted),
// open another library, show the folder. A choice that gives a library
// starts Annals again on it with args (the command line, --db replaced).
func RunUnopened(opts library.Options, openErr error, logger *log.Logger, args []string) {
	a := app.NewWithID(AppID)
	i18n.Setup(a.Preferences().StringWithFallback(i18n.PrefLanguage, i18n.System))
	a.Settings().SetTheme(theme.FromPreferences(a.Preferences()))
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Annals")
	why := i18n.T("The library could not be opened. The log beside it has the details.")
	switch {
	case errors.Is(openErr, library.ErrNewerSchema):
		why = i18n.T("This library was saved by a newer version of Annals. Update Annals to open it.")
	case errors.Is(openErr, library.ErrLibraryDamaged):
		why = i18n.T("The library file is damaged and cannot be read. Your backups are kept in the backups folder beside it.")
	case errors.Is(openErr, library.ErrNotLibrary):
		why = i18n.T("This file is not an Annals library: it may belong to another program. Annals left it untouched.")
	}
	dbPath := opts.DBPath
	if dbPath == "" {
		dbPath = filepath.Join(opts.Dir, library.DBFileName)
	}
	restart := func(db string) {
		cmd := exec.Command(os.Args[0], withDB(args, db)...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Start(); err != nil {
			showErrorIn(w, i18n.T("Could not start Annals again"), err)
			return
		}
		a.Quit()
	}
	restore := widget.NewButton(i18n.T("Restore from the latest backup"), nil)
	restore.Importance = widget.HighImportance
	restore.OnTapped = func() {
		restore.Disable()
		go func() {
			l, used, err := library.RecoverFromBackup(context.Background(), opts)
			fyne.Do(func() {
				if err != nil {
					logger.WithError(err).Error("recover from a backup")
					restore.Enable()
					informIn(w, i18n.T("Could not restore the backup"), i18n.T("The library could not be opened. The log beside it has the details."))
					return
				}
				logger.WithField("backup", used).Info("recovered from a backup")
				l.Close()
				restart(dbPath)
			})
		}()
	}
	if b, _ := library.Backups(opts); len(b) == 0 || errors.Is(openErr, library.ErrNotLibrary) && !errors.Is(openErr, library.ErrLibraryDamaged) {
		restore.Disable() // nothing to restore, or not a library to replace
	}
	another := widget.NewButton(i18n.T("Open another library…"), func() {
		// Any file: a library need not be called annals.db.
		req := filepick.Request{Kind: filepick.Open, Title: strings.TrimSuffix(i18n.T("Open another library…"), "…"), Dir: filepath.Dir(dbPath)}
		filepick.New(w, logger).Choose(req, func(path string, err error) {
			if err != nil {
				showErrorIn(w, i18n.T("Could not open the file"), err)
				return
			}
			if path != "" {
				restart(path)
			}
		})
	})
	folder := widget.NewButton(i18n.T("Show the folder"), func() {
		u := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Dir(dbPath))}
		if err := a.OpenURL(u); err != nil {
			showErrorIn(w, i18n.T("Could not open the folder"), err)
		}
	})
	quit := widget.NewButton(i18n.T("Quit"), a.Quit)
	// The bidi labels lay Arabic out right to left, right-aligned, with
	// the Latin words in place; the buttons read from the right too.
	title := widgets.NewLabel(i18n.T("Annals cannot open your library"))
	title.Bold = true
	msg := widgets.NewLabel(why)
	msg.Wrap = true
	where := widgets.NewLabel(i18n.IsolatePath(dbPath)) // Arabic folder names in order
	where.Direction = widgets.DirLTR
	buttons := container.NewHBox(restore, another, folder, quit)
	if i18n.RTL() {
		buttons = container.NewHBox(layout.NewSpacer(), quit, folder, another, restore)
	}
	w.SetContent(container.NewPadded(container.NewVBox(title, msg, where, buttons)))
	w.Resize(fyne.NewSize(720, 260))
	logger.WithError(openErr).Error("the library cannot be opened; showing what can be done")
	w.ShowAndRun()
}

// withDB is args with --db set to db (any --db given dropped).
func withDB(args []string, db string) []string {
	out := []string{"--db", db}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			i++ // and its value
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
		default:
			out = append(out, a)
		}
	}
	return out
}
