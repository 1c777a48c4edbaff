package nerscore

import (
	"bufio"
	"os"
	"strings"

	"annals/data/analysis"
)

// Doc is one document of a CoNLL file (Wikigold): its tokens, their tags,
// and the tokens that start a sentence (a blank line before them).
type Doc struct {
	Toks, Tags []string
	LineStart  map[int]bool
}

// ReadCoNLL reads a CoNLL file of "token tag" lines (a line without a
// space is a token tagged O), blank lines between sentences and
// -DOCSTART- lines between documents. tools/eval and tools/trainen both
// read Wikigold with it, so that they score the same documents.
func ReadCoNLL(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []Doc
	cur := Doc{LineStart: map[int]bool{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			cur.LineStart[len(cur.Toks)] = true
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		tok, tag := line, "O"
		if i >= 0 {
			tok, tag = line[:i], line[i+1:]
		}
		if tok == "-DOCSTART-" {
			if len(cur.Toks) > 0 {
				docs = append(docs, cur)
			}
			cur = Doc{LineStart: map[int]bool{}}
			continue
		}
		cur.Toks, cur.Tags = append(cur.Toks, tok), append(cur.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(cur.Toks) > 0 {
		docs = append(docs, cur)
	}
	return docs, nil
}

// Text is the document as the engine reads it: its sentences one per
// line, its tokens joined by spaces, as the corpus gives them; starts[i]
// is the byte offset of token i in text.
func (d Doc) Text() (text string, starts []int) {
	var b strings.Builder
	starts = make([]int, len(d.Toks))
	for i, t := range d.Toks {
		if i > 0 {
			if d.LineStart[i] {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		starts[i] = b.Len()
		b.WriteString(t)
	}
	return b.String(), starts
}

// SentenceText joins a corpus without sentence marks (ANERcorp) as the
// app would read it: spaces between tokens, a line break after each run
// of "." tokens. tools/trainner trains on this text and tools/eval scores
// the test part on it, so the two must join alike. It returns the byte
// offset of each token as Doc.Text does.
func SentenceText(toks []string) (text string, starts []int) {
	d := Doc{Toks: toks, LineStart: map[int]bool{}}
	for i := 1; i < len(toks); i++ {
		if toks[i-1] == "." && toks[i] != "." {
			d.LineStart[i] = true
		}
	}
	return d.Text()
}

// TokenAt is the index of the token holding byte off of a text whose
// tokens start at starts (ascending, starts[0] = 0): how an engine's
// mention, in bytes, becomes a Span over the benchmark's tokens.
func TokenAt(starts []int, off int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// MentionSpans are the analysis's entity mentions as Spans over the
// benchmark's tokens (whose byte offsets are starts), each typed by its
// entity's kind through types ("person" → "PER"); a kind types leaves out
// (products, events) gives no span.
func MentionSpans(ents []analysis.Entity, starts []int, types map[string]string) []Span {
	var spans []Span
	for _, e := range ents {
		typ := types[e.Type]
		if typ == "" {
			continue
		}
		for _, m := range e.Mentions {
			spans = append(spans, Span{Start: TokenAt(starts, m.Start), End: TokenAt(starts, m.End-1) + 1, Type: typ})
		}
	}
	return spans
}

// CoNLLTypes are Wikigold's (CoNLL 2003's) names of the analysis's kinds;
// ANERcorpTypes ANERcorp's.
var (
	CoNLLTypes    = map[string]string{"person": "PER", "organisation": "ORG", "place": "LOC"}
	ANERcorpTypes = map[string]string{"person": "PERS", "organisation": "ORG", "place": "LOC"}
)
