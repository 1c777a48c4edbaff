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

// actions runs the user's own changes (a favourite, new tags, a highlight)
// off the UI thread, one at a time, in the order they were asked. Unlike a
// load, a newer change never cancels an older one: each change's result, or
// its error, still reaches the user. Each shows its result on the UI thread
// before the next one starts, so a change reads the state the one before it
// left (a second quick tap on Favourite takes the favourite back). Only
// stop cancels them, when the view goes away.
type actions struct {
	mu      sync.Mutex
	queue   []func(ctx context.Context) (apply func())
	working bool // a goroutine is running the queue
	pending int  // changes asked for whose result has not been shown or dropped
	ctx     context.Context
	stop    context.CancelFunc
}

// do queues act. act runs off the UI thread with a context that ends only
// when the view stops; the function it returns (if any) runs on the UI
// thread.
func (q *actions) do(act func(ctx context.Context) (apply func())) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.ctx == nil {
		q.ctx, q.stop = context.WithCancel(context.Background())
	}
	if q.ctx.Err() != nil {
		return // the view is gone
	}
	q.queue = append(q.queue, act)
	q.pending++
	if !q.working {
		q.working = true
		go q.work(q.ctx)
	}
}

// work runs the queue until it is empty.
func (q *actions) work(ctx context.Context) {
	for {
		q.mu.Lock()
		if len(q.queue) == 0 || ctx.Err() != nil {
			q.pending -= len(q.queue)
			q.queue = nil
			q.working = false
			q.mu.Unlock()
			return
		}
		act := q.queue[0]
		q.queue = q.queue[1:]
		q.mu.Unlock()

		apply := act(ctx)
		shown := make(chan struct{})
		fynedo.Do(func() {
			defer close(shown)
			q.mu.Lock()
			q.pending--
			q.mu.Unlock()
			if apply != nil && ctx.Err() == nil {
				apply()
			}
		})
		select {
		case <-shown:
		case <-ctx.Done():
		}
	}
}

// busy reports whether a change is waiting, running or has yet to show
// its result.
func (q *actions) busy() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.pending > 0
}

// close cancels the running change through its context and drops the
// waiting ones; no result is shown after it, and later changes are not run.
func (q *actions) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.ctx == nil {
		q.ctx, q.stop = context.WithCancel(context.Background())
	}
	q.stop()
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
