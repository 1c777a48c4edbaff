package main

import (
	"maps"
	"slices"
	"testing"
)

// The expander on a hand-written dictionary in Ayaspell's format: AF
// aliases, a suffix with a continuation class (twofold), a condition on
// the stem's last letter, a stripped «ة», the proper names' section.
func TestReadDicExpandsSuffixes(t *testing.T) {
	h, err := readAff("testdata/mini.aff")
	if err != nil {
		t.Fatal(err)
	}
	words, names, err := readDic("testdata/mini.dic", h)
	if err != nil {
		t.Fatal(err)
	}
	// folded forms: ة → ه
	want := []string{
		"كتاب", "كتابه", "كتابهما", "كتابات",
		"مدرسه", "مدرستهما", "مدرسته", "مدرسهات",
		"قلم",
	}
	got := slices.Sorted(maps.Keys(words))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("words %q\nwant %q", got, want)
	}
	if !names["باريس"] || len(names) != 1 {
		t.Errorf("names %v, want باريس alone", names)
	}
}
