// Package ner is a small sequence tagger for named entities: an averaged
// perceptron over hashed features, either structured (TrainStructured:
// the previous tag as a feature, Viterbi over the sentence, BIO's
// constraints kept; the Arabic model) or greedy (Train: decoded from left
// to right with the two previous predicted tags as extra features); a
// structured model can also be trained as a linear-chain CRF (TrainCRF,
// crf.go) into the same format. It knows nothing about languages: the
// caller turns each token into feature hashes (Hash) and reads the tags
// back. Training and the compact model file (Model.WriteTo, Load) live
// here too, so tools/trainner and the analysis use exactly the same
// decoder.
package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Hash is the feature key of template t with value s (64-bit FNV-1a). The
// model stores the low 32 bits; with a few hundred thousand features an
// unseen feature hits a stored one about once in ten thousand lookups,
// which costs nothing measurable.
func Hash(t byte, s string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(t)
	h *= 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// HashMore continues h, a Hash, over s: Hash(t, a+b) is
// HashMore(Hash(t, a), b), without building a+b.
func HashMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Hash2 combines two feature values of template t without building a string.
func Hash2(t byte, a, b string) uint64 {
	h := Hash(t, a)
	h ^= 0xff
	h *= 1099511628211
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= 1099511628211
	}
	return h
}

// Mix is the feature key of template t over one or two value hashes
// (Hash(0, value)): cheaper than hashing strings again for each template.
func Mix(t byte, v uint64) uint64 { return mix(uint64(t)*0x9e3779b97f4a7c15, v) }

// Mix2 is Mix over two value hashes.
func Mix2(t byte, a, b uint64) uint64 { return mix(mix(uint64(t)*0x9e3779b97f4a7c15, a), b) }

// Templates the decoder adds itself (the caller's templates must differ).
const (
	tplPrev  byte = 250 // previous tag
	tplPrev2 byte = 251 // two previous tags
	tplPrevW byte = 252 // previous tag and the token's first feature
)

func dynamic(feats []uint64, p1, p2 int) [3]uint64 {
	var d [3]uint64
	d[0] = mix(uint64(tplPrev)<<56, uint64(p1))
	d[1] = mix(uint64(tplPrev2)<<56, uint64(p1)<<8|uint64(p2))
	w := uint64(0)
	if len(feats) > 0 {
		w = feats[0]
	}
	d[2] = prevW(w, p1)
	return d
}

// prevW is the key of the previous tag p1 with a token's first feature w.
func prevW(w uint64, p1 int) uint64 { return mix(uint64(tplPrevW)<<56^w, uint64(p1)) }

func mix(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 31
	return h
}

// Model is a trained tagger.
type Model struct {
	Classes []string // tag names, "O" first
	index   map[uint32]int32
	weights []float32 // len(index) rows of len(Classes) (a trained model)
	quant   []int8    // the same, quantised (a loaded model): weight = quant*scale
	scale   float32
	table   table
	// structured: decoded with Viterbi (TrainStructured), not greedily
	structured bool
	// trans[k][p][c]: a loaded structured model's weight of class c after
	// p on a token of transition class k, impossible where BIO forbids it
	trans [MaxTransitionClasses][maxClasses + 1]Scores
	// lexicon: what the training data tagged words as (SetLexicon)
	lexicon *Lexicon
}

// table is an open-addressing hash table from feature key to its weights,
// stored inline (slot = 12 bytes, at most half the slots used: a lookup
// that misses ends soon, and one that hits rarely crosses into a second
// line, which was worth a quarter of the tagging time): one cache line per lookup instead of a
// Go map's two or three, which is what the forty lookups a token costs
// come down to. A weight w is stored as the byte w+128, so that the eight
// classes of a slot add up as two 64-bit words of four 16-bit lanes each
// (SWAR), and an empty slot holds zero weights (bytes of 128): a lookup
// adds whatever slot its probe ends on, without a branch on hit or miss.
type table struct {
	slots []slot
	shift uint
	scale float32
}

type slot struct {
	key uint32 // key+1; 0 is an empty slot
	w   [maxClasses]uint8
}

const maxClasses = 8

// zeroWeights is an empty slot's weights: eight biased zeros.
const zeroWeights = 0x8080808080808080

// lanes is the mask of the even bytes of a slot's weights, spread to
// 16-bit lanes.
const lanes = 0x00ff00ff00ff00ff

func newTable(m *Model) table {
	n := len(m.Classes)
	size, shift := 1, uint(32)
	for size < len(m.index)*2 { // at most half full: short probes
		size *= 2
		shift--
	}
	t := table{slots: make([]slot, size), shift: shift, scale: m.scale}
	for i := range t.slots {
		binary.LittleEndian.PutUint64(t.slots[i].w[:], zeroWeights)
	}
	mask := uint32(size - 1)
	for k, r := range m.index {
		i := (k * 0x9e3779b1) >> t.shift & mask
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		t.slots[i].key = k + 1
		for c := 0; c < n; c++ {
			t.slots[i].w[c] = uint8(int(m.quant[int(r)*n+c]) + 128)
		}
	}
	return t
}

func (t *table) get(k uint32) *slot {
	s := t.find(k)
	if s.key == 0 {
		return nil
	}
	return s
}

// find returns k's slot, or the empty slot its probe ends on.
func (t *table) find(k uint32) *slot {
	mask := uint32(len(t.slots) - 1)
	i := (k * 0x9e3779b1) >> t.shift & mask
	for {
		s := &t.slots[i]
		if s.key == k+1 || s.key == 0 {
			return s
		}
		i = (i + 1) & mask
	}
}

// weight is class c's weight in s.
func (s *slot) weight(c int) int32 { return int32(s.w[c]) - 128 }

// add adds the weights of keys to sc, in chunks of at most 64 keys (the
// lanes of the two sums count up to 255 per key). Each chunk first loads
// the home slot of every key, loads that do not wait on one another, and
// only then probes: a probe that branches on a key still on its way from
// memory stalls the processor once per feature, which was most of the
// tagger's time.
func (t *table) add(sc *Scores, keys []uint64) {
	if len(keys) <= 16 {
		// Working arrays a quarter the size: Go clears them on every
		// call, and the tagger makes thousands of small sums per text.
		var home, found [16]uint32
		t.sum(sc, keys, home[:], found[:])
		return
	}
	var home, found [64]uint32
	for len(keys) > 0 {
		part := keys[:min(len(keys), len(home))]
		keys = keys[len(part):]
		t.sum(sc, part, home[:], found[:])
	}
}

// sum adds the weights of keys to sc, home and found being working arrays
// at least as long as keys: first the home slot of every key, then the
// probes.
func (t *table) sum(sc *Scores, keys []uint64, home, found []uint32) {
	home, found = home[:len(keys)], found[:len(keys)]
	mask := uint32(len(t.slots) - 1)
	for j, h := range keys {
		i := (uint32(h) * 0x9e3779b1) >> t.shift & mask
		home[j], found[j] = i, t.slots[i].key
	}
	var even, odd uint64
	for j, h := range keys {
		k := uint32(h) + 1
		s := &t.slots[home[j]]
		if found[j] != k && found[j] != 0 {
			s = t.find(uint32(h))
		}
		w := binary.LittleEndian.Uint64(s.w[:])
		even += w & lanes
		odd += w >> 8 & lanes
	}
	bias := int32(128 * len(keys))
	for c := 0; c < maxClasses; c += 2 {
		sc[c] += int32(even>>(8*c)&0xffff) - bias
		sc[c+1] += int32(odd>>(8*c)&0xffff) - bias
	}
}

// Tag returns, for each token's features, the index of its tag in Classes.
//
// A loaded model decodes in two passes: the caller's features do not
// depend on the predicted tags, so their weights are summed for all tokens
// first (independent table lookups the processor overlaps), and the three
// tag features are then added while decoding, the two that depend on the
// previous tags alone from small tables filled once per call. Weights are
// integers, so the order of the sums does not change any score.
func (m *Model) Tag(feats [][]uint64) []int { return m.TagClasses(feats, nil) }

// TagClasses is Tag for tokens of transition classes cls (see
// Sequence.Class; a greedy model ignores them).
func (m *Model) TagClasses(feats [][]uint64, cls []uint8) []int {
	if m.table.slots == nil {
		if m.structured {
			return m.tagSlowStructured(feats, cls)
		}
		return m.tagSlow(feats)
	}
	static := make([]Scores, len(feats))
	firsts := make([]uint64, len(feats))
	for i, fs := range feats {
		m.Add(&static[i], fs)
		if len(fs) > 0 {
			firsts[i] = fs[0]
		}
	}
	if m.structured {
		return m.decodeStructured(static, cls)
	}
	return m.Decode(static, firsts)
}

// Scores are the summed weights of some features, one per class.
type Scores [maxClasses]int32

// Add adds the weights of feats to sc (a loaded model only: see Loaded).
func (m *Model) Add(sc *Scores, feats []uint64) {
	m.table.add(sc, feats)
}

// Loaded reports whether m was read by Load (Add and Decode need it).
func (m *Model) Loaded() bool { return m.table.slots != nil }

// Decode tags tokens whose feature weights are already summed in static
// (with Add); firsts[i] is token i's first feature (0 if it has none),
// which the decoder pairs with the previous tag.
func (m *Model) Decode(static []Scores, firsts []uint64) []int {
	if m.structured {
		return m.decodeStructured(static, nil)
	}
	n := len(m.Classes)
	t := &m.table
	// the previous tag (0 = none, c+1 = class c) and the two previous tags
	var prev [maxClasses + 1]Scores
	var prev2 [(maxClasses + 1) * (maxClasses + 1)]Scores
	for p1 := 0; p1 <= n; p1++ {
		d := dynamic(nil, p1, 0)
		m.Add(&prev[p1], d[:1])
		for p2 := 0; p2 <= n; p2++ {
			d := dynamic(nil, p1, p2)
			m.Add(&prev2[p1*(maxClasses+1)+p2], d[1:2])
		}
	}
	out := make([]int, len(static))
	p1, p2 := 0, 0
	for i := range static {
		sc := static[i]
		a, b := &prev[p1], &prev2[p1*(maxClasses+1)+p2]
		for c := range sc {
			sc[c] += a[c] + b[c]
		}
		s := t.find(uint32(prevW(firsts[i], p1)))
		for c := range sc {
			sc[c] += s.weight(c)
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

// tagSlow decodes with the float weights of a model fresh from Train.
func (m *Model) tagSlow(feats [][]uint64) []int {
	n := len(m.Classes)
	out := make([]int, len(feats))
	scores := make([]float32, n)
	p1, p2 := 0, 0
	for i, fs := range feats {
		clear(scores)
		dyn := dynamic(fs, p1, p2)
		for _, h := range append(fs[:len(fs):len(fs)], dyn[:]...) {
			if r, ok := m.index[uint32(h)]; ok {
				for c, w := range m.weights[int(r)*n : int(r)*n+n] {
					scores[c] += w
				}
			}
		}
		best := 0
		for c := 1; c < n; c++ {
			if scores[c] > scores[best] {
				best = c
			}
		}
		out[i] = best
		p2, p1 = p1, best+1
	}
	return out
}

// Sequence is one training unit: the features of its tokens and their
// gold tags (indices into the class list).
type Sequence struct {
	Feats [][]uint64
	Gold  []int
	Class []uint8 // transition classes (structured models; nil: all 0)
}

type trainRow struct {
	w, total []float64
	stamp    []int
}

// Train learns a model from seqs with the averaged perceptron, iters passes
// over the data shuffled with a fixed seed (so a run is reproducible).
func Train(classes []string, seqs []Sequence, iters int, seed uint64) *Model {
	n := len(classes)
	rows := map[uint32]*trainRow{}
	clock := 0
	row := func(h uint64) *trainRow {
		k := uint32(h)
		r := rows[k]
		if r == nil {
			r = &trainRow{w: make([]float64, n), total: make([]float64, n), stamp: make([]int, n)}
			rows[k] = r
		}
		return r
	}
	update := func(h uint64, c int, v float64) {
		r := row(h)
		r.total[c] += float64(clock-r.stamp[c]) * r.w[c]
		r.stamp[c] = clock
		r.w[c] += v
	}
	order := make([]int, len(seqs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	scores := make([]float64, n)
	for it := 0; it < iters; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &seqs[si]
			p1, p2 := 0, 0
			for i, fs := range s.Feats {
				clock++
				dyn := dynamic(fs, p1, p2)
				clear(scores)
				for _, h := range append(fs[:len(fs):len(fs)], dyn[:]...) {
					if r := rows[uint32(h)]; r != nil {
						for c := range scores {
							scores[c] += r.w[c]
						}
					}
				}
				best := 0
				for c := 1; c < n; c++ {
					if scores[c] > scores[best] {
						best = c
					}
				}
				if g := s.Gold[i]; best != g {
					for _, h := range append(fs[:len(fs):len(fs)], dyn[:]...) {
						update(h, g, 1)
						update(h, best, -1)
					}
				}
				p2, p1 = p1, best+1
			}
		}
	}
	return finish(classes, rows, clock)
}

// Features is the number of feature rows of m.
func (m *Model) Features() int {
	if m.index == nil {
		n := 0
		for _, s := range m.table.slots {
			if s.key != 0 {
				n++
			}
		}
		return n
	}
	return len(m.index)
}

const (
	magic           = "ANNALS-NER1"
	magicStructured = "ANNALS-NER2"
)

// WriteTo stores m gzip-compressed, keeping only the rows whose largest
// weight reaches minAbs and quantising weights to int8 (one scale for the
// whole model): a few hundred kilobytes instead of tens of megabytes, for
// a loss in accuracy too small to measure on ANERcorp.
func (m *Model) WriteTo(w io.Writer, minAbs float32) (int, error) {
	n := len(m.Classes)
	var maxAbs float32
	for _, v := range m.weights {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 127
	type kept struct {
		key uint32
		row int32
	}
	var rows []kept
	for k, r := range m.index {
		big := false
		for _, v := range m.weights[int(r)*n : int(r)*n+n] {
			if float32(math.Abs(float64(v))) >= minAbs && int(math.Round(float64(v/scale))) != 0 {
				big = true
				break
			}
		}
		if big {
			rows = append(rows, kept{k, r})
		}
	}
	slices.SortFunc(rows, func(a, b kept) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	var buf bytes.Buffer
	if m.structured {
		buf.WriteString(magicStructured)
	} else {
		buf.WriteString(magic)
	}
	buf.WriteByte('\n')
	buf.WriteString(strings.Join(m.Classes, " "))
	buf.WriteByte('\n')
	_ = binary.Write(&buf, binary.LittleEndian, scale)
	_ = binary.Write(&buf, binary.LittleEndian, uint32(len(rows)))
	prev := uint32(0)
	var tmp [binary.MaxVarintLen64]byte
	for _, r := range rows { // keys as deltas: they are sorted
		buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(r.key-prev))])
		prev = r.key
	}
	for _, r := range rows {
		for _, v := range m.weights[int(r.row)*n : int(r.row)*n+n] {
			q := math.Round(float64(v / scale))
			buf.WriteByte(byte(int8(max(-127, min(127, q)))))
		}
	}
	writeLexicon(&buf, m.lexicon)
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return cw.n, err
	}
	err = zw.Close()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// Load reads a model written by WriteTo.
func Load(b []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(zr)
	line, err := r.ReadString('\n')
	kind := strings.TrimSpace(line)
	if err != nil || kind != magic && kind != magicStructured {
		return nil, errors.New("ner: not a model file")
	}
	line, err = r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	m := &Model{Classes: strings.Fields(line), structured: kind == magicStructured}
	n := len(m.Classes)
	var scale float32
	var count uint32
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return nil, err
	}
	if err := binary.Read(r, binary.LittleEndian, &count); err != nil {
		return nil, err
	}
	if n == 0 || count > 1<<24 {
		return nil, fmt.Errorf("ner: bad header (%d classes, %d rows)", n, count)
	}
	m.index = make(map[uint32]int32, count)
	key := uint32(0)
	for i := uint32(0); i < count; i++ {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		key += uint32(d)
		m.index[key] = int32(i)
	}
	q := make([]byte, int(count)*n)
	if _, err := io.ReadFull(r, q); err != nil {
		return nil, err
	}
	if n > maxClasses {
		return nil, fmt.Errorf("ner: %d classes, at most %d", n, maxClasses)
	}
	m.quant = make([]int8, len(q))
	for i, b := range q {
		m.quant[i] = int8(b)
	}
	m.scale = scale
	if m.lexicon, err = readLexicon(r); err != nil {
		return nil, err
	}
	m.table = newTable(m)
	if m.structured {
		m.prepareStructured()
	}
	m.index, m.quant = nil, nil // the table holds it all
	return m, nil
}
