package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"annals/data/article"
)

// Feed subscriptions and their items (006_feeds.sql). The store only keeps
// them; fetching and parsing is data/feeds, saving items data/library.

// ErrFeedNotFound is returned for a feed or feed item id that does not exist.
var ErrFeedNotFound = errors.New("feed not found")

// Feed is one subscription.
type Feed struct {
	ID           int64
	URL          string // the feed document (RSS, Atom or JSON Feed)
	Title        string
	SiteURL      string
	Added        time.Time
	LastChecked  time.Time // zero until the first refresh
	LastError    string    // why the last check failed; "" when it worked
	ETag         string
	LastModified string
	AutoSave     bool // new items are saved; otherwise they are listed
	Items        int  // items known (read only)
	Unsaved      int  // items not saved as articles (read only)
	Unseen       int  // items not saved and not marked seen (read only)
}

// FeedItem is one entry a feed has carried.
type FeedItem struct {
	ID        int64
	FeedID    int64
	GUID      string
	URL       string
	Title     string
	Published time.Time
	Summary   string // plain text
	Content   string // full HTML when the feed carries it
	Added     time.Time
	ArticleID int64 // 0: not saved
	Seen      bool
}

const feedCols = `f.id, f.url, f.title, f.site_url, f.added, f.last_checked, f.last_error, f.etag, f.last_modified,
	f.auto_save, (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id),
	(SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.article_id IS NULL),
	(SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.article_id IS NULL AND i.seen = 0)`

func scanFeed(sc interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var added, checked string
	err := sc.Scan(&f.ID, &f.URL, &f.Title, &f.SiteURL, &added, &checked, &f.LastError, &f.ETag, &f.LastModified,
		&f.AutoSave, &f.Items, &f.Unsaved, &f.Unseen)
	f.Added, f.LastChecked = parseTime(added), parseTime(checked)
	return f, err
}

// AddFeed subscribes to f.URL. A feed already subscribed (same URL) keeps
// its row: its title and site are updated when f has them, and created is
// false. f.ID is set.
func (s *Store) AddFeed(ctx context.Context, f *Feed) (id int64, created bool, err error) {
	u := strings.TrimSpace(f.URL)
	if u == "" {
		return 0, false, errors.New("store: feed without URL")
	}
	if !IsWebLink(u) {
		return 0, false, fmt.Errorf("store: add feed: %w", ErrNotWebLink)
	}
	f.Title = article.Clip(f.Title, article.MaxTitleRunes)
	if f.SiteURL != "" && !IsWebLink(f.SiteURL) {
		f.SiteURL = ""
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT id FROM feeds WHERE url = ?", u).Scan(&id)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE feeds SET title = CASE WHEN ? <> '' THEN ? ELSE title END,
				site_url = CASE WHEN ? <> '' THEN ? ELSE site_url END WHERE id = ?`,
				f.Title, f.Title, f.SiteURL, f.SiteURL, id)
			return err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		added := f.Added
		if added.IsZero() {
			added = time.Now()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO feeds (url, title, site_url, added, last_checked, last_error,
			etag, last_modified, auto_save) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, u, f.Title, f.SiteURL,
			fmtTime(added.UTC()), fmtTime(f.LastChecked.UTC()), f.LastError, f.ETag, f.LastModified, f.AutoSave)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		created = true
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: add feed %s: %w", u, err)
	}
	f.ID = id
	return id, created, nil
}

// Feeds lists the subscriptions by title.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedCols+` FROM feeds f ORDER BY f.title COLLATE NOCASE, f.id`)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Feed returns one subscription.
func (s *Store) Feed(ctx context.Context, id int64) (Feed, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, `SELECT `+feedCols+` FROM feeds f WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, ErrFeedNotFound
	}
	return f, err
}

// RemoveFeed unsubscribes; the feed's items go with it, the articles saved
// from them stay.
func (s *Store) RemoveFeed(ctx context.Context, id int64) error {
	return s.execOne(ctx, "DELETE FROM feeds WHERE id = ?", id)
}

// SetFeedAutoSave chooses whether a feed's new items are saved or listed.
func (s *Store) SetFeedAutoSave(ctx context.Context, id int64, auto bool) error {
	return s.execOne(ctx, "UPDATE feeds SET auto_save = ? WHERE id = ?", auto, id)
}

// SetFeedChecked records a check of the feed: when, why it failed ("" when
// it worked), and the validators for the next conditional GET. Title and
// site are updated when not empty; etag and lastModified are kept when the
// check failed.
func (s *Store) SetFeedChecked(ctx context.Context, id int64, checked time.Time, lastError, etag, lastModified, title, siteURL string) error {
	return s.execOne(ctx, `UPDATE feeds SET last_checked = ?1, last_error = ?2,
		etag = CASE WHEN ?2 = '' THEN ?3 ELSE etag END,
		last_modified = CASE WHEN ?2 = '' THEN ?4 ELSE last_modified END,
		title = CASE WHEN ?5 <> '' THEN ?5 ELSE title END,
		site_url = CASE WHEN ?6 <> '' THEN ?6 ELSE site_url END
		WHERE id = ?7`, fmtTime(checked.UTC()), lastError, etag, lastModified, title, siteURL, id)
}

func (s *Store) execOne(ctx context.Context, q string, args ...any) error {
	res, err := s.exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", strings.Fields(q)[0], err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrFeedNotFound
	}
	return nil
}

// UpsertFeedItems records what a feed carries now, in one transaction, and
// returns the items it had never carried before (with their ids), in the
// order given. Items already known get their title, link, summary, content
// and date updated; their saved state is kept. Items without a GUID are
// keyed by their URL, then their title.
func (s *Store) UpsertFeedItems(ctx context.Context, feedID int64, items []FeedItem) ([]FeedItem, error) {
	var fresh []FeedItem
	now := fmtTime(time.Now().UTC())
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		fresh = nil
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM feeds WHERE id = ?", feedID).Scan(&one); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrFeedNotFound
			}
			return err
		}
		find, err := tx.PrepareContext(ctx, "SELECT id FROM feed_items WHERE feed_id = ? AND guid = ?")
		if err != nil {
			return err
		}
		defer find.Close()
		upd, err := tx.PrepareContext(ctx, `UPDATE feed_items SET url = ?1, title = ?2,
			published = CASE WHEN ?3 <> '' THEN ?3 ELSE published END, summary = ?4, content = ?5 WHERE id = ?6`)
		if err != nil {
			return err
		}
		defer upd.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO feed_items (feed_id, guid, url, title, published, summary, content, added)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		seen := map[string]bool{}
		for _, it := range items {
			// A feed item's link is saved or opened later: only web links
			// are kept, and titles are cut like an article's.
			if !IsWebLink(it.URL) {
				it.URL = ""
			}
			it.Title = article.Clip(it.Title, article.MaxTitleRunes)
			guid := itemKey(it)
			if guid == "" || seen[guid] {
				continue
			}
			seen[guid] = true
			published := fmtTime(it.Published.UTC())
			var id int64
			err := find.QueryRowContext(ctx, feedID, guid).Scan(&id)
			if err == nil {
				if _, err := upd.ExecContext(ctx, it.URL, it.Title, published, it.Summary, it.Content, id); err != nil {
					return fmt.Errorf("store: feed item %q: %w", it.Title, err)
				}
				continue
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			res, err := ins.ExecContext(ctx, feedID, guid, it.URL, it.Title, published, it.Summary, it.Content, now)
			if err != nil {
				return fmt.Errorf("store: feed item %q: %w", it.Title, err)
			}
			id, err = res.LastInsertId()
			if err != nil {
				return err
			}
			it.ID, it.FeedID, it.GUID, it.ArticleID, it.Seen = id, feedID, guid, 0, false
			it.Added = parseTime(now)
			fresh = append(fresh, it)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return fresh, nil
}

func itemKey(it FeedItem) string {
	for _, k := range []string{it.GUID, it.URL, it.Title} {
		if k = strings.TrimSpace(k); k != "" {
			return k
		}
	}
	return ""
}

const feedItemCols = `id, feed_id, guid, url, title, published, summary, content, added, coalesce(article_id, 0), seen`

func scanFeedItem(sc interface{ Scan(...any) error }) (FeedItem, error) {
	var it FeedItem
	var published, added string
	err := sc.Scan(&it.ID, &it.FeedID, &it.GUID, &it.URL, &it.Title, &published, &it.Summary, &it.Content, &added,
		&it.ArticleID, &it.Seen)
	it.Published, it.Added = parseTime(published), parseTime(added)
	return it, err
}

// FeedItems lists a feed's items (feedID 0: every feed's), newest first;
// unsavedOnly leaves out those saved as articles.
func (s *Store) FeedItems(ctx context.Context, feedID int64, unsavedOnly bool) ([]FeedItem, error) {
	q := `SELECT ` + feedItemCols + ` FROM feed_items WHERE (?1 = 0 OR feed_id = ?1)`
	if unsavedOnly {
		q += ` AND article_id IS NULL`
	}
	q += ` ORDER BY CASE WHEN published <> '' THEN published ELSE added END DESC, id DESC`
	rows, err := s.db.QueryContext(ctx, q, feedID)
	if err != nil {
		return nil, fmt.Errorf("store: feed items: %w", err)
	}
	defer rows.Close()
	var out []FeedItem
	for rows.Next() {
		it, err := scanFeedItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// FeedItem returns one item.
func (s *Store) FeedItem(ctx context.Context, id int64) (FeedItem, error) {
	it, err := scanFeedItem(s.db.QueryRowContext(ctx, `SELECT `+feedItemCols+` FROM feed_items WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return FeedItem{}, ErrFeedNotFound
	}
	return it, err
}

// MarkFeedItemSaved records that an item was saved as article articleID
// (and so seen).
func (s *Store) MarkFeedItemSaved(ctx context.Context, itemID, articleID int64) error {
	return s.execOne(ctx, "UPDATE feed_items SET article_id = ?, seen = 1 WHERE id = ?", articleID, itemID)
}

// MarkFeedItemsSeen marks every item of a feed (0: of every feed) seen.
func (s *Store) MarkFeedItemsSeen(ctx context.Context, feedID int64) error {
	_, err := s.exec(ctx, "UPDATE feed_items SET seen = 1 WHERE seen = 0 AND (?1 = 0 OR feed_id = ?1)", feedID)
	if err != nil {
		return fmt.Errorf("store: mark feed items seen: %w", err)
	}
	return nil
}
