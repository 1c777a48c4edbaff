package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"annals/data/textnorm"
)

// HighlightColours are the colours a highlight can have; the first is the
// default.
var HighlightColours = []string{"yellow", "green", "blue", "pink", "purple"}

var (
	// ErrHighlightNotFound is returned for a highlight id that does not exist.
	ErrHighlightNotFound = errors.New("highlight not found")
	// ErrBadHighlight wraps every reason AddHighlight and UpdateHighlight
	// refuse their input (offsets outside the text, a quote that is not the
	// text there, an unknown colour).
	ErrBadHighlight = errors.New("invalid highlight")
)

// Highlight is a passage of an article the reader marked, with an optional
// note. Start and End are BYTE offsets into Article.Text; Quote is the text
// they cover. When the article is saved again with a different text the
// highlight is moved to where its quote now is; if the quote is nowhere to
// be found it is kept with Orphaned set, and Start/End must not be used
// (show Quote instead).
type Highlight struct {
	ID        int64
	ArticleID int64
	Start     int
	End       int
	// RuneStart and RuneEnd are Start and End counted in code points; only
	// Highlights (one article's list) fills them.
	RuneStart int
	RuneEnd   int
	Quote     string
	Colour    string // one of HighlightColours; "" means the first
	Note      string
	Orphaned  bool
	Created   time.Time
	Updated   time.Time
}

// HighlightFilter selects highlights for AllHighlights.
type HighlightFilter struct {
	Query  string // words that must all be in the quote or the note (folded like Search); "" for all
	Colour string // "" for every colour
	Limit  int    // 0: no limit
	Offset int
}

// HighlightItem is a highlight with the article it belongs to, for a list of
// every highlight in the library.
type HighlightItem struct {
	Highlight
	ArticleTitle    string
	ArticleURL      string
	ArticleDir      string
	ArticleLanguage string
}

func validColour(c string) bool {
	for _, k := range HighlightColours {
		if c == k {
			return true
		}
	}
	return false
}

// anchor finds quote in text. It returns start, end unchanged when
// text[start:end] is still quote; otherwise the occurrence of quote nearest
// to the old start, compared exactly, then folded (textnorm: Arabic letter
// variants, harakat, tatweel, case), mapped back to text's own bytes. When
// quote is nowhere, it returns start, end and false.
func anchor(text, quote string, start, end int) (int, int, bool) {
	if quote == "" {
		return start, end, false
	}
	if 0 <= start && start <= end && end <= len(text) && text[start:end] == quote {
		return start, end, true
	}
	if s, ok := nearest(text, quote, start); ok {
		return s, s + len(quote), true
	}
	fq := textnorm.Fold(quote)
	if fq == "" {
		return start, end, false
	}
	ft, offs := textnorm.FoldMap(text)
	// offs is indexed by rune of ft: count runes up to each match.
	qRunes := utf8.RuneCountInString(fq)
	best, bestDist, bestEnd := -1, 0, 0
	runes, counted := 0, 0 // runes in ft[:counted]
	for from := 0; from <= len(ft); {
		i := strings.Index(ft[from:], fq)
		if i < 0 {
			break
		}
		i += from
		runes += utf8.RuneCountInString(ft[counted:i])
		counted = i
		s, e := offs[runes], offs[runes+qRunes]
		if d := abs(s - start); best < 0 || d < bestDist {
			best, bestDist, bestEnd = s, d, e
		}
		if s > start {
			break // later ones are only further away
		}
		_, size := utf8.DecodeRuneInString(ft[i:])
		from = i + size
	}
	if best < 0 {
		return start, end, false
	}
	return best, bestEnd, true
}

// nearest returns the byte offset of the occurrence of quote in text
// closest to pos.
func nearest(text, quote string, pos int) (int, bool) {
	best, bestDist := -1, 0
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], quote)
		if i < 0 {
			break
		}
		i += from
		if d := abs(i - pos); best < 0 || d < bestDist {
			best, bestDist = i, d
		}
		if i > pos {
			break // later ones are only further away
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
	return best, best >= 0
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// AddHighlight stores h for article h.ArticleID and returns its id. Start
// and End must lie on character boundaries inside the article's text with
// start < end, and Quote, when given, must be exactly the text there (an
// empty Quote is taken from the text). A highlight with Start == End == 0
// and a Quote (an import from another service) is placed where the quote
// first is. Created defaults to now.
func (s *Store) AddHighlight(ctx context.Context, h Highlight) (int64, error) {
	colour := h.Colour
	if colour == "" {
		colour = HighlightColours[0]
	}
	if !validColour(colour) {
		return 0, fmt.Errorf("store: add highlight: %w: colour %q is not one of %s", ErrBadHighlight, h.Colour, strings.Join(HighlightColours, ", "))
	}
	now := time.Now().UTC()
	created := h.Created.UTC()
	if h.Created.IsZero() {
		created = now
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var text string
		err := tx.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", h.ArticleID).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: add highlight to article %d: %w", h.ArticleID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("store: add highlight to article %d: %w", h.ArticleID, err)
		}
		start, end, quote := h.Start, h.End, h.Quote
		if start == 0 && end == 0 && quote != "" {
			var ok bool
			if start, end, ok = anchor(text, quote, 0, 0); !ok {
				return fmt.Errorf("store: add highlight to article %d: %w: the quote is not in the text", h.ArticleID, ErrBadHighlight)
			}
			quote = text[start:end]
		}
		if err := checkRange(text, start, end); err != nil {
			return fmt.Errorf("store: add highlight to article %d: %w", h.ArticleID, err)
		}
		if quote == "" {
			quote = text[start:end]
		}
		if text[start:end] != quote {
			return fmt.Errorf("store: add highlight to article %d: %w: the text at %d-%d is %q, not the quote %q",
				h.ArticleID, ErrBadHighlight, start, end, text[start:end], quote)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO highlights (article_id, byte_start, byte_end, quote, colour, note, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, h.ArticleID, start, end, quote, colour, clipNote(h.Note),
			fmtTime(created), fmtTime(now))
		if err != nil {
			return fmt.Errorf("store: add highlight to article %d: %w", h.ArticleID, err)
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

func checkRange(text string, start, end int) error {
	switch {
	case start < 0 || end > len(text) || start >= end:
		return fmt.Errorf("%w: range %d-%d is not inside the text (%d bytes)", ErrBadHighlight, start, end, len(text))
	case !utf8.RuneStart(text[start]) || (end < len(text) && !utf8.RuneStart(text[end])):
		return fmt.Errorf("%w: range %d-%d cuts a character in two", ErrBadHighlight, start, end)
	}
	return nil
}

// UpdateHighlight sets a highlight's colour ("" keeps the current one) and
// note ("" removes it).
func (s *Store) UpdateHighlight(ctx context.Context, id int64, colour, note string) error {
	if colour != "" && !validColour(colour) {
		return fmt.Errorf("store: update highlight %d: %w: colour %q is not one of %s", id, ErrBadHighlight, colour, strings.Join(HighlightColours, ", "))
	}
	res, err := s.exec(ctx, `UPDATE highlights SET colour = coalesce(nullif(?, ''), colour), note = ?, updated = ?
		WHERE id = ?`, colour, clipNote(note), fmtTime(time.Now().UTC()), id)
	if err != nil {
		return fmt.Errorf("store: update highlight %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update highlight %d: %w", id, ErrHighlightNotFound)
	}
	return nil
}

// DeleteHighlight removes a highlight and its note.
func (s *Store) DeleteHighlight(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, "DELETE FROM highlights WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("store: delete highlight %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: delete highlight %d: %w", id, ErrHighlightNotFound)
	}
	return nil
}

const highlightCols = `h.id, h.article_id, h.byte_start, h.byte_end, h.quote, h.colour, h.note, h.orphaned, h.created, h.updated`

func scanHighlight(row interface{ Scan(...any) error }, extra ...any) (Highlight, error) {
	var h Highlight
	var created, updated string
	err := row.Scan(append([]any{&h.ID, &h.ArticleID, &h.Start, &h.End, &h.Quote, &h.Colour, &h.Note, &h.Orphaned,
		&created, &updated}, extra...)...)
	h.Created, h.Updated = parseTime(created), parseTime(updated)
	return h, err
}

// Highlight returns one highlight.
func (s *Store) Highlight(ctx context.Context, id int64) (*Highlight, error) {
	h, err := scanHighlight(s.db.QueryRowContext(ctx, "SELECT "+highlightCols+" FROM highlights h WHERE h.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: highlight %d: %w", id, ErrHighlightNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: highlight %d: %w", id, err)
	}
	return &h, nil
}

// Highlights lists an article's highlights in text order, with rune
// offsets. Orphaned ones come last. An unknown article has none.
func (s *Store) Highlights(ctx context.Context, articleID int64) ([]Highlight, error) {
	var text string
	err := s.db.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", articleID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: highlights of %d: %w", articleID, err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+highlightCols+` FROM highlights h WHERE h.article_id = ?
		ORDER BY h.orphaned, h.byte_start, h.byte_end, h.id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("store: highlights of %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []Highlight
	var idx runeIndex
	for rows.Next() {
		h, err := scanHighlight(rows)
		if err != nil {
			return nil, fmt.Errorf("store: highlights of %d: %w", articleID, err)
		}
		if !h.Orphaned && h.End <= len(text) {
			if idx == nil {
				idx = newRuneIndex(text)
			}
			h.RuneStart, h.RuneEnd = idx.at(h.Start), idx.at(h.End)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// AllHighlights lists highlights of every article, newest first, with their
// article's title, URL, direction and language.
func (s *Store) AllHighlights(ctx context.Context, f HighlightFilter) ([]HighlightItem, error) {
	var where []string
	var args []any
	if strings.TrimSpace(f.Query) != "" {
		terms := parseQuery(f.Query)
		if len(terms) == 0 {
			return nil, nil // only punctuation: nothing can match
		}
		where = append(where, "h.id IN (SELECT rowid FROM highlights_fts WHERE highlights_fts MATCH ?)")
		args = append(args, matchExpr(terms))
	}
	if f.Colour != "" {
		where = append(where, "h.colour = ?")
		args = append(args, f.Colour)
	}
	q := "SELECT " + highlightCols + ", a.title, a.url, a.dir, a.language FROM highlights h JOIN articles a ON a.id = h.article_id"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY h.created DESC, h.id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: all highlights: %w", err)
	}
	defer rows.Close()
	var out []HighlightItem
	for rows.Next() {
		var it HighlightItem
		h, err := scanHighlight(rows, &it.ArticleTitle, &it.ArticleURL, &it.ArticleDir, &it.ArticleLanguage)
		if err != nil {
			return nil, fmt.Errorf("store: all highlights: %w", err)
		}
		it.Highlight = h
		out = append(out, it)
	}
	return out, rows.Err()
}

// ReanchorHighlights moves an article's highlights to where their quotes
// are in its current text (see anchor) and flags those whose quote is gone
// as orphaned; it returns how many are orphaned. A highlight found again by
// folded comparison takes the text's current spelling as its quote. Call it
// after an article's text changes (re-save); the schema already flagged the
// highlights that moved, so skipping it loses nothing but their place.
func (s *Store) ReanchorHighlights(ctx context.Context, articleID int64) (int, error) {
	// Every saved page runs this, and nearly every one has no highlight:
	// a read says so without the write transaction, which waited for the
	// write lock behind a bulk save's batch and committed nothing (issue
	// 19). A highlight added after this read was anchored in the text as
	// it is now.
	var article, has bool
	err := scanOne(s.readQuery(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?),
		EXISTS (SELECT 1 FROM highlights WHERE article_id = ?)`, articleID, articleID))(&article, &has)
	switch {
	case err != nil:
		return 0, fmt.Errorf("store: re-anchor highlights of %d: %w", articleID, err)
	case !article:
		return 0, fmt.Errorf("store: re-anchor highlights of %d: %w", articleID, ErrNotFound)
	case !has:
		return 0, nil
	}
	var orphans int
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		orphans, err = reanchorHighlights(ctx, tx, articleID)
		return err
	})
	return orphans, err
}

// reanchorHighlights is ReanchorHighlights inside the caller's transaction
// (SaveArticle can call it right after updating the text).
func reanchorHighlights(ctx context.Context, tx *sql.Tx, articleID int64) (int, error) {
	var text string
	err := tx.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", articleID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: re-anchor highlights of %d: %w", articleID, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("store: re-anchor highlights of %d: %w", articleID, err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+highlightCols+" FROM highlights h WHERE h.article_id = ?", articleID)
	if err != nil {
		return 0, fmt.Errorf("store: re-anchor highlights of %d: %w", articleID, err)
	}
	var hs []Highlight
	for rows.Next() {
		h, err := scanHighlight(rows)
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: re-anchor highlights of %d: %w", articleID, err)
		}
		hs = append(hs, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: re-anchor highlights of %d: %w", articleID, err)
	}
	orphans := 0
	for _, h := range hs {
		start, end, ok := anchor(text, h.Quote, h.Start, h.End)
		quote := h.Quote
		if ok {
			quote = text[start:end]
		} else {
			orphans++
		}
		if ok == !h.Orphaned && start == h.Start && end == h.End && quote == h.Quote {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE highlights SET byte_start = ?, byte_end = ?, quote = ?, orphaned = ?
			WHERE id = ?`, start, end, quote, !ok, h.ID); err != nil {
			return 0, fmt.Errorf("store: re-anchor highlight %d: %w", h.ID, err)
		}
	}
	return orphans, nil
}
