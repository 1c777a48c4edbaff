package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
)

// CreateOldLibrary creates a library at path with its schema brought only
// up to version, as an older Annals left it, and returns the database (on
// the driver with the schema's SQL functions, so its triggers run) for the
// caller to write rows the way that version wrote them: plain TEXT pages
// before 014, for instance. It is for the tests of upgrades outside this
// package (the library's maintenance, the bench harness); Open then
// upgrades the file as it upgrades a user's.
func CreateOldLibrary(ctx context.Context, path string, version int) (*sql.DB, error) {
	registerDriver()
	if version < 1 || version > len(migrations) {
		return nil, fmt.Errorf("store: no schema version %d (1 to %d)", version, len(migrations))
	}
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("store: %s exists: an old library is made from nothing", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?_foreign_keys=on&_journal_mode=WAL")
	if err != nil {
		return nil, err
	}
	for i := range version {
		if _, err := db.ExecContext(ctx, migrations[i].sql); err != nil {
			db.Close()
			return nil, fmt.Errorf("store: migration %s: %w", migrations[i].name, err)
		}
		if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}
