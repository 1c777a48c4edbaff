package store

import (
	"context"
	"strings"

	"annals/data/analysis"
	"annals/data/textnorm"
)

// EntityMatch says why an article was found although the query's words
// are not in it: the query is a spelling of an entity the article mentions
// ("Trump" finds the Arabic article that writes «ترمب»).
type EntityMatch struct {
	Key      string // "person:donald-trump"
	Name     string // canonical English name
	NameAr   string // canonical Arabic name
	Spelling string // how this article writes it (its first mention)
}

// Why is the reason in words, for a result list: "Donald Trump / دونالد ترمب (ترمب)".
func (m EntityMatch) Why() string {
	names := []string{}
	for _, n := range []string{m.Name, m.NameAr} {
		if n != "" && !contains(names, n) {
			names = append(names, n)
		}
	}
	s := strings.Join(names, " / ")
	if m.Spelling != "" && !contains(names, m.Spelling) {
		s += " (" + m.Spelling + ")"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type entityRef struct {
	id                int64
	key, name, nameAr string
}

// queryEntities finds the entities the whole query names: a spelling the
// library stored for them (entity_aliases, the user's own included) or one
// the gazetteer knows in any script. Both lookups are exact on the folded
// spelling, so they cost an index probe each.
func (s *Store) queryEntities(ctx context.Context, query string) ([]entityRef, error) {
	folded := strings.Join(strings.Fields(textnorm.Fold(query)), " ")
	if len([]rune(folded)) < 2 {
		return nil, nil
	}
	keys := []any{}
	if e, ok := analysis.DefaultGazetteer().Lookup(query); ok {
		keys = append(keys, e.ID)
	}
	q := `SELECT e.id, e.key, e.name, e.name_ar FROM entities e
		WHERE e.id IN (SELECT entity_id FROM entity_aliases WHERE folded = ?)`
	args := []any{folded}
	if len(keys) > 0 {
		q += ` OR e.key IN (` + placeholders(len(keys)) + `)`
		args = append(args, keys...)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []entityRef
	for rows.Next() {
		var r entityRef
		if err := rows.Scan(&r.id, &r.key, &r.name, &r.nameAr); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// addEntityHits adds the articles that mention an entity the query names
// and that the words alone did not find, newest first, after the word
// hits (Rank 0: bm25 ranks are negative). Each carries the entity and a
// snippet around its first mention.
func (s *Store) addEntityHits(ctx context.Context, hits []Hit, byID map[int64]int, query string, limit int) ([]Hit, error) {
	ents, err := s.queryEntities(ctx, query)
	if err != nil || len(ents) == 0 {
		return hits, err
	}
	ids := make([]any, len(ents))
	byEnt := map[int64]entityRef{}
	for i, e := range ents {
		ids[i] = e.id
		byEnt[e.id] = e
	}
	rows, err := s.db.QueryContext(ctx, `SELECT m.article_id, m.entity_id, MIN(m.byte_start), m.byte_end
		FROM mentions m WHERE m.entity_id IN (`+placeholders(len(ids))+`)
		GROUP BY m.article_id ORDER BY m.article_id DESC LIMIT ?`, append(ids, limit)...)
	if err != nil {
		return hits, err
	}
	type found struct {
		article, entity int64
		start, end      int
	}
	var list []found
	for rows.Next() {
		var f found
		if err := rows.Scan(&f.article, &f.entity, &f.start, &f.end); err != nil {
			rows.Close()
			return hits, err
		}
		if _, ok := byID[f.article]; !ok {
			list = append(list, f)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return hits, err
	}
	aids := make([]any, len(list))
	for i, f := range list {
		aids[i] = f.article
	}
	// Summaries only: the text, which the snippet and the spelling are cut
	// from, is decoded by fillSnippets for the hits shown (issue 19). Read
	// here, a rare name's 150 entity hits decoded 150 texts, most of its
	// search's time.
	srows, err := s.db.QueryContext(ctx, "SELECT "+summaryCols+" FROM "+summariesByID+" WHERE a.id IN ("+placeholders(len(aids))+")", aids...)
	if err != nil {
		return hits, err
	}
	defer srows.Close()
	got := map[int64]Summary{}
	for srows.Next() {
		sum, err := scanSummary(srows)
		if err != nil {
			return hits, err
		}
		got[sum.ID] = sum
	}
	if err := srows.Err(); err != nil {
		return hits, err
	}
	for _, f := range list {
		sum, ok := got[f.article]
		if !ok {
			continue
		}
		e := byEnt[f.entity]
		h := Hit{Summary: sum, Entity: &EntityMatch{Key: e.key, Name: e.name, NameAr: e.nameAr}}
		if f.start >= 0 && f.start < f.end {
			h.mention = Range{f.start, f.end}
		} else {
			h.Snippet = sum.Title
		}
		byID[h.ID] = len(hits)
		hits = append(hits, h)
	}
	return hits, nil
}

// entitySnippet cuts an entity hit's snippet around its first mention in
// text and fills in how the article spells the entity there; it keeps no
// part of text. The match is copied: hits handed out earlier share the
// pointer.
func entitySnippet(h *Hit, text string) {
	start, end := h.mention.Start, h.mention.End
	if end > len(text) {
		h.Snippet = h.Title
		return
	}
	m := *h.Entity
	m.Spelling = strings.Clone(text[start:end]) // text may be a reused buffer
	h.Entity = &m
	h.Snippet, h.Matches = snippetAround(text, start, end, 220)
	h.Snippet = strings.Clone(h.Snippet)
	if h.Snippet == "" {
		h.Snippet = h.Title
	}
}

// snippetAround cuts about width bytes of text around [start, end) and
// marks that span.
func snippetAround(text string, start, end, width int) (string, []Range) {
	from := max(0, start-width/3)
	to := min(len(text), max(end, from+width))
	for from > 0 && !isRuneStart(text[from]) {
		from--
	}
	for to < len(text) && !isRuneStart(text[to]) {
		to++
	}
	if sp := strings.LastIndexAny(text[:from], " \n"); from > 0 && sp >= 0 && from-sp < 30 {
		from = sp + 1
	}
	if sp := strings.IndexAny(text[to:], " \n"); to < len(text) && sp >= 0 && sp < 30 {
		to += sp
	}
	lead := ""
	if from > 0 {
		lead = "…"
	}
	tail := ""
	if to < len(text) {
		tail = "…"
	}
	out := lead + strings.ReplaceAll(text[from:to], "\n", " ") + tail
	off := len(lead) - from
	return out, []Range{{Start: start + off, End: end + off}}
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
