package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
)

func libraryWithArticles(t *testing.T, n int) *Store {
	t.Helper()
	s := openTemp(t)
	for i := range n {
		if _, _, err := s.SaveArticle(context.Background(), &Article{URL: fmt.Sprintf("https://a.example/%d", i),
			Title: fmt.Sprintf("Title %d", i), Text: "some words to index for search and more"}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// Issue 15, item 6: a damaged library is found before a backup of it is
// kept: a damaged search index, and one flipped run of bytes in an index
// page of the articles table.
func TestCheckFileFindsDamage(t *testing.T) {
	ctx := context.Background()
	good := libraryWithArticles(t, 30)
	if err := CheckFile(ctx, good.Path()); err != nil {
		t.Fatalf("a sound library: %v", err)
	}

	fts := libraryWithArticles(t, 30)
	if _, err := fts.db.ExecContext(ctx, "UPDATE articles_fts_data SET block = zeroblob(length(block)) WHERE id > 10"); err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(ctx, fts.Path()); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged search index: err = %v, want ErrDamaged", err)
	}

	pg := libraryWithArticles(t, 300)
	var root, size int64
	if err := pg.db.QueryRowContext(ctx, "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles' ORDER BY rootpage LIMIT 1").Scan(&root); err != nil {
		t.Fatal(err)
	}
	pg.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size)
	path := pg.Path()
	pg.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Flip the bytes of the first cell, where the page header says the
	// cells begin.
	page := make([]byte, size)
	if _, err := f.ReadAt(page, (root-1)*size); err != nil {
		t.Fatal(err)
	}
	cells := int(page[5])<<8 | int(page[6])
	for i := cells + 2; i < min(cells+34, int(size)); i++ {
		page[i] ^= 0xFF
	}
	if _, err := f.WriteAt(page, (root-1)*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := CheckFile(ctx, path); !errors.Is(err, ErrDamaged) {
		t.Errorf("flipped bytes in an index page: err = %v, want ErrDamaged", err)
	}
}
