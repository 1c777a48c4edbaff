package ner

import (
	"bytes"
	"testing"
)

// LexCode's buckets: type, share of the word's occurrences, how many.
func TestLexCode(t *testing.T) {
	tests := []struct {
		name   string
		counts [LexTypes + 1]uint32
		want   uint8
	}{
		{"never a name, seen twice", [4]uint32{2, 0, 0, 0}, 0},
		{"never a name, seen three times", [4]uint32{3, 0, 0, 0}, LexCommon},
		{"a person 9 times in 10", [4]uint32{1, 9, 0, 0}, 1 + 0*12 + 3*3 + 2},
		{"an organisation once in 4", [4]uint32{3, 0, 1, 0}, 1 + 1*12 + 0*3 + 0},
		{"a place 2 times in 3", [4]uint32{1, 0, 0, 2}, 1 + 2*12 + 2*3 + 1},
		{"the most frequent type wins", [4]uint32{0, 1, 0, 3}, 1 + 2*12 + 2*3 + 1},
		{"share 0.3 is the second step", [4]uint32{7, 3, 0, 0}, 1 + 0*12 + 1*3 + 1},
	}
	for _, tc := range tests {
		if got := LexCode(&tc.counts); got != tc.want {
			t.Errorf("%s: LexCode(%v) = %d, want %d", tc.name, tc.counts, got, tc.want)
		}
	}
}

// Minus leaves the counts of the other parts: what a training chunk's
// lexicon features read.
func TestLexCountsMinus(t *testing.T) {
	a, b := LexCounts{}, LexCounts{}
	a.Add(1, 1)
	a.Add(2, 0)
	b.Add(1, 1)
	b.Add(1, 3)
	b.Add(3, 2)
	all := LexCounts{}
	all.Merge(a)
	all.Merge(b)
	rest := all.Minus(b)
	for k, want := range map[uint32][4]uint32{1: {0, 1, 0, 0}, 2: {1, 0, 0, 0}, 3: {}} {
		if got := rest[k]; got == nil || *got != want {
			t.Errorf("key %d: %v, want %v", k, got, want)
		}
	}
	if l := rest.Lexicon(); l.Code(3) != 0 || l.Code(1) != LexCode(&[4]uint32{0, 1, 0, 0}) {
		t.Errorf("lexicon of the rest: key 3 → %d, key 1 → %d", l.Code(3), l.Code(1))
	}
	if *all[1] != [4]uint32{0, 2, 0, 1} {
		t.Errorf("Minus changed its receiver: %v", *all[1])
	}
}

// A model file keeps its lexicon, and a file without one (older models)
// still loads, with no lexicon.
func TestLexiconInModelFile(t *testing.T) {
	classes := []string{"O", "B-PERS", "I-PERS"}
	s, _ := seqOf(classes, "ali/B-PERS", "said/O")
	m := TrainStructured(classes, []Sequence{s}, 2, 1)
	var plain bytes.Buffer
	if _, err := m.WriteTo(&plain, 0); err != nil {
		t.Fatal(err)
	}
	c := LexCounts{}
	for range 4 {
		c.Add(Hash(0, "ali"), 1)
	}
	c.Add(Hash(0, "said"), 0)
	m.SetLexicon(c.Lexicon())
	var withLex bytes.Buffer
	if _, err := m.WriteTo(&withLex, 0); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(withLex.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := loaded.Lexicon().Code(Hash(0, "ali")), LexCode(&[4]uint32{0, 4, 0, 0}); got != want || got == 0 {
		t.Errorf("ali: code %d after loading, want %d", got, want)
	}
	if loaded.Lexicon().Len() != 1 {
		t.Errorf("%d words in the loaded lexicon, want 1 (said is no name and seen once)", loaded.Lexicon().Len())
	}
	old, err := Load(plain.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if old.Lexicon() != nil || old.Lexicon().Code(Hash(0, "ali")) != 0 {
		t.Errorf("a model file without a lexicon loads with one")
	}
}
