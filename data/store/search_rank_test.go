package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// rankLibrary saves n generated articles: lengths from a few words to a
// few thousand, a common word ("harbour") in about two thirds of them, a
// few times or many, sometimes in the title, and a rarer one ("tariff"),
// so that bm25's scores spread and tie.
func rankLibrary(t testing.TB, s *Store, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(19, 19))
	filler := strings.Fields("ships ports rates week trade goods prices cargo crews storms markets news report " +
		"وصلت السفن إلى الميناء بعد أسبوع من التأخير وارتفعت الأسعار في الأسواق")
	var as []*Article
	for i := range n {
		words := 5 + r.IntN(40)
		if r.IntN(4) == 0 {
			words += r.IntN(3000)
		}
		var b strings.Builder
		for w := range words {
			if w > 0 {
				b.WriteByte(' ')
			}
			switch x := r.IntN(100); {
			case x < 2 && i%3 != 0:
				b.WriteString("harbour")
			case x == 2 && i%3 != 0:
				b.WriteString("harbours")
			case x == 3 && i%5 == 0:
				b.WriteString("tariff")
			default:
				b.WriteString(filler[r.IntN(len(filler))])
			}
		}
		if i%3 != 0 && r.IntN(2) == 0 {
			b.WriteString(" harbour") // every third article lacks it
		}
		title := fmt.Sprintf("Report %d", i)
		if r.IntN(40) == 0 {
			title = "Harbour report"
		}
		as = append(as, &Article{URL: fmt.Sprintf("https://rank.example/%d", i), Title: title, Text: b.String()})
	}
	if _, err := s.SaveArticles(context.Background(), as); err != nil {
		t.Fatal(err)
	}
}

type scored struct {
	id    int64
	score float64
}

// rankQuerier is a connection pool or a transaction.
type rankQuerier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

func topScores(t testing.TB, q rankQuerier, fn, expr string, limit int) []scored {
	t.Helper()
	args := "5.0, 1.0, 0.5"
	if fn == rankFunc {
		whole := 1
		if strings.Contains(expr, "*") {
			whole = 0
		}
		args = fmt.Sprint(limit, ", ", whole, ", ", args)
	}
	rows, err := q.Query(`SELECT rowid, `+fn+`(articles_fts, `+args+`) AS score FROM articles_fts
		WHERE articles_fts MATCH ? ORDER BY score, rowid DESC LIMIT ?`, expr, limit)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []scored
	for rows.Next() {
		var x scored
		if err := rows.Scan(&x.id, &x.score); err != nil {
			t.Fatal(err)
		}
		out = append(out, x)
	}
	return out
}

var rankQueries = []string{`"harbour"`, `("harbour" OR "harbours")`, `"harbour"*`, `"harbour" AND "tariff"`, `"tariff"`, `"storms" AND "harbour"*`}

// sameAsBM25 checks that annals_rank keeps the rows bm25 keeps, in the
// same order, with the same scores to the last bit, however many are kept.
func sameAsBM25(t *testing.T, q rankQuerier, what string) {
	t.Helper()
	for _, expr := range rankQueries {
		for _, limit := range []int{1, 10, 200, 5000} {
			want, got := topScores(t, q, "bm25", expr, limit), topScores(t, q, rankFunc, expr, limit)
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("%s: %s, limit %d: %d rows from annals_rank, %d from bm25", what, expr, limit, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s: %s, limit %d, row %d: annals_rank %+v, bm25 %+v", what, expr, limit, i, got[i], want[i])
				}
			}
		}
	}
}

// annals_rank is bm25 for the rows a query keeps: with the lengths each
// connection keeps in memory, with them read again after the index
// changed (a new article, a changed text, a deleted one), and without
// them inside a transaction, where it bounds each row's score before
// reading its length and sets most of a common word's matches aside
// unread.
func TestRankIsBM25OfTheBest(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rankLibrary(t, s, 1500)
	// Lengths looked up one by one, as a rare word's query does.
	defer setRankLoadAfter(setRankLoadAfter(1 << 30))
	sameAsBM25(t, s.db, "lengths looked up")
	// Read all at a query's first lookup, as a common word's query does
	// after its first 2,000 (a small library never gets there).
	setRankLoadAfter(1)
	sameAsBM25(t, s.db, "kept lengths")

	// The index changes; the kept lengths must follow.
	a := &Article{URL: "https://rank.example/7", Title: "Harbour harbour", Text: "harbour tariff " + strings.Repeat("storms ", 900)}
	if _, _, err := s.SaveArticle(ctx, a); err != nil { // an existing url: its text changes
		t.Fatal(err)
	}
	sameAsBM25(t, s.db, "after a text changed")
	if _, _, err := s.SaveArticle(ctx, &Article{URL: "https://rank.example/new", Title: "Harbour", Text: "harbour harbour tariff"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`DELETE FROM articles WHERE url = 'https://rank.example/12'`); err != nil {
		t.Fatal(err)
	}
	sameAsBM25(t, s.db, "after a save and a delete")
	// Two articles trade texts: the library's row and token counts stay
	// the same, only the structure record tells the lengths changed.
	short := &Article{URL: "https://rank.example/20", Title: "Swap one", Text: "harbour storms"}
	long := &Article{URL: "https://rank.example/21", Title: "Swap two", Text: "harbour " + strings.Repeat("cargo ", 400)}
	if _, err := s.SaveArticles(ctx, []*Article{short, long}); err != nil {
		t.Fatal(err)
	}
	sameAsBM25(t, s.db, "before the swap")
	short.Text, long.Text = long.Text, short.Text
	if _, err := s.SaveArticles(ctx, []*Article{short, long}); err != nil {
		t.Fatal(err)
	}
	sameAsBM25(t, s.db, "after two articles traded texts")

	tx, err := s.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	sameAsBM25(t, tx, "bounded, in a transaction")
	var n, aside int
	rows, err := tx.Query(`SELECT annals_rank(articles_fts, 50, 1, 5.0, 1.0, 0.5) FROM articles_fts WHERE articles_fts MATCH '"harbour"'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r float64
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		n++
		if r > 0 {
			aside++
		}
	}
	rows.Close()
	if n < 600 || aside < n/2 {
		t.Errorf("annals_rank set aside %d of %d matches of a common word unread; want over half", aside, n)
	}
	var differ int
	rows, err = tx.Query(`SELECT annals_rank(articles_fts, 0, 1, 5.0, 1.0, 0.5), bm25(articles_fts, 5.0, 1.0, 0.5)
		FROM articles_fts WHERE articles_fts MATCH '"harbour" OR "tariff"'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r, b float64
		if err := rows.Scan(&r, &b); err != nil {
			t.Fatal(err)
		}
		if r != b {
			differ++
		}
	}
	rows.Close()
	if differ != 0 {
		t.Errorf("without a limit, annals_rank differs from bm25 on %d rows", differ)
	}
}

// Search ranks every match of a common word: its best hits are bm25's
// best over the whole library, the oldest articles included.
func TestSearchRanksACommonWordWhole(t *testing.T) {
	s := openTemp(t)
	rankLibrary(t, s, 1500)
	r, err := s.SearchWith(context.Background(), "tariff", SearchOptions{Limit: 30, Snippets: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := topScores(t, s.db, "bm25", exactExpr(parseQuery("tariff")), 30)
	if len(r.Hits) != len(want) {
		t.Fatalf("%d hits, want %d", len(r.Hits), len(want))
	}
	for i, h := range r.Hits {
		if h.ID != want[i].id || h.Rank != want[i].score {
			t.Fatalf("hit %d: article %d (%v), want %d (%v)", i, h.ID, h.Rank, want[i].id, want[i].score)
		}
	}
}

// Entity hits beyond the snippets asked for are not read (their texts are
// decoded only for snippets shown); Snippets cuts theirs later, with the
// article's spelling of the entity, as Search does at once.
func TestEntityHitsSnippetsOnlyWhenShown(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for i := range 3 {
		text := strings.Repeat("وصلت السفن إلى الميناء. ", 4*i) + arText
		id := saveText(t, s, fmt.Sprintf("https://ent.example/%d", i), fmt.Sprintf("تقرير %d", i), text)
		if err := s.SaveAnalysis(ctx, id, mkResult(t, text, []ent{trump})); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Search(ctx, "Donald Trump", 10)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.SearchWith(ctx, "Donald Trump", SearchOptions{Limit: 10, Snippets: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 3 || len(all) != 3 {
		t.Fatalf("%d and %d hits, want the 3 articles through the entity", len(r.Hits), len(all))
	}
	first := r.Hits[0]
	if first.Entity == nil || first.Entity.Spelling != "دونالد ترمب" || first.Snippet != all[0].Snippet {
		t.Fatalf("first hit %+v (entity %+v): want its snippet and spelling at once", first, first.Entity)
	}
	rest := slices.Clone(r.Hits[1:]) // as the library list hands them over
	for _, h := range rest {
		if h.Entity == nil || h.Snippet != "" || h.Entity.Spelling != "" {
			t.Fatalf("hit %d: snippet %q, entity %+v; want it left for Snippets", h.ID, h.Snippet, h.Entity)
		}
	}
	if err := s.Snippets(ctx, "Donald Trump", rest); err != nil {
		t.Fatal(err)
	}
	for i, h := range rest {
		want := all[i+1]
		if h.ID != want.ID || h.Snippet != want.Snippet || h.Entity.Spelling != "دونالد ترمب" {
			t.Errorf("hit %d: %q spelt %q, want %q as Search cuts it", h.ID, h.Snippet, h.Entity.Spelling, want.Snippet)
		}
		if len(h.Matches) != 1 || h.Snippet[h.Matches[0].Start:h.Matches[0].End] != "دونالد ترمب" {
			t.Errorf("hit %d: marks %v in %q, want the spelling", h.ID, h.Matches, h.Snippet)
		}
	}
	if r.Hits[1].Entity.Spelling != "" {
		t.Error("Snippets changed the entity match of the hits handed out before")
	}
	// Other texts decoded through the same buffers leave them as they were.
	for range 3 {
		if _, err := s.Search(ctx, "الميناء", 10); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range rest {
		if h.Entity.Spelling != "دونالد ترمب" || !strings.Contains(h.Snippet, "دونالد ترمب") {
			t.Errorf("hit %d after other searches: spelt %q, snippet %q", h.ID, h.Entity.Spelling, h.Snippet)
		}
	}
}

// Snippets are cut from texts decoded into a reused buffer: what a hit
// keeps (its snippet, an entity's spelling) must be its own memory, not
// overwritten by the next texts decoded.
func TestSnippetsOutliveTheDecodedTexts(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var as []*Article
	for i := range 12 {
		text := fmt.Sprintf("Article %d opens. ", i) + strings.Repeat(fmt.Sprintf("filler%d words ", i), 50) + fmt.Sprintf("The harbour %d closed.", i)
		as = append(as, &Article{URL: fmt.Sprintf("https://keep.example/%d", i), Title: fmt.Sprintf("Note %d", i), Text: text})
	}
	if _, err := s.SaveArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	first, err := s.Search(ctx, "harbour", 20)
	if err != nil || len(first) != 12 {
		t.Fatalf("%d hits, %v", len(first), err)
	}
	kept := make([]string, len(first))
	for i, h := range first {
		kept[i] = strings.Clone(h.Snippet)
		if !strings.Contains(h.Snippet, "harbour") {
			t.Fatalf("hit %d: snippet %q", h.ID, h.Snippet)
		}
	}
	for range 3 { // other texts through the same buffers
		if _, err := s.Search(ctx, "opens", 20); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range first {
		if h.Snippet != kept[i] {
			t.Fatalf("hit %d: snippet became %q, was %q", h.ID, h.Snippet, kept[i])
		}
	}
}
