package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"annals/data/analysis"
	"annals/data/textnorm"
)

// The writer below is the batch writer as it was at d2fee27: one statement
// per row, a correcting UPDATE per entity. TestAnalysisWriterMatchesReference
// saves the same analyses with it and with the writer of bulk.go and
// compares every stored row.

// refAnalysisWriter is the reference: change it only with what the rows
// stored should be (a change of the schema or of what an analysis is
// saved as), never to make it faster.
type refAnalysisWriter struct {
	alias, mention, own, merged, correct, edits, event, eventEntity *sql.Stmt
	// places says which entity rows written in this transaction are
	// places, so saveEvents can hand events to the grouper with their
	// non-place entities without reading them back.
	places map[int64]bool
}

func prepareRefAnalysisWriter(ctx context.Context, tx sqlTx) (*refAnalysisWriter, error) {
	w := &refAnalysisWriter{places: map[int64]bool{}}
	for _, p := range []struct {
		st **sql.Stmt
		q  string
	}{
		{&w.alias, `INSERT OR IGNORE INTO entity_aliases (entity_id, folded, alias) VALUES (?, ?, ?)`},
		{&w.mention, `INSERT INTO mentions (article_id, byte_start, byte_end, entity_id) VALUES (?, ?, ?, ?)`},
		{&w.own, `INSERT INTO entities (key, name, name_ar, type, from_gazetteer) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET name = excluded.name, name_ar = excluded.name_ar, type = excluded.type,
			from_gazetteer = excluded.from_gazetteer RETURNING id, type`},
		{&w.merged, `INSERT INTO entities (key, name, name_ar, type) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET key = key RETURNING id, type`},
		{&w.correct, `UPDATE entities SET name = coalesce(?1, name), name_ar = coalesce(?2, name_ar),
		type = coalesce(?3, type), name_edited = (?1 IS NOT NULL OR ?2 IS NOT NULL), type_edited = (?3 IS NOT NULL)
		WHERE id = ?4`},
		{&w.edits, `SELECT event_key, date, precision, type, title, deleted FROM user_event_edits WHERE article_id = ?`},
		{&w.event, `INSERT INTO events (article_id, key, date, precision, type, title, trigger,
			sentence_start, sentence_end, sentence_text, timex_start, timex_end, analysis_version, user_edited)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&w.eventEntity, "INSERT INTO event_entities (event_id, entity_id) VALUES (?, ?)"},
	} {
		st, err := tx.PrepareContext(ctx, p.q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("store: save analyses: %w", err)
		}
		*p.st = st
	}
	return w, nil
}

func (w *refAnalysisWriter) close() {
	for _, st := range []*sql.Stmt{w.alias, w.mention, w.own, w.merged, w.correct, w.edits, w.event, w.eventEntity} {
		if st != nil {
			st.Close()
		}
	}
}

// refMentionRow is one row of mentions (015) for the article being saved.
type refMentionRow struct {
	start, end int
	entity     int64
}

// saveEntities is saveEntities (analysis.go) on prepared statements.
func (w *refAnalysisWriter) saveEntities(ctx context.Context, id int64, res analysis.Result, c corrections) (map[string]int64, error) {
	ids := map[string]int64{}
	rows := map[string]int64{} // effective key → row id
	var ms []refMentionRow
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
		for _, a := range append([]string{e.Name, e.NameAr}, e.Aliases...) {
			if strings.TrimSpace(a) == "" {
				continue
			}
			if _, err := w.alias.ExecContext(ctx, rowID, textnorm.Fold(a), a); err != nil {
				return nil, fmt.Errorf("store: alias of %s: %w", key, err)
			}
		}
		for _, m := range e.Mentions {
			ms = append(ms, refMentionRow{m.Start, m.End, rowID})
		}
	}
	// In the table's key order (article, span, entity): the rows go in at
	// the end of the b-tree, its pages filled in order. Two entities of
	// the analysis the user's corrections made one may name one span
	// twice; the key holds it once.
	slices.SortFunc(ms, func(a, b refMentionRow) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end), cmp.Compare(a.entity, b.entity))
	})
	ms = slices.Compact(ms)
	for _, m := range ms {
		if _, err := w.mention.ExecContext(ctx, id, m.start, m.end, m.entity); err != nil {
			return nil, fmt.Errorf("store: mention at %d-%d: %w", m.start, m.end, err)
		}
	}
	return ids, nil
}

// upsertEntity is upsertEntity (analysis.go) on prepared statements.
func (w *refAnalysisWriter) upsertEntity(ctx context.Context, key string, e analysis.Entity, ed entityEdit) (int64, error) {
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
		typ := strings.SplitN(key, ":", 2)[0]
		err = w.merged.QueryRowContext(ctx, key, e.Name, e.NameAr, typ).Scan(&rowID, &stored)
	}
	if err != nil {
		return 0, fmt.Errorf("store: save entity %s: %w", key, err)
	}
	if _, err = w.correct.ExecContext(ctx, ed.name, ed.nameAr, ed.typ, rowID); err != nil {
		return 0, fmt.Errorf("store: correct entity %s: %w", key, err)
	}
	if ed.typ.Valid {
		stored = ed.typ.String // what correct just wrote
	}
	w.places[rowID] = stored == "place"
	return rowID, nil
}

// saveEvents stores the events of article id with the user's corrections
// applied and returns them in insertion (id) order. The rows wait in group
// 0 until the caller places them.
func (w *refAnalysisWriter) saveEvents(ctx context.Context, id int64, res analysis.Result, c corrections, ids map[string]int64) ([]newEvent, error) {
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
	var out []newEvent
	seen := map[string]int{}
	for _, ev := range res.Events {
		key := eventKey(ev)
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
		date, prec, typ, title := ev.Date, ev.Precision, ev.Type, ev.Title
		if ed.date.Valid {
			date = ed.date.String
		}
		if ed.precision.Valid {
			prec = ed.precision.String
		}
		if ed.typ.Valid {
			typ = ed.typ.String
		}
		if ed.title.Valid {
			title = ed.title.String
		}
		var evID int64
		err := w.event.QueryRowContext(ctx, id, key, date, prec, typ, title, ev.Trigger, ev.Sentence.Start, ev.Sentence.End,
			ev.SentenceText, ev.Timex.Start, ev.Timex.End, res.Version, edited).Scan(&evID)
		if err != nil {
			return nil, fmt.Errorf("store: save event %q: %w", ev.Title, err)
		}
		out = append(out, newEvent{id: evID, date: date, typ: typ})
		ne := &out[len(out)-1]
		done := map[int64]bool{}
		for _, ek := range ev.EntityIDs {
			rowID := ids[ek]
			if rowID == 0 || done[rowID] {
				continue
			}
			done[rowID] = true
			if _, err := w.eventEntity.ExecContext(ctx, evID, rowID); err != nil {
				return nil, fmt.Errorf("store: entities of event %q: %w", ev.Title, err)
			}
			if !w.places[rowID] {
				ne.ents = append(ne.ents, rowID)
			}
		}
	}
	return out, nil
}

func (w *refAnalysisWriter) finish(context.Context) error { return nil }
