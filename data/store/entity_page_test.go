package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"annals/data/analysis"
)

// pageLibrary saves n articles that each mention Donald Trump once and
// Washington once; the first withSacks (the oldest) also mention David
// Sacks. Article i's sentence about Trump names i.
func pageLibrary(t *testing.T, n, withSacks int) (*Store, []int64) {
	t.Helper()
	s := openTemp(t)
	ctx := context.Background()
	var as []*Article
	var rs []analysis.Result
	for i := range n {
		text := fmt.Sprintf("Markets opened late. Donald Trump spoke in Washington about tariffs, article %d.", i)
		ents := []ent{trump, wash}
		if i < withSacks {
			text += " David Sacks listened."
			ents = append(ents, sacks)
		}
		as = append(as, &Article{URL: fmt.Sprintf("https://page.example/%d", i), Title: fmt.Sprintf("Article %d", i), Text: text})
		rs = append(rs, mkResult(t, text, ents))
	}
	ids, err := s.SaveArticles(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	return s, ids
}

// An entity's page decodes the texts of its first rows only: the others'
// texts are broken here (as no real library's are), so a page that read
// them fails; their sentences are cut when asked for, one article at a
// time.
func TestEntityPageDecodesOnlyTheRowsAsked(t *testing.T) {
	const n = EntityFirstSentences + 15
	s, ids := pageLibrary(t, n, 0)
	ctx := context.Background()
	// Equal counts: the page lists the articles by id, so those past the
	// first rows are ids[EntityFirstSentences:]. The triggers that follow
	// a changed text (search, analysis, highlights) would read the broken
	// one: they go.
	var triggers []string
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles' AND sql LIKE '%UPDATE%'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		triggers = append(triggers, name)
	}
	rows.Close()
	for _, name := range triggers {
		if _, err := s.db.ExecContext(ctx, "DROP TRIGGER "+name); err != nil {
			t.Fatal(err)
		}
	}
	broken := ids[EntityFirstSentences+5]
	for _, id := range ids[EntityFirstSentences:] {
		if id == ids[EntityFirstSentences+3] {
			continue // kept readable: its sentence is asked for below
		}
		if _, err := s.db.ExecContext(ctx, "UPDATE articles SET text = x'07ffff' WHERE id = ?", id); err != nil {
			t.Fatal(err)
		}
	}
	d, err := s.Entity(ctx, trump.id)
	if err != nil {
		t.Fatalf("the page read texts beyond its first %d rows: %v", EntityFirstSentences, err)
	}
	if len(d.MentionedIn) != n {
		t.Fatalf("Trump is in %d articles, want %d", len(d.MentionedIn), n)
	}
	for i, a := range d.MentionedIn {
		if a.ArticleID != ids[i] {
			t.Fatalf("row %d is article %d, want %d", i, a.ArticleID, ids[i])
		}
		want := fmt.Sprintf("Donald Trump spoke in Washington about tariffs, article %d.", i)
		if i < EntityFirstSentences && a.SentenceText != want {
			t.Errorf("row %d's sentence = %q, want %q", i, a.SentenceText, want)
		}
		if i >= EntityFirstSentences && a.SentenceText != "" {
			t.Errorf("row %d came with a sentence (%q): its text was decoded", i, a.SentenceText)
		}
	}
	later := []EntityArticle{d.MentionedIn[EntityFirstSentences+3]}
	if err := s.EntityArticles(ctx, later); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("Donald Trump spoke in Washington about tariffs, article %d.", EntityFirstSentences+3); later[0].SentenceText != want {
		t.Errorf("a later row's sentence = %q, want %q", later[0].SentenceText, want)
	}
	// A row whose sentence was cut already is not read again; a broken
	// text asked for is an error, not an empty sentence.
	if err := s.EntityArticles(ctx, d.MentionedIn[:EntityFirstSentences]); err != nil {
		t.Errorf("rows that have their sentences were read again: %v", err)
	}
	for _, a := range d.MentionedIn {
		if a.ArticleID == broken {
			if err := s.EntityArticles(ctx, []EntityArticle{a}); err == nil {
				t.Error("the broken text of the row asked for was not decoded")
			}
		}
	}
}

// Who appears with an entity in more articles than CoOccurrenceArticles
// is counted over its most recent ones, and the page says so.
func TestEntityCoOccurrenceCountsTheMostRecentArticles(t *testing.T) {
	const old = 10
	s, _ := pageLibrary(t, CoOccurrenceArticles+old, old)
	d, err := s.Entity(context.Background(), trump.id)
	if err != nil {
		t.Fatal(err)
	}
	if d.CoOccurringOver != CoOccurrenceArticles {
		t.Errorf("CoOccurringOver = %d, want %d", d.CoOccurringOver, CoOccurrenceArticles)
	}
	var got []string
	for _, c := range d.CoOccurring {
		got = append(got, fmt.Sprintf("%s %d", c.Key, c.Articles))
	}
	if want := wash.id + " " + fmt.Sprint(CoOccurrenceArticles); strings.Join(got, ", ") != want {
		t.Errorf("co-occurring = %v, want only %q (David Sacks is in the oldest articles only)", got, want)
	}
	// Within the bound every article counts.
	s2, _ := pageLibrary(t, 30, old)
	d, err = s2.Entity(context.Background(), trump.id)
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, c := range d.CoOccurring {
		got = append(got, fmt.Sprintf("%s %d", c.Key, c.Articles))
	}
	if want := wash.id + " 30, " + sacks.id + " 10"; strings.Join(got, ", ") != want || d.CoOccurringOver != 0 {
		t.Errorf("co-occurring = %v over %d, want %q over all", got, d.CoOccurringOver, want)
	}
}
