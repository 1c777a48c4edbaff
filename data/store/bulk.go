package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"annals/data/analysis"
	"annals/data/textnorm"
)

// SaveArticles saves many articles in one transaction, each exactly as
// SaveArticle would (insert, or update the article already saved under the
// same URL or canonical URL), with the statements prepared once. It is for
// imports and benchmarks: one commit instead of one per article. It returns
// the ids in the order of as and sets each article's ID; on error nothing
// is saved.
//
// The new articles go in together, in one multi-row INSERT (newArticles),
// after the updates: the search index (FTS5) writes what it was given so
// far as a new segment of its index whenever a statement of the
// transaction opens a statement savepoint, which an INSERT into articles
// does (its trigger writes the index). Inserted one by one, every article
// of a batch became a segment of its own, and the index merged them again
// and again: a tenth of what storing a page cost the writer (issue 19).
// Inserted together (up to newArticlesMax a statement), a batch is one
// segment. The ids are those inserting them one by one in order gives.
func (s *Store) SaveArticles(ctx context.Context, as []*Article) ([]int64, error) {
	ids := make([]int64, len(as))
	now := time.Now().UTC()
	stop := ctx
	err := s.inBulkTx(ctx, func(tx sqlTx, prepare preparer) error {
		ctx := bulkStatementContext(ctx)
		lookup, err := prepare(ctx, "SELECT id FROM articles WHERE url_key = ?")
		if err != nil {
			return fmt.Errorf("store: save articles: %w", err)
		}
		update, err := prepare(ctx, updateArticleSQL)
		if err != nil {
			return fmt.Errorf("store: save articles: %w", err)
		}
		fresh := newArticles{tx: tx, prepare: prepare, ids: ids, keys: map[string]bool{}}
		for i, a := range as {
			if err := stop.Err(); err != nil {
				return err
			}
			if err := checkArticle(a); err != nil {
				return err
			}
			args, err := articleWriteArgs(a, now)
			if err != nil {
				return err
			}
			keys := []string{URLKey(a.URL)}
			if a.CanonicalURL != "" {
				keys = append(keys, URLKey(a.CanonicalURL))
			}
			// An article of the batch not inserted yet is found as if it
			// were: it goes in now.
			if slices.ContainsFunc(keys, func(k string) bool { return fresh.keys[k] }) {
				if err := fresh.insert(ctx); err != nil {
					return err
				}
			}
			var id int64
			for _, k := range keys {
				err := lookup.QueryRowContext(ctx, k).Scan(&id)
				if err == nil {
					break
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("store: look up %s: %w", a.URL, err)
				}
			}
			if id != 0 {
				if _, err := update.ExecContext(ctx, append(args, id)...); err != nil {
					return fmt.Errorf("store: update article %d: %w", id, err)
				}
				ids[i] = id
				continue
			}
			if err := fresh.add(ctx, i, a, articleInsertArgs(args, a, keys[0], now), keys[0]); err != nil {
				return err
			}
		}
		return fresh.insert(ctx)
	})
	if err != nil {
		return nil, err
	}
	for i, a := range as {
		a.ID = ids[i]
	}
	return ids, nil
}

// newArticles gathers the new articles of SaveArticles and inserts them in
// one statement (see SaveArticles).
type newArticles struct {
	tx      sqlTx
	prepare preparer
	ids     []int64         // SaveArticles' ids, set by insert
	keys    map[string]bool // the URL keys waiting
	waiting []newArticle
	args    []any
}

type newArticle struct {
	i      int // in SaveArticles' articles
	urlKey string
	tags   []string
	args   []any // articleInsertArgs
}

// newArticlesMax is how many articles one INSERT of newArticles writes at
// most: a bulk save's batch (saveBatch in data/library), 1,472 values,
// well under SQLite's 32,766.
const newArticlesMax = 64

// add puts an article in the waiting list, and inserts the list when it
// is full.
func (n *newArticles) add(ctx context.Context, i int, a *Article, args []any, urlKey string) error {
	n.waiting = append(n.waiting, newArticle{i: i, urlKey: urlKey, tags: a.Tags, args: args})
	n.keys[urlKey] = true
	if len(n.waiting) >= newArticlesMax {
		return n.insert(ctx)
	}
	return nil
}

// insertArticlesSQL is insertArticleSQL for n rows, returning each row's id
// and URL key.
func insertArticlesSQL(n int) string {
	row := "(?" + strings.Repeat(", ?", len(articleWriteCols)+len(articleInsertOnlyCols)-1) + ")"
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(insertArticleSQL, row))
	for j := range n {
		if j > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	b.WriteString(" RETURNING id, url_key")
	return b.String()
}

// insert writes the articles waiting, in their order, and their tags.
func (n *newArticles) insert(ctx context.Context) error {
	if len(n.waiting) == 0 {
		return nil
	}
	st, err := n.prepare(ctx, insertArticlesSQL(len(n.waiting)))
	if err != nil {
		return fmt.Errorf("store: insert articles: %w", err)
	}
	args := n.args[:0]
	for _, w := range n.waiting {
		args = append(args, w.args...)
	}
	rows, err := st.QueryContext(ctx, args...)
	clear(args) // let go of the pages
	n.args = args[:0]
	if err != nil {
		return fmt.Errorf("store: insert articles: %w", err)
	}
	got := make(map[string]int64, len(n.waiting))
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return fmt.Errorf("store: insert articles: %w", err)
		}
		got[key] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: insert articles: %w", err)
	}
	for _, w := range n.waiting {
		id := got[w.urlKey]
		if id == 0 {
			return fmt.Errorf("store: insert articles: no id for %s", w.urlKey)
		}
		n.ids[w.i] = id
		if len(w.tags) > 0 {
			if err := setTags(ctx, n.tx, id, w.tags); err != nil {
				return err
			}
		}
	}
	n.waiting = n.waiting[:0]
	clear(n.keys)
	return nil
}

// bulkStatementContext is the context the statements of a bulk write run
// with: ctx without its cancellation. go-sqlite3 runs a statement given a
// context that can be cancelled on a goroutine of its own, to interrupt
// it when the context ends; a batch of 64 pages runs thousands of short
// statements, and a goroutine and two switches each cost the writer more
// than the statements it waits on (issue 19). Stopping still works: the
// bulk writes check ctx between articles and return its error, and
// inBulkTx rolls the batch back, as it does a stop found before COMMIT.
func bulkStatementContext(ctx context.Context) context.Context {
	return context.WithoutCancel(ctx)
}

// SaveAnalyses stores many analyses in one transaction, each exactly as
// SaveAnalysis would, one after the other, but with its statements
// prepared once, the user's corrections read once and unused entities
// pruned once. Each article's new events are placed in the cross-article
// groups of their dates as soon as they are stored (see grouping.go), so a
// batch leaves the groups as saving its articles one by one would; its
// old events left their groups as they were deleted. ids[i] is the article
// results[i] belongs to; on error nothing is saved.
func (s *Store) SaveAnalyses(ctx context.Context, ids []int64, results []analysis.Result) error {
	return s.saveAnalyses(ctx, ids, results, func(ctx context.Context, tx sqlTx, prepare preparer) (analysisRowWriter, error) {
		mentions := 0
		for _, r := range results {
			for _, e := range r.Entities {
				mentions += len(e.Mentions)
			}
		}
		return prepareAnalysisWriter(ctx, prepare, mentions >= countMentionsFrom)
	})
}

// countMentionsFrom is how many mentions a batch has at least for
// SaveAnalyses to count them itself instead of by the trigger: dropping
// and creating the trigger changes the schema, which every connection
// then reads again, not worth it for an article or two. A variable so the
// tests can take either way.
var countMentionsFrom = 300

// analysisRowWriter writes one article's entities, mentions, events and
// their links inside SaveAnalyses's transaction. It is an interface so the
// tests can run the writer of d2fee27 beside this one and compare the rows.
type analysisRowWriter interface {
	saveEntities(ctx context.Context, id int64, res analysis.Result, c corrections) (map[string]int64, error)
	saveEvents(ctx context.Context, id int64, res analysis.Result, c corrections, ids map[string]int64) ([]newEvent, error)
	// finish runs after the last article, before the transaction ends.
	finish(ctx context.Context) error
	close()
}

func (s *Store) saveAnalyses(ctx context.Context, ids []int64, results []analysis.Result,
	prepareWriter func(context.Context, sqlTx, preparer) (analysisRowWriter, error)) error {
	if len(ids) != len(results) {
		return fmt.Errorf("store: save analyses: %d ids for %d results", len(ids), len(results))
	}
	stop := ctx
	return s.inBulkTx(ctx, func(tx sqlTx, prepare preparer) error {
		ctx := bulkStatementContext(ctx)
		c, err := loadCorrections(ctx, prepare)
		if err != nil {
			return err
		}
		textStmt, err := prepare(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?")
		if err != nil {
			return fmt.Errorf("store: save analyses: %w", err)
		}
		clear := make([]*sql.Stmt, 0, 2)
		for _, q := range []string{"DELETE FROM mentions WHERE article_id = ?", "DELETE FROM events WHERE article_id = ?"} {
			st, err := prepare(ctx, q)
			if err != nil {
				return fmt.Errorf("store: save analyses: %w", err)
			}
			clear = append(clear, st)
		}
		record, err := prepare(ctx, `INSERT INTO article_analysis (article_id, version, analysed_at, language, sentences)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET version = excluded.version,
			analysed_at = excluded.analysed_at, language = excluded.language, sentences = excluded.sentences`)
		if err != nil {
			return fmt.Errorf("store: save analyses: %w", err)
		}
		w, err := prepareWriter(ctx, tx, prepare)
		if err != nil {
			return err
		}
		defer w.close()
		g, err := prepareGrouper(ctx, prepare)
		if err != nil {
			return err
		}
		if p, ok := w.(placingWriter); ok {
			p.placeWith(g)
		}
		for i, id := range ids {
			if err := stop.Err(); err != nil {
				return err
			}
			res := results[i]
			var text string
			err := textStmt.QueryRowContext(ctx, id).Scan(&text)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			if err != nil {
				return fmt.Errorf("store: save analysis of %d: %w", id, err)
			}
			if err := checkSpans(res, len(text)); err != nil {
				return fmt.Errorf("store: save analysis of %d: %w", id, err)
			}
			// The triggers of 010 take the deleted events out of their
			// groups; the groups keep their other members.
			for _, st := range clear {
				if _, err := st.ExecContext(ctx, id); err != nil {
					return fmt.Errorf("store: clear analysis of %d: %w", id, err)
				}
			}
			entIDs, err := w.saveEntities(ctx, id, res, c)
			if err != nil {
				return err
			}
			evs, err := w.saveEvents(ctx, id, res, c, entIDs)
			if err != nil {
				return err
			}
			// In id order, which saveEvents returns: the order they came.
			for _, ev := range evs {
				if err := g.placeAt(ctx, ev.id, id, ev.date, ev.typ, ev.ents); err != nil {
					return err
				}
			}
			if _, err := record.ExecContext(ctx, id, res.Version, fmtTime(time.Now().UTC()), res.Language, len(res.Sentences)); err != nil {
				return fmt.Errorf("store: record analysis of %d: %w", id, err)
			}
		}
		if err := w.finish(ctx); err != nil {
			return err
		}
		// Entities no event carries have no rows in group_entities either.
		prune, err := prepare(ctx, "DELETE FROM entities WHERE mention_count <= 0 AND event_count <= 0")
		if err != nil {
			return fmt.Errorf("store: prune entities: %w", err)
		}
		if _, err := prune.ExecContext(ctx); err != nil {
			return fmt.Errorf("store: prune entities: %w", err)
		}
		return nil
	})
}

// analysisWriter writes the rows of SaveAnalyses with statements prepared
// once per transaction. Saving analyses cost about 1.1 CPU ms a page
// (issue 19; BenchmarkSaveAnalysesBenchPages), most of it inside SQLite;
// so, with the same rows stored (TestAnalysisWriterMatchesReference
// compares them with those of the writer of d2fee27):
//   - an entity the user never corrected is not UPDATEd after its insert:
//     the upsert itself clears the "edited" flags the UPDATE used to clear;
//     nor upserted again with the values it got earlier in the batch;
//   - aliases, mentions and an event's entities go in many rows to a
//     statement (multiRow), after the rows they refer to;
//   - in a batch of many mentions, the trigger counting them (015) is off
//     (a row in mentions_counted_by_writer, 016): it rewrote the entity's
//     row and two of its index entries for every mention. The batch's
//     counts are added once per entity instead (countMentions, finish).
type analysisWriter struct {
	own, merged, correct, edits, event *sql.Stmt
	alias, mention, eventEntity        *multiRow
	counts                             *multiRow
	prepare                            preparer
	// countingMentions: the trigger counting mentions is off until
	// finish, which adds the counts; false, the trigger counts them.
	countingMentions bool
	// places says which entity rows written in this transaction are
	// places, so saveEvents can hand events to the grouper with their
	// non-place entities without reading them back.
	places map[int64]bool

	// reused from article to article
	ms      []mentionRow
	aliases []aliasRow
	links   []int64 // event id, entity id, …
	done    map[int64]bool
	perEnt  map[int64]mentionCount // the batch's new mentions by entity

	// written holds the entity rows upserted in this transaction and what
	// the upsert wrote: upserting the same values again changes nothing
	// but costs a row and an index rewritten (entities recur from article
	// to article of a batch).
	written map[string]writtenEntity

	// g places the events as saveEvents stores them (placeWith); lastID
	// reads the largest event id, placed the id a new event gets.
	g              *grouper
	lastID, placed *sql.Stmt
}

func (w *analysisWriter) placeWith(g *grouper) { w.g = g }

// writtenEntity is what upsertEntity wrote to an entity row.
type writtenEntity struct {
	id     int64
	stored string // its type
	// own: name, nameAr, typ and gazetteer went in by the "own" upsert
	own               bool
	name, nameAr, typ string
	gazetteer         bool
}

// mentionCount is what an entity's mentions of a batch add to its counts.
type mentionCount struct{ mentions, articles int }

// placingWriter is an analysisRowWriter that places each event in its
// group as it stores it, with the transaction's grouper; its saveEvents
// returns no events for the caller to place.
type placingWriter interface {
	placeWith(g *grouper)
}

// newEvent is an event saveEvents stored, not placed in a group yet.
type newEvent struct {
	id   int64
	date string
	typ  string  // groups hold one type (011)
	ents []int64 // non-place entities
}

// prepareAnalysisWriter prepares the writer; countMentions: it counts the
// mentions itself, with the trigger off until finish.
func prepareAnalysisWriter(ctx context.Context, prepare preparer, countMentions bool) (*analysisWriter, error) {
	// Turned off inside the transaction, the trigger is on again if it
	// fails: a rollback takes the row away, and finish deletes it before
	// commit. A row, not a DROP TRIGGER: a change of the schema would
	// have every statement compiled again (016).
	if countMentions {
		off, err := prepare(ctx, "INSERT INTO mentions_counted_by_writer (id) VALUES (1)")
		if err != nil {
			return nil, fmt.Errorf("store: save analyses: %w", err)
		}
		if _, err := off.ExecContext(ctx); err != nil {
			return nil, fmt.Errorf("store: save analyses: %w", err)
		}
	}
	w := &analysisWriter{places: map[int64]bool{}, done: map[int64]bool{}, perEnt: map[int64]mentionCount{},
		written: map[string]writtenEntity{},
		prepare: prepare, countingMentions: countMentions,
		counts: &multiRow{prepare: prepare, cols: 3,
			prefix: `UPDATE entities SET mention_count = mention_count + v.column2, article_count = article_count + v.column3
				FROM (VALUES `,
			suffix: `) AS v WHERE entities.id = v.column1`},
		alias:       newMultiRow(prepare, `INSERT OR IGNORE INTO entity_aliases (entity_id, folded, alias) VALUES `, 3),
		mention:     newMultiRow(prepare, `INSERT INTO mentions (article_id, byte_start, byte_end, entity_id) VALUES `, 4),
		eventEntity: newMultiRow(prepare, `INSERT INTO event_entities (event_id, entity_id) VALUES `, 2),
	}
	for _, p := range []struct {
		st **sql.Stmt
		q  string
	}{
		// Both upserts clear the "edited" flags: correct sets them again
		// for the entities the user corrected, and only for those.
		{&w.own, `INSERT INTO entities (key, name, name_ar, type, from_gazetteer) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name = excluded.name, name_ar = excluded.name_ar, type = excluded.type,
			from_gazetteer = excluded.from_gazetteer, name_edited = 0, type_edited = 0 RETURNING id, type`},
		{&w.merged, `INSERT INTO entities (key, name, name_ar, type) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name_edited = 0, type_edited = 0 RETURNING id, type`},
		{&w.correct, `UPDATE entities SET name = coalesce(?1, name), name_ar = coalesce(?2, name_ar),
		type = coalesce(?3, type), name_edited = (?1 IS NOT NULL OR ?2 IS NOT NULL), type_edited = (?3 IS NOT NULL)
		WHERE id = ?4`},
		{&w.edits, `SELECT event_key, date, precision, type, title, deleted FROM user_event_edits WHERE article_id = ?`},
		{&w.event, `INSERT INTO events (article_id, key, date, precision, type, title, trigger,
			sentence_start, sentence_end, sentence_text, timex_start, timex_end, analysis_version, user_edited)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&w.lastID, `SELECT coalesce(max(id), 0) FROM events`},
		{&w.placed, `INSERT INTO events (id, article_id, key, date, precision, type, title, trigger,
			sentence_start, sentence_end, sentence_text, timex_start, timex_end, analysis_version, user_edited, group_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		st, err := prepare(ctx, p.q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("store: save analyses: %w", err)
		}
		*p.st = st
	}
	return w, nil
}

// close leaves the statements alone: they are the preparer's.
func (w *analysisWriter) close() {}

// mentionRow is one row of mentions (015) for the article being saved.
type mentionRow struct {
	start, end int
	entity     int64
}

// aliasRow is one row of entity_aliases.
type aliasRow struct {
	entity        int64
	folded, alias string
}

// saveEntities is saveEntities (analysis.go) on prepared statements.
func (w *analysisWriter) saveEntities(ctx context.Context, id int64, res analysis.Result, c corrections) (map[string]int64, error) {
	ids := make(map[string]int64, len(res.Entities))
	rows := make(map[string]int64, len(res.Entities)) // effective key → row id
	ms := w.ms[:0]
	as := w.aliases[:0]
	for _, e := range res.Entities {
		key, dropped := c.resolveEntity(e)
		if dropped {
			ids[e.ID] = 0
			continue
		}
		rowID, ok := rows[key]
		if !ok || key == e.ID {
			var err error
			rowID, err = w.upsertEntity(ctx, key, e, c.entities[key])
			if err != nil {
				return nil, err
			}
			rows[key] = rowID
		}
		ids[e.ID] = rowID
		// INSERT OR IGNORE keeps the first of two spellings that fold
		// alike, in this order, as one statement per alias did.
		addAlias := func(a string) {
			if strings.TrimSpace(a) != "" {
				as = append(as, aliasRow{rowID, textnorm.Fold(a), a})
			}
		}
		addAlias(e.Name)
		addAlias(e.NameAr)
		for _, a := range e.Aliases {
			addAlias(a)
		}
		for _, m := range e.Mentions {
			ms = append(ms, mentionRow{m.Start, m.End, rowID})
		}
	}
	w.aliases = as
	err := w.alias.insert(ctx, len(as), func(i int, args []any) []any {
		return append(args, as[i].entity, as[i].folded, as[i].alias)
	})
	if err != nil {
		return nil, fmt.Errorf("store: aliases of article %d: %w", id, err)
	}
	// In the table's key order (article, span, entity): the rows go in at
	// the end of the b-tree, its pages filled in order. Two entities of
	// the analysis the user's corrections made one may name one span
	// twice; the key holds it once.
	slices.SortFunc(ms, func(a, b mentionRow) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.entity, b.entity))
	})
	ms = slices.Compact(ms)
	w.ms = ms
	err = w.mention.insert(ctx, len(ms), func(i int, args []any) []any {
		m := ms[i]
		return append(args, id, m.start, m.end, m.entity)
	})
	if err != nil {
		return nil, fmt.Errorf("store: mentions of article %d: %w", id, err)
	}
	w.countMentions(ms)
	return ids, nil
}

// countMentions adds one article's new mentions to the counts finish
// adds to their entities, as the dropped trigger would have, one mention
// at a time: the article's mentions were all deleted before, so an
// entity's first new mention adds the article to article_count and each
// adds one to mention_count. Nothing reads the counts before finish (the
// pruning of unused entities comes after it), and sums do not depend on
// their order, even with an article's old mentions subtracted between.
func (w *analysisWriter) countMentions(ms []mentionRow) {
	if !w.countingMentions {
		return // the trigger counted them
	}
	clear(w.done) // entities of this article counted
	for _, m := range ms {
		c := w.perEnt[m.entity]
		c.mentions++
		if !w.done[m.entity] {
			w.done[m.entity] = true
			c.articles++
		}
		w.perEnt[m.entity] = c
	}
}

// finish adds the batch's mentions to their entities' counts, an UPDATE
// of each entity's row and two indexes per batch instead of one per
// mention, and turns the trigger counting mentions on again.
func (w *analysisWriter) finish(ctx context.Context) error {
	if !w.countingMentions {
		return nil
	}
	ids := make([]int64, 0, len(w.perEnt))
	for id := range w.perEnt {
		ids = append(ids, id)
	}
	slices.Sort(ids) // the rows in b-tree order
	err := w.counts.insert(ctx, len(ids), func(i int, a []any) []any {
		c := w.perEnt[ids[i]]
		return append(a, ids[i], c.mentions, c.articles)
	})
	if err != nil {
		return fmt.Errorf("store: count mentions: %w", err)
	}
	on, err := w.prepare(ctx, "DELETE FROM mentions_counted_by_writer")
	if err != nil {
		return fmt.Errorf("store: save analyses: %w", err)
	}
	if _, err := on.ExecContext(ctx); err != nil {
		return fmt.Errorf("store: save analyses: %w", err)
	}
	w.countingMentions = false
	return nil
}

// upsertEntity is upsertEntity (analysis.go) on prepared statements.
func (w *analysisWriter) upsertEntity(ctx context.Context, key string, e analysis.Entity, ed entityEdit) (int64, error) {
	corrected := ed.name.Valid || ed.nameAr.Valid || ed.typ.Valid
	if prev, ok := w.written[key]; ok && !corrected {
		// Neither upsert would change the row: the merged one only clears
		// the flags, cleared already; the own one writes what it wrote.
		if key != e.ID || prev.own && prev.name == e.Name && prev.nameAr == e.NameAr && prev.typ == e.Type &&
			prev.gazetteer == e.FromGazetteer {
			return prev.id, nil
		}
	}
	var rowID int64
	var stored string
	var err error
	if key == e.ID {
		// The user's type goes in at once: flipping an entity to the
		// machine's type and back would make the trigger of 010 rewrite
		// its rows of group_entities twice whenever the flip crosses
		// "place".
		typ := e.Type
		if ed.typ.Valid {
			typ = ed.typ.String
		}
		err = w.own.QueryRowContext(ctx, key, e.Name, e.NameAr, typ, e.FromGazetteer).Scan(&rowID, &stored)
	} else {
		typ, _, _ := strings.Cut(key, ":")
		err = w.merged.QueryRowContext(ctx, key, e.Name, e.NameAr, typ).Scan(&rowID, &stored)
	}
	if err != nil {
		return 0, fmt.Errorf("store: save entity %s: %w", key, err)
	}
	// Without a correction the UPDATE would only clear the flags the
	// upsert cleared.
	if corrected {
		if _, err = w.correct.ExecContext(ctx, ed.name, ed.nameAr, ed.typ, rowID); err != nil {
			return 0, fmt.Errorf("store: correct entity %s: %w", key, err)
		}
	}
	if ed.typ.Valid {
		stored = ed.typ.String // what correct just wrote
	}
	w.places[rowID] = stored == "place"
	wr := writtenEntity{id: rowID, stored: stored}
	if key == e.ID {
		wr.own, wr.name, wr.nameAr, wr.typ, wr.gazetteer = true, e.Name, e.NameAr, e.Type, e.FromGazetteer
	} else if prev, ok := w.written[key]; ok && prev.own {
		// the merged upsert left the own one's values in the row
		wr.own, wr.name, wr.nameAr, wr.typ, wr.gazetteer = true, prev.name, prev.nameAr, prev.typ, prev.gazetteer
	}
	w.written[key] = wr
	return rowID, nil
}

// eventEntityRows appends to linked the rows of ev's entities, each once,
// in the analysis's order, and to ents those of them that are not places
// (what groups the event with others); ids maps the analysis's entity ids
// to rows, and one without a row is left out.
func (w *analysisWriter) eventEntityRows(ev *analysis.Event, ids map[string]int64, linked, ents []int64) ([]int64, []int64) {
	clear(w.done)
	for _, ek := range ev.EntityIDs {
		rowID := ids[ek]
		if rowID == 0 || w.done[rowID] {
			continue
		}
		w.done[rowID] = true
		linked = append(linked, rowID)
		if !w.places[rowID] {
			ents = append(ents, rowID)
		}
	}
	return linked, ents
}

// correctedEvent is an event as it is saved: its key made unique within
// its article (a second event of the same key gets "#1", and so on) and the
// user's corrections of its date, precision, type and title applied.
type correctedEvent struct {
	ev                     *analysis.Event
	key                    string
	date, prec, typ, title string
	edited                 bool // the user corrected it
}

// correctedEvents yields the events of an analysis as they are saved, in
// order, leaving out those the user deleted; both ways of saving events
// (with and without a grouper) read them through it, so they agree on keys.
func correctedEvents(events []analysis.Event, edits map[string]eventEdit) iter.Seq[correctedEvent] {
	return func(yield func(correctedEvent) bool) {
		seen := make(map[string]int, len(events))
		for i := range events {
			ev := &events[i]
			key := eventKey(*ev)
			if n := seen[key]; n > 0 {
				seen[key] = n + 1
				key = fmt.Sprintf("%s#%d", key, n)
			} else {
				seen[key] = 1
			}
			ed, edited := edits[key]
			if ed.deleted {
				continue
			}
			ce := correctedEvent{ev: ev, key: key, date: ev.Date, prec: ev.Precision, typ: ev.Type, title: ev.Title, edited: edited}
			if ed.date.Valid {
				ce.date = ed.date.String
			}
			if ed.precision.Valid {
				ce.prec = ed.precision.String
			}
			if ed.typ.Valid {
				ce.typ = ed.typ.String
			}
			if ed.title.Valid {
				ce.title = ed.title.String
			}
			if !yield(ce) {
				return
			}
		}
	}
}

// saveEvents stores the events of article id with the user's corrections
// applied and returns them in insertion (id) order. The rows wait in group
// 0 until the caller places them.
func (w *analysisWriter) saveEvents(ctx context.Context, id int64, res analysis.Result, c corrections, ids map[string]int64) ([]newEvent, error) {
	edits := map[string]eventEdit{}
	rows, err := w.edits.QueryContext(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("store: load event corrections: %w", err)
	}
	for rows.Next() {
		var k string
		var ed eventEdit
		if err := rows.Scan(&k, &ed.date, &ed.precision, &ed.typ, &ed.title, &ed.deleted); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: load event corrections: %w", err)
		}
		edits[k] = ed
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: load event corrections: %w", err)
	}
	if w.g != nil {
		return nil, w.saveAndPlaceEvents(ctx, id, res, edits, ids)
	}
	out := make([]newEvent, 0, len(res.Events))
	links := w.links[:0]
	var linked []int64 // an event's entities
	for ce := range correctedEvents(res.Events, edits) {
		ev, key, edited := ce.ev, ce.key, ce.edited
		date, prec, typ, title := ce.date, ce.prec, ce.typ, ce.title
		var evID int64
		err := w.event.QueryRowContext(ctx, id, key, date, prec, typ, title, ev.Trigger, ev.Sentence.Start, ev.Sentence.End,
			ev.SentenceText, ev.Timex.Start, ev.Timex.End, res.Version, edited).Scan(&evID)
		if err != nil {
			return nil, fmt.Errorf("store: save event %q: %w", ev.Title, err)
		}
		out = append(out, newEvent{id: evID, date: date, typ: typ})
		ne := &out[len(out)-1]
		linked, ne.ents = w.eventEntityRows(ev, ids, linked[:0], nil)
		for _, rowID := range linked {
			links = append(links, evID, rowID)
		}
	}
	w.links = links
	// The events are all in group 0 until the caller places them, so the
	// links' triggers (011) add no group rows whether they go in now or
	// after each event, as they used to.
	err = w.eventEntity.insert(ctx, len(links)/2, func(i int, args []any) []any {
		return append(args, links[2*i], links[2*i+1])
	})
	if err != nil {
		return nil, fmt.Errorf("store: entities of the events of article %d: %w", id, err)
	}
	return out, nil
}

// saveAndPlaceEvents is saveEvents for a writer with a grouper: each event
// goes in with its group and the id SQLite would give it (one more than the
// largest), which it needs when it starts a group of its own. Inserting
// an event in group 0 and moving it into its group at once rewrote its row
// and two of its index entries and ran the four triggers of an event
// changing group (010, 011) for every event: a fifth of SQLite's time in
// saving a page (issue 19). The rows are those of storing the events and
// their links and then placing them one by one in id order
// (TestAnalysisWriterMatchesReference): an event's links go in after it,
// and the group rows they add (011) before the next event looks for its
// group; the triggers that ran on the move to the group run on the insert
// and the links' inserts instead, with the same effect.
func (w *analysisWriter) saveAndPlaceEvents(ctx context.Context, id int64, res analysis.Result, edits map[string]eventEdit, ids map[string]int64) error {
	var last int64
	if err := w.lastID.QueryRowContext(ctx).Scan(&last); err != nil {
		return fmt.Errorf("store: save events of article %d: %w", id, err)
	}
	links := w.links[:0]
	var linked, ents []int64 // an event's entities; those not places
	flush := func() error {
		err := w.eventEntity.insert(ctx, len(links)/2, func(i int, args []any) []any {
			return append(args, links[2*i], links[2*i+1])
		})
		links = links[:0]
		if err != nil {
			return fmt.Errorf("store: entities of the events of article %d: %w", id, err)
		}
		return nil
	}
	for ce := range correctedEvents(res.Events, edits) {
		ev, key, edited := ce.ev, ce.key, ce.edited
		date, prec, typ, title := ce.date, ce.prec, ce.typ, ce.title
		if last == math.MaxInt64 {
			return fmt.Errorf("store: save events of article %d: no event id left", id)
		}
		evID := last + 1
		linked, ents = w.eventEntityRows(ev, ids, linked[:0], ents[:0])
		group := evID // a group of its own
		if len(ents) > 0 {
			// The earlier events' group rows must be in before looking.
			if err := flush(); err != nil {
				return err
			}
			best, err := w.g.groupFor(ctx, id, date, typ, ents)
			if err != nil {
				return fmt.Errorf("store: place event %d: %w", evID, err)
			}
			if best < evID {
				group = best
			} else if best != math.MaxInt64 {
				// A group younger than the event: only an event placed
				// again meets one (placeAt's absorb), never a new one.
				return fmt.Errorf("store: place event %d: group %d is younger", evID, best)
			}
		}
		if _, err := w.placed.ExecContext(ctx, evID, id, key, date, prec, typ, title, ev.Trigger, ev.Sentence.Start, ev.Sentence.End,
			ev.SentenceText, ev.Timex.Start, ev.Timex.End, res.Version, edited, group); err != nil {
			return fmt.Errorf("store: save event %q: %w", ev.Title, err)
		}
		for _, e := range linked {
			links = append(links, evID, e)
		}
		last = evID
	}
	err := flush()
	w.links = links
	return err
}
