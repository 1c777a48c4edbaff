package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
)

// The File menu's export, backup and restore run as jobs and end in a
// dialog; a failure leaves no empty file and changes nothing.
func TestExportBackupAndRestoreFromTheWindow(t *testing.T) {
	a, lib := openLibrary(t)
	importFile(t, lib, testenv.SeedHTML(t))
	other, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	done := make(chan int, 1)
	loaded, loaded2 := make(chan struct{}, 8), make(chan struct{}, 8)
	var m, m2 *MainWindow
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m2 = NewMainWindow(a, other, quietLogger())
		m.Library.OnLoaded = func() { loaded <- struct{}{} }
		m2.Library.OnLoaded = func() { loaded2 <- struct{}{} }
		for _, w := range []*MainWindow{m, m2} {
			w.onJobDone = func() { done <- len(w.Window.Canvas().Overlays().List()) }
		}
	})
	// The lists read the libraries off the UI thread; no read may be
	// running when the test closes them.
	waitSignal(t, loaded, "the first list")
	waitSignal(t, loaded2, "the second list")
	dir := t.TempDir()
	run := func(what string, f func()) int {
		t.Helper()
		fynedo.Do(f)
		return waitSignal(t, done, what)
	}

	csvPath := filepath.Join(dir, "annals.csv")
	os.WriteFile(csvPath, nil, 0o644) // as the save dialog leaves it
	if n := run("the CSV export", func() { m.runExport("csv", csvPath, true) }); n == 0 {
		t.Error("no dialog after the export")
	}
	if b, _ := os.ReadFile(csvPath); !strings.Contains(string(b), testenv.SeedTitle) {
		t.Errorf("the CSV export lacks the article: %.200q", b)
	}
	mdDir := filepath.Join(dir, "md")
	run("the Markdown export", func() { m.runExport("markdown", mdDir, false) })
	if mds, _ := filepath.Glob(filepath.Join(mdDir, "*.md")); len(mds) != 1 {
		t.Errorf("Markdown export wrote %v", mds)
	}

	backup := filepath.Join(dir, "lib.annals")
	os.WriteFile(backup, nil, 0o644)
	run("the backup", func() { m.runBackup(backup) })
	if st, err := os.Stat(backup); err != nil || st.Size() == 0 {
		t.Fatalf("backup file: %v, %v", st, err)
	}
	run("the restore", func() { m2.runRestore(backup) })
	if n, _ := other.Count(context.Background()); n != 1 {
		t.Errorf("after the restore the other library holds %d articles, want 1", n)
	}
	waitSignal(t, loaded2, "the list showing the restored article")

	// Failures: a backup that cannot be written, a file that is no backup.
	bad := filepath.Join(dir, "no-such-folder", "x.annals")
	if n := run("a failing backup", func() { m.runBackup(bad) }); n == 0 {
		t.Error("no error dialog for a backup that cannot be written")
	}
	junk := filepath.Join(dir, "junk.annals")
	os.WriteFile(junk, []byte("not a zip"), 0o644)
	if n := run("a failing restore", func() { m2.runRestore(junk) }); n == 0 {
		t.Error("no error dialog for a corrupt backup")
	}
	if n, _ := other.Count(context.Background()); n != 1 {
		t.Errorf("a corrupt backup changed the library: %d articles", n)
	}
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	run("an export in an unknown format", func() { m.runExport("nonsense", empty, true) })
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("a failed export left the empty file the dialog made (%v)", err)
	}
	fynedo.Do(func() {
		m.Window.Resize(fyne.NewSize(800, 600)) // the windows are still usable
	})
}
