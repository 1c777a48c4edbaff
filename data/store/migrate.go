package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"path"
	"sort"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	name string
	sql  string
}

// migrations are applied in file-name order; the schema version stored in
// PRAGMA user_version is the number of migrations applied. Never edit a
// released file: add a new one.
var migrations = loadMigrations()

func loadMigrations() []migration {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		panic(err) // embedded at build time; cannot fail at run time
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var ms []migration
	for _, e := range entries {
		b, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{name: e.Name(), sql: string(b)})
	}
	return ms
}

// SchemaVersion is the version a freshly opened library has.
func SchemaVersion() int { return len(migrations) }

// Version reports the schema version of the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate applies migrations up to target, each in its own transaction
// together with the user_version bump, so a crash leaves the database at a
// whole version, never between two.
func (s *Store) migrate(ctx context.Context, target int) error {
	cur, err := s.Version(ctx)
	if err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if cur > len(migrations) {
		return newerSchema(cur)
	}
	for v := cur; v < target; v++ {
		m := migrations[v]
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("store: migration %s: %w", m.name, err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ErrNewerSchema is returned by Open for a library written by a newer
// Annals, whose format this one does not know.
var ErrNewerSchema = errors.New("this library was written by a newer Annals")

type newerSchemaError struct{ have int }

func (e *newerSchemaError) Error() string {
	return fmt.Sprintf("store: this library was written by a newer Annals (schema %d, this version knows %d); please update Annals", e.have, len(migrations))
}
func (e *newerSchemaError) Is(target error) bool { return target == ErrNewerSchema }

func newerSchema(v int) error { return &newerSchemaError{have: v} }
