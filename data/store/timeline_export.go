package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"slices"
)

// eventEntityLists are the entities of every event, read in one pass over
// event_entities (in its key order) and held compactly: for the event with
// id first+i, ents[starts[i]:starts[i+1]] are positions in ranked, the
// entities ordered by mentions (most first), then id.
type eventEntityLists struct {
	first  int64
	starts []uint32
	ents   []int32
	ranked []*entityRank
}

// maxEventIDSpan bounds the id range the lists index (4 bytes per id): a
// library whose event ids are that sparse is read the slower way, an
// entity lookup per event.
const maxEventIDSpan = 64 << 20

// of returns the entities of event id, best ranked first. The slice is
// the lists' own: the caller must not change it.
func (l *eventEntityLists) of(id int64) []int32 {
	i := id - l.first
	if i < 0 || i+1 >= int64(len(l.starts)) {
		return nil
	}
	return l.ents[l.starts[i]:l.starts[i+1]]
}

// loadEventEntityLists reads every entity an event holds and every (event,
// entity) pair through q. ok is false when the event ids are too sparse
// to index (see maxEventIDSpan).
func loadEventEntityLists(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (l *eventEntityLists, ok bool, err error) {
	// min and max apart: together in one SELECT, SQLite reads every row
	// for them (and count(*) would too).
	var lo, hi, span int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT min(event_id) FROM event_entities), 0),
		coalesce((SELECT max(event_id) FROM event_entities), -1),
		coalesce((SELECT max(rowid) FROM events), 0) - coalesce((SELECT min(rowid) FROM events), 0) + 1`).
		Scan(&lo, &hi, &span); err != nil {
		return nil, false, fmt.Errorf("store: timeline entities: %w", err)
	}
	if hi-lo >= maxEventIDSpan {
		return nil, false, nil
	}
	// Ranks first: a position in ranked sorts as the entity does.
	rows, err := q.QueryContext(ctx, `SELECT id, key, name, name_ar, type, mention_count FROM entities
		WHERE id IN (SELECT entity_id FROM event_entities) ORDER BY mention_count DESC, id`)
	if err != nil {
		return nil, false, fmt.Errorf("store: timeline entities: %w", err)
	}
	l = &eventEntityLists{first: lo}
	// pos: entity id → its place in ranked, plus one (0: none). A slice
	// when the ids are dense enough, as they are: a map lookup per pair
	// was a quarter of this function's time.
	var posSlice []int32
	var maxEnt int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM entities`).Scan(&maxEnt); err != nil {
		return nil, false, fmt.Errorf("store: timeline entities: %w", err)
	}
	if maxEnt < 1<<24 {
		posSlice = make([]int32, maxEnt+1)
	}
	pos := map[int64]int32{}
	for rows.Next() {
		var id int64
		r := &entityRank{}
		if err := rows.Scan(&id, &r.Key, &r.Name, &r.NameAr, &r.Type, &r.mentions); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("store: timeline entities: %w", err)
		}
		if id >= 0 && id < int64(len(posSlice)) {
			posSlice[id] = int32(len(l.ranked)) + 1
		} else {
			pos[id] = int32(len(l.ranked)) + 1
		}
		l.ranked = append(l.ranked, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("store: timeline entities: %w", err)
	}
	// The pairs in key order (event, then entity): each event's list is
	// one run, appended as it comes. SQLite writes a range of events'
	// pairs as one string ("event,entity;…"): a row per pair through
	// database/sql cost three times as much as the scan itself.
	l.starts = make([]uint32, hi-lo+2)
	// events hold about 1.6 entities each; a sparse library grows it
	l.ents = make([]int32, 0, min(2*span, 1<<23))
	next := int64(0) // the first index of starts not yet set
	const chunk = 1 << 16
	for from := lo; from <= hi; from += chunk {
		var pairs string
		if err := q.QueryRowContext(ctx, `SELECT coalesce(group_concat(event_id || ',' || entity_id, ';'), '')
			FROM event_entities WHERE event_id >= ? AND event_id < ?`, from, from+chunk).Scan(&pairs); err != nil {
			return nil, false, fmt.Errorf("store: timeline entities: %w", err)
		}
		for rest := pairs; rest != ""; {
			var ev, ent int64
			var ok1, ok2 bool
			ev, rest, ok1 = cutInt(rest, ',')
			ent, rest, ok2 = cutInt(rest, ';')
			if !ok1 || !ok2 {
				return nil, false, fmt.Errorf("store: timeline entities: bad pair list near %.40q", rest)
			}
			var p int32
			if ent >= 0 && ent < int64(len(posSlice)) {
				p = posSlice[ent]
			} else {
				p = pos[ent]
			}
			i := ev - lo
			if p == 0 || i < 0 || i > hi-lo { // written since the first read
				continue
			}
			for ; next <= i; next++ {
				l.starts[next] = uint32(len(l.ents))
			}
			l.ents = append(l.ents, p-1)
		}
	}
	for ; next < int64(len(l.starts)); next++ {
		l.starts[next] = uint32(len(l.ents))
	}
	// Each event's list in rank order, once, rather than per group.
	for i := 0; i+1 < len(l.starts); i++ {
		slices.Sort(l.ents[l.starts[i]:l.starts[i+1]])
	}
	return l, true, nil
}

// timelineEachAll is TimelineEach for the whole library (what the exports
// ask for): the events in timeline order without a join or a subquery per
// event. Every event's entities are read first in one pass (above) and
// every article's title is looked up in a map, since a per-event lookup
// into event_entities and articles cost more than the events themselves.
// ok is false when it cannot (see loadEventEntityLists); nothing was
// passed to fn then.
func (s *Store) timelineEachAll(ctx context.Context, conn *sql.Conn, fn func(ev *TimelineEvent) error) (ok bool, err error) {
	lists, ok, err := loadEventEntityLists(ctx, conn)
	if err != nil || !ok {
		return false, err
	}
	titles, err := loadArticleTitles(ctx, conn)
	if err != nil {
		return false, err
	}

	// Mapped, the jumps from the date index into the events table are
	// memory reads rather than a read() each; the setting goes back
	// before the connection returns to the pool.
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 4294967296"); err == nil {
		defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size = 0")
	}
	var ev TimelineEvent
	var merged []int32 // the group's entities, as positions in lists.ranked
	var fnErr error    // returned as it is, not as the store's error
	emit := func() error {
		// Timeline's order: each source's entities by rank, the first
		// time one appears.
		merged = merged[:0]
		for _, src := range ev.Sources {
			for _, p := range lists.of(src.EventID) {
				if !slices.Contains(merged, p) {
					merged = append(merged, p)
				}
			}
		}
		for _, p := range merged {
			ev.Entities = append(ev.Entities, lists.ranked[p].EntityRef)
		}
		fnErr = fn(&ev)
		return fnErr
	}
	started := false
	// Straight from the driver: database/sql's locking and conversions
	// for each of the 13 columns of millions of rows cost more than
	// SQLite's reading them. The driver gets a context it cannot cancel
	// (cancelling costs it a check per row); the loop checks ctx itself.
	err = conn.Raw(func(dc any) error {
		qc, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("store: timeline: the driver cannot query")
		}
		rows, err := qc.QueryContext(context.WithoutCancel(ctx), exportEventsQuery, nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		// Reading the rows (SQLite and the driver) and writing them (fn)
		// take about as long as each other: a goroutine reads batches of
		// rows while this one groups and hands over the previous batch,
		// so an export uses two cores where there are two. The batches
		// go round (free → full → free): a few thousand rows in memory.
		full, free := make(chan *eventRows, 2), make(chan *eventRows, 3)
		for range cap(free) {
			free <- newEventRows()
		}
		stop := make(chan struct{})
		readErr := make(chan error, 1)
		go func() {
			defer close(full)
			readErr <- readEventRows(rows, full, free, stop)
		}()
		finish := func(err error) error {
			close(stop)
			for range full { // let the reader see stop and end
			}
			if rerr := <-readErr; err == nil {
				err = rerr
			}
			return err
		}
		for n := 0; ; n++ {
			if n%8 == 0 {
				if err := ctx.Err(); err != nil {
					return finish(err)
				}
			}
			b, ok := <-full
			if !ok {
				break
			}
			for i := range b.n {
				src, gid := &b.src[i], b.gid[i]
				var known bool
				if src.ArticleTitle, known = titles.of(src.ArticleID); !known {
					continue // as the join with articles would leave it out
				}
				if !started || ev.GroupID != gid {
					if started {
						if err := emit(); err != nil {
							return finish(err)
						}
					}
					started = true
					ev = TimelineEvent{GroupID: gid, Date: b.date[i], Precision: b.prec[i], Type: src.Type, Title: src.Title,
						Sources: ev.Sources[:0], Entities: ev.Entities[:0]}
				}
				ev.Sources = append(ev.Sources, *src)
			}
			free <- b
		}
		if err := <-readErr; err != nil {
			return err
		}
		if started {
			return emit()
		}
		return nil
	})
	if fnErr != nil {
		return true, fnErr
	}
	if err != nil {
		return true, fmt.Errorf("store: timeline: %w", err)
	}
	return true, nil
}

// exportEventsQuery reads every event in timeline order, walking
// events_timeline (TestExportReadsOneIndex) with a jump into the events
// table per row. An index holding every column read here made that one
// walk, ~0.25 s faster per 10,000 articles, at ~8 KB an article on disk;
// the space was judged worth more to every reader than the seconds to
// the few who export a whole library.
const exportEventsQuery = `SELECT id, group_id, article_id, date, precision, type, title,
	sentence_start, sentence_end, sentence_text, timex_start, timex_end, user_edited
	FROM events ORDER BY date, group_id, id`

// articleTitles are every article's title by id: in a slice indexed by
// id when the ids allow it (a map lookup for each of millions of events
// cost 0.4 s at 100,000 articles), else a map.
type articleTitles struct {
	byID  []string
	known []bool
	other map[int64]string
}

func (t *articleTitles) of(id int64) (string, bool) {
	if id >= 0 && id < int64(len(t.byID)) {
		return t.byID[id], t.known[id]
	}
	title, ok := t.other[id]
	return title, ok
}

func loadArticleTitles(ctx context.Context, conn *sql.Conn) (*articleTitles, error) {
	var maxID int64
	if err := conn.QueryRowContext(ctx, `SELECT coalesce((SELECT max(id) FROM articles), 0)`).Scan(&maxID); err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	t := &articleTitles{other: map[int64]string{}}
	if maxID < 1<<24 {
		t.byID, t.known = make([]string, maxID+1), make([]bool, maxID+1)
	}
	rows, err := conn.QueryContext(ctx, `SELECT id, title FROM articles`)
	if err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var title string
		if err := rows.Scan(&id, &title); err != nil {
			return nil, fmt.Errorf("store: timeline: %w", err)
		}
		if id >= 0 && id < int64(len(t.byID)) {
			t.byID[id], t.known[id] = title, true
		} else {
			t.other[id] = title
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	return t, nil
}

// eventRows is a batch of the export's rows, as readEventRows decodes them.
type eventRows struct {
	n          int
	src        []EventSource
	gid        []int64
	date, prec []string
}

// exportBatch is how many rows an eventRows holds (a variable for the
// tests, which make groups straddle batches).
var exportBatch = 512

func newEventRows() *eventRows {
	return &eventRows{src: make([]EventSource, exportBatch), gid: make([]int64, exportBatch),
		date: make([]string, exportBatch), prec: make([]string, exportBatch)}
}

// readEventRows decodes rows into batches taken from free and sends them
// on full, until the rows end, an error, or stop closes.
func readEventRows(rows driver.Rows, full chan<- *eventRows, free <-chan *eventRows, stop <-chan struct{}) error {
	vals := make([]driver.Value, 13)
	for {
		var b *eventRows
		select {
		case b = <-free:
		case <-stop:
			return nil
		}
		b.n = 0
		for b.n < len(b.src) {
			err := rows.Next(vals)
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			src := &b.src[b.n]
			var edited int64
			var bad bool
			src.EventID, bad = asInt(vals[0], bad)
			b.gid[b.n], bad = asInt(vals[1], bad)
			src.ArticleID, bad = asInt(vals[2], bad)
			b.date[b.n], bad = asText(vals[3], bad)
			b.prec[b.n], bad = asText(vals[4], bad)
			src.Type, bad = asText(vals[5], bad)
			src.Title, bad = asText(vals[6], bad)
			src.Sentence.Start, bad = asIntN(vals[7], bad)
			src.Sentence.End, bad = asIntN(vals[8], bad)
			src.SentenceText, bad = asText(vals[9], bad)
			src.Timex.Start, bad = asIntN(vals[10], bad)
			src.Timex.End, bad = asIntN(vals[11], bad)
			edited, bad = asInt(vals[12], bad)
			if bad {
				return fmt.Errorf("event row %v: unexpected types", vals)
			}
			src.UserEdited = edited != 0
			b.n++
		}
		if b.n == 0 {
			return nil
		}
		select {
		case full <- b:
		case <-stop:
			return nil
		}
		if b.n < len(b.src) {
			return nil
		}
	}
}

// asInt, asIntN and asText read a driver value of the expected type; bad
// turns true (and stays) when it is not.
func asInt(v driver.Value, bad bool) (int64, bool) {
	n, ok := v.(int64)
	return n, bad || !ok
}

func asIntN(v driver.Value, bad bool) (int, bool) {
	n, ok := v.(int64)
	return int(n), bad || !ok
}

func asText(v driver.Value, bad bool) (string, bool) {
	s, ok := v.(string)
	return s, bad || !ok
}

// cutInt reads the decimal number s begins with, up to sep or the end.
func cutInt(s string, sep byte) (n int64, rest string, ok bool) {
	i := 0
	for ; i < len(s) && s[i] != sep; i++ {
		c := s[i]
		if c < '0' || c > '9' || i > 17 {
			return 0, s, false
		}
		n = n*10 + int64(c-'0')
	}
	if i == 0 {
		return 0, s, false
	}
	if i < len(s) {
		i++
	}
	return n, s[i:], true
}
