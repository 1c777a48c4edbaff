package ner

import (
	"bytes"
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// tinySequences are a few short sequences over a handful of features,
// with transition classes and an I- tag BIO does not allow where it is.
func tinySequences() ([]string, []Sequence) {
	classes := []string{"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"}
	f := func(s ...string) []uint64 {
		var out []uint64
		for _, v := range s {
			out = append(out, Hash(1, v))
		}
		return out
	}
	return classes, []Sequence{
		{Feats: [][]uint64{f("said"), f("john", "cap"), f("smith", "cap"), f("in"), f("paris", "cap")},
			Gold: []int{0, 1, 2, 0, 3}, Class: []uint8{0, 0, 1, 2, 0}},
		{Feats: [][]uint64{f("new", "cap"), f("york", "cap"), f("said")},
			Gold: []int{3, 4, 0}, Class: []uint8{0, 0, 3}},
		{Feats: [][]uint64{f("smith", "cap"), f("said"), f("york", "cap")},
			Gold: []int{2, 0, 4}, Class: []uint8{0, 1, 0}}, // two I- tags BIO bans
	}
}

// TestCRFGradientMatchesFiniteDifferences compares the CRF's gradient with
// central differences of its objective (with L2 and both costs) at random
// weights: a wrong forward-backward, marginal or transition count fails
// here.
func TestCRFGradientMatchesFiniteDifferences(t *testing.T) {
	classes, seqs := tinySequences()
	d := newCRFData(classes, seqs, nil)
	x := randomWeights(d, 1, 2)
	var w crfWork
	g := make([]float64, len(x))
	o := &CRFOptions{L2: 0.3, Cost: 1.5, MissCost: 0.7}
	d.eval(x, g, o, &w)
	scratch := make([]float64, len(x))
	const h = 1e-5
	worst := 0.0
	for i := range x {
		old := x[i]
		x[i] = old + h
		up := d.eval(x, scratch, o, &w)
		x[i] = old - h
		down := d.eval(x, scratch, o, &w)
		x[i] = old
		num := (up - down) / (2 * h)
		if diff := math.Abs(num - g[i]); diff > 1e-5*max(1, math.Abs(num)) {
			t.Fatalf("weight %d (row %d, class %d): gradient %.8f, finite difference %.8f", i, i/d.n, i%d.n, g[i], num)
		} else {
			worst = max(worst, diff)
		}
	}
	t.Logf("%d weights, largest difference %.2g", len(x), worst)
}

// TestCRFObjectiveIsLogLikelihood checks the objective against the
// probability of the gold path computed by enumerating every allowed tag
// sequence: log Z by brute force, each path's score raised by its cost.
func TestCRFObjectiveIsLogLikelihood(t *testing.T) {
	classes, seqs := tinySequences()
	d := newCRFData(classes, seqs, nil)
	x := randomWeights(d, 3, 4)
	score := func(t0 int, tags []int) float64 {
		s, p := 0.0, 0
		for i, c := range tags {
			t := t0 + i
			for _, r := range d.feats[d.featOff[t]:d.featOff[t+1]] {
				s += x[int(r)*d.n+c]
			}
			s += x[int(d.prevRow[p])*d.n+c]
			if k := d.class[t]; k != 0 {
				s += x[int(d.classRow[k][p])*d.n+c]
			}
			p = c + 1
		}
		return s
	}
	o := &CRFOptions{Cost: 1.5, MissCost: 0.7} // softmax-margin: the wrong tags' costs count in Z
	want := 0.0
	for si := 0; si+1 < len(d.seqStart); si++ {
		a, b := d.seqStart[si], d.seqStart[si+1]
		tags := make([]int, b-a)
		var z float64
		var walk func(i, p int)
		walk = func(i, p int) {
			if i == len(tags) {
				cost := 0.0
				for j, c := range tags {
					if g := int(d.gold[a+j]); c != g {
						cost += o.Cost
						if c == 0 {
							cost += o.MissCost
						}
					}
				}
				z += math.Exp(score(a, tags) + cost)
				return
			}
			for c := 0; c < d.n; c++ {
				if d.allowed[p][c] {
					tags[i] = c
					walk(i+1, c+1)
				}
			}
		}
		walk(0, 0)
		gold := make([]int, b-a)
		for i := range gold {
			gold[i] = int(d.gold[a+i])
		}
		want += math.Log(z) - score(a, gold)
	}
	var w crfWork
	got := d.eval(x, make([]float64, len(x)), o, &w)
	if math.Abs(got-want) > 1e-9*max(1, math.Abs(want)) {
		t.Fatalf("objective %.10f, enumeration %.10f", got, want)
	}
	if d.gold[d.seqStart[2]] != 1 || d.gold[d.seqStart[2]+2] != 3 {
		t.Fatalf("banned I- tags not read as B-: %v", d.gold[d.seqStart[2]:])
	}
}

// TestTrainCRFLearnsTinySet trains on the tiny set and decodes it back
// through the model file, as the app would: every gold tag (after the
// BIO repair) comes back.
func TestTrainCRFLearnsTinySet(t *testing.T) {
	classes, seqs := tinySequences()
	seqs = seqs[:2]
	m := TrainCRF(classes, seqs, CRFOptions{L2: 0.01, Iters: 100})
	m.ScaleWeights(20, 127)
	loaded := writeAndLoad(t, m)
	for _, s := range seqs {
		got := loaded.TagClasses(s.Feats, s.Class)
		for i := range got {
			if got[i] != s.Gold[i] {
				t.Fatalf("tags %v, want %v", got, s.Gold)
			}
		}
	}
}

// randomWeights are normally distributed weights for every row and class
// of d, the same for the same seeds.
func randomWeights(d *crfData, seed1, seed2 uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed1, seed2))
	x := make([]float64, d.rows*d.n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	return x
}

// writeAndLoad writes m to a model file and loads it back.
func writeAndLoad(t *testing.T, m *Model) *Model {
	t.Helper()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return loaded
}

// TestTrainCRFRowsBoundsTheModel trains with a bound on the feature rows:
// the model keeps that many besides the transitions, the ones the first
// fit weighted most, and still tags its training set right.
func TestTrainCRFRowsBoundsTheModel(t *testing.T) {
	classes, seqs := tinySequences()
	seqs = seqs[:2]
	all := TrainCRF(classes, seqs, CRFOptions{L2: 0.01, Iters: 100})
	small := TrainCRF(classes, seqs, CRFOptions{L2: 0.01, Iters: 100, Rows: 3})
	transitions := 0
	d := newCRFData(classes, seqs, func(uint32) bool { return false })
	transitions = d.rows
	if got := small.Features() - transitions; got != 3 {
		t.Fatalf("%d feature rows besides %d transition rows, want 3 (of %d)", got, transitions, all.Features()-transitions)
	}
	// the kept rows are the three whose largest weight was largest
	type row struct {
		key  uint32
		size float32
	}
	var rows []row
	isTransition := map[uint32]bool{}
	for _, k := range d.keys {
		isTransition[k] = true
	}
	for k, r := range all.index {
		if isTransition[k] {
			continue
		}
		var s float32
		for _, v := range all.weights[int(r)*len(classes) : int(r+1)*len(classes)] {
			s = max(s, float32(math.Abs(float64(v))))
		}
		rows = append(rows, row{k, s})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.size, a.size) })
	for _, r := range rows[:3] {
		if _, ok := small.index[r.key]; !ok {
			t.Errorf("row %x (largest weight %.3f) dropped", r.key, r.size)
		}
	}
	loaded := writeAndLoad(t, small)
	for _, s := range seqs {
		if got := loaded.TagClasses(s.Feats, s.Class); !slices.Equal(got, s.Gold) {
			t.Errorf("tags %v, want %v", got, s.Gold)
		}
	}
}

// TestTrainCRFIsReproducible trains twice on sequences enough for every
// part of the parallel sums to get some: the same weights, bit for bit
// (the parts' sums are added in a fixed order, whichever finishes first).
func TestTrainCRFIsReproducible(t *testing.T) {
	classes, seqs := tinySequences()
	for i := 0; i < 4; i++ {
		seqs = append(seqs, seqs[:3]...)
	}
	a := TrainCRF(classes, seqs, CRFOptions{L2: 0.1, Iters: 30, Cost: 1})
	b := TrainCRF(classes, seqs, CRFOptions{L2: 0.1, Iters: 30, Cost: 1})
	if !slices.Equal(a.weights, b.weights) || len(a.index) != len(b.index) {
		t.Fatal("two trainings on the same sequences differ")
	}
	if slices.Max(a.weights) == 0 {
		t.Fatal("no weight learnt")
	}
}
