package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
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
	// The structure record says what the pages say: FTS5 numbers a leaf
	// page segid<<37 + page, with the bits between (doclist index, its
	// height) 0, and a tombstone page segid+65536<<37 + page.
	var want searchStructure
	if err := s.db.QueryRow(`SELECT count(*), coalesce(sum(n), 0), coalesce(max(n), 0) FROM (SELECT count(*) AS n
		FROM articles_fts_data WHERE id >> 37 BETWEEN 1 AND 65535 AND (id >> 31) & 63 = 0 GROUP BY id >> 37)`).
		Scan(&want.segments, &want.pages, &want.largest); err != nil {
		t.Fatal(err)
	}
	want.rows = n
	if st, err := s.readSearchStructure(ctx, "articles_fts"); err != nil || st != want || st.segments < 2 {
		t.Fatalf("structure record %+v (%v); the pages say %+v", st, err, want)
	}
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
	// The index still takes deletions after merging. One row in 60
	// deleted is worth a merge (manyDeleted), which drops it.
	if err := s.Delete(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(ctx, "tokenword0", 10); err != nil || len(hits) != 0 {
		t.Errorf("a deleted article is still found after merging: %d hits (%v)", len(hits), err)
	}
	if more, err := s.OptimizeSearch(ctx); err != nil || more == 0 {
		t.Errorf("OptimizeSearch after deleting one row in %d did %d steps (%v), want a merge", n, more, err)
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

// searchResults is what Search answers to each query: ids, ranks and
// snippets, best first.
func searchResults(t *testing.T, s *Store, queries []string) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for _, q := range queries {
		hits, err := s.Search(context.Background(), q, 500)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		for _, h := range hits {
			got[q] = append(got[q], fmt.Sprintf("%d %.6f %q", h.ID, h.Rank, h.Snippet))
		}
	}
	return got
}

// TestOptimizeSearchDropsTheRowsCompactionRewrote (issue 19): a library
// from before 014 whose index was merged into one segment, then compacted:
// the articles whose text lost invisible characters are written to the
// index again, their old rows left in the big segment behind tombstones
// that every search checks. The new segments are too small for
// worthMerging, but one row in ten is deleted: OptimizeSearch merges the
// index (in several steps), the tombstones and the rows they hide are
// gone, every search answers as before, and a second run, or one after a
// deletion too few to be worth it, does nothing.
func TestOptimizeSearchDropsTheRowsCompactionRewrote(t *testing.T) {
	ctx := context.Background()
	defer func(p int) { searchMergePages = p }(searchMergePages)
	searchMergePages = 4 // several steps: the loop must go on until done
	shared := "The ministers met in Cairo to discuss the shipping lanes, the harbour fees and the new canal. "
	var pages []*Article
	const n, hidden = 200, 20
	for i := range n {
		own := fmt.Sprintf("Only this one names tokenword%d, in Arabic كلمة%d.", i, i)
		if i%(n/hidden) == 0 { // a soft hyphen, stripped by compaction
			own = fmt.Sprintf("Only this one names token\u00ADword%d, the co\u00ADoperation pact, in Arabic كلمة%d.", i, i)
		}
		// Words of its own make the index's pages grow with its rows,
		// so the rewritten tenth's segments stay too small for
		// worthMerging.
		var words strings.Builder
		for j := range 100 {
			fmt.Fprintf(&words, "w%dx%d ", i, j)
		}
		pages = append(pages, paragraphs(fmt.Sprintf("https://old.example/%d", i), fmt.Sprint("Article ", i),
			strings.Repeat(shared, 3+i%5), words.String(), own))
	}
	path := oldLibrary(t, pages)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The old library's saves, merged as maintenance merged them before.
	if steps, err := s.OptimizeSearch(ctx); err != nil || steps == 0 {
		t.Fatalf("first OptimizeSearch of the old library: %d steps (%v), want a merge", steps, err)
	}
	st, err := s.readSearchStructure(ctx, "articles_fts")
	if segs, _ := searchSegments(t, s); err != nil || segs != 1 || st.segments != 1 || st.deleted != 0 || st.rows != n+1 {
		t.Fatalf("merged old index: %d segments, structure %+v (%v); want 1 segment of %d rows, none deleted", segs, st, err, n+1)
	}
	if compacted, err := s.CompactArticles(ctx); err != nil || compacted != n+1 {
		t.Fatalf("CompactArticles rewrote %d (%v), want %d", compacted, err, n+1)
	}
	st, err = s.readSearchStructure(ctx, "articles_fts")
	if err != nil || st.rows != n+1+hidden || st.deleted != hidden {
		t.Fatalf("after compaction the index holds %d rows, %d deleted (%v); want %d, %d", st.rows, st.deleted, err, n+1+hidden, hidden)
	}
	if st.worthMerging() || st.segments < 2 {
		t.Fatalf("after compaction: structure %+v; the test wants new segments too small for worthMerging", st)
	}
	queries := []string{"harbour", "cooperation", "tokenword0", "tokenword10", "tokenword11", "tokenword190", "كلمة10", "كلمة199", "ministers canal", "Article"}
	before := searchResults(t, s, queries)
	if len(before["harbour"]) != n || len(before["cooperation"]) != hidden || len(before["tokenword190"]) != 1 {
		t.Fatalf("after compaction: %d harbour, %d cooperation, %d tokenword190; want %d, %d, 1",
			len(before["harbour"]), len(before["cooperation"]), len(before["tokenword190"]), n, hidden)
	}
	steps, err := s.OptimizeSearch(ctx)
	if err != nil || steps < 2 {
		t.Fatalf("OptimizeSearch after compaction: %d steps (%v), want a merge in several steps of %d pages", steps, err, searchMergePages)
	}
	st, err = s.readSearchStructure(ctx, "articles_fts")
	if segs, _ := searchSegments(t, s); err != nil || segs != 1 || st.rows != n+1 || st.deleted != 0 {
		t.Fatalf("after the merge: %d segments, structure %+v (%v); want 1 segment of the %d articles, none deleted", segs, st, err, n+1)
	}
	if after := searchResults(t, s, queries); !reflect.DeepEqual(after, before) {
		for _, q := range queries {
			if !reflect.DeepEqual(after[q], before[q]) {
				t.Errorf("search %q after the merge:\n%v\nbefore:\n%v", q, after[q], before[q])
			}
		}
	}
	if again, err := s.OptimizeSearch(ctx); err != nil || again != 0 {
		t.Errorf("a second OptimizeSearch did %d steps (%v), want none", again, err)
	}
	// One deletion in 200 rows is under one in searchDeletedShare: left
	// for later; the third makes it worth a merge.
	for _, id := range []int64{5, 6, 7} {
		if err := s.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
		steps, err := s.OptimizeSearch(ctx)
		st, _ := s.readSearchStructure(ctx, "articles_fts")
		if id < 7 && (err != nil || steps != 0 || st.deleted != id-4) {
			t.Errorf("after %d deletions: %d steps (%v), %d deleted rows left; want no merge", id-4, steps, err, st.deleted)
		}
		if id == 7 && (err != nil || steps == 0 || st.deleted != 0) {
			t.Errorf("after 3 deletions in %d rows: %d steps (%v), %d deleted left; want a merge", n+1, steps, err, st.deleted)
		}
	}
	if hits, err := s.Search(ctx, "harbour", 500); err != nil || len(hits) != n-3 {
		t.Errorf("after deleting 3: harbour finds %d (%v), want %d", len(hits), err, n-3)
	}
}

// TestDecodeSearchStructure: a record cut anywhere is an error, never a
// read past its end; a record of version 1 has no counts.
func TestDecodeSearchStructure(t *testing.T) {
	// Version 2: 2 levels, 3 segments, write counter 300 (two bytes:
	// 0x82 0x2C); level 0: none in merge, 2 segments; level 1: 1 segment
	// with 200 rows (0x81 0x48), 7 of them deleted.
	v2 := []byte{0, 0, 0, 1, 0xFF, 0, 0, 1, 2, 3, 0x82, 0x2C,
		0, 2, 4, 1, 2, 0, 0, 0, 0, 3, 5, 1, 1, 0, 0, 0, 0, 1,
		0, 1, 1, 1, 9, 0, 0, 1, 7, 0x81, 0x48}
	want := searchStructure{segments: 3, pages: 12, largest: 9, rows: 204, deleted: 7}
	if st, err := decodeSearchStructure(v2); err != nil || st != want {
		t.Fatalf("version 2 record: %+v (%v); want %+v", st, err, want)
	}
	for cut := range len(v2) {
		if _, err := decodeSearchStructure(v2[:cut]); err == nil {
			t.Errorf("a record cut to %d of %d bytes read without error", cut, len(v2))
		}
	}
	v1 := []byte{0, 0, 0, 1, 1, 2, 5, 0, 2, 1, 1, 3, 2, 1, 1}
	if st, err := decodeSearchStructure(v1); err != nil || st != (searchStructure{segments: 2, pages: 4, largest: 3}) {
		t.Errorf("version 1 record: %+v (%v); want 2 segments of 3 and 1 pages, no rows", st, err)
	}
	if _, err := decodeSearchStructure(append(v1[:5:5], 3, 5, 0, 2, 1, 1, 3, 2, 1, 1)); err == nil {
		t.Error("a record with fewer segments than it says read without error")
	}
	if _, err := decodeSearchStructure(append(v1[:12:12], 2, 3, 1)); err == nil {
		t.Error("a segment that ends before it begins read without error")
	}
}
