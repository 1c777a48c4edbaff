package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"annals/data/analysis"
	"annals/internal/nerscore"
)

// wikiGold scores the English entities on Wikigold (145 Wikipedia
// articles, CoNLL IO tags; see ../shared/bench/wikigold/README.md):
// exact-span, exact-type P/R/F1 for PER, ORG and LOC and their micro
// average. Each document is analysed on its own, its sentences one per
// line and its tokens joined by spaces, as the corpus gives them.
func wikiGold(dir string, w *tabwriter.Writer, verbose bool) error {
	docs, err := nerscore.ReadCoNLL(filepath.Join(dir, "wikigold", "wikigold.conll.txt"))
	if err != nil {
		return err
	}
	var total nerscore.Result
	var misses []string
	for _, d := range docs {
		// gold: runs of the same I-X tag within a line
		gold := nerscore.Spans(d.Tags, nerscore.IO, func(i int) bool { return d.LineStart[i] }, "PER", "ORG", "LOC")
		text, starts := d.Text()
		res, err := analysis.Analyze(context.Background(), analysis.Input{Text: text, Language: "en"})
		if err != nil {
			return err
		}
		sys := nerscore.MentionSpans(res.Entities, starts, nerscore.CoNLLTypes)
		score := nerscore.Score(gold, sys, "PER", "ORG", "LOC")
		total.Add(score)
		if verbose {
			for _, s := range score.Extra {
				misses = append(misses, fmt.Sprintf("  extra\t%s\t%s\t\t", s.Type, strings.Join(d.Toks[s.Start:s.End], " ")))
			}
			for _, g := range score.Missed {
				misses = append(misses, fmt.Sprintf("  miss\t%s\t%s\t\t", g.Type, strings.Join(d.Toks[g.Start:g.End], " ")))
			}
		}
	}
	for _, m := range misses {
		fmt.Fprintln(w, m)
	}
	fmt.Fprintf(w, "Wikigold (%d docs, English, entity-level exact match)\tP\tR\tF1\tgold\n", len(docs))
	printScore(w, total, "micro (PER+ORG+LOC)")
	fmt.Fprintf(w, "  before issue 14 (6fd96af): F1 PER 5.56, ORG 16.50, LOC 28.84, micro 18.04\t\t\t\t\n")
	return nil
}
