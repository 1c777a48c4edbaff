package library

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/article"
	"annals/data/store"
	"annals/internal/testenv"
)

// fileBytes is the size of the database with its WAL.
func fileBytes(t *testing.T, path string) int64 {
	t.Helper()
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// TestMaintainUpgradesAnOldLibrary (issues 17 and 19): a library written at
// schema 13 (pages as plain TEXT, a soft hyphen in a title and a text) is
// opened by this version; maintenance rewrites every article compressed,
// merges the search index into one segment and gives the freed space back
// to the disk, and afterwards the articles read as they were saved (less
// the invisible characters), every one is found by its own word and by a
// word behind a soft hyphen, and the re-analysis reads them.
func TestMaintainUpgradesAnOldLibrary(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "annals.db")
	old, err := store.CreateOldLibrary(ctx, path, 13)
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	// Words that name no one and no date: the re-analysis adds little, so
	// the file's size shows what compression gave back.
	sentence := "the water was calm and the boats were slow to leave the harbour before the wind rose. "
	texts := make([]string, n)
	for i := range n {
		paras := []string{strings.Repeat(sentence, 40), fmt.Sprintf("Only this article names ownword%03d.", i)}
		title := fmt.Sprint("Article ", i)
		if i == 7 {
			paras[1] += " The co\u00ADoperation agreement was signed."
			title = "Co\u00ADoperation\u200B treaty"
		}
		var blocks []article.Block
		var html strings.Builder
		for _, p := range paras {
			blocks = append(blocks, article.Block{Kind: article.BlockParagraph, Text: p})
			html.WriteString("<p>" + p + "</p>")
		}
		js, _ := json.Marshal(blocks)
		texts[i] = strings.Join(paras, "\n\n")
		if _, err := old.ExecContext(ctx, `INSERT INTO articles (url_key, url, title, html, text, blocks, saved, updated)
			VALUES (?, ?, ?, ?, ?, ?, '2024-02-01T00:00:00Z', '2024-02-01T00:00:00Z')`,
			store.URLKey(fmt.Sprintf("https://old.example/%d", i)), fmt.Sprintf("https://old.example/%d", i),
			title, html.String(), texts[i], string(js)); err != nil {
			t.Fatal(err)
		}
	}
	old.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	old.Close()
	oldSize := fileBytes(t, path)

	l, err := Open(ctx, Options{DBPath: path, Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	clock, waits, ticks := maintainClock()
	jobs := make(chan *Job, 1)
	done := l.Maintain(ctx, MaintainOptions{Clock: clock, Reanalysing: func(j *Job) { jobs <- j }})
	receive(t, waits, "maintenance to wait")
	ticks <- time.Now()
	job := receive(t, jobs, "the re-analysis job")
	receive(t, done, "maintenance to end")
	if res, err := job.Wait(); err != nil || len(res.IDs) != n {
		t.Fatalf("re-analysis after the upgrade: %d articles, %v; want %d", len(res.IDs), err, n)
	}

	// The file as stored: every page compressed, none left to do, the
	// search index one segment, and the file switched to incremental
	// auto-vacuum, which only the VACUUM that gives the old rows' space
	// back does to a file made without it.
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var plain, left, segments, autoVacuum int
	if err := raw.QueryRow(`SELECT
		(SELECT count(*) FROM articles WHERE typeof(text) <> 'blob' OR typeof(html) <> 'blob' OR typeof(blocks) <> 'blob'),
		(SELECT count(*) FROM articles_to_compact),
		(SELECT count(DISTINCT id >> 37) FROM articles_fts_data WHERE id >> 37 > 0)`).Scan(&plain, &left, &segments); err != nil {
		t.Fatal(err)
	}
	raw.QueryRow("PRAGMA auto_vacuum").Scan(&autoVacuum)
	if plain != 0 || left != 0 || segments != 1 || autoVacuum != 2 {
		t.Errorf("after maintenance: %d articles stored as text, %d still listed to compact, %d search segments, auto_vacuum %d; want 0, 0, 1, 2",
			plain, left, segments, autoVacuum)
	}

	for i := range n {
		hits, err := l.Search(ctx, fmt.Sprintf("ownword%03d", i), 10)
		if err != nil || len(hits) != 1 {
			t.Fatalf("search ownword%03d: %d hits (%v), want 1", i, len(hits), err)
		}
		a, err := l.Get(ctx, hits[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		want, wantTitle := texts[i], fmt.Sprint("Article ", i)
		if i == 7 {
			want, wantTitle = strings.ReplaceAll(want, "\u00AD", ""), "Cooperation treaty"
		}
		if a.Text != want || a.Title != wantTitle || len(a.Blocks) != 2 || a.Blocks[1].Text != strings.Split(want, "\n\n")[1] {
			t.Fatalf("article %d reads back as %q / %d blocks, text equal: %v; want %q", i, a.Title, len(a.Blocks), a.Text == want, wantTitle)
		}
	}
	for _, q := range []string{"cooperation", "cooperation treaty"} {
		if hits, err := l.Search(ctx, q, 10); err != nil || len(hits) != 1 || hits[0].Title != "Cooperation treaty" {
			t.Errorf("search %q: %d hits (%v), want the article whose words had a soft hyphen", q, len(hits), err)
		}
	}
	if hits, err := l.Search(ctx, "harbour", 200); err != nil || len(hits) != n {
		t.Errorf("search harbour: %d hits (%v), want %d", len(hits), err, n)
	}
	// Smaller on disk even with the analysis the old library lacked.
	l.Close()
	if size := fileBytes(t, path); size >= oldSize {
		t.Errorf("library %d bytes after the upgrade and re-analysis, %d before", size, oldSize)
	} else {
		t.Logf("%d articles: %d KB as schema 13 left them, %d KB upgraded and analysed", n, oldSize/1024, size/1024)
	}
}
