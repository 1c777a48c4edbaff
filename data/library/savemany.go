package library

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"annals/data/analysis"
	"annals/data/capture"

	log "github.com/sirupsen/logrus"
)

// saveBatch is how many pages saveMany stores per transaction at most:
// enough to spread what each transaction costs (a commit, a new segment of
// the search index to merge, a dozen prepared statements, the user's
// corrections read, the unused entities pruned), few enough that the list
// fills in as it goes (a batch is a fifth of a second's work, and what is
// ready is stored without waiting for a full one). 64 rather than 16 took
// 0.3 ms a page off storing the extraction benchmark's pages
// (BenchmarkAddPagesOneCore, issue 19).
const saveBatch = 64

// saveLinger is how long a batch that is not full waits for more pages.
// Storing whatever was ready each time the writer found nothing waiting
// made batches of 1 to 30 pages, each paying a transaction's fixed costs
// (its statements prepared, the counting trigger dropped and made again,
// a search index segment written and merged, a commit). A page added
// alone does not wait: the batch is stored as soon as the workers are
// done (issue 19).
const saveLinger = 300 * time.Millisecond

// tailBatch is the smallest batch limit near the end of a bulk save on
// several cores (batchLimit in saveMany): few enough pages that the batch
// stored after the last page is read takes a few milliseconds, enough
// that the end is not a transaction per page.
const tailBatch = 8

// prepared is one page read and analysed, waiting to be stored.
type prepared struct {
	i   int
	doc *capture.Document
	res analysis.Result
	err error // capture failed; analysis failing only leaves res empty
	ok  bool  // res holds an analysis
}

// saveMany reads n pages and stores them the way saveDocument does one:
// pages are read and analysed on every core, and one writer stores them
// in batches, articles and analyses in one transaction each per batch.
// SQLite has a single writer, and a transaction per page was half the
// time of saving many (tools/benchharness, pipeline section). It returns each
// page's id (0 when it failed) and error.
func (l *Library) saveMany(ctx context.Context, n int, read func(ctx context.Context, i int) (*capture.Document, error), report func(done int)) ([]int64, []error) {
	ids, errs := make([]int64, n), make([]error, n)
	g, gerr := l.gazetteer(ctx)
	queue := make(chan int)
	ready := make(chan prepared, 2*saveBatch)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), n) {
		wg.Go(func() {
			for i := range queue {
				p := prepared{i: i}
				p.doc, p.err = read(ctx, i)
				if p.err == nil && gerr == nil {
					var err error
					p.res, err = analysis.Analyze(ctx, analysis.Input{Text: p.doc.Text, Title: p.doc.Title,
						Language: p.doc.Language, Published: p.doc.Published, Gazetteer: g})
					p.ok = err == nil
				}
				ready <- p
			}
		})
	}
	// started counts the pages a worker has taken.
	var started atomic.Int64
	go func() {
		defer close(queue)
		for i := range n {
			select {
			case queue <- i:
				started.Add(1)
			case <-ctx.Done():
				started.Store(int64(n)) // nothing more will come
				return
			}
		}
	}()
	// batchLimit is how many pages a batch is stored with at most. With
	// other cores, near the end it is the number of pages no worker has
	// started yet (tailBatch at least): storing a page takes the writer
	// a fraction of what reading one takes a worker, so its batches end
	// while the workers still have pages to read, and the batch stored
	// after the last page is read is short, instead of one long last
	// batch leaving the other cores idle.
	multiCore := runtime.GOMAXPROCS(0) > 1
	batchLimit := func() int {
		if !multiCore {
			return saveBatch
		}
		return min(saveBatch, max(tailBatch, n-int(started.Load())))
	}
	go func() { wg.Wait(); close(ready) }()

	// A stored batch's other after-save steps (the highlights placed
	// again, the images fetched) run on their own goroutine, one batch
	// after the other, while the writer stores the next: the images were
	// fetched one page after the other on the writer, which held up every
	// worker once the pages ready to store filled their queue. The
	// library is told of the batch (changed) when they are done, as it
	// was, and saveMany returns when they are all done.
	after := make(chan []savedPage, 4)
	afterDone := make(chan struct{})
	go func() {
		defer close(afterDone)
		for pages := range after {
			l.runAfterSaveBatch(ctx, pages, analysisStep) // analysed and stored by storeBatch
			for _, p := range pages {
				l.log.WithFields(log.Fields{"id": p.id, "title": p.doc.Title}).Info("saved")
			}
			l.changed()
		}
	}()

	done := 0
	var batch []prepared
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	lingering := false
	flush := func() {
		if lingering {
			linger.Stop()
			lingering = false
		}
		after <- l.storeBatch(ctx, batch, ids, errs)
		done += len(batch)
		batch = batch[:0]
		report(done)
	}
	// Pages are stored in the order given, so ids (and the list) follow
	// it whichever worker finishes first.
	waiting := map[int]prepared{}
	next := 0
	for {
		var p prepared
		select {
		case q, ok := <-ready:
			if !ok {
				if len(batch) > 0 {
					flush()
				}
				close(after)
				<-afterDone
				return ids, withCause(ctx, ids, errs)
			}
			p = q
		case <-linger.C:
			lingering = false
			if len(batch) > 0 {
				flush()
			}
			continue
		}
		waiting[p.i] = p
		for {
			q, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			if q.err != nil {
				errs[q.i] = q.err
				done++
				report(done)
				continue
			}
			batch = append(batch, q)
			if len(batch) >= batchLimit() {
				flush()
			}
		}
		// The batch waits up to saveLinger for more pages; the last ones
		// are stored when the workers end.
		if len(batch) > 0 && !lingering {
			linger.Reset(saveLinger)
			lingering = true
		}
	}
}

// withCause gives the pages that never reached the queue the context's
// error.
func withCause(ctx context.Context, ids []int64, errs []error) []error {
	for i := range errs {
		if ids[i] == 0 && errs[i] == nil {
			errs[i] = context.Cause(ctx) // never reached the queue
		}
	}
	return errs
}

// savedPage is a page stored with its analysis, waiting for its other
// after-save steps.
type savedPage struct {
	id  int64
	doc *capture.Document
}

// storeBatch saves a batch of read pages with their analyses and returns
// the pages saved, for their other after-save steps. If the batch cannot
// be saved whole, each page is saved on its own so one bad page costs only
// itself.
func (l *Library) storeBatch(ctx context.Context, batch []prepared, ids []int64, errs []error) []savedPage {
	as := make([]*Article, len(batch))
	for k, p := range batch {
		as[k] = articleFrom(p.doc)
	}
	got, err := l.store.SaveArticles(ctx, as)
	if err != nil {
		l.log.WithError(err).WithField("pages", len(batch)).Warn("saving a batch failed; saving its pages one by one")
		got = make([]int64, len(batch))
		for k, a := range as {
			id, _, err := l.store.SaveArticle(ctx, a)
			if err != nil {
				errs[batch[k].i] = fmt.Errorf("could not save %q to the library: %w", a.Title, err)
				continue
			}
			got[k] = id
		}
	}
	var aids []int64
	var rs []analysis.Result
	for k, p := range batch {
		if got[k] == 0 {
			continue
		}
		ids[p.i] = got[k]
		if p.ok {
			aids, rs = append(aids, got[k]), append(rs, p.res)
		}
	}
	// The articles are saved; an analysis that fails to store is redone
	// by Reanalyze, like one that failed to run.
	if err := l.store.SaveAnalyses(ctx, aids, rs); err != nil {
		l.log.WithError(err).Warn("saving analyses failed")
	}
	saved := make([]savedPage, 0, len(batch))
	for k, p := range batch {
		if got[k] != 0 {
			saved = append(saved, savedPage{got[k], p.doc})
		}
	}
	return saved
}

// readPage is saveMany's reader for pages held in memory.
func readPage(p Page) func(ctx context.Context) (*capture.Document, error) {
	return func(ctx context.Context) (*capture.Document, error) {
		u, err := url.Parse(p.URL)
		if err != nil {
			return nil, err
		}
		return capture.Parse(ctx, p.HTML, "text/html; charset=utf-8", u)
	}
}
