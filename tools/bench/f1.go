package main

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

func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !wordRune(r) })
}

func shingles(s string) map[string]int {
	toks := tokens(s)
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

// pageScore is one page's normalised tp, fp, fn.
type pageScore struct{ tp, fp, fn float64 }

func scorePage(truth, pred string) pageScore {
	t, p := shingles(truth), shingles(pred)
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
		return pageScore{}
	}
	return pageScore{float64(tp) / sum, float64(fp) / sum, float64(fn) / sum}
}

// prf averages precision and recall over pages and returns F1 of the means.
func prf(pages []pageScore) (p, r, f1 float64) {
	var ps, rs float64
	var np, nr int
	for _, s := range pages {
		if s.fp == 0 && s.fn == 0 {
			ps, rs, np, nr = ps+1, rs+1, np+1, nr+1
			continue
		}
		if s.tp+s.fp > 0 {
			ps += s.tp / (s.tp + s.fp)
			np++
		}
		if s.tp+s.fn > 0 {
			rs += s.tp / (s.tp + s.fn)
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
