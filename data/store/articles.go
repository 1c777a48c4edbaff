package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"annals/data/article"
)

// Status says whether an article's text is there yet.
type Status string

const (
	StatusPending Status = "pending" // known by URL only (an import), not fetched yet
	StatusReady   Status = "ready"
	StatusFailed  Status = "failed" // fetching failed; Error says why
)

// Article is one saved page with its readable copy.
type Article struct {
	ID             int64
	URL            string
	CanonicalURL   string
	Title          string
	Byline         string
	Site           string
	Excerpt        string
	Published      time.Time // zero when the page did not say
	Saved          time.Time
	Updated        time.Time
	Language       string
	Dir            string // "rtl" or "ltr"
	HTML           string
	Text           string
	Blocks         []article.Block
	LeadImage      string
	WordCount      int
	ReadingMinutes int
	Status         Status
	Error          string
	Warnings       []string
	Archived       bool
	Favourite      bool
	ReadProgress   float64
	Tags           []string
}

// Summary is what a list row needs: no text, no HTML.
type Summary struct {
	ID             int64
	URL            string
	Title          string
	Site           string
	Excerpt        string
	Published      time.Time
	Saved          time.Time
	Language       string
	Dir            string
	WordCount      int
	ReadingMinutes int
	Status         Status
	Error          string
	Archived       bool
	Favourite      bool
	ReadProgress   float64
}

// URLKey is the identity of a page: scheme and host lower-cased, fragment,
// default port, trailing slash and tracking parameters (utm_*, fbclid, gclid)
// dropped, remaining query parameters sorted. Two links that differ only in
// those ways are the same article.
func URLKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" {
		return strings.TrimSpace(raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(u.Host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(u.Host, ":443")) {
		u.Host = u.Host[:strings.LastIndexByte(u.Host, ':')]
	}
	u.Host = strings.TrimPrefix(u.Host, "www.")
	if u.Scheme == "https" {
		u.Scheme = "http" // the same page is often linked both ways
	}
	u.Fragment = ""
	u.RawFragment = ""
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "mc_cid" || lk == "mc_eid" {
			q.Del(k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	u.RawQuery = strings.Join(parts, "&")
	u.ForceQuery = false
	if u.Path != "/" {
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawPath = ""
	} else {
		u.Path = ""
	}
	return u.String()
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// SaveArticle inserts a, or updates the article already saved under the same
// URL (or canonical URL), keeping its saved date, tags and flags. It returns
// the article id and whether a new row was created. The whole write is one
// transaction.
func (s *Store) SaveArticle(ctx context.Context, a *Article) (id int64, created bool, err error) {
	if err := checkArticle(a); err != nil {
		return 0, false, err
	}
	now := time.Now().UTC()
	args, err := articleWriteArgs(a, now)
	if err != nil {
		return 0, false, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		keys := []string{URLKey(a.URL)}
		if a.CanonicalURL != "" {
			keys = append(keys, URLKey(a.CanonicalURL))
		}
		id = 0
		for _, k := range keys {
			err := tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE url_key = ?", k).Scan(&id)
			if err == nil {
				break
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store: look up %s: %w", a.URL, err)
			}
		}
		if id != 0 {
			_, err := tx.ExecContext(ctx, updateArticleSQL, append(args, id)...)
			if err != nil {
				return fmt.Errorf("store: update article %d: %w", id, err)
			}
			return nil
		}
		res, err := tx.ExecContext(ctx, insertArticleSQL, articleInsertArgs(args, a, keys[0], now)...)
		if err != nil {
			return fmt.Errorf("store: insert article: %w", err)
		}
		id, err = res.LastInsertId()
		if err != nil {
			return err
		}
		created = true
		if len(a.Tags) > 0 {
			return setTags(ctx, tx, id, a.Tags)
		}
		return nil
	})
	if err != nil {
		return 0, false, err
	}
	a.ID = id
	return id, created, nil
}

func nonNilBlocks(b []article.Block) []article.Block {
	if b == nil {
		return []article.Block{}
	}
	return b
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Get returns one whole article with its tags.
func (s *Store) Get(ctx context.Context, id int64) (*Article, error) {
	var a Article
	var published, saved, updated, warnings, status string
	var html, text, blocks any // as stored (compress.go)
	err := s.db.QueryRowContext(ctx, `SELECT id, url, canonical_url, title, byline, site, excerpt, published,
		saved, updated, language, dir, html, text, blocks, lead_image, word_count, reading_minutes, status,
		error, warnings, archived, favourite, read_progress FROM articles WHERE id = ?`, id).Scan(
		&a.ID, &a.URL, &a.CanonicalURL, &a.Title, &a.Byline, &a.Site, &a.Excerpt, &published, &saved,
		&updated, &a.Language, &a.Dir, &html, &text, &blocks, &a.LeadImage, &a.WordCount,
		&a.ReadingMinutes, &status, &a.Error, &warnings, &a.Archived, &a.Favourite, &a.ReadProgress)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: get article %d: %w", id, err)
	}
	a.Published, a.Saved, a.Updated = parseTime(published), parseTime(saved), parseTime(updated)
	a.Status = Status(status)
	if a.Text, err = decodeText(text); err != nil {
		return nil, fmt.Errorf("store: article %d: %w", id, err)
	}
	if a.HTML, err = decodeHTML(html, a.Text); err != nil {
		return nil, fmt.Errorf("store: article %d: %w", id, err)
	}
	if a.Blocks, err = decodeBlocks(blocks, a.Text); err != nil {
		return nil, fmt.Errorf("store: article %d has unreadable blocks: %w", id, err)
	}
	_ = json.Unmarshal([]byte(warnings), &a.Warnings)
	tags, err := s.articleTags(ctx, id)
	if err != nil {
		return nil, err
	}
	a.Tags = tags
	return &a, nil
}

// Filter selects articles for List.
type Filter struct {
	Archived  *bool  // nil: both
	Favourite bool   // only favourites
	Tag       string // only articles with this tag
	Status    Status // "" for all
	Limit     int    // 0: no limit
	Offset    int
}

const summaryCols = `a.id, a.url, a.title, a.site, a.excerpt, a.published, a.saved, a.language, a.dir,
	a.word_count, a.reading_minutes, a.status, a.error, a.archived, a.favourite, a.read_progress`

// summariesByID is the FROM clause for reading summaries by id from the
// index that holds them (migration 009), not from the table rows, whose
// last summary columns lie past the article's text in overflow pages.
const summariesByID = "articles a INDEXED BY articles_summary"

func scanSummary(rows interface{ Scan(...any) error }) (Summary, error) {
	var m Summary
	var published, saved, status string
	err := rows.Scan(&m.ID, &m.URL, &m.Title, &m.Site, &m.Excerpt, &published, &saved, &m.Language, &m.Dir,
		&m.WordCount, &m.ReadingMinutes, &status, &m.Error, &m.Archived, &m.Favourite, &m.ReadProgress)
	m.Published, m.Saved, m.Status = parseTime(published), parseTime(saved), Status(status)
	return m, err
}

// List returns summaries, newest saved first.
func (s *Store) List(ctx context.Context, f Filter) ([]Summary, error) {
	var where []string
	var args []any
	if f.Archived != nil {
		where = append(where, "a.archived = ?")
		args = append(args, *f.Archived)
	}
	if f.Favourite {
		where = append(where, "a.favourite = 1")
	}
	if f.Status != "" {
		where = append(where, "a.status = ?")
		args = append(args, string(f.Status))
	}
	if f.Tag != "" {
		where = append(where, "a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)")
		args = append(args, f.Tag)
	}
	// Pick the page's ids from the index that holds the order and the
	// filters, then read their summaries from articles_summary: neither
	// step touches the table rows (see summariesByID).
	pick := "SELECT a.id, a.saved FROM articles a INDEXED BY articles_list"
	if len(where) > 0 {
		pick += " WHERE " + strings.Join(where, " AND ")
	}
	pick += " ORDER BY a.saved DESC, a.id DESC"
	if f.Limit > 0 {
		pick += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	q := "SELECT " + summaryCols + " FROM (" + pick + ") pick JOIN " + summariesByID + " ON a.id = pick.id ORDER BY pick.saved DESC, pick.id DESC"
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list: %w", err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		m, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Count returns how many articles the library holds.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n)
	return n, err
}

// Delete removes an article, its tags links and its search entry.
func (s *Store) Delete(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// Its events leave their groups by the triggers of 010 as the
		// cascade deletes them; the groups keep their other members.
		res, err := tx.ExecContext(ctx, "DELETE FROM articles WHERE id = ?", id)
		if err != nil {
			return fmt.Errorf("store: delete %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err = tx.ExecContext(ctx, "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)"); err != nil {
			return err
		}
		return nil
	})
}

func (s *Store) setFlag(ctx context.Context, id int64, col string, v any) error {
	res, err := s.exec(ctx, "UPDATE articles SET "+col+" = ? WHERE id = ?", v, id)
	if err != nil {
		return fmt.Errorf("store: set %s on %d: %w", col, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetArchived moves an article to or from the archive.
func (s *Store) SetArchived(ctx context.Context, id int64, v bool) error {
	return s.setFlag(ctx, id, "archived", v)
}

// SetFavourite marks or unmarks an article as a favourite.
func (s *Store) SetFavourite(ctx context.Context, id int64, v bool) error {
	return s.setFlag(ctx, id, "favourite", v)
}

// SetReadProgress remembers how far (0..1) the reader got.
func (s *Store) SetReadProgress(ctx context.Context, id int64, p float64) error {
	if p < 0 {
		p = 0
	}
	if p > 1 {
		p = 1
	}
	return s.setFlag(ctx, id, "read_progress", p)
}

// SetDir sets an article's text direction ("rtl" or "ltr"), overriding
// what capture detected.
func (s *Store) SetDir(ctx context.Context, id int64, dir string) error {
	if dir != "rtl" && dir != "ltr" {
		return fmt.Errorf("store: direction %q is neither rtl nor ltr", dir)
	}
	return s.setFlag(ctx, id, "dir", dir)
}

// SetTags replaces an article's tags.
func (s *Store) SetTags(ctx context.Context, id int64, tags []string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM articles WHERE id = ?", id).Scan(&one); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM article_tags WHERE article_id = ?", id); err != nil {
			return err
		}
		if err := setTags(ctx, tx, id, tags); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)")
		return err
	})
}

func setTags(ctx context.Context, tx sqlTx, id int64, tags []string) error {
	for _, t := range clipTags(tags) {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", t); err != nil {
			return fmt.Errorf("store: add tag %q: %w", t, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
			SELECT ?, id FROM tags WHERE name = ?`, id, t); err != nil {
			return fmt.Errorf("store: tag article %d: %w", id, err)
		}
	}
	return nil
}

func (s *Store) articleTags(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id
		WHERE at.article_id = ? ORDER BY t.name COLLATE NOCASE`, id)
	if err != nil {
		return nil, fmt.Errorf("store: tags of %d: %w", id, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TagCount is a tag and how many articles carry it.
type TagCount struct {
	Name  string
	Count int
}

// Tags lists every tag with its article count, by name.
func (s *Store) Tags(ctx context.Context) ([]TagCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.name, count(at.article_id) FROM tags t
		LEFT JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("store: tags: %w", err)
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var tc TagCount
		if err := rows.Scan(&tc.Name, &tc.Count); err != nil {
			return nil, err
		}
		out = append(out, tc)
	}
	return out, rows.Err()
}
