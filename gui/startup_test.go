package gui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
)

// maintainedWindow is a main window whose maintenance clock the test
// drives: each wait Maintain starts is sent on waits, and it ends when the
// test sends on ticks.
func maintainedWindow(t *testing.T) (m *MainWindow, lib *library.Library, waits chan time.Duration, ticks chan time.Time) {
	t.Helper()
	a, lib := openLibrary(t)
	waits, ticks = make(chan time.Duration, 1), make(chan time.Time)
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.timer = func(d time.Duration) <-chan time.Time {
			waits <- d
			return ticks
		}
	})
	return m, lib, waits, ticks
}

func backupsIn(lib *library.Library) []string {
	b, _ := filepath.Glob(filepath.Join(filepath.Dir(lib.DBPath()), library.BackupsDirName, "*"+library.BackupExt))
	return b
}

func TestMaintainWaitsBeforeTheBackup(t *testing.T) {
	m, lib, waits, ticks := maintainedWindow(t)
	done := m.Maintain(context.Background(), MaintainAfter)
	if d := waitSignal(t, waits, "maintenance to wait"); d != MaintainAfter {
		t.Errorf("maintenance waits %v, want %v", d, MaintainAfter)
	}
	// Nothing has been done yet: the weekly backup reads the whole
	// database, which must not happen while the window opens.
	if _, err := os.Stat(filepath.Join(filepath.Dir(lib.DBPath()), library.BackupsDirName)); err == nil {
		t.Fatal("the backup began before the delay")
	}
	ticks <- time.Now()
	waitSignal(t, done, "maintenance to end")
	if b := backupsIn(lib); len(b) != 1 {
		t.Errorf("%d backups after maintenance, want 1", len(b))
	}
}

func TestMaintainWaitsForRunningJobs(t *testing.T) {
	m, lib, waits, ticks := maintainedWindow(t)
	job := &library.Job{}
	m.jobs.mu.Lock()
	m.jobs.running[job] = true // a save the user started
	m.jobs.mu.Unlock()
	done := m.Maintain(context.Background(), time.Minute)
	waitSignal(t, waits, "maintenance to wait")
	ticks <- time.Now()
	if d := waitSignal(t, waits, "maintenance to wait again while a job runs"); d != 15*time.Second {
		t.Errorf("maintenance waits again for %v, want 15s", d)
	}
	if len(backupsIn(lib)) != 0 {
		t.Fatal("a backup began while a job was running")
	}
	m.jobs.mu.Lock()
	delete(m.jobs.running, job)
	m.jobs.mu.Unlock()
	ticks <- time.Now()
	waitSignal(t, done, "maintenance to end")
	if b := backupsIn(lib); len(b) != 1 {
		t.Errorf("%d backups after maintenance, want 1", len(b))
	}
}

func TestMaintainStopsWhenTheAppQuits(t *testing.T) {
	m, lib, waits, _ := maintainedWindow(t)
	ctx, quit := context.WithCancel(context.Background())
	done := m.Maintain(ctx, MaintainAfter)
	waitSignal(t, waits, "maintenance to wait")
	quit()
	waitSignal(t, done, "maintenance to stop")
	if _, err := os.Stat(filepath.Join(filepath.Dir(lib.DBPath()), library.BackupsDirName)); err == nil {
		t.Error("maintenance ran after the app quit")
	}
}

// TestSectionsEnterTheWindowWhenShown: the timeline, entities and
// highlights are not laid out at start (each text style Fyne measures costs
// it a parsed copy of its fonts), and appear when their tab is chosen.
func TestSectionsEnterTheWindowWhenShown(t *testing.T) {
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		for _, s := range []int{tabTimeline, tabEntities, tabHighlights} {
			if n := len(m.holders[s].Objects); n != 0 {
				t.Errorf("section %d is in the window at start", s)
			}
		}
		m.showSection(tabTimeline)
		if o := m.holders[tabTimeline].Objects; len(o) != 1 || o[0] != m.Timeline.Content() {
			t.Error("the timeline is not shown when its tab is chosen")
		}
		m.showSection(tabHighlights)
		m.showSection(tabTimeline)
		if n := len(m.holders[tabTimeline].Objects); n != 1 {
			t.Errorf("the timeline tab holds %d objects after a second visit", n)
		}
		if n := len(m.holders[tabEntities].Objects); n != 0 {
			t.Error("the entities entered the window unseen")
		}
	})
}
