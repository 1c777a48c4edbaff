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

// tagOneByOne is the decoder as first written: every feature of a token,
// its three tag features included, looked up while decoding. Tag must
// give exactly its tags.
func tagOneByOne(m *Model, feats [][]uint64) []int {
	n := len(m.Classes)
	out := make([]int, len(feats))
	p1, p2 := 0, 0
	for i, fs := range feats {
		var sc [maxClasses]int32
		dyn := dynamic(fs, p1, p2)
		for _, h := range append(fs[:len(fs):len(fs)], dyn[:]...) {
			if s := m.table.get(uint32(h)); s != nil {
				for c := range sc {
					sc[c] += s.weight(c)
				}
			}
		}
		best := 0
		for c := 1; c < n; c++ {
			if sc[c] > sc[best] {
				best = c
			}
		}
		out[i] = best
		p2, p1 = p1, best+1
	}
	return out
}

func TestTagMatchesOneByOne(t *testing.T) {
	classes := []string{"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"}
	vocab := []string{"minister", "Omar", "Haddad", "visited", "Cairo", "today", "in", "New", "York", "Lena", "Berg", "said", ","}
	gold := map[string]string{"Omar": "B-PERS", "Haddad": "I-PERS", "Lena": "B-PERS", "Berg": "I-PERS", "Cairo": "B-LOC", "New": "B-LOC", "York": "I-LOC"}
	rng := uint64(7)
	next := func(k int) int {
		rng = rng*6364136223846793005 + 1442695040888963407
		return int(rng>>33) % k
	}
	var seqs []Sequence
	var tests [][]string
	for k := 0; k < 60; k++ {
		var pairs, words []string
		for j := 0; j < 12; j++ {
			w := vocab[next(len(vocab))]
			tag := gold[w]
			if tag == "" || next(4) == 0 { // noisy labels: scores of all signs
				tag = classes[next(len(classes))]
			}
			pairs = append(pairs, w+"/"+tag)
			words = append(words, w)
		}
		s, _ := seqOf(classes, pairs...)
		seqs = append(seqs, s)
		tests = append(tests, words)
	}
	m := writeAndLoad(t, Train(classes, seqs, 5, 3))
	seen := map[int]bool{}
	for _, words := range tests {
		feats := featsOf(words)
		got, want := m.Tag(feats), tagOneByOne(m, feats)
		if !slices.Equal(got, want) {
			t.Fatalf("Tag %v, one by one %v", got, want)
		}
		for _, c := range got {
			seen[c] = true
		}
	}
	if len(seen) < 3 {
		t.Errorf("only tags %v seen: the comparison says little", seen)
	}
}

func TestHashMore(t *testing.T) {
	for _, p := range [][2]string{{"", ""}, {"a", "1"}, {"rB", "person"}, {"الصين", "0"}} {
		if got, want := HashMore(Hash(7, p[0]), p[1]), Hash(7, p[0]+p[1]); got != want {
			t.Errorf("HashMore(Hash(%q), %q) = %x, want %x", p[0], p[1], got, want)
		}
	}
}
