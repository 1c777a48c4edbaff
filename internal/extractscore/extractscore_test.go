package extractscore

import (
	"math"
	"testing"
)

func TestScoreAndMean(t *testing.T) {
	truth := "one two three four five six"
	cases := []struct {
		name, pred string
		p, r       float64
		pOK, rOK   bool
	}{
		{"same text", truth, 1, 1, true, true},
		// Under 4 words is one shingle of them all: the empty one here.
		{"nothing extracted", "", 0, 0, true, true},
		// All 3 shingles found, plus 4 that run into the boilerplate.
		{"boilerplate kept", truth + " share on facebook now", 3.0 / 7, 1, true, true},
		// 1 of 3 shingles found.
		{"half the article", "one two three four", 1, 1.0 / 3, true, true},
	}
	var pages []Page
	for _, c := range cases {
		s := Score(truth, c.pred)
		p, r, pOK, rOK := s.PR()
		if math.Abs(p-c.p) > 1e-9 || math.Abs(r-c.r) > 1e-9 || pOK != c.pOK || rOK != c.rOK {
			t.Errorf("%s: P %v (%v) R %v (%v), want %v (%v) %v (%v)", c.name, p, pOK, r, rOK, c.p, c.pOK, c.r, c.rOK)
		}
		pages = append(pages, s)
	}
	p, r, f := Mean(pages)
	wp, wr := (1+0+3.0/7+1)/4, (1+0+1+1.0/3)/4
	if math.Abs(p-wp) > 1e-9 || math.Abs(r-wr) > 1e-9 || math.Abs(f-2*wp*wr/(wp+wr)) > 1e-9 {
		t.Errorf("Mean = %v %v %v, want %v %v", p, r, f, wp, wr)
	}
}
