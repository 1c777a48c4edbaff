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
		st, err := s.readSearchStructure(ctx, table)
		if err != nil {
			return steps, err
		}
		if !st.worthMerging() && !st.manyDeleted() {
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

// searchStructure is what a search index's structure record says of its
// segments (readSearchStructure).
type searchStructure struct {
	segments int
	// pages is the leaf pages of all segments, largest the most one
	// segment has.
	pages, largest int64
	// rows is the rows written to the segments, deleted how many of
	// them are deleted since (their tombstones).
	rows, deleted int64
}

// worthMerging says whether the segments other than the largest hold a
// quarter or more of the index's pages.
func (st searchStructure) worthMerging() bool {
	return st.segments > 1 && (st.pages-st.largest)*4 >= st.pages
}

// searchDeletedShare: OptimizeSearch merges an index one in this many of
// whose rows are deleted ones. The lookups cost every match of a segment
// with tombstones the same whether it has few or many (issue 19: mean
// CPU per search 5.4 ms at 100,000 articles, 1.9 % of them rewritten,
// 4.5 ms merged), but a merge rewrites the whole index (10 s of CPU at
// 100,000 articles): one percent is a merge for a thousand deletions
// there, and for one at 100 articles, where it takes milliseconds.
var searchDeletedShare int64 = 100

// manyDeleted says whether one in searchDeletedShare or more of the rows
// the segments hold are deleted.
func (st searchStructure) manyDeleted() bool {
	return st.deleted > 0 && st.deleted*searchDeletedShare >= st.rows
}

// readSearchStructure reads table's structure record (FTS5 keeps it at
// rowid 10 of the _data table): one row, however large the index, where
// counting the pages' row ids took a quarter of a second of CPU at
// 100,000 articles. A contentless_delete table (both of ours) records,
// for each segment, the rows written to it and its tombstones.
func (s *Store) readSearchStructure(ctx context.Context, table string) (searchStructure, error) {
	var record []byte
	err := s.db.QueryRowContext(ctx, "SELECT block FROM "+table+"_data WHERE id = 10").Scan(&record)
	if err == sql.ErrNoRows {
		return searchStructure{}, nil
	}
	if err != nil {
		return searchStructure{}, fmt.Errorf("store: read the structure of the search index %s: %w", table, err)
	}
	st, err := decodeSearchStructure(record)
	if err != nil {
		return searchStructure{}, fmt.Errorf("store: the structure of the search index %s: %w", table, err)
	}
	return st, nil
}

// decodeSearchStructure reads an FTS5 structure record (fts5StructureDecode
// in SQLite's fts5_index.c): a 4-byte cookie; the 4 bytes FF 00 00 01 when
// segments carry the counts of a contentless_delete table (version 2);
// the number of levels, of segments and the write counter; then for each
// level the segments in merge and the segments, each its id, first and
// last leaf page and, in version 2, two origins, its tombstone pages, its
// tombstones and its rows. Numbers are SQLite varints (big-endian, 7 bits
// a byte, the ninth byte 8 bits). A version 1 record has no rows.
func decodeSearchStructure(b []byte) (searchStructure, error) {
	var st searchStructure
	if len(b) < 4 {
		return st, errors.New("record too short")
	}
	i := 4
	v2 := len(b) >= 8 && b[4] == 0xFF && b[5] == 0 && b[6] == 0 && b[7] == 1
	if v2 {
		i = 8
	}
	cut := errors.New("record cut short")
	// read reads len(dst) varints into dst.
	read := func(dst []uint64) error {
		for n := range dst {
			var v uint64
			for k := 0; ; k++ {
				if i >= len(b) {
					return cut
				}
				c := b[i]
				i++
				if k == 8 {
					v = v<<8 | uint64(c)
					break
				}
				v = v<<7 | uint64(c&0x7F)
				if c < 0x80 {
					break
				}
			}
			dst[n] = v
		}
		return nil
	}
	var head [3]uint64 // levels, segments, write counter
	if err := read(head[:]); err != nil {
		return st, err
	}
	levels, segments := head[0], head[1]
	perSegment := 3
	if v2 {
		perSegment = 8
	}
	var lvl [2]uint64 // segments in merge, segments
	var seg [8]uint64
	for range levels {
		if err := read(lvl[:]); err != nil {
			return st, err
		}
		if lvl[1] > segments {
			return st, errors.New("more segments than the record says")
		}
		segments -= lvl[1]
		for range lvl[1] {
			if err := read(seg[:perSegment]); err != nil {
				return st, err
			}
			if seg[2] < seg[1] {
				return st, errors.New("a segment ends before it begins")
			}
			pages := int64(seg[2] - seg[1] + 1)
			st.segments++
			st.pages += pages
			st.largest = max(st.largest, pages)
			if v2 {
				st.deleted += int64(seg[6])
				st.rows += int64(seg[7])
			}
		}
	}
	if segments != 0 {
		return st, errors.New("fewer segments than the record says")
	}
	return st, nil
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
