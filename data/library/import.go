package library

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"annals/data/capture"
	"annals/data/store"
	"annals/data/transfer"

	log "github.com/sirupsen/logrus"
)

// Importing another app's export happens in two steps. Import reads the
// whole file first, keeping only a count (a file that cannot be read to its
// end changes nothing), then reads it again and writes the items as they
// come, in batches of one transaction each: the articles appear batch by
// batch with their titles, tags and flags, and memory holds a few batches,
// not the export. Rows whose export carried the page (wallabag, Omnivore)
// are captured from it and saved ready; the others are saved pending.
// Stopping an import keeps the batches saved, each whole. FetchPending then
// downloads the pending pages in the background, politely (one request per
// host at a time, spaced out), and can be stopped and started again at any
// time: the pending status is the queue, so a killed process loses nothing.

// Stages of import and fetch jobs.
const (
	StageImporting Stage = "importing" // reading the export file; Done/Total count items captured
)

// ImportPreview is what the import dialog shows before anything is written.
type ImportPreview = transfer.PreviewInfo

// PreviewImport detects an export's format and counts its items and tags
// without importing anything. format is "auto" or an importer's name.
func PreviewImport(ctx context.Context, path, format string) (ImportPreview, error) {
	return transfer.PreviewFile(ctx, path, format)
}

// ImportFormats lists the import format names ("pocket", …) for --format.
func ImportFormats() []string { return transfer.FormatNames() }

// ImportResult is what an import wrote; the job's Result.IDs lists the
// articles (once each).
type ImportResult struct {
	Format     string
	Items      int // items in the file
	Created    int // new articles
	Merged     int // items that were already in the library, or repeated in the file
	Ready      int // articles whose page came with the export and was stored
	Pending    int // articles in the library waiting for FetchPending
	Highlights int
	// Problem is why reading stopped early when ImportOptions.Partial kept
	// the items read before it; "" when the whole file was read.
	Problem string
}

// ImportOptions tune an import.
type ImportOptions struct {
	Format string // an importer's name, or "" / "auto" to detect it
	// Partial keeps the items read before a damaged part of the file
	// ("import what can be read"); without it such a file imports nothing.
	// Unsafe archives (zip bombs, "../" paths) are refused either way.
	Partial bool
}

// ImportStats waits for an import job to end and returns its counts; false
// when j is not an import job.
func ImportStats(j *Job) (ImportResult, bool) {
	st, ok := j.waitCounts().(ImportResult)
	return st, ok
}

// Import reads an export file (format detected) into the library.
func (l *Library) Import(ctx context.Context, path string) *Job {
	return l.ImportFormat(ctx, path, "auto")
}

// ImportFormat is Import with the format named ("auto" to detect it).
func (l *Library) ImportFormat(ctx context.Context, path, format string) *Job {
	return l.ImportWith(ctx, path, ImportOptions{Format: format})
}

// ImportWith is Import with options.
func (l *Library) ImportWith(ctx context.Context, path string, opts ImportOptions) *Job {
	return l.startCountingJob(ctx, func(ctx context.Context, report func(Progress)) (Result, any, error) {
		defer raiseGCForBulk()()
		return l.importFile(ctx, path, opts, report)
	})
}

// An import streams: the file is read once to its end without keeping
// anything (a file that cannot be read whole changes nothing, and the
// count is the progress's total), then read again with the items flowing
// through in batches of at most importBatch items and importBatchBytes of
// pages: captured on every core, saved one transaction per batch, and let
// go. However large the export, an import holds a few batches of pages,
// never all of them (TestImportStreamsPagesWithoutHoldingThem: 4,000 pages
// of 50 KB, 195 MB, grew the heap by 272 MB when every page was held, by
// about 25 MB now).
const (
	importBatch      = 32
	importBatchBytes = 8 << 20
)

// errEnoughItems stops the second reading of a partly damaged file at the
// last item the first reading could take.
var errEnoughItems = errors.New("every readable item was taken")

// importSaved is an article an import saved with its page, waiting for
// the after-save steps; doc is what those steps read of the page (see
// afterSaveDoc), not its text.
type importSaved struct {
	id  int64
	doc *capture.Document
}

// importBatchRows is one batch of captured items on its way to the store.
type importBatchRows struct {
	rows []store.ImportRow
	docs []*capture.Document
}

func (l *Library) importFile(ctx context.Context, path string, opts ImportOptions, report func(Progress)) (Result, ImportResult, error) {
	start := time.Now()
	var out ImportResult
	im, err := transfer.Open(path, opts.Format)
	if err != nil {
		return Result{}, out, err
	}
	out.Format = im.Name()
	report(Progress{Stage: StageImporting, Item: path})

	// First reading: check the whole file and count its items; nothing
	// else is kept.
	total, err := transfer.Count(ctx, im, path)
	if err != nil {
		if !opts.Partial || total == 0 || ctx.Err() != nil || errors.Is(err, transfer.ErrUnsafeZip) {
			return Result{}, out, err
		}
		out.Problem = err.Error()
		l.log.WithError(err).WithField("kept", total).Warn("import: keeping what could be read")
	}

	// Second reading: stream. readCtx also stops the reading and the
	// capture when a batch cannot be saved.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	// A short queue lets the reading run ahead of the capture by a
	// little, not by a batch.
	items := make(chan transfer.Item, runtime.NumCPU())
	var readErr error
	go func() {
		defer close(items)
		n := 0
		readErr = im.Import(readCtx, path, func(it transfer.Item) error {
			if n == total {
				return errEnoughItems
			}
			n++
			select {
			case items <- it:
				return nil
			case <-readCtx.Done():
				return readCtx.Err()
			}
		})
	}()

	// One saver stores the batches in order, one transaction each (a
	// batch is saved whole or not at all), while the next batch is read.
	toSave := make(chan importBatchRows, 1)
	var (
		res       Result
		saveErr   error
		saved     int
		readyDocs []importSaved
	)
	seen := map[int64]bool{}
	saverDone := make(chan struct{})
	go func() {
		defer close(saverDone)
		for b := range toSave {
			if saveErr != nil {
				continue // what is left is dropped; the capture stops soon
			}
			st, err := l.store.ImportArticles(ctx, b.rows)
			if err != nil {
				saveErr = err
				stopReading()
				continue
			}
			out.Created += st.Created
			out.Highlights += st.Highlights
			for i, id := range st.IDs {
				if !seen[id] {
					seen[id] = true
					res.IDs = append(res.IDs, id)
				}
				if st.Filled[i] && b.docs[i] != nil {
					readyDocs = append(readyDocs, importSaved{id: id, doc: afterSaveDoc(b.docs[i])})
				}
			}
			saved += len(b.rows)
			l.changed()
			report(Progress{Stage: StageImporting, Item: path, Done: saved, Total: total})
		}
	}()

	// A batch's pages are captured on every core, then handed on.
	var cur []transfer.Item
	size := 0
	captureBatch := func() {
		b := importBatchRows{rows: make([]store.ImportRow, len(cur)), docs: make([]*capture.Document, len(cur))}
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.NumCPU(), len(cur)) {
			wg.Go(func() {
				for readCtx.Err() == nil {
					i := int(next.Add(1) - 1)
					if i >= len(cur) {
						return
					}
					b.rows[i], b.docs[i] = importRow(l.captureCtx(readCtx), cur[i])
				}
			})
		}
		wg.Wait()
		// The items' pages are let go here, not kept for the batch's life.
		clear(cur)
		cur, size = cur[:0], 0
		if readCtx.Err() == nil {
			toSave <- b
		}
	}
	for it := range items {
		cur = append(cur, it)
		size += len(it.HTML)
		if len(cur) == importBatch || size >= importBatchBytes {
			captureBatch()
		}
	}
	if len(cur) > 0 {
		captureBatch()
	}
	close(toSave)
	<-saverDone
	out.Items, out.Merged = saved, saved-out.Created
	switch {
	case ctx.Err() != nil:
		return res, out, fmt.Errorf("import stopped: %d of %d items were imported, the others were not: %w", saved, total, ctx.Err())
	case saveErr != nil:
		return res, out, fmt.Errorf("could not import %s (%d of %d items were imported before the problem): %w", out.Format, saved, total, saveErr)
	case readErr != nil && !errors.Is(readErr, errEnoughItems) && (out.Problem == "" || saved != total):
		// The file changed between the two readings.
		return res, out, fmt.Errorf("%w (%d of %d items were imported before the problem)", readErr, saved, total)
	}
	out.Ready = len(readyDocs)
	if counts, err := l.store.StatusCounts(ctx); err == nil {
		out.Pending = counts[store.StatusPending]
	}
	l.log.WithFields(log.Fields{"format": out.Format, "items": out.Items, "created": out.Created, "merged": out.Merged,
		"took": time.Since(start).Round(time.Millisecond)}).Info("imported")
	// The pages that came with the export get what a saved page gets
	// (analysis, offline images, highlights placed). They are saved
	// already: stopping here loses nothing that cannot be redone. The
	// analysis reads them back from the library on every core and is
	// stored in batches, as for many pages saved at once.
	readyIDs := make([]int64, len(readyDocs))
	for n, r := range readyDocs {
		readyIDs[n] = r.id
	}
	if _, err := l.analyseMany(ctx, readyIDs, report); err != nil {
		l.log.WithError(err).Warn("import: analysis stopped; Reanalyze finishes it")
	}
	// The other steps run a few pages at a time, as for pages saved at
	// once (runAfterSaveBatch): the images of those pages are recorded
	// in one transaction, not one a page.
	for n := 0; n < len(readyDocs) && ctx.Err() == nil; n += importAfterSaveBatch {
		chunk := readyDocs[n:min(n+importAfterSaveBatch, len(readyDocs))]
		report(Progress{Stage: StageImporting, Item: chunk[0].doc.URL, Done: n, Total: len(readyDocs)})
		pages := make([]savedPage, len(chunk))
		for k, r := range chunk {
			pages[k] = savedPage{r.id, r.doc}
		}
		l.runAfterSaveBatch(ctx, pages, analysisStep)
	}
	if len(readyDocs) > 0 {
		l.changed()
	}
	return res, out, nil
}

// importAfterSaveBatch is how many imported pages get their after-save
// steps together: enough to record their images with one commit, few
// enough that the progress moves while their images are fetched.
const importAfterSaveBatch = 16

// afterSaveDoc keeps of a captured page what the after-save steps other
// than the analysis read (its address and its images' sources), so an
// import does not hold every page until their images are fetched.
func afterSaveDoc(d *capture.Document) *capture.Document {
	return &capture.Document{URL: d.URL, LeadImage: d.LeadImage, Images: imageSources(d.LeadImage, d.Images, d.Blocks)}
}

// importRow turns an item into a row: ready when it carries a page that
// captures, pending otherwise.
func importRow(ctx context.Context, it transfer.Item) (store.ImportRow, *capture.Document) {
	a := store.Article{URL: it.URL, Title: it.Title, Tags: it.Tags, Archived: it.Archived, Favourite: it.Favourite,
		Saved: it.Added, Status: store.StatusPending}
	var doc *capture.Document
	if it.HTML != "" {
		u, _ := url.Parse(it.URL)
		d, err := capture.Parse(ctx, []byte(it.HTML), "text/html; charset=utf-8", u)
		if err == nil {
			doc = d
			c := articleFrom(doc)
			c.URL, c.Tags, c.Archived, c.Favourite, c.Saved = it.URL, it.Tags, it.Archived, it.Favourite, it.Added
			if it.Title != "" {
				c.Title = it.Title
			}
			a = *c
		}
	}
	row := store.ImportRow{Article: a}
	for _, h := range it.Highlights {
		row.Highlights = append(row.Highlights, store.ImportHighlight{Quote: h.Quote, Note: h.Note})
	}
	return row, doc
}

// FetchLimits keep the background fetch polite.
type FetchLimits struct {
	PerHost time.Duration // least time from the end of one request to a host to the start of the next
	Hosts   int           // hosts fetched from at once
}

// DefaultFetchLimits: one request a second per host, four hosts at once.
var DefaultFetchLimits = FetchLimits{PerHost: time.Second, Hosts: 4}

// ErrFetchRunning is returned by a fetch job started while another one
// works on the same library.
var ErrFetchRunning = errors.New("the library is already fetching imported pages")

var fetchLocks sync.Map // database path → *sync.Mutex

// QueueStatus says how many imported pages wait and how many failed.
type QueueStatus struct {
	Pending, Failed int
	Failures        []QueueItem // the failed ones, with their reasons
}

// QueueItem is an article waiting for its page, or one whose fetch failed
// (Error says why).
type QueueItem = store.QueueItem

// FetchQueue reports the fetch queue's state.
func (l *Library) FetchQueue(ctx context.Context) (QueueStatus, error) {
	counts, err := l.store.StatusCounts(ctx)
	if err != nil {
		return QueueStatus{}, err
	}
	failed, err := l.store.Queue(ctx, store.StatusFailed)
	if err != nil {
		return QueueStatus{}, err
	}
	return QueueStatus{Pending: counts[store.StatusPending], Failed: counts[store.StatusFailed], Failures: failed}, nil
}

// FetchPending downloads the page of every pending article with the
// default limits. Progress counts pages done (fetched or failed) of those
// pending at the start; Result.IDs lists those fetched and Result.Failed
// those that failed, each also marked failed with its reason in the
// library. Cancelling leaves the rest pending.
func (l *Library) FetchPending(ctx context.Context) *Job {
	return l.FetchPendingWith(ctx, DefaultFetchLimits)
}

// RetryFailed puts the failed articles back in the queue and fetches.
func (l *Library) RetryFailed(ctx context.Context) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		if _, err := l.store.RetryFailed(ctx); err != nil {
			return Result{}, err
		}
		l.changed()
		return l.fetchPending(ctx, DefaultFetchLimits, report)
	})
}

// FetchPendingWith is FetchPending with chosen limits.
func (l *Library) FetchPendingWith(ctx context.Context, lim FetchLimits) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		return l.fetchPending(ctx, lim, report)
	})
}

func (l *Library) fetchPending(ctx context.Context, lim FetchLimits, report func(Progress)) (Result, error) {
	v, _ := fetchLocks.LoadOrStore(l.DBPath(), &sync.Mutex{})
	mu := v.(*sync.Mutex)
	if !mu.TryLock() {
		return Result{}, ErrFetchRunning
	}
	defer mu.Unlock()
	queue, err := l.store.Queue(ctx, store.StatusPending)
	if err != nil {
		return Result{}, err
	}
	if lim.Hosts <= 0 {
		lim.Hosts = DefaultFetchLimits.Hosts
	}
	// One lane per host, worked through in order; lanes are handed to
	// lim.Hosts workers, so no host ever sees two requests at once.
	var hosts []string
	lanes := map[string][]QueueItem{}
	for _, q := range queue {
		h := hostOf(q.URL)
		if _, ok := lanes[h]; !ok {
			hosts = append(hosts, h)
		}
		lanes[h] = append(lanes[h], q)
	}
	total := len(queue)
	report(Progress{Stage: StageFetching, Done: 0, Total: total})
	var (
		done, failedN atomic.Int64
		mu2           sync.Mutex
		res           Result
	)
	laneCh := make(chan string)
	var wg sync.WaitGroup
	for range min(lim.Hosts, max(len(hosts), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for h := range laneCh {
				var last time.Time
				for _, q := range lanes[h] {
					if ctx.Err() != nil {
						break
					}
					if wait := lim.PerHost - time.Since(last); !last.IsZero() && wait > 0 {
						select {
						case <-ctx.Done():
						case <-time.After(wait):
						}
						if ctx.Err() != nil {
							break
						}
					}
					id, ferr := l.fetchOne(ctx, q)
					if errors.Is(ferr, errClaimed) {
						// Another Annals on this library fetches it: no
						// request was made, so no pause is owed.
						n := done.Add(1)
						report(Progress{Stage: StageFetching, Item: q.URL, Done: int(n), Total: total})
						continue
					}
					last = time.Now() // spaced from the end of the last request: a slow host gets more room
					if errors.Is(ferr, errStopped) {
						break // the row stays pending for next time
					}
					mu2.Lock()
					if ferr != nil {
						failedN.Add(1)
						res.Failed = append(res.Failed, Failure{Item: q.URL, Err: ferr})
					} else {
						res.IDs = append(res.IDs, id)
					}
					mu2.Unlock()
					n := done.Add(1)
					report(Progress{Stage: StageFetching, Item: q.URL, Done: int(n), Total: total})
				}
			}
		}()
	}
	for _, h := range hosts {
		select {
		case laneCh <- h:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(laneCh)
	wg.Wait()
	l.log.WithFields(log.Fields{"fetched": done.Load() - failedN.Load(), "failed": failedN.Load(), "of": total}).Info("fetch queue run")
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("fetching stopped; %d pages are left for later: %w", total-int(done.Load()), err)
	}
	return res, nil
}

// errStopped: the fetch was cancelled before its page was stored.
var errStopped = errors.New("stopped")

// errClaimed: another process claimed the article and fetches it.
var errClaimed = errors.New("fetched by another Annals")

// fetchLease is how long a claim on a waiting page lasts: well over one
// fetch (its timeout, the images after it), so it never expires while its
// page is being fetched, and short enough that a killed process's claims
// free themselves soon.
const fetchLease = 10 * time.Minute

// fetchOwners numbers the libraries this process opens: each names its
// claims on waiting pages by the process and that number.
var fetchOwners atomic.Int64

func newFetchOwner() string {
	return fmt.Sprintf("%d-%d-%d", os.Getpid(), time.Now().UnixNano(), fetchOwners.Add(1))
}

// fetchOne fetches a queued article and stores its page in place, or marks
// it failed with the reason. A cancelled fetch changes nothing. The
// article is claimed first, so two processes on one library never fetch
// the same page.
func (l *Library) fetchOne(ctx context.Context, q QueueItem) (int64, error) {
	ok, err := l.store.ClaimFetch(ctx, q.ID, l.fetchOwner, fetchLease)
	if err != nil {
		if ctx.Err() != nil {
			return 0, errStopped
		}
		l.log.WithError(err).WithField("id", q.ID).Warn("claim a waiting page")
		return 0, errStopped
	}
	if !ok {
		return 0, errClaimed
	}
	defer l.store.ReleaseFetch(context.WithoutCancel(ctx), q.ID, l.fetchOwner)
	doc, err := l.fetcher.Fetch(l.captureCtx(ctx), q.URL)
	if ctx.Err() != nil {
		return 0, errStopped
	}
	if err != nil {
		// The failure has happened: a stop arriving now must not leave it
		// counted as failed while the row still says pending.
		reason := strings.Join(strings.Fields(err.Error()), " ")
		if ferr := l.store.FailArticle(context.WithoutCancel(ctx), q.ID, reason); ferr != nil {
			l.log.WithError(ferr).WithField("id", q.ID).Warn("mark failed")
			return 0, errStopped // still pending: tried again next time
		}
		l.changed()
		return 0, err
	}
	a := articleFrom(doc) // the title the user imported wins; an untitled row takes the page's
	if err := l.store.CompleteArticle(ctx, q.ID, a); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return 0, fmt.Errorf("the article was deleted while its page was fetched")
		}
		if ctx.Err() != nil {
			return 0, errStopped
		}
		return 0, err
	}
	l.runAfterSave(ctx, q.ID, doc)
	l.changed()
	return q.ID, nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
