package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"annals/data/analysis"
	"annals/data/textnorm"
)

// EntityTypes are the types an entity can be given.
var EntityTypes = []string{"person", "organisation", "product", "place", "event"}

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
		// A span holds an entity once (015): where into is already
		// named at a span from is named at, from's row goes.
		{"UPDATE OR IGNORE mentions SET entity_id = ? WHERE entity_id = ?", []any{intoID, fromID}},
		{"DELETE FROM mentions WHERE entity_id = ?", []any{fromID}},
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
