// Package native shows the system's own file dialogs, without Fyne: on
// Windows the common dialogs of comdlg32; on macOS osascript's choose file
// / choose file name / choose folder; on Linux and the BSDs the
// xdg-desktop-portal FileChooser over D-Bus, then the zenity program, then
// kdialog. Each follows the system's language and direction; the programs
// Annals starts itself (zenity, kdialog) get the interface's language too.
//
// Every dialog blocks its caller until the user answers: call from a
// goroutine of its own, not the UI thread. It needs no cgo, so that it
// builds for every system from any.
package native

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Kind is what the dialog asks for.
type Kind int

const (
	// Open asks for an existing file.
	Open Kind = iota
	// Save asks for the name of a file to write; the file is not created.
	Save
	// Folder asks for an existing folder.
	Folder
)

func (k Kind) String() string {
	switch k {
	case Save:
		return "save"
	case Folder:
		return "folder"
	}
	return "open"
}

// Filter is one choice of file types a dialog offers, such as
// {"Web page (HTML)", [".html", ".htm"]}.
type Filter struct {
	Name string
	Exts []string // with the dot
}

// Request is one question to the user.
type Request struct {
	Kind  Kind
	Title string
	// Filters for Open and Save, the first one chosen; none shows every
	// file.
	Filters []Filter
	// Name is the file name Save suggests.
	Name string
	// Dir is the folder the dialog starts in; "" leaves it to the system.
	Dir string
	// Lang is the interface's language ("ar", "en"), which the dialog
	// programs Annals starts are told; "" leaves them the system's.
	Lang string
	// Parent is the native handle of the window the dialog belongs to (an
	// X11 window id, a HWND); 0 for none.
	Parent uintptr
}

// patterns are the glob patterns of f, "*.html" for ".html".
func (f Filter) patterns() []string {
	out := make([]string, len(f.Exts))
	for i, e := range f.Exts {
		out[i] = "*" + e
	}
	return out
}

// label is the filter's name with its patterns, as dialogs without a
// column of their own for the patterns show it. Left-to-right marks
// around the patterns keep them in order in a mirrored GTK or Qt dialog,
// where "(*.html *.htm)" otherwise comes out as "(html *.htm.*)".
func (f Filter) label() string {
	return f.Name + " (\u200e" + strings.Join(f.patterns(), " ") + "\u200e)"
}

// plainLabel is label without the marks, for Windows' dialogs: Wine draws
// a mark (and the LRI…PDI isolates) as a box, and Windows lists types as
// "Name (*.ext)" anyway.
func (f Filter) plainLabel() string {
	return f.Name + " (" + strings.Join(f.patterns(), ";") + ")"
}

// ErrUnavailable is a dialog that is not there after all (no portal on
// the bus, a program that cannot open a display): try the next one.
var ErrUnavailable = errors.New("file dialog unavailable")

// Dialog is one kind of native dialog.
type Dialog interface {
	Name() string
	// Available is a quick check, without showing anything.
	Available() bool
	// Run shows the dialog and blocks until the user answers. It returns
	// "" when the user cancelled, and ErrUnavailable (wrapped) when the
	// dialog could not be shown.
	Run(ctx context.Context, req Request) (string, error)
}

// Dialogs are the native dialogs of this system, in the order to try.
func Dialogs() []Dialog { return nativeDialogs() }

// withExt adds the first extension of the first filter to a saved name
// that has none of the filters' extensions: a dialog that does not add it
// itself (zenity, kdialog, osascript) would write "annals" for
// "annals.zip".
func withExt(path string, req Request) string {
	if path == "" || req.Kind != Save || len(req.Filters) == 0 || len(req.Filters[0].Exts) == 0 {
		return path
	}
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range req.Filters {
		for _, e := range f.Exts {
			if ext == strings.ToLower(e) {
				return path
			}
		}
	}
	return path + req.Filters[0].Exts[0]
}

// languageEnv is the environment for a dialog program Annals starts: the
// process's own, with the interface's language first, so that in the
// Arabic interface zenity and kdialog speak Arabic and mirror (GTK and Qt
// take their direction from the language of their translations). gettext
// ignores LANGUAGE under the plain C locale, so that becomes C.UTF-8.
func languageEnv(lang string) []string {
	env := os.Environ()
	if lang == "" {
		return env
	}
	messages := firstSet("LC_ALL", "LC_MESSAGES", "LANG")
	out := make([]string, 0, len(env)+2)
	for _, kv := range env {
		if !strings.HasPrefix(kv, "LANGUAGE=") {
			out = append(out, kv)
		}
	}
	out = append(out, "LANGUAGE="+lang)
	if messages == "" || messages == "C" || messages == "POSIX" {
		if os.Getenv("LC_ALL") != "" {
			out = append(out, "LC_ALL=C.UTF-8")
		} else {
			out = append(out, "LC_MESSAGES=C.UTF-8")
		}
	}
	return out
}

func firstSet(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

var lookPath = exec.LookPath

// lookups caches which dialog programs are installed.
var lookups sync.Map

func hasProgram(name string) bool {
	if v, ok := lookups.Load(name); ok {
		return v.(bool)
	}
	_, err := lookPath(name)
	lookups.Store(name, err == nil)
	return err == nil
}
