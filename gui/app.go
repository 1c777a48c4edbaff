// Package gui is Annals' Fyne interface: the main window, its views and
// dialogs. It talks to the data only through data/library.
package gui

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"annals/assets"
	"annals/data/library"
	"annals/gui/i18n"
	"annals/gui/theme"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
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
	m := NewMainWindow(a, lib, logger)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	m.Window.SetMaster()

	// A quit request from the system (logout, kill) closes cleanly, so the
	// database is checkpointed and nothing is left half-written.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		logger.Info("quit requested by signal")
		fyne.Do(m.Quit)
	}()
	// Fyne calls OnStarted once ShowAndRun's Show has painted the window's
	// first frame and swapped it to the screen, so "window shown" marks the
	// first frame drawn (tools/bench reads it for the cold start).
	var maintained <-chan struct{}
	a.Lifecycle().SetOnStarted(func() {
		logger.Info("window shown")
		maintained = m.Maintain(ctx, MaintainAfter)
		// Feeds are checked at start and every few hours while Annals runs.
		m.lib.StartFeedRefresher(ctx, 3*time.Hour, func(j *library.Job) {
			fyne.Do(func() { m.jobs.track(j, func(library.Result, error) {}) })
		})
		if len(items) > 0 {
			m.Add(items...)
		}
	})
	m.Window.ShowAndRun()
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
