package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"annals/data/article"
)

// holdWriteLock opens a second connection to the library (as another
// process would) and keeps a write transaction open for d.
func holdWriteLock(t *testing.T, path string, d time.Duration) <-chan error {
	t.Helper()
	registerDriver()
	other, err := sql.Open(driverName, "file:"+path+"?_busy_timeout=0&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("UPDATE articles SET read_progress = 0.5"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		time.Sleep(d)
		done <- tx.Commit()
	}()
	return done
}

// Issue 15, item 3: another process holding the write lock for longer
// than SQLite's 5 s busy timeout used to make a Favourite click fail with
// "database is locked". The write now waits it out.
func TestWriteWaitsOutAnotherWriter(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	id, _, err := s.SaveArticle(ctx, &Article{URL: "https://a.example/1", Title: "One", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	done := holdWriteLock(t, s.Path(), 6500*time.Millisecond)
	start := time.Now()
	if err := s.SetFavourite(ctx, id, true); err != nil {
		t.Fatalf("SetFavourite while another connection wrote for 6.5 s: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 6*time.Second {
		t.Errorf("the write took %v: the other connection did not hold the lock", took)
	}
	if _, _, err := s.SaveArticle(ctx, &Article{URL: "https://a.example/2", Title: "Two", Text: "y"}); err != nil {
		t.Fatal(err)
	}
}

// When the lock is held beyond Annals' patience the error is ErrBusy, in
// plain words, never SQLite's message.
func TestBusyBeyondPatienceIsErrBusy(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	ctx := context.Background()
	id, _, err := s.SaveArticle(ctx, &Article{URL: "https://a.example/1", Title: "One", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	done := holdWriteLock(t, s.Path(), 8*time.Second)
	// Each attempt waits SQLite's 5 s; the retries give up after the
	// first one here.
	s.busyWait = 100 * time.Millisecond
	err = s.SetFavourite(ctx, id, true)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v, want ErrBusy", err)
	}
	if strings.Contains(err.Error(), "locked") {
		t.Errorf("the message shows SQLite's words: %q", err)
	}
	<-done
}

// Issue 15, item 3: a restore of a large backup was one transaction of
// about 20 s. It now commits in batches, leaving the lock free between
// them for other writers (a second connection that does not wait at all).
func TestRestoreCommitsInBatches(t *testing.T) {
	ctx := context.Background()
	src := openTemp(t)
	for i := range 5 {
		if _, _, err := src.SaveArticle(ctx, &Article{URL: fmt.Sprintf("https://a.example/%d", i), Title: "T", Text: "text"}); err != nil {
			t.Fatal(err)
		}
	}
	srcPath := src.Path()
	src.Close()
	dst := openTemp(t)
	if _, _, err := dst.SaveArticle(ctx, &Article{URL: "https://b.example/here", Title: "Here", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	registerDriver()
	other, err := sql.Open(driverName, "file:"+dst.Path()+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	oldBatch := restoreBatch
	restoreBatch = 2
	var batches int
	restoreBatchDone = func() {
		batches++
		if _, err := other.Exec("UPDATE articles SET favourite = 1 WHERE url = 'https://b.example/here'"); err != nil {
			t.Errorf("after batch %d another connection could not write: %v", batches, err)
		}
	}
	defer func() { restoreBatch, restoreBatchDone = oldBatch, nil }()
	st, err := dst.MergeFrom(ctx, srcPath)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 5 || batches != 3 {
		t.Errorf("restored %d articles in %d batches; want 5 in 3", st.Articles, batches)
	}
	if n, _ := dst.Count(ctx); n != 6 {
		t.Errorf("count = %d, want 6", n)
	}
	// Restoring again doubles nothing.
	st, err = dst.MergeFrom(ctx, srcPath)
	if err != nil || st.Articles != 0 || st.Merged != 5 {
		t.Errorf("second restore: %+v, %v", st, err)
	}
}

// Issue 15, item 5: only web links (and saved pages' file:// addresses)
// are stored, whatever writes them: a save, an import, a restored backup.
func TestOnlyWebLinksAreStored(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, u := range []string{"javascript:alert(1)", "data:text/html,<script>x</script>", "JAVASCRIPT://x.com/%0aalert(1)", "vbscript:x"} {
		if _, _, err := s.SaveArticle(ctx, &Article{URL: u, Title: "x", Text: "x"}); !errors.Is(err, ErrNotWebLink) {
			t.Errorf("SaveArticle(%q): err = %v, want ErrNotWebLink", u, err)
		}
		if _, err := s.ImportArticles(ctx, []ImportRow{{Article: Article{URL: u}}}); !errors.Is(err, ErrNotWebLink) {
			t.Errorf("ImportArticles(%q): err = %v, want ErrNotWebLink", u, err)
		}
	}
	id, _, err := s.SaveArticle(ctx, &Article{URL: "https://a.example/x", CanonicalURL: "javascript:alert(2)", Title: "x", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Get(ctx, id); a.CanonicalURL != "" {
		t.Errorf("canonical URL %q kept", a.CanonicalURL)
	}

	// A crafted backup: rows written behind the store's back.
	src := openTemp(t)
	for _, u := range []string{"https://ok.example/1", "https://ok.example/2", "file:///home/u/saved.html"} {
		if _, _, err := src.SaveArticle(ctx, &Article{URL: u, Title: "x", Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := src.db.ExecContext(ctx, "UPDATE articles SET url = 'javascript:alert(document.cookie)', url_key = 'evil' WHERE url = 'https://ok.example/2'"); err != nil {
		t.Fatal(err)
	}
	srcPath := src.Path()
	src.Close()
	dst := openTemp(t)
	st, err := dst.MergeFrom(ctx, srcPath)
	if err != nil {
		t.Fatal(err)
	}
	var bad int
	dst.db.QueryRowContext(ctx, "SELECT count(*) FROM articles WHERE url LIKE 'javascript:%'").Scan(&bad)
	if bad != 0 || st.Articles != 2 {
		t.Errorf("restore kept %d javascript: rows and brought %d articles; want 0 and 2 (the link and the saved page)", bad, st.Articles)
	}
}

// Issue 15, item 2: a megabyte title (or byline, site, tag, note) is cut
// wherever it enters: a save, an import, a restore, a feed.
func TestMetadataIsCapped(t *testing.T) {
	ctx := context.Background()
	huge := strings.Repeat("عنوان طويل جدا ", 70000) // about 1 MB
	s := openTemp(t)
	id, _, err := s.SaveArticle(ctx, &Article{URL: "https://a.example/1", Title: huge, Byline: huge, Site: huge,
		Excerpt: huge, Text: "x", Tags: []string{huge, "short"}})
	if err != nil {
		t.Fatal(err)
	}
	checkCapped := func(where string, a *Article) {
		t.Helper()
		for name, v := range map[string]struct {
			s string
			n int
		}{"title": {a.Title, article.MaxTitleRunes}, "byline": {a.Byline, article.MaxBylineRunes},
			"site": {a.Site, article.MaxSiteRunes}} {
			if c := utf8.RuneCountInString(v.s); c > v.n || c == 0 {
				t.Errorf("%s: %s has %d characters, want 1..%d", where, name, c, v.n)
			}
		}
		for _, tag := range a.Tags {
			if utf8.RuneCountInString(tag) > article.MaxTagRunes {
				t.Errorf("%s: a tag has %d characters", where, utf8.RuneCountInString(tag))
			}
		}
	}
	a, _ := s.Get(ctx, id)
	checkCapped("save", a)
	st, err := s.ImportArticles(ctx, []ImportRow{{Article: Article{URL: "https://a.example/2", Title: huge, Tags: []string{huge}},
		Highlights: []ImportHighlight{{Quote: "q", Note: huge + huge}}}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ = s.Get(ctx, st.IDs[0])
	a.Byline, a.Site = "b", "s"
	checkCapped("import", a)
	var note string
	s.db.QueryRowContext(ctx, "SELECT note FROM highlights WHERE article_id = ?", st.IDs[0]).Scan(&note)
	if c := utf8.RuneCountInString(note); c > article.MaxNoteRunes || c == 0 {
		t.Errorf("import: a note has %d characters", c)
	}

	// Restore from a library whose title was written behind the store's back.
	src := openTemp(t)
	if _, _, err := src.SaveArticle(ctx, &Article{URL: "https://c.example/1", Title: "t", Byline: "b", Site: "s", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.db.ExecContext(ctx, "UPDATE articles SET title = ?, byline = ?, site = ?", huge, huge, huge); err != nil {
		t.Fatal(err)
	}
	srcPath := src.Path()
	src.Close()
	if _, err := s.MergeFrom(ctx, srcPath); err != nil {
		t.Fatal(err)
	}
	var rid int64
	s.db.QueryRowContext(ctx, "SELECT id FROM articles WHERE url = 'https://c.example/1'").Scan(&rid)
	a, _ = s.Get(ctx, rid)
	checkCapped("restore", a)

	fid, _, err := s.AddFeed(ctx, &Feed{URL: "https://feeds.example/rss", Title: huge})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := s.UpsertFeedItems(ctx, fid, []FeedItem{{GUID: "1", URL: "https://feeds.example/1", Title: huge},
		{GUID: "2", URL: "javascript:alert(1)", Title: "evil"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range fresh {
		if utf8.RuneCountInString(it.Title) > article.MaxTitleRunes {
			t.Errorf("feed item title has %d characters", utf8.RuneCountInString(it.Title))
		}
		if strings.HasPrefix(it.URL, "javascript") {
			t.Errorf("feed item kept %q", it.URL)
		}
	}
	f, _ := s.Feed(ctx, fid)
	if utf8.RuneCountInString(f.Title) > article.MaxTitleRunes {
		t.Errorf("feed title has %d characters", utf8.RuneCountInString(f.Title))
	}
}
