package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
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
// every article's title is put in a slice, since a per-event lookup into
// event_entities and articles cost more than the events themselves.
//
// The events table is stored in the order articles were analysed, not in
// timeline order: walking the date index and jumping into the table for
// each row read a random page per event (a read() of 4 KB each once the
// file outgrows SQLite's 2 GB map), 7 s of CPU for the 2.4 million events
// of 100,000 articles, against under 3 s to read the table in its own
// order. So the export reads the timeline's order from the index alone
// (loadTimelineOrder), reads the table once in its own order sorting each
// row into a bucket of consecutive timeline positions (eventSpill: in
// memory, the part above exportSpillBudget in a temporary file beside the
// library), then hands the buckets' events over in order. Two connections
// share the reading (exportReaders), in one snapshot (snapshotConns), so
// that both cores work where there are two; the grouping and fn do too.
//
// ok is false when it cannot (see loadEventEntityLists); nothing was
// passed to fn then.
func (s *Store) timelineEachAll(ctx context.Context, fn func(ev *TimelineEvent) error) (ok bool, err error) {
	readers := min(exportReaders, runtime.GOMAXPROCS(0))
	conns, release, err := s.snapshotConns(ctx, readers)
	if err != nil {
		return false, fmt.Errorf("store: timeline: %w", err)
	}
	defer release()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The first connection reads the titles and the order, the second
	// every event's entities meanwhile (the first too when it is alone);
	// then both read the events table, a range of ids at a time.
	var (
		lists      *eventEntityLists
		titles     *articleTitles
		order      *timelineOrder
		orderReady = make(chan struct{})
		sparse     atomic.Bool // ids too sparse for the lists: the slower way
		spills     = make([]*eventSpill, readers)
		read       atomic.Int64
		ranges     = make(chan [2]int64, 64)
		errs       = make([]error, readers)
		wg         sync.WaitGroup
	)
	defer func() {
		for _, sp := range spills {
			if sp != nil {
				sp.close()
			}
		}
	}()
	entities := func(conn *sql.Conn) error {
		l, ok, err := loadEventEntityLists(ctx, conn)
		if err == nil && !ok {
			sparse.Store(true)
			err = errSparse
		}
		lists = l
		return err
	}
	fill := func(i int, conn *sql.Conn) error {
		select {
		case <-orderReady:
		case <-ctx.Done():
			return ctx.Err()
		}
		if order == nil {
			return ctx.Err() // the first connection failed; its error is the one
		}
		// Mapped, a small library's pages are memory reads rather than a
		// read() each (SQLite maps at most the first 2 GB); the setting
		// goes back before the connection returns to the pool.
		if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 4294967296"); err == nil {
			defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size = 0")
		}
		sp := newEventSpill(order.n, filepath.Dir(s.path), exportSpillBudget/readers)
		spills[i] = sp
		for r := range ranges {
			n, err := sp.fill(ctx, conn, r[0], r[1], order, titles)
			if err != nil {
				return err
			}
			read.Add(int64(n))
		}
		return nil
	}
	for i, conn := range conns {
		wg.Go(func() {
			var err error
			defer func() {
				if err != nil {
					errs[i] = err
					cancel()
				}
			}()
			if i == 0 {
				err = func() error {
					defer close(orderReady)
					if readers == 1 {
						if err := entities(conn); err != nil {
							return err
						}
					}
					t, err := loadArticleTitles(ctx, conn)
					if err != nil {
						return err
					}
					o, ok, err := loadTimelineOrder(ctx, conn)
					if err == nil && !ok {
						sparse.Store(true)
						err = errSparse
					}
					if err != nil {
						return err
					}
					titles = t
					// a few ranges per reader: one that started late
					// (the entities) takes fewer
					const perReader = 8
					step := max(1, (o.last-o.first+1+int64(readers*perReader)-1)/int64(readers*perReader))
					for lo := o.first; lo <= o.last; lo += step {
						ranges <- [2]int64{lo, min(lo+step-1, o.last)}
					}
					close(ranges)
					order = o
					return nil
				}()
			} else {
				err = entities(conn)
			}
			if err == nil {
				err = fill(i, conn)
			}
		})
	}
	wg.Wait()
	if sparse.Load() {
		return false, nil
	}
	if err := firstError(errs); err != nil {
		return true, fmt.Errorf("store: timeline: %w", err)
	}
	if n := int(read.Load()); n != order.n {
		return true, fmt.Errorf("store: timeline: %d events read, %d in the order read before them", n, order.n)
	}
	return true, emitSpilled(ctx, spills, lists, titles, fn)
}

// exportReaders is how many connections read the events table at once,
// at most one per core: SQLite reads one query on one core.
var exportReaders = 2

// errSparse stops the other readers when the ids are too sparse to index.
var errSparse = errors.New("event ids too sparse")

// firstError is the first of errs that is not a cancellation (which the
// first error caused), else the first.
func firstError(errs []error) error {
	var first error
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// snapshotConns opens n connections of the export's own, each in a read
// transaction, all begun while this library's writers wait (writeMu), so
// that they read the same state of it. (Another program writing to the
// library in between would give them different ones: then the order and
// the rows disagree, which the export finds and reports.) release ends
// the transactions and closes the connections.
//
// The pool's connections lock a mutex around every call into SQLite, a
// dozen a row: a tenth of an export's CPU time at 100,000 articles. These
// are each used by one goroutine at a time (database/sql's Conn, and the
// reader of eachEventBatch while its caller waits), so they need none
// (_mutex=no), and they only read.
func (s *Store) snapshotConns(ctx context.Context, n int) (conns []*sql.Conn, release func(), err error) {
	q := url.Values{}
	q.Set("_mutex", "no")
	if s.readOnly {
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	} else {
		q.Set("_query_only", "true")
		q.Set("_busy_timeout", "5000")
	}
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(s.path)+"?"+q.Encode())
	if err != nil {
		return nil, nil, err
	}
	release = func() {
		for _, c := range conns {
			// A plain BEGIN: BeginTx would take the write lock
			// (_txlock=immediate in the library's settings).
			c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
			c.Close()
		}
		db.Close()
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	for range n {
		c, err := db.Conn(ctx)
		if err != nil {
			release()
			return nil, nil, err
		}
		conns = append(conns, c)
		// BEGIN reads nothing: the first read fixes what it sees
		var tables int
		if _, err := c.ExecContext(ctx, "BEGIN"); err != nil {
			release()
			return nil, nil, err
		}
		if err := c.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			release()
			return nil, nil, err
		}
	}
	return conns, release, nil
}

// timelineBatch is a run of complete timeline events; their sources and
// entities are slices of sources and ents.
type timelineBatch struct {
	events  []TimelineEvent
	sources []EventSource
	ents    []EntityRef
}

// timelineBatchEvents is how many events a timelineBatch holds (a
// variable for the tests).
var timelineBatchEvents = 1024

// emitSpilled calls fn with the timeline's events, from spills, in order.
// A goroutine groups the events into batches while fn works on the batch
// before (the CSV or JSON of an export: about as long as the grouping).
func emitSpilled(ctx context.Context, spills []*eventSpill, lists *eventEntityLists, titles *articleTitles, fn func(ev *TimelineEvent) error) error {
	full, free := make(chan *timelineBatch, 1), make(chan *timelineBatch, 3)
	for range cap(free) {
		free <- &timelineBatch{}
	}
	stop := make(chan struct{})
	groupErr := make(chan error, 1)
	go func() {
		defer close(full)
		groupErr <- groupSpilled(ctx, spills, lists, titles, full, free, stop)
	}()
	var fnErr error
	for b := range full {
		if fnErr != nil {
			continue // let the grouping see stop and end
		}
		for i := range b.events {
			if fnErr = fn(&b.events[i]); fnErr != nil {
				close(stop)
				break
			}
		}
		if fnErr == nil {
			free <- b
		}
	}
	err := <-groupErr
	if fnErr != nil {
		return fnErr // as it is, not as the store's error
	}
	if err != nil {
		return fmt.Errorf("store: timeline: %w", err)
	}
	return nil
}

// groupSpilled reads the events back from spills in timeline order, checks
// that order, and groups them into batches of complete timeline events,
// each with its sources' entities (each source's by rank, the first time
// one appears, as Timeline orders them).
func groupSpilled(ctx context.Context, spills []*eventSpill, lists *eventEntityLists, titles *articleTitles,
	full chan<- *timelineBatch, free <-chan *timelineBatch, stop <-chan struct{}) error {
	var b *timelineBatch
	take := func() bool {
		select {
		case b = <-free:
			b.events, b.sources, b.ents = b.events[:0], b.sources[:0], b.ents[:0]
			return true
		case <-stop:
			return false
		}
	}
	send := func() bool {
		select {
		case full <- b:
			return true
		case <-stop:
			return false
		}
	}
	if !take() {
		return nil
	}
	var merged []int32    // the group's entities, as positions in lists.ranked
	var head spilledEvent // the group's first event
	start := -1           // where the open group's sources start in b.sources
	finish := func() {
		srcs := b.sources[start:len(b.sources):len(b.sources)]
		merged = merged[:0]
		for _, src := range srcs {
			for _, p := range lists.of(src.EventID) {
				if !slices.Contains(merged, p) {
					merged = append(merged, p)
				}
			}
		}
		ev := TimelineEvent{GroupID: head.gid, Date: head.date, Precision: head.prec, Type: head.src.Type, Title: head.src.Title,
			Sources: srcs}
		if len(merged) > 0 {
			e0 := len(b.ents)
			for _, p := range merged {
				b.ents = append(b.ents, lists.ranked[p].EntityRef)
			}
			ev.Entities = b.ents[e0:len(b.ents):len(b.ents)]
		}
		b.events = append(b.events, ev)
	}
	var prev spilledEvent // the last event read, to check the order
	stopped := false
	err := eachSpilled(ctx, spills, func(e *spilledEvent) error {
		if start >= 0 && !e.after(&prev) {
			return fmt.Errorf("event %d (%s, group %d) comes after event %d (%s, group %d): the order read and the rows disagree",
				e.src.EventID, e.date, e.gid, prev.src.EventID, prev.date, prev.gid)
		}
		prev = *e
		if start < 0 || e.gid != head.gid {
			if start >= 0 {
				finish()
				if len(b.events) >= timelineBatchEvents {
					if !send() || !take() {
						stopped = true
						return errStopped
					}
				}
			}
			head, start = *e, len(b.sources)
		}
		e.src.ArticleTitle, _ = titles.of(e.src.ArticleID)
		b.sources = append(b.sources, e.src)
		return nil
	})
	if stopped {
		return nil
	}
	if err != nil {
		return err
	}
	if start >= 0 {
		finish()
	}
	if len(b.events) > 0 {
		send()
	}
	return nil
}

// errStopped ends eachSpilled when fn stopped the export.
var errStopped = errors.New("stopped")

// exportOrderQuery lists the event ids in timeline order from
// events_timeline alone (TestExportReadsIndexThenTable), from the key
// after (?, ?, ?) on: a chunk at a time, each as one string.
const exportOrderQuery = `SELECT coalesce(group_concat(id, ','), '') FROM (SELECT id FROM events
	WHERE (date, group_id, id) > (?, ?, ?) ORDER BY date, group_id, id LIMIT ?)`

// exportEventsQuery reads the events of a range of ids in the table's own
// order, the one its pages are in (TestExportReadsIndexThenTable).
const exportEventsQuery = `SELECT id, group_id, article_id, date, precision, type, title,
	sentence_start, sentence_end, sentence_text, timex_start, timex_end, user_edited
	FROM events WHERE id >= ? AND id <= ? ORDER BY id`

// timelineOrder is every event's place in timeline order (date, group,
// id): pos[id-first] is the place plus one, 0 where no event has the id.
type timelineOrder struct {
	first, last int64 // the smallest and the largest id
	pos         []uint32
	n           int // events
}

func (o *timelineOrder) of(id int64) (int, bool) {
	i := id - o.first
	if i < 0 || i >= int64(len(o.pos)) || o.pos[i] == 0 {
		return 0, false
	}
	return int(o.pos[i]) - 1, true
}

// exportOrderChunk is how many ids exportOrderQuery lists at a time (a
// variable for the tests).
var exportOrderChunk = 1 << 18

// loadTimelineOrder reads the timeline's order of every event through q,
// from the index only. ok is false when the ids are too sparse to index
// (see maxEventIDSpan).
func loadTimelineOrder(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (o *timelineOrder, ok bool, err error) {
	var lo, hi int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT min(id) FROM events), 0), coalesce((SELECT max(id) FROM events), -1)`).
		Scan(&lo, &hi); err != nil {
		return nil, false, fmt.Errorf("store: timeline order: %w", err)
	}
	if hi-lo >= maxEventIDSpan {
		return nil, false, nil
	}
	o = &timelineOrder{first: lo, last: hi, pos: make([]uint32, hi-lo+1)}
	// The key the next chunk starts after: below every real one at first.
	var date string
	var gid, id int64 = math.MinInt64, math.MinInt64
	for {
		var ids string
		if err := q.QueryRowContext(ctx, exportOrderQuery, date, gid, id, exportOrderChunk).Scan(&ids); err != nil {
			return nil, false, fmt.Errorf("store: timeline order: %w", err)
		}
		if ids == "" {
			return o, true, nil
		}
		for rest := ids; rest != ""; {
			var ok bool
			if id, rest, ok = cutInt(rest, ','); !ok || id < lo || id > hi || o.pos[id-lo] != 0 {
				return nil, false, fmt.Errorf("store: timeline order: bad id list near %.40q", rest)
			}
			o.n++
			o.pos[id-lo] = uint32(o.n)
		}
		if err := q.QueryRowContext(ctx, `SELECT date, group_id FROM events WHERE id = ?`, id).Scan(&date, &gid); err != nil {
			return nil, false, fmt.Errorf("store: timeline order: %w", err)
		}
	}
}

// spilledEvent is one event as eventSpill hands it back.
type spilledEvent struct {
	src        EventSource // without its ArticleTitle
	gid        int64
	date, prec string
}

// after reports whether e comes after p in timeline order.
func (e *spilledEvent) after(p *spilledEvent) bool {
	if e.date != p.date {
		return e.date > p.date
	}
	if e.gid != p.gid {
		return e.gid > p.gid
	}
	return e.src.EventID > p.src.EventID
}

// eventSpill holds the events read in the table's order, sorted into
// buckets of exportBucketEvents consecutive timeline positions. What the
// buckets hold beyond exportSpillBudget goes to a temporary file (beside
// the library, on the disk that holds it, rather than in a /tmp that may
// be memory), each bucket's parts in order; each bucket is read back
// whole, its events put in order by their positions.
type eventSpill struct {
	dir       string
	perBucket int
	budget    int // bytes held in memory at most
	// Each bucket's records not yet written, in chunks of spillChunk
	// bytes: buckets that grew by appending kept their largest size
	// (the rows come in analysis order, a few buckets at a time) and
	// copied themselves as they grew.
	mem   [][][]byte
	free  [][]byte     // chunks written out, for reuse
	parts [][]spillRun // each bucket's runs in the file, in order
	held  int          // bytes in mem
	file  *os.File
	size  int64 // bytes in the file
	rec   []byte
}

const spillChunk = 64 << 10

// spillRun is a run of one bucket's records in the spill file.
type spillRun struct {
	off int64
	n   int
}

// exportBucketEvents is how many consecutive timeline positions a bucket
// covers (about 4 MB of records), and exportSpillBudget how many bytes the
// buckets of all readers hold in memory before they are written out. At
// 100,000 articles these sizes left the export's CPU time as it was with
// twice as much and its peak memory 350 MB rather than 460 (the Go heap
// is about twice what is live, and the driver's strings are most of what
// it allocates). Variables for the tests, which make them small.
var (
	exportBucketEvents = 1 << 14
	exportSpillBudget  = 16 << 20
	// exportSpillHook, when set (tests), learns the file's name.
	exportSpillHook func(path string)
)

func newEventSpill(events int, dir string, budget int) *eventSpill {
	n := (events + exportBucketEvents - 1) / exportBucketEvents
	return &eventSpill{dir: dir, perBucket: exportBucketEvents, budget: budget, mem: make([][][]byte, n), parts: make([][]spillRun, n)}
}

func (sp *eventSpill) close() {
	if sp.file != nil {
		sp.file.Close()
		os.Remove(sp.file.Name())
	}
}

// fill reads the events of ids lo to hi through conn in the table's order
// into the buckets, and says how many it read. Straight from the driver:
// database/sql's locking and conversions for each of the 13 columns of
// millions of rows cost more than SQLite's reading them. A goroutine reads
// batches of rows while this one sorts the previous batch into the
// buckets. Events whose article has no row are left out, as the join with
// articles leaves them out of Timeline.
func (sp *eventSpill) fill(ctx context.Context, conn *sql.Conn, lo, hi int64, order *timelineOrder, titles *articleTitles) (read int, err error) {
	err = eachEventBatch(ctx, conn, exportEventsQuery, []driver.NamedValue{{Ordinal: 1, Value: lo}, {Ordinal: 2, Value: hi}}, func(b *eventRows) error {
		for i := range b.n {
			src := &b.src[i]
			pos, ok := order.of(src.EventID)
			if !ok {
				return fmt.Errorf("event %d is not in the order read before it", src.EventID)
			}
			read++
			if _, known := titles.of(src.ArticleID); !known {
				continue
			}
			if err := sp.add(pos, src, b.gid[i], b.date[i], b.prec[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return read, err
}

// add appends the event at timeline position pos to its bucket: its
// record's length, the position, the numbers as varints, the texts each
// after its length.
func (sp *eventSpill) add(pos int, src *EventSource, gid int64, date, prec string) error {
	b := append(sp.rec[:0], 0, 0, 0, 0) // the record's length, once known
	b = binary.LittleEndian.AppendUint32(b, uint32(pos))
	b = binary.AppendVarint(b, src.EventID)
	b = binary.AppendVarint(b, gid)
	b = binary.AppendVarint(b, src.ArticleID)
	b = binary.AppendVarint(b, int64(src.Sentence.Start))
	b = binary.AppendVarint(b, int64(src.Sentence.End))
	b = binary.AppendVarint(b, int64(src.Timex.Start))
	b = binary.AppendVarint(b, int64(src.Timex.End))
	if src.UserEdited {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	for _, s := range [...]string{date, prec, src.Type, src.Title, src.SentenceText} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	binary.LittleEndian.PutUint32(b, uint32(len(b)))
	sp.rec = b
	// into the bucket's chunks, across two where it does not fit
	k := pos / sp.perBucket
	for len(b) > 0 {
		chunks := sp.mem[k]
		if len(chunks) == 0 || len(chunks[len(chunks)-1]) == spillChunk {
			var c []byte
			if n := len(sp.free); n > 0 {
				c, sp.free = sp.free[n-1][:0], sp.free[:n-1]
			} else {
				c = make([]byte, 0, spillChunk)
			}
			chunks = append(chunks, c)
		}
		c := chunks[len(chunks)-1]
		n := min(len(b), spillChunk-len(c))
		chunks[len(chunks)-1] = append(c, b[:n]...)
		sp.mem[k] = chunks
		sp.held += n
		b = b[n:]
	}
	if sp.held > sp.budget {
		return sp.spill()
	}
	return nil
}

// spill writes every bucket's records held in memory to the file.
func (sp *eventSpill) spill() error {
	if sp.file == nil {
		f, err := os.CreateTemp(sp.dir, ".annals-export-*.tmp")
		if err != nil {
			// a library in a folder it cannot write to (read-only)
			if f, err = os.CreateTemp("", "annals-export-*.tmp"); err != nil {
				return fmt.Errorf("a file for the export's events: %w", err)
			}
		}
		sp.file = f
		if exportSpillHook != nil {
			exportSpillHook(f.Name())
		}
		// Where an open file can lose its name (not Windows), it does
		// at once: an export that crashes leaves nothing behind. close
		// removes it elsewhere.
		if runtime.GOOS != "windows" {
			os.Remove(f.Name())
		}
	}
	for k, chunks := range sp.mem {
		if len(chunks) == 0 {
			continue
		}
		run := spillRun{off: sp.size}
		for _, c := range chunks {
			if _, err := sp.file.Write(c); err != nil {
				return fmt.Errorf("writing the export's events: %w", err)
			}
			run.n += len(c)
			sp.free = append(sp.free, c)
		}
		sp.parts[k] = append(sp.parts[k], run)
		sp.size += int64(run.n)
		sp.mem[k] = chunks[:0]
	}
	sp.held = 0
	return nil
}

// spillBucket is one bucket read back: its records, and where each
// position's record starts (plus one; 0: no event there).
type spillBucket struct {
	recs string
	at   []uint32
	err  error
}

// loadBucket reads bucket k of every spill back whole (each holds the
// events of its ranges of ids). The records become one string that the
// events' texts are cut from: the bytes are never changed after.
func loadBucket(spills []*eventSpill, k int, at []uint32) spillBucket {
	n := 0
	for _, sp := range spills {
		for _, c := range sp.mem[k] {
			n += len(c)
		}
		for _, r := range sp.parts[k] {
			n += r.n
		}
	}
	if n == 0 {
		return spillBucket{at: at[:0]}
	}
	buf := make([]byte, 0, n)
	for _, sp := range spills {
		for _, r := range sp.parts[k] {
			buf = buf[:len(buf)+r.n]
			if _, err := sp.file.ReadAt(buf[len(buf)-r.n:], r.off); err != nil {
				return spillBucket{err: fmt.Errorf("reading the export's events back: %w", err)}
			}
		}
		for _, c := range sp.mem[k] {
			buf = append(buf, c...)
		}
		sp.mem[k] = nil
	}
	perBucket := spills[0].perBucket
	at = at[:perBucket]
	clear(at)
	base := k * perBucket
	for off := 0; off < len(buf); {
		size := int(binary.LittleEndian.Uint32(buf[off:]))
		pos := int(binary.LittleEndian.Uint32(buf[off+4:]))
		if size < 9 || off+size > len(buf) || pos < base || pos >= base+perBucket || at[pos-base] != 0 {
			return spillBucket{err: fmt.Errorf("the export's events: a bad record at %d of bucket %d", off, k)}
		}
		at[pos-base] = uint32(off) + 1
		off += size
	}
	return spillBucket{recs: unsafe.String(unsafe.SliceData(buf), len(buf)), at: at}
}

// eachSpilled calls fn with every event of spills in timeline order. A
// goroutine reads the next bucket back while fn works on this one's
// events. fn must not keep e; the strings in it it may keep.
func eachSpilled(ctx context.Context, spills []*eventSpill, fn func(e *spilledEvent) error) error {
	// unbuffered: the next bucket is loaded into the position table
	// of the one before, once fn is done with it
	loaded := make(chan spillBucket)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(loaded)
		// two position tables, one for the bucket fn works on, one for the
		// next
		perBucket := spills[0].perBucket
		ats := [2][]uint32{make([]uint32, perBucket), make([]uint32, perBucket)}
		for k := range spills[0].mem {
			b := loadBucket(spills, k, ats[k%2])
			select {
			case loaded <- b:
			case <-stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	var e spilledEvent
	for b := range loaded {
		if b.err != nil {
			return b.err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, at := range b.at {
			if at == 0 {
				continue // an event of no article's, left out
			}
			if err := decodeSpilled(b.recs[at-1:], &e); err != nil {
				return err
			}
			if err := fn(&e); err != nil {
				return err
			}
		}
	}
	return nil
}

// decodeSpilled reads the record rec begins with (eventSpill.add's) into e.
func decodeSpilled(rec string, e *spilledEvent) error {
	size := int(rec[0]) | int(rec[1])<<8 | int(rec[2])<<16 | int(rec[3])<<24
	r := rec[8:size]
	bad := false
	num := func() int64 {
		v, n := varintString(r)
		if n <= 0 {
			bad = true
			return 0
		}
		r = r[n:]
		return v
	}
	text := func() string {
		l, n := uvarintString(r)
		if n <= 0 || uint64(len(r)-n) < l {
			bad = true
			return ""
		}
		s := r[n : n+int(l)]
		r = r[n+int(l):]
		return s
	}
	e.src.EventID = num()
	e.gid = num()
	e.src.ArticleID = num()
	e.src.Sentence.Start = int(num())
	e.src.Sentence.End = int(num())
	e.src.Timex.Start = int(num())
	e.src.Timex.End = int(num())
	if bad || r == "" {
		return fmt.Errorf("the export's events: a bad record")
	}
	e.src.UserEdited = r[0] == 1
	r = r[1:]
	e.date, e.prec, e.src.Type, e.src.Title, e.src.SentenceText = text(), text(), text(), text(), text()
	if bad {
		return fmt.Errorf("the export's events: a bad record")
	}
	return nil
}

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

// eachEventBatch runs query (exportEventsQuery's columns) on conn straight
// through the driver and calls fn with its rows a batch at a time. The
// driver gets a context it cannot cancel (cancelling costs it a check per
// row); the loop checks ctx itself. A goroutine reads the next batch while
// fn works on this one; the batches go round (free → full → free): a few
// thousand rows in memory.
func eachEventBatch(ctx context.Context, conn *sql.Conn, query string, args []driver.NamedValue, fn func(b *eventRows) error) error {
	return conn.Raw(func(dc any) error {
		qc, ok := dc.(driver.QueryerContext)
		if !ok {
			return fmt.Errorf("the driver cannot query")
		}
		rows, err := qc.QueryContext(context.WithoutCancel(ctx), query, args)
		if err != nil {
			return err
		}
		defer rows.Close()
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
			if err := fn(b); err != nil {
				return finish(err)
			}
			free <- b
		}
		return <-readErr
	})
}

// varintString and uvarintString are binary.Varint and binary.Uvarint
// reading a string.
func uvarintString(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			return x | uint64(c)<<shift, i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

func varintString(s string) (int64, int) {
	ux, n := uvarintString(s)
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x, n
}
