package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// TimelineEvent is one real-world event: the events of every article that
// report it on the same date, with the same event type and shared
// entities, grouped (the rule is in migrations/011_group_types.sql; groups
// made before it may hold several types).
type TimelineEvent struct {
	GroupID   int64
	Date      string // TIMEX3 value: 2025-01-20, 2024-11, 2023
	Precision string
	Type      string
	Title     string
	Sources   []EventSource // by event id
	Entities  []EntityRef   // every source's entities, once each
}

// TimelineFilter selects timeline events. From and To are TIMEX3 values
// compared at the coarser of the two precisions, so an event of "2024-11"
// is inside From "2024-11-15" and To "2024" (see HoldsDate); with Within,
// only values wholly inside [From, To] are.
type TimelineFilter struct {
	From, To string
	// Within leaves out the values that reach beyond From or To: for a
	// window of a few days, not the thousands of events dated only by
	// their month or year, which the view counts instead.
	Within     bool
	Types      []string // any of these event types
	EntityKeys []string // events involving any of these entities
	ArticleID  int64    // events this article reports (with their other sources)
	Limit      int      // groups; 0 = all
	Newest     bool     // with Limit: the latest groups rather than the earliest
}

// TimelineBucket is how much of the timeline falls on one date value.
type TimelineBucket struct {
	Date string // TIMEX3 value as events hold it: a day, a month, a year…
	Type string // with TimelineOverviewByType; "" otherwise
	// Groups is the number of timeline items (TimelineEvent) of this date
	// that match the filter: exactly what Timeline returns for it.
	Groups int
	// Events is the number of matching events, one per article's report.
	Events int
}

// HoldsDate reports whether an event dated date passes f's date range, as
// Timeline and TimelineOverview test it.
func (f TimelineFilter) HoldsDate(date string) bool {
	from, to := f.From, f.To
	// the same tests as dateWhere, in the same order
	if f.Within {
		// a finer value that starts with To ends inside it; a coarser
		// one that To starts with ends after it
		return (from == "" || date >= from) &&
			(to == "" || strings.HasPrefix(date, to) || date < to && !strings.HasPrefix(to, date))
	}
	if from != "" {
		if y, ok := yearBound(from); ok && date < fmt.Sprintf("%04d", y) {
			return false
		}
		if date < from[:min(len(from), len(date))] {
			return false
		}
	}
	if to != "" {
		if y, ok := yearBound(to); ok && date >= fmt.Sprintf("%04d", y+1) {
			return false
		}
		if date[:min(len(date), len(to))] > to {
			return false
		}
	}
	return true
}

// yearBound is the first four characters of a TIMEX3 value when they are a
// year, for an index-friendly range on events.date.
func yearBound(v string) (int, bool) {
	if len(v) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(v[:4])
	return y, err == nil
}

// dateWhere is f's date range as conditions on the date column col.
func dateWhere(col string, f TimelineFilter) ([]string, []any) {
	var where []string
	var args []any
	if f.Within {
		if f.From != "" {
			where = append(where, col+" >= ?")
			args = append(args, f.From)
		}
		if f.To != "" {
			// the index range: every value that starts with To sorts
			// before To followed by '~' (TIMEX3 values are ASCII)
			where = append(where, col+" < ?")
			args = append(args, f.To+"~")
			where = append(where, "(substr("+col+", 1, length(?)) = ? OR "+col+" < ? AND substr(?, 1, length("+col+")) <> "+col+")")
			args = append(args, f.To, f.To, f.To, f.To)
		}
		return where, args
	}
	if f.From != "" {
		if y, ok := yearBound(f.From); ok {
			where = append(where, col+" >= ?")
			args = append(args, fmt.Sprintf("%04d", y))
		}
		where = append(where, col+" >= substr(?, 1, length("+col+"))")
		args = append(args, f.From)
	}
	if f.To != "" {
		if y, ok := yearBound(f.To); ok {
			where = append(where, col+" < ?")
			args = append(args, fmt.Sprintf("%04d", y+1))
		}
		where = append(where, "substr("+col+", 1, length(?)) <= ?")
		args = append(args, f.To, f.To)
	}
	return where, args
}

// timelineWhere is f as conditions on events e.
func timelineWhere(f TimelineFilter) ([]string, []any) {
	where, args := dateWhere("e.date", f)
	if len(f.Types) > 0 {
		where = append(where, "e.type IN ("+placeholders(len(f.Types))+")")
		for _, t := range f.Types {
			args = append(args, t)
		}
	}
	if len(f.EntityKeys) > 0 {
		where = append(where, "e.id IN (SELECT ee.event_id FROM event_entities ee JOIN entities n ON n.id = ee.entity_id WHERE n.key IN ("+placeholders(len(f.EntityKeys))+"))")
		for _, k := range f.EntityKeys {
			args = append(args, k)
		}
	}
	if f.ArticleID != 0 {
		where = append(where, "e.article_id = ?")
		args = append(args, f.ArticleID)
	}
	return where, args
}

// TimelineOverview counts the timeline items of f per date value (f's Limit
// and Newest do not apply). The counts agree with Timeline: the Groups of
// the buckets inside [From, To] add up to the number of items Timeline
// returns for the same filter. Without a filter, or with one type, the
// counts come from the summary that migration 008 keeps (one row per
// date), which stays fast however large the library grows; entity and
// article filters, and several types, count the matching events instead.
func (s *Store) TimelineOverview(ctx context.Context, f TimelineFilter) ([]TimelineBucket, error) {
	return s.timelineOverview(ctx, f, false)
}

// TimelineOverviewByType is TimelineOverview per date and event type. An
// item whose events have two types counts under both, as Timeline's type
// filter would find it under either.
func (s *Store) TimelineOverviewByType(ctx context.Context, f TimelineFilter) ([]TimelineBucket, error) {
	return s.timelineOverview(ctx, f, true)
}

func (s *Store) timelineOverview(ctx context.Context, f TimelineFilter, byType bool) ([]TimelineBucket, error) {
	var from, date, typ, groups, events, by string
	var where []string
	var args []any
	switch {
	case len(f.EntityKeys) > 0 || f.ArticleID != 0 || len(f.Types) > 1:
		// The summary cannot tell which groups two types share, nor which
		// hold an entity or an article: count the events these (selective)
		// filters leave.
		where, args = timelineWhere(f)
		from, date, typ, groups, events, by = "events e", "e.date", "''", "count(DISTINCT e.group_id)", "count(*)", "e.date"
		if byType {
			typ, by = "e.type", "e.date, e.type"
		}
	case byType || len(f.Types) == 1:
		where, args = dateWhere("date", f)
		if len(f.Types) == 1 {
			where = append(where, "type = ?")
			args = append(args, f.Types[0])
		}
		from, date, typ, groups, events = "timeline_day_types", "date", "''", "groups", "events"
		if byType {
			typ = "type"
		}
	default:
		where, args = dateWhere("date", f)
		from, date, typ, groups, events = "timeline_days", "date", "''", "groups", "events"
	}
	// One string from SQLite rather than a row per date: fetching and
	// converting each column of thousands of rows through database/sql cost
	// five times more than the query itself. Fields end with \x1f, buckets
	// with \x1e; a type holding either would break the fields apart.
	row := fmt.Sprintf(`%s || char(31) || replace(replace(%s, char(30), ' '), char(31), ' ') || char(31) || %s || char(31) || %s || char(30)`,
		date, typ, groups, events)
	q := "SELECT coalesce(group_concat(b, ''), '') FROM (SELECT " + row + " AS b FROM " + from
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if by != "" {
		q += " GROUP BY " + by
	}
	q += ")"
	var all string
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&all); err != nil {
		return nil, fmt.Errorf("store: timeline overview: %w", err)
	}
	out := make([]TimelineBucket, 0, strings.Count(all, "\x1e"))
	for rec := range strings.SplitSeq(all, "\x1e") {
		if rec == "" {
			continue
		}
		var b TimelineBucket
		var g, e string
		var ok1, ok2, ok3 bool
		b.Date, rec, ok1 = strings.Cut(rec, "\x1f")
		b.Type, rec, ok2 = strings.Cut(rec, "\x1f")
		g, e, ok3 = strings.Cut(rec, "\x1f")
		var err1, err2 error
		b.Groups, err1 = strconv.Atoi(g)
		b.Events, err2 = strconv.Atoi(e)
		if err := errors.Join(err1, err2); err != nil || !ok1 || !ok2 || !ok3 {
			return nil, fmt.Errorf("store: timeline overview: bucket %q: %w", rec, err)
		}
		out = append(out, b)
	}
	// in the order of the primary key or the GROUP BY, but nothing
	// promises it: sorting what is already sorted costs one pass
	slices.SortFunc(out, func(a, b TimelineBucket) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Type, b.Type))
	})
	return out, nil
}

// Timeline returns the events that match f, grouped across articles, by
// date (a TIMEX3 value sorts by time as text). A window (From, To) is read
// through the date index: its cost follows the window, not the library.
func (s *Store) Timeline(ctx context.Context, f TimelineFilter) ([]TimelineEvent, error) {
	evQ, entQ, args, filtered := timelineQueries(f, "")
	return s.timeline(ctx, evQ, entQ, args, filtered)
}

// timelineQueries is the events query of f (ordered by date, group, event)
// and the (event, entity) pairs query; extra columns go after Timeline's.
// filtered says whether f narrows the groups.
func timelineQueries(f TimelineFilter, extra string) (evQ, entQ string, args []any, filtered bool) {
	where, args := timelineWhere(f)
	groups := "SELECT DISTINCT e.group_id FROM events e"
	if len(where) > 0 {
		groups += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Newest {
		groups += " ORDER BY e.date DESC, e.group_id DESC"
	} else {
		groups += " ORDER BY e.date, e.group_id"
	}
	if f.Limit > 0 {
		groups += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	filtered = len(where) > 0 || f.Limit > 0

	evQ = `SELECT e.id, e.group_id, e.article_id, a.title, e.date, e.precision, e.type, e.title, e.sentence_start,
		e.sentence_end, e.sentence_text, e.timex_start, e.timex_end, e.user_edited` + extra + `
		FROM events e JOIN articles a ON a.id = e.article_id`
	entQ = `SELECT ee.event_id, ee.entity_id FROM event_entities ee`
	if filtered {
		evQ = "WITH g AS (" + groups + ") " + evQ + " WHERE e.group_id IN (SELECT group_id FROM g)"
	} else {
		args = nil
	}
	evQ += " ORDER BY e.date, e.group_id, e.id"
	return evQ, entQ, args, filtered
}

func (s *Store) timeline(ctx context.Context, evQ, entQ string, args []any, filtered bool) ([]TimelineEvent, error) {
	rows, err := s.db.QueryContext(ctx, evQ, args...)
	if err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	var out []TimelineEvent
	byEvent := map[int64]int{} // event id → index in out
	for rows.Next() {
		var src EventSource
		var gid int64
		var date, prec string
		if err := rows.Scan(&src.EventID, &gid, &src.ArticleID, &src.ArticleTitle, &date, &prec, &src.Type, &src.Title,
			&src.Sentence.Start, &src.Sentence.End, &src.SentenceText, &src.Timex.Start, &src.Timex.End, &src.UserEdited); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: timeline: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].GroupID != gid {
			out = append(out, TimelineEvent{GroupID: gid, Date: date, Precision: prec, Type: src.Type, Title: src.Title})
		}
		out[len(out)-1].Sources = append(out[len(out)-1].Sources, src)
		byEvent[src.EventID] = len(out) - 1
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	// Entities: the (event, entity) pairs first, then each entity once; a
	// join repeating names on every pair costs more than the query itself.
	evEnts := map[int64][]int64{}
	refs := map[int64]*entityRank{}
	scan := func(q string, args ...any) error {
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: timeline entities: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var evID, entID int64
			if err := rows.Scan(&evID, &entID); err != nil {
				return fmt.Errorf("store: timeline entities: %w", err)
			}
			evEnts[evID] = append(evEnts[evID], entID)
			refs[entID] = nil
		}
		return rows.Err()
	}
	if !filtered {
		if err := scan(entQ); err != nil {
			return nil, err
		}
	} else {
		ids := make([]any, 0, len(byEvent))
		for id := range byEvent {
			ids = append(ids, id)
		}
		for len(ids) > 0 {
			chunk := ids[:min(len(ids), 500)]
			ids = ids[len(chunk):]
			if err := scan(entQ+" WHERE ee.event_id IN ("+placeholders(len(chunk))+")", chunk...); err != nil {
				return nil, err
			}
		}
	}
	if err := s.loadEntityRefs(ctx, refs); err != nil {
		return nil, err
	}
	for i := range out {
		seen := map[int64]bool{}
		for _, src := range out[i].Sources {
			ids := evEnts[src.EventID]
			slices.SortFunc(ids, func(a, b int64) int {
				return cmp.Or(cmp.Compare(refs[b].count(), refs[a].count()), cmp.Compare(a, b))
			})
			for _, id := range ids {
				if !seen[id] && refs[id] != nil {
					seen[id] = true
					out[i].Entities = append(out[i].Entities, refs[id].EntityRef)
				}
			}
		}
	}
	return out, nil
}

// TimelineEach calls fn with each event Timeline(ctx, f) would return, in
// the same order and with the same sources and entities, one group at a
// time: an export of a large library streams from SQLite to its writer
// instead of holding every event, source and (event, entity) pair at once.
// fn must not keep ev (it is reused) nor call the store: the events query
// stays open while it runs. An error from fn stops the walk and is returned.
func (s *Store) TimelineEach(ctx context.Context, f TimelineFilter, fn func(ev *TimelineEvent) error) error {
	if _, _, _, filtered := timelineQueries(f, ""); !filtered {
		if ok, err := s.timelineEachAll(ctx, fn); ok || err != nil {
			return err
		}
	}
	// Each event's entities come with its row (a lookup on the primary key
	// of event_entities), so nothing has to be gathered before the first
	// group is complete.
	evQ, _, args, _ := timelineQueries(f, `,
		coalesce((SELECT group_concat(ee.entity_id) FROM event_entities ee WHERE ee.event_id = e.id), '')`)
	// The names and mention counts of every entity an event holds: there
	// are far fewer entities than events, and reading them first keeps one
	// query open at a time.
	refs := map[int64]*entityRank{}
	if err := s.eventEntityRefs(ctx, refs); err != nil {
		return err
	}
	// The events are read in date order, which is not the order they are
	// stored in: every row is a jump into the events table. Through
	// SQLite's 2 MB page cache each jump was a read() of the file, over a
	// third of the export's CPU time at 10,000 articles; mapping the file
	// makes it a memory access. The connection gets its setting back
	// before it returns to the pool.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: timeline: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 4294967296"); err == nil {
		defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size = 0")
	}
	rows, err := conn.QueryContext(ctx, evQ, args...)
	if err != nil {
		return fmt.Errorf("store: timeline: %w", err)
	}
	defer rows.Close()
	var ev TimelineEvent
	var evEnts [][]int64 // per source of ev
	seen := map[int64]bool{}
	emit := func() error {
		// The order Timeline gives: each source's entities by mentions,
		// then id, the first time one appears.
		clear(seen)
		for _, ids := range evEnts {
			slices.SortFunc(ids, func(a, b int64) int {
				return cmp.Or(cmp.Compare(refs[b].count(), refs[a].count()), cmp.Compare(a, b))
			})
			for _, id := range ids {
				if !seen[id] && refs[id] != nil {
					seen[id] = true
					ev.Entities = append(ev.Entities, refs[id].EntityRef)
				}
			}
		}
		return fn(&ev)
	}
	started := false
	for rows.Next() {
		var src EventSource
		var gid int64
		var date, prec, ents string
		if err := rows.Scan(&src.EventID, &gid, &src.ArticleID, &src.ArticleTitle, &date, &prec, &src.Type, &src.Title,
			&src.Sentence.Start, &src.Sentence.End, &src.SentenceText, &src.Timex.Start, &src.Timex.End, &src.UserEdited, &ents); err != nil {
			return fmt.Errorf("store: timeline: %w", err)
		}
		if !started || ev.GroupID != gid {
			if started {
				if err := emit(); err != nil {
					return err
				}
			}
			started = true
			ev = TimelineEvent{GroupID: gid, Date: date, Precision: prec, Type: src.Type, Title: src.Title,
				Sources: ev.Sources[:0], Entities: ev.Entities[:0]}
			evEnts = evEnts[:0]
		}
		ev.Sources = append(ev.Sources, src)
		var ids []int64
		for p := range strings.SplitSeq(ents, ",") {
			if p == "" {
				continue
			}
			id, err := strconv.ParseInt(p, 10, 64)
			if err != nil {
				return fmt.Errorf("store: timeline: entity id %q: %w", p, err)
			}
			ids = append(ids, id)
		}
		evEnts = append(evEnts, ids)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: timeline: %w", err)
	}
	if started {
		return emit()
	}
	return nil
}

// eventEntityRefs fills refs with every entity some event holds.
func (s *Store) eventEntityRefs(ctx context.Context, refs map[int64]*entityRank) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, key, name, name_ar, type, mention_count FROM entities
		WHERE id IN (SELECT entity_id FROM event_entities)`)
	if err != nil {
		return fmt.Errorf("store: timeline entities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		r := &entityRank{}
		if err := rows.Scan(&id, &r.Key, &r.Name, &r.NameAr, &r.Type, &r.mentions); err != nil {
			return fmt.Errorf("store: timeline entities: %w", err)
		}
		refs[id] = r
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: timeline entities: %w", err)
	}
	return nil
}
