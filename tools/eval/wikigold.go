package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"annals/data/analysis"
)

// wikiGold scores the English entities on Wikigold (145 Wikipedia
// articles, CoNLL IO tags; see ../shared/bench/wikigold/README.md):
// exact-span, exact-type P/R/F1 for PER, ORG and LOC and their micro
// average. Each document is analysed on its own, its sentences one per
// line and its tokens joined by spaces, as the corpus gives them.
func wikiGold(dir string, w *tabwriter.Writer, verbose bool) error {
	f, err := os.Open(filepath.Join(dir, "wikigold", "wikigold.conll.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	type doc struct{ toks, tags []string }
	var docs []doc
	cur := doc{}
	newLine := map[int]bool{} // token index (within its document) that starts a sentence
	var lineStarts []map[int]bool
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
	type cnt struct{ tp, sys, gold int }
	by := map[string]*cnt{"PER": {}, "ORG": {}, "LOC": {}}
	var misses []string
	for di, d := range docs {
		// gold: runs of the same I-X tag
		var gold []span3
		for i := 0; i < len(d.tags); i++ {
			if !strings.HasPrefix(d.tags[i], "I-") && !strings.HasPrefix(d.tags[i], "B-") {
				continue
			}
			typ := d.tags[i][2:]
			j := i + 1
			for j < len(d.tags) && d.tags[j] == "I-"+typ && !lineStarts[di][j] {
				j++
			}
			if typ == "PER" || typ == "ORG" || typ == "LOC" {
				gold = append(gold, span3{i, j, typ})
			}
			i = j - 1
		}
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
		tokAt := func(off int) int {
			lo, hi := 0, len(starts)-1
			for lo < hi {
				mid := (lo + hi + 1) / 2
				if starts[mid] <= off {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			return lo
		}
		goldSet := map[span3]bool{}
		for _, g := range gold {
			goldSet[g] = true
			by[g.typ].gold++
		}
		seen := map[span3]bool{}
		for _, e := range res.Entities {
			typ := map[string]string{"person": "PER", "organisation": "ORG", "place": "LOC"}[e.Type]
			if typ == "" {
				continue
			}
			for _, m := range e.Mentions {
				s := span3{tokAt(m.Start), tokAt(m.End-1) + 1, typ}
				if seen[s] {
					continue
				}
				seen[s] = true
				by[typ].sys++
				if goldSet[s] {
					by[typ].tp++
				} else if verbose {
					misses = append(misses, fmt.Sprintf("  extra\t%s\t%s\t\t", typ, strings.Join(d.toks[s.start:s.end], " ")))
				}
			}
		}
		if verbose {
			for _, g := range gold {
				if !seen[g] {
					misses = append(misses, fmt.Sprintf("  miss\t%s\t%s\t\t", g.typ, strings.Join(d.toks[g.start:g.end], " ")))
				}
			}
		}
	}
	for _, m := range misses {
		fmt.Fprintln(w, m)
	}
	fmt.Fprintf(w, "Wikigold (%d docs, English, entity-level exact match)\tP\tR\tF1\tgold\n", len(docs))
	var tp, ns, ng int
	for _, typ := range []string{"PER", "ORG", "LOC"} {
		c := by[typ]
		p, r, f1 := prf(c.tp, c.sys, c.gold)
		fmt.Fprintf(w, "  %s\t%.2f\t%.2f\t%.2f\t%d\n", typ, p, r, f1, c.gold)
		tp, ns, ng = tp+c.tp, ns+c.sys, ng+c.gold
	}
	p, r, f1 := prf(tp, ns, ng)
	fmt.Fprintf(w, "  micro (PER+ORG+LOC)\t%.2f\t%.2f\t%.2f\t%d\n", p, r, f1, ng)
	fmt.Fprintf(w, "  before issue 14 (6fd96af): F1 PER 5.56, ORG 16.50, LOC 28.84, micro 18.04\t\t\t\t\n")
	return nil
}
