// Package nerscore is the entity-level metric of the named-entity
// benchmarks (ANERcorp, Wikigold): exact span, exact type, precision,
// recall and F1 per type and micro-averaged. tools/eval reports it and
// tools/trainner scores held-out lines with it: one definition, so the
// trainer's figures and the evaluation's never disagree.
//
// ReadCoNLL reads the benchmarks' CoNLL files (Wikigold), so that
// tools/eval and tools/trainen score the same documents.
package nerscore

import "strings"

// Span is an entity over token indices [Start, End) of the benchmark's own
// tokens, with the benchmark's type name ("PERS", "LOC"…).
type Span struct {
	Start, End int
	Type       string
}

// Scheme is how a corpus marks entities in its tags.
type Scheme int

const (
	// BIO: an entity starts at "B-X" and goes on over "I-X"; an "I-X"
	// that continues nothing is not an entity (ANERcorp).
	BIO Scheme = iota
	// IO: an "I-X" (or "B-X") after anything but "I-X" starts an entity
	// too (Wikigold, CoNLL-2003 style).
	IO
)

// Spans reads the entities of types in tags. breakBefore, when not nil,
// says that token i starts a new sentence: no entity runs across it.
func Spans(tags []string, scheme Scheme, breakBefore func(i int) bool, types ...string) []Span {
	want := map[string]bool{}
	for _, t := range types {
		want[t] = true
	}
	var out []Span
	for i := 0; i < len(tags); i++ {
		tag := tags[i]
		if !strings.HasPrefix(tag, "B-") && (scheme != IO || !strings.HasPrefix(tag, "I-")) {
			continue
		}
		typ := tag[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ && (breakBefore == nil || !breakBefore(j)) {
			j++
		}
		if want[typ] {
			out = append(out, Span{i, j, typ})
		}
		i = j - 1
	}
	return out
}

// Counts are one type's (or all types') matches.
type Counts struct{ TP, Sys, Gold int }

// PRF is precision, recall and F1 in percent (0 when undefined).
func (c Counts) PRF() (p, r, f float64) {
	if c.Sys > 0 {
		p = float64(c.TP) / float64(c.Sys)
	}
	if c.Gold > 0 {
		r = float64(c.TP) / float64(c.Gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return 100 * p, 100 * r, 100 * f
}

// Result is a scoring of system spans against gold spans.
type Result struct {
	Types  []string          // the scored types, in report order
	By     map[string]Counts // per type
	Extra  []Span            // system spans not in the gold, in system order
	Missed []Span            // gold spans the system did not find, in gold order
}

// Score compares sys with gold over types. A system span given twice
// (two mentions of the same words) counts once; spans of other types are
// ignored on both sides.
func Score(gold, sys []Span, types ...string) Result {
	res := Result{Types: types, By: map[string]Counts{}}
	for _, t := range types {
		res.By[t] = Counts{}
	}
	goldSet := map[Span]bool{}
	for _, g := range gold {
		c, ok := res.By[g.Type]
		if !ok || goldSet[g] {
			continue
		}
		goldSet[g] = true
		c.Gold++
		res.By[g.Type] = c
	}
	seen := map[Span]bool{}
	for _, s := range sys {
		c, ok := res.By[s.Type]
		if !ok || seen[s] {
			continue
		}
		seen[s] = true
		c.Sys++
		if goldSet[s] {
			c.TP++
		} else {
			res.Extra = append(res.Extra, s)
		}
		res.By[s.Type] = c
	}
	for _, g := range gold {
		if goldSet[g] && !seen[g] {
			res.Missed = append(res.Missed, g)
			seen[g] = true // a gold span listed twice is missed once
		}
	}
	return res
}

// Add adds o's counts (over the same types) to r: the score of a corpus
// scored document by document. Extra and Missed are not merged: their
// token indices belong to each document.
func (r *Result) Add(o Result) {
	if r.By == nil {
		r.By = map[string]Counts{}
	}
	if r.Types == nil {
		r.Types = o.Types
	}
	for t, c := range o.By {
		x := r.By[t]
		x.TP, x.Sys, x.Gold = x.TP+c.TP, x.Sys+c.Sys, x.Gold+c.Gold
		r.By[t] = x
	}
}

// Micro is the sum of the counts of all types.
func (r Result) Micro() Counts {
	var m Counts
	for _, t := range r.Types {
		c := r.By[t]
		m.TP, m.Sys, m.Gold = m.TP+c.TP, m.Sys+c.Sys, m.Gold+c.Gold
	}
	return m
}
