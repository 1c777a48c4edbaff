package ner

import (
	"bytes"
	"slices"
	"testing"
)

// seqOf turns "word/TAG" pairs into a training sequence; the features are
// the word and its left neighbour.
func seqOf(classes []string, pairs ...string) (Sequence, []string) {
	var s Sequence
	var words []string
	for _, p := range pairs {
		i := bytes.LastIndexByte([]byte(p), '/')
		words = append(words, p[:i])
		s.Gold = append(s.Gold, slices.Index(classes, p[i+1:]))
	}
	s.Feats = featsOf(words)
	return s, words
}

func featsOf(words []string) [][]uint64 {
	out := make([][]uint64, len(words))
	for i, w := range words {
		prev := "<s>"
		if i > 0 {
			prev = words[i-1]
		}
		out[i] = []uint64{Mix(1, Hash(0, w)), Mix(2, Hash(0, prev)), Mix(3, 0)}
	}
	return out
}

func TestTrainWriteLoadTag(t *testing.T) {
	classes := []string{"O", "B-PERS", "I-PERS", "B-LOC"}
	var seqs []Sequence
	for _, name := range [][2]string{{"Ana", "Silva"}, {"Omar", "Haddad"}, {"Lena", "Berg"}} {
		s, _ := seqOf(classes, "minister/O", name[0]+"/B-PERS", name[1]+"/I-PERS", "visited/O", "Paris/B-LOC", "today/O")
		seqs = append(seqs, s)
		s, _ = seqOf(classes, "in/O", "Cairo/B-LOC", ",/O", "minister/O", name[0]+"/B-PERS", name[1]+"/I-PERS", "spoke/O")
		seqs = append(seqs, s)
	}
	m := Train(classes, seqs, 10, 1)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(loaded.Classes, classes) {
		t.Fatalf("classes %v, want %v", loaded.Classes, classes)
	}
	words := []string{"minister", "Omar", "Haddad", "visited", "Cairo", "today"}
	want := []string{"O", "B-PERS", "I-PERS", "O", "B-LOC", "O"}
	for name, mm := range map[string]*Model{"trained": m, "loaded": loaded} {
		var got []string
		for _, c := range mm.Tag(featsOf(words)) {
			got = append(got, classes[c])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s model: %v, want %v", name, got, want)
		}
	}
	// the same data and seed give the same bytes
	var again bytes.Buffer
	if _, err := Train(classes, seqs, 10, 1).WriteTo(&again, 0); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("training is not reproducible")
	}
	if _, err := Load([]byte("not a model")); err == nil {
		t.Error("Load accepted garbage")
	}
}
