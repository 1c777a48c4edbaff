// Package library is the one facade the GUI and the command line use: it
// saves pages (fetching and reading them through data/capture), stores them
// (data/store), analyses, searches, imports and exports them, runs the long
// work as cancellable jobs that report progress, and keeps itself up to date
// in the background (Maintain). Nothing here knows about Fyne.
package library

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"annals/data/capture"
	"annals/data/store"

	log "github.com/sirupsen/logrus"
)

// The GUI and CLI see the store's records through these names, so they
// never import data/store.
type (
	Article  = store.Article
	Summary  = store.Summary
	Filter   = store.Filter
	Hit      = store.Hit
	Range    = store.Range
	TagCount = store.TagCount

	SearchOptions = store.SearchOptions
	SearchResult  = store.SearchResult
	EntityMatch   = store.EntityMatch // why a Hit was found through an entity
)

// RankedMatches is how many of the newest matching articles a search ranks.
const RankedMatches = store.RankedMatches

// ErrNotFound is returned for an article id that does not exist.
var ErrNotFound = store.ErrNotFound

// DBFileName is the library database's name inside the data folder.
const DBFileName = "annals.db"

// Options configure Open.
type Options struct {
	Dir     string           // data folder; "" means DefaultDir()
	DBPath  string           // the database file; "" means Dir/annals.db
	Logger  *log.Logger      // nil: discard logs
	Fetcher *capture.Fetcher // nil: capture.NewFetcher()
	// Client, when set, is the HTTP client pages and images are fetched
	// with (tests pass one that stays on this machine).
	Client *http.Client
}

// Library is an open Annals library. Its methods are safe for concurrent use.
type Library struct {
	store   *store.Store
	fetcher *capture.Fetcher
	log     *log.Logger

	mu       sync.Mutex
	onChange []func()
	// fetchOwner names this library's claims on waiting pages (see
	// fetchOne); another process has its own.
	fetchOwner string

	// gaz is the gazetteer analysis uses: the shipped one plus the user's
	// aliases, built on first use and dropped when an alias changes.
	gaz libGazetteer

	// jobsRunning counts the jobs started and not yet ended (Busy).
	jobsRunning atomic.Int64
}

// Open opens the library, creating it on first use.
func Open(ctx context.Context, opts Options) (*Library, error) {
	if opts.DBPath == "" {
		dir := opts.Dir
		if dir == "" {
			d, err := DefaultDir()
			if err != nil {
				return nil, fmt.Errorf("find the data folder: %w", err)
			}
			dir = d
		}
		opts.DBPath = filepath.Join(dir, DBFileName)
	}
	if opts.Logger == nil {
		opts.Logger = log.New()
		opts.Logger.SetOutput(io.Discard)
	}
	if opts.Fetcher == nil {
		opts.Fetcher = capture.NewFetcher()
	}
	if opts.Client != nil {
		opts.Fetcher.Client = opts.Client
	}
	st, err := store.Open(ctx, opts.DBPath)
	if err != nil {
		return nil, err
	}
	opts.Logger.WithFields(log.Fields{"db": opts.DBPath, "read_only": st.ReadOnly()}).Info("library opened")
	l := &Library{store: st, fetcher: opts.Fetcher, log: opts.Logger, fetchOwner: newFetchOwner()}
	l.removeLeftovers()
	return l, nil
}

// Close closes the database.
func (l *Library) Close() error { return l.store.Close() }

// DBPath is where the library lives.
func (l *Library) DBPath() string { return l.store.Path() }

// OnChange registers fn to run after the library's contents change. It may
// be called from any goroutine: the GUI wraps it in fyne.Do.
func (l *Library) OnChange(fn func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.onChange = append(l.onChange, fn)
}

func (l *Library) changed() {
	l.mu.Lock()
	fns := append([]func(){}, l.onChange...)
	l.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// Save fetches a link and saves its readable copy.
func (l *Library) Save(ctx context.Context, rawURL string) *Job { return l.Add(ctx, rawURL) }

// ImportFile saves a page stored on disk (.html, .htm, or a saved-page
// folder's main file).
func (l *Library) ImportFile(ctx context.Context, path string) *Job { return l.Add(ctx, path) }

// Add saves each item, a link or a local file, one after the other. A
// failing item does not stop the others; it is listed in Result.Failed.
// With one item, the job's error is that item's error.
func (l *Library) Add(ctx context.Context, items ...string) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		var res Result
		for i, item := range items {
			if err := ctx.Err(); err != nil {
				return res, &capture.Error{Kind: capture.KindCanceled, URL: item, Err: err}
			}
			id, err := l.addOne(ctx, item, func(st Stage) {
				report(Progress{Stage: st, Item: item, Done: i, Total: len(items)})
			})
			if err != nil {
				l.log.WithError(err).WithField("item", item).Warn("save failed")
				res.Failed = append(res.Failed, Failure{Item: item, Err: err})
				if errors.Is(err, context.Canceled) {
					return res, err
				}
				continue
			}
			res.IDs = append(res.IDs, id)
			report(Progress{Stage: StageDone, Item: item, Done: i + 1, Total: len(items)})
			l.changed()
		}
		if len(items) == 1 && len(res.Failed) == 1 {
			return res, res.Failed[0].Err
		}
		return res, nil
	})
}

func (l *Library) addOne(ctx context.Context, item string, stage func(Stage)) (int64, error) {
	item = strings.TrimSpace(item)
	return l.saveDocument(ctx, func() (*capture.Document, error) {
		if path, ok := localPath(item); ok {
			stage(StageReading)
			return capture.ReadFile(l.captureCtx(ctx), path)
		}
		stage(StageFetching)
		return l.fetcher.Fetch(l.captureCtx(ctx), normaliseLink(item))
	}, stage)
}

// Page is a web page already in memory, such as a sample bundled with the
// app: its address and its HTML.
type Page struct {
	URL  string
	HTML []byte
}

// AddPages saves pages already in memory, like Add does links.
func (l *Library) AddPages(ctx context.Context, pages ...Page) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		defer raiseGCForBulk()()
		report(Progress{Stage: StageSaving, Total: len(pages)})
		ids, errs := l.saveMany(ctx, len(pages), func(ctx context.Context, i int) (*capture.Document, error) {
			return readPage(pages[i])(l.captureCtx(ctx))
		}, func(done int) {
			report(Progress{Stage: StageSaving, Done: done, Total: len(pages)})
		})
		var res Result
		for i, p := range pages {
			if errs[i] != nil {
				res.Failed = append(res.Failed, Failure{Item: p.URL, Err: errs[i]})
				continue
			}
			res.IDs = append(res.IDs, ids[i])
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if len(res.Failed) > 0 && len(res.IDs) == 0 {
			return res, res.Failed[0].Err
		}
		return res, nil
	})
}

// saveDocument stores the document get returns and runs the after-save
// steps on it.
func (l *Library) saveDocument(ctx context.Context, get func() (*capture.Document, error), stage func(Stage)) (int64, error) {
	start := time.Now()
	doc, err := get()
	if err != nil {
		return 0, err
	}
	stage(StageSaving)
	a := articleFrom(doc)
	id, created, err := l.store.SaveArticle(ctx, a)
	if err != nil {
		return 0, fmt.Errorf("could not save %q to the library: %w", doc.Title, err)
	}
	l.runAfterSave(ctx, id, doc)
	l.log.WithFields(log.Fields{"id": id, "new": created, "title": doc.Title, "took": time.Since(start).Round(time.Millisecond)}).Info("saved")
	return id, nil
}

// captureCtx is ctx carrying the library's logger for capture, so what
// capture logs (a recovered panic's stack above all) reaches annals.log.
func (l *Library) captureCtx(ctx context.Context) context.Context {
	return capture.WithLogger(ctx, l.log)
}

// afterSaveStep is work done on an article once it is stored.
type afterSaveStep struct {
	name string
	run  func(l *Library, ctx context.Context, id int64, doc *capture.Document) error
	// runBatch, when set, does the step for the pages of one batch a bulk
	// save stored (runAfterSaveBatch), and logs what failed itself.
	runBatch func(l *Library, ctx context.Context, pages []savedPage)
}

// The after-save steps' names; a save path that did one itself for a whole
// batch skips it by name.
const (
	analysisStep   = "analysis"
	highlightsStep = "highlights"
	imagesStep     = "images"
)

// afterSave is every after-save step, in the order they run: the analysis
// first (the events and entities are what the reader looks for next), then
// the highlights moved to where their quotes now are (quick, and the reader
// may open the article at once), then the images (the network, slowest).
// Every save path runs them through runAfterSave (runAfterSaveBatch for a
// batch of a bulk save).
var afterSave = []afterSaveStep{
	{name: analysisStep, run: analyseSaved},
	{name: highlightsStep, run: reanchorSaved},
	{name: imagesStep, run: keepSavedImages, runBatch: (*Library).keepBatchImages},
}

// runAfterSave runs the after-save steps on a stored article, in order, but
// those named in skip. The article is saved: a step that fails is logged
// and the next one runs; it can be redone later (Reanalyze, the images'
// repair).
func (l *Library) runAfterSave(ctx context.Context, id int64, doc *capture.Document, skip ...string) {
	for _, step := range afterSave {
		if slices.Contains(skip, step.name) {
			continue
		}
		if err := step.run(l, ctx, id, doc); err != nil {
			l.log.WithError(err).WithFields(log.Fields{"id": id, "step": step.name}).Warn("after-save step failed")
		}
	}
}

// runAfterSaveBatch runs the after-save steps on the pages of a batch a
// bulk save stored, but those named in skip: step by step, each for every
// page in turn, or once for them all when it has a batch form.
func (l *Library) runAfterSaveBatch(ctx context.Context, pages []savedPage, skip ...string) {
	for _, step := range afterSave {
		if slices.Contains(skip, step.name) {
			continue
		}
		if step.runBatch != nil {
			step.runBatch(l, ctx, pages)
			continue
		}
		for _, p := range pages {
			if err := step.run(l, ctx, p.id, p.doc); err != nil {
				l.log.WithError(err).WithFields(log.Fields{"id": p.id, "step": step.name}).Warn("after-save step failed")
			}
		}
	}
}

// localPath reports whether item names a file on disk (a path or a file://
// URL) rather than a web link.
func localPath(item string) (string, bool) {
	if strings.HasPrefix(item, "file://") {
		u, err := url.Parse(item)
		if err == nil {
			return filepath.FromSlash(u.Path), true
		}
	}
	if strings.Contains(item, "://") {
		return "", false
	}
	if fi, err := os.Stat(item); err == nil && !fi.IsDir() {
		return item, true
	}
	if ext := strings.ToLower(filepath.Ext(item)); ext == ".html" || ext == ".htm" {
		return item, true // a missing file: let capture say so
	}
	return "", false
}

// normaliseLink accepts what people paste: "example.com/story" becomes
// "https://example.com/story".
func normaliseLink(s string) string {
	if !strings.Contains(s, "://") && strings.Contains(s, ".") && !strings.ContainsAny(s, " \t") {
		return "https://" + s
	}
	return s
}

func articleFrom(d *capture.Document) *store.Article {
	return &store.Article{
		URL: d.URL, CanonicalURL: d.CanonicalURL, Title: d.Title, Byline: d.Byline, Site: d.SiteName,
		Excerpt: d.Excerpt, Published: d.Published, Language: d.Language, Dir: d.Direction, HTML: d.HTML,
		Text: d.Text, Blocks: d.Blocks, LeadImage: d.LeadImage, WordCount: d.WordCount,
		ReadingMinutes: d.ReadingMinutes, Status: store.StatusReady, Warnings: d.Warnings,
	}
}

// List returns article summaries, newest first.
func (l *Library) List(ctx context.Context, f Filter) ([]Summary, error) { return l.store.List(ctx, f) }

// Count is the number of articles saved.
func (l *Library) Count(ctx context.Context) (int, error) { return l.store.Count(ctx) }

// Get returns one article in full.
func (l *Library) Get(ctx context.Context, id int64) (*Article, error) { return l.store.Get(ctx, id) }

// Search finds articles containing every word of query (Arabic spelling
// variants and attached particles folded), best first.
func (l *Library) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	return l.store.Search(ctx, query, limit)
}

// SearchWith is Search with options: a list that shows a screenful asks
// for that many snippets and fills the rest with Snippets on scrolling.
func (l *Library) SearchWith(ctx context.Context, query string, opts SearchOptions) (SearchResult, error) {
	return l.store.SearchWith(ctx, query, opts)
}

// Snippets fills in the snippets SearchWith left out, for the same query.
func (l *Library) Snippets(ctx context.Context, query string, hits []Hit) error {
	return l.store.Snippets(ctx, query, hits)
}

// Tags lists the tags in use with their counts.
func (l *Library) Tags(ctx context.Context) ([]TagCount, error) { return l.store.Tags(ctx) }

// Delete removes an article for good, with the image files no other
// article uses.
func (l *Library) Delete(ctx context.Context, id int64) error {
	if err := l.mutate(l.store.Delete(ctx, id)); err != nil {
		return err
	}
	if _, err := l.CollectGarbage(ctx); err != nil {
		// The article is gone; a file left behind is collected next time.
		l.log.WithError(err).Warn("collect unused images")
	}
	return nil
}

// SetTags replaces an article's tags.
func (l *Library) SetTags(ctx context.Context, id int64, tags []string) error {
	return l.mutate(l.store.SetTags(ctx, id, tags))
}

// Archive moves an article to (or, with false, out of) the archive.
func (l *Library) Archive(ctx context.Context, id int64, archived bool) error {
	return l.mutate(l.store.SetArchived(ctx, id, archived))
}

// Favourite marks or unmarks an article.
func (l *Library) Favourite(ctx context.Context, id int64, fav bool) error {
	return l.mutate(l.store.SetFavourite(ctx, id, fav))
}

// SetDirection overrides an article's text direction ("rtl" or "ltr").
func (l *Library) SetDirection(ctx context.Context, id int64, dir string) error {
	return l.mutate(l.store.SetDir(ctx, id, dir))
}

// SetReadProgress remembers how far the reader got (0..1). It does not
// signal a change: the list need not redraw while someone scrolls.
func (l *Library) SetReadProgress(ctx context.Context, id int64, p float64) error {
	return l.store.SetReadProgress(ctx, id, p)
}

func (l *Library) mutate(err error) error {
	if err == nil {
		l.changed()
	}
	return err
}
