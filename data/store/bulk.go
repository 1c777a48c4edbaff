package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
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
