package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// searchMergePages is how much of the search index one step of
// OptimizeSearch merges (FTS5 'merge' with a negative page count): about a
// fifth of a second at 10,000 articles on a busy machine, so a save waits
// no longer than that for the write lock while it runs.
var searchMergePages = 500

// searchIndexes are the full-text tables OptimizeSearch merges.
var searchIndexes = []string{"articles_fts", "highlights_fts"}

// OptimizeSearch merges each full-text index's segments into one (issue
// 19). FTS5 writes every transaction's entries as a new segment and merges
// them only a few at a time (automerge): a library filled by saves and
// imports keeps hundreds of partly merged segments, the same words' lists
// stored in pieces, each with its own headers and page of slack. Merged,
// the search index of a freshly generated 10,000-article library goes from
// 90.4 to 87.8 MB (4 s on a busy machine) and a search reads one list per
// word instead of several.
//
// Merging rewrites the whole index, its largest segment included, so it
// is done only when the other segments hold at least a quarter of the
// index's pages (worthMerging): a fresh library, or one that grew by a
// third since; not the few segments a session's saves add to a merged
// library, which would rewrite 88 MB to fold in a few articles. Or when
// one in searchDeletedShare of the rows the index holds are deleted ones
// (manyDeleted): an article deleted, or rewritten with other words (as
// CompactArticles does to the text it strips), stays in its segment with
// a tombstone beside it until a merge drops both, and every match a
// search reads from a segment with tombstones is looked up in them.
//
// It works in short steps, each its own transaction (FTS5 'merge' with a
// negative page count merges even levels automerge leaves alone), and
// stops when a step finds nothing left to merge. It is for maintenance,
// when no job is running; it stops when ctx is cancelled (what it merged
// so far stays merged). The pages merging frees are free pages in the
// file until ReclaimSpace gives them back. It returns how many steps did
// work.
func (s *Store) OptimizeSearch(ctx context.Context) (int, error) {
	if s.readOnly {
		return 0, nil
	}
	steps := 0
	for _, table := range searchIndexes {
		if err := ctx.Err(); err != nil {
			return steps, err
		}
		worth, err := s.worthMerging(ctx, table)
		if err != nil {
			return steps, err
		}
		if !worth {
			if worth, err = s.manyDeleted(ctx, table); err != nil {
				return steps, err
			}
		}
		if !worth {
			continue
		}
		for {
			if err := ctx.Err(); err != nil {
				return steps, err
			}
			merged, err := s.mergeStep(ctx, table)
			if err != nil {
				return steps, err
			}
			if !merged {
				break
			}
			steps++
		}
	}
	return steps, nil
}

// worthMerging says whether table's segments other than its largest hold
// a quarter or more of its pages. FTS5 numbers a segment's pages
// segid<<37 + page; the rows below 1<<37 are the index's structure and
// averages. Counting reads the index's row ids only: tens of
// milliseconds at 10,000 articles.
func (s *Store) worthMerging(ctx context.Context, table string) (bool, error) {
	var segments, pages, largest int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(n), 0), coalesce(max(n), 0)
		FROM (SELECT count(*) AS n FROM `+table+`_data WHERE id >> 37 > 0 GROUP BY id >> 37)`).Scan(&segments, &pages, &largest)
	if err != nil {
		return false, fmt.Errorf("store: size up the search index %s: %w", table, err)
	}
	return segments > 1 && (pages-largest)*4 >= pages, nil
}

// searchDeletedShare: OptimizeSearch merges an index one in this many of
// whose rows are deleted ones. The lookups cost every match of a segment
// with tombstones the same whether it has few or many (issue 19: about a
// fifth of ranking a common word at 100,000 articles, 1.9 % of them
// rewritten), but a merge rewrites the whole index (about a minute at
// 100,000 articles): one percent is a merge for a thousand deletions
// there, and for one at 100 articles, where it takes milliseconds.
var searchDeletedShare int64 = 100

// manyDeleted says whether one in searchDeletedShare or more of the rows
// table's segments hold are deleted (searchRows).
func (s *Store) manyDeleted(ctx context.Context, table string) (bool, error) {
	rows, deleted, err := s.searchRows(ctx, table)
	if err != nil {
		return false, err
	}
	return deleted > 0 && deleted*searchDeletedShare >= rows, nil
}

// searchRows says how many rows table's segments hold and how many of
// them are deleted, from the index's structure record (FTS5 keeps it at
// rowid 10 of the _data table): one row read, however large the index. A
// contentless_delete table (both of ours) records, for each segment, the
// rows written to it and its tombstones, the deleted ones among them.
// A record without those counts (no segment yet) is no rows.
func (s *Store) searchRows(ctx context.Context, table string) (rows, deleted int64, err error) {
	var record []byte
	err = s.db.QueryRowContext(ctx, "SELECT block FROM "+table+"_data WHERE id = 10").Scan(&record)
	if err == sql.ErrNoRows {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("store: read the structure of the search index %s: %w", table, err)
	}
	rows, deleted, err = decodeSearchStructure(record)
	if err != nil {
		return 0, 0, fmt.Errorf("store: the structure of the search index %s: %w", table, err)
	}
	return rows, deleted, nil
}

// decodeSearchStructure reads an FTS5 structure record (fts5StructureDecode
// in SQLite's fts5_index.c): a 4-byte cookie; the 4 bytes FF 00 00 01 when
// segments carry the counts of a contentless_delete table (version 2);
// the number of levels, of segments and the write counter; then for each
// level the segments in merge and the segments, each its id, first and
// last page and, in version 2, two origins, its tombstone pages, its
// tombstones and its rows. Numbers are SQLite varints (big-endian, 7 bits
// a byte, the ninth byte 8 bits). It sums the rows and tombstones.
func decodeSearchStructure(b []byte) (rows, deleted int64, err error) {
	if len(b) < 4 {
		return 0, 0, errors.New("record too short")
	}
	i := 4
	v2 := len(b) >= 8 && b[4] == 0xFF && b[5] == 0 && b[6] == 0 && b[7] == 1
	if v2 {
		i = 8
	}
	next := func() (uint64, bool) {
		var v uint64
		for k := 0; k < 9; k++ {
			if i >= len(b) {
				return 0, false
			}
			c := b[i]
			i++
			if k == 8 {
				return v<<8 | uint64(c), true
			}
			v = v<<7 | uint64(c&0x7F)
			if c < 0x80 {
				return v, true
			}
		}
		return v, true
	}
	var head [3]uint64 // levels, segments, write counter
	for k := range head {
		v, ok := next()
		if !ok {
			return 0, 0, errors.New("record cut short")
		}
		head[k] = v
	}
	levels, segments := head[0], head[1]
	perSegment := 3
	if v2 {
		perSegment = 8
	}
	var fields [8]uint64
	for range levels {
		var lvl [2]uint64 // in merge, segments
		for k := range lvl {
			v, ok := next()
			if !ok {
				return 0, 0, errors.New("record cut short")
			}
			lvl[k] = v
		}
		if lvl[1] > segments {
			return 0, 0, errors.New("more segments than the record says")
		}
		segments -= lvl[1]
		for range lvl[1] {
			for k := range perSegment {
				v, ok := next()
				if !ok {
					return 0, 0, errors.New("record cut short")
				}
				fields[k] = v
			}
			if v2 {
				deleted += int64(fields[6])
				rows += int64(fields[7])
			}
		}
	}
	if segments != 0 {
		return 0, 0, errors.New("fewer segments than the record says")
	}
	return rows, deleted, nil
}

// mergeStep runs one FTS5 merge step on table and says whether it merged
// anything: a step with nothing to merge changes no row but its own
// command (FTS5's documented test: total_changes grows by less than 2).
func (s *Store) mergeStep(ctx context.Context, table string) (bool, error) {
	var merged bool
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var before, after int64
		if err := tx.QueryRowContext(ctx, "SELECT total_changes()").Scan(&before); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+table+" ("+table+", rank) VALUES ('merge', ?)", -searchMergePages); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT total_changes()").Scan(&after); err != nil {
			return err
		}
		merged = after-before >= 2
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: merge the search index %s: %w", table, err)
	}
	return merged, nil
}
