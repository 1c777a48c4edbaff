package store

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"annals/data/article"
)

// TestSaveArticleAndSaveArticlesAgree: the two save paths write through the
// same column list, so the same article saved either way reads back the same,
// as a new row and as an update.
func TestSaveArticleAndSaveArticlesAgree(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mk := func(url, title string) *Article {
		return &Article{URL: url, CanonicalURL: url + "?c", Title: title, Byline: "Ada", Site: "example.org",
			Excerpt: "ex", Published: time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC),
			Saved: time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC), Language: "ar", Dir: "rtl",
			HTML: "<p>نص</p>", Text: "نص", Blocks: []article.Block{{Kind: article.BlockParagraph, Text: "نص"}},
			LeadImage: "https://example.org/i.png", WordCount: 321, ReadingMinutes: 2, Status: StatusReady,
			Warnings: []string{"w"}, Favourite: true, Tags: []string{"t"}}
	}
	one, _, err := s.SaveArticle(ctx, mk("https://example.org/one", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := s.SaveArticles(ctx, []*Article{mk("https://example.org/two", "v1")})
	if err != nil {
		t.Fatal(err)
	}
	compare := func(when string) {
		t.Helper()
		a, err := s.Get(ctx, one)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.Get(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if a.Title == "" || a.WordCount != 321 || a.Dir != "rtl" || len(a.Blocks) != 1 || !a.Favourite {
			t.Fatalf("%s: SaveArticle lost fields: %+v", when, a)
		}
		// Only what differs by design: id, URLs and the update stamp.
		b.ID, b.URL, b.CanonicalURL, b.Updated = a.ID, a.URL, a.CanonicalURL, a.Updated
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: SaveArticle and SaveArticles differ:\n%+v\n%+v", when, a, b)
		}
	}
	compare("insert")
	// Update through each path: the saved date and flags stay, the rest changes.
	up1, up2 := mk("https://example.org/one", "v2"), mk("https://example.org/two", "v2")
	up1.Saved, up2.Saved, up1.Favourite, up2.Favourite = time.Time{}, time.Time{}, false, false
	if _, created, err := s.SaveArticle(ctx, up1); err != nil || created {
		t.Fatalf("update one: created=%v err=%v", created, err)
	}
	if _, err := s.SaveArticles(ctx, []*Article{up2}); err != nil {
		t.Fatal(err)
	}
	compare("update")
	if a, _ := s.Get(ctx, one); a.Title != "v2" || !a.Saved.Equal(time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("update: title %q saved %v, want v2 and the first saved date", a.Title, a.Saved)
	}
}

// TestImportWritesThroughSaveColumns: an imported row goes through the same
// insert as a save, with the import's own rules: no status means a link
// still to fetch, and an error in the row is not kept.
func TestImportWritesThroughSaveColumns(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	saved := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	st, err := s.ImportArticles(ctx, []ImportRow{{Article: Article{URL: "https://example.org/x", Title: "X",
		Error: "old failure", Saved: saved, Favourite: true, Language: "en"}}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Get(ctx, st.IDs[0])
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != StatusPending || a.Error != "" || !a.Saved.Equal(saved) || !a.Favourite || a.Dir != "ltr" || a.Title != "X" {
		t.Errorf("imported article = status %q error %q saved %v favourite %v dir %q title %q",
			a.Status, a.Error, a.Saved, a.Favourite, a.Dir, a.Title)
	}
}
