package views

import (
	"context"
	"sync"
	"time"

	"annals/gui/fynedo"
)

// loader runs a view's background loads one at a time: a newer load
// cancels the older one, and a result that arrives after a newer load
// started is dropped, so a view never shows stale data.
type loader struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	gen    int
}

// run calls load off the UI thread and, unless it was superseded, the
// function load returns on the UI thread.
func (l *loader) run(load func(ctx context.Context) (apply func())) {
	l.mu.Lock()
	if l.cancel != nil {
		l.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	l.gen++
	gen := l.gen
	l.mu.Unlock()
	go func() {
		apply := load(ctx)
		if ctx.Err() != nil || apply == nil {
			return
		}
		fynedo.Do(func() {
			l.mu.Lock()
			stale := gen != l.gen
			l.mu.Unlock()
			if !stale {
				apply()
			}
		})
	}()
}

// debouncer runs f on the UI thread once typing has paused for d.
type debouncer struct {
	mu    sync.Mutex
	timer *time.Timer
}

func (d *debouncer) after(wait time.Duration, f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(wait, func() { fynedo.Do(f) })
}
