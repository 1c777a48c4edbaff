package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"annals/data/analysis"
	"annals/data/analysis/ner"
	"annals/data/textnorm"
	"annals/internal/nerscore"
)

// ent is an engine entity as the scorer sees it: its forms and type.
type ent struct {
	Name, NameAr, Type string
	Aliases            []string
	Mentions           []analysis.Span
}

func rulesOnly(p *page) []ent {
	out := make([]ent, 0, len(p.res.Entities))
	for _, e := range p.res.Entities {
		out = append(out, ent{e.Name, e.NameAr, e.Type, e.Aliases, e.Mentions})
	}
	return out
}

// merge adds the tagger's names to the rules': a tagged span that no rule
// mention overlaps becomes a new entity (one per folded spelling); the
// rules' entities are kept. typeWins: a rule entity whose mentions the
// tagger tagged takes the type the tagger gave most of them.
func merge(p *page, spans []span, typeWins bool) []ent {
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
			k := foldName(name)
			if i, ok := added[k]; ok {
				out[i].Mentions = append(out[i].Mentions, analysis.Span{Start: s.start, End: s.end})
				continue
			}
			added[k] = len(out)
			out = append(out, ent{Name: name, Type: engineType[s.typ], Mentions: []analysis.Span{{Start: s.start, End: s.end}}})
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
			if et := engineType[best]; et != "" && out[k].Type != "event" {
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

// score mirrors tools/eval's unseenScore entity counts.
type score struct {
	Entities, EntFound, Typed   int
	EngineEnts, EngineEntsRight int
}

func (s *score) add(o score) {
	s.Entities += o.Entities
	s.EntFound += o.EntFound
	s.Typed += o.Typed
	s.EngineEnts += o.EngineEnts
	s.EngineEntsRight += o.EngineEntsRight
}

// scoreEntities is tools/eval's unseenScore.scoreEntities (unseen.go) on
// ent instead of analysis.Entity: a gold entity is found when one of its
// forms (name, aliases, folded) is a form of an engine entity (name,
// aliases, mention texts), typed when that entity has its type; an engine
// entity is right when one of its forms is a gold form.
func scoreEntities(p *page, ents []ent) score {
	var s score
	text := p.text
	forms := map[string][]string{}
	for _, e := range ents {
		seen := map[string]bool{}
		add := func(f string) {
			if k := foldName(f); k != "" && !seen[k] {
				seen[k] = true
				forms[k] = append(forms[k], e.Type)
			}
		}
		add(e.Name)
		add(e.NameAr)
		for _, al := range e.Aliases {
			add(al)
		}
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= len(text) && m.Start < m.End {
				add(text[m.Start:m.End])
			}
		}
	}
	goldForms := map[string]bool{}
	for _, g := range p.gold {
		for _, f := range append([]string{g.Name}, g.Aliases...) {
			goldForms[foldName(f)] = true
		}
	}
	for _, e := range ents {
		s.EngineEnts++
		right := goldForms[foldName(e.Name)] || goldForms[foldName(e.NameAr)]
		for _, al := range e.Aliases {
			right = right || goldForms[foldName(al)]
		}
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= len(text) && m.Start < m.End {
				right = right || goldForms[foldName(text[m.Start:m.End])]
			}
		}
		if right {
			s.EngineEntsRight++
		}
	}
	for _, g := range p.gold {
		s.Entities++
		found, typed := false, false
		for _, f := range append([]string{g.Name}, g.Aliases...) {
			for _, t := range forms[foldName(f)] {
				found = true
				typed = typed || t == engineType[g.Type]
			}
		}
		if found {
			s.EntFound++
		}
		if typed {
			s.Typed++
		}
	}
	return s
}

// foldName is tools/eval's (unseen.go).
func foldName(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.Join(strings.Fields(textnorm.Fold(s)), " ")
	return strings.TrimSuffix(strings.TrimPrefix(s, "the "), ".")
}

// wikigold scores rules alone and rules merged with the tagger on
// Wikigold exactly as tools/eval's wikiGold does (documents built the same
// way, exact-span exact-type micro F1 over PER, ORG, LOC). Measure only:
// nothing here prints a miss.
func wikigold(bench string, lx *lexicons, m *ner.Model) error {
	f, err := os.Open(filepath.Join(bench, "wikigold", "wikigold.conll.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	type doc struct{ toks, tags []string }
	var docs []doc
	var lineStarts []map[int]bool
	cur, newLine := doc{}, map[int]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			newLine[len(cur.toks)] = true
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		tok, tag := line, "O"
		if i >= 0 {
			tok, tag = line[:i], line[i+1:]
		}
		if tok == "-DOCSTART-" {
			if len(cur.toks) > 0 {
				docs = append(docs, cur)
				lineStarts = append(lineStarts, newLine)
			}
			cur, newLine = doc{}, map[int]bool{}
			continue
		}
		cur.toks, cur.tags = append(cur.toks, tok), append(cur.tags, tag)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(cur.toks) > 0 {
		docs = append(docs, cur)
		lineStarts = append(lineStarts, newLine)
	}
	var totals [3]nerscore.Result
	for di, d := range docs {
		gold := nerscore.Spans(d.tags, nerscore.IO, func(i int) bool { return lineStarts[di][i] }, "PER", "ORG", "LOC")
		var b strings.Builder
		starts := make([]int, len(d.toks))
		for i, t := range d.toks {
			if i > 0 {
				if lineStarts[di][i] {
					b.WriteByte('\n')
				} else {
					b.WriteByte(' ')
				}
			}
			starts[i] = b.Len()
			b.WriteString(t)
		}
		text := b.String()
		res, err := analysis.Analyze(context.Background(), analysis.Input{Text: text, Language: "en"})
		if err != nil {
			return err
		}
		p := &page{text: text, res: res}
		p.prepare()
		lx.featurize(p)
		spans := tagPage(m, p)
		tokAt := func(off int) int {
			return sort.Search(len(starts), func(k int) bool { return starts[k] > off }) - 1
		}
		for k, ents := range [][]ent{rulesOnly(p), merge(p, spans, false), merge(p, spans, true)} {
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
