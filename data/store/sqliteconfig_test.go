package store

import (
	"context"
	"path/filepath"
	"testing"
)

// SQLite's memory statistics are off (sqliteconfig.go): it counts nothing
// even with a library open and written to, which with them on is several
// hundred kilobytes at least.
func TestSQLiteMemoryStatisticsOff(t *testing.T) {
	if !sqliteMemStatusOff {
		t.Fatal("sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) failed: SQLite was initialised before the store's package variables")
	}
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.SaveArticle(context.Background(), &Article{URL: "https://example.com/a", Title: "A title", Text: "Some words to index."}); err != nil {
		t.Fatal(err)
	}
	if used := sqliteMemoryUsed(); used != 0 {
		t.Errorf("SQLite counts %d bytes in use: its memory statistics are on", used)
	}
}
