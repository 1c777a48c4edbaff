package gui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
)

// TestWindowStartsMaintenance: the window starts the library's
// maintenance with its delay and clock (the order and the waiting are
// tested in data/library), and maintenance does its work through the
// window's library: the weekly backup appears beside it.
func TestWindowStartsMaintenance(t *testing.T) {
	a, lib := openLibrary(t)
	waits, ticks := make(chan time.Duration, 1), make(chan time.Time)
	var m *MainWindow
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.maintainClock = func(d time.Duration) <-chan time.Time {
			waits <- d
			return ticks
		}
	})
	done := m.Maintain(context.Background(), MaintainAfter)
	if d := waitSignal(t, waits, "maintenance to wait"); d != MaintainAfter {
		t.Errorf("maintenance waits %v, want %v", d, MaintainAfter)
	}
	ticks <- time.Now()
	waitSignal(t, done, "maintenance to end")
	b, _ := filepath.Glob(filepath.Join(filepath.Dir(lib.DBPath()), library.BackupsDirName, "*"+library.BackupExt))
	if len(b) != 1 {
		t.Errorf("%d backups after maintenance, want 1", len(b))
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
