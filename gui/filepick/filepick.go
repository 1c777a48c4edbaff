// Package filepick asks the user for a file or a folder through the
// system's own dialog (package native): Fyne's file dialog is a
// left-to-right widget of its own that does not mirror in the Arabic
// interface, while the system's dialog follows the system's language and
// direction, and the dialog programs Annals starts (zenity, kdialog) are
// told the interface's language. Fyne's dialog is the last fallback, when
// the system has none of them.
//
// A native dialog blocks the thread that shows it, so it runs on a
// goroutine of its own and the answer comes back on the UI thread.
package filepick

import (
	"context"
	"errors"
	"os"
	"sync/atomic"

	"annals/gui/filepick/native"
	"annals/gui/fynedo"
	"annals/gui/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/storage"
	log "github.com/sirupsen/logrus"
)

// The question's parts are the native package's.
type (
	Kind    = native.Kind
	Filter  = native.Filter
	Request = native.Request
)

// The kinds of question.
const (
	Open   = native.Open
	Save   = native.Save
	Folder = native.Folder
)

// Chooser shows file dialogs for a window.
type Chooser interface {
	// Choose shows the dialog req describes. done runs on the UI thread
	// with the chosen path, "" when the user cancelled, or the error of a
	// dialog that failed. A second request while a dialog is open is
	// dropped: the first is still on screen.
	Choose(req Request, done func(path string, err error))
}

// Native, when false, skips the system's dialogs for Fyne's: for a
// system whose dialog misbehaves (ANNALS_FILE_DIALOG=fyne) and for tests.
var Native = os.Getenv("ANNALS_FILE_DIALOG") != "fyne"

// open is set while a dialog of this process is on screen: a native
// dialog does not stop clicks on the window behind it (only Windows
// disables its owner), and a second dialog over the first would confuse.
var open atomic.Bool

type chooser struct {
	win     fyne.Window
	log     *log.Logger
	dialogs []native.Dialog
}

// New returns the chooser of win's dialogs.
func New(win fyne.Window, logger *log.Logger) Chooser {
	c := &chooser{win: win, log: logger}
	if Native {
		c.dialogs = native.Dialogs()
	}
	return c
}

func (c *chooser) Choose(req Request, done func(path string, err error)) {
	if !open.CompareAndSwap(false, true) {
		c.log.WithField("kind", req.Kind).Info("a file dialog is already open")
		return
	}
	req.Parent = c.parentHandle()
	if req.Lang == "" {
		req.Lang = i18n.Lang()
	}
	go func() {
		for _, d := range c.dialogs {
			if !d.Available() {
				continue
			}
			path, err := d.Run(context.Background(), req)
			if errors.Is(err, native.ErrUnavailable) {
				c.log.WithError(err).WithField("dialog", d.Name()).Info("file dialog unavailable, trying the next")
				continue
			}
			c.log.WithFields(log.Fields{"dialog": d.Name(), "kind": req.Kind, "chosen": path != ""}).WithError(err).Debug("file dialog answered")
			open.Store(false)
			fynedo.Do(func() { done(path, err) })
			return
		}
		fynedo.Do(func() { c.fyneDialog(req, done) })
	}()
}

// parentHandle is the window's native handle (an X11 window id, a HWND),
// so that the dialog opens over it; 0 when the driver has none.
func (c *chooser) parentHandle() uintptr {
	var h uintptr
	if nw, ok := c.win.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			switch ctx := ctx.(type) {
			case driver.X11WindowContext:
				h = ctx.WindowHandle
			case driver.WindowsWindowContext:
				h = ctx.HWND
			}
		})
	}
	return h
}

// fyneDialog is the last fallback: Fyne's own dialog, inside the window.
func (c *chooser) fyneDialog(req Request, done func(string, error)) {
	finish := func(path string, err error) {
		open.Store(false)
		done(path, err)
	}
	var d *dialog.FileDialog
	switch req.Kind {
	case Folder:
		d = dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				finish("", err)
				return
			}
			finish(dir.Path(), nil)
		}, c.win)
	case Save:
		d = dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				finish("", err)
				return
			}
			// Fyne's save dialog has created the file empty; the callers
			// write it whole by its path.
			path := w.URI().Path()
			w.Close()
			finish(path, nil)
		}, c.win)
		d.SetFileName(req.Name)
	default:
		d = dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				finish("", err)
				return
			}
			path := r.URI().Path()
			r.Close()
			finish(path, nil)
		}, c.win)
	}
	var exts []string
	for _, f := range req.Filters {
		exts = append(exts, f.Exts...)
	}
	if len(exts) > 0 && req.Kind != Folder {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if req.Dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(req.Dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}
