package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"annals/data/analysis"
)

// A bulk save's second batch runs on the statements the first one asked
// for: it compiles none for itself (txCompiles counts those), and stores
// what the first stored. Closing the store closes the kept statements;
// the library opened again saves as before.
func TestBulkSaveCompilesItsStatementsOnce(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	published := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	batch := func(s *Store, round int) []int64 {
		t.Helper()
		as := []*Article{
			{URL: fmt.Sprintf("https://cache.example/en/%d", round), Title: "Inauguration", Text: enText},
			{URL: fmt.Sprintf("https://cache.example/ar/%d", round), Title: "تنصيب", Text: arText},
		}
		ids, err := s.SaveArticles(ctx, as)
		if err != nil {
			t.Fatal(err)
		}
		var rs []analysis.Result
		for _, a := range as {
			r, err := analysis.Analyze(ctx, analysis.Input{Text: a.Text, Title: a.Title, Published: published})
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, r)
		}
		if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	rowsOf := func(s *Store, id int64) string {
		t.Helper()
		var mentions, events, linked int
		err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM mentions WHERE article_id = ?1),
			(SELECT count(*) FROM events WHERE article_id = ?1),
			(SELECT count(*) FROM event_entities ee JOIN events e ON e.id = ee.event_id WHERE e.article_id = ?1)`,
			id).Scan(&mentions, &events, &linked)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d mentions, %d events, %d links", mentions, events, linked)
	}

	first := batch(s, 0)
	if n := len(s.stmts.wanted); n == 0 {
		t.Fatal("the first batch asked for no statement to keep")
	}
	before := txCompiles.Load()
	second := batch(s, 1)
	if n := txCompiles.Load() - before; n != 0 {
		t.Errorf("the second batch compiled %d statements for itself, want 0", n)
	}
	for k := range first {
		a, b := rowsOf(s, first[k]), rowsOf(s, second[k])
		if a != b || a == "0 mentions, 0 events, 0 links" {
			t.Errorf("article %d: first batch stored %s, second %s", k, a, b)
		}
	}

	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if len(s.stmts.stmts) != 0 || !s.stmts.closed {
		t.Errorf("Close left %d statements kept", len(s.stmts.stmts))
	}
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	third := batch(s2, 2)
	if a, b := rowsOf(s2, first[0]), rowsOf(s2, third[0]); a != b {
		t.Errorf("after opening again: first batch %s, third %s", a, b)
	}
}

// The reads run for every page a bulk save stores (its highlights, its
// image records) keep one statement each, and read what is stored, an
// article that is not there included.
func TestPageReadsKeepTheirStatements(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := saveText(t, s, "https://reads.example/1", "Reads", enText)
	if err := s.SaveImages(ctx, id, []ImageRecord{{Src: "https://reads.example/a.png", Error: "gone"}}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if n, err := s.ReanchorHighlights(ctx, id); err != nil || n != 0 {
			t.Fatalf("ReanchorHighlights = %d, %v", n, err)
		}
		imgs, err := s.Images(ctx, id)
		if err != nil || len(imgs) != 1 || imgs[0].Error != "gone" {
			t.Fatalf("Images = %+v, %v", imgs, err)
		}
	}
	if _, err := s.ReanchorHighlights(ctx, id+1); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReanchorHighlights of no article: %v, want ErrNotFound", err)
	}
	s.stmts.mu.Lock()
	kept := len(s.stmts.reads)
	s.stmts.mu.Unlock()
	if kept != 2 {
		t.Errorf("%d read statements kept, want 2", kept)
	}
}
