package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"annals/data/analysis"
	"annals/data/textnorm"
)

// Errors of the analysis tables.
var (
	ErrEntityNotFound = errors.New("entity not found")
	ErrEventNotFound  = errors.New("event not found")
	ErrAliasNotFound  = errors.New("the user gave the entity no such spelling")
)

// EntityTypes are the types an entity can be given.
var EntityTypes = []string{"person", "organisation", "product", "place", "event"}

// EntityRef names an entity.
type EntityRef struct {
	Key    string // "person:donald-trump"
	Name   string
	NameAr string
	Type   string
}

// EventSource is one article's report of an event.
type EventSource struct {
	EventID      int64
	ArticleID    int64
	ArticleTitle string
	Title        string // the event's title as made from this article's sentence
	Type         string
	Sentence     Range // bytes into the article's text
	SentenceText string
	Timex        Range
	UserEdited   bool
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
// its first mention.
type EntityArticle struct {
	ArticleID    int64
	Title        string
	Mentions     int
	Sentence     Range
	SentenceText string
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
}

// EventEdit corrects an event; empty fields keep their value.
type EventEdit struct {
	Date      string
	Precision string
	Type      string
	Title     string
}

// UserAlias is a spelling the user attached to an entity.
type UserAlias struct {
	Alias     string
	EntityKey string
	Name      string
	NameAr    string
	Type      string
}

// entityEdit is one row of user_entity_edits.
type entityEdit struct {
	name, nameAr, typ, mergedInto sql.NullString
	notEntity                     bool
}

// corrections are the user's edits, loaded once per write.
type corrections struct {
	entities map[string]entityEdit
	aliases  map[string]string // folded alias → entity key
}

// resolve follows merges from key to the entity that now stands for it and
// reports whether that entity was marked "not an entity".
func (c corrections) resolve(key string) (string, bool) {
	for range 32 { // a merge chain longer than this is a cycle
		ed, ok := c.entities[key]
		if !ok {
			return key, false
		}
		if ed.notEntity {
			return key, true
		}
		if !ed.mergedInto.Valid || ed.mergedInto.String == "" || ed.mergedInto.String == key {
			return key, false
		}
		key = ed.mergedInto.String
	}
	return key, false
}

// resolveEntity is resolve for a machine entity: a name the rules found
// (outside the gazetteer) that the user gave as an alias goes to that
// alias's entity first.
func (c corrections) resolveEntity(e analysis.Entity) (string, bool) {
	key := e.ID
	if !e.FromGazetteer {
		for _, n := range append([]string{e.Name, e.NameAr}, e.Aliases...) {
			if to, ok := c.aliases[textnorm.Fold(n)]; ok && n != "" {
				key = to
				break
			}
		}
	}
	return c.resolve(key)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func loadCorrections(ctx context.Context, q querier) (corrections, error) {
	c := corrections{entities: map[string]entityEdit{}, aliases: map[string]string{}}
	rows, err := q.QueryContext(ctx, `SELECT key, name, name_ar, type, merged_into, not_entity FROM user_entity_edits`)
	if err != nil {
		return c, fmt.Errorf("store: load entity corrections: %w", err)
	}
	for rows.Next() {
		var k string
		var ed entityEdit
		if err := rows.Scan(&k, &ed.name, &ed.nameAr, &ed.typ, &ed.mergedInto, &ed.notEntity); err != nil {
			rows.Close()
			return c, fmt.Errorf("store: load entity corrections: %w", err)
		}
		c.entities[k] = ed
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("store: load entity corrections: %w", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT folded, entity_key FROM user_aliases`)
	if err != nil {
		return c, fmt.Errorf("store: load aliases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f, k string
		if err := rows.Scan(&f, &k); err != nil {
			return c, fmt.Errorf("store: load aliases: %w", err)
		}
		c.aliases[f] = k
	}
	return c, rows.Err()
}

// eventKey identifies an event across analyses of the same text: its
// sentence and where in the sentence its time expression starts. User edits
// and deletions are stored under it.
func eventKey(ev analysis.Event) string {
	h := fnv.New64a()
	h.Write([]byte(strings.TrimSpace(ev.SentenceText)))
	return fmt.Sprintf("%016x@%d", h.Sum64(), ev.Timex.Start-ev.Sentence.Start)
}

// runeIndex converts byte offsets of text into rune offsets.
type runeIndex []int32

func newRuneIndex(text string) runeIndex {
	idx := make(runeIndex, len(text)+1)
	n := int32(0)
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		for j := 0; j < size; j++ {
			idx[i+j] = n
		}
		i += size
		n++
	}
	idx[len(text)] = n
	return idx
}

func (r runeIndex) at(b int) int { return int(r[b]) }

// SaveAnalysis stores res as the analysis of article id, replacing the
// machine output of any earlier analysis and re-applying the user's
// corrections, all in one transaction. res's spans must be byte offsets
// into the article's stored text.
func (s *Store) SaveAnalysis(ctx context.Context, id int64, res analysis.Result) error {
	// One article is a batch of one: the batch writer is the only code that
	// writes analysis rows.
	return s.SaveAnalyses(ctx, []int64{id}, []analysis.Result{res})
}

func checkSpans(res analysis.Result, n int) error {
	ok := func(a, b int) bool { return 0 <= a && a <= b && b <= n }
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if !ok(m.Start, m.End) {
				return fmt.Errorf("mention of %s at %d-%d is outside the text (%d bytes)", e.ID, m.Start, m.End, n)
			}
		}
	}
	for _, ev := range res.Events {
		if !ok(ev.Sentence.Start, ev.Sentence.End) || !ok(ev.Timex.Start, ev.Timex.End) {
			return fmt.Errorf("event %q at %d-%d is outside the text (%d bytes)", ev.Title, ev.Sentence.Start, ev.Sentence.End, n)
		}
	}
	return nil
}

// sentenceAround finds the sentence holding [start, end); the mention
// itself when no sentence does.
func sentenceAround(ss []analysis.Sentence, start, end int) (int, int) {
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > start })
	if i < len(ss) && ss[i].Start <= start {
		return ss[i].Start, ss[i].End
	}
	return start, end
}

type eventEdit struct {
	date, precision, typ, title sql.NullString
	deleted                     bool
}

// ArticlesNeedingAnalysis lists the ready articles never analysed or
// analysed by a version older than version, by id.
func (s *Store) ArticlesNeedingAnalysis(ctx context.Context, version int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id FROM articles a LEFT JOIN article_analysis x ON x.article_id = a.id
		WHERE a.status = 'ready' AND (x.version IS NULL OR x.version < ?) ORDER BY a.id`, version)
	if err != nil {
		return nil, fmt.Errorf("store: articles needing analysis: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: articles needing analysis: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// AnalysisVersion reports the analysis version article id was last analysed
// with, 0 when never.
func (s *Store) AnalysisVersion(ctx context.Context, id int64) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "SELECT version FROM article_analysis WHERE article_id = ?", id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: analysis version of %d: %w", id, err)
	}
	return v, nil
}

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

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
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

// currentKey follows the user's merges from key to the entity that now
// stands for it.
func currentKey(ctx context.Context, q querier, key string) (string, error) {
	c, err := loadCorrections(ctx, q)
	if err != nil {
		return "", err
	}
	k, _ := c.resolve(key)
	return k, nil
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

	// SQLite takes the bare columns of an aggregate row from the row that
	// gave min(): the first mention's sentence.
	rows, err = s.db.QueryContext(ctx, `SELECT m.article_id, a.title, count(*), min(m.byte_start), m.sentence_start, m.sentence_end,
		CAST(substr(CAST(a.text AS BLOB), m.sentence_start + 1, m.sentence_end - m.sentence_start) AS TEXT)
		FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?
		GROUP BY m.article_id ORDER BY count(*) DESC, m.article_id`, rowID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var a EntityArticle
		var first int
		if err := rows.Scan(&a.ArticleID, &a.Title, &a.Mentions, &first, &a.Sentence.Start, &a.Sentence.End, &a.SentenceText); err != nil {
			rows.Close()
			return fail(err)
		}
		d.MentionedIn = append(d.MentionedIn, a)
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT e.id, e.article_id, e.group_id, e.date, e.precision, e.type, e.title
		FROM event_entities ee JOIN events e ON e.id = ee.event_id WHERE ee.entity_id = ? ORDER BY e.date, e.id`, rowID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var e EntityEvent
		if err := rows.Scan(&e.EventID, &e.ArticleID, &e.GroupID, &e.Date, &e.Precision, &e.Type, &e.Title); err != nil {
			rows.Close()
			return fail(err)
		}
		d.InEvents = append(d.InEvents, e)
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `WITH arts AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?1)
		SELECT n.key, n.name, n.name_ar, n.type, count(DISTINCT m.article_id) AS c FROM mentions m
		JOIN entities n ON n.id = m.entity_id
		WHERE m.article_id IN (SELECT article_id FROM arts) AND m.entity_id <> ?1
		GROUP BY m.entity_id ORDER BY c DESC, n.mention_count DESC, n.id LIMIT 50`, rowID)
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

// UserAliases lists the spellings the user attached to entities, with the
// entity's current name and type, for the gazetteer the analysis uses.
func (s *Store) UserAliases(ctx context.Context) ([]UserAlias, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT u.alias, u.entity_key, coalesce(n.name, ''), coalesce(n.name_ar, ''),
		coalesce(n.type, '') FROM user_aliases u LEFT JOIN entities n ON n.key = u.entity_key ORDER BY u.entity_key, u.alias`)
	if err != nil {
		return nil, fmt.Errorf("store: user aliases: %w", err)
	}
	defer rows.Close()
	var out []UserAlias
	for rows.Next() {
		var a UserAlias
		if err := rows.Scan(&a.Alias, &a.EntityKey, &a.Name, &a.NameAr, &a.Type); err != nil {
			return nil, fmt.Errorf("store: user aliases: %w", err)
		}
		if a.Type == "" {
			a.Type = strings.SplitN(a.EntityKey, ":", 2)[0]
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// entityRow finds the row of key (after merges) inside tx.
func entityRow(ctx context.Context, tx *sql.Tx, key string) (int64, string, error) {
	k, err := currentKey(ctx, tx, key)
	if err != nil {
		return 0, "", err
	}
	var id int64
	err = tx.QueryRowContext(ctx, "SELECT id FROM entities WHERE key = ?", k).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", fmt.Errorf("store: entity %q: %w", key, ErrEntityNotFound)
	}
	if err != nil {
		return 0, "", fmt.Errorf("store: entity %q: %w", key, err)
	}
	return id, k, nil
}

// editEntity records a correction to key (set holds column = value pairs
// of user_entity_edits).
func editEntity(ctx context.Context, tx *sql.Tx, key, set string, args ...any) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO user_entity_edits (key, updated) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		key, fmtTime(time.Now().UTC()))
	if err != nil {
		return fmt.Errorf("store: correct entity %q: %w", key, err)
	}
	_, err = tx.ExecContext(ctx, "UPDATE user_entity_edits SET "+set+", updated = ? WHERE key = ?",
		append(args, fmtTime(time.Now().UTC()), key)...)
	if err != nil {
		return fmt.Errorf("store: correct entity %q: %w", key, err)
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return s
}

// RenameEntity gives an entity a new name and/or Arabic name ("" keeps
// one). Re-analysis keeps the new names.
func (s *Store) RenameEntity(ctx context.Context, key, name, nameAr string) error {
	if strings.TrimSpace(name) == "" && strings.TrimSpace(nameAr) == "" {
		return errors.New("store: rename entity: empty name")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, k, err := entityRow(ctx, tx, key)
		if err != nil {
			return err
		}
		if err := editEntity(ctx, tx, k, "name = coalesce(?, name), name_ar = coalesce(?, name_ar)", nullIfEmpty(name), nullIfEmpty(nameAr)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE entities SET name = coalesce(?, name), name_ar = coalesce(?, name_ar),
			name_edited = 1 WHERE id = ?`, nullIfEmpty(name), nullIfEmpty(nameAr), id)
		if err != nil {
			return fmt.Errorf("store: rename entity %q: %w", key, err)
		}
		for _, n := range []string{name, nameAr} {
			if strings.TrimSpace(n) != "" {
				if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO entity_aliases (entity_id, folded, alias, user) VALUES (?, ?, ?, 1)",
					id, textnorm.Fold(n), strings.TrimSpace(n)); err != nil {
					return fmt.Errorf("store: rename entity %q: %w", key, err)
				}
			}
		}
		return nil
	})
}

// SetEntityType corrects an entity's type.
func (s *Store) SetEntityType(ctx context.Context, key, typ string) error {
	known := false
	for _, t := range EntityTypes {
		known = known || t == typ
	}
	if !known {
		return fmt.Errorf("store: %q is not an entity type (one of %s)", typ, strings.Join(EntityTypes, ", "))
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, k, err := entityRow(ctx, tx, key)
		if err != nil {
			return err
		}
		if err := editEntity(ctx, tx, k, "type = ?", typ); err != nil {
			return err
		}
		setType := func() error {
			if _, err := tx.ExecContext(ctx, "UPDATE entities SET type = ?, type_edited = 1 WHERE id = ?", typ, id); err != nil {
				return fmt.Errorf("store: set type of %q: %w", key, err)
			}
			return nil
		}
		var was string
		if err := tx.QueryRowContext(ctx, "SELECT type FROM entities WHERE id = ?", id).Scan(&was); err != nil {
			return fmt.Errorf("store: set type of %q: %w", key, err)
		}
		if (was == "place") == (typ == "place") {
			return setType() // the groups only care whether it is a place
		}
		// Places do not link events: its events are placed again.
		evs, err := entityEvents(ctx, tx, id)
		if err != nil {
			return err
		}
		return regroupEvents(ctx, tx, evs, setType)
	})
}

// MergeEntities says from and into are the same thing: every mention,
// event and alias of from moves to into, now and after every re-analysis.
func (s *Store) MergeEntities(ctx context.Context, from, into string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return mergeTx(ctx, tx, from, into) })
}

func mergeTx(ctx context.Context, tx *sql.Tx, from, into string) error {
	fromID, fk, err := entityRow(ctx, tx, from)
	if err != nil {
		return err
	}
	intoID, ik, err := entityRow(ctx, tx, into)
	if err != nil {
		return err
	}
	if fromID == intoID {
		return fmt.Errorf("store: merge %q into %q: they are already one entity", from, into)
	}
	if err := editEntity(ctx, tx, fk, "merged_into = ?, not_entity = 0", ik); err != nil {
		return err
	}
	// The events of from now carry into: they are placed again. Events of
	// into alone keep their groups.
	evs, err := entityEvents(ctx, tx, fromID)
	if err != nil {
		return err
	}
	steps := []struct {
		q    string
		args []any
	}{
		{"UPDATE user_entity_edits SET merged_into = ? WHERE merged_into = ?", []any{ik, fk}},
		{"UPDATE user_aliases SET entity_key = ? WHERE entity_key = ?", []any{ik, fk}},
		{"UPDATE mentions SET entity_id = ? WHERE entity_id = ?", []any{intoID, fromID}},
		{"INSERT OR IGNORE INTO event_entities (event_id, entity_id) SELECT event_id, ? FROM event_entities WHERE entity_id = ?", []any{intoID, fromID}},
		{`INSERT OR IGNORE INTO entity_aliases (entity_id, folded, alias, user)
			SELECT ?, folded, alias, user FROM entity_aliases WHERE entity_id = ?`, []any{intoID, fromID}},
		{`INSERT OR IGNORE INTO entity_aliases (entity_id, folded, alias, user)
			SELECT ?, annals_fold(name), name, 1 FROM entities WHERE id = ? AND name <> ''
			UNION SELECT ?, annals_fold(name_ar), name_ar, 1 FROM entities WHERE id = ? AND name_ar <> ''`, []any{intoID, fromID, intoID, fromID}},
		{"DELETE FROM entities WHERE id = ?", []any{fromID}},
	}
	return regroupEvents(ctx, tx, evs, func() error {
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
				return fmt.Errorf("store: merge %q into %q: %w", from, into, err)
			}
		}
		return nil
	})
}

// AddAlias says alias is a spelling of the entity key: it joins the
// gazetteer the analysis uses (see library), and names the rules found
// that are spelled so are merged into key, now and after re-analysis.
func (s *Store) AddAlias(ctx context.Context, key, alias string) error {
	alias = strings.TrimSpace(alias)
	folded := textnorm.Fold(alias)
	if folded == "" {
		return errors.New("store: add alias: empty alias")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, k, err := entityRow(ctx, tx, key)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO user_aliases (folded, alias, entity_key, updated) VALUES (?, ?, ?, ?)
			ON CONFLICT (folded) DO UPDATE SET alias = excluded.alias, entity_key = excluded.entity_key, updated = excluded.updated`,
			folded, alias, k, fmtTime(time.Now().UTC()))
		if err != nil {
			return fmt.Errorf("store: add alias %q to %q: %w", alias, key, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO entity_aliases (entity_id, folded, alias, user) VALUES (?, ?, ?, 1)",
			id, folded, alias); err != nil {
			return fmt.Errorf("store: add alias %q to %q: %w", alias, key, err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT key FROM entities WHERE id <> ? AND from_gazetteer = 0
			AND (annals_fold(name) = ?2 OR annals_fold(name_ar) = ?2)`, id, folded)
		if err != nil {
			return fmt.Errorf("store: add alias %q to %q: %w", alias, key, err)
		}
		var same []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return err
			}
			same = append(same, k)
		}
		rows.Close()
		for _, other := range same {
			if err := mergeTx(ctx, tx, other, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveAlias takes back a spelling the user gave an entity with AddAlias:
// analyses no longer read it as that entity. The articles that mention the
// entity are marked for re-analysis (ArticlesNeedingAnalysis), which
// sorts their mentions out again. Entities merged when the spelling was
// added stay merged.
func (s *Store) RemoveAlias(ctx context.Context, key, alias string) error {
	folded := textnorm.Fold(strings.TrimSpace(alias))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, _, err := entityRow(ctx, tx, key)
		if err != nil {
			return err
		}
		// A spelling belongs to one entity (folded is the key), whatever
		// the entity was called when it was added.
		res, err := tx.ExecContext(ctx, "DELETE FROM user_aliases WHERE folded = ?", folded)
		if err != nil {
			return fmt.Errorf("store: remove alias %q of %q: %w", alias, key, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: remove alias %q of %q: %w", alias, key, ErrAliasNotFound)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM entity_aliases WHERE entity_id = ? AND folded = ? AND user = 1", id, folded); err != nil {
			return fmt.Errorf("store: remove alias %q of %q: %w", alias, key, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article_analysis SET version = 0
			WHERE article_id IN (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?)`, id); err != nil {
			return fmt.Errorf("store: remove alias %q of %q: %w", alias, key, err)
		}
		return nil
	})
}

// MarkNotEntity says key is not an entity at all: it disappears with its
// mentions, and re-analysis does not bring it back.
func (s *Store) MarkNotEntity(ctx context.Context, key string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		id, k, err := entityRow(ctx, tx, key)
		if err != nil {
			return err
		}
		if err := editEntity(ctx, tx, k, "not_entity = 1, merged_into = NULL"); err != nil {
			return err
		}
		// Its events lose an entity: they are placed again without it.
		evs, err := entityEvents(ctx, tx, id)
		if err != nil {
			return err
		}
		return regroupEvents(ctx, tx, evs, func() error {
			if _, err := tx.ExecContext(ctx, "DELETE FROM entities WHERE id = ?", id); err != nil {
				return fmt.Errorf("store: mark %q not an entity: %w", key, err)
			}
			return nil
		})
	})
}

var timexDate = regexp.MustCompile(`^\d{4}(-(\d{2}|W\d{2}|Q[1-4]|SP|SU|FA|WI)(-\d{2})?)?$`)

// precisionOf guesses the precision of a TIMEX3 date value.
func precisionOf(v string) string {
	switch {
	case len(v) == 4:
		return "year"
	case strings.Contains(v, "-W"):
		return "week"
	case strings.Contains(v, "-Q"):
		return "quarter"
	case len(v) == 7 && v[5] >= '0' && v[5] <= '9':
		return "month"
	case len(v) == 7:
		return "season"
	default:
		return "day"
	}
}

type eventRow struct {
	article int64
	key     string
	date    string
	typ     string
}

func loadEvent(ctx context.Context, tx *sql.Tx, id int64) (eventRow, error) {
	var r eventRow
	err := tx.QueryRowContext(ctx, "SELECT article_id, key, date, type FROM events WHERE id = ?", id).Scan(&r.article, &r.key, &r.date, &r.typ)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: event %d: %w", id, ErrEventNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: event %d: %w", id, err)
	}
	return r, nil
}

func recordEventEdit(ctx context.Context, tx *sql.Tx, r eventRow, set string, args ...any) error {
	now := fmtTime(time.Now().UTC())
	_, err := tx.ExecContext(ctx, `INSERT INTO user_event_edits (article_id, event_key, updated) VALUES (?, ?, ?)
		ON CONFLICT (article_id, event_key) DO NOTHING`, r.article, r.key, now)
	if err == nil {
		_, err = tx.ExecContext(ctx, "UPDATE user_event_edits SET "+set+", updated = ? WHERE article_id = ? AND event_key = ?",
			append(args, now, r.article, r.key)...)
	}
	if err != nil {
		return fmt.Errorf("store: correct event: %w", err)
	}
	return nil
}

// EditEvent corrects an event's date, precision, type or title; re-analysis
// keeps the correction.
func (s *Store) EditEvent(ctx context.Context, id int64, e EventEdit) error {
	e.Date = strings.TrimSpace(e.Date)
	if e.Date != "" && !timexDate.MatchString(e.Date) {
		return fmt.Errorf("store: %q is not a date (2025-01-20, 2024-11 or 2023)", e.Date)
	}
	if e.Date != "" && e.Precision == "" {
		e.Precision = precisionOf(e.Date)
	}
	if e == (EventEdit{}) {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := loadEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		vals := []any{nullIfEmpty(e.Date), nullIfEmpty(e.Precision), nullIfEmpty(e.Type), nullIfEmpty(e.Title)}
		set := "date = coalesce(?, date), precision = coalesce(?, precision), type = coalesce(?, type), title = coalesce(?, title)"
		if err := recordEventEdit(ctx, tx, r, set, vals...); err != nil {
			return err
		}
		edit := func() error {
			if _, err := tx.ExecContext(ctx, "UPDATE events SET "+set+", user_edited = 1 WHERE id = ?", append(vals, id)...); err != nil {
				return fmt.Errorf("store: edit event %d: %w", id, err)
			}
			return nil
		}
		newDate := e.Date != "" && e.Date != r.date
		newType := strings.TrimSpace(e.Type) != "" && strings.TrimSpace(e.Type) != r.typ
		if !newDate && !newType {
			return edit() // groups depend on the date, type and entities only
		}
		// A new date or type: the event leaves its group and joins one of
		// its date's of its type (011), so a group keeps one type.
		return regroupEvents(ctx, tx, []int64{id}, edit)
	})
}

// DeleteEvent removes an event; re-analysis does not bring it back.
func (s *Store) DeleteEvent(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := loadEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := recordEventEdit(ctx, tx, r, "deleted = 1"); err != nil {
			return err
		}
		// The triggers of 010 take it out of its group.
		if _, err := tx.ExecContext(ctx, "DELETE FROM events WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: delete event %d: %w", id, err)
		}
		return nil
	})
}
