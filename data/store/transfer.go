package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Imports, the fetch queue and backups. An import writes every row of an
// export in one transaction; articles it knows only by URL are stored with
// status pending, which is the fetch queue itself: nothing else records
// what is left to fetch, so a process killed midway just leaves rows
// pending for the next run.

// ImportRow is one article an import brings. Article.Status is pending
// (URL, title, tags and flags only) or ready (the export carried the
// page, already captured into Text, Blocks and HTML).
type ImportRow struct {
	Article    Article
	Highlights []ImportHighlight
}

// ImportHighlight is a passage marked in the other app, placed in the text
// by its quote (now, or once the page has been fetched).
type ImportHighlight struct {
	Quote, Note string
}

// ImportStats says what ImportArticles did.
type ImportStats struct {
	Created    int     // new articles
	Merged     int     // rows that matched an article already there (or an earlier row)
	Highlights int     // highlights added
	IDs        []int64 // the article id of each row, in order
	Filled     []bool  // whether each row's page was written (a ready row that is new, or filled a pending one)
}

// ImportArticles writes rows in one transaction: all land or none. A row
// whose URL key is already in the library is merged into that article: its
// tags are added, archived and favourite are set if either says so, the
// earlier saved date is kept, and a ready row fills an article still
// pending or failed. Nothing is ever doubled.
func (s *Store) ImportArticles(ctx context.Context, rows []ImportRow) (ImportStats, error) {
	var st ImportStats
	hasHL, err := s.hasTable(ctx, "highlights")
	if err != nil {
		return st, err
	}
	now := time.Now().UTC()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		st = ImportStats{IDs: make([]int64, 0, len(rows)), Filled: make([]bool, 0, len(rows))}
		find, err := tx.PrepareContext(ctx, "SELECT id, status, saved FROM articles WHERE url_key = ?")
		if err != nil {
			return err
		}
		defer find.Close()
		insert, err := tx.PrepareContext(ctx, insertArticleSQL)
		if err != nil {
			return err
		}
		defer insert.Close()
		merge, err := tx.PrepareContext(ctx, `UPDATE articles SET archived = archived OR ?, favourite = favourite OR ?,
			title = CASE WHEN title = '' THEN ? ELSE title END, saved = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer merge.Close()
		for i := range rows {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			a := &rows[i].Article
			if a.URL == "" {
				return fmt.Errorf("store: import row %d has no URL", i+1)
			}
			if err := checkArticle(a); err != nil {
				return fmt.Errorf("store: import row %d: %w", i+1, err)
			}
			key := URLKey(a.URL)
			status := a.Status
			if status == "" {
				status = StatusPending
			}
			saved := a.Saved.UTC()
			if a.Saved.IsZero() {
				saved = time.Now().UTC()
			}
			var id int64
			var oldStatus, oldSaved string
			filled := false
			err := find.QueryRowContext(ctx, key).Scan(&id, &oldStatus, &oldSaved)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				// An imported row is a link still to fetch unless it says
				// otherwise, and brings no error of its own.
				row := *a
				row.Status, row.Error, row.Saved = status, "", saved
				args, err := articleWriteArgs(&row, now)
				if err != nil {
					return fmt.Errorf("store: import %s: %w", a.URL, err)
				}
				res, err := insert.ExecContext(ctx, articleInsertArgs(args, &row, key, now)...)
				if err != nil {
					return fmt.Errorf("store: import %s: %w", a.URL, err)
				}
				if id, err = res.LastInsertId(); err != nil {
					return err
				}
				st.Created++
				filled = status == StatusReady
			case err != nil:
				return fmt.Errorf("store: import %s: %w", a.URL, err)
			default:
				st.Merged++
				keep := oldSaved
				if t := parseTime(oldSaved); t.IsZero() || saved.Before(t) {
					keep = fmtTime(saved)
				}
				if _, err := merge.ExecContext(ctx, a.Archived, a.Favourite, storedTitle(a.Title), keep, id); err != nil {
					return fmt.Errorf("store: merge %s: %w", a.URL, err)
				}
				if status == StatusReady && Status(oldStatus) != StatusReady {
					if err := fillArticle(ctx, tx, id, a); err != nil {
						return err
					}
					filled = true
				}
			}
			a.ID = id
			st.IDs = append(st.IDs, id)
			st.Filled = append(st.Filled, filled)
			if err := setTags(ctx, tx, id, a.Tags); err != nil {
				return err
			}
			if hasHL && len(rows[i].Highlights) > 0 {
				n, err := importHighlights(ctx, tx, id, rows[i].Highlights, fmtTime(now))
				if err != nil {
					return err
				}
				st.Highlights += n
			}
		}
		return nil
	})
	if err != nil {
		return ImportStats{}, err
	}
	return st, nil
}

// importHighlights adds the highlights an article does not have yet (same
// quote). Those whose quote is not in the text (an article still pending)
// are kept orphaned at the start; re-anchoring places them once the page
// has been fetched.
func importHighlights(ctx context.Context, tx *sql.Tx, id int64, hs []ImportHighlight, now string) (int, error) {
	var text string
	if err := tx.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", id).Scan(&text); err != nil {
		return 0, fmt.Errorf("store: import highlights of %d: %w", id, err)
	}
	n := 0
	for _, h := range hs {
		quote := strings.TrimSpace(h.Quote)
		if quote == "" {
			continue
		}
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM highlights WHERE article_id = ? AND quote = ?", id, quote).Scan(&one)
		if err == nil {
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return n, fmt.Errorf("store: import highlights of %d: %w", id, err)
		}
		start, end, ok := anchor(text, quote, 0, 0)
		if ok {
			quote = text[start:end]
		} else {
			start, end = 0, len(quote)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO highlights (article_id, byte_start, byte_end, quote, note, orphaned, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, start, end, quote, clipNote(h.Note), !ok, now, now); err != nil {
			return n, fmt.Errorf("store: import highlight of %d: %w", id, err)
		}
		n++
	}
	return n, nil
}

// fillArticle writes a captured page into row id, keeping its URL key,
// tags, flags, saved date and reading progress. The row's title, when it
// has one (what the user imported), wins over a.Title.
func fillArticle(ctx context.Context, tx *sql.Tx, id int64, a *Article) error {
	if err := checkArticle(a); err != nil {
		return err
	}
	page, err := encodePage(a.HTML, a.Text, a.Blocks)
	if err != nil {
		return err
	}
	warnings, _ := json.Marshal(nonNilStrings(a.Warnings))
	dir := a.Dir
	if dir == "" {
		dir = "ltr"
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET canonical_url = ?, title = CASE WHEN title = '' THEN ? ELSE title END,
		byline = ?, site = ?, excerpt = ?, published = ?, updated = ?, language = ?, dir = ?, html = ?, text = ?,
		blocks = ?, lead_image = ?, word_count = ?, reading_minutes = ?, status = 'ready', error = '', warnings = ?
		WHERE id = ?`, a.CanonicalURL, storedTitle(a.Title), a.Byline, a.Site, a.Excerpt, fmtTime(a.Published),
		fmtTime(time.Now().UTC()), a.Language, dir, page.html, page.text, page.blocks, a.LeadImage, a.WordCount,
		a.ReadingMinutes, string(warnings), id)
	if err != nil {
		return fmt.Errorf("store: fill article %d: %w", id, err)
	}
	return nil
}

// CompleteArticle stores the fetched page of a queued (pending or failed)
// article in place, so the row, its tags and its highlights stay the same.
// It returns ErrNotFound when the row is gone.
func (s *Store) CompleteArticle(ctx context.Context, id int64, a *Article) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM articles WHERE id = ?", id).Scan(&one); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		return fillArticle(ctx, tx, id, a)
	})
}

// FailArticle marks a queued article failed with a one-sentence reason.
func (s *Store) FailArticle(ctx context.Context, id int64, reason string) error {
	_, err := s.exec(ctx, "UPDATE articles SET status = 'failed', error = ? WHERE id = ? AND status <> 'ready'", reason, id)
	if err != nil {
		return fmt.Errorf("store: mark %d failed: %w", id, err)
	}
	return nil
}

// RetryFailed puts every failed article back in the queue and says how many.
func (s *Store) RetryFailed(ctx context.Context) (int, error) {
	res, err := s.exec(ctx, "UPDATE articles SET status = 'pending', error = '' WHERE status = 'failed'")
	if err != nil {
		return 0, fmt.Errorf("store: retry failed: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// QueueItem is an article waiting to be fetched.
type QueueItem struct {
	ID    int64
	URL   string
	Error string // why it failed, for failed ones
}

// Queue lists the articles with status (pending or failed), oldest first.
func (s *Store) Queue(ctx context.Context, status Status) ([]QueueItem, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, url, error FROM articles WHERE status = ? ORDER BY id", string(status))
	if err != nil {
		return nil, fmt.Errorf("store: queue: %w", err)
	}
	defer rows.Close()
	var out []QueueItem
	for rows.Next() {
		var q QueueItem
		if err := rows.Scan(&q.ID, &q.URL, &q.Error); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// StatusCounts counts the articles of each status.
func (s *Store) StatusCounts(ctx context.Context) (map[Status]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT status, count(*) FROM articles GROUP BY status")
	if err != nil {
		return nil, fmt.Errorf("store: count by status: %w", err)
	}
	defer rows.Close()
	out := map[Status]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[Status(st)] = n
	}
	return out, rows.Err()
}

// AllTags returns every article's tags, by article id, in one query (for
// exports).
func (s *Store) AllTags(ctx context.Context) (map[int64][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
		ORDER BY at.article_id, t.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("store: all tags: %w", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = append(out[id], name)
	}
	return out, rows.Err()
}

func (s *Store) hasTable(ctx context.Context, name string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", name).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: look for table %s: %w", name, err)
	}
	return n > 0, nil
}
