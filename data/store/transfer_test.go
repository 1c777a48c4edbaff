package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

func TestBackupBeforeMigration(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p, err := s.BackupBeforeMigration(ctx); p != "" || err != nil {
		t.Fatalf("a current library was copied: %q, %v", p, err)
	}
	// Pretend the file is one version behind.
	old := SchemaVersion() - 1
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", old)); err != nil {
		t.Fatal(err)
	}
	var made []string
	for range 5 {
		p, err := s.BackupBeforeMigration(ctx)
		if err != nil || p == "" {
			t.Fatalf("BackupBeforeMigration = %q, %v", p, err)
		}
		made = append(made, p)
	}
	left, _ := filepath.Glob(s.path + ".schema*.bak")
	if len(left) != keepMigrationBackups {
		t.Errorf("%d copies kept, want %d", len(left), keepMigrationBackups)
	}
	copyDB, err := sql.Open("sqlite3", made[4])
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	var v int
	copyDB.QueryRow("PRAGMA user_version").Scan(&v)
	if v != old {
		t.Errorf("the copy has schema %d, want %d", v, old)
	}
}
