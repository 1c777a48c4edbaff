package cli

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"annals/data/library"

	_ "github.com/mattn/go-sqlite3"
)

// Issue 15 (degraded): a full disk during a multi-item add exited with 1,
// where the README promises 2 for an internal problem. The fault is
// injected with a trigger that makes every new article's write fail the
// way SQLite does when the disk is full.
func TestAddThatCannotWriteExitsWithTwo(t *testing.T) {
	r := runner{t: t, db: filepath.Join(t.TempDir(), "annals.db")}
	lib, err := library.Open(context.Background(), library.Options{DBPath: r.db})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	raw, err := sql.Open("sqlite3", r.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TRIGGER disk_full BEFORE INSERT ON articles BEGIN
		SELECT RAISE(FAIL, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	samples := filepath.Join("..", "assets", "samples")
	code, _, errs := r.run("add", filepath.Join(samples, "annals-sample-en.html"), filepath.Join(samples, "majalla-china-ai.html"))
	if code != ExitInternal {
		t.Errorf("add with a library that cannot be written: exit %d, want %d (stderr %q)", code, ExitInternal, errs)
	}
	if !strings.Contains(errs, "2 of 2 could not be saved") {
		t.Errorf("stderr = %q", errs)
	}
	// A dead file is still the user's to fix: exit 1.
	code, _, _ = r.run("add", filepath.Join(samples, "no-such-page.html"), filepath.Join(samples, "missing-too.html"))
	if code != ExitUser {
		t.Errorf("add of missing files: exit %d, want %d", code, ExitUser)
	}
}
