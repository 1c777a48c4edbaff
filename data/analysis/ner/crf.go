package ner

import (
	"math"
	"slices"
	"sync"
)

// A linear-chain CRF over the structured model's features: the same
// feature rows, the same transitions (the previous tag, alone and paired
// with the token's transition class) and BIO's bans, so a model it trains
// is written, loaded and decoded exactly like TrainStructured's. Only the
// learning differs: the weights maximise the conditional log-likelihood of
// the gold tags (forward-backward over the allowed tag sequences) minus an
// L2 penalty, found with L-BFGS. Every run over the same sequences gives
// the same weights: the sums run in crfParts fixed parts, added in order.
//
// Measured on ANERcorp (tools/trainner -learner crf): 4-fold CV on the
// training part, the tagger alone 76.70 -> 77.34 against the perceptron,
// the whole analysis 74.84 -> 75.20, for minutes of training instead of
// seconds; the perceptron stays the default.

// CRFOptions are TrainCRF's settings.
type CRFOptions struct {
	L2    float64 // the penalty L2/2·‖w‖² (the log-likelihood is summed over tokens)
	Iters int     // L-BFGS iterations at most
	// Cost, when above 0, trains with softmax-margin (Gimpel & Smith
	// 2010): every wrong tag of a token scores Cost more in the partition
	// function, the log-likelihood's counterpart of the perceptron's
	// cost-augmented decoding; MissCost is added to that for tagging O
	// where the gold tag is a name (recall-oriented, as Mohit et al. 2012
	// for Arabic names).
	Cost, MissCost float64
	// Rows, when above 0, bounds the model's feature rows: after the fit,
	// only the Rows rows with the largest weights (and the transitions)
	// are kept, and the CRF is fitted again on those alone, from where it
	// was, so the kept rows make up for the dropped ones (the L2 fit gives
	// every feature ever seen a weight; the model file must stay small
	// for the table to stay in the cache).
	Rows int
	// Log, when set, is told the objective after each iteration.
	Log func(format string, args ...any)
}

// crfData is the training sequences with their features as row numbers.
type crfData struct {
	n        int
	rows     int      // feature rows (each n weights)
	keys     []uint32 // the key of each row
	seqStart []int    // token offset of each sequence, and the total at the end
	featOff  []int32  // per token: its first entry in feats; one more at the end
	feats    []int32  // feature rows
	gold     []int8   // per token
	class    []uint8  // per token: its transition class
	prevRow  [maxClasses + 1]int32
	classRow [MaxTransitionClasses][maxClasses + 1]int32 // -1 for class 0
	allowed  *follows
}

func newCRFData(classes []string, seqs []Sequence, keep func(key uint32) bool) *crfData {
	n := len(classes)
	d := &crfData{n: n, allowed: followsOf(classes)}
	index := map[uint32]int32{}
	row := func(h uint64) int32 {
		k := uint32(h)
		r, ok := index[k]
		if !ok {
			r = int32(len(d.keys))
			index[k] = r
			d.keys = append(d.keys, k)
		}
		return r
	}
	for p := 0; p <= n; p++ {
		d.prevRow[p] = row(prevKey(p))
	}
	for k := range d.classRow {
		for p := 0; p <= n; p++ {
			d.classRow[k][p] = -1
			if k != 0 {
				d.classRow[k][p] = row(prevClassKey(p, uint8(k)))
			}
		}
	}
	for si := range seqs {
		s := &seqs[si]
		d.seqStart = append(d.seqStart, len(d.gold))
		prev := 0
		for i, fs := range s.Feats {
			d.featOff = append(d.featOff, int32(len(d.feats)))
			for _, h := range fs {
				if keep == nil || keep(uint32(h)) {
					d.feats = append(d.feats, row(h))
				}
			}
			g := s.Gold[i]
			if !d.allowed[prev][g] {
				// an I- tag BIO does not allow here (the corpus has a
				// few): the gold path must be possible, read it as B-
				g = slices.Index(classes, "B-"+classes[g][2:])
			}
			d.gold = append(d.gold, int8(g))
			d.class = append(d.class, s.class(i))
			prev = g + 1
		}
	}
	d.seqStart = append(d.seqStart, len(d.gold))
	d.featOff = append(d.featOff, int32(len(d.feats)))
	d.rows = len(d.keys)
	return d
}

// crfParts is how many parts eval splits the sequences into, each summed
// on a goroutine of its own into its own gradient, the parts' sums then
// added in order: the same weights on any number of processors.
const crfParts = 4

// crfWork is crfData.eval's working memory.
type crfWork struct {
	data  *crfData // the data the parts are cut for
	parts [crfParts]crfPart
}

// crfPart is one part's sums and working memory.
type crfPart struct {
	seqs     [2]int // sequences [from, to)
	g        []float64
	nll      float64
	expected transitions
	crfSeqWork
}

type transitions [MaxTransitionClasses][maxClasses + 1][maxClasses]float64

// crfSeqWork is the per-sequence working memory of one part.
type crfSeqWork struct {
	em, alpha, beta [][maxClasses]float64
	scale           []float64
}

func (w *crfSeqWork) grow(l int) {
	if cap(w.em) < l {
		w.em = make([][maxClasses]float64, l)
		w.alpha = make([][maxClasses]float64, l)
		w.beta = make([][maxClasses]float64, l)
		w.scale = make([]float64, l)
	}
}

// eval returns the objective (negative log-likelihood plus the L2
// penalty) at weights x and writes its gradient into g.
func (d *crfData) eval(x, g []float64, o *CRFOptions, w *crfWork) float64 {
	l2 := o.L2
	n := d.n
	clear(g)
	// transition weights and their exponentials, per transition class;
	// a banned transition has probability 0
	var trans, expTrans transitions
	for k := range trans {
		for p := 0; p <= n; p++ {
			for c := 0; c < n; c++ {
				t := x[int(d.prevRow[p])*n+c]
				if k != 0 {
					t += x[int(d.classRow[k][p])*n+c]
				}
				trans[k][p][c] = t
				if d.allowed[p][c] {
					expTrans[k][p][c] = math.Exp(t)
				}
			}
		}
	}
	if w.data != d {
		// parts of about equal tokens
		w.data = d
		total, si := len(d.gold), 0
		for p := range w.parts {
			from := si
			for si+1 < len(d.seqStart) && d.seqStart[si] < total*(p+1)/crfParts {
				si++
			}
			if p == crfParts-1 {
				si = len(d.seqStart) - 1
			}
			w.parts[p].seqs = [2]int{from, si}
			w.parts[p].g = make([]float64, len(g))
		}
	}
	var wg sync.WaitGroup
	for p := range w.parts {
		wg.Add(1)
		go func(part *crfPart) {
			defer wg.Done()
			clear(part.g)
			part.expected = transitions{}
			part.nll = d.evalSeqs(x, part, o, &trans, &expTrans)
		}(&w.parts[p])
	}
	wg.Wait()
	nll := 0.0
	var expected transitions
	for p := range w.parts {
		part := &w.parts[p]
		nll += part.nll
		axpy(1, part.g, g)
		for k := range expected {
			for q := range expected[k] {
				for c := range expected[k][q] {
					expected[k][q][c] += part.expected[k][q][c]
				}
			}
		}
	}
	for k := range expected {
		for p := 0; p <= n; p++ {
			for c := 0; c < n; c++ {
				v := expected[k][p][c]
				g[int(d.prevRow[p])*n+c] += v
				if k != 0 {
					g[int(d.classRow[k][p])*n+c] += v
				}
			}
		}
	}
	for i, v := range x {
		nll += l2 / 2 * v * v
		g[i] += l2 * v
	}
	return nll
}

// evalSeqs adds the negative log-likelihood's gradient over part's
// sequences to part.g (features) and part.expected (transitions) and
// returns its value there.
func (d *crfData) evalSeqs(x []float64, part *crfPart, o *CRFOptions, trans, expTrans *transitions) float64 {
	n := d.n
	g, w, expected := part.g, &part.crfSeqWork, &part.expected
	nll := 0.0
	for si := part.seqs[0]; si < part.seqs[1]; si++ {
		a, b := d.seqStart[si], d.seqStart[si+1]
		l := b - a
		w.grow(l)
		em, alpha, beta, scale := w.em[:l], w.alpha[:l], w.beta[:l], w.scale[:l]
		logZ := 0.0
		prev := 0
		for i := 0; i < l; i++ {
			t := a + i
			var e [maxClasses]float64
			for _, r := range d.feats[d.featOff[t]:d.featOff[t+1]] {
				ws := x[int(r)*n : int(r)*n+n]
				for c := range ws {
					e[c] += ws[c]
				}
			}
			gc := int(d.gold[t])
			nll -= e[gc] + trans[d.class[t]][prev][gc]
			prev = gc + 1
			if o.Cost > 0 || o.MissCost > 0 {
				for c := 0; c < n; c++ {
					if c != gc {
						e[c] += o.Cost
					}
				}
				if gc != 0 {
					e[0] += o.MissCost
				}
			}
			m := e[0]
			for c := 1; c < n; c++ {
				m = max(m, e[c])
			}
			for c := 0; c < n; c++ {
				em[i][c] = math.Exp(e[c] - m)
			}
			logZ += m
		}
		// forward, each step scaled to sum 1
		for i := 0; i < l; i++ {
			et := &expTrans[d.class[a+i]]
			var next [maxClasses]float64
			if i == 0 {
				for c := 0; c < n; c++ {
					next[c] = et[0][c] * em[0][c]
				}
			} else {
				for p := 0; p < n; p++ {
					ap := alpha[i-1][p]
					if ap == 0 {
						continue
					}
					for c := 0; c < n; c++ {
						next[c] += ap * et[p+1][c]
					}
				}
				for c := 0; c < n; c++ {
					next[c] *= em[i][c]
				}
			}
			s := 0.0
			for c := 0; c < n; c++ {
				s += next[c]
			}
			for c := 0; c < n; c++ {
				next[c] /= s
			}
			alpha[i], scale[i] = next, s
			logZ += math.Log(s)
		}
		nll += logZ
		// backward, with the forward's scales
		for c := 0; c < n; c++ {
			beta[l-1][c] = 1
		}
		for i := l - 1; i > 0; i-- {
			et := &expTrans[d.class[a+i]]
			var v [maxClasses]float64
			for c := 0; c < n; c++ {
				v[c] = em[i][c] * beta[i][c] / scale[i]
			}
			var bp [maxClasses]float64
			for p := 0; p < n; p++ {
				s := 0.0
				for c := 0; c < n; c++ {
					s += et[p+1][c] * v[c]
				}
				bp[p] = s
			}
			beta[i-1] = bp
		}
		// expected minus observed counts
		prev = 0
		for i := 0; i < l; i++ {
			t := a + i
			k := d.class[t]
			var gamma [maxClasses]float64
			for c := 0; c < n; c++ {
				gamma[c] = alpha[i][c] * beta[i][c]
			}
			gc := int(d.gold[t])
			for _, r := range d.feats[d.featOff[t]:d.featOff[t+1]] {
				gs := g[int(r)*n : int(r)*n+n]
				for c := range gs {
					gs[c] += gamma[c]
				}
				gs[gc]--
			}
			if i == 0 {
				for c := 0; c < n; c++ {
					expected[k][0][c] += gamma[c]
				}
			} else {
				et := &expTrans[k]
				for c := 0; c < n; c++ {
					v := em[i][c] * beta[i][c] / scale[i]
					for p := 0; p < n; p++ {
						expected[k][p+1][c] += alpha[i-1][p] * et[p+1][c] * v
					}
				}
			}
			expected[k][prev][gc]--
			prev = gc + 1
		}
	}
	return nll
}

// TrainCRF learns a structured model from seqs as a linear-chain CRF (see
// above). Its weights are in log-probability units; Model.ScaleWeights
// brings them to the range the model file quantises.
func TrainCRF(classes []string, seqs []Sequence, o CRFOptions) *Model {
	d := newCRFData(classes, seqs, nil)
	n := d.n
	x := make([]float64, d.rows*n)
	var work crfWork
	minimize(x, func(x, g []float64) float64 { return d.eval(x, g, &o, &work) }, o.Iters, 10, o.Log)
	if o.Rows > 0 && d.rows > o.Rows {
		d, x = d.refit(classes, seqs, x, &o, &work)
	}
	m := &Model{Classes: slices.Clone(classes), index: make(map[uint32]int32, d.rows), structured: true}
	order := make([]int32, d.rows)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		switch ka, kb := d.keys[a], d.keys[b]; {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	m.weights = make([]float32, 0, len(x))
	for _, r := range order {
		m.index[d.keys[r]] = int32(len(m.weights) / n)
		for _, v := range x[int(r)*n : int(r)*n+n] {
			m.weights = append(m.weights, float32(v))
		}
	}
	return m
}

// refit keeps the o.Rows rows of d whose largest weight in x is largest,
// besides the transitions, and fits the CRF again on them from x.
func (d *crfData) refit(classes []string, seqs []Sequence, x []float64, o *CRFOptions, work *crfWork) (*crfData, []float64) {
	n := d.n
	size := make([]float64, d.rows)
	for r := range size {
		for _, v := range x[r*n : r*n+n] {
			size[r] = max(size[r], math.Abs(v))
		}
	}
	transition := map[int32]bool{}
	for p := range d.prevRow[:n+1] {
		transition[d.prevRow[p]] = true
		for k := 1; k < MaxTransitionClasses; k++ {
			transition[d.classRow[k][p]] = true
		}
	}
	var order []int
	for r := 0; r < d.rows; r++ {
		if !transition[int32(r)] {
			order = append(order, r)
		}
	}
	// largest first; equal sizes by key, so the choice is the same every run
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case size[a] > size[b]:
			return -1
		case size[a] < size[b]:
			return 1
		case d.keys[a] < d.keys[b]:
			return -1
		case d.keys[a] > d.keys[b]:
			return 1
		}
		return 0
	})
	kept := map[uint32][]float64{}
	for _, r := range order[:min(o.Rows, len(order))] {
		kept[d.keys[r]] = x[r*n : r*n+n]
	}
	small := newCRFData(classes, seqs, func(k uint32) bool { return kept[k] != nil })
	y := make([]float64, small.rows*n)
	for r, k := range small.keys {
		if w, ok := kept[k]; ok {
			copy(y[r*n:r*n+n], w)
		} else { // a transition row, kept whatever its size
			old := slices.Index(d.keys, k)
			copy(y[r*n:r*n+n], x[old*n:old*n+n])
		}
	}
	if o.Log != nil {
		o.Log("crf: %d rows, fitting again on %d", d.rows, small.rows)
	}
	minimize(y, func(x, g []float64) float64 { return small.eval(x, g, o, work) }, o.Iters, 10, o.Log)
	return small, y
}

// ScaleWeights multiplies a trained model's weights by factor and clips
// them to ±limit (limit 0: no clipping). The model file quantises every
// weight with one step, the largest weight over 127: a few outliers would
// otherwise make the step coarse for all the others. Viterbi's choice does
// not change with the factor, only with the clipping and rounding.
func (m *Model) ScaleWeights(factor, limit float32) {
	for i, v := range m.weights {
		v *= factor
		if limit > 0 {
			v = max(-limit, min(limit, v))
		}
		m.weights[i] = v
	}
}

// Weights returns a trained model's weights of every row, for choosing a
// scale (nil for a loaded model).
func (m *Model) Weights() []float32 { return m.weights }

// minimize runs L-BFGS (history of hist pairs, a backtracking line search
// with Armijo's condition) on f from x for at most iters iterations,
// leaving the minimum found in x.
func minimize(x []float64, f func(x, g []float64) float64, iters, hist int, logf func(string, ...any)) float64 {
	dim := len(x)
	g := make([]float64, dim)
	fx := f(x, g)
	var s, y [][]float64
	var rho []float64
	dir := make([]float64, dim)
	xn := make([]float64, dim)
	gn := make([]float64, dim)
	alpha := make([]float64, hist)
	for it := 0; it < iters; it++ {
		// two-loop recursion: dir = -H·g
		copy(dir, g)
		for j := len(s) - 1; j >= 0; j-- {
			alpha[j] = rho[j] * dot(s[j], dir)
			axpy(-alpha[j], y[j], dir)
		}
		if k := len(s) - 1; k >= 0 {
			gamma := dot(s[k], y[k]) / dot(y[k], y[k])
			for i := range dir {
				dir[i] *= gamma
			}
		}
		for j := 0; j < len(s); j++ {
			b := rho[j] * dot(y[j], dir)
			axpy(alpha[j]-b, s[j], dir)
		}
		for i := range dir {
			dir[i] = -dir[i]
		}
		slope := dot(g, dir)
		if slope >= 0 { // not a descent direction: start again from the gradient
			s, y, rho = s[:0], y[:0], rho[:0]
			for i := range dir {
				dir[i] = -g[i]
			}
			slope = dot(g, dir)
		}
		step := 1.0
		if len(s) == 0 {
			step = 1 / math.Sqrt(dot(g, g))
		}
		var fn float64
		ok := false
		for try := 0; try < 30; try++ {
			for i := range xn {
				xn[i] = x[i] + step*dir[i]
			}
			fn = f(xn, gn)
			if fn <= fx+1e-4*step*slope {
				ok = true
				break
			}
			step /= 2
		}
		if !ok {
			break
		}
		var sv, yv []float64
		if len(s) == hist {
			sv, yv = s[0], y[0]
			s, y, rho = s[1:], y[1:], rho[1:]
		} else {
			sv, yv = make([]float64, dim), make([]float64, dim)
		}
		for i := range sv {
			sv[i] = xn[i] - x[i]
			yv[i] = gn[i] - g[i]
		}
		if sy := dot(sv, yv); sy > 1e-12 {
			s, y, rho = append(s, sv), append(y, yv), append(rho, 1/sy)
		}
		copy(x, xn)
		copy(g, gn)
		done := (fx-fn)/max(1, math.Abs(fn)) < 1e-7
		fx = fn
		if logf != nil {
			logf("crf: iteration %d: objective %.3f (step %.3g)", it+1, fx, step)
		}
		if done {
			break
		}
	}
	return fx
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// axpy adds a·x to y.
func axpy(a float64, x, y []float64) {
	for i, v := range x {
		y[i] += a * v
	}
}
