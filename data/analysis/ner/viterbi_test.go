package ner

import (
	"slices"
	"strings"
	"testing"
)

// scoreOf is the score of tags seq for feats of transition classes cls,
// summed one feature at a time.
func scoreOf(m *Model, feats [][]uint64, cls []uint8, seq []int) int32 {
	var s int32
	p := 0
	for i, fs := range feats {
		c := seq[i]
		if cls[i]&Restart != 0 {
			p = 0
		}
		keys := append(fs[:len(fs):len(fs)], prevKey(p))
		if k := cls[i] &^ Restart; k != 0 {
			keys = append(keys, prevClassKey(p, k))
		}
		for _, h := range keys {
			if sl := m.table.get(uint32(h)); sl != nil {
				s += sl.weight(c)
			}
		}
		p = c + 1
	}
	return s
}

// bestByEnumeration scores every tag sequence of feats that BIO allows
// with a loaded structured model, one feature at a time, and returns the
// best.
func bestByEnumeration(m *Model, feats [][]uint64, cls []uint8) []int {
	n := len(m.Classes)
	f := followsOf(m.Classes)
	var best []int
	var bestScore int32
	seq := make([]int, len(feats))
	var walk func(i int)
	walk = func(i int) {
		if i == len(feats) {
			if s := scoreOf(m, feats, cls, seq); best == nil || s > bestScore {
				best, bestScore = slices.Clone(seq), s
			}
			return
		}
		p := 0
		if i > 0 && cls[i]&Restart == 0 {
			p = seq[i-1] + 1
		}
		for c := 0; c < n; c++ {
			if f[p][c] {
				seq[i] = c
				walk(i + 1)
			}
		}
	}
	walk(0)
	return best
}

// classesOf gives "," and "in" transition classes of their own, and
// starts a new sentence at "in".
func classesOf(words []string) []uint8 {
	out := make([]uint8, len(words))
	for i, w := range words {
		switch w {
		case ",":
			out[i] = 1
		case "in":
			out[i] = 2 | Restart // and a new sentence
		}
	}
	return out
}

func TestStructuredDecodesTheBestAllowedSequence(t *testing.T) {
	classes := []string{"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"}
	vocab := []string{"minister", "Omar", "Haddad", "visited", "Cairo", "in", "New", "York", "Lena", "Berg", ","}
	gold := map[string]string{"Omar": "B-PERS", "Haddad": "I-PERS", "Lena": "B-PERS", "Berg": "I-PERS", "Cairo": "B-LOC", "New": "B-LOC", "York": "I-LOC"}
	rng := uint64(11)
	next := func(k int) int {
		rng = rng*6364136223846793005 + 1442695040888963407
		return int(rng>>33) % k
	}
	var seqs []Sequence
	var tests [][]string
	for k := 0; k < 80; k++ {
		var pairs, words []string
		for j := 0; j < 6; j++ {
			w := vocab[next(len(vocab))]
			tag := gold[w]
			if tag == "" {
				tag = "O"
			}
			if next(5) == 0 { // noisy labels, forbidden sequences included
				tag = classes[next(len(classes))]
			}
			pairs = append(pairs, w+"/"+tag)
			words = append(words, w)
		}
		s, _ := seqOf(classes, pairs...)
		s.Class = classesOf(words)
		seqs = append(seqs, s)
		tests = append(tests, words)
	}
	trained := TrainStructured(classes, seqs, 5, 3)
	m := writeAndLoad(t, trained)
	if !m.Structured() {
		t.Fatal("a structured model loads as a greedy one")
	}
	seen := map[int]bool{}
	for _, words := range tests {
		feats, cls := featsOf(words), classesOf(words)
		got, want := m.TagClasses(feats, cls), bestByEnumeration(m, feats, cls)
		// equal scores, not equal sequences: two paths may tie
		if a, b := scoreOf(m, feats, cls, got), scoreOf(m, feats, cls, want); a != b {
			t.Fatalf("%v: Viterbi %v (%d), enumeration %v (%d)", words, got, a, want, b)
		}
		for i, c := range got {
			seen[c] = true
			if typ, ok := strings.CutPrefix(classes[c], "I-"); ok && (i == 0 || strings.TrimPrefix(strings.TrimPrefix(classes[got[i-1]], "B-"), "I-") != typ || classes[got[i-1]] == "O") {
				t.Fatalf("%v: %v puts %s after %v", words, got, classes[c], got[:i])
			}
		}
	}
	if len(seen) < 4 {
		t.Errorf("only tags %v seen: the comparison says little", seen)
	}
	// the float model fresh from training decodes the same way on clear cases
	clear := []string{"minister", "Omar", "Haddad", "visited", "New", "York"}
	want := []string{"O", "B-PERS", "I-PERS", "O", "B-LOC", "I-LOC"}
	for name, mm := range map[string]*Model{"trained": trained, "loaded": m} {
		var got []string
		for _, c := range mm.TagClasses(featsOf(clear), classesOf(clear)) {
			got = append(got, classes[c])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

// FavourNames lowers "O" on every token: with a large enough delta no
// token is left "O"; with none, the tags do not change.
func TestFavourNames(t *testing.T) {
	classes := []string{"O", "B-PERS", "I-PERS"}
	var seqs []Sequence
	for _, name := range []string{"Omar", "Lena", "Ana"} {
		s, _ := seqOf(classes, "minister/O", name+"/B-PERS", "spoke/O", "today/O")
		seqs = append(seqs, s)
	}
	words := featsOf([]string{"minister", "Lena", "spoke", "today"})
	count := func(delta float32) int {
		m := TrainStructured(classes, seqs, 5, 1)
		m.FavourNames(delta)
		loaded := writeAndLoad(t, m)
		names := 0
		for _, c := range loaded.Tag(words) {
			if c != 0 {
				names++
			}
		}
		return names
	}
	if got := count(0); got != 1 {
		t.Errorf("no favour: %d names, want 1 (Lena)", got)
	}
	if got := count(1000); got != len(words) {
		t.Errorf("favour 1000: %d names, want every token", got)
	}
}

// Cost-augmented training keeps updating after the training data is
// tagged right, until the gold tags win by a margin: its model still tags
// the data right, and the gap between a name's gold tag and its best
// other tag is wider than the plain perceptron's.
func TestTrainStructuredCostWidensTheMargin(t *testing.T) {
	classes := []string{"O", "B-PERS", "I-PERS", "B-LOC"}
	var seqs []Sequence
	for _, name := range [][2]string{{"Ana", "Silva"}, {"Omar", "Haddad"}, {"Lena", "Berg"}} {
		s, _ := seqOf(classes, "minister/O", name[0]+"/B-PERS", name[1]+"/I-PERS", "visited/O", "Paris/B-LOC", "today/O")
		seqs = append(seqs, s)
		s, _ = seqOf(classes, "in/O", "Cairo/B-LOC", ",/O", "minister/O", name[0]+"/B-PERS", "spoke/O")
		seqs = append(seqs, s)
	}
	margin := func(m *Model) float32 {
		n := len(classes)
		least := float32(1e9)
		for _, s := range seqs {
			for i, fs := range s.Feats {
				var sc [maxClasses]float32
				for _, h := range fs {
					if r, ok := m.index[uint32(h)]; ok {
						for c, w := range m.weights[int(r)*n : int(r)*n+n] {
							sc[c] += w
						}
					}
				}
				for c := 0; c < n; c++ {
					if c != s.Gold[i] {
						least = min(least, sc[s.Gold[i]]-sc[c])
					}
				}
			}
		}
		return least
	}
	plain := TrainStructuredCost(classes, seqs, 10, 1, 0)
	if !slices.Equal(plain.weights, TrainStructured(classes, seqs, 10, 1).weights) {
		t.Fatal("cost 0 is not the plain structured perceptron")
	}
	wide := TrainStructuredCost(classes, seqs, 10, 1, 2)
	for k, s := range seqs {
		if got := wide.Tag(s.Feats); !slices.Equal(got, s.Gold) {
			t.Errorf("sequence %d: %v, want %v", k, got, s.Gold)
		}
	}
	if mp, mw := margin(plain), margin(wide); mw <= mp {
		t.Errorf("margin with cost %.2f, without %.2f: want wider", mw, mp)
	}
}
