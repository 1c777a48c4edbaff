package library

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"annals/data/analysis"
	"annals/data/capture"
	"annals/data/store"
)

// Events and entities, as the GUI and CLI see them.
type (
	TimelineEvent  = store.TimelineEvent
	TimelineFilter = store.TimelineFilter
	EventSource    = store.EventSource
	EventEdit      = store.EventEdit
	EntityRef      = store.EntityRef
	EntityFilter   = store.EntityFilter
	EntitySummary  = store.EntitySummary
	EntityDetail   = store.EntityDetail
	EntityArticle  = store.EntityArticle
	EntityEvent    = store.EntityEvent
	EntityCount    = store.EntityCount
)

// Errors of events and entities.
var (
	ErrEntityNotFound = store.ErrEntityNotFound
	ErrEventNotFound  = store.ErrEventNotFound
)

// EntityTypes are the types an entity can be given.
var EntityTypes = store.EntityTypes

// StageAnalysing is a job reading articles for events and entities.
const StageAnalysing Stage = "analysing"

// analyseSaved is the after-save step that analyses a saved article
// straight away. A failure leaves the article saved and listed by
// Reanalyze.
func analyseSaved(l *Library, ctx context.Context, id int64, doc *capture.Document) error {
	_, err := l.analyzeAndStore(ctx, id, analysis.Input{Text: doc.Text, Title: doc.Title, Language: doc.Language, Published: doc.Published})
	return err
}

// libGazetteer is a library's gazetteer, kept with the Library (the field
// gaz) so it goes when the Library does.
type libGazetteer struct {
	mu sync.Mutex
	g  *analysis.Gazetteer
}

func (l *Library) gazetteer(ctx context.Context) (*analysis.Gazetteer, error) {
	lg := &l.gaz
	lg.mu.Lock()
	defer lg.mu.Unlock()
	if lg.g != nil {
		return lg.g, nil
	}
	aliases, err := l.store.UserAliases(ctx)
	if err != nil {
		return nil, err
	}
	if len(aliases) == 0 {
		// Nothing of the user's to add: the shared default, read-only
		// like every gazetteer given to Analyze. A clone of it took
		// ~40 ms, a quarter of a millisecond a page when a fresh library
		// saves its first few hundred (tools/benchharness, pipeline).
		lg.g = analysis.DefaultGazetteer()
		return lg.g, nil
	}
	g := analysis.DefaultGazetteer().Clone()
	for _, a := range aliases {
		g.Add(gazetteerEntry(a))
	}
	lg.g = g
	return g, nil
}

func gazetteerEntry(a store.UserAlias) analysis.GazetteerEntry {
	name := a.Name
	if name == "" {
		name = a.Alias
	}
	return analysis.GazetteerEntry{ID: a.EntityKey, Type: a.Type, Name: name, NameAr: a.NameAr, Aliases: []string{a.Alias}}
}

func (l *Library) analyzeAndStore(ctx context.Context, id int64, in analysis.Input) (analysis.Result, error) {
	g, err := l.gazetteer(ctx)
	if err != nil {
		return analysis.Result{}, err
	}
	in.Gazetteer = g
	res, err := analysis.Analyze(ctx, in)
	if err != nil {
		return res, err
	}
	if err := l.store.SaveAnalysis(ctx, id, res); err != nil {
		return res, err
	}
	return res, nil
}

func (l *Library) analyzeID(ctx context.Context, id int64) (analysis.Result, error) {
	a, err := l.store.Get(ctx, id)
	if err != nil {
		return analysis.Result{}, err
	}
	return l.analyzeAndStore(ctx, id, analysis.Input{Text: a.Text, Title: a.Title, Language: a.Language, Published: a.Published})
}

// Analyze reads article id again for events and entities, stores the
// result (keeping the user's corrections) and returns it.
func (l *Library) Analyze(ctx context.Context, id int64) (AnalysisResult, error) {
	res, err := l.analyzeID(ctx, id)
	if err != nil {
		return res, err
	}
	l.changed()
	return res, nil
}

// AnalyzeDocument analyses a captured page without saving anything, with
// the same gazetteer (and user aliases) as saved articles.
func (l *Library) AnalyzeDocument(ctx context.Context, doc *Document) (AnalysisResult, error) {
	g, err := l.gazetteer(ctx)
	if err != nil {
		return analysis.Result{}, err
	}
	return analysis.Analyze(ctx, analysis.Input{Text: doc.Text, Title: doc.Title, Language: doc.Language,
		Published: doc.Published, Gazetteer: g})
}

// Reanalyze analyses, in the background, every article never analysed or
// analysed by an older version of the engine.
func (l *Library) Reanalyze(ctx context.Context) *Job { return l.reanalyze(ctx, false) }

// ReanalyzeAll analyses every article again.
func (l *Library) ReanalyzeAll(ctx context.Context) *Job { return l.reanalyze(ctx, true) }

// reanalyze runs one worker per CPU. Progress counts finished articles;
// each article's result is written in one transaction, so cancelling keeps
// every article already done.
func (l *Library) reanalyze(ctx context.Context, force bool) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		version := analysis.Version
		if force {
			version = math.MaxInt32
		}
		ids, err := l.store.ArticlesNeedingAnalysis(ctx, version)
		if err != nil {
			return Result{}, err
		}
		res, err := l.analyseMany(ctx, ids, report)
		if err != nil {
			return res, err
		}
		report(Progress{Stage: StageDone, Done: len(ids), Total: len(ids)})
		return res, nil
	})
}

// analyseMany analyses the stored articles ids again, one worker per CPU
// and one writer storing results in batches. Progress counts finished
// articles; each batch is one transaction, so cancelling keeps every
// article already done.
func (l *Library) analyseMany(ctx context.Context, ids []int64, report func(Progress)) (Result, error) {
	total := len(ids)
	report(Progress{Stage: StageAnalysing, Total: total})
	var (
		mu   sync.Mutex
		res  Result
		done int
		wg   sync.WaitGroup
	)
	// Workers analyse on every core; one writer stores results in
	// batches: SQLite has one writer, and a transaction per article
	// spent more on committing than on writing.
	g, err := l.gazetteer(ctx)
	if err != nil {
		return Result{}, err
	}
	type analysed struct {
		id  int64
		res analysis.Result
	}
	queue := make(chan int64)
	// A slow write lets up to a batch of results queue up (see the
	// writer below).
	const batch = 128
	results := make(chan analysed, batch)
	for range min(runtime.NumCPU(), total) {
		wg.Go(func() {
			for id := range queue {
				a, err := l.store.Get(ctx, id)
				var r analysis.Result
				if err == nil {
					r, err = analysis.Analyze(ctx, analysis.Input{Text: a.Text, Title: a.Title, Language: a.Language, Published: a.Published, Gazetteer: g})
				}
				if err != nil {
					if ctx.Err() != nil {
						continue // cancelled: not done, not failed
					}
					l.log.WithError(err).WithField("id", id).Warn("analysis failed")
					mu.Lock()
					done++
					res.Failed = append(res.Failed, Failure{Item: strconv.FormatInt(id, 10), Err: err})
					report(Progress{Stage: StageAnalysing, Item: strconv.FormatInt(id, 10), Done: done, Total: total})
					mu.Unlock()
					continue
				}
				results <- analysed{id, r}
			}
		})
	}
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		var ids []int64
		var rs []analysis.Result
		flush := func() {
			if len(ids) == 0 {
				return
			}
			err := l.store.SaveAnalyses(context.WithoutCancel(ctx), ids, rs)
			mu.Lock()
			for _, id := range ids {
				done++
				if err != nil {
					res.Failed = append(res.Failed, Failure{Item: strconv.FormatInt(id, 10), Err: err})
				} else {
					res.IDs = append(res.IDs, id)
				}
			}
			report(Progress{Stage: StageAnalysing, Done: done, Total: total})
			mu.Unlock()
			if err != nil {
				l.log.WithError(err).Warn("saving analyses failed")
			}
			ids, rs = ids[:0], rs[:0]
		}
		for r := range results {
			ids = append(ids, r.id)
			rs = append(rs, r.res)
			// Store as soon as nothing else is waiting, so progress
			// moves; while results queue up behind a slow write the
			// batch grows, sharing a commit among more articles.
			if len(ids) == batch || len(results) == 0 {
				flush()
			}
		}
		flush() // what finished before a cancel is kept
	}()
feed:
	for _, id := range ids {
		select {
		case queue <- id:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	close(results)
	<-writerDone
	slices.Sort(res.IDs)
	if len(res.IDs) > 0 {
		l.changed()
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("analysis stopped after %d of %d articles: %w", done, total, err)
	}
	return res, nil
}

// ArticlesNeedingAnalysis lists the articles Reanalyze would read.
func (l *Library) ArticlesNeedingAnalysis(ctx context.Context) ([]int64, error) {
	return l.store.ArticlesNeedingAnalysis(ctx, analysis.Version)
}

// Timeline returns the dated events of the whole library (or of f's
// selection), grouped across articles, by date. Ask for a window (From,
// To) with a Limit: the whole library can hold millions of events.
func (l *Library) Timeline(ctx context.Context, f TimelineFilter) ([]TimelineEvent, error) {
	return l.store.Timeline(ctx, f)
}

// TimelineBucket is how many timeline items fall on one date value.
type TimelineBucket = store.TimelineBucket

// TimelineOverview counts the items Timeline would return for f, per date
// value, in milliseconds whatever the size of the library.
func (l *Library) TimelineOverview(ctx context.Context, f TimelineFilter) ([]TimelineBucket, error) {
	return l.store.TimelineOverview(ctx, f)
}

// TimelineOverviewByType is TimelineOverview per date value and event type.
func (l *Library) TimelineOverviewByType(ctx context.Context, f TimelineFilter) ([]TimelineBucket, error) {
	return l.store.TimelineOverviewByType(ctx, f)
}

// Entities lists the people, organisations, products and places mentioned.
func (l *Library) Entities(ctx context.Context, f EntityFilter) ([]EntitySummary, error) {
	return l.store.Entities(ctx, f)
}

// Entity returns one entity with its aliases, articles, events and the
// entities it appears with.
func (l *Library) Entity(ctx context.Context, key string) (*EntityDetail, error) {
	return l.store.Entity(ctx, key)
}

// EntityArticles reads the titles and sentences of rows of an entity's
// MentionedIn past the first store.EntityFirstSentences, as they are shown.
func (l *Library) EntityArticles(ctx context.Context, arts []EntityArticle) error {
	return l.store.EntityArticles(ctx, arts)
}

// RenameEntity gives an entity a new name and/or Arabic name ("" keeps one).
func (l *Library) RenameEntity(ctx context.Context, key, name, nameAr string) error {
	return l.mutate(l.store.RenameEntity(ctx, key, name, nameAr))
}

// MergeEntities says from and into are one entity.
func (l *Library) MergeEntities(ctx context.Context, from, into string) error {
	return l.mutate(l.store.MergeEntities(ctx, from, into))
}

// SetEntityType corrects an entity's type (one of EntityTypes).
func (l *Library) SetEntityType(ctx context.Context, key, typ string) error {
	return l.mutate(l.store.SetEntityType(ctx, key, typ))
}

// AddAlias says alias is another spelling of the entity key. Analyses from
// now on find it; Reanalyze applies it to articles already read.
func (l *Library) AddAlias(ctx context.Context, key, alias string) error {
	if err := l.store.AddAlias(ctx, key, alias); err != nil {
		return err
	}
	l.dropGazetteer()
	l.changed()
	return nil
}

// RemoveAlias takes back a spelling added with AddAlias. The articles that
// mention the entity are read again by the next Reanalyze.
func (l *Library) RemoveAlias(ctx context.Context, key, alias string) error {
	if err := l.store.RemoveAlias(ctx, key, alias); err != nil {
		return err
	}
	l.dropGazetteer()
	l.changed()
	return nil
}

// dropGazetteer makes the next analysis rebuild the gazetteer from the
// database, with the user's spellings as they are now.
func (l *Library) dropGazetteer() {
	l.gaz.mu.Lock()
	l.gaz.g = nil
	l.gaz.mu.Unlock()
}

// MarkNotEntity says key is not an entity; re-analysis will not bring it back.
func (l *Library) MarkNotEntity(ctx context.Context, key string) error {
	return l.mutate(l.store.MarkNotEntity(ctx, key))
}

// EditEvent corrects an event; re-analysis keeps the correction.
func (l *Library) EditEvent(ctx context.Context, id int64, e EventEdit) error {
	return l.mutate(l.store.EditEvent(ctx, id, e))
}

// DeleteEvent removes an event; re-analysis does not bring it back.
func (l *Library) DeleteEvent(ctx context.Context, id int64) error {
	return l.mutate(l.store.DeleteEvent(ctx, id))
}
