package filepick

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	log "github.com/sirupsen/logrus"
)

// The test driver runs fyne.Do on the calling goroutine: the dialogs'
// answers, delivered from goroutines, must take turns with the test.
func TestMain(m *testing.M) {
	fynedo.Serialize()
	os.Exit(m.Run())
}

func newTestApp() fyne.App {
	var a fyne.App
	fynedo.Do(func() { a = test.NewApp() })
	return a
}

func quiet() *log.Logger {
	l := log.New()
	l.SetOutput(io.Discard)
	return l
}

type answer struct {
	path string
	err  error
}

// noNativeDialogs hides every native dialog from the test: no display
// for the programs, no session bus for the portal.
func noNativeDialogs(t *testing.T) {
	for _, v := range []string{"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"} {
		t.Setenv(v, "")
	}
}

// TestFallsBackToFyneDialog: with no native dialog the chooser shows
// Fyne's inside the window; its Cancel answers "" and frees the chooser
// for the next question.
func TestFallsBackToFyneDialog(t *testing.T) {
	noNativeDialogs(t)
	a := newTestApp()
	defer a.Quit()
	var w fyne.Window
	fynedo.Do(func() {
		w = a.NewWindow("filepick")
		w.Resize(fyne.NewSize(900, 700))
	})
	answers := make(chan answer, 2)
	for round := 0; round < 2; round++ {
		fynedo.Do(func() {
			New(w, quiet()).Choose(Request{Kind: Save, Title: "Export", Name: "annals.zip",
				Filters: []Filter{{Name: "Zip", Exts: []string{".zip"}}}},
				func(p string, err error) { answers <- answer{p, err} })
		})
		var cancel *widget.Button
		for deadline := time.Now().Add(10 * time.Second); cancel == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			fynedo.Do(func() {
				if top := w.Canvas().Overlays().Top(); top != nil {
					for _, o := range test.LaidOutObjects(top) {
						if b, ok := o.(*widget.Button); ok && b.Text == "Cancel" {
							cancel = b
						}
					}
				}
			})
		}
		if cancel == nil {
			t.Fatalf("round %d: no Fyne file dialog with a Cancel button", round)
		}
		fynedo.Do(func() { test.Tap(cancel) })
		select {
		case a := <-answers:
			if a.path != "" || a.err != nil {
				t.Errorf("Cancel answered %q, %v", a.path, a.err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: Cancel did not answer", round)
		}
	}
}

// TestChooserRunsZenityOffTheUIThread: the chooser shows zenity (under
// Xvfb, driven by xdotool) and hands its answer to the UI thread; the
// window's own events still run while the dialog is open.
func TestChooserRunsZenityOffTheUIThread(t *testing.T) {
	for _, p := range []string{"Xvfb", "xdotool", "zenity"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed (apt-get install xvfb xdotool zenity)", p)
		}
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "") // no portal: zenity is next
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("GSETTINGS_BACKEND", "memory")
	r, pw, _ := os.Pipe()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{pw}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	defer func() { x.Process.Kill(); x.Wait() }()
	n, _ := bufio.NewReader(r).ReadString('\n')
	t.Setenv("DISPLAY", ":"+strings.TrimSpace(n))

	a := newTestApp()
	defer a.Quit()
	var w fyne.Window
	fynedo.Do(func() { w = a.NewWindow("filepick") })
	dir := t.TempDir()
	title := "annals chooser test"
	answers := make(chan answer, 1)
	fynedo.Do(func() {
		New(w, quiet()).Choose(Request{Kind: Save, Title: title, Name: "timeline.csv", Dir: dir,
			Filters: []Filter{{Name: "CSV", Exts: []string{".csv"}}}},
			func(p string, err error) { answers <- answer{p, err} })
	})
	var win string
	for deadline := time.Now().Add(30 * time.Second); win == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$").Output()
		win = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	}
	if win == "" {
		t.Fatal("zenity did not open")
	}
	// The UI thread is free while the dialog is open.
	ran := make(chan bool, 1)
	go fynedo.Do(func() { ran <- true })
	select {
	case <-ran:
	case <-time.After(5 * time.Second):
		t.Error("the UI thread is blocked while the dialog is open")
	}
	// A second question while the first is open is dropped.
	fynedo.Do(func() {
		New(w, quiet()).Choose(Request{Kind: Open, Title: "second"}, func(string, error) { t.Error("the second dialog answered") })
	})
	xdo := func(args ...string) {
		if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
			t.Fatalf("xdotool %v: %v %s", args, err, out)
		}
	}
	xdo("mousemove", "--window", win, "200", "200")
	xdo("windowfocus", "--sync", win)
	time.Sleep(300 * time.Millisecond)
	xdo("key", "ctrl+a")
	xdo("type", "--delay", "15", filepath.Join(dir, "events"))
	time.Sleep(300 * time.Millisecond)
	xdo("key", "Return")
	select {
	case a := <-answers:
		if want := filepath.Join(dir, "events.csv"); a.err != nil || a.path != want {
			t.Errorf("chose %q, %v; want %q", a.path, a.err, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no answer from zenity")
	}
	if open.Load() {
		t.Error("the chooser still counts a dialog open")
	}
}
