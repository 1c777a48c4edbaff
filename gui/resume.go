package gui

import (
	"context"

	"annals/data/library"
	"annals/gui/fynedo"
)

// resumeWaiting fetches the pages an interrupted import (or a quit while
// fetching) left waiting, with their progress in the job bar, so the
// reader never has to ask. It returns at once; done, if given, is called
// when the fetch ends, or at once when nothing waits.
func (m *MainWindow) resumeWaiting(ctx context.Context, done ...func()) {
	finish := func() {
		for _, f := range done {
			f()
		}
	}
	go func() {
		q, err := m.lib.FetchQueue(ctx)
		if err != nil || q.Pending == 0 || m.lib.ReadOnly() {
			finish()
			return
		}
		m.log.WithField("pending", q.Pending).Info("fetching the pages left waiting")
		fynedo.Do(func() {
			m.jobs.track(m.lib.FetchPending(ctx), func(library.Result, error) { finish() })
		})
	}()
}
