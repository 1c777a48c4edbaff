package store

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestSearchArabicAndEnglish(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ar := &Article{URL: "https://ar.example/1", Title: "نجاح نماذج بكين الرخيصة يهدد التفوق التكنولوجي لواشنطن",
		Text:     "وعد الرئيس دونالد ترمب في خطاب تنصيبه. أطلقت شركة ديب سيك الصينية نموذجاً لغوياً.\n\nوقال ترامب إن الولايات المتحدة ستنتصر.",
		Language: "ar", Dir: "rtl"}
	en := &Article{URL: "https://en.example/1", Title: "Cheap Chinese models", Text: "DeepSeek released a reasoning model on Inauguration Day.", Language: "en"}
	for _, a := range []*Article{ar, en} {
		if _, _, err := s.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		query string
		want  int64 // 0: no result
		mark  string
	}{
		{"ديب سيك", ar.ID, "ديب"},
		{"الصينيه", ar.ID, "الصينية"}, // ة written as ه
		{"ترمب", ar.ID, "ترمب"},
		{"واشنطن", ar.ID, "لواشنطن"},    // attached preposition
		{"الصين", ar.ID, "الصينية"},     // stem prefix
		{"تَرمب", ar.ID, "ترمب"},        // harakat in the query
		{"deepseek", en.ID, "DeepSeek"}, // case
		{"Inauguration", en.ID, "Inauguration"},
		{"كوكاكولا", 0, ""},
		{"", 0, ""},
		{"\"*)(", 0, ""}, // FTS syntax in the query is not an error
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			hits, err := s.Search(ctx, c.query, 10)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if c.want == 0 {
				if len(hits) != 0 {
					t.Fatalf("want no hits, got %d", len(hits))
				}
				return
			}
			if len(hits) != 1 || hits[0].ID != c.want {
				t.Fatalf("hits = %+v, want article %d only", hits, c.want)
			}
			h := hits[0]
			if len(h.Matches) == 0 {
				t.Fatalf("snippet %q has no marked match", h.Snippet)
			}
			found := false
			for _, m := range h.Matches {
				if strings.Contains(h.Snippet[m.Start:m.End], c.mark) || strings.Contains(c.mark, h.Snippet[m.Start:m.End]) {
					found = true
				}
			}
			if !found {
				t.Errorf("snippet %q: marks %v do not cover %q", h.Snippet, h.Matches, c.mark)
			}
		})
	}
}

func TestSearchRanksTitleMatchesFirst(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	body := &Article{URL: "https://e.com/body", Title: "Other things", Text: "A long text that mentions Alibaba once among many other words about markets and trade."}
	title := &Article{URL: "https://e.com/title", Title: "Alibaba releases QwQ", Text: "The model is small."}
	s.SaveArticle(ctx, body)
	s.SaveArticle(ctx, title)
	hits, err := s.Search(ctx, "alibaba", 10)
	if err != nil || len(hits) != 2 {
		t.Fatalf("hits = %v, %v", hits, err)
	}
	if hits[0].ID != title.ID {
		t.Errorf("first hit = %d, want the title match %d", hits[0].ID, title.ID)
	}
}

func TestSnippetKeepsOriginalSpelling(t *testing.T) {
	text := strings.Repeat("كلمة ", 100) + "الصينيّة " + strings.Repeat("نص ", 100)
	snip, marks := snippet(text, parseQuery("الصينيه"), 120)
	if len(marks) != 1 {
		t.Fatalf("marks = %v in %q", marks, snip)
	}
	if got := snip[marks[0].Start:marks[0].End]; got != "الصينيّة" {
		t.Errorf("marked %q, want the original «الصينيّة» with its shadda", got)
	}
	if !strings.HasPrefix(snip, "…") || !strings.HasSuffix(snip, "…") {
		t.Errorf("snippet %q should show it was cut on both sides", snip)
	}
}

func TestSnippetFindsAMatchFarIntoALongText(t *testing.T) {
	long := strings.Repeat("كلمة أخرى عن الاقتصاد والسياسة ", 2000) + "أطلقت ديب سيك نموذجها " + strings.Repeat("نص ", 50)
	snip, marks := snippet(long, parseQuery("ديب سيك"), 200)
	if len(marks) != 2 || !strings.Contains(snip, "ديب سيك") {
		t.Fatalf("snippet %q marks %v", snip, marks)
	}
}

func BenchmarkSnippetLongArticle(b *testing.B) {
	text := strings.Repeat("The model was trained on a fraction of the chips used by its rivals. ", 400) + "DeepSeek"
	terms := parseQuery("model")
	for b.Loop() {
		snippet(text, terms, 220)
	}
}

func BenchmarkSnippetLongArabicArticle(b *testing.B) {
	text := strings.Repeat("وأعلنت الحكومة الأمريكية عن خطة جديدة للاستثمار في البنية التحتية للذكاء الاصطناعي. ", 300) + "ديب سيك"
	terms := parseQuery("ديب سيك")
	for b.Loop() {
		snippet(text, terms, 220)
	}
}

func TestSearchRanksTheNewestMatches(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var as []*Article
	for i := range 12 {
		a := &Article{URL: fmt.Sprintf("https://e.com/%d", i), Title: fmt.Sprintf("Note %d", i), Text: "Shipping rates rose again this week."}
		if i == 3 {
			a.Title = "Shipping news" // the best match, but old
		}
		as = append(as, a)
	}
	if _, err := s.SaveArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	// Few enough matches: ranked, the title match first.
	r, err := s.SearchWith(ctx, "shipping", SearchOptions{Limit: 3, Candidates: 12, Snippets: 1})
	if err != nil || r.Capped {
		t.Fatalf("12 matches, 12 candidates: Capped = %v, %v", r.Capped, err)
	}
	if len(r.Hits) != 3 || r.Hits[0].ID != as[3].ID {
		t.Fatalf("hits = %+v, want 3 with the title match first", r.Hits)
	}
	if r.Hits[0].Snippet == "" || r.Hits[1].Snippet != "" {
		t.Fatalf("snippets %q, %q: want only the first cut", r.Hits[0].Snippet, r.Hits[1].Snippet)
	}
	if err := s.Snippets(ctx, "shipping", r.Hits[1:]); err != nil {
		t.Fatal(err)
	}
	for _, h := range r.Hits[1:] {
		if len(h.Matches) == 0 || h.Snippet[h.Matches[0].Start:h.Matches[0].End] != "Shipping" {
			t.Errorf("snippet %q marks %v", h.Snippet, h.Matches)
		}
	}
	// More matches than that: the best of the newest 5, and the result
	// says so. The old title match is left out; among equals the newer
	// comes first.
	r, err = s.SearchWith(ctx, "shipping", SearchOptions{Limit: 3, Candidates: 5})
	if err != nil || !r.Capped {
		t.Fatalf("12 matches, 5 candidates: Capped = %v, %v", r.Capped, err)
	}
	for i, h := range r.Hits {
		if want := as[11-i].ID; h.ID != want {
			t.Errorf("hit %d = article %d, want the newest order (%d)", i, h.ID, want)
		}
	}
	as[9].Title = "Shipping again"
	if _, _, err := s.SaveArticle(ctx, as[9]); err != nil {
		t.Fatal(err)
	}
	r, err = s.SearchWith(ctx, "shipping", SearchOptions{Limit: 3, Candidates: 5})
	if err != nil || !r.Capped || len(r.Hits) != 3 || r.Hits[0].ID != as[9].ID || r.Hits[1].ID != as[11].ID {
		t.Fatalf("capped hits = %+v, %v: want the newer title match first, then the newest", r.Hits, err)
	}
}

// Every match is ranked: the best match is found even when more than
// RankedMatches newer articles match too (before, only the newest
// RankedMatches were ranked and it was left out).
func TestSearchRanksEveryMatch(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var as []*Article
	for i := range RankedMatches + 20 {
		a := &Article{URL: fmt.Sprintf("https://e.com/%d", i), Title: fmt.Sprintf("Note %d", i), Text: "Shipping rates rose again this week."}
		if i == 0 {
			a.Title = "Shipping news" // the best match, and the oldest
		}
		as = append(as, a)
	}
	if _, err := s.SaveArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	r, err := s.SearchWith(ctx, "shipping", SearchOptions{Limit: 5, Snippets: 1})
	if err != nil || r.Capped {
		t.Fatalf("Capped = %v, %v; want every match ranked", r.Capped, err)
	}
	if len(r.Hits) != 5 || r.Hits[0].ID != as[0].ID {
		t.Fatalf("hits = %+v; want 5, the oldest article's title match first", r.Hits)
	}
	// Among equals, the newest first.
	for i, h := range r.Hits[1:] {
		if want := as[len(as)-1-i].ID; h.ID != want {
			t.Errorf("hit %d = article %d, want %d (newest first among equals)", i+1, h.ID, want)
		}
	}
	// Asking for the newest RankedMatches only leaves it out, and says so.
	r, err = s.SearchWith(ctx, "shipping", SearchOptions{Limit: 5, Candidates: RankedMatches})
	if err != nil || !r.Capped || len(r.Hits) == 0 || r.Hits[0].ID == as[0].ID {
		t.Fatalf("with Candidates: Capped = %v, first hit %+v, %v", r.Capped, r.Hits, err)
	}
}

// BenchmarkSearchLibrary runs the queries in ANNALS_BENCH_QUERIES ("|"
// between them) against the library named by ANNALS_BENCH_LIBRARY (a copy:
// opening it migrates it) as the library list asks (200 hits, a screenful
// of snippets), for profiling one slow query at a time. Skipped without
// them; tools/benchharness measures the whole mix.
func BenchmarkSearchLibrary(b *testing.B) {
	path, queries := os.Getenv("ANNALS_BENCH_LIBRARY"), os.Getenv("ANNALS_BENCH_QUERIES")
	if path == "" || queries == "" {
		b.Skip("ANNALS_BENCH_LIBRARY or ANNALS_BENCH_QUERIES not set")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	// ANNALS_BENCH_PRAGMAS (";" between them) are run on the one
	// connection the benchmark then uses: to measure a cache_size or
	// mmap_size before the store sets it.
	if pragmas := os.Getenv("ANNALS_BENCH_PRAGMAS"); pragmas != "" {
		s.closeWriter() // the bulk writer's connection back to the pool
		s.db.SetMaxOpenConns(1)
		for p := range strings.SplitSeq(pragmas, ";") {
			if _, err := s.db.Exec(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	for q := range strings.SplitSeq(queries, "|") {
		b.Run(q, func(b *testing.B) {
			hits := 0
			for b.Loop() {
				r, err := s.SearchWith(ctx, q, SearchOptions{Limit: 200, Snippets: 10})
				if err != nil {
					b.Fatal(err)
				}
				hits = len(r.Hits)
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}

// A query word of one or two letters is not a prefix: «el» finds the
// article naming Shibîn el-Qanâṭir, not every article with an election,
// and its snippet marks the word, not «election»; three letters are.
func TestSearchShortWordsAreWholeWords(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	name := &Article{URL: "https://short.example/1", Title: "Delta towns", Text: "The market of Shibîn el-Qanâṭir reopened after the election."}
	vote := &Article{URL: "https://short.example/2", Title: "Votes", Text: "The election was held in elegant halls."}
	for _, a := range []*Article{name, vote} {
		if _, _, err := s.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	hits, err := s.Search(ctx, "el", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ID != name.ID {
		t.Fatalf("«el» found %+v, want only article %d", hits, name.ID)
	}
	var marked []string
	for _, m := range hits[0].Matches {
		marked = append(marked, hits[0].Snippet[m.Start:m.End])
	}
	if !slices.Equal(marked, []string{"el"}) {
		t.Errorf("«el» marks %q in %q, want only \"el\"", marked, hits[0].Snippet)
	}
	hits, err = s.Search(ctx, "ele", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 {
		t.Fatalf("«ele» found %d articles, want both (a prefix of election and elegant)", len(hits))
	}
}

// A large library is ranked in two halves of its ids at once: the hits
// and their order must be those of one ranking, with ties (equal ranks)
// across the halves and the best match in either half.
func TestSearchRankedInHalvesIsRankedWhole(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var as []*Article
	for i := range 120 {
		text := "Shipping rates rose again this week."
		switch i % 7 {
		case 0:
			text = "Shipping, shipping and more shipping: rates rose."
		case 3:
			text = "Rates rose; shipping news follows in a much longer sentence about ports and tariffs and trade."
		}
		a := &Article{URL: fmt.Sprintf("https://halves.example/%d", i), Title: fmt.Sprintf("Note %d", i), Text: text}
		if i == 10 || i == 100 {
			a.Title = "Shipping today"
		}
		as = append(as, a)
	}
	if _, err := s.SaveArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	defer func(n int64) { splitRankingAbove = n }(splitRankingAbove)
	search := func(split int64, limit int) []Hit {
		splitRankingAbove = split
		r, err := s.SearchWith(ctx, "shipping rates", SearchOptions{Limit: limit, Snippets: 1})
		if err != nil {
			t.Fatal(err)
		}
		return r.Hits
	}
	for _, limit := range []int{1, 7, 50, 200} {
		whole, halves := search(1<<40, limit), search(10, limit)
		if len(whole) != min(limit, len(as)) || len(halves) != len(whole) {
			t.Fatalf("limit %d: %d hits whole, %d in halves", limit, len(whole), len(halves))
		}
		for i := range whole {
			if whole[i].ID != halves[i].ID || whole[i].Rank != halves[i].Rank {
				t.Fatalf("limit %d, hit %d: article %d (%v) ranked whole, %d (%v) in halves", limit, i, whole[i].ID, whole[i].Rank, halves[i].ID, halves[i].Rank)
			}
		}
		if limit >= 7 && whole[0].ID != as[100].ID {
			t.Errorf("limit %d: first hit %d, want the newest title match %d", limit, whole[0].ID, as[100].ID)
		}
	}
}
