package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"annals/data/analysis"
	"annals/data/textnorm"
)

// EntityRef names an entity.
type EntityRef struct {
	Key    string // "person:donald-trump"
	Name   string
	NameAr string
	Type   string
}

// EntityFilter selects entities.
type EntityFilter struct {
	Type  string
	Query string // part of the name, Arabic name or an alias, folded
	Sort  string // "mentions" (default), "articles", "events", "name"
	Limit int
}

// EntitySummary is an entity with its counts across the library.
type EntitySummary struct {
	EntityRef
	Mentions   int
	Articles   int
	Events     int
	NameEdited bool
	TypeEdited bool
}

// EntityArticle is an article that mentions an entity, with the sentence of
// its first mention. Past the first EntityFirstSentences rows of a page,
// Title and the sentence are read by EntityArticles.
type EntityArticle struct {
	ArticleID    int64
	Title        string
	Mentions     int
	Sentence     Range
	SentenceText string

	// the first mention's bytes, whose sentence EntityArticles cuts from
	// the text
	firstMention Range
}

// EntityEvent is an event an entity takes part in.
type EntityEvent struct {
	EventID   int64
	ArticleID int64
	GroupID   int64
	Date      string
	Precision string
	Type      string
	Title     string
	// Sentence is the byte range of the sentence that reports the event in
	// its article's text: the page opens the article there.
	Sentence Range
}

// EntityCount is an entity and how many articles it shares with another.
type EntityCount struct {
	EntityRef
	Articles int
}

// EntityDetail is everything known of one entity.
type EntityDetail struct {
	EntitySummary
	Aliases     []string
	UserAliases []string        // those of Aliases the user added (RemoveAlias takes them back)
	MentionedIn []EntityArticle // most mentions first
	InEvents    []EntityEvent   // by date
	CoOccurring []EntityCount   // most shared articles first
	// CoOccurringOver is how many of the entity's articles (the most
	// recently saved) CoOccurring counts over, when not all of them; 0:
	// all of them.
	CoOccurringOver int
}

// EntityFirstSentences is how many of an entity's articles (the first of
// MentionedIn) Entity returns with their title and sentence;
// EntityArticles reads the others' when they are shown.
const EntityFirstSentences = 20

// CoOccurrenceArticles is how many of an entity's articles, at most, its
// co-occurring entities are counted over.
const CoOccurrenceArticles = 200

type entityRank struct {
	EntityRef
	mentions int
}

// count is nil-safe: an entity deleted between two queries has no rank.
func (r *entityRank) count() int {
	if r == nil {
		return 0
	}
	return r.mentions
}

// loadEntityRefs fills refs (entity id → nil) with the entities' names.
func (s *Store) loadEntityRefs(ctx context.Context, refs map[int64]*entityRank) error {
	ids := make([]any, 0, len(refs))
	for id := range refs {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := s.db.QueryContext(ctx, "SELECT id, key, name, name_ar, type, mention_count FROM entities WHERE id IN ("+
			placeholders(len(chunk))+")", chunk...)
		if err != nil {
			return fmt.Errorf("store: timeline entities: %w", err)
		}
		for rows.Next() {
			var id int64
			r := &entityRank{}
			if err := rows.Scan(&id, &r.Key, &r.Name, &r.NameAr, &r.Type, &r.mentions); err != nil {
				rows.Close()
				return fmt.Errorf("store: timeline entities: %w", err)
			}
			refs[id] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: timeline entities: %w", err)
		}
	}
	return nil
}

const entityCols = `n.key, n.name, n.name_ar, n.type, n.mention_count, n.article_count, n.event_count, n.name_edited, n.type_edited`

func scanEntity(r interface{ Scan(...any) error }) (EntitySummary, error) {
	var e EntitySummary
	err := r.Scan(&e.Key, &e.Name, &e.NameAr, &e.Type, &e.Mentions, &e.Articles, &e.Events, &e.NameEdited, &e.TypeEdited)
	return e, err
}

// Entities lists the entities mentioned in the library.
func (s *Store) Entities(ctx context.Context, f EntityFilter) ([]EntitySummary, error) {
	where := []string{"(n.mention_count > 0 OR n.event_count > 0)"}
	var args []any
	if f.Type != "" {
		where = append(where, "n.type = ?")
		args = append(args, f.Type)
	}
	if q := textnorm.Fold(strings.TrimSpace(f.Query)); q != "" {
		where = append(where, `(instr(annals_fold(n.name), ?) > 0 OR instr(annals_fold(n.name_ar), ?) > 0
			OR EXISTS (SELECT 1 FROM entity_aliases x WHERE x.entity_id = n.id AND instr(x.folded, ?) > 0))`)
		args = append(args, q, q, q)
	}
	order := "n.mention_count DESC, n.id"
	switch f.Sort {
	case "", "mentions":
	case "articles":
		order = "n.article_count DESC, n.mention_count DESC, n.id"
	case "events":
		order = "n.event_count DESC, n.mention_count DESC, n.id"
	case "name":
		order = "n.name COLLATE NOCASE, n.id"
	default:
		return nil, fmt.Errorf("store: entities: unknown sort %q", f.Sort)
	}
	q := "SELECT " + entityCols + " FROM entities n WHERE " + strings.Join(where, " AND ") + " ORDER BY " + order
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: entities: %w", err)
	}
	defer rows.Close()
	var out []EntitySummary
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, fmt.Errorf("store: entities: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Entity returns one entity in detail. A key the user merged into another
// entity returns that entity.
func (s *Store) Entity(ctx context.Context, key string) (*EntityDetail, error) {
	key, err := currentKey(ctx, s.db, key)
	if err != nil {
		return nil, err
	}
	var d EntityDetail
	var rowID int64
	row := s.db.QueryRowContext(ctx, "SELECT n.id, "+entityCols+" FROM entities n WHERE n.key = ?", key)
	err = row.Scan(&rowID, &d.Key, &d.Name, &d.NameAr, &d.Type, &d.Mentions, &d.Articles, &d.Events, &d.NameEdited, &d.TypeEdited)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: entity %q: %w", key, ErrEntityNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: entity %q: %w", key, err)
	}
	fail := func(err error) (*EntityDetail, error) { return nil, fmt.Errorf("store: entity %q: %w", key, err) }

	rows, err := s.db.QueryContext(ctx, `SELECT a.alias, a.user AND EXISTS (SELECT 1 FROM user_aliases u WHERE u.folded = a.folded)
		FROM entity_aliases a WHERE a.entity_id = ? ORDER BY a.user DESC, a.alias`, rowID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var a string
		var user bool
		if err := rows.Scan(&a, &user); err != nil {
			rows.Close()
			return fail(err)
		}
		d.Aliases = append(d.Aliases, a)
		if user {
			d.UserAliases = append(d.UserAliases, a)
		}
	}
	rows.Close()

	// Only the index on (entity, article) is read here: the top entity of
	// a 10,000-article library is in some 8,000 of them, and decoding every
	// text to cut every sentence took most of a second (issue 19), looking
	// up each article's title and sentence span still 40 ms. The first
	// rows' titles and sentences are read below, the others' when the page
	// shows them (EntityArticles).
	// byte_end, a bare column beside min(), is the first mention's: SQLite
	// takes it from the row holding the minimum.
	rows, err = s.db.QueryContext(ctx, `SELECT m.article_id, count(*) AS n, min(m.byte_start), m.byte_end
		FROM mentions m WHERE m.entity_id = ? GROUP BY m.article_id ORDER BY n DESC, m.article_id`, rowID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var a EntityArticle
		if err := rows.Scan(&a.ArticleID, &a.Mentions, &a.firstMention.Start, &a.firstMention.End); err != nil {
			rows.Close()
			return fail(err)
		}
		d.MentionedIn = append(d.MentionedIn, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if err := s.EntityArticles(ctx, d.MentionedIn[:min(len(d.MentionedIn), EntityFirstSentences)]); err != nil {
		return fail(err)
	}

	rows, err = s.db.QueryContext(ctx, `SELECT e.id, e.article_id, e.group_id, e.date, e.precision, e.type, e.title, e.sentence_start, e.sentence_end
		FROM event_entities ee JOIN events e ON e.id = ee.event_id WHERE ee.entity_id = ? ORDER BY e.date, e.id`, rowID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var e EntityEvent
		if err := rows.Scan(&e.EventID, &e.ArticleID, &e.GroupID, &e.Date, &e.Precision, &e.Type, &e.Title, &e.Sentence.Start, &e.Sentence.End); err != nil {
			rows.Close()
			return fail(err)
		}
		d.InEvents = append(d.InEvents, e)
	}
	rows.Close()

	// Who appears with the entity is counted over its most recently saved
	// articles only: over all of them it read every mention of some 8,000
	// articles for the top entity of a 10,000-article library (issue 19).
	// An entity in fewer articles is counted exactly; CoOccurringOver says
	// when the counts are of a part.
	if d.Articles > CoOccurrenceArticles {
		d.CoOccurringOver = CoOccurrenceArticles
	}
	rows, err = s.db.QueryContext(ctx, `WITH arts AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?1
			ORDER BY article_id DESC LIMIT ?2),
		shared AS (SELECT m.entity_id, count(DISTINCT m.article_id) AS c FROM arts JOIN mentions m ON m.article_id = arts.article_id
			WHERE m.entity_id <> ?1 GROUP BY m.entity_id)
		SELECT n.key, n.name, n.name_ar, n.type, shared.c FROM shared JOIN entities n ON n.id = shared.entity_id
		ORDER BY shared.c DESC, n.mention_count DESC, n.id LIMIT 50`, rowID, CoOccurrenceArticles)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c EntityCount
		if err := rows.Scan(&c.Key, &c.Name, &c.NameAr, &c.Type, &c.Articles); err != nil {
			return fail(err)
		}
		d.CoOccurring = append(d.CoOccurring, c)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return &d, nil
}

// EntityArticles reads the title and the sentence of the first mention
// of those of arts (rows of an EntityDetail's MentionedIn) that have no
// sentence yet. Only these articles' texts are decoded. The sentence is
// cut from the text as the analysis cut it (analysis.Sentences): the
// mentions do not keep it (017), it would cost 0.7 KB an article.
func (s *Store) EntityArticles(ctx context.Context, arts []EntityArticle) error {
	var ids []any
	at := map[int64][]int{}
	for i, a := range arts {
		if a.SentenceText != "" {
			continue
		}
		if _, ok := at[a.ArticleID]; !ok {
			ids = append(ids, a.ArticleID)
		}
		at[a.ArticleID] = append(at[a.ArticleID], i)
	}
	if len(ids) == 0 {
		return nil
	}
	fail := func(err error) error { return fmt.Errorf("store: an entity's articles: %w", err) }
	rows, err := s.db.QueryContext(ctx, "SELECT id, title, typeof(text) = 'blob', text FROM articles WHERE id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	bufp, release := snippetBuffer()
	defer release()
	var raw sql.RawBytes
	for rows.Next() {
		var id int64
		var title string
		var blob bool
		if err := rows.Scan(&id, &title, &blob, &raw); err != nil {
			return fail(err)
		}
		text, err := storedTextBytes(bufp, raw, blob)
		if err != nil {
			return fail(err)
		}
		for _, i := range at[id] {
			a := &arts[i]
			a.Title = title
			// read in place: nothing of it outlives the call
			a.Sentence = sentenceOf(unsafe.String(unsafe.SliceData(text), len(text)), a.firstMention)
			// copied out: the buffer is reused for the next text
			a.SentenceText = string(text[a.Sentence.Start:a.Sentence.End])
		}
	}
	return rows.Err()
}

// sentenceOf is the sentence of text holding the mention m, as the
// analysis writer found it (sentenceAround on analysis.Sentences of the
// whole text), or m itself when no sentence holds its start. Only m's
// line is split: Sentences ends a sentence at every line break (\n, \r,
// U+2029) and starts the next after it, and what it decides within a line
// depends on nothing past the line's break (TestSentenceOfIsTheWriters
// checks every offset of the samples). Splitting whole texts was a tenth
// of an entity page's time. The spans were made on this text (a changed
// text loses its mentions: articles_text_changed_analysis); clamped all
// the same, should it have changed since the mentions were read.
func sentenceOf(text string, m Range) Range {
	p := max(min(m.Start, len(text)), 0)
	l := p
	for l > 0 {
		c := text[l-1]
		// U+2029 is E2 80 A9; E2 never continues a rune, so these three
		// bytes are that rune
		if c == '\n' || c == '\r' || c == 0xA9 && l >= 3 && text[l-3] == 0xE2 && text[l-2] == 0x80 {
			break
		}
		l--
	}
	r := p
	for r < len(text) {
		c := text[r]
		if c == '\n' || c == '\r' {
			r++
			break
		}
		if c == 0xE2 && strings.HasPrefix(text[r:], "\u2029") {
			r += len("\u2029")
			break
		}
		r++
	}
	start, end := sentenceAround(analysis.Sentences(text[l:r]), p-l, m.End-l)
	start = max(min(start+l, len(text)), 0)
	return Range{start, max(min(end+l, len(text)), start)}
}
