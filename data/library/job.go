package library

import (
	"context"
	"sync"
)

// Stage names what a job is doing now.
type Stage string

const (
	StageQueued   Stage = "queued"
	StageFetching Stage = "fetching" // downloading a page
	StageReading  Stage = "reading"  // reading a local file
	StageSaving   Stage = "saving"
	StageDone     Stage = "done"

	StageExporting Stage = "exporting"  // writing articles or the timeline to Item
	StageBackingUp Stage = "backing up" // writing a backup to Item
	StageRestoring Stage = "restoring"  // merging the backup Item in
)

// Progress is one report from a running job. Done and Total count items
// (links or files), so progress reflects work finished, never a timer.
type Progress struct {
	Stage Stage
	Item  string // the link or file being worked on
	Done  int
	Total int
}

// Failure is one item a job could not do, with a message for the user.
type Failure struct {
	Item string
	Err  error
}

// Result is what a finished job did.
type Result struct {
	IDs    []int64 // articles saved or updated, in input order
	Failed []Failure
}

// Job is background work the caller can watch and stop.
type Job struct {
	cancel   context.CancelFunc
	progress chan Progress
	done     chan struct{}

	mu     sync.Mutex
	res    Result
	counts any // what the job counted besides Result (ImportResult, RefreshResult); nil for most jobs
	err    error
}

func (l *Library) startJob(ctx context.Context, run func(ctx context.Context, report func(Progress)) (Result, error)) *Job {
	return l.startCountingJob(ctx, func(ctx context.Context, report func(Progress)) (Result, any, error) {
		res, err := run(ctx, report)
		return res, nil, err
	})
}

// startCountingJob is startJob for work that also counts what it did (an
// import, a feed refresh). The counts travel with the job and are freed
// with it: a map keyed by the job would keep every job of the 3-hourly
// feed refresh for the life of the process.
//
// Every job is counted while it runs, so maintenance can wait for the
// user's saves and imports to end (Busy).
func (l *Library) startCountingJob(ctx context.Context, run func(ctx context.Context, report func(Progress)) (Result, any, error)) *Job {
	ctx, cancel := context.WithCancel(ctx)
	j := &Job{cancel: cancel, progress: make(chan Progress, 32), done: make(chan struct{})}
	l.jobsRunning.Add(1)
	go func() {
		defer cancel()
		res, counts, err := run(ctx, j.report)
		j.mu.Lock()
		j.res, j.counts, j.err = res, counts, err
		j.mu.Unlock()
		// Not running any more before anyone waiting on Done looks.
		l.jobsRunning.Add(-1)
		close(j.progress)
		close(j.done)
	}()
	return j
}

// Busy reports whether any of the library's jobs is running: a save, an
// import, a feed refresh, an export, a re-analysis.
func (l *Library) Busy() bool { return l.jobsRunning.Load() > 0 }

// report never blocks the work: a reader that falls behind misses
// intermediate reports, never the end (Done closes).
func (j *Job) report(p Progress) {
	select {
	case j.progress <- p:
	default:
	}
}

// Progress delivers reports until the job ends, then is closed.
func (j *Job) Progress() <-chan Progress { return j.progress }

// Done is closed when the job has ended.
func (j *Job) Done() <-chan struct{} { return j.done }

// Cancel asks the job to stop; what it finished stays saved.
func (j *Job) Cancel() { j.cancel() }

// Wait blocks until the job ends and returns its result. err is set when the
// job as a whole failed (cancelled, or its one item failed).
func (j *Job) Wait() (Result, error) {
	<-j.done
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.res, j.err
}

// waitCounts blocks until the job ends and returns what it counted.
func (j *Job) waitCounts() any {
	<-j.done
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.counts
}

// RunJob runs fn as a job: on its own goroutine, stopped by Cancel through
// fn's context, watched like any other. It suits work that reports no steps
// of its own (an export, a backup): its one report says stage and item.
// What fn returns besides an error reaches the caller through fn's own
// variables, read once Wait or Done says the job has ended.
func (l *Library) RunJob(ctx context.Context, stage Stage, item string, fn func(ctx context.Context) error) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		report(Progress{Stage: stage, Item: item, Total: 1})
		err := fn(ctx)
		if err == nil {
			report(Progress{Stage: stage, Item: item, Done: 1, Total: 1})
		}
		return Result{}, err
	})
}
