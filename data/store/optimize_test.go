package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// searchSegments is how many segments the article search index has and
// how many bytes its pages take. FTS5 numbers a segment's pages
// segid<<37 + ...; the rows below 1<<37 are its structure and averages.
func searchSegments(t *testing.T, s *Store) (segments, bytes int64) {
	t.Helper()
	if err := s.db.QueryRow(`SELECT count(DISTINCT id >> 37), coalesce(sum(length(block)), 0)
		FROM articles_fts_data WHERE id >> 37 > 0`).Scan(&segments, &bytes); err != nil {
		t.Fatal(err)
	}
	return segments, bytes
}

// TestOptimizeSearchMergesSegments (issue 19): articles saved one at a time
// leave one search segment per save; OptimizeSearch merges them, in more
// than one step when a step's budget is small, the index gets smaller,
// a second run finds nothing to do, and every word is still found in the
// articles that hold it and only there.
func TestOptimizeSearchMergesSegments(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer func(p int) { searchMergePages = p }(searchMergePages)
	searchMergePages = 2 // a few pages a step: the loop must go on until done
	const n = 60
	shared := "The ministers met in Cairo to discuss the shipping lanes, the harbour fees and the new canal. "
	for i := range n {
		// Words of their own make each save's segment span several pages.
		var own strings.Builder
		for j := range 200 {
			fmt.Fprintf(&own, "w%dx%d ", i, j)
		}
		a := paragraphs(fmt.Sprintf("https://example.org/%d", i), fmt.Sprint("Article ", i),
			strings.Repeat(shared, 5), own.String(), fmt.Sprintf("Only this one names tokenword%d, in Arabic كلمة%d.", i, i))
		if _, _, err := s.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	segsBefore, bytesBefore := searchSegments(t, s)
	// Stopped (the app closing) before it begins: nothing merged, and it
	// says why.
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if steps, err := s.OptimizeSearch(stopped); !errors.Is(err, context.Canceled) || steps != 0 {
		t.Fatalf("OptimizeSearch with a cancelled context: %d steps, %v", steps, err)
	}
	if segs, _ := searchSegments(t, s); segs != segsBefore {
		t.Fatalf("a cancelled OptimizeSearch left %d segments of %d", segs, segsBefore)
	}
	steps, err := s.OptimizeSearch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	segsAfter, bytesAfter := searchSegments(t, s)
	t.Logf("%d saves: %d segments, %d bytes before; %d steps; %d segments, %d bytes after", n, segsBefore, bytesBefore, steps, segsAfter, bytesAfter)
	if steps < 2 {
		t.Errorf("OptimizeSearch took %d steps of %d pages, want several", steps, searchMergePages)
	}
	if segsBefore < 2 || segsAfter != 1 || bytesAfter >= bytesBefore {
		t.Errorf("search index %d segments, %d bytes after merging; was %d segments, %d bytes; want one smaller segment",
			segsAfter, bytesAfter, segsBefore, bytesBefore)
	}
	if again, err := s.OptimizeSearch(ctx); err != nil || again != 0 {
		t.Errorf("a second OptimizeSearch did %d steps (%v), want none", again, err)
	}
	if hits, err := s.Search(ctx, "harbour", 200); err != nil || len(hits) != n {
		t.Fatalf("search for a shared word finds %d of %d (%v)", len(hits), n, err)
	}
	for _, i := range []int{0, 31, n - 1} {
		for _, q := range []string{fmt.Sprint("tokenword", i), fmt.Sprint("كلمة", i)} {
			hits, err := s.Search(ctx, q, 10)
			if err != nil || len(hits) != 1 || hits[0].Title != fmt.Sprint("Article ", i) {
				t.Errorf("search %q: %d hits (%v), want Article %d alone", q, len(hits), err, i)
			}
		}
	}
	// The index still takes deletions after merging.
	if err := s.Delete(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "tokenword0", 10); err != nil || len(hits) != 0 {
		t.Errorf("a deleted article is still found after merging: %d hits (%v)", len(hits), err)
	}
	// A few saves after merging add small segments: not worth rewriting
	// the whole index for; once they hold a quarter of it, they are.
	save := func(i int) {
		t.Helper()
		var own strings.Builder
		for j := range 200 {
			fmt.Fprintf(&own, "w%dx%d ", i, j)
		}
		if _, _, err := s.SaveArticle(ctx, paragraphs(fmt.Sprintf("https://example.org/%d", i), fmt.Sprint("Article ", i),
			strings.Repeat(shared, 5), own.String(), fmt.Sprintf("Only this one names tokenword%d, in Arabic كلمة%d.", i, i))); err != nil {
			t.Fatal(err)
		}
	}
	for i := n; i < n+3; i++ {
		save(i)
	}
	if segs, _ := searchSegments(t, s); segs < 2 {
		t.Fatalf("%d search segments after three more saves, want more than one", segs)
	}
	if more, err := s.OptimizeSearch(ctx); err != nil || more != 0 {
		t.Errorf("OptimizeSearch after three saves to a merged index of %d did %d steps (%v), want none", n, more, err)
	}
	for i := n + 3; i < n+30; i++ {
		save(i)
	}
	if more, err := s.OptimizeSearch(ctx); err != nil || more == 0 {
		t.Errorf("OptimizeSearch after the index grew by half did %d steps (%v), want a merge", more, err)
	}
	if segs, _ := searchSegments(t, s); segs != 1 {
		t.Errorf("%d search segments after merging again, want 1", segs)
	}
}

// TestTitlesAreStoredWithoutInvisibleCharacters (issue 17): a soft hyphen,
// a zero-width space, a word joiner or a BOM pasted into a title is not
// stored, so the title is found by its word; a ZWNJ inside a Persian word
// stays.
func TestTitlesAreStoredWithoutInvisibleCharacters(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	cases := []struct{ title, want string }{
		{"\uFEFFCo\u00ADoperation agreement\u200B signed", "Cooperation agreement signed"},
		{"Word\u2060joiner and\u200Dglued", "Wordjoiner andglued"},
		{"من می\u200Cخواهم بروم", "من می\u200Cخواهم بروم"},
	}
	for i, c := range cases {
		a := paragraphs(fmt.Sprintf("https://example.org/t%d", i), c.title, fmt.Sprintf("Body %d.", i))
		id, _, err := s.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != c.want {
			t.Errorf("title %q stored as %q, want %q", c.title, got.Title, c.want)
		}
	}
	if hits, err := s.Search(ctx, "cooperation", 10); err != nil || len(hits) != 1 {
		t.Errorf("search cooperation: %d hits (%v), want the title with the soft hyphen", len(hits), err)
	}
}
