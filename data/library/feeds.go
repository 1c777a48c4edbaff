package library

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"sort"
	"sync"
	"time"

	"annals/data/capture"
	"annals/data/feeds"
	"annals/data/store"
	"annals/data/transfer"

	log "github.com/sirupsen/logrus"
)

// Feeds. Subscribe checks a feed once and records it; RefreshFeeds checks
// the feeds with conditional GETs (a 304 costs nothing) and records every
// item once. A feed set to auto-save has its new items saved: an item that
// carries its whole article (FullContentWords or more) is stored ready at
// once, the others are stored pending and fetched by the same polite queue
// imports use (FetchPending). Other feeds only list their new items, for
// SaveFeedItem. A feed's first refresh auto-saves only its newest
// FirstRefreshAutoSave items, so subscribing does not flood the library
// with a site's back catalogue; the older ones are listed.

type (
	Feed     = store.Feed
	FeedItem = store.FeedItem
)

// ErrFeedNotFound is returned for a feed or feed item id that does not exist.
var ErrFeedNotFound = store.ErrFeedNotFound

// ErrRefreshRunning is returned by a refresh started while another one
// works on the same library.
var ErrRefreshRunning = errors.New("the feeds are already being refreshed")

// StageFeeds: a job is checking feeds; Done and Total count feeds.
const StageFeeds Stage = "feeds"

const (
	// FullContentWords: an item whose content has at least this many words
	// is saved from the feed, without fetching its page.
	FullContentWords = 150
	// FirstRefreshAutoSave is how many items a feed's first refresh saves.
	FirstRefreshAutoSave = 10
	// DefaultFeedRefreshEvery is StartFeedRefresher's period when given 0.
	DefaultFeedRefreshEvery = 3 * time.Hour
)

// FeedFetchLimits is how auto-saved items' pages are fetched; tests lower it.
var FeedFetchLimits = DefaultFetchLimits

var feedLocks sync.Map // database path → *sync.Mutex

func (l *Library) feedFetcher() *feeds.Fetcher {
	return &feeds.Fetcher{Client: l.fetcher.Client}
}

// Subscribe checks the feed at rawURL (a web page that links a feed will
// do) and records it; its items arrive with the next RefreshFeeds (call
// RefreshFeeds(ctx, feed.ID) to get them now). Subscribing again to the
// same feed returns it with autoSave applied.
func (l *Library) Subscribe(ctx context.Context, rawURL string, autoSave bool) (Feed, error) {
	fd, err := l.feedFetcher().Fetch(ctx, normaliseLink(rawURL), "", "")
	if err != nil {
		return Feed{}, err
	}
	title := fd.Title
	if title == "" {
		title = hostOf(fd.URL)
	}
	f := store.Feed{URL: fd.URL, Title: title, SiteURL: fd.SiteURL, AutoSave: autoSave}
	id, created, err := l.store.AddFeed(ctx, &f)
	if err != nil {
		return Feed{}, err
	}
	if !created {
		if err := l.store.SetFeedAutoSave(ctx, id, autoSave); err != nil {
			return Feed{}, err
		}
	}
	l.log.WithFields(log.Fields{"feed": fd.URL, "new": created, "auto": autoSave}).Info("subscribed")
	l.changed()
	return l.store.Feed(ctx, id)
}

// Unsubscribe forgets a feed and its items; articles saved from it stay.
func (l *Library) Unsubscribe(ctx context.Context, feedID int64) error {
	return l.mutate(l.store.RemoveFeed(ctx, feedID))
}

// Feeds lists the subscriptions by title, with their item counts.
func (l *Library) Feeds(ctx context.Context) ([]Feed, error) { return l.store.Feeds(ctx) }

// SetFeedAutoSave chooses whether a feed's new items are saved or listed.
func (l *Library) SetFeedAutoSave(ctx context.Context, feedID int64, auto bool) error {
	return l.mutate(l.store.SetFeedAutoSave(ctx, feedID, auto))
}

// FeedItems lists a feed's items (feedID 0: every feed's), newest first.
// An item with ArticleID 0 is not saved yet.
func (l *Library) FeedItems(ctx context.Context, feedID int64) ([]FeedItem, error) {
	return l.store.FeedItems(ctx, feedID, false)
}

// MarkFeedItemsSeen marks a feed's items (feedID 0: every feed's) seen.
func (l *Library) MarkFeedItemsSeen(ctx context.Context, feedID int64) error {
	return l.mutate(l.store.MarkFeedItemsSeen(ctx, feedID))
}

// RefreshResult is what a refresh did; the job's Result.IDs lists the
// articles saved and Result.Failed the feeds (Item: the feed URL) and
// pages that failed.
type RefreshResult struct {
	Feeds       int // feeds checked
	NotModified int // feeds that answered "nothing new" (304)
	NewItems    int // items never seen before
	Saved       int // new items saved as articles (auto-save feeds)
	Fetched     int // of those, pages fetched because the feed had only a summary
}

// FeedRefreshStats waits for a refresh job to end and returns its counts;
// false when j is not a refresh job.
func FeedRefreshStats(j *Job) (RefreshResult, bool) {
	st, ok := j.waitCounts().(RefreshResult)
	return st, ok
}

// RefreshFeeds checks the feeds given (none: every feed), records their new
// items and saves those of auto-save feeds. Progress counts feeds, then
// pages fetched. A feed that fails keeps its items; its LastError says why.
func (l *Library) RefreshFeeds(ctx context.Context, feedIDs ...int64) *Job {
	return l.startCountingJob(ctx, func(ctx context.Context, report func(Progress)) (Result, any, error) {
		return l.refreshFeeds(ctx, feedIDs, report)
	})
}

func (l *Library) refreshFeeds(ctx context.Context, ids []int64, report func(Progress)) (Result, RefreshResult, error) {
	var res Result
	var st RefreshResult
	v, _ := feedLocks.LoadOrStore(l.DBPath(), &sync.Mutex{})
	mu := v.(*sync.Mutex)
	if !mu.TryLock() {
		return res, st, ErrRefreshRunning
	}
	defer mu.Unlock()
	all, err := l.store.Feeds(ctx)
	if err != nil {
		return res, st, err
	}
	var list []Feed
	for _, f := range all {
		if len(ids) == 0 || containsID(ids, f.ID) {
			list = append(list, f)
		}
	}
	fetcher := l.feedFetcher()
	var toSave []FeedItem
	for i, f := range list {
		if ctx.Err() != nil {
			break
		}
		report(Progress{Stage: StageFeeds, Item: f.URL, Done: i, Total: len(list)})
		fd, err := fetcher.Fetch(ctx, f.URL, f.ETag, f.LastModified)
		if ctx.Err() != nil {
			break
		}
		st.Feeds++
		now := time.Now()
		if err != nil {
			if serr := l.store.SetFeedChecked(ctx, f.ID, now, oneSentence(err), "", "", "", ""); serr != nil {
				return res, st, serr
			}
			res.Failed = append(res.Failed, Failure{Item: f.URL, Err: err})
			l.log.WithError(err).WithField("feed", f.URL).Warn("feed check failed")
			continue
		}
		if fd.NotModified {
			st.NotModified++
			if err := l.store.SetFeedChecked(ctx, f.ID, now, "", fd.ETag, fd.LastModified, "", ""); err != nil {
				return res, st, err
			}
			continue
		}
		items := make([]store.FeedItem, 0, len(fd.Items))
		for _, it := range fd.Items {
			items = append(items, store.FeedItem{GUID: it.GUID, URL: it.URL, Title: it.Title, Published: it.Published,
				Summary: it.Summary, Content: it.Content})
		}
		fresh, err := l.store.UpsertFeedItems(ctx, f.ID, items)
		if err != nil {
			return res, st, err
		}
		if err := l.store.SetFeedChecked(ctx, f.ID, now, "", fd.ETag, fd.LastModified, fd.Title, fd.SiteURL); err != nil {
			return res, st, err
		}
		st.NewItems += len(fresh)
		if f.AutoSave {
			if f.LastChecked.IsZero() && len(fresh) > FirstRefreshAutoSave {
				sort.SliceStable(fresh, func(a, b int) bool { return fresh[a].Published.After(fresh[b].Published) })
				fresh = fresh[:FirstRefreshAutoSave]
			}
			toSave = append(toSave, fresh...)
		}
		l.log.WithFields(log.Fields{"feed": f.URL, "new": len(fresh)}).Info("feed checked")
	}
	report(Progress{Stage: StageFeeds, Done: st.Feeds, Total: len(list)})
	if st.NewItems > 0 || len(res.Failed) > 0 {
		l.changed()
	}
	if err := ctx.Err(); err != nil {
		return res, st, fmt.Errorf("refresh stopped: %w", err)
	}
	if len(toSave) == 0 {
		return res, st, nil
	}
	ids2, pending, err := l.saveFeedItems(ctx, toSave)
	if err != nil {
		return res, st, err
	}
	st.Saved = len(ids2)
	res.IDs = append(res.IDs, ids2...)
	if pending > 0 {
		fr, err := l.fetchPending(ctx, FeedFetchLimits, report)
		st.Fetched = len(fr.IDs)
		res.Failed = append(res.Failed, fr.Failed...)
		if errors.Is(err, ErrFetchRunning) {
			// The fetch already running takes them, or the next one does.
			l.log.Info("feed items left pending for the fetch already running")
		} else if err != nil {
			return res, st, err
		}
	}
	return res, st, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func oneSentence(err error) string {
	var fe *feeds.Error
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

// saveFeedItems stores items as articles in one transaction (an item
// whose link is already saved is merged, never doubled) and marks them
// saved. It returns the article ids and how many are left pending.
func (l *Library) saveFeedItems(ctx context.Context, items []FeedItem) ([]int64, int, error) {
	var rows []store.ImportRow
	var docs []*capture.Document
	var keep []FeedItem
	for _, it := range items {
		if it.URL == "" {
			continue // nothing to save it as; it stays listed
		}
		row, doc := feedItemRow(l.captureCtx(ctx), it)
		rows, docs, keep = append(rows, row), append(docs, doc), append(keep, it)
	}
	if len(rows) == 0 {
		return nil, 0, nil
	}
	st, err := l.store.ImportArticles(ctx, rows)
	if err != nil {
		return nil, 0, fmt.Errorf("could not save the feed's new items: %w", err)
	}
	pending := 0
	var ids []int64
	for i, id := range st.IDs {
		if err := l.store.MarkFeedItemSaved(ctx, keep[i].ID, id); err != nil {
			return ids, pending, err
		}
		ids = append(ids, id)
		if docs[i] == nil {
			pending++
		}
	}
	l.changed()
	for i, id := range st.IDs {
		if st.Filled[i] && docs[i] != nil && ctx.Err() == nil {
			l.runAfterSave(ctx, id, docs[i])
		}
	}
	return ids, pending, nil
}

// feedItemRow is an item as an article: ready when it carries its whole
// text, pending (to be fetched) otherwise.
func feedItemRow(ctx context.Context, it FeedItem) (store.ImportRow, *capture.Document) {
	a := store.Article{URL: it.URL, Title: it.Title, Published: it.Published, Excerpt: it.Summary, Status: store.StatusPending}
	if it.Content == "" {
		return store.ImportRow{Article: a}, nil
	}
	u, err := url.Parse(it.URL)
	if err != nil {
		return store.ImportRow{Article: a}, nil
	}
	page := "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(it.Title) +
		"</title></head><body><article>" + it.Content + "</article></body></html>"
	doc, err := capture.Parse(ctx, []byte(page), "text/html; charset=utf-8", u)
	if err != nil || doc.WordCount < FullContentWords {
		return store.ImportRow{Article: a}, nil
	}
	c := articleFrom(doc)
	c.URL = it.URL
	if it.Title != "" {
		c.Title = it.Title
	}
	if c.Published.IsZero() {
		c.Published = it.Published
	}
	return store.ImportRow{Article: *c}, doc
}

// SaveFeedItem saves one listed item as an article: from the feed when it
// carries the whole text, else by fetching its page. Result.IDs holds the
// article.
func (l *Library) SaveFeedItem(ctx context.Context, itemID int64) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		it, err := l.store.FeedItem(ctx, itemID)
		if err != nil {
			return Result{}, err
		}
		if it.URL == "" {
			return Result{}, fmt.Errorf("%q has no link to save", it.Title)
		}
		report(Progress{Stage: StageSaving, Item: it.URL, Total: 1})
		ids, _, err := l.saveFeedItems(ctx, []FeedItem{it})
		if err != nil {
			return Result{}, err
		}
		if len(ids) == 0 {
			return Result{}, fmt.Errorf("%q could not be saved", it.Title)
		}
		id := ids[0]
		a, err := l.store.Get(ctx, id)
		if err != nil {
			return Result{}, err
		}
		if a.Status != store.StatusReady {
			report(Progress{Stage: StageFetching, Item: it.URL, Total: 1})
			if _, err := l.fetchOne(ctx, QueueItem{ID: id, URL: a.URL}); err != nil {
				if errors.Is(err, errStopped) {
					return Result{IDs: []int64{id}}, fmt.Errorf("stopped; the page is left for later: %w", ctx.Err())
				}
				return Result{IDs: []int64{id}, Failed: []Failure{{Item: it.URL, Err: err}}}, err
			}
		}
		report(Progress{Stage: StageDone, Item: it.URL, Done: 1, Total: 1})
		return Result{IDs: []int64{id}}, nil
	})
}

// StartFeedRefresher refreshes the feeds now and then every `every` (0:
// DefaultFeedRefreshEvery) until ctx ends, each time only those not
// checked for that long, so restarting the app often does not hammer
// sites. onJob, when set, gets each refresh job (to show its progress); it
// is called from the refresher's goroutine. A round with nothing due
// starts no job.
func (l *Library) StartFeedRefresher(ctx context.Context, every time.Duration, onJob func(*Job)) {
	if every <= 0 {
		every = DefaultFeedRefreshEvery
	}
	round := func() {
		fs, err := l.store.Feeds(ctx)
		if err != nil {
			if ctx.Err() == nil {
				l.log.WithError(err).Warn("feed refresher: list feeds")
			}
			return
		}
		var due []int64
		for _, f := range fs {
			// A little slack, so a feed checked just before the last tick is due at this one.
			if f.LastChecked.IsZero() || time.Since(f.LastChecked) >= every-every/10 {
				due = append(due, f.ID)
			}
		}
		if len(due) == 0 {
			return
		}
		j := l.RefreshFeeds(ctx, due...)
		if onJob != nil {
			onJob(j)
		}
		j.Wait()
	}
	go func() {
		round()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				round()
			}
		}
	}()
}

// OPMLResult is what ImportOPML did.
type OPMLResult struct {
	Added    int // feeds subscribed to
	Existing int // feeds already subscribed
}

// ImportOPML subscribes to every feed of an OPML file (another reader's
// export), without fetching them: the next refresh does, and fills in
// what the file left out. Auto-save is off for them.
func (l *Library) ImportOPML(ctx context.Context, path string) (OPMLResult, error) {
	var out OPMLResult
	f, err := os.Open(path)
	if err != nil {
		return out, fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	list, err := transfer.ReadOPML(f)
	if err != nil {
		return out, err
	}
	if len(list) == 0 {
		return out, fmt.Errorf("%s lists no feeds", path)
	}
	for _, o := range list {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		fd := store.Feed{URL: o.FeedURL, Title: o.Title, SiteURL: o.SiteURL}
		_, created, err := l.store.AddFeed(ctx, &fd)
		if err != nil {
			return out, err
		}
		if created {
			out.Added++
		} else {
			out.Existing++
		}
	}
	l.changed()
	return out, nil
}

// ExportOPML writes the subscriptions as an OPML 2.0 file.
func (l *Library) ExportOPML(ctx context.Context, w io.Writer) error {
	fs, err := l.store.Feeds(ctx)
	if err != nil {
		return err
	}
	list := make([]transfer.OPMLFeed, 0, len(fs))
	for _, f := range fs {
		list = append(list, transfer.OPMLFeed{Title: f.Title, FeedURL: f.URL, SiteURL: f.SiteURL})
	}
	return transfer.WriteOPML(w, "Annals subscriptions", list)
}
