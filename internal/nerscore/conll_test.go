package nerscore

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"annals/data/analysis"
)

// Documents split at -DOCSTART-, sentences at blank lines; Text puts a
// sentence on each line and gives each token's offset.
func TestReadCoNLL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.conll.txt")
	conll := "-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nleft O\n\nHe O\nwent O\n-DOCSTART- O\n\nParis I-LOC\n.\n"
	if err := os.WriteFile(path, []byte(conll), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := ReadCoNLL(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Doc{
		{Toks: []string{"John", "Smith", "left", "He", "went"}, Tags: []string{"I-PER", "I-PER", "O", "O", "O"}, LineStart: map[int]bool{0: true, 3: true}},
		{Toks: []string{"Paris", "."}, Tags: []string{"I-LOC", "O"}, LineStart: map[int]bool{0: true}},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Fatalf("%+v, want %+v", docs, want)
	}
	text, starts := docs[0].Text()
	if text != "John Smith left\nHe went" || !reflect.DeepEqual(starts, []int{0, 5, 11, 16, 19}) {
		t.Errorf("Text: %q %v", text, starts)
	}
	if _, err := ReadCoNLL(filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("a missing file: no error")
	}
}

func TestTokenAt(t *testing.T) {
	starts := []int{0, 5, 11, 16, 19} // "John Smith left\nHe went"
	for _, c := range []struct{ off, want int }{
		{0, 0}, {4, 0}, {5, 1}, {10, 1}, {11, 2}, {15, 2}, {16, 3}, {19, 4}, {22, 4},
	} {
		if got := TokenAt(starts, c.off); got != c.want {
			t.Errorf("TokenAt(%d) = %d, want %d", c.off, got, c.want)
		}
	}
}

// SentenceText: a line break after a run of "." and nowhere else, each
// token's offset where it starts.
func TestSentenceText(t *testing.T) {
	toks := []string{"قال", "الوزير", ".", ".", "ثم", "سافر", ".", "Then"}
	text, starts := SentenceText(toks)
	if want := "قال الوزير . .\nثم سافر .\nThen"; text != want {
		t.Fatalf("text %q, want %q", text, want)
	}
	for i, tok := range toks {
		if text[starts[i]:starts[i]+len(tok)] != tok {
			t.Fatalf("token %d %q starts at %d: %q", i, tok, starts[i], text[starts[i]:])
		}
	}
}

// An entity's every mention becomes a span over the benchmark's tokens,
// typed by the map; a kind the map leaves out gives none.
func TestMentionSpans(t *testing.T) {
	text, starts := SentenceText([]string{"Ada", "Lovelace", "met", "Babbage", "in", "London", "."})
	at := func(word string) analysis.Span {
		for i, s := range starts {
			if end := s + len(word); end <= len(text) && text[s:end] == word {
				return analysis.Span{Start: starts[i], End: end}
			}
		}
		t.Fatalf("%q is not a token of %q", word, text)
		return analysis.Span{}
	}
	person := at("Ada")
	person.End = at("Lovelace").End
	ents := []analysis.Entity{
		{Type: "person", Mentions: []analysis.Span{person, at("Babbage")}},
		{Type: "place", Mentions: []analysis.Span{at("London")}},
		{Type: "product", Mentions: []analysis.Span{at("met")}},
	}
	got := MentionSpans(ents, starts, ANERcorpTypes)
	want := []Span{{0, 2, "PERS"}, {3, 4, "PERS"}, {5, 6, "LOC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MentionSpans = %v, want %v", got, want)
	}
	if got := MentionSpans(ents, starts, CoNLLTypes); len(got) != 3 || got[0].Type != "PER" || got[2].Type != "LOC" {
		t.Errorf("with CoNLL's names: %v", got)
	}
}
