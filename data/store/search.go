package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/textnorm"
)

// Range is a byte range [Start, End) in a string.
type Range struct{ Start, End int }

// Hit is one search result: the article, its rank (lower is better, bm25)
// and a snippet of the article's own text around the first match, with the
// matching words marked by Matches (byte ranges into Snippet).
//
// An article is also found by the quotes and notes of its highlights. When
// only a highlight matched, FromHighlight is set, HighlightID names the best
// matching one, and Snippet is cut from its note (or, when the note does
// not match, its quote). When both matched, the snippet is the article's
// and HighlightID still names the highlight.
type Hit struct {
	Summary
	Rank          float64
	Snippet       string
	Matches       []Range
	FromHighlight bool
	HighlightID   int64
}

// queryTerm is one word of the user's query in the forms the index holds.
type queryTerm struct{ word, stem string }

func parseQuery(q string) []queryTerm {
	var terms []queryTerm
	for _, tok := range textnorm.Tokens(textnorm.Fold(q)) {
		terms = append(terms, queryTerm{word: tok, stem: textnorm.Stem(tok)})
	}
	return terms
}

// matchExpr builds an FTS5 expression where every query word must match,
// either as written (as a prefix, so «ترمب» also finds «ترمبي») or by its
// stem, so a word with or without attached particles finds the other.
// Tokens hold only letters and digits, so quoting them is safe.
func matchExpr(terms []queryTerm) string {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		p := `"` + t.word + `"*`
		if t.stem != t.word {
			p = "(" + p + ` OR "` + t.stem + `"*)`
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " AND ")
}

// Search finds articles matching every word of query, best first: in the
// article's title and text, or all in one of its highlights (quote and
// note). An article matching both ways ranks above either alone.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	terms := parseQuery(query)
	if len(terms) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	expr := matchExpr(terms)
	// Rank in the index alone first, then read only the winners' rows:
	// joining first made SQLite carry every match's whole text through the
	// sort (tools/bench: most of a 10k-library search).
	rows, err := s.db.QueryContext(ctx, `WITH best AS (
			SELECT rowid AS id, bm25(articles_fts, 5.0, 1.0, 0.5) AS rank FROM articles_fts
			WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?)
		SELECT `+summaryCols+`, best.rank, a.text FROM best JOIN articles a ON a.id = best.id ORDER BY best.rank`, expr, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []Hit
	byID := map[int64]int{}
	for rows.Next() {
		var h Hit
		var text string
		var published, saved, status string
		err := rows.Scan(&h.ID, &h.URL, &h.Title, &h.Site, &h.Excerpt, &published, &saved, &h.Language, &h.Dir,
			&h.WordCount, &h.ReadingMinutes, &status, &h.Error, &h.Archived, &h.Favourite, &h.ReadProgress,
			&h.Rank, &text)
		if err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		h.Published, h.Saved, h.Status = parseTime(published), parseTime(saved), Status(status)
		h.Snippet, h.Matches = snippet(text, terms, 220)
		if h.Snippet == "" {
			h.Snippet, h.Matches = snippet(h.Title, terms, 220)
		}
		byID[h.ID] = len(hits)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	rows.Close()
	hits, err = s.addHighlightHits(ctx, hits, byID, expr, terms)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Rank < hits[j].Rank })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// highlightMatch is the best-ranked highlight of one article matching a
// query.
type highlightMatch struct {
	id, articleID int64
	rank          float64
	quote, note   string
}

// addHighlightHits merges into hits the articles whose highlights match
// expr: an article already found gets the better rank of both, another is
// added with a snippet from the highlight.
func (s *Store) addHighlightHits(ctx context.Context, hits []Hit, byID map[int64]int, expr string, terms []queryTerm) ([]Hit, error) {
	// Every matching highlight: there are few (they are written by hand),
	// and keeping only each article's best needs them all.
	rows, err := s.db.QueryContext(ctx, `SELECT h.id, h.article_id, bm25(highlights_fts, 1.0, 2.0, 0.5) AS rank, h.quote, h.note
		FROM highlights_fts JOIN highlights h ON h.id = highlights_fts.rowid
		WHERE highlights_fts MATCH ? ORDER BY rank, h.id`, expr)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var best []highlightMatch
	seen := map[int64]bool{}
	for rows.Next() {
		var m highlightMatch
		if err := rows.Scan(&m.id, &m.articleID, &m.rank, &m.quote, &m.note); err != nil {
			return nil, err
		}
		if !seen[m.articleID] {
			seen[m.articleID] = true
			best = append(best, m)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	var missing []any
	for _, m := range best {
		if i, ok := byID[m.articleID]; ok {
			hits[i].Rank += m.rank // bm25 is negative: matching twice ranks higher
			hits[i].HighlightID = m.id
			continue
		}
		missing = append(missing, m.articleID)
	}
	if len(missing) == 0 {
		return hits, nil
	}
	summaries := map[int64]Summary{}
	srows, err := s.db.QueryContext(ctx, "SELECT "+summaryCols+" FROM articles a WHERE a.id IN ("+placeholders(len(missing))+")", missing...)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		m, err := scanSummary(srows)
		if err != nil {
			return nil, err
		}
		summaries[m.ID] = m
	}
	if err := srows.Err(); err != nil {
		return nil, err
	}
	for _, m := range best {
		sum, ok := summaries[m.articleID]
		if !ok {
			continue
		}
		h := Hit{Summary: sum, Rank: m.rank, FromHighlight: true, HighlightID: m.id}
		h.Snippet, h.Matches = snippet(m.note, terms, 220)
		if h.Snippet == "" {
			h.Snippet, h.Matches = snippet(m.quote, terms, 220)
		}
		if h.Snippet == "" { // matched across quote and note together
			h.Snippet = strings.Join(strings.Fields(m.quote+" — "+m.note), " ")
			h.Matches = matchRanges(h.Snippet, terms, 0)
		}
		byID[h.ID] = len(hits)
		hits = append(hits, h)
	}
	return hits, nil
}

// snippet cuts about width bytes of text around the first word matching a
// term and marks every matching word inside it. Matching is done on the
// folded text and mapped back, so the reader sees the article's spelling.
func snippet(text string, terms []queryTerm, width int) (string, []Range) {
	first, ok := firstMatch(text, terms)
	if !ok {
		return "", nil
	}
	matches := []Range{first}
	start := matches[0].Start - width/3
	if start < 0 {
		start = 0
	}
	end := start + width
	if end > len(text) {
		end = len(text)
	}
	// Widen to word boundaries and valid UTF-8.
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	if sp := strings.LastIndexAny(text[:start], " \n"); start > 0 && sp >= 0 && start-sp < 30 {
		start = sp + 1
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	if sp := strings.IndexAny(text[end:], " \n"); end < len(text) && sp >= 0 && sp < 30 {
		end += sp
	}
	out := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	// White space was collapsed, so find the matches again in the output.
	return out, matchRanges(out, terms, 0)
}

// firstMatch finds the first word matching a term, folding the text a few
// kilobytes at a time: folding whole long articles for every hit was most of
// a search's cost, and the first match is usually early.
func firstMatch(text string, terms []queryTerm) (Range, bool) {
	const chunk = 4096
	for start := 0; start < len(text); {
		end := min(len(text), start+chunk)
		if end < len(text) {
			// End the chunk at white space so no word is cut in two.
			if sp := strings.IndexAny(text[end:], " \n\t"); sp >= 0 {
				end += sp
			} else {
				end = len(text)
			}
		}
		if ms := matchRanges(text[start:end], terms, 1); len(ms) > 0 {
			return Range{ms[0].Start + start, ms[0].End + start}, true
		}
		start = end
	}
	return Range{}, false
}

// matchRanges returns the byte ranges in text of words matching a term; at
// most max of them when max > 0.
func matchRanges(text string, terms []queryTerm, max int) []Range {
	folded, offs := textnorm.FoldMap(text)
	var out []Range
	runeIdx, wordStart, wordRune := 0, -1, 0
	flush := func(end, endRune int) {
		if wordStart >= 0 && wordMatches(folded[wordStart:end], terms) {
			out = append(out, Range{offs[wordRune], offs[endRune]})
		}
		wordStart = -1
	}
	for i, r := range folded {
		if isWordRune(r) {
			if wordStart < 0 {
				wordStart, wordRune = i, runeIdx
			}
		} else {
			flush(i, runeIdx)
			if max > 0 && len(out) >= max {
				return out
			}
		}
		runeIdx++
	}
	flush(len(folded), runeIdx)
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func wordMatches(word string, terms []queryTerm) bool {
	stem := textnorm.Stem(word)
	for _, t := range terms {
		if strings.HasPrefix(word, t.word) || strings.HasPrefix(stem, t.stem) || strings.HasPrefix(stem, t.word) {
			return true
		}
	}
	return false
}
