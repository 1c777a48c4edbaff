package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"unicode/utf8"

	"annals/data/analysis"
)

// Errors of the analysis tables.
var (
	ErrEntityNotFound = errors.New("entity not found")
	ErrEventNotFound  = errors.New("event not found")
	ErrAliasNotFound  = errors.New("the user gave the entity no such spelling")
)

// EventSource is one article's report of an event.
type EventSource struct {
	EventID      int64
	ArticleID    int64
	ArticleTitle string
	Title        string // the event's title as made from this article's sentence
	Type         string
	Sentence     Range // bytes into the article's text
	SentenceText string
	Timex        Range
	UserEdited   bool
}

// eventKey identifies an event across analyses of the same text: its
// sentence and where in the sentence its time expression starts. User edits
// and deletions are stored under it.
func eventKey(ev analysis.Event) string {
	h := fnv.New64a()
	h.Write([]byte(strings.TrimSpace(ev.SentenceText)))
	return fmt.Sprintf("%016x@%d", h.Sum64(), ev.Timex.Start-ev.Sentence.Start)
}

// runeIndex converts byte offsets of text into rune offsets.
type runeIndex []int32

func newRuneIndex(text string) runeIndex {
	idx := make(runeIndex, len(text)+1)
	n := int32(0)
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		for j := 0; j < size; j++ {
			idx[i+j] = n
		}
		i += size
		n++
	}
	idx[len(text)] = n
	return idx
}

func (r runeIndex) at(b int) int { return int(r[b]) }

// SaveAnalysis stores res as the analysis of article id, replacing the
// machine output of any earlier analysis and re-applying the user's
// corrections, all in one transaction. res's spans must be byte offsets
// into the article's stored text.
func (s *Store) SaveAnalysis(ctx context.Context, id int64, res analysis.Result) error {
	// One article is a batch of one: the batch writer is the only code that
	// writes analysis rows.
	return s.SaveAnalyses(ctx, []int64{id}, []analysis.Result{res})
}

func checkSpans(res analysis.Result, n int) error {
	ok := func(a, b int) bool { return 0 <= a && a <= b && b <= n }
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if !ok(m.Start, m.End) {
				return fmt.Errorf("mention of %s at %d-%d is outside the text (%d bytes)", e.ID, m.Start, m.End, n)
			}
		}
	}
	for _, ev := range res.Events {
		if !ok(ev.Sentence.Start, ev.Sentence.End) || !ok(ev.Timex.Start, ev.Timex.End) {
			return fmt.Errorf("event %q at %d-%d is outside the text (%d bytes)", ev.Title, ev.Sentence.Start, ev.Sentence.End, n)
		}
	}
	return nil
}

// sentenceAround finds the sentence holding [start, end); the mention
// itself when no sentence does.
func sentenceAround(ss []analysis.Sentence, start, end int) (int, int) {
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > start })
	if i < len(ss) && ss[i].Start <= start {
		return ss[i].Start, ss[i].End
	}
	return start, end
}

// ArticlesNeedingAnalysis lists the ready articles never analysed or
// analysed by a version older than version, by id.
func (s *Store) ArticlesNeedingAnalysis(ctx context.Context, version int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id FROM articles a LEFT JOIN article_analysis x ON x.article_id = a.id
		WHERE a.status = 'ready' AND (x.version IS NULL OR x.version < ?) ORDER BY a.id`, version)
	if err != nil {
		return nil, fmt.Errorf("store: articles needing analysis: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: articles needing analysis: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// AnalysisVersion reports the analysis version article id was last analysed
// with, 0 when never.
func (s *Store) AnalysisVersion(ctx context.Context, id int64) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "SELECT version FROM article_analysis WHERE article_id = ?", id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: analysis version of %d: %w", id, err)
	}
	return v, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
