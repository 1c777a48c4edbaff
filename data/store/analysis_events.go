package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// EventEdit corrects an event; empty fields keep their value.
type EventEdit struct {
	Date      string
	Precision string
	Type      string
	Title     string
}

type eventEdit struct {
	date, precision, typ, title sql.NullString
	deleted                     bool
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
