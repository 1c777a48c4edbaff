package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 15 (degraded): --db pointing at another program's SQLite file
// added about 30 tables to it and switched it to WAL. Libraries are marked
// (PRAGMA application_id); a database that is neither empty nor a library
// is refused, byte for byte untouched.
func TestOpenRefusesAnotherProgramsDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	foreign := filepath.Join(dir, "contacts.db")
	db, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Ada', '123')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(foreign)

	notDB := filepath.Join(dir, "notes.db")
	os.WriteFile(notDB, []byte("these are my notes, not a database\n"), 0o644)
	marked := filepath.Join(dir, "marked.db")
	db, _ = sql.Open("sqlite3", marked)
	db.Exec("PRAGMA application_id = 1234; CREATE TABLE articles (x)")
	db.Close()

	for _, p := range []string{foreign, notDB, marked} {
		if s, err := Open(ctx, p); !errors.Is(err, ErrNotLibrary) {
			if s != nil {
				s.Close()
			}
			t.Errorf("Open(%s): err = %v, want ErrNotLibrary", filepath.Base(p), err)
		}
	}
	if _, err := Open(ctx, notDB); !errors.Is(err, ErrDamaged) {
		t.Errorf("a file that is no database: err = %v, want it to match ErrDamaged too", err)
	}
	if _, err := Open(ctx, foreign); errors.Is(err, ErrDamaged) {
		t.Errorf("another program's database is not a damaged library: %v", err)
	}
	after, _ := os.ReadFile(foreign)
	if !bytes.Equal(before, after) {
		t.Errorf("the other program's database changed")
	}
	if _, err := os.Stat(foreign + "-wal"); err == nil {
		t.Errorf("a WAL file appeared beside the other program's database")
	}

	// A new library is marked; one from before the mark opens and is
	// marked too.
	s := openTemp(t)
	var id int
	s.db.QueryRow("PRAGMA application_id").Scan(&id)
	if id != appID {
		t.Errorf("new library's application_id = %#x, want %#x", id, appID)
	}
	s.db.Exec("PRAGMA application_id = 0")
	path := s.Path()
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("a library from before the mark: %v", err)
	}
	s.db.QueryRow("PRAGMA application_id").Scan(&id)
	s.Close()
	if id != appID {
		t.Errorf("old library not marked on open: %#x", id)
	}
}

func TestOpenNewerSchemaIsTyped(t *testing.T) {
	s := openTemp(t)
	s.db.Exec("PRAGMA user_version = 999")
	path := s.Path()
	s.Close()
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "newer Annals") {
		t.Errorf("err = %v, want ErrNewerSchema", err)
	}
}
