package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// ErrDamaged is returned when a library (or a copy of it) fails SQLite's
// integrity check or the search index's own: a backup of it would keep the
// damage, so none is kept.
var ErrDamaged = errors.New("the library file is damaged")

type damagedError struct{ detail string }

func (e *damagedError) Error() string        { return ErrDamaged.Error() + " (" + e.detail + ")" }
func (e *damagedError) Is(target error) bool { return target == ErrDamaged }

// CheckFile checks the database file at path (a copy: FTS5's check needs a
// writable connection, though it writes nothing): PRAGMA
// integrity_check over every table and index, then the full-text indexes'
// own integrity checks. It returns an error matching ErrDamaged when any
// fails.
func CheckFile(ctx context.Context, path string) error {
	registerDriver()
	q := url.Values{}
	q.Set("mode", "rw") // never creates the file
	q.Set("_busy_timeout", "5000")
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("store: check %s: %w", filepath.Base(path), err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(20)")
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &damagedError{detail: oneLineErr(err)}
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return &damagedError{detail: oneLineErr(err)}
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return &damagedError{detail: oneLineErr(err)}
	}
	if len(problems) > 0 {
		return &damagedError{detail: oneLineErr(errors.New(strings.Join(problems, "; ")))}
	}
	for _, t := range []string{"articles_fts", "highlights_fts"} {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = ?", t).Scan(&n); err != nil || n == 0 {
			continue
		}
		// The 'integrity-check' command compares the index with itself
		// (the tables are contentless) and writes nothing.
		if _, err := db.ExecContext(ctx, "INSERT INTO "+t+" ("+t+") VALUES ('integrity-check')"); err != nil {
			return &damagedError{detail: t + ": " + oneLineErr(err)}
		}
	}
	return nil
}

func oneLineErr(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
