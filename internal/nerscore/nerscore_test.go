package nerscore

import (
	"math"
	"slices"
	"testing"
)

func TestSpans(t *testing.T) {
	tags := []string{"B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-ORG", "B-MISC", "I-PERS", "I-PERS"}
	cases := []struct {
		name   string
		scheme Scheme
		breaks func(int) bool
		want   []Span
	}{
		{"BIO ignores an I- that continues nothing", BIO, nil,
			[]Span{{0, 2, "PERS"}, {5, 6, "ORG"}, {6, 8, "ORG"}}},
		{"IO starts at an I- too", IO, nil,
			[]Span{{0, 2, "PERS"}, {3, 5, "LOC"}, {5, 6, "ORG"}, {6, 8, "ORG"}, {9, 11, "PERS"}}},
		{"a sentence break ends a span", IO, func(i int) bool { return i == 4 || i == 10 },
			[]Span{{0, 2, "PERS"}, {3, 4, "LOC"}, {4, 5, "LOC"}, {5, 6, "ORG"}, {6, 8, "ORG"}, {9, 10, "PERS"}, {10, 11, "PERS"}}},
	}
	for _, c := range cases {
		got := Spans(tags, c.scheme, c.breaks, "PERS", "ORG", "LOC")
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestScore(t *testing.T) {
	gold := []Span{{0, 2, "PERS"}, {3, 4, "LOC"}, {5, 7, "ORG"}, {9, 10, "PERS"}, {12, 13, "MISC"}}
	cases := []struct {
		name          string
		sys           []Span
		want          map[string]Counts
		extra, missed []Span
		microF        float64
	}{
		{"all right", gold[:4],
			map[string]Counts{"PERS": {2, 2, 2}, "ORG": {1, 1, 1}, "LOC": {1, 1, 1}}, nil, nil, 100},
		{"wrong type, short span, duplicate, other type ignored",
			[]Span{{0, 2, "PERS"}, {0, 2, "PERS"}, {3, 4, "ORG"}, {5, 6, "ORG"}, {12, 13, "MISC"}},
			map[string]Counts{"PERS": {1, 1, 2}, "ORG": {0, 2, 1}, "LOC": {0, 0, 1}},
			[]Span{{3, 4, "ORG"}, {5, 6, "ORG"}}, []Span{{3, 4, "LOC"}, {5, 7, "ORG"}, {9, 10, "PERS"}},
			2 * (1.0 / 3) * (1.0 / 4) / (1.0/3 + 1.0/4) * 100},
		{"nothing found", nil,
			map[string]Counts{"PERS": {0, 0, 2}, "ORG": {0, 0, 1}, "LOC": {0, 0, 1}}, nil, gold[:4], 0},
	}
	for _, c := range cases {
		r := Score(gold, c.sys, "PERS", "ORG", "LOC")
		for typ, want := range c.want {
			if r.By[typ] != want {
				t.Errorf("%s: %s %+v, want %+v", c.name, typ, r.By[typ], want)
			}
		}
		if _, ok := r.By["MISC"]; ok {
			t.Errorf("%s: MISC scored", c.name)
		}
		if !slices.Equal(r.Extra, c.extra) || !slices.Equal(r.Missed, c.missed) {
			t.Errorf("%s: extra %v missed %v, want %v %v", c.name, r.Extra, r.Missed, c.extra, c.missed)
		}
		if _, _, f := r.Micro().PRF(); math.Abs(f-c.microF) > 1e-9 {
			t.Errorf("%s: micro F1 %.4f, want %.4f", c.name, f, c.microF)
		}
	}
}

func TestAddAndPRF(t *testing.T) {
	var total Result
	total.Add(Score([]Span{{0, 1, "LOC"}}, []Span{{0, 1, "LOC"}, {2, 3, "LOC"}}, "LOC", "PER"))
	total.Add(Score([]Span{{0, 1, "PER"}, {4, 5, "LOC"}}, []Span{{4, 5, "LOC"}}, "LOC", "PER"))
	if got, want := total.By["LOC"], (Counts{2, 3, 2}); got != want {
		t.Errorf("LOC %+v, want %+v", got, want)
	}
	if got, want := total.Micro(), (Counts{2, 3, 3}); got != want {
		t.Errorf("micro %+v, want %+v", got, want)
	}
	p, r, f := Counts{1, 4, 2}.PRF()
	if p != 25 || r != 50 || math.Abs(f-100.0/3) > 1e-9 {
		t.Errorf("PRF %v %v %v, want 25 50 33.33", p, r, f)
	}
	if p, r, f := (Counts{}).PRF(); p != 0 || r != 0 || f != 0 {
		t.Errorf("empty PRF %v %v %v, want zeros", p, r, f)
	}
}
