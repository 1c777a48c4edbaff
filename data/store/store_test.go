package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "lib", "annals.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenSetsUpSchemaAndPragmas(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	v, err := s.Version(ctx)
	if err != nil || v != SchemaVersion() {
		t.Fatalf("version = %d, %v; want %d", v, err, SchemaVersion())
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var fk int
	if err := s.db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
}

// openAtVersion builds a library the way an older Annals left it: only the
// first v migrations applied, with one article saved when the schema has
// the articles table.
func openAtVersion(t *testing.T, path string, v int) {
	t.Helper()
	registerDriver()
	db, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < v; i++ {
		if _, err := db.Exec(migrations[i].sql); err != nil {
			t.Fatalf("migration %s: %v", migrations[i].name, err)
		}
		if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	if v >= 1 {
		_, err := db.Exec(`INSERT INTO articles (url_key, url, title, text, saved, updated)
			VALUES ('http://old.example/a', 'https://old.example/a', 'قديم', 'نص المقالة عن الصين', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`)
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenMigratesEveryEarlierVersion(t *testing.T) {
	for v := 0; v < SchemaVersion(); v++ {
		t.Run(fmt.Sprintf("from_%d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			openAtVersion(t, path, v)
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			got, _ := s.Version(context.Background())
			if got != SchemaVersion() {
				t.Fatalf("version after open = %d, want %d", got, SchemaVersion())
			}
			backups, _ := filepath.Glob(path + ".schema*.bak")
			if want := v >= 1; (len(backups) == 1) != want {
				t.Errorf("copies made before migrating from version %d: %v", v, backups)
			}
			n, _ := s.Count(context.Background())
			if v >= 1 {
				if n != 1 {
					t.Fatalf("articles after migration = %d, want the old one kept", n)
				}
				hits, err := s.Search(context.Background(), "الصين", 10)
				if err != nil || len(hits) != 1 {
					t.Fatalf("old article not searchable after migration: %v, %v", hits, err)
				}
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
	s.Close()
	if _, err := Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "newer Annals") {
		t.Fatalf("Open of a newer library: err = %v, want a 'newer Annals' message", err)
	}
}

func TestURLKey(t *testing.T) {
	cases := []struct{ a, b string }{
		{"https://www.Example.com/a/?utm_source=x&b=2&a=1#frag", "http://example.com/a?a=1&b=2"},
		{"https://example.com:443/", "http://example.com"},
		{"http://example.com/path?fbclid=123", "https://example.com/path"},
	}
	for _, c := range cases {
		t.Run(c.a, func(t *testing.T) {
			if URLKey(c.a) != URLKey(c.b) {
				t.Errorf("URLKey(%q) = %q, URLKey(%q) = %q; want equal", c.a, URLKey(c.a), c.b, URLKey(c.b))
			}
		})
	}
	if URLKey("https://example.com/a") == URLKey("https://example.com/b") {
		t.Error("different paths share a key")
	}
	if URLKey("https://example.com/?id=1") == URLKey("https://example.com/?id=2") {
		t.Error("different query values share a key")
	}
}

func TestSaveSameURLTwiceUpdatesOneRow(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id1, created, err := s.SaveArticle(ctx, &Article{URL: "https://example.com/story?utm_medium=x", Title: "First", Text: "alpha", Tags: []string{"ai"}})
	if err != nil || !created {
		t.Fatalf("first save: %v created=%v", err, created)
	}
	if err := s.SetFavourite(ctx, id1, true); err != nil {
		t.Fatal(err)
	}
	id2, created, err := s.SaveArticle(ctx, &Article{URL: "https://www.example.com/story#top", Title: "Second", Text: "beta"})
	if err != nil || created || id2 != id1 {
		t.Fatalf("second save: id %d vs %d, created=%v, err=%v", id2, id1, created, err)
	}
	if n, _ := s.Count(ctx); n != 1 {
		t.Fatalf("count = %d, want 1", n)
	}
	a, err := s.Get(ctx, id1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Second" || !a.Favourite || len(a.Tags) != 1 || a.Tags[0] != "ai" {
		t.Errorf("after re-save: title %q favourite %v tags %v; want new title, old flags and tags", a.Title, a.Favourite, a.Tags)
	}
	if hits, _ := s.Search(ctx, "alpha", 5); len(hits) != 0 {
		t.Errorf("old text still indexed: %v", hits)
	}
	if hits, _ := s.Search(ctx, "beta", 5); len(hits) != 1 {
		t.Errorf("new text not indexed: %v", hits)
	}
	// Found again through its canonical URL, from another link.
	id3, created, err := s.SaveArticle(ctx, &Article{URL: "https://short.example/x", CanonicalURL: "https://example.com/story", Title: "Third"})
	if err != nil || created || id3 != id1 {
		t.Errorf("canonical match: id %d created %v err %v", id3, created, err)
	}
}

func TestSaveIsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	// Make the tag step fail after the article row is written.
	if _, err := s.db.Exec(`CREATE TRIGGER fail_tags BEFORE INSERT ON article_tags BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.SaveArticle(ctx, &Article{URL: "https://example.com/x", Title: "T", Text: "body", Tags: []string{"a"}})
	if err == nil {
		t.Fatal("save succeeded although the tag insert failed")
	}
	if n, _ := s.Count(ctx); n != 0 {
		t.Fatalf("a half-written article was left behind: count = %d", n)
	}
	if hits, _ := s.Search(ctx, "body", 5); len(hits) != 0 {
		t.Fatalf("search index holds a row whose article is gone")
	}
}

func TestListFiltersAndFlags(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var ids []int64
	for i := 0; i < 3; i++ {
		id, _, err := s.SaveArticle(ctx, &Article{URL: fmt.Sprintf("https://e.com/%d", i), Title: fmt.Sprint(i),
			Saved: time.Date(2025, 1, i+1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := s.SetArchived(ctx, ids[0], true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTags(ctx, ids[1], []string{"China", "AI", " "}); err != nil {
		t.Fatal(err)
	}
	all, _ := s.List(ctx, Filter{})
	if len(all) != 3 || all[0].ID != ids[2] {
		t.Fatalf("List = %v; want 3, newest first", all)
	}
	no := false
	unarchived, _ := s.List(ctx, Filter{Archived: &no})
	if len(unarchived) != 2 {
		t.Errorf("unarchived = %d, want 2", len(unarchived))
	}
	tagged, _ := s.List(ctx, Filter{Tag: "china"})
	if len(tagged) != 1 || tagged[0].ID != ids[1] {
		t.Errorf("tag filter (case-insensitive) = %v", tagged)
	}
	tags, _ := s.Tags(ctx)
	if len(tags) != 2 {
		t.Errorf("tags = %v, want AI and China", tags)
	}
	if err := s.Delete(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if tags, _ := s.Tags(ctx); len(tags) != 0 {
		t.Errorf("orphan tags kept after delete: %v", tags)
	}
	if _, err := s.Get(ctx, ids[1]); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get deleted = %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete missing = %v, want ErrNotFound", err)
	}
}

// List and search read summaries from indexes (migration 009), not from
// the rows: what they show must follow every change to the row.
func TestSummariesFollowTheRow(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var ids []int64
	for i := range 5 {
		id, _, err := s.SaveArticle(ctx, &Article{URL: fmt.Sprintf("https://e.com/%d", i), Title: fmt.Sprintf("Harbour %d", i),
			Text: "The harbour reopened.", WordCount: 100 + i, ReadingMinutes: 1, Saved: time.Date(2025, 1, i+1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := s.SetFavourite(ctx, ids[1], true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReadProgress(ctx, ids[1], 0.5); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArchived(ctx, ids[4], true); err != nil {
		t.Fatal(err)
	}
	no := false
	page, err := s.List(ctx, Filter{Archived: &no, Limit: 2, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Unarchived newest first: 3, 2, 1, 0; the second page of two is 2, 1.
	if len(page) != 2 || page[0].ID != ids[2] || page[1].ID != ids[1] {
		t.Fatalf("page = %+v", page)
	}
	if p := page[1]; !p.Favourite || p.ReadProgress != 0.5 || p.WordCount != 101 || p.Title != "Harbour 1" {
		t.Errorf("summary %+v does not show the row's favourite, progress and words", p)
	}
	favs, _ := s.List(ctx, Filter{Favourite: true})
	if len(favs) != 1 || favs[0].ID != ids[1] {
		t.Errorf("favourites = %+v", favs)
	}
	hits, err := s.Search(ctx, "harbour", 10)
	if err != nil || len(hits) != 5 {
		t.Fatalf("search: %d hits, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.ID == ids[4] && !h.Archived {
			t.Error("a search hit does not show that its article was archived")
		}
	}
}

// A new library is made in incremental auto-vacuum mode (ReclaimSpace
// gives pages back without copying it), yet the pool's connections do not
// set the mode: a connection opened while another holds the write lock
// does not wait for it (PRAGMA auto_vacuum = INCREMENTAL is a write).
func TestNewConnectionDoesNotWaitForTheWriter(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var mode int
	if err := s.db.QueryRowContext(ctx, "PRAGMA auto_vacuum").Scan(&mode); err != nil || mode != 2 {
		t.Fatalf("auto_vacuum = %d, %v; want 2 (incremental)", mode, err)
	}
	writer, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	if _, err := writer.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer writer.ExecContext(ctx, "ROLLBACK")
	s.db.SetMaxIdleConns(0) // every query below opens a connection
	start := time.Now()
	for range 3 {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n); err != nil {
			t.Fatalf("a read on a new connection while the write lock is held: %v", err)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("three reads on new connections took %v while the write lock was held", d)
	}
}
