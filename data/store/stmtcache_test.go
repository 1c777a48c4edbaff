package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"annals/data/analysis"
)

// A bulk save's second batch runs on the statements the first one
// compiled on the writer connection: it compiles none (connCompiles counts
// them), and stores what the first stored. Closing the store closes the
// kept statements and gives the connection back; the library opened
// again saves as before.
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

	before := connCompiles.Load()
	first := batch(s, 0)
	if connCompiles.Load() == before {
		t.Fatal("the first batch compiled no statement")
	}
	before = connCompiles.Load()
	second := batch(s, 1)
	if n := connCompiles.Load() - before; n != 0 {
		t.Errorf("the second batch compiled %d statements, want 0", n)
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
	if s.writer.conn != nil || len(s.writer.stmts) != 0 {
		t.Errorf("Close kept the writer connection and %d statements", len(s.writer.stmts))
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

// stopAfter is a context whose Err says it was cancelled from its n-th
// call on: a bulk write checks it between articles.
type stopAfter struct {
	context.Context
	calls, n int
}

func (c *stopAfter) Err() error {
	c.calls++
	if c.calls >= c.n {
		return context.Canceled
	}
	return nil
}

// A bulk write stopped part-way, or failing part-way, keeps nothing of its
// batch (database/sql does not know of the writer connection's
// transaction, so inBulkTx rolls it back itself), and the next batch is
// stored as usual on the same connection.
func TestBulkWriteStoppedOrFailedKeepsNothing(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	arts := func(prefix string) []*Article {
		var as []*Article
		for i := range 4 {
			as = append(as, &Article{URL: fmt.Sprintf("https://stop.example/%s/%d", prefix, i), Title: "Stop", Text: enText})
		}
		return as
	}
	count := func() int {
		t.Helper()
		n, err := s.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := s.SaveArticles(&stopAfter{Context: ctx, n: 3}, arts("stopped")); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped SaveArticles: %v, want context.Canceled", err)
	}
	if n := count(); n != 0 {
		t.Fatalf("a stopped batch kept %d articles", n)
	}
	bad := arts("bad")
	bad[2].URL = "mailto:nobody@stop.example"
	if _, err := s.SaveArticles(ctx, bad); err == nil {
		t.Fatal("a batch with an article that cannot be stored was saved")
	}
	if n := count(); n != 0 {
		t.Fatalf("a failed batch kept %d articles", n)
	}
	ids, err := s.SaveArticles(ctx, arts("kept"))
	if err != nil || len(ids) != 4 || count() != 4 {
		t.Fatalf("the next batch: %v, %v; %d articles", ids, err, count())
	}
	var rs []analysis.Result
	for range ids {
		r, err := analysis.Analyze(ctx, analysis.Input{Text: enText, Published: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	if err := s.SaveAnalyses(&stopAfter{Context: ctx, n: 3}, ids, rs); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped SaveAnalyses: %v, want context.Canceled", err)
	}
	var analysed int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM article_analysis").Scan(&analysed); err != nil || analysed != 0 {
		t.Fatalf("a stopped batch of analyses kept %d, %v", analysed, err)
	}
	if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM article_analysis").Scan(&analysed); err != nil || analysed != 4 {
		t.Fatalf("%d analyses stored, %v; want 4", analysed, err)
	}
}

// A multi-row INSERT run as a query (execMany, from fusedFrom values)
// writes its rows, and one that breaks a constraint fails whole.
func TestMultiRowAsQueryWritesOrFails(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := saveText(t, s, "https://multi.example/1", "Multi", enText)
	err := s.inBulkTx(ctx, func(tx sqlTx, prepare preparer) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO entities (key, name, type) VALUES ('person:a', 'A', 'person')"); err != nil {
			return err
		}
		var ent int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM entities WHERE key = 'person:a'").Scan(&ent); err != nil {
			return err
		}
		m := newMultiRow(prepare, `INSERT INTO mentions (article_id, byte_start, byte_end, entity_id) VALUES `, 4)
		if err := m.insert(ctx, 5, func(i int, a []any) []any { return append(a, id, i*10, i*10+5, ent) }); err != nil {
			return err
		}
		// A mention of an entity that does not exist: the foreign key.
		bad := m.insert(ctx, 4, func(i int, a []any) []any {
			e := ent
			if i == 3 {
				e = ent + 1000
			}
			return append(a, id, 100+i*10, 100+i*10+5, e)
		})
		if bad == nil {
			t.Error("a row breaking the foreign key was written")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM mentions WHERE article_id = ?", id).Scan(&n); err != nil || n != 5 {
		t.Fatalf("%d mentions stored, %v; want the first statement's 5", n, err)
	}
}
