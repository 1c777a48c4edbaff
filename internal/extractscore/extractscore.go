// Package extractscore is the article-extraction benchmark's metric
// (../shared/bench/article-extraction/README.md), shared by tools/benchharness
// and tools/eval, which report it, and data/capture's diagnostic tests, which
// look for the pages that lower it: one definition, so they never disagree.
package extractscore

import (
	"strings"
	"unicode"
)

// The article-extraction benchmark's metric, as its README states it:
// tokens are \w+ runs (Unicode); each text is a multiset of 4-token
// shingles (a text of fewer than 4 tokens is one shingle of all of them);
// per page tp/fp/fn are normalised by their sum; precision and recall are
// means over pages; F1 is the harmonic mean of the two means.

// wordRune is Python's Unicode \w: letters, numbers, underscore.
func wordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens splits s into \w+ words.
func Tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !wordRune(r) })
}

// Shingles is the multiset of s's 4-word shingles.
func Shingles(s string) map[string]int {
	toks := Tokens(s)
	out := map[string]int{}
	if len(toks) < 4 {
		out[strings.Join(toks, "\x00")]++
		return out
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], "\x00")]++
	}
	return out
}

// Page is one page's normalised tp, fp, fn.
type Page struct{ tp, fp, fn float64 }

// Score compares an extracted text with the page's truth.
func Score(truth, pred string) Page {
	t, p := Shingles(truth), Shingles(pred)
	var tp, fp, fn int
	for k, tc := range t {
		pc := p[k]
		tp += min(tc, pc)
		fn += max(0, tc-pc)
		fp += max(0, pc-tc)
	}
	for k, pc := range p {
		if _, ok := t[k]; !ok {
			fp += pc
		}
	}
	sum := float64(tp + fp + fn)
	if sum == 0 {
		return Page{}
	}
	return Page{float64(tp) / sum, float64(fp) / sum, float64(fn) / sum}
}

// PR is the page's precision and recall; ok is false for either that is
// undefined (nothing extracted, or nothing to find), which the means skip.
func (s Page) PR() (p, r float64, pOK, rOK bool) {
	if s.fp == 0 && s.fn == 0 {
		return 1, 1, true, true
	}
	if s.tp+s.fp > 0 {
		p, pOK = s.tp/(s.tp+s.fp), true
	}
	if s.tp+s.fn > 0 {
		r, rOK = s.tp/(s.tp+s.fn), true
	}
	return p, r, pOK, rOK
}

// Mean averages precision and recall over pages and returns F1 of the
// means.
func Mean(pages []Page) (p, r, f1 float64) {
	var ps, rs float64
	var np, nr int
	for _, s := range pages {
		pp, pr, pOK, rOK := s.PR()
		if pOK {
			ps += pp
			np++
		}
		if rOK {
			rs += pr
			nr++
		}
	}
	if np > 0 {
		p = ps / float64(np)
	}
	if nr > 0 {
		r = rs / float64(nr)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
