package library

import (
	"context"
	"errors"
	"time"
)

// MaintainAfter is how long maintenance waits, after the app starts, before
// it begins. Begun at once, the weekly backup copied and compressed the
// whole database while the window opened, and a session of a few seconds
// left a half-written backup (a whole copy of the database) behind each
// time.
const MaintainAfter = 90 * time.Second

// MaintainOptions says when maintenance begins and whom it tells.
type MaintainOptions struct {
	// After is the wait before maintenance begins (0: MaintainAfter).
	After time.Duration
	// Clock starts a wait (nil: time.After); tests drive it.
	Clock func(time.Duration) <-chan time.Time
	// BackupFailed is called, from maintenance's goroutine, when the
	// weekly backup could not be made because the library is damaged: the
	// user is told once (AutoBackup stays quiet about it afterwards).
	BackupFailed func(err error)
	// Reanalysing is called, from maintenance's goroutine, with the job
	// that analyses again the articles saved before the current analysis,
	// so its progress can be shown; maintenance does not wait for it.
	Reanalysing func(job *Job)
}

// Maintain brings the library up to date in the background, in this order,
// once opts.After has passed and then no job of the library (a save, an
// import, an export) is running: image files left by an interrupted
// session are removed, articles stored before compression are rewritten,
// the search index merged and free space given back
// (store.CompactArticles, OptimizeSearch, ReclaimSpace), the
// weekly backup is written (the last four kept),
// and articles saved before the current analysis (or before analysis
// existed) are analysed again. It stops when ctx is cancelled; the channel
// it returns is closed when it has ended, so the app can let a backup clean
// up before it exits.
func (l *Library) Maintain(ctx context.Context, opts MaintainOptions) <-chan struct{} {
	if opts.After <= 0 {
		opts.After = MaintainAfter
	}
	if opts.Clock == nil {
		opts.Clock = time.After
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if !l.waitIdle(ctx, opts.After, opts.Clock) {
			return
		}
		if _, err := l.CollectGarbage(ctx); err != nil && ctx.Err() == nil {
			l.log.WithError(err).Warn("collect unused images")
		}
		// Articles saved before this version's storage are rewritten
		// compressed (resuming where a closed app stopped), and the
		// space they took goes back to the disk (issue 19).
		if n, err := l.store.CompactArticles(ctx); err != nil {
			if ctx.Err() == nil {
				l.log.WithError(err).Warn("compress the articles saved before")
			}
		} else if n > 0 {
			l.log.WithField("articles", n).Info("articles stored compressed")
		}
		// The search index, written a segment per saved batch, is merged
		// into one: smaller, and a search reads one list per word. So is
		// one that keeps many deleted rows (those compaction rewrote with
		// other words, articles deleted), which every search checks its
		// matches against. The pages it frees go back with the ones
		// compaction freed.
		if steps, err := l.store.OptimizeSearch(ctx); err != nil {
			if ctx.Err() == nil {
				l.log.WithError(err).Warn("merge the search index")
			}
		} else if steps > 0 {
			l.log.WithField("steps", steps).Info("search index merged")
		}
		if did, err := l.store.ReclaimSpace(ctx); err != nil {
			if ctx.Err() == nil {
				l.log.WithError(err).Warn("give the library's free space back")
			}
		} else if did {
			l.log.Info("the library's free space went back to the disk")
		}
		if ctx.Err() != nil {
			return
		}
		if path, err := l.AutoBackup(ctx, AutoBackupOptions{}); err != nil {
			if ctx.Err() == nil {
				l.log.WithError(err).Warn("weekly backup")
			}
			if errors.Is(err, ErrLibraryDamaged) && opts.BackupFailed != nil {
				opts.BackupFailed(err)
			}
		} else if path != "" {
			l.log.WithField("path", path).Info("weekly backup written")
		}
		if ctx.Err() != nil {
			return
		}
		ids, err := l.ArticlesNeedingAnalysis(ctx)
		if err != nil || len(ids) == 0 {
			return
		}
		l.log.WithField("articles", len(ids)).Info("re-analysing")
		job := l.Reanalyze(ctx)
		if opts.Reanalysing != nil {
			opts.Reanalysing(job)
		}
	}()
	return done
}

// waitIdle waits for after, and then for as long as a job runs (checking
// every after/4, at least every second). It is false when ctx ended first.
func (l *Library) waitIdle(ctx context.Context, after time.Duration, clock func(time.Duration) <-chan time.Time) bool {
	wait := after
	for {
		select {
		case <-ctx.Done():
			return false
		case <-clock(wait):
		}
		if !l.Busy() {
			return ctx.Err() == nil
		}
		wait = max(after/4, time.Second)
	}
}
