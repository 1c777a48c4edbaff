package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// A WordSet is a set of 32-bit word keys (the caller hashes its words,
// e.g. with Hash), for a feature such as "an ordinary word of the
// language": an open-addressing table at most half full, so that a lookup
// is one cache line and a miss ends soon. Keys are never 0 (KeyOf).
type WordSet struct {
	slots []uint32
	shift uint
	bits  []uint64 // or a bit per possible key (NewWordBits)
	mask  uint32
}

// NewWordBits builds the set of keys below 1<<width as a bit per possible
// key: for a million keys of 24 bits a quarter of the table's size (2 MB)
// and one load a lookup, never a probe. Larger keys are left out.
func NewWordBits(keys []uint32, width uint) *WordSet {
	s := &WordSet{bits: make([]uint64, (1<<width+63)/64), mask: 1<<width - 1}
	for _, k := range keys {
		if k <= s.mask {
			s.bits[k>>6] |= 1 << (k & 63)
		}
	}
	return s
}

// KeyOf is a set key of a hash: its low 32 bits, 0 read as 1 (0 marks an
// empty slot).
func KeyOf(h uint64) uint32 {
	if k := uint32(h); k != 0 {
		return k
	}
	return 1
}

// NewWordSet builds the set of keys (duplicates allowed).
func NewWordSet(keys []uint32) *WordSet {
	size, shift := 1, uint(32)
	for size < len(keys)*2 {
		size *= 2
		shift--
	}
	s := &WordSet{slots: make([]uint32, size), shift: shift}
	mask := uint32(size - 1)
	for _, k := range keys {
		i := (k * 0x9e3779b1) >> s.shift & mask
		for s.slots[i] != 0 && s.slots[i] != k {
			i = (i + 1) & mask
		}
		s.slots[i] = k
	}
	return s
}

// Has reports whether key k (KeyOf) is in s; a nil set has nothing.
func (s *WordSet) Has(k uint32) bool {
	if s == nil {
		return false
	}
	if s.bits != nil {
		return k <= s.mask && s.bits[k>>6]&(1<<(k&63)) != 0
	}
	if len(s.slots) == 0 {
		return false
	}
	mask := uint32(len(s.slots) - 1)
	i := (k * 0x9e3779b1) >> s.shift & mask
	for {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
		i = (i + 1) & mask
	}
}

// Len is the number of keys in s.
func (s *WordSet) Len() int {
	if s == nil {
		return 0
	}
	n := 0
	for _, w := range s.bits {
		n += bits.OnesCount64(w)
	}
	for _, k := range s.slots {
		if k != 0 {
			n++
		}
	}
	return n
}

const wordsMagic = "ANNALS-WORDS1"

// WriteWordSets stores named lists of keys gzip-compressed: each sorted
// and written as varint deltas (about two bytes a key for a few hundred
// thousand keys). The same lists give the same bytes.
func WriteWordSets(w io.Writer, names []string, lists [][]uint32) error {
	if len(names) != len(lists) {
		return errors.New("ner: one name per list")
	}
	var buf bytes.Buffer
	buf.WriteString(wordsMagic + "\n")
	for i, l := range lists {
		keys := slices.Clone(l)
		slices.Sort(keys)
		keys = slices.Compact(keys)
		if strings.ContainsAny(names[i], " \n") {
			return fmt.Errorf("ner: bad list name %q", names[i])
		}
		fmt.Fprintf(&buf, "%s %d\n", names[i], len(keys))
		writeDeltaKeys(&buf, keys)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

// ReadWordSets reads what WriteWordSets wrote: each list by its name.
func ReadWordSets(b []byte) (map[string][]uint32, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(zr)
	line, err := r.ReadString('\n')
	if err != nil || strings.TrimSpace(line) != wordsMagic {
		return nil, errors.New("ner: not a word set file")
	}
	out := map[string][]uint32{}
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		name, count, ok := strings.Cut(strings.TrimSpace(line), " ")
		n, cerr := strconv.Atoi(count)
		if !ok || cerr != nil || n < 0 || n > 1<<24 {
			return nil, fmt.Errorf("ner: bad word list header %q", line)
		}
		keys, err := readDeltaKeys(r, n)
		if err != nil {
			return nil, err
		}
		out[name] = keys
	}
}

// writeDeltaKeys appends sorted keys as varint deltas, the form of both
// the word lists and the model's lexicon.
func writeDeltaKeys(buf *bytes.Buffer, keys []uint32) {
	var tmp [binary.MaxVarintLen64]byte
	prev := uint32(0)
	for _, k := range keys {
		buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(k-prev))])
		prev = k
	}
}

// readDeltaKeys reads n keys written by writeDeltaKeys.
func readDeltaKeys(r io.ByteReader, n int) ([]uint32, error) {
	keys := make([]uint32, n)
	k := uint32(0)
	for i := range keys {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		k += uint32(d)
		keys[i] = k
	}
	return keys, nil
}
