package store

import (
	"context"
	"database/sql"
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
// library, which would rewrite 88 MB to fold in a few articles.
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
