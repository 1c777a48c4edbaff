package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"annals/data/analysis"
	"annals/data/analysis/ner"
	"annals/internal/nerscore"
	"annals/internal/unseengold"
)

// taggerMu serialises the analyses that swap the English tagger in and out
// (analysis.UseEnglishTagger is process-wide).
var taggerMu sync.Mutex

// analyze runs the whole analysis over p's text with the English tagger m
// (nil: the rules alone), exactly as the app would with m embedded.
func analyze(p *page, m *ner.Model) (analysis.Result, error) {
	taggerMu.Lock()
	defer taggerMu.Unlock()
	analysis.UseEnglishTagger(m)
	defer analysis.UseEnglishTagger(nil)
	return analysis.Analyze(context.Background(), analysis.Input{Text: p.text, Language: "en", Published: p.published})
}

// merged is the app's result with tagger m: the rules' entities with the
// tagger's names added and its bounds taken (analysis.mergeEnglishTags).
func merged(p *page, m *ner.Model) []analysis.Entity {
	res, err := analyze(p, m)
	if err != nil {
		panic(err) // only a cancelled context fails
	}
	return res.Entities
}

// modelFile is a trained model as the app stores it (pruned, quantised).
func modelFile(m *ner.Model) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf, pruneBelow); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// asLoaded is m as the app reads it from its model file: what every
// figure of this tool is measured with.
func asLoaded(m *ner.Model) *ner.Model {
	b, err := modelFile(m)
	if err != nil {
		panic(err)
	}
	l, err := ner.Load(b)
	if err != nil {
		panic(err)
	}
	return l
}

// pruneBelow: the model file keeps the feature rows whose largest averaged
// weight reaches this (annotated folds found / precision: 0.5 81.3 / 73.0,
// 34,383 rows; 1 81.3 / 73.0; 2 81.5 / 73.1, 15,550 rows, 83 KB; 3 81.2 /
// 73.3; 5 80.6 / 72.3): a smaller table stays in the cache.
var pruneBelow float32 = 2

// score is tools/eval's entity counts on the unseen gold.
type score = unseengold.EntityScore

// scoreEntities scores ents on p's gold exactly as tools/eval does
// (unseengold.ScoreEntities); trainen measures only, so the misses are
// dropped.
func scoreEntities(p *page, ents []analysis.Entity) score {
	s, _ := unseengold.ScoreEntities(p.gold, p.text, ents)
	return s
}

// wikigold scores rules alone and rules with the tagger m on Wikigold
// exactly as tools/eval's wikiGold does (documents built the same way,
// exact-span exact-type micro F1 over PER, ORG, LOC). Measure only:
// nothing here prints a miss.
func wikigold(bench string, m *ner.Model) error {
	docs, err := nerscore.ReadCoNLL(filepath.Join(bench, "wikigold", "wikigold.conll.txt"))
	if err != nil {
		return err
	}
	var totals [2]nerscore.Result
	for _, d := range docs {
		gold := nerscore.Spans(d.Tags, nerscore.IO, func(i int) bool { return d.LineStart[i] }, "PER", "ORG", "LOC")
		text, starts := d.Text()
		p := &page{text: text}
		for k, tagger := range []*ner.Model{nil, m} {
			res, err := analyze(p, tagger)
			if err != nil {
				return err
			}
			sys := nerscore.MentionSpans(res.Entities, starts, nerscore.CoNLLTypes)
			totals[k].Add(nerscore.Score(gold, sys, "PER", "ORG", "LOC"))
		}
	}
	fmt.Printf("\nWikigold (%d docs) micro PER+ORG+LOC P / R / F1:\n", len(docs))
	for k, name := range []string{"rules", "merged"} {
		pp, r, f1 := totals[k].Micro().PRF()
		fmt.Printf("  %-10s %.2f / %.2f / %.2f\n", name, pp, r, f1)
	}
	return nil
}
