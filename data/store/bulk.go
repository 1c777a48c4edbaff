package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"annals/data/analysis"
)

// SaveArticles saves many articles in one transaction, each exactly as
// SaveArticle would (insert, or update the article already saved under the
// same URL or canonical URL), with the statements prepared once. It is for
// imports and benchmarks: one commit instead of one per article. It returns
// the ids in the order of as and sets each article's ID; on error nothing
// is saved.
func (s *Store) SaveArticles(ctx context.Context, as []*Article) ([]int64, error) {
	ids := make([]int64, len(as))
	now := time.Now().UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		lookup, err := tx.PrepareContext(ctx, "SELECT id FROM articles WHERE url_key = ?")
		if err != nil {
			return fmt.Errorf("store: save articles: %w", err)
		}
		defer lookup.Close()
		update, err := tx.PrepareContext(ctx, `UPDATE articles SET url = ?, canonical_url = ?, title = ?, byline = ?,
			site = ?, excerpt = ?, published = ?, updated = ?, language = ?, dir = ?, html = ?, text = ?,
			blocks = ?, lead_image = ?, word_count = ?, reading_minutes = ?, status = ?, error = ?,
			warnings = ? WHERE id = ?`)
		if err != nil {
			return fmt.Errorf("store: save articles: %w", err)
		}
		defer update.Close()
		insert, err := tx.PrepareContext(ctx, `INSERT INTO articles (url, canonical_url, title, byline, site, excerpt,
			published, updated, language, dir, html, text, blocks, lead_image, word_count, reading_minutes,
			status, error, warnings, url_key, saved, archived, favourite)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("store: save articles: %w", err)
		}
		defer insert.Close()
		for i, a := range as {
			if a.URL == "" {
				return errors.New("store: article without URL")
			}
			blocks, err := json.Marshal(nonNilBlocks(a.Blocks))
			if err != nil {
				return fmt.Errorf("store: encode blocks: %w", err)
			}
			warnings, _ := json.Marshal(nonNilStrings(a.Warnings))
			status := a.Status
			if status == "" {
				status = StatusReady
			}
			dir := a.Dir
			if dir == "" {
				dir = "ltr"
			}
			keys := []string{URLKey(a.URL)}
			if a.CanonicalURL != "" {
				keys = append(keys, URLKey(a.CanonicalURL))
			}
			var id int64
			for _, k := range keys {
				err := lookup.QueryRowContext(ctx, k).Scan(&id)
				if err == nil {
					break
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("store: look up %s: %w", a.URL, err)
				}
			}
			args := []any{a.URL, a.CanonicalURL, a.Title, a.Byline, a.Site, a.Excerpt, fmtTime(a.Published),
				fmtTime(now), a.Language, dir, a.HTML, a.Text, string(blocks), a.LeadImage, a.WordCount,
				a.ReadingMinutes, string(status), a.Error, string(warnings)}
			if id != 0 {
				if _, err := update.ExecContext(ctx, append(args, id)...); err != nil {
					return fmt.Errorf("store: update article %d: %w", id, err)
				}
				ids[i] = id
				continue
			}
			saved := a.Saved
			if saved.IsZero() {
				saved = now
			}
			r, err := insert.ExecContext(ctx, append(args, keys[0], fmtTime(saved.UTC()), a.Archived, a.Favourite)...)
			if err != nil {
				return fmt.Errorf("store: insert article: %w", err)
			}
			if id, err = r.LastInsertId(); err != nil {
				return err
			}
			ids[i] = id
			if len(a.Tags) > 0 {
				if err := setTags(ctx, tx, id, a.Tags); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, a := range as {
		a.ID = ids[i]
	}
	return ids, nil
}

// SaveAnalyses stores many analyses in one transaction, each exactly as
// SaveAnalysis would, but with the user's corrections read once, unused
// entities pruned once, and the cross-article event groups recomputed once
// per date touched by the whole batch instead of once per article (the
// groups of a date depend only on the events it ends up with, so the
// result is the same). ids[i] is the article results[i] belongs to; on
// error nothing is saved.
func (s *Store) SaveAnalyses(ctx context.Context, ids []int64, results []analysis.Result) error {
	if len(ids) != len(results) {
		return fmt.Errorf("store: save analyses: %d ids for %d results", len(ids), len(results))
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := loadCorrections(ctx, tx)
		if err != nil {
			return err
		}
		textStmt, err := tx.PrepareContext(ctx, "SELECT text FROM articles WHERE id = ?")
		if err != nil {
			return fmt.Errorf("store: save analyses: %w", err)
		}
		defer textStmt.Close()
		clear := make([]*sql.Stmt, 0, 2)
		for _, q := range []string{"DELETE FROM mentions WHERE article_id = ?", "DELETE FROM events WHERE article_id = ?"} {
			st, err := tx.PrepareContext(ctx, q)
			if err != nil {
				return fmt.Errorf("store: save analyses: %w", err)
			}
			defer st.Close()
			clear = append(clear, st)
		}
		record, err := tx.PrepareContext(ctx, `INSERT INTO article_analysis (article_id, version, analysed_at, language, sentences)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET version = excluded.version,
			analysed_at = excluded.analysed_at, language = excluded.language, sentences = excluded.sentences`)
		if err != nil {
			return fmt.Errorf("store: save analyses: %w", err)
		}
		defer record.Close()
		dates := map[string]bool{}
		for i, id := range ids {
			res := results[i]
			var text string
			err := textStmt.QueryRowContext(ctx, id).Scan(&text)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			if err != nil {
				return fmt.Errorf("store: save analysis of %d: %w", id, err)
			}
			if err := checkSpans(res, len(text)); err != nil {
				return fmt.Errorf("store: save analysis of %d: %w", id, err)
			}
			old, err := eventDates(ctx, tx, "SELECT DISTINCT date FROM events WHERE article_id = ?", id)
			if err != nil {
				return err
			}
			for d := range old {
				dates[d] = true
			}
			for _, st := range clear {
				if _, err := st.ExecContext(ctx, id); err != nil {
					return fmt.Errorf("store: clear analysis of %d: %w", id, err)
				}
			}
			entIDs, err := saveEntities(ctx, tx, id, text, res, c)
			if err != nil {
				return err
			}
			newDates, err := saveEvents(ctx, tx, id, res, c, entIDs)
			if err != nil {
				return err
			}
			for d := range newDates {
				dates[d] = true
			}
			if _, err := record.ExecContext(ctx, id, res.Version, fmtTime(time.Now().UTC()), res.Language, len(res.Sentences)); err != nil {
				return fmt.Errorf("store: record analysis of %d: %w", id, err)
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM entities WHERE mention_count <= 0 AND event_count <= 0"); err != nil {
			return fmt.Errorf("store: prune entities: %w", err)
		}
		return regroup(ctx, tx, dates)
	})
}
