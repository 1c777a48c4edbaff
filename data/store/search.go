package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	// Entity is set when the query's words are not in the article but the
	// query names an entity it mentions, in another spelling or script
	// ("Trump" and «ترمب»): the snippet is cut around its first mention.
	Entity *EntityMatch
	// mention is where an entity hit's first mention lies in the
	// article's text, cut out with its snippet (entitySnippet).
	mention Range
}

// queryTerm is one word of the user's query in the forms the index holds,
// and the same as bytes for scanning texts without converting each word.
type queryTerm struct {
	word, stem   string
	bword, bstem []byte
	// prefix: the word also finds the words it begins («الصين» finds
	// «الصينية»). Not for words shorter than minPrefixRunes.
	prefix bool
}

// minPrefixRunes is the shortest query word that also matches as a
// prefix. A shorter one («el» of "Shibîn el-Qanâṭir», «al») begins so
// many words that FTS5 merged their match lists over the whole library
// for every such query, its slowest by far (issue 19); it is still found
// as a whole word and by its stem.
const minPrefixRunes = 3

func parseQuery(q string) []queryTerm {
	var terms []queryTerm
	for _, tok := range textnorm.Tokens(textnorm.Fold(q)) {
		st := textnorm.Stem(tok)
		terms = append(terms, queryTerm{word: tok, stem: st, bword: []byte(tok), bstem: []byte(st),
			prefix: utf8.RuneCountInString(tok) >= minPrefixRunes})
	}
	return terms
}

// matchExpr builds an FTS5 expression where every query word must match,
// either as written (as a prefix, so «ترمب» also finds «ترمبي») or by its
// stem, so a word with or without attached particles finds the other.
// Tokens hold only letters and digits, so quoting them is safe.
func matchExpr(terms []queryTerm) string { return buildExpr(terms, "*") }

// exactExpr is matchExpr without the prefixes: whole words and stems
// only. FTS5 answers it newest first and stops at the LIMIT, while a
// prefix query first merges the lists of every word with that prefix in
// the whole library, so it cost as much as the library was large.
func exactExpr(terms []queryTerm) string { return buildExpr(terms, "") }

func buildExpr(terms []queryTerm, star string) string {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		star := star
		if !t.prefix {
			star = ""
		}
		p := `"` + t.word + `"` + star
		if t.stem != t.word {
			p = "(" + p + ` OR "` + t.stem + `"` + star + `)`
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " AND ")
}

// SearchOptions shape a search.
type SearchOptions struct {
	// Limit is the most hits returned; 50 when zero.
	Limit int
	// Snippets is how many of the best hits get their snippet now; zero
	// means all. Cutting a snippet reads and scans the article's text, so
	// a list that shows a screenful asks for that many and fetches the
	// rest with Snippets as the reader scrolls.
	Snippets int
	// Candidates, when above zero, ranks only the newest that many
	// matching articles (Capped tells when more matched); zero ranks
	// every match.
	Candidates int
}

// SearchResult is one page of hits.
type SearchResult struct {
	Hits []Hit
	// Capped is set when more than SearchOptions.Candidates articles
	// matched: the hits are then the best of the newest that many.
	Capped bool
}

// RankedMatches was how many of a query's newest matching articles were
// ranked before every match was (issue 19); a caller may still pass it as
// SearchOptions.Candidates to rank only that many.
const RankedMatches = 1000

// Search finds articles matching every word of query, best first, with a
// snippet for each hit. See SearchWith.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	r, err := s.SearchWith(ctx, query, SearchOptions{Limit: limit})
	return r.Hits, err
}

// SearchWith finds articles matching every word of query, best first: in
// the article's title and text, or all in one of its highlights (quote and
// note). An article matching both ways ranks above either alone. Every
// match is ranked, unless opts.Candidates asks for only the newest that
// many; when more match then, the result says so (Capped).
func (s *Store) SearchWith(ctx context.Context, query string, opts SearchOptions) (SearchResult, error) {
	var res SearchResult
	terms := parseQuery(query)
	if len(terms) == 0 {
		return res, nil
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = 50
	}
	candidates := opts.Candidates
	type ranked rankedMatch
	var best []ranked
	scan := func(q, expr string, arg int) error {
		rows, err := s.db.QueryContext(ctx, q, expr, arg)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r ranked
			if err := rows.Scan(&r.id, &r.rank); err != nil {
				return err
			}
			if r.rank > 0 { // set aside by annals_rank: never among the best
				continue
			}
			best = append(best, r)
		}
		return rows.Err()
	}
	// Every match is ranked with bm25 and SQLite keeps the best limit
	// (ORDER BY … LIMIT: a heap of limit rows, nothing else leaves
	// SQLite), so the best match is found however old it is (issue 19).
	// annals_rank (search_rank.c) is bm25 that does not read the length
	// of a match that cannot be among the best, half of bm25's cost a
	// match. With Candidates, only the newest that many are ranked,
	// reading the match lists newest first and stopping at the LIMIT.
	exact := exactExpr(terms)
	if candidates > 0 {
		if err := scan(`SELECT rowid, bm25(articles_fts, 5.0, 1.0, 0.5) FROM articles_fts
			WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?`, exact, candidates+1); err != nil {
			return res, fmt.Errorf("store: search %q: %w", query, err)
		}
		if len(best) > candidates {
			res.Capped = true
			best = best[:candidates]
		}
	} else {
		all, err := s.rankEveryMatch(ctx, exact, limit)
		if err != nil {
			return res, fmt.Errorf("store: search %q: %w", query, err)
		}
		for _, r := range all {
			best = append(best, ranked(r))
		}
	}
	expr := matchExpr(terms)
	if len(best) < limit {
		// Prefixes («الصين» also finds «الصينية») widen the net only when
		// whole words and stems do not fill the page: a prefix query
		// merges the match lists of every word it begins in the whole
		// library, which for two common words cost over 20 ms at 100,000
		// articles. Few words match that rarely, so ranking all is cheap.
		best = best[:0]
		if err := scan(`SELECT rowid, `+rankFunc+`(articles_fts, ?2, 0, 5.0, 1.0, 0.5) AS score FROM articles_fts
			WHERE articles_fts MATCH ?1 ORDER BY score, rowid DESC LIMIT ?2`, expr, limit); err != nil {
			return res, fmt.Errorf("store: search %q: %w", query, err)
		}
	}
	// Best first; among equals, newest.
	slices.SortFunc(best, func(a, b ranked) int {
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Compare(b.id, a.id)
	})
	best = best[:min(len(best), limit)]
	// The hits are laid out in rank order and each summary read straight
	// into its place: at 100,000 articles a search's garbage (a map of
	// summaries, a slice grown hit by hit) made the collector run every
	// few searches, a few milliseconds each (issue 19).
	hits := make([]Hit, len(best), max(len(best), min(limit, 1000)))
	byID := make(map[int64]int, len(best))
	for i, b := range best {
		byID[b.id] = i
	}
	if len(best) > 0 {
		ids := make([]any, len(best))
		for i, b := range best {
			ids[i] = b.id
		}
		srows, err := s.db.QueryContext(ctx, "SELECT "+summaryCols+" FROM "+summariesByID+" WHERE a.id IN ("+placeholders(len(ids))+")", ids...)
		if err != nil {
			return res, fmt.Errorf("store: search %q: %w", query, err)
		}
		for srows.Next() {
			m, err := scanSummary(srows)
			if err != nil {
				srows.Close()
				return res, fmt.Errorf("store: search: %w", err)
			}
			if i, ok := byID[m.ID]; ok {
				hits[i] = Hit{Summary: m, Rank: best[i].rank}
			}
		}
		srows.Close()
		if err := srows.Err(); err != nil {
			return res, fmt.Errorf("store: search: %w", err)
		}
		// An article deleted between the two reads has no summary (ID 0).
		n := 0
		for _, h := range hits {
			if h.ID == 0 {
				continue
			}
			byID[h.ID] = n
			hits[n] = h
			n++
		}
		for _, b := range best {
			if i, ok := byID[b.id]; !ok || i >= n || hits[i].ID != b.id {
				delete(byID, b.id)
			}
		}
		hits = hits[:n]
	}
	hits, err := s.addHighlightHits(ctx, hits, byID, expr, terms)
	if err != nil {
		return res, fmt.Errorf("store: search %q: %w", query, err)
	}
	if len(hits) < limit {
		if hits, err = s.addEntityHits(ctx, hits, byID, query, limit-len(hits)); err != nil {
			return res, fmt.Errorf("store: search %q: %w", query, err)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Rank < hits[j].Rank })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	n := len(hits)
	if opts.Snippets > 0 {
		n = min(n, opts.Snippets)
	}
	if err := s.fillSnippets(ctx, hits[:n], terms); err != nil {
		return res, fmt.Errorf("store: search %q: %w", query, err)
	}
	res.Hits = hits
	return res, nil
}

// rankedMatch is an article matching a query and its bm25 rank.
type rankedMatch struct {
	id   int64
	rank float64
}

// splitRankingAbove is the span of article ids above which every match is
// ranked in two halves at once; never on fewer than four cores. Measured
// on this project's shared 2-core machine at 100,000 articles (load 10),
// the halves cost 14% more CPU (each half weighs the words over the whole
// index again) for no gain in time, the other core being busy; the gain
// on an idle machine with more cores is not measured yet (issue 19).
var splitRankingAbove = func() int64 {
	if runtime.NumCPU() < 4 {
		return math.MaxInt64
	}
	return 20000
}() // a variable for the tests

// rankEveryMatch ranks every article matching expr with bm25 and keeps the
// best limit, best first and, among equals, newest first. Ranking costs
// about 1.5 µs a match: a word found in a quarter of 100,000 articles
// took 40 ms. A large library on a machine with cores to spare is ranked
// in two halves of its ids at once, on two connections, and the halves'
// best merged: the same hits in the same order, since bm25 weighs a word
// by the whole index whatever rows a query reads.
func (s *Store) rankEveryMatch(ctx context.Context, expr string, limit int) ([]rankedMatch, error) {
	// annals_rank is bm25 without a lookup of each row's length or a
	// count of each word's rows per query (search_rank.c); expr holds
	// whole words only (exactExpr), whose counts it may keep.
	const q = `SELECT rowid, ` + rankFunc + `(articles_fts, ?4, 1, 5.0, 1.0, 0.5) AS score FROM articles_fts
		WHERE articles_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY score, rowid DESC LIMIT ?4`
	run := func(lo, hi int64) ([]rankedMatch, error) {
		rows, err := s.db.QueryContext(ctx, q, expr, lo, hi, limit)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []rankedMatch
		for rows.Next() {
			var r rankedMatch
			if err := rows.Scan(&r.id, &r.rank); err != nil {
				return nil, err
			}
			if r.rank > 0 { // set aside by annals_rank: never among the best
				continue
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	if splitRankingAbove == math.MaxInt64 { // never split: no need for the ids' span
		return run(math.MinInt64, math.MaxInt64)
	}
	var lo, hi int64
	// Two subqueries: SQLite answers min() and max() alone from the ends
	// of the table's tree, both in one SELECT by reading every row.
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT min(id) FROM articles), 0), coalesce((SELECT max(id) FROM articles), 0)`).Scan(&lo, &hi); err != nil {
		return nil, err
	}
	if hi-lo <= splitRankingAbove {
		return run(math.MinInt64, math.MaxInt64)
	}
	mid := lo + (hi-lo)/2
	var older []rankedMatch
	var olderErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		older, olderErr = run(math.MinInt64, mid)
	}()
	newer, err := run(mid+1, math.MaxInt64)
	<-done
	if err = cmp.Or(err, olderErr); err != nil {
		return nil, err
	}
	all := append(newer, older...)
	slices.SortFunc(all, func(a, b rankedMatch) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(b.id, a.id))
	})
	return all[:min(len(all), limit)], nil
}

// Snippets cuts the snippets of hits that SearchWith left without one
// (see SearchOptions.Snippets), for the same query.
func (s *Store) Snippets(ctx context.Context, query string, hits []Hit) error {
	if err := s.fillSnippets(ctx, hits, parseQuery(query)); err != nil {
		return fmt.Errorf("store: snippets for %q: %w", query, err)
	}
	return nil
}

// fillSnippets cuts each article hit's snippet from its text (or its title
// when only the title matched), and an entity hit's around its mention.
// Highlight hits have theirs already.
//
// Each text is read as stored and decoded into one reused buffer, and
// only the snippets are kept: through annals_text every text was copied
// three times into new memory (decoded, handed to SQLite, handed back),
// 300 KB a search whose collection took more CPU than the search itself
// at 100,000 articles (issue 19).
func (s *Store) fillSnippets(ctx context.Context, hits []Hit, terms []queryTerm) error {
	var ids []any
	at := map[int64]int{}
	for i, h := range hits {
		if !h.FromHighlight && h.Snippet == "" {
			ids = append(ids, h.ID)
			at[h.ID] = i
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id, typeof(text) = 'blob', text FROM articles WHERE id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	bufp, release := snippetBuffer()
	defer release()
	var raw sql.RawBytes
	for rows.Next() {
		var id int64
		var blob bool
		if err := rows.Scan(&id, &blob, &raw); err != nil {
			return err
		}
		text, err := storedTextBytes(bufp, raw, blob)
		if err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			// The text's memory is reused for the next row: what the
			// snippet keeps is copied out of it.
			cutSnippet(&hits[i], unsafe.String(unsafe.SliceData(text), len(text)), terms)
			delete(at, id)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, i := range at { // no text (deleted meanwhile)
		cutSnippet(&hits[i], "", terms)
	}
	return nil
}

// foldBuffers hold a chunk of text folded while firstMatch looks in it.
var foldBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// snippetBuffers hold decoded texts while their snippets are cut.
var snippetBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// snippetBuffer borrows a buffer for decoded texts; release gives it back,
// unless a huge article grew it past 4 MB (such a buffer is not kept).
func snippetBuffer() (bufp *[]byte, release func()) {
	bufp = snippetBuffers.Get().(*[]byte)
	return bufp, func() {
		if cap(*bufp) <= 4<<20 {
			snippetBuffers.Put(bufp)
		}
	}
}

// storedTextBytes is the text of a row read as raw bytes: raw itself when
// it was stored as TEXT, else decoded into *bufp (reused for the next row;
// copy out what is kept).
func storedTextBytes(bufp *[]byte, raw []byte, blob bool) ([]byte, error) {
	if !blob {
		return raw, nil
	}
	var err error
	*bufp, err = decodeTextBytes((*bufp)[:0], raw)
	return *bufp, err
}

// decodeTextBytes is decodeText for a stored BLOB, appended to dst.
func decodeTextBytes(dst, v []byte) ([]byte, error) {
	if len(v) == 0 {
		return dst, nil
	}
	if v[0] != storedZstd {
		return nil, fmt.Errorf("store: stored text has unknown format %d", v[0])
	}
	out, err := zstdDecoder().DecodeAll(v[1:], dst)
	if err != nil {
		return nil, fmt.Errorf("store: stored text cannot be decoded: %w", err)
	}
	return out, nil
}

// cutSnippet cuts h's snippet from text, which it may not keep any part of.
func cutSnippet(h *Hit, text string, terms []queryTerm) {
	if h.Entity != nil {
		entitySnippet(h, text)
		return
	}
	h.Snippet, h.Matches = snippet(text, terms, 220)
	if h.Snippet == "" {
		h.Snippet, h.Matches = snippet(h.Title, terms, 220)
		return
	}
	h.Snippet = strings.Clone(h.Snippet)
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
	srows, err := s.db.QueryContext(ctx, "SELECT "+summaryCols+" FROM "+summariesByID+" WHERE a.id IN ("+placeholders(len(missing))+")", missing...)
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

// firstMatch finds the first word matching a term, a few kilobytes at a
// time: a chunk whose folded form contains no term is skipped without
// splitting it into words, which was most of a search's cost.
func firstMatch(text string, terms []queryTerm) (Range, bool) {
	const chunk = 4096
	// One buffer for every chunk, from a pool: grown chunk by chunk for
	// each snippet it was a fifth of a search's garbage (issue 19).
	bufp := foldBuffers.Get().(*[]byte)
	folded := *bufp
	defer func() {
		if cap(folded) <= 64<<10 { // a text without spaces made it huge: not kept
			*bufp = folded[:0]
			foldBuffers.Put(bufp)
		}
	}()
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
		folded = textnorm.AppendFold(folded[:0], text[start:end])
		if mayMatch(folded, terms) {
			if ms := matchRanges(text[start:end], terms, 1); len(ms) > 0 {
				return Range{ms[0].Start + start, ms[0].End + start}, true
			}
		}
		start = end
	}
	return Range{}, false
}

// mayMatch reports whether folded text contains a term's word or stem
// anywhere. A matching word always does: stems only lose leading
// particles, so both forms are substrings of the folded word.
func mayMatch(folded []byte, terms []queryTerm) bool {
	for _, t := range terms {
		if bytes.Contains(folded, t.bstem) || bytes.Contains(folded, t.bword) {
			return true
		}
	}
	return false
}

// matchRanges returns the byte ranges in text of words matching a term; at
// most max of them when max > 0. Words are found in text itself and folded
// one at a time into a reused buffer, so the marks are the reader's own
// spelling and nothing the size of the text is allocated.
func matchRanges(text string, terms []queryTerm, max int) []Range {
	var out []Range
	var buf []byte
	start, last := -1, 0 // the current word's first byte, and its end so far
	flush := func() {
		if start < 0 {
			return
		}
		buf = textnorm.AppendFold(buf[:0], text[start:last])
		if wordMatches(buf, terms) {
			out = append(out, Range{start, last})
		}
		start = -1
	}
	for i, r := range text {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			last = i + utf8.RuneLen(r)
		case start >= 0 && textnorm.Ignorable(r):
			// An invisible mark inside a word does not end it.
		default:
			flush()
			if max > 0 && len(out) >= max {
				return out
			}
		}
	}
	flush()
	if max > 0 && len(out) > max {
		out = out[:max]
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordMatches reports whether a folded word matches a term: it starts with
// the term, or its stem starts with the term or the term's stem; for a
// term too short to be a prefix (minPrefixRunes), it or its stem is the
// term or the term's stem.
func wordMatches(word []byte, terms []queryTerm) bool {
	for _, t := range terms {
		if !bytes.Contains(word, t.bstem) && !bytes.Contains(word, t.bword) {
			continue // cheap: most words match no term
		}
		if !t.prefix { // whole words and stems only, as the index is asked
			if bytes.Equal(word, t.bword) || bytes.Equal(word, t.bstem) {
				return true
			}
			if stem := textnorm.Stem(string(word)); stem == t.stem || stem == t.word {
				return true
			}
			continue
		}
		if bytes.HasPrefix(word, t.bword) {
			return true
		}
		stem := textnorm.Stem(string(word))
		if strings.HasPrefix(stem, t.stem) || strings.HasPrefix(stem, t.word) {
			return true
		}
	}
	return false
}
