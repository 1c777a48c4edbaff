package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Replicate grows the library to times its size by adding times-1 copies
// of every article with its analysis (events, their entities, mentions,
// tags, highlights), in SQL. It exists for benchmarks
// (tools/benchharness -replicate): generating and analysing 100,000
// articles takes well over an hour on two cores, copying 10,000 ten
// times a few minutes.
//
// Copies are not identical rows: copy k gets new ids, a url with
// "#copy-k", a title ending in " ·k", saved and published dates moved k
// spans of the original's saving period into the past, and event dates
// moved k years back, so the library's history is k times as long and
// search and the timeline see as many distinct rows as a generated one.
// The texts stay, so a word matches times as many articles. The rows go
// in through the schema's own triggers: the full-text index, the entity
// counts, the event groups' entities and the timeline summaries stay
// what the app maintains.
func (s *Store) Replicate(ctx context.Context, times int, progress func(copy int)) error {
	if times < 2 {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Bulk load on a throw-away library: a crash may lose it, so skip the
	// syncs, and keep more of the indexes in memory.
	for _, p := range []string{"PRAGMA synchronous = OFF", "PRAGMA cache_size = -262144"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	defer conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL")

	var maxArticle, maxEvent, maxHighlight int64
	var spanMinutes float64
	err = conn.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(max(id), 0) FROM articles), (SELECT coalesce(max(id), 0) FROM events),
		(SELECT coalesce(max(id), 0) FROM highlights),
		(SELECT coalesce((julianday(max(saved)) - julianday(min(saved))) * 1440, 0) FROM articles)`).
		Scan(&maxArticle, &maxEvent, &maxHighlight, &spanMinutes)
	if err != nil {
		return fmt.Errorf("store: replicate: %w", err)
	}
	if maxArticle == 0 {
		return nil
	}
	// One more step than the span, so copy k's newest article is older
	// than copy k-1's oldest.
	step := int64(spanMinutes) + 17

	for k := 1; k < times; k++ {
		a, e, h := int64(k)*maxArticle, int64(k)*maxEvent, int64(k)*maxHighlight
		shift := fmt.Sprintf("'-%d minutes'", int64(k)*step)
		moved := func(col string) string {
			return fmt.Sprintf("CASE WHEN %[1]s = '' THEN '' ELSE strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', %[1]s, %[2]s) END", col, shift)
		}
		eventDate := fmt.Sprintf(`CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]*'
			THEN printf('%%04d', CAST(substr(date, 1, 4) AS INTEGER) - %d) || substr(date, 5) ELSE date END`, k)
		copies := []struct {
			table string
			set   map[string]string // column → expression; the rest are copied as they are
			where string
		}{
			{"articles", map[string]string{
				"id":        fmt.Sprintf("id + %d", a),
				"url_key":   fmt.Sprintf("url_key || '#copy-%d'", k),
				"url":       fmt.Sprintf("url || '#copy-%d'", k),
				"title":     fmt.Sprintf("title || ' ·%d'", k),
				"saved":     moved("saved"),
				"published": moved("published"),
			}, fmt.Sprintf("id <= %d", maxArticle)},
			{"article_analysis", map[string]string{"article_id": fmt.Sprintf("article_id + %d", a)}, fmt.Sprintf("article_id <= %d", maxArticle)},
			{"article_tags", map[string]string{"article_id": fmt.Sprintf("article_id + %d", a)}, fmt.Sprintf("article_id <= %d", maxArticle)},
			{"events", map[string]string{
				"id":         fmt.Sprintf("id + %d", e),
				"article_id": fmt.Sprintf("article_id + %d", a),
				"date":       eventDate,
				"group_id":   fmt.Sprintf("CASE WHEN group_id = 0 THEN 0 ELSE group_id + %d END", e),
			}, fmt.Sprintf("id <= %d", maxEvent)},
			{"event_entities", map[string]string{"event_id": fmt.Sprintf("event_id + %d", e)}, fmt.Sprintf("event_id <= %d", maxEvent)},
			{"mentions", map[string]string{"article_id": fmt.Sprintf("article_id + %d", a)}, fmt.Sprintf("article_id <= %d", maxArticle)},
			{"highlights", map[string]string{
				"id":         fmt.Sprintf("id + %d", h),
				"article_id": fmt.Sprintf("article_id + %d", a),
			}, fmt.Sprintf("id <= %d", maxHighlight)},
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, c := range copies {
			cols, err := tableColumns(ctx, tx, c.table)
			if err != nil {
				tx.Rollback()
				return err
			}
			exprs := make([]string, len(cols))
			for i, col := range cols {
				exprs[i] = col
				if x, ok := c.set[col]; ok {
					exprs[i] = x
				}
			}
			q := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s WHERE %s ORDER BY rowid",
				c.table, strings.Join(cols, ", "), strings.Join(exprs, ", "), c.table, c.where)
			if c.table == "article_tags" || c.table == "event_entities" || c.table == "mentions" {
				// WITHOUT ROWID: read in key order, written in key order.
				q = strings.TrimSuffix(q, " ORDER BY rowid")
			}
			if _, err := tx.ExecContext(ctx, q); err != nil {
				tx.Rollback()
				return fmt.Errorf("store: replicate %s (copy %d): %w", c.table, k, err)
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return err
		}
		if progress != nil {
			progress(k)
		}
	}
	// No ANALYZE and no full-text 'optimize': the app runs neither, so
	// the copy is measured as a library that grew by saving would be.
	return nil
}

func tableColumns(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("store: replicate: no table %s", table)
	}
	return cols, rows.Err()
}
