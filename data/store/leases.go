package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ClaimFetch claims pending article id for owner (one process) until
// now+ttl. It returns false when the article is no longer pending, or when
// another owner holds an unexpired claim: then that owner fetches it.
func (s *Store) ClaimFetch(ctx context.Context, id int64, owner string, ttl time.Duration) (bool, error) {
	now := time.Now().UTC()
	claimed := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		claimed = false
		var status string
		if err := tx.QueryRowContext(ctx, "SELECT status FROM articles WHERE id = ?", id).Scan(&status); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			return err
		}
		if status != string(StatusPending) {
			return nil
		}
		var holder, until string
		err := tx.QueryRowContext(ctx, "SELECT owner, until FROM fetch_leases WHERE article_id = ?", id).Scan(&holder, &until)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && holder != owner && parseTime(until).After(now) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO fetch_leases (article_id, owner, until) VALUES (?, ?, ?)
			ON CONFLICT (article_id) DO UPDATE SET owner = excluded.owner, until = excluded.until`,
			id, owner, fmtTime(now.Add(ttl))); err != nil {
			return err
		}
		claimed = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: claim article %d: %w", id, err)
	}
	return claimed, nil
}

// ReleaseFetch gives up owner's claim on article id.
func (s *Store) ReleaseFetch(ctx context.Context, id int64, owner string) error {
	_, err := s.exec(ctx, "DELETE FROM fetch_leases WHERE article_id = ? AND owner = ?", id, owner)
	return err
}
