package ner

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"slices"
)

// A Lexicon says what the training data tagged a word as: for each word
// key (the low 32 bits of a caller's word hash), a code of its most
// frequent entity type, how often it was that type and how many times
// (LexCode). It travels in the model file, because the model learnt how
// far to trust it (Abdul-Hamid & Darwish 2010, "Simplified feature set for
// Arabic named entity recognition": the probability that a word was an
// entity in training is one of their strongest features). A trainer must
// compute a training text's codes from the OTHER parts of the training
// data only (cross-validation folds): codes counted over the text itself
// would always be right, and the model would trust them blindly, while on
// new text a word is often absent or tagged otherwise.
type Lexicon struct {
	// an open-addressing table at most half full (a Go map costs about
	// five times the instructions a lookup, and the tagger asks once a
	// token; key and code side by side: one cache line a lookup); a slot
	// of code 0 is empty
	slots []lexSlot
	shift uint
	n     int
}

type lexSlot struct {
	key  uint32
	code uint8
}

// newLexicon is the lexicon of codes (none 0).
func newLexicon(codes map[uint32]uint8) *Lexicon {
	size, shift := 1, uint(32)
	for size < 2*len(codes) {
		size *= 2
		shift--
	}
	l := &Lexicon{slots: make([]lexSlot, size), shift: shift, n: len(codes)}
	for k, c := range codes {
		i := l.home(k)
		for l.slots[i].code != 0 {
			i = (i + 1) & uint32(size-1)
		}
		l.slots[i] = lexSlot{k, c}
	}
	return l
}

// home is the first slot a key is looked for in.
func (l *Lexicon) home(k uint32) uint32 {
	if l.shift == 32 {
		return 0
	}
	return k * 0x9e3779b1 >> l.shift
}

// LexCounts counts, per word key, the times it was tagged O and each
// entity type (indices: 0 O, then the caller's types from 1).
type LexCounts map[uint32]*[LexTypes + 1]uint32

// LexTypes is the number of entity types a lexicon code can name.
const LexTypes = 3

// Add counts one occurrence of the word key k with type t (0 for O).
func (c LexCounts) Add(k uint64, t int) {
	r := c[uint32(k)]
	if r == nil {
		r = new([LexTypes + 1]uint32)
		c[uint32(k)] = r
	}
	r[t]++
}

// Merge adds the counts of o to c.
func (c LexCounts) Merge(o LexCounts) {
	for k, v := range o {
		r := c[k]
		if r == nil {
			r = new([LexTypes + 1]uint32)
			c[k] = r
		}
		for t := range v {
			r[t] += v[t]
		}
	}
}

// Minus is c without the counts of o (a part of c): the counts of the
// other parts of the training data.
func (c LexCounts) Minus(o LexCounts) LexCounts {
	out := make(LexCounts, len(c))
	for k, v := range c {
		r := *v
		if w := o[k]; w != nil {
			for t := range r {
				r[t] -= w[t]
			}
		}
		out[k] = &r
	}
	return out
}

// LexCommon is the code of a word seen three times or more and never as
// an entity (4-fold CV on ANERcorp's training part, tagger+rules micro F1
// +0.28 over leaving such words out).
const LexCommon = 255

// LexCode is the code of a word tagged counts[t] times type t: 0 when it
// was never an entity and seen less than three times, LexCommon when seen
// more often; otherwise 1 + its most frequent entity type ×12 +
// the share of its occurrences of that type in four steps ×3 + how many
// such occurrences (1, 2–3, 4 or more).
func LexCode(counts *[LexTypes + 1]uint32) uint8 {
	best, total := 0, uint32(0)
	for t, n := range counts {
		total += n
		if t > 0 && n > 0 && (best == 0 || n > counts[best]) {
			best = t
		}
	}
	if best == 0 {
		if total >= 3 {
			return LexCommon
		}
		return 0
	}
	n := counts[best]
	share := 0
	switch p := float64(n) / float64(total); {
	case p >= 0.9:
		share = 3
	case p >= 0.6:
		share = 2
	case p >= 0.3:
		share = 1
	}
	many := 0
	switch {
	case n >= 4:
		many = 2
	case n >= 2:
		many = 1
	}
	return uint8(1 + (best-1)*12 + share*3 + many)
}

// Lexicon is the lexicon of counts c (words of code 0 are left out).
func (c LexCounts) Lexicon() *Lexicon {
	codes := map[uint32]uint8{}
	for k, v := range c {
		if code := LexCode(v); code != 0 {
			codes[k] = code
		}
	}
	return newLexicon(codes)
}

// Code is the code of the word key k (a nil lexicon knows no word).
func (l *Lexicon) Code(k uint64) uint8 {
	if l == nil {
		return 0
	}
	key := uint32(k)
	mask := uint32(len(l.slots) - 1)
	for i := l.home(key); l.slots[i].code != 0; i = (i + 1) & mask {
		if l.slots[i].key == key {
			return l.slots[i].code
		}
	}
	return 0
}

// Len is the number of words l knows.
func (l *Lexicon) Len() int {
	if l == nil {
		return 0
	}
	return l.n
}

// SetLexicon makes l m's lexicon (written and loaded with the model).
func (m *Model) SetLexicon(l *Lexicon) { m.lexicon = l }

// Lexicon is m's lexicon (nil for a model without one).
func (m *Model) Lexicon() *Lexicon { return m.lexicon }

const lexMagic = "LEX1\n"

// writeLexicon appends l to a model file's uncompressed bytes: its keys
// as sorted deltas, then their codes.
func writeLexicon(buf *bytes.Buffer, l *Lexicon) {
	if l == nil {
		return
	}
	keys := make([]uint32, 0, l.n)
	for _, sl := range l.slots {
		if sl.code != 0 {
			keys = append(keys, sl.key)
		}
	}
	slices.Sort(keys)
	buf.WriteString(lexMagic)
	_ = binary.Write(buf, binary.LittleEndian, uint32(len(keys)))
	writeDeltaKeys(buf, keys)
	for _, k := range keys {
		buf.WriteByte(l.Code(uint64(k)))
	}
}

// readLexicon reads the lexicon that may follow a model's weights (nil,
// nil at the end of the file: a model trained without one).
func readLexicon(r *bufio.Reader) (*Lexicon, error) {
	head := make([]byte, len(lexMagic))
	n, err := io.ReadFull(r, head)
	if n == 0 && err == io.EOF {
		return nil, nil
	}
	if err != nil || string(head) != lexMagic {
		return nil, errors.New("ner: bad lexicon section")
	}
	var count uint32
	if err := binary.Read(r, binary.LittleEndian, &count); err != nil {
		return nil, err
	}
	if count > 1<<22 {
		return nil, errors.New("ner: bad lexicon size")
	}
	keys, err := readDeltaKeys(r, int(count))
	if err != nil {
		return nil, err
	}
	codes := make([]byte, count)
	if _, err := io.ReadFull(r, codes); err != nil {
		return nil, err
	}
	m := make(map[uint32]uint8, count)
	for i, k := range keys {
		if codes[i] == 0 {
			return nil, errors.New("ner: a lexicon code of 0")
		}
		m[k] = codes[i]
	}
	return newLexicon(m), nil
}
