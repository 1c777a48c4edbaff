package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"annals/data/article"
	"annals/data/capture"
	"annals/internal/testenv"
)

// capturedArticle is a sample page from assets/samples as capture saves it.
func capturedArticle(t testing.TB, sample string) *Article {
	t.Helper()
	doc, err := capture.ReadFile(context.Background(), testenv.Sample(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	return &Article{URL: "https://example.org/" + sample, Title: doc.Title, Language: doc.Language, Dir: doc.Direction,
		HTML: doc.HTML, Text: doc.Text, Blocks: doc.Blocks, WordCount: doc.WordCount}
}

// storedForm is the SQLite type and first byte of each page column.
func storedForm(t *testing.T, s *Store, id int64) (types [3]string, kinds [3]int, size int) {
	t.Helper()
	err := s.db.QueryRow(`SELECT typeof(html), typeof(text), typeof(blocks),
		coalesce(unicode(substr(CAST(html AS BLOB), 1, 1)), -1), -- unicode() of a 1-byte blob is that byte for < 0x80
		coalesce(unicode(substr(CAST(text AS BLOB), 1, 1)), -1),
		coalesce(unicode(substr(CAST(blocks AS BLOB), 1, 1)), -1),
		length(CAST(html AS BLOB)) + length(CAST(text AS BLOB)) + length(CAST(blocks AS BLOB))
		FROM articles WHERE id = ?`, id).Scan(&types[0], &types[1], &types[2], &kinds[0], &kinds[1], &kinds[2], &size)
	if err != nil {
		t.Fatal(err)
	}
	return
}

// TestCapturedPagesAreStoredCompressed saves the two sample pages as
// capture makes them and reads them back: the same HTML, text and blocks,
// in well under half the bytes, found by search and read by SQL through
// the annals_* functions.
func TestCapturedPagesAreStoredCompressed(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for _, tc := range []struct{ sample, word string }{
		{"majalla-china-ai.html", "الصينية"},
		{"annals-sample-en.html", ""},
	} {
		t.Run(tc.sample, func(t *testing.T) {
			a := capturedArticle(t, tc.sample)
			want := *a
			id, _, err := s.SaveArticle(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.HTML != want.HTML || got.Text != want.Text || !reflect.DeepEqual(got.Blocks, want.Blocks) {
				t.Fatalf("the page read back differs from the one saved (html %v, text %v, blocks %v)",
					got.HTML == want.HTML, got.Text == want.Text, reflect.DeepEqual(got.Blocks, want.Blocks))
			}
			types, kinds, size := storedForm(t, s, id)
			if types != [3]string{"blob", "blob", "blob"} || kinds != [3]int{int(storedFlateText), int(storedZstd), int(storedBlocksText)} {
				t.Fatalf("stored as %v with formats %v, want blobs in formats 2, 1, 3", types, kinds)
			}
			js, _ := json.Marshal(want.Blocks)
			raw := len(want.HTML) + len(want.Text) + len(js)
			if size*2 > raw {
				t.Errorf("stored in %d bytes, the page is %d: not even halved", size, raw)
			}
			t.Logf("%s: %d bytes as before, %d stored (%.0f%%)", tc.sample, raw, size, 100*float64(size)/float64(raw))

			var text, html, blocks string
			if err := s.db.QueryRow("SELECT annals_text(text), annals_html(html, text), annals_blocks(blocks, text) FROM articles WHERE id = ?", id).
				Scan(&text, &html, &blocks); err != nil {
				t.Fatal(err)
			}
			if text != want.Text || html != want.HTML || blocks != string(js) {
				t.Errorf("the SQL functions read another page (text %v, html %v, blocks %v)", text == want.Text, html == want.HTML, blocks == string(js))
			}
			word := tc.word
			if word == "" {
				word = strings.Fields(want.Text)[len(strings.Fields(want.Text))/2]
			}
			hits, err := s.Search(ctx, word, 10)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, h := range hits {
				found = found || (h.ID == id && h.Snippet != "")
			}
			if !found {
				t.Errorf("search for %q does not find the article with a snippet: %+v", word, hits)
			}
		})
	}
}

// TestBlocksThatAreNotTheTextKeepTheirOwnWords: blocks whose texts are not
// the article's text (an import, a hand-made article) are stored whole.
func TestBlocksThatAreNotTheTextKeepTheirOwnWords(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	blocks := []article.Block{{Kind: article.BlockHeading, Level: 2, Text: "A heading"},
		{Kind: article.BlockImage, Text: "alt", Src: "https://example.org/a.png"}, {Kind: article.BlockParagraph, Text: "Other words"}}
	id, _, err := s.SaveArticle(ctx, &Article{URL: "https://example.org/x", Text: "The text alone", HTML: "<p>x</p>", Blocks: blocks})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Blocks, blocks) || got.Text != "The text alone" || got.HTML != "<p>x</p>" {
		t.Fatalf("read back %+v %q %q", got.Blocks, got.Text, got.HTML)
	}
	if _, kinds, _ := storedForm(t, s, id); kinds[2] != int(storedZstd) {
		t.Fatalf("blocks stored in format %d, want the whole JSON (%d)", kinds[2], storedZstd)
	}
	// And an article with no page at all.
	id, _, err = s.SaveArticle(ctx, &Article{URL: "https://example.org/empty", Status: StatusPending})
	if err != nil {
		t.Fatal(err)
	}
	if got, err = s.Get(ctx, id); err != nil || got.Text != "" || got.HTML != "" || got.Blocks == nil || len(got.Blocks) != 0 {
		t.Fatalf("empty article read back as %+v, %v", got, err)
	}
}

// oldLibrary writes a library file as schema 13 left it (what every
// Annals before 014 wrote), with the given pages in the old, plain form.
func oldLibrary(t *testing.T, pages []*Article) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	const before = 13
	if len(migrations) <= before || migrations[before].name[:4] != "014_" {
		t.Fatalf("the migration after schema %d is not 014", before)
	}
	openAtVersion(t, path, before)
	db, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, a := range pages {
		js, _ := json.Marshal(a.Blocks)
		if _, err := db.Exec(`INSERT INTO articles (url_key, url, title, html, text, blocks, saved, updated)
			VALUES (?, ?, ?, ?, ?, ?, '2024-02-01T00:00:00Z', '2024-02-01T00:00:00Z')`,
			URLKey(a.URL), a.URL, a.Title, a.HTML, a.Text, string(js)); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// paragraphs is an article whose text is paras joined as capture joins them.
func paragraphs(url, title string, paras ...string) *Article {
	a := &Article{URL: url, Title: title, Text: strings.Join(paras, "\n\n")}
	var h strings.Builder
	for _, p := range paras {
		a.Blocks = append(a.Blocks, article.Block{Kind: article.BlockParagraph, Text: p})
		h.WriteString("<p>" + p + "</p>")
	}
	a.HTML = h.String()
	return a
}

// TestUpgradeFoldsInvisibleCharactersOfOldText (issues 17 and 19): a
// library saved before capture stripped soft hyphens and zero-width
// characters is upgraded by 014. Its articles are rewritten compressed;
// the invisible characters leave the stored text (ZWNJ stays in Persian,
// where it shapes the word), so "cooperation" finds "co\u00ADoperation";
// a highlight after them stays on its words; an article whose words did
// not change keeps its analysis.
func TestUpgradeFoldsInvisibleCharactersOfOldText(t *testing.T) {
	ctx := context.Background()
	soft := paragraphs("https://old.example/soft", "Trade", "The co\u00ADoperation agreement was signed.",
		"A zero\u200Bwidth space, a word\u2060joiner and a\u200Dglued pair.")
	persian := paragraphs("https://old.example/fa", "فارسی", "من می\u200Cخواهم بروم.")
	plain := paragraphs("https://old.example/plain", "Plain", "Nothing hidden here.")
	path := oldLibrary(t, []*Article{soft, persian, plain})

	db, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'cooperation'").Scan(&n); err != nil || n != 0 {
		t.Fatalf("before the upgrade the index finds 'cooperation' %d times (%v): the old row is not old-style", n, err)
	}
	ids := map[string]int64{}
	for _, a := range []*Article{soft, persian, plain} {
		var id int64
		if err := db.QueryRow("SELECT id FROM articles WHERE url = ?", a.URL).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[a.URL] = id
		if _, err := db.Exec(`INSERT INTO article_analysis (article_id, version, analysed_at, language, sentences)
			VALUES (?, 99, '2024-02-01T00:00:00Z', 'en', 1)`, id); err != nil {
			t.Fatal(err)
		}
	}
	quote := "agreement"
	start := strings.Index(soft.Text, quote)
	if _, err := db.Exec(`INSERT INTO highlights (article_id, byte_start, byte_end, quote, created, updated)
		VALUES (?, ?, ?, ?, '2024-02-01T00:00:00Z', '2024-02-01T00:00:00Z')`, ids[soft.URL], start, start+len(quote), quote); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Open only migrates; maintenance rewrites the rows.
	if n, err := s.CompactArticles(ctx); err != nil || n != 4 {
		t.Fatalf("CompactArticles rewrote %d articles (%v), want the 4 of the old library", n, err)
	}

	hits, err := s.Search(ctx, "cooperation", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ID != ids[soft.URL] || !strings.Contains(hits[0].Snippet, "cooperation") {
		t.Fatalf("'cooperation' finds %+v, want the old article with the word in its snippet", hits)
	}
	for _, q := range []string{"zerowidth", "wordjoiner", "aglued"} {
		if hits, err := s.Search(ctx, q, 10); err != nil || len(hits) != 1 {
			t.Errorf("%q finds %d articles (%v), want 1", q, len(hits), err)
		}
	}
	got, err := s.Get(ctx, ids[soft.URL])
	if err != nil {
		t.Fatal(err)
	}
	wantText := "The cooperation agreement was signed.\n\nA zerowidth space, a wordjoiner and aglued pair."
	if got.Text != wantText || len(got.Blocks) != 2 || got.Blocks[0].Text != "The cooperation agreement was signed." ||
		got.Blocks[1].Text != "A zerowidth space, a wordjoiner and aglued pair." {
		t.Fatalf("upgraded text %q, blocks %+v", got.Text, got.Blocks)
	}
	if got.HTML != soft.HTML {
		t.Errorf("the HTML changed: %q", got.HTML)
	}
	hs, err := s.Highlights(ctx, ids[soft.URL])
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 1 || hs[0].Orphaned || hs[0].Quote != quote || got.Text[hs[0].Start:hs[0].End] != quote || hs[0].Start != start-2 {
		t.Fatalf("highlight after the upgrade: %+v (was at %d)", hs, start)
	}
	fa, err := s.Get(ctx, ids[persian.URL])
	if err != nil || fa.Text != persian.Text {
		t.Fatalf("Persian text %q (%v), want its ZWNJ kept: %q", fa.Text, err, persian.Text)
	}
	// The changed article is analysed again; the others keep theirs.
	for url, want := range map[string]int{soft.URL: 0, persian.URL: 99, plain.URL: 99} {
		if v, err := s.AnalysisVersion(ctx, ids[url]); err != nil || v != want {
			t.Errorf("%s: analysis version %d (%v), want %d", url, v, err, want)
		}
	}
	var left, text int
	if err := s.db.QueryRow("SELECT (SELECT count(*) FROM articles_to_compact), (SELECT count(*) FROM articles WHERE typeof(text) = 'text')").
		Scan(&left, &text); err != nil || left != 0 || text != 0 {
		t.Errorf("%d articles still listed, %d stored as text (%v), want none", left, text, err)
	}
}

// TestUpgradeResumesWhereItStopped: a rewrite stopped after its first
// batch leaves whole rows of both forms, all read, searched and shown as
// before, and the next run finishes it.
func TestUpgradeResumesWhereItStopped(t *testing.T) {
	ctx := context.Background()
	var pages []*Article
	for i := range 7 {
		pages = append(pages, paragraphs(fmt.Sprintf("https://old.example/%d", i), fmt.Sprint("Article ", i),
			fmt.Sprintf("First paragraph of article %d about shipping.", i), "Second paragraph."))
	}
	path := oldLibrary(t, pages)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	counts := func() (blobs, left int) {
		t.Helper()
		if err := s.db.QueryRow("SELECT (SELECT count(*) FROM articles WHERE typeof(text) = 'blob'), (SELECT count(*) FROM articles_to_compact)").
			Scan(&blobs, &left); err != nil {
			t.Fatal(err)
		}
		return
	}
	// openAtVersion's article is the eighth.
	if blobs, left := counts(); blobs != 0 || left != 8 {
		t.Fatalf("Open rewrote %d articles and listed %d; want none rewritten, 8 listed", blobs, left)
	}
	defer func(b int, d func()) { compactBatch, compactBatchDone = b, d }(compactBatch, compactBatchDone)
	compactBatch = 3
	stop, cancel := context.WithCancel(ctx)
	compactBatchDone = cancel
	if n, err := s.CompactArticles(stop); err == nil || n != 3 {
		t.Fatalf("CompactArticles rewrote %d (%v) with its context cancelled after the first batch of 3", n, err)
	}
	compactBatchDone = nil
	if blobs, left := counts(); blobs != 3 || left != 5 {
		t.Fatalf("after one batch: %d rows rewritten, %d listed; want 3 and 5", blobs, left)
	}
	check := func() {
		t.Helper()
		for _, p := range pages {
			var id int64
			if err := s.db.QueryRow("SELECT id FROM articles WHERE url = ?", p.URL).Scan(&id); err != nil {
				t.Fatal(err)
			}
			got, err := s.Get(ctx, id)
			if err != nil || got.Text != p.Text || got.HTML != p.HTML || !reflect.DeepEqual(got.Blocks, p.Blocks) {
				t.Fatalf("%s read back as %+v (%v)", p.URL, got, err)
			}
		}
		hits, err := s.Search(ctx, "shipping", 20)
		if err != nil || len(hits) != 7 {
			t.Fatalf("search finds %d of 7 (%v)", len(hits), err)
		}
		for _, h := range hits {
			if !strings.Contains(h.Snippet, "shipping") {
				t.Fatalf("snippet %q has not the word", h.Snippet)
			}
		}
	}
	check()
	if n, err := s.CompactArticles(ctx); err != nil || n != 5 {
		t.Fatalf("the second run rewrote %d (%v), want the 5 left", n, err)
	}
	if blobs, left := counts(); blobs != 8 || left != 0 {
		t.Fatalf("after the second run: %d rewritten, %d listed", blobs, left)
	}
	check()
}

// TestRestoreOfAnOldBackup: a backup made before 014 merges in with its
// pages in the old form, read as they are and rewritten like the
// library's own.
func TestRestoreOfAnOldBackup(t *testing.T) {
	ctx := context.Background()
	pages := []*Article{paragraphs("https://old.example/r1", "One", "The co\u00ADoperation of ports.", "More."),
		paragraphs("https://old.example/r2", "Two", "Harbour fees rose.")}
	backup := oldLibrary(t, pages)
	s := openTemp(t)
	st, err := s.MergeFrom(ctx, backup)
	if err != nil || st.Articles != 3 {
		t.Fatalf("merged %+v (%v), want the 3 articles of the backup", st, err)
	}
	var listed int
	if err := s.db.QueryRow("SELECT count(*) FROM articles_to_compact").Scan(&listed); err != nil || listed != 3 {
		t.Fatalf("%d restored articles listed for rewriting (%v), want 3", listed, err)
	}
	if n, err := s.CompactArticles(ctx); err != nil || n != 3 {
		t.Fatalf("CompactArticles rewrote %d (%v)", n, err)
	}
	hits, err := s.Search(ctx, "cooperation", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("'cooperation' finds %d restored articles (%v)", len(hits), err)
	}
	got, err := s.Get(ctx, hits[0].ID)
	if err != nil || got.Text != "The cooperation of ports.\n\nMore." || len(got.Blocks) != 2 {
		t.Fatalf("restored article %+v (%v)", got, err)
	}
}

// TestReclaimSpaceGivesTheOldRowsBack: after an upgrade the old rows' pages
// are free inside the file; ReclaimSpace returns them to the disk once,
// switching the file to incremental vacuum, and keeps every article.
func TestReclaimSpaceGivesTheOldRowsBack(t *testing.T) {
	ctx := context.Background()
	var pages []*Article
	sentence := "The ministers met in Cairo to discuss the shipping lanes, the harbour fees and the new canal. "
	for i := range 150 {
		pages = append(pages, paragraphs(fmt.Sprintf("https://old.example/%d", i), fmt.Sprint("Article ", i),
			strings.Repeat(sentence, 60), fmt.Sprintf("Article number %d ends here.", i)))
	}
	path := oldLibrary(t, pages)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CompactArticles(ctx); err != nil {
		t.Fatal(err)
	}
	size := func() int64 {
		s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	did, err := s.ReclaimSpace(ctx)
	if err != nil || !did {
		t.Fatalf("ReclaimSpace: %v, %v; want it to run on a file that is mostly free pages", did, err)
	}
	after := size()
	var mode int
	s.db.QueryRow("PRAGMA auto_vacuum").Scan(&mode)
	if after*3 > before || mode != 2 {
		t.Fatalf("file %d bytes before, %d after, auto_vacuum %d: want a third or less, and incremental (2)", before, after, mode)
	}
	t.Logf("%d articles: %d KB before, %d KB after", len(pages), before/1024, after/1024)
	if did, err := s.ReclaimSpace(ctx); err != nil || did {
		t.Fatalf("a second ReclaimSpace ran (%v, %v) with nothing to give back", did, err)
	}
	if hits, err := s.Search(ctx, "harbour", 200); err != nil || len(hits) != len(pages) {
		t.Fatalf("search finds %d of %d (%v)", len(hits), len(pages), err)
	}
	// Deleting articles later frees pages that the incremental vacuum
	// returns without copying the file.
	for i := range 120 {
		if err := s.Delete(ctx, int64(i+2)); err != nil && !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		}
	}
	before = size()
	if did, err := s.ReclaimSpace(ctx); err != nil || !did {
		t.Fatalf("ReclaimSpace after deleting most articles: %v, %v", did, err)
	}
	if after = size(); after >= before {
		t.Fatalf("incremental vacuum left the file at %d bytes (was %d)", after, before)
	}
}

func TestDecodeRejectsWhatItDoesNotKnow(t *testing.T) {
	if _, err := decodeText([]byte{9, 1, 2}); err == nil {
		t.Error("a text of unknown format decoded")
	}
	if _, err := decodeText([]byte{storedZstd, 1, 2, 3}); err == nil {
		t.Error("a damaged zstd frame decoded")
	}
	if _, err := decodeHTML([]byte{storedZstd}, ""); err == nil {
		t.Error("an HTML of the wrong format decoded")
	}
	sk, _ := encodeBlocks([]article.Block{{Kind: article.BlockParagraph, Text: "long words"}}, "long words")
	if _, err := decodeBlocks(sk, "short"); err == nil {
		t.Error("blocks longer than their text decoded")
	}
}

// BenchmarkGetArticle is what opening an article in the reader costs the
// store, for the seed article stored as before 014 (plain TEXT) and
// compressed.
func BenchmarkGetArticle(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "annals.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a := capturedArticle(b, "majalla-china-ai.html")
	id, _, err := s.SaveArticle(ctx, a)
	if err != nil {
		b.Fatal(err)
	}
	js, _ := json.Marshal(a.Blocks)
	old := *a
	old.URL += "?plain"
	oldID, _, err := s.SaveArticle(ctx, &old)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE articles SET html = ?, text = ?, blocks = ? WHERE id = ?", a.HTML, a.Text, string(js), oldID); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		id   int64
	}{{"plain", oldID}, {"compressed", id}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Get(ctx, c.id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodePage is the decoding alone of the seed article's page.
func BenchmarkDecodePage(b *testing.B) {
	a := capturedArticle(b, "majalla-china-ai.html")
	p, err := encodePage(a.HTML, a.Text, a.Blocks)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(a.Text)))
	for b.Loop() {
		text, err := decodeText(p.text)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := decodeHTML(p.html, text); err != nil {
			b.Fatal(err)
		}
		if _, err := decodeBlocks(p.blocks, text); err != nil {
			b.Fatal(err)
		}
	}
}

// The texts a save just encoded are read back without decoding them
// (recentTexts); what falls out of the cache, by count or by size, is
// decoded as before, and a value is never answered with another's text.
func TestRecentTextsAnswerAsDecodingWould(t *testing.T) {
	c := newTextCache(3, 1000)
	packed := func(s string) []byte { return zstdPack(storedZstd, []byte(s)) }
	texts := []string{"one text", "another text", "a third", "a fourth text"}
	for _, s := range texts {
		c.put(packed(s), s)
	}
	if _, ok := c.get(packed(texts[0])); ok {
		t.Error("the oldest of four stays in a cache of three")
	}
	for _, s := range texts[1:] {
		if got, ok := c.get(packed(s)); !ok || got != s {
			t.Errorf("get(%q) = %q, %v", s, got, ok)
		}
	}
	big := strings.Repeat("long words ", 30) // over a quarter of the budget
	c.put(packed(big), big)
	if _, ok := c.get(packed(big)); ok {
		t.Error("a text over a quarter of the budget was kept")
	}
	bySize := newTextCache(10, 1000)
	mid := strings.Repeat("x", 200)
	for i := range 6 {
		s := fmt.Sprint(i) + mid
		bySize.put(packed(s), s)
	}
	if bySize.bytes > bySize.budget || len(bySize.order) >= 6 || len(bySize.order) != len(bySize.byKey) {
		t.Errorf("%d bytes in %d texts kept, budget %d", bySize.bytes, len(bySize.order), bySize.budget)
	}
	if got, ok := bySize.get(packed("5" + mid)); !ok || got != "5"+mid {
		t.Error("the newest text is not kept")
	}

	// Through decodeText: the text just encoded, and one that never was.
	text := "نص عربي and English " + t.Name()
	v := encodeText(text)
	if got, ok := recentTexts.get(v); !ok || got != text {
		t.Fatalf("encodeText did not remember its text: %q, %v", got, ok)
	}
	if got, err := decodeText(v); err != nil || got != text {
		t.Errorf("decodeText = %q, %v", got, err)
	}
	other := zstdPack(storedZstd, []byte("never encoded by encodeText"))
	if got, err := decodeText(other); err != nil || got != "never encoded by encodeText" {
		t.Errorf("decodeText of an unseen value = %q, %v", got, err)
	}
}

// Saving articles and their analyses reads each text back several times
// (the search index's trigger, SaveAnalyses' span check); none of those
// reads decompresses the text just written (recentTexts). Each did, a
// fifth of what compression added to saving a page (issue 19).
func TestSavingDecodesNoText(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	as := bulkArticles()
	rs := analyseAll(t, as)
	before := textDecodes.Load()
	ids, err := s.SaveArticles(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	if n := textDecodes.Load() - before; n != 0 {
		t.Errorf("saving %d articles and their analyses decoded %d texts", len(as), n)
	}
	// A text no save just wrote is decoded, and read right.
	recentTexts.reset()
	a, err := s.Get(ctx, ids[0])
	if err != nil || a.Text != as[0].Text {
		t.Fatalf("Get after the cache emptied: %v", err)
	}
	if textDecodes.Load() == before {
		t.Error("a text not in the cache was not decoded")
	}
}
