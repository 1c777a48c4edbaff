package gui

import (
	"annals/gui/i18n"
	"annals/gui/widgets"
	"sync"

	"annals/data/library"
	"annals/gui/fynedo"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// jobBar is the bridge between library jobs and the window: the one place
// where the GUI waits on background work. It shows the running jobs'
// progress in a bar at the bottom of the window, with a Cancel button, and
// applies every update through fyne.Do.
type jobBar struct {
	label  *widgets.Label
	bar    *widget.ProgressBar
	cancel *widget.Button
	root   *fyne.Container

	mu      sync.Mutex
	running map[*library.Job]bool
}

func newJobBar() *jobBar {
	b := &jobBar{running: map[*library.Job]bool{}}
	b.label = widgets.NewLabel("")
	b.label.Truncate = true
	b.bar = widget.NewProgressBar()
	b.cancel = widget.NewButtonWithIcon(i18n.T("Cancel"), theme.CancelIcon(), b.cancelAll)
	b.root = container.NewBorder(nil, nil, nil, b.cancel, container.NewGridWithColumns(2, b.label, b.bar))
	if i18n.RTL() { // mirrored: what is happening on the right, Cancel on the left
		b.label.Direction = widgets.DirRTL
		b.root = container.NewBorder(nil, nil, b.cancel, nil, container.NewGridWithColumns(2, b.bar, b.label))
	}
	b.root.Hide()
	return b
}

func (b *jobBar) cancelAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for j := range b.running {
		j.Cancel()
	}
}

// track shows job's progress until it ends, then calls done on the UI thread.
func (b *jobBar) track(job *library.Job, done func(library.Result, error)) {
	b.mu.Lock()
	b.running[job] = true
	b.mu.Unlock()
	b.label.SetText(i18n.T("Starting…"))
	b.bar.SetValue(0)
	b.root.Show()
	go func() {
		for p := range job.Progress() {
			text, frac := describe(p)
			fynedo.Do(func() {
				b.label.SetText(text)
				b.bar.SetValue(frac)
			})
		}
		res, err := job.Wait()
		fynedo.Do(func() {
			b.mu.Lock()
			delete(b.running, job)
			idle := len(b.running) == 0
			b.mu.Unlock()
			if idle {
				b.root.Hide()
			}
			done(res, err)
		})
	}()
}

func describe(p library.Progress) (string, float64) {
	total := p.Total
	if total == 0 {
		total = 1
	}
	var what string
	switch p.Stage {
	case library.StageFetching:
		what = i18n.T("Downloading %s", i18n.Isolate(p.Item))
	case library.StageReading:
		what = i18n.T("Reading %s", i18n.Isolate(p.Item))
	case library.StageSaving:
		what = i18n.T("Saving %s", i18n.Isolate(p.Item))
	case library.StageDone:
		what = i18n.T("Saved %s", i18n.Isolate(p.Item))
	case library.StageExporting:
		return i18n.T("Writing %s", i18n.IsolatePath(p.Item)), float64(p.Done)
	case library.StageBackingUp:
		return i18n.T("Backing up to %s", i18n.IsolatePath(p.Item)), float64(p.Done)
	case library.StageRestoring:
		return i18n.T("Restoring %s", i18n.IsolatePath(p.Item)), float64(p.Done)
	case library.StageAnalysing:
		return i18n.T("Reading articles for events and entities: %d of %d", p.Done, p.Total), float64(p.Done) / float64(total)
	case library.StageImporting:
		return i18n.T("Importing: %d of %d", p.Done, p.Total), float64(p.Done) / float64(total)
	case library.StageFeeds:
		return i18n.T("Checking feeds: %d of %d", p.Done, p.Total), float64(p.Done) / float64(total)
	case library.StageImages:
		return i18n.T("Keeping images offline: %d of %d", p.Done, p.Total), float64(p.Done) / float64(total)
	default:
		what = i18n.T("Waiting")
	}
	if p.Total > 1 {
		what = i18n.T("%s (%d of %d)", what, p.Done+1, p.Total)
	}
	// Within one item, the stages show movement: fetching is most of the wait.
	frac := float64(p.Done) / float64(total)
	step := 1 / float64(total)
	switch p.Stage {
	case library.StageFetching, library.StageReading:
		frac += step * 0.1
	case library.StageSaving:
		frac += step * 0.8
	}
	if frac > 1 {
		frac = 1
	}
	return what, frac
}
