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
	mu   sync.Mutex
	stop context.CancelFunc
	gen  int
	// running counts loads whose result has not been applied or dropped.
	running int
}

// busy reports whether a load is still running or waiting to be applied.
func (l *loader) busy() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.running > 0
}

// run calls load off the UI thread and, unless it was superseded, the
// function load returns on the UI thread.
func (l *loader) run(load func(ctx context.Context) (apply func())) {
	l.mu.Lock()
	if l.stop != nil {
		l.stop()
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.stop = cancel
	l.gen++
	gen := l.gen
	l.running++
	l.mu.Unlock()
	done := func() {
		l.mu.Lock()
		l.running--
		l.mu.Unlock()
	}
	go func() {
		apply := load(ctx)
		if ctx.Err() != nil || apply == nil {
			done()
			return
		}
		fynedo.Do(func() {
			done()
			l.mu.Lock()
			stale := gen != l.gen
			l.mu.Unlock()
			if !stale {
				apply()
			}
		})
	}()
}

// cancel drops the running load, if any: its result will not be applied.
func (l *loader) cancel() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stop != nil {
		l.stop()
	}
	l.gen++
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
