package ner

import (
	"bytes"
	"testing"
)

func TestWordSetRoundTrip(t *testing.T) {
	words := []uint32{KeyOf(Hash(0, "كتاب")), KeyOf(Hash(0, "مدرسه")), KeyOf(Hash(0, "كتاب")), 7, 1 << 31}
	names := []uint32{KeyOf(Hash(0, "باريس"))}
	var a, b bytes.Buffer
	if err := WriteWordSets(&a, []string{"words", "names"}, [][]uint32{words, names}); err != nil {
		t.Fatal(err)
	}
	// the same keys in another order give the same bytes (make ner-words
	// is reproducible)
	if err := WriteWordSets(&b, []string{"words", "names"}, [][]uint32{{1 << 31, 7, KeyOf(Hash(0, "مدرسه")), KeyOf(Hash(0, "كتاب"))}, names}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same keys in another order wrote other bytes")
	}
	lists, err := ReadWordSets(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(lists["words"]) != 4 || len(lists["names"]) != 1 {
		t.Fatalf("read %d words and %d names, want 4 (duplicates dropped) and 1", len(lists["words"]), len(lists["names"]))
	}
	set := NewWordSet(lists["words"])
	if set.Len() != 4 {
		t.Fatalf("Len %d, want 4", set.Len())
	}
	for _, k := range words {
		if !set.Has(k) {
			t.Errorf("key %d lost", k)
		}
	}
	for _, k := range []uint32{KeyOf(Hash(0, "كافلنيكوف")), 8, names[0]} {
		if set.Has(k) {
			t.Errorf("key %d found but never stored", k)
		}
	}
	var none *WordSet
	if none.Has(7) || none.Len() != 0 {
		t.Error("a nil set must be empty")
	}
	if _, err := ReadWordSets([]byte("not gzip")); err == nil {
		t.Error("garbage read as a word set")
	}
}

func TestKeyOfNeverZero(t *testing.T) {
	if KeyOf(0) != 1 || KeyOf(1<<32) != 1 || KeyOf(5) != 5 {
		t.Fatal("KeyOf must map a zero low half to 1 and keep the others")
	}
}

func TestWordBits(t *testing.T) {
	keys := []uint32{1, 63, 64, 1<<20 - 1, 1 << 20}
	s := NewWordBits(keys, 20)
	for _, k := range keys[:4] {
		if !s.Has(k) {
			t.Errorf("key %d lost", k)
		}
	}
	for _, k := range []uint32{0, 2, 65, 1 << 20, 1<<20 + 1} {
		if s.Has(k) {
			t.Errorf("key %d found but never stored (or beyond the width)", k)
		}
	}
	if s.Len() != 4 {
		t.Errorf("Len %d, want 4", s.Len())
	}
}
