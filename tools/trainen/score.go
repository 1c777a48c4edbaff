package main

import (
	"context"
	"fmt"
	"path/filepath"

	"annals/data/analysis"
	"annals/data/analysis/ner"
	"annals/internal/nerscore"
	"annals/internal/unseengold"
)

// rulesOnly is the rules' entities as the scorer sees them: their forms
// and types (a copy, so that merge may change them).
func rulesOnly(p *page) []analysis.Entity {
	out := make([]analysis.Entity, 0, len(p.res.Entities))
	for _, e := range p.res.Entities {
		out = append(out, analysis.Entity{Name: e.Name, NameAr: e.NameAr, Type: e.Type, Aliases: e.Aliases, Mentions: e.Mentions})
	}
	return out
}

// merge adds the tagger's names to the rules': a tagged span that no rule
// mention overlaps becomes a new entity (one per folded spelling); the
// rules' entities are kept. typeWins: a rule entity whose mentions the
// tagger tagged takes the type the tagger gave most of them.
func merge(p *page, spans []span, typeWins bool) []analysis.Entity {
	out := rulesOnly(p)
	overlaps := func(s span) []int {
		var hit []int
		for k, e := range out[:len(p.res.Entities)] {
			for _, m := range e.Mentions {
				if m.Start < s.end && s.start < m.End {
					hit = append(hit, k)
					break
				}
			}
		}
		return hit
	}
	votes := map[int]map[string]int{}
	dropped := map[int]bool{} // rule entities the tagger's spans took every mention of (-replace)
	added := map[string]int{} // folded spelling → index in out
	for _, s := range spans {
		hit := overlaps(s)
		if len(hit) > 0 && mergeBounds {
			// the tagger's span overlaps rule mentions but is none of them:
			// its own boundaries make a new name
			same := false
			for _, k := range hit {
				for _, m := range out[k].Mentions {
					same = same || (m.Start == s.start && m.End == s.end)
				}
			}
			if !same {
				if mergeReplace {
					for _, k := range hit {
						ms := out[k].Mentions[:0:0]
						for _, m := range out[k].Mentions {
							if !(m.Start < s.end && s.start < m.End) {
								ms = append(ms, m)
							}
						}
						out[k].Mentions = ms
						dropped[k] = len(ms) == 0
					}
				}
				hit = nil
			}
		}
		if len(hit) == 0 {
			name := p.text[s.start:s.end]
			k := unseengold.FoldName(name)
			if i, ok := added[k]; ok {
				out[i].Mentions = append(out[i].Mentions, analysis.Span{Start: s.start, End: s.end})
				continue
			}
			added[k] = len(out)
			out = append(out, analysis.Entity{Name: name, Type: unseengold.EngineType[s.typ], Mentions: []analysis.Span{{Start: s.start, End: s.end}}})
			continue
		}
		for _, k := range hit {
			if votes[k] == nil {
				votes[k] = map[string]int{}
			}
			votes[k][s.typ]++
		}
	}
	if typeWins {
		for k, v := range votes {
			best, n := "", 0
			for t, c := range v {
				if c > n || (c == n && t < best) {
					best, n = t, c
				}
			}
			if et := unseengold.EngineType[best]; et != "" && out[k].Type != "event" {
				out[k].Type = et
			}
		}
	}
	if len(dropped) > 0 {
		kept := out[:0:0]
		for k, e := range out {
			if !dropped[k] {
				kept = append(kept, e)
			}
		}
		out = kept
	}
	return out
}

// mergeBounds (-bounds): a tagged span that overlaps rule mentions
// without being one of them is a new entity too.
var mergeBounds bool

// mergeReplace (-replace, with -bounds): such a span also takes the
// rule mentions it overlaps away from their entities, and an entity left
// with no mention is dropped (what an integration would do).
var mergeReplace bool

// score is tools/eval's entity counts on the unseen gold.
type score = unseengold.EntityScore

// scoreEntities scores ents on p's gold exactly as tools/eval does
// (unseengold.ScoreEntities); trainen measures only, so the misses are
// dropped.
func scoreEntities(p *page, ents []analysis.Entity) score {
	s, _ := unseengold.ScoreEntities(p.gold, p.text, ents)
	return s
}

// wikigold scores rules alone and rules merged with the tagger on
// Wikigold exactly as tools/eval's wikiGold does (documents built the same
// way, exact-span exact-type micro F1 over PER, ORG, LOC). Measure only:
// nothing here prints a miss.
func wikigold(bench string, lx *lexicons, m *ner.Model) error {
	docs, err := nerscore.ReadCoNLL(filepath.Join(bench, "wikigold", "wikigold.conll.txt"))
	if err != nil {
		return err
	}
	var totals [3]nerscore.Result
	for _, d := range docs {
		gold := nerscore.Spans(d.Tags, nerscore.IO, func(i int) bool { return d.LineStart[i] }, "PER", "ORG", "LOC")
		text, starts := d.Text()
		res, err := analysis.Analyze(context.Background(), analysis.Input{Text: text, Language: "en"})
		if err != nil {
			return err
		}
		p := &page{text: text, res: res}
		p.prepare()
		lx.featurize(p)
		spans := tagPage(m, p)
		tokAt := func(off int) int { return nerscore.TokenAt(starts, off) }
		for k, ents := range [][]analysis.Entity{rulesOnly(p), merge(p, spans, false), merge(p, spans, true)} {
			var sys []nerscore.Span
			for _, e := range ents {
				typ := map[string]string{"person": "PER", "organisation": "ORG", "place": "LOC"}[e.Type]
				if typ == "" {
					continue
				}
				for _, mn := range e.Mentions {
					sys = append(sys, nerscore.Span{Start: tokAt(mn.Start), End: tokAt(mn.End-1) + 1, Type: typ})
				}
			}
			totals[k].Add(nerscore.Score(gold, sys, "PER", "ORG", "LOC"))
		}
	}
	fmt.Printf("\nWikigold (%d docs) micro PER+ORG+LOC P / R / F1:\n", len(docs))
	for k, name := range []string{"rules", "merged", "type-wins"} {
		pp, r, f1 := totals[k].Micro().PRF()
		fmt.Printf("  %-10s %.2f / %.2f / %.2f\n", name, pp, r, f1)
	}
	return nil
}
