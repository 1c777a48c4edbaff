package gui

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// zenityScreen starts Xvfb on a free display for the system's file
// dialog (zenity, the portal being out of reach) and returns a function
// that answers the dialog titled title by typing path and Enter, as a
// user would. The test is skipped without Xvfb, xdotool or zenity.
func zenityScreen(t *testing.T) func(title, path string, replace bool) {
	t.Helper()
	for _, p := range []string{"Xvfb", "xdotool", "zenity"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed (apt-get install xvfb xdotool zenity)", p)
		}
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("GSETTINGS_BACKEND", "memory")
	r, w, _ := os.Pipe()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	n, _ := bufio.NewReader(r).ReadString('\n')
	t.Setenv("DISPLAY", ":"+strings.TrimSpace(n))
	xdo := func(args ...string) {
		if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
			t.Fatalf("xdotool %v: %v %s", args, err, out)
		}
	}
	return func(title, path string, replace bool) {
		t.Helper()
		var win string
		for deadline := time.Now().Add(30 * time.Second); win == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$").Output()
			win = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
		}
		if win == "" {
			t.Fatalf("no file dialog titled %q", title)
		}
		xdo("mousemove", "--window", win, "200", "200")
		xdo("windowfocus", "--sync", win)
		time.Sleep(300 * time.Millisecond)
		if replace { // a save dialog's name box has the focus
			xdo("key", "ctrl+a")
		} else {
			xdo("key", "ctrl+l")
		}
		time.Sleep(200 * time.Millisecond)
		xdo("type", "--delay", "10", path)
		time.Sleep(300 * time.Millisecond)
		xdo("key", "Return")
		if strings.HasSuffix(path, "/") { // into the folder, then choose it
			time.Sleep(500 * time.Millisecond)
			xdo("key", "Return")
		}
	}
}

// tapButton taps the button labelled text in the window's top overlay.
func tapButton(t *testing.T, c fyne.Canvas, text string) {
	t.Helper()
	var found *widget.Button
	if top := c.Overlays().Top(); top != nil {
		for _, o := range test.LaidOutObjects(top) {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				found = b
			}
		}
	}
	if found == nil {
		t.Fatalf("no %q button on top", text)
	}
	test.Tap(found)
}

// waitFile waits for path to hold data containing want.
func waitFile(t *testing.T, path, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(path); err == nil && strings.Contains(string(b), want) {
			return
		}
	}
	b, err := os.ReadFile(path)
	t.Fatalf("%s does not hold %q: %.200q, %v", path, want, b, err)
}

// TestFileDialogCallSites goes through the window's file dialogs as a
// user would, each answered in the system's dialog (zenity): a backup
// saved under a name without extension, restored from; the timeline
// exported to CSV; the library exported as Markdown into a folder.
func TestFileDialogCallSites(t *testing.T) {
	answer := zenityScreen(t)
	a, lib := openLibrary(t)
	importFile(t, lib, testenv.SeedHTML(t))
	dir := t.TempDir()
	done := make(chan int, 4)
	loaded := make(chan struct{}, 8)
	var m *MainWindow
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Library.OnLoaded = func() { loaded <- struct{}{} }
		m.onJobDone = func() { done <- len(m.Window.Canvas().Overlays().List()) }
		m.Window.Resize(fyne.NewSize(1200, 800))
	})
	waitSignal(t, loaded, "the list")
	c := m.Window.Canvas()

	fynedo.Do(m.askBackup)
	answer(i18n.T("Back up the library"), filepath.Join(dir, "saved"), true)
	waitSignal(t, done, "the backup")
	backup := filepath.Join(dir, "saved.annals")
	if st, err := os.Stat(backup); err != nil || st.Size() == 0 {
		t.Fatalf("no backup at %s: %v", backup, err)
	}
	fynedo.Do(func() { tapButton(t, c, i18n.T("OK")) })

	fynedo.Do(m.askRestore)
	answer(i18n.T("Open a file"), backup, false)
	var confirm string
	for deadline := time.Now().Add(10 * time.Second); confirm == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		fynedo.Do(func() {
			if top := c.Overlays().Top(); top != nil {
				for _, o := range test.LaidOutObjects(top) {
					if b, ok := o.(*widget.Button); ok && b.Text == i18n.T("Restore") {
						confirm = b.Text
					}
				}
			}
		})
	}
	if confirm == "" {
		t.Fatal("choosing the backup asks nothing")
	}
	fynedo.Do(func() { tapButton(t, c, i18n.T("Restore")) })
	waitSignal(t, done, "the restore")
	fynedo.Do(func() { tapButton(t, c, i18n.T("OK")) })

	fynedo.Do(func() { m.exportTimeline("csv") })
	answer(i18n.T("Export"), filepath.Join(dir, "events"), true)
	waitFile(t, filepath.Join(dir, "events.csv"), "date,precision,type,title")

	fynedo.Do(m.askExport)
	fynedo.Do(func() { tapButton(t, c, i18n.T("OK")) }) // the first choice: Markdown files in a folder
	answer(i18n.T("Export the library"), dir+"/", false)
	waitSignal(t, done, "the Markdown export")
	md, _ := filepath.Glob(filepath.Join(dir, i18n.T("Annals articles"), "*.md"))
	if len(md) == 0 {
		t.Errorf("no Markdown files in %s", filepath.Join(dir, i18n.T("Annals articles")))
	}
}
