package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
)

// grouper places events into the cross-article groups of their dates, by
// the rule in migrations/011_group_types.sql: an event joins the oldest
// group of its date (smallest group_id) that has its event type, shares a
// non-place entity with it and holds no event of its article, or starts
// its own; a group's id is the id of the event that started it, never more
// than any member's. Taking an event out of its group is done by the
// triggers of 010 (deleting the row, or unplace), so that events deleted
// by cascade leave their groups too.
//
// Placing reads only the event's own entities' rows of group_entities for
// its type, in group order, and stops at the first group that takes it:
// its cost does not grow with the number of events on the date (a
// year-only date holds tens of thousands of them in a large library).
//
// The statements are prepared once per transaction: a batch of analyses
// places thousands of events.
type grouper struct {
	load, candidate, set, absorb, leave *sql.Stmt
}

// candidateQuery finds a group for one entity of an event: ?1 date, ?2
// entity, ?3 event type, ?4 the best group found so far (only older ones
// are wanted), ?5 article. TestPlacingReadsNoDate checks its plan.
//
// ?1–?3 are written +?n, an expression rather than a bare parameter, and
// the plan is the same: SQLite otherwise marks the statement to be
// compiled again when a bare parameter's value changes to or from 0 or 1
// (its estimate of an equality depends on it), and go-sqlite3 clears the
// bindings before each run, which counts as such a change: the statement
// was compiled again for every event's every entity (issue 19).
//
// It looks at no more than maxCandidates groups, the oldest: the groups it
// passes over are those holding an event of the article already, and in
// one very long page (a 10 MB page has thousands of events on one date
// naming one entity) every earlier event of the page started or joined
// one, so without the bound placing the page's events took time growing
// with the square of their number (20 s to store a 10 MB page's analysis).
// An event whose first maxCandidates groups all hold an event of its
// article starts a group of its own: only such a page's events are
// grouped differently, and they stay on their date.
const candidateQuery = `SELECT c.group_id FROM (SELECT ge.group_id FROM group_entities ge
	WHERE ge.date = +?1 AND ge.entity_id = +?2 AND ge.type = +?3 AND ge.group_id < ?4
	ORDER BY ge.group_id LIMIT ` + maxCandidatesSQL + `) c
	WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.group_id = c.group_id AND x.article_id = ?5)
	ORDER BY c.group_id LIMIT 1`

// maxCandidates bounds the groups one entity of an event is checked
// against (see candidateQuery).
const (
	maxCandidates    = 64
	maxCandidatesSQL = "64"
)

func prepareGrouper(ctx context.Context, prepare preparer) (*grouper, error) {
	g := &grouper{}
	for _, p := range []struct {
		st **sql.Stmt
		q  string
	}{
		// The event with its non-place entities (NULL for a place or none).
		{&g.load, `SELECT e.article_id, e.date, e.type, e.group_id, n.id FROM events e
			LEFT JOIN event_entities ee ON ee.event_id = e.id
			LEFT JOIN entities n ON n.id = ee.entity_id AND n.type <> 'place'
			WHERE e.id = ?`},
		// The oldest group of a date holding an entity in an event of a
		// type that is older than the best found so far and holds no
		// event of the article.
		{&g.candidate, candidateQuery},
		{&g.set, `UPDATE events SET group_id = ? WHERE id = ?`},
		// An event older than the group it joins gives the group its id.
		{&g.absorb, `UPDATE events SET group_id = ?1 WHERE date = ?2 AND group_id = ?3`},
		{&g.leave, `UPDATE events SET group_id = 0 WHERE id = ? AND group_id <> 0`},
	} {
		st, err := prepare(ctx, p.q)
		if err != nil {
			return nil, fmt.Errorf("store: group events: %w", err)
		}
		*p.st = st
	}
	return g, nil
}

// place puts event id, which must not be in a group (group_id 0), into its
// group. Events are placed in id order: for new events that is the order
// they arrive in.
func (g *grouper) place(ctx context.Context, id int64) error {
	rows, err := g.load.QueryContext(ctx, id)
	if err != nil {
		return fmt.Errorf("store: place event %d: %w", id, err)
	}
	var article, group int64
	var date, typ string
	var ents []int64
	found := false
	for rows.Next() {
		var ent sql.NullInt64
		if err := rows.Scan(&article, &date, &typ, &group, &ent); err != nil {
			rows.Close()
			return fmt.Errorf("store: place event %d: %w", id, err)
		}
		found = true
		if ent.Valid {
			ents = append(ents, ent.Int64)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: place event %d: %w", id, err)
	}
	if !found || group != 0 {
		return nil // gone, or placed already: nothing to do
	}
	return g.placeAt(ctx, id, article, date, typ, ents)
}

// placeAt is place for an event in group 0 whose article, date, type and
// non-place entities the caller knows (it just stored them). A place among
// ents would only cost a lookup: group_entities holds no places.
func (g *grouper) placeAt(ctx context.Context, id, article int64, date, typ string, ents []int64) error {
	best, err := g.groupFor(ctx, article, date, typ, ents)
	if err != nil {
		return fmt.Errorf("store: place event %d: %w", id, err)
	}
	switch {
	case best == math.MaxInt64: // a group of its own
		_, err = g.set.ExecContext(ctx, id, id)
	case best < id:
		_, err = g.set.ExecContext(ctx, best, id)
	default:
		// An event older than the group it joins (placed again, or moved
		// to this date): a group's id is never more than a member's, so
		// the group takes the event's.
		if _, err = g.set.ExecContext(ctx, id, id); err == nil {
			_, err = g.absorb.ExecContext(ctx, id, date, best)
		}
	}
	if err != nil {
		return fmt.Errorf("store: place event %d: %w", id, err)
	}
	return nil
}

// groupFor is the oldest group that takes an event of article with date,
// type typ and non-place entities ents, or math.MaxInt64 when none does.
func (g *grouper) groupFor(ctx context.Context, article int64, date, typ string, ents []int64) (int64, error) {
	best := int64(math.MaxInt64)
	for _, ent := range ents {
		var gid int64
		err := g.candidate.QueryRowContext(ctx, date, ent, typ, best, article).Scan(&gid)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return 0, err
		}
		best = gid
	}
	return best, nil
}

// unplace takes event id out of its group (group_id 0); the triggers of 010
// keep the rest of the group together, under its smallest remaining id
// when id was the group's.
func (g *grouper) unplace(ctx context.Context, id int64) error {
	if _, err := g.leave.ExecContext(ctx, id); err != nil {
		return fmt.Errorf("store: take event %d out of its group: %w", id, err)
	}
	return nil
}

// regroupEvents takes the events ids out of their groups, runs change (which
// alters their entities, date or type) and places them again in id order, as if
// they arrived again with their old ids. Only these events move: the
// groups they leave keep their other members.
func regroupEvents(ctx context.Context, tx *sql.Tx, ids []int64, change func() error) error {
	g, err := prepareGrouper(ctx, tx.PrepareContext)
	if err != nil {
		return err
	}
	// Newest first: a group's first event leaves after the others that
	// are leaving too, so the group is renumbered once, not once per
	// event (an entity in thousands of events of one group).
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for _, id := range slices.Backward(ids) {
		if err := g.unplace(ctx, id); err != nil {
			return err
		}
	}
	if err := change(); err != nil {
		return err
	}
	return g.placeAll(ctx, ids)
}

// placeAll places the events ids (in group 0) in id order.
func (g *grouper) placeAll(ctx context.Context, ids []int64) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if err := g.place(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// placeEvents places the events ids (in group 0) in id order.
func placeEvents(ctx context.Context, tx *sql.Tx, ids []int64) error {
	g, err := prepareGrouper(ctx, tx.PrepareContext)
	if err != nil {
		return err
	}
	return g.placeAll(ctx, ids)
}

// eventIDs lists the ids a query returns.
func eventIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events to regroup: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: events to regroup: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: events to regroup: %w", err)
	}
	return ids, nil
}

// entityEvents lists the events carrying entity id.
func entityEvents(ctx context.Context, tx *sql.Tx, entityID int64) ([]int64, error) {
	return eventIDs(ctx, tx, "SELECT event_id FROM event_entities WHERE entity_id = ? ORDER BY event_id", entityID)
}
