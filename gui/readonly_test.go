package gui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
)

// A library whose folder cannot be written opens for reading, and the
// window says so at once: in its title and in a dialog.
func TestReadOnlyLibraryIsAnnounced(t *testing.T) {
	a := newTestApp()
	t.Cleanup(a.Quit)
	dir := filepath.Join(t.TempDir(), "lib")
	db := filepath.Join(dir, "annals.db")
	lib, err := library.Open(context.Background(), library.Options{DBPath: db, Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	freeze(t, dir)

	lib, err = library.Open(context.Background(), library.Options{DBPath: db, Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatalf("opening a read-only library: %v", err)
	}
	t.Cleanup(func() { lib.Close() })
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1000, 700))
		m.Window.Show()
		if !m.warnIfReadOnly() {
			t.Fatal("a read-only library was not announced")
		}
		if got := m.Window.Title(); got != "Annals (read-only)" {
			t.Errorf("window title %q", got)
		}
		if m.Window.Canvas().Overlays().Top() == nil {
			t.Error("no dialog explains the read-only library")
		}
	})

	// A library that can be written is not announced.
	other, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	fynedo.Do(func() {
		m := NewMainWindow(a, other, quietLogger())
		if m.warnIfReadOnly() || m.Window.Title() != "Annals" {
			t.Errorf("a writable library was announced read-only (title %q)", m.Window.Title())
		}
	})
}

// freeze makes a folder and its files unwritable, for root too (chattr +i).
func freeze(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	if os.Getuid() != 0 {
		for _, e := range ents {
			os.Chmod(filepath.Join(dir, e.Name()), 0o444)
		}
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	args := []string{"+i", dir}
	for _, e := range ents {
		args = append(args, filepath.Join(dir, e.Name()))
	}
	if out, err := exec.Command("chattr", args...).CombinedOutput(); err != nil {
		t.Skipf("cannot make a folder read-only here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", append([]string{"-i"}, args[1:]...)...).Run() })
}
