package ner

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// A structured model (TrainStructured) scores a token's tag from its own
// features and the previous tag, and is decoded with Viterbi over the
// whole sequence: the best sequence of tags, not the best tag at each step
// given the guesses before it. Transitions the BIO scheme forbids (I-X
// after anything but B-X or I-X) are never taken. (The greedy tagger's
// previous tag paired with the word did not help here in 4-fold
// cross-validation on ANERcorp's training part, and cost eight lookups a
// word.)

type number interface{ ~int32 | ~float64 }

// follows[p][c] says whether class c may follow p (0: the sequence start,
// c'+1: class c').
type follows [maxClasses + 1][maxClasses]bool

func followsOf(classes []string) *follows {
	var f follows
	for p := 0; p <= len(classes); p++ {
		for c, name := range classes {
			if typ, ok := strings.CutPrefix(name, "I-"); ok {
				f[p][c] = p > 0 && (classes[p-1] == "B-"+typ || classes[p-1] == "I-"+typ)
			} else {
				f[p][c] = true
			}
		}
	}
	return &f
}

// prevKey is the key of the previous-tag feature (p as in follows).
func prevKey(p int) uint64 { return mix(uint64(tplPrev)<<56, uint64(p)) }

// MaxTransitionClasses bounds a token's transition class (Sequence.Class):
// a coarse kind of word the caller picks («و» attached, a name's «بن»,
// punctuation…) that has transition weights of its own, so that the
// chance of a name going on or starting anew can depend on the next word.
const MaxTransitionClasses = 8

// prevClassKey is the key of the previous tag p paired with transition
// class k.
func prevClassKey(p int, k uint8) uint64 {
	return mix(uint64(tplPrevW)<<56^uint64(k)<<40^0x7c1a55, uint64(p))
}

// Restart, set in a token's transition class, makes the token start a new
// sequence (a sentence): decoding a text at once then gives the tags of
// decoding each sentence alone, as the model was trained.
const Restart uint8 = 0x80

// class is token i's transition class.
func (s *Sequence) class(i int) uint8 {
	if i < len(s.Class) {
		return s.Class[i] &^ Restart
	}
	return 0
}

// restarts reports whether token i starts a new sequence.
func (s *Sequence) restarts(i int) bool { return i < len(s.Class) && s.Class[i]&Restart != 0 }

// viterbi returns the best allowed tag sequence of n tokens over k
// classes. emit(i, sc) sets sc to token i's own scores; trans(i, p, sc)
// adds the scores of token i's classes after p. back is working memory.
func viterbi[T number](n, k int, f *follows, emit func(i int, sc *[maxClasses]T), trans func(i, p int, sc *[maxClasses]T), restart func(i int) bool, back [][maxClasses]int8) []int {
	out := make([]int, n)
	if n == 0 {
		return out
	}
	var cur, next, e [maxClasses]T
	var ok, nextOK [maxClasses]bool
	emit(0, &e)
	var t [maxClasses]T
	trans(0, 0, &t)
	for c := 0; c < k; c++ {
		cur[c], ok[c] = e[c]+t[c], f[0][c]
	}
	for i := 1; i < n; i++ {
		emit(i, &e)
		nextOK = [maxClasses]bool{}
		if restart != nil && restart(i) {
			// a new sentence: the best path so far, then the start state
			pb := -1
			for c := 0; c < k; c++ {
				if ok[c] && (pb < 0 || cur[c] > cur[pb]) {
					pb = c
				}
			}
			t = [maxClasses]T{}
			trans(i, 0, &t)
			for c := 0; c < k; c++ {
				next[c], nextOK[c], back[i][c] = cur[pb]+t[c]+e[c], f[0][c], int8(pb)
			}
			cur, ok = next, nextOK
			continue
		}
		for p := 1; p <= k; p++ {
			if !ok[p-1] {
				continue
			}
			t = [maxClasses]T{}
			trans(i, p, &t)
			for c := 0; c < k; c++ {
				if !f[p][c] {
					continue
				}
				v := cur[p-1] + t[c] + e[c]
				if !nextOK[c] || v > next[c] {
					next[c], nextOK[c], back[i][c] = v, true, int8(p-1)
				}
			}
		}
		cur, ok = next, nextOK
	}
	best := -1
	for c := 0; c < k; c++ {
		if ok[c] && (best < 0 || cur[c] > cur[best]) {
			best = c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i][best])
	}
	return out
}

// TrainStructured learns a structured model (see above) from seqs with the
// averaged structured perceptron: iters passes in an order shuffled with a
// fixed seed, each sequence decoded with Viterbi and, when wrong, the
// features of the gold path raised and those of the decoded one lowered.
func TrainStructured(classes []string, seqs []Sequence, iters int, seed uint64) *Model {
	return TrainStructuredCost(classes, seqs, iters, seed, 0)
}

// TrainStructuredCost is TrainStructured with cost-augmented decoding:
// while training, every wrong tag of a token scores cost more, so an
// update happens until the gold path wins by a margin of cost per wrong
// token (a perceptron that only fixes outright errors leaves the
// boundaries between names and the words around them thin).
func TrainStructuredCost(classes []string, seqs []Sequence, iters int, seed uint64, cost float64) *Model {
	n := len(classes)
	f := followsOf(classes)
	rows := map[uint32]*trainRow{}
	clock := 1
	update := func(h uint64, c int, v float64) {
		k := uint32(h)
		r := rows[k]
		if r == nil {
			r = &trainRow{w: make([]float64, n), total: make([]float64, n), stamp: make([]int, n)}
			rows[k] = r
		}
		r.total[c] += float64(clock-r.stamp[c]) * r.w[c]
		r.stamp[c] = clock
		r.w[c] += v
	}
	addRow := func(sc *[maxClasses]float64, h uint64) {
		if r := rows[uint32(h)]; r != nil {
			for c := 0; c < n; c++ {
				sc[c] += r.w[c]
			}
		}
	}
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	var back [][maxClasses]int8
	for it := 0; it < iters; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &seqs[si]
			if cap(back) < len(s.Feats) {
				back = make([][maxClasses]int8, len(s.Feats))
			}
			pred := viterbi(len(s.Feats), n, f,
				func(i int, sc *[maxClasses]float64) {
					*sc = [maxClasses]float64{}
					for _, h := range s.Feats[i] {
						addRow(sc, h)
					}
					if cost != 0 {
						for c := 0; c < n; c++ {
							if c != s.Gold[i] {
								sc[c] += cost
							}
						}
					}
				},
				func(i, p int, sc *[maxClasses]float64) {
					addRow(sc, prevKey(p))
					if k := s.class(i); k != 0 {
						addRow(sc, prevClassKey(p, k))
					}
				}, nil, back)
			if !slices.Equal(pred, s.Gold) {
				gp, pp := 0, 0
				for i, fs := range s.Feats {
					g, y := s.Gold[i], pred[i]
					if g != y || gp != pp {
						for _, h := range fs {
							update(h, g, 1)
							update(h, y, -1)
						}
						update(prevKey(gp), g, 1)
						update(prevKey(pp), y, -1)
						if k := s.class(i); k != 0 {
							update(prevClassKey(gp, k), g, 1)
							update(prevClassKey(pp, k), y, -1)
						}
					}
					gp, pp = g+1, y+1
				}
			}
			clock++
		}
	}
	m := finish(classes, rows, clock)
	m.structured = true
	return m
}

// finish averages the rows' weights over clock steps into a model.
func finish(classes []string, rows map[uint32]*trainRow, clock int) *Model {
	n := len(classes)
	m := &Model{Classes: slices.Clone(classes), index: make(map[uint32]int32, len(rows))}
	keys := make([]uint32, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		r := rows[k]
		m.index[k] = int32(len(m.weights) / n)
		for c := 0; c < n; c++ {
			tot := r.total[c] + float64(clock-r.stamp[c])*r.w[c]
			m.weights = append(m.weights, float32(tot/float64(clock)))
		}
	}
	return m
}

// tagSlowStructured decodes with the float weights of a structured model
// fresh from TrainStructured.
func (m *Model) tagSlowStructured(feats [][]uint64, cls []uint8) []int {
	seq := Sequence{Class: cls}
	n := len(m.Classes)
	add := func(sc *[maxClasses]float64, h uint64) {
		if r, ok := m.index[uint32(h)]; ok {
			for c, w := range m.weights[int(r)*n : int(r)*n+n] {
				sc[c] += float64(w)
			}
		}
	}
	return viterbi(len(feats), n, followsOf(m.Classes),
		func(i int, sc *[maxClasses]float64) {
			*sc = [maxClasses]float64{}
			for _, h := range feats[i] {
				add(sc, h)
			}
		},
		func(i, p int, sc *[maxClasses]float64) {
			add(sc, prevKey(p))
			if k := seq.class(i); k != 0 {
				add(sc, prevClassKey(p, k))
			}
		},
		func(i int) bool { return seq.restarts(i) },
		make([][maxClasses]int8, len(feats)))
}

// impossible is the score of a transition BIO forbids: far below any
// sum of weights, and safe to add twice to one.
const impossible = -1 << 28

// Structured reports whether m is decoded with Viterbi (DecodeStructured).
func (m *Model) Structured() bool { return m.structured }

// DecodeStructured returns the best tags of tokens whose feature weights
// are summed in static (Add) and whose transition classes are cls (nil:
// all 0), for a loaded structured model. back is working memory, grown as
// needed and returned.
func (m *Model) DecodeStructured(static []Scores, cls []uint8, back [][maxClasses]int8) ([]int, [][maxClasses]int8) {
	n := len(m.Classes)
	out := make([]int, len(static))
	if len(static) == 0 {
		return out, back
	}
	if cap(back) < len(static) {
		back = make([][maxClasses]int8, len(static))
	}
	back = back[:len(static)]
	seq := Sequence{Class: cls}
	// tk[k][p][c]: the weight of class c after p on a token of transition
	// class k, BIO's ban included
	tk := &m.trans
	var cur Scores
	for c := 0; c < n; c++ {
		cur[c] = static[0][c] + tk[seq.class(0)][0][c]
	}
	for i := 1; i < len(static); i++ {
		t := &tk[seq.class(i)]
		var next Scores
		var bk [maxClasses]int8
		if seq.restarts(i) {
			// a new sentence: the best path so far, then the start state
			pb := 0
			for c := 1; c < n; c++ {
				if cur[c] > cur[pb] {
					pb = c
				}
			}
			for c := range next {
				next[c] = cur[pb] + t[0][c] + static[i][c]
				bk[c] = int8(pb)
			}
			back[i] = bk
			cur = next
			continue
		}
		// previous tag outermost: the inner loop runs over one row of t
		for c := range next {
			next[c] = cur[0] + t[1][c]
		}
		for p := 1; p < n; p++ {
			cp, tp := cur[p], &t[p+1]
			for c := range next {
				if v := cp + tp[c]; v > next[c] {
					next[c], bk[c] = v, int8(p)
				}
			}
		}
		st := &static[i]
		for c := range next {
			next[c] += st[c]
		}
		back[i] = bk
		cur = next
	}
	best := 0
	for c := 1; c < n; c++ {
		if cur[c] > cur[best] {
			best = c
		}
	}
	for i := len(static) - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i][best])
	}
	return out, back
}

// prepareStructured fills what decoding a loaded structured model reads
// on every call: the transition weights of every transition class.
func (m *Model) prepareStructured() {
	n := len(m.Classes)
	f := followsOf(m.Classes)
	for k := range m.trans {
		for p := 0; p <= n; p++ {
			t := &m.trans[k][p]
			*t = Scores{}
			m.Add(t, []uint64{prevKey(p)})
			if k != 0 {
				m.Add(t, []uint64{prevClassKey(p, uint8(k))})
			}
			for c := 0; c < n; c++ {
				if !f[p][c] {
					t[c] += impossible
				}
			}
		}
	}
}

// decodeStructured is Decode for a loaded structured model.
func (m *Model) decodeStructured(static []Scores, cls []uint8) []int {
	out, _ := m.DecodeStructured(static, cls, nil)
	return out
}

// FavourNames lowers the score of class 0 ("O") by delta on every token of
// a structured model, through the previous-tag feature every token has: a
// perceptron trained on text where most tokens are no name is cautious,
// and trading a little precision for recall raises F1 (the trainer picks
// delta on held-out lines).
func (m *Model) FavourNames(delta float32) {
	n := len(m.Classes)
	for p := 0; p <= n; p++ {
		k := uint32(prevKey(p))
		r, ok := m.index[k]
		if !ok {
			r = int32(len(m.weights) / n)
			m.index[k] = r
			m.weights = append(m.weights, make([]float32, n)...)
		}
		m.weights[int(r)*n] -= delta
	}
}
