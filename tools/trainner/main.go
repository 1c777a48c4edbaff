// Command trainner trains the Arabic names tagger of data/analysis (an
// averaged perceptron, package data/analysis/ner) on the TRAINING part of
// ANERcorp, the first 125,305 lines of ANERCorp.txt, and writes the model
// that assets embeds. The last 25,008 lines (the test part that `make eval`
// scores) are never read. A run is reproducible: same corpus, same flags,
// same bytes.
//
//	go run ./tools/trainner [-corpus ../shared/bench/anercorp/ANERCorp.txt] [-o assets/ner_ar.bin.gz]
//	go run ./tools/trainner -holdout 15000   # train on the rest, score the held-out lines
//	go run ./tools/trainner -folds 4         # 4-fold cross-validation on the training part
//	go run ./tools/trainner -words /usr/share/hunspell/ar   # the word lists (make ner-words)
//
// The model file carries a lexicon too (ner.Lexicon): what the training
// part tagged each word, its particle-free form and each pair of words as.
// Each 25,000-token training chunk reads the lexicon of the OTHER chunks
// only, so the model learns how far to trust it on words it has not seen;
// the file keeps the lexicon of the whole training part.
// TestEmbeddedModelIsTheTrainers trains again and fails when the embedded
// model is not what this command writes.
//
// Tried with the lexicon in place (session 9, 4-fold CV, tagger+rules
// micro F1 74.85, tagger alone 76.70; the spread between runs of one
// change is about ±0.3) and not kept: the word's first and last 1/3/4
// letters as written (74.35 before the nisba change, same as without),
// its position in the sentence (74.51), the lexicon of the stem (74.73),
// of the words two places away (74.67), begin/inside in the code (74.50),
// conjunctions of the lexicon with the dictionary class (74.63), a
// document's lexicon context (74.69), 4 lexicon folds per chunk (74.65),
// codes for rare words seen 1-2 times (75.01, but a 400 KB model with a
// 2 MB table), -favour 1..40, -cost 20, a higher cost for missing names
// (x2..x8: recall for precision, 74.68..74.90), -iters 10/25, -prune 1
// (+0.08 for +35 % size), the majority type of a name over the text
// (74.87). A second, stacked pass that reads what the first tagged each
// word as elsewhere in the text: tagger alone 76.42 -> 76.91, for twice
// the tagging time (not within the 3 ms per 1,000 words of the seed).
// Requiring the tagger's agreement for the rules' organisations: 75.31,
// but it drops the government bodies issue 14 asks for («وزارة الخارجية»).
//
// -learner crf trains the same model as a linear-chain CRF instead of the
// perceptron (ner.TrainCRF; see the flag for what it scored). It is not
// the default: it gains 0.6 for the tagger alone but 0.4 for the whole
// analysis in 4-fold CV, and trains in minutes rather than seconds.
//
// The word lists (assets/ner_ar_words.bin.gz) are the tagger's dictionary
// feature: hashed keys of every form Debian's hunspell-ar (Ayaspell) spells,
// expanded here by its suffix rules (hunspell.go). They are features, so
// the model is trained again after they change.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"annals/data/analysis"
	"annals/data/analysis/ner"
	"annals/data/analysis/token"
	"annals/internal/nerscore"
)

var verbose = flag.Bool("v", false, "print the tagger's misses on held-out lines")

var floatWeights = flag.Bool("float", false, "with -holdout or -folds: score the trained weights as they are, neither pruned nor quantised (the tagger alone)")

var lexSplit = flag.Int("lexsplit", 1, "lexicon folds per training chunk (a chunk's part reads the lexicon of the rest of the training data)")

// trainLines is the size of ANERcorp's training part; the lines after it are
// the test part.
const trainLines = 125305

func main() {
	corpus := flag.String("corpus", filepath.Join("..", "shared", "bench", "anercorp", "ANERCorp.txt"), "ANERCorp.txt")
	outPath := flag.String("o", filepath.Join("assets", "ner_ar.bin.gz"), "model file to write")
	iters := flag.Int("iters", defaults.iters, "passes over the training data")
	minAbs := flag.Float64("prune", defaults.minAbs, "drop feature rows whose largest averaged weight is below this (3: a fifth of the rows, the same F1 in cross-validation, a table that stays in the cache; a CRF's rows are chosen by -crf-rows instead)")
	greedy := flag.Bool("greedy", defaults.greedy, "train the greedy left-to-right tagger instead of the Viterbi-decoded one")
	cost := flag.Float64("cost", defaults.cost, "train with cost-augmented decoding: a margin of this much per wrong tag (4-fold CV, tagger+rules micro F1: 0 72.42, 3 72.52, 10 73.00, 30 72.78; the mean of 4 differently shuffled models and trading precision for recall with -favour scored no better)")
	favour := flag.Float64("favour", defaults.favour, "lower the O class's score by this much (recall over precision)")
	holdout := flag.Int("holdout", 0, "keep the last N training lines out of training and score them (model not written)")
	folds := flag.Int("folds", 0, "cross-validate: train K models, each without one K-th of the training lines, and score the lines left out (model not written)")
	onlyFold := flag.Int("fold", -1, "with -folds: score only this fold (0-based; runs of single folds can go side by side)")
	cache := flag.String("cache", "", "with -folds or -holdout: keep each held-out model in this folder and load it from there next time (for trying rules on top of the tagger without training again; empty the folder when the features change)")
	learner := flag.String("learner", defaults.learner, "perceptron (the averaged structured perceptron, cost-augmented) or crf (a linear-chain CRF, ner.TrainCRF: log-likelihood with softmax-margin and a recall cost, L2, L-BFGS; the same model file and decoder). "+
		"Measured with the CRF flags' defaults, 4-fold CV on the training part (session 10): tagger alone micro F1 76.70 -> 77.34 (PERS 70.10 -> 71.79, ORG 60.75 -> 61.41, LOC 86.96 -> 86.99), "+
		"tagger+rules 74.84 -> 75.20 (PERS 70.54 -> 71.78, ORG 55.37, LOC 85.97 -> 85.94); one fold (-holdout 31326) tagger alone 74.92 -> 75.60, tagger+rules 74.08 -> 74.49. "+
		"Not the default: the whole analysis gains less than 0.5, within the spread between runs, for about 60 times the training time (5 CPU min)")
	l2 := flag.Float64("l2", defaults.l2, "with -learner crf: the L2 penalty (one fold, without costs, tagger alone: 3 71.3, 1 72.6, 0.3 73.6, 0.1 73.9, 0.03 75.0, 0.01 74.9; 0.1 with the costs as 0.03)")
	crfIters := flag.Int("crf-iters", defaults.crfIters, "with -learner crf: L-BFGS iterations at most")
	crfCost := flag.Float64("crf-cost", defaults.crfCost, "with -learner crf: softmax-margin, each wrong tag scores this much more in the partition function (one fold, unpruned weights, tagger alone, with -crf-miss: 0/0 75.01, 1/0 75.11, 0/1 75.33, 1/2 75.51, 1/4 75.19, 2/4 75.48)")
	crfMiss := flag.Float64("crf-miss", defaults.crfMiss, "with -learner crf: and this much more again for O where the gold tag is a name (recall over precision; one fold, -crf-cost 1, the model file, tagger alone / tagger+rules: 0 75.16/74.11, 1 75.33/74.34, 2 75.60/74.49)")
	crfRows := flag.Int("crf-rows", defaults.crfRows, "with -learner crf: keep this many feature rows, the largest, and fit again on them (0: all; one fold, tagger alone: all 417k rows unpruned 75.51, quantised 75.44 (67k rows with a weight of a step, 392 KB); 25,000 rows fitted again 75.60, 205 KB; with the rules, through the model file, tagger alone / tagger+rules: 15,000 rows 75.63/74.36 (152 KB), 25,000 75.60/74.49 (205 KB), 40,000 75.70/74.42 (278 KB); the whole training part, 25,000 rows: 221,778 bytes, the same bytes in two runs)")
	clip := flag.Float64("clip", defaults.clip, "with -learner crf: the quantile of the weights' sizes that the model file's largest step (127) stands for; larger weights are clipped (1: none)")
	words := flag.String("words", "", "instead of training: expand this Hunspell dictionary (path without .aff/.dic, e.g. /usr/share/hunspell/ar from Debian's hunspell-ar) into the tagger's word lists")
	wordsOut := flag.String("words-o", filepath.Join("assets", "ner_ar_words.bin.gz"), "with -words: the word lists file to write")
	flag.Parse()
	if *words != "" {
		if err := writeWords(*words, *wordsOut); err != nil {
			log.Fatal(err)
		}
		return
	}

	toks, tags, err := readCorpus(*corpus, trainLines)
	if err != nil {
		log.Fatal(err)
	}
	opts := options{iters: *iters, minAbs: *minAbs, greedy: *greedy, cost: *cost, favour: *favour,
		learner: *learner, l2: *l2, crfIters: *crfIters, clip: *clip, crfCost: *crfCost, crfMiss: *crfMiss, crfRows: *crfRows}
	trainModel := func(seqs []ner.Sequence, lex *ner.Lexicon) (*ner.Model, []byte) {
		m, b, err := train(seqs, lex, opts)
		if err != nil {
			log.Fatal(err)
		}
		return m, b
	}
	if *holdout > 0 || *folds > 1 {
		// dev parts: the last N lines, or K blocks ending on a sentence
		var cuts [][2]int
		if *folds > 1 {
			lo := 0
			for k := 1; k <= *folds; k++ {
				hi := len(toks) * k / *folds
				for hi < len(toks) && toks[hi-1] != "." {
					hi++
				}
				cuts = append(cuts, [2]int{lo, hi})
				lo = hi
			}
		} else {
			cuts = [][2]int{{len(toks) - *holdout, len(toks)}}
		}
		var alone, both, rules nerscore.Result
		for k, c := range cuts {
			if *onlyFold >= 0 && k != *onlyFold {
				continue
			}
			var m *ner.Model
			cached := ""
			if *cache != "" {
				cached = filepath.Join(*cache, fmt.Sprintf("fold-%d-of-%d-%d.bin.gz", k, len(cuts), c[0]))
				if b, err := os.ReadFile(cached); err == nil {
					if m, err = ner.Load(b); err != nil {
						log.Fatal(err)
					}
				}
			}
			if m == nil {
				seqs, lex := sequences(toks, tags, [][2]int{{0, c[0]}, {c[1], len(toks)}})
				var b []byte
				m, b = trainModel(seqs, lex)
				if cached != "" && b != nil {
					if err := os.MkdirAll(*cache, 0o755); err != nil {
						log.Fatal(err)
					}
					if err := os.WriteFile(cached, b, 0o644); err != nil {
						log.Fatal(err)
					}
				}
			}
			dt, dg := toks[c[0]:c[1]], tags[c[0]:c[1]]
			alone.Add(scoreTagger(m, dt, dg))
			if !m.Loaded() {
				continue // the analysis reads loaded models only
			}
			analysis.UseArabicTagger(m)
			both.Add(score(dt, dg))
			analysis.UseArabicTagger(nil)
			rules.Add(score(dt, dg))
		}
		report("held-out, tagger alone", alone, nil)
		report("held-out, tagger+rules", both, nil)
		report("held-out, rules alone", rules, nil)
		return
	}
	_, model := trainModel(sequences(toks, tags, [][2]int{{0, len(toks)}}))
	if err := os.WriteFile(*outPath, model, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s", *outPath)
}

// options are the training settings (the flags of the same names).
type options struct {
	iters                int
	minAbs, cost, favour float64
	greedy               bool
	learner              string
	l2, clip             float64
	crfCost, crfMiss     float64
	crfIters, crfRows    int
}

// defaults are the settings the embedded model is trained with.
var defaults = options{iters: 15, minAbs: 3, cost: 10,
	learner: "perceptron", l2: 0.03, crfIters: 300, clip: 1, crfCost: 1, crfMiss: 2, crfRows: 25000}

// crfMinSteps is the -prune of a CRF, in quantisation steps: its rows are
// chosen by -crf-rows, and only those without a weight of a step dropped.
const crfMinSteps = 1

// train learns a model from seqs with lexicon lex and returns it as
// loaded from its file, and the file's bytes.
func train(seqs []ner.Sequence, lex *ner.Lexicon, o options) (*ner.Model, []byte, error) {
	start := time.Now()
	var m *ner.Model
	switch {
	case o.learner == "crf":
		m = ner.TrainCRF(analysis.NERClasses, seqs, ner.CRFOptions{L2: o.l2, Iters: o.crfIters, Cost: o.crfCost, MissCost: o.crfMiss, Rows: o.crfRows, Log: crfLog})
		scaleCRF(m, o.clip)
	case o.learner != "perceptron":
		return nil, nil, fmt.Errorf("unknown learner %q", o.learner)
	case o.greedy:
		m = ner.Train(analysis.NERClasses, seqs, o.iters, 1)
	default:
		m = ner.TrainStructuredCost(analysis.NERClasses, seqs, o.iters, 1, o.cost)
	}
	m.FavourNames(float32(o.favour))
	m.SetLexicon(lex)
	if *floatWeights {
		return m, nil, nil
	}
	log.Printf("trained on %d sequences: %d feature rows in %s", len(seqs), m.Features(), time.Since(start).Round(time.Millisecond))
	var buf bytes.Buffer
	minAbs := o.minAbs
	if o.learner == "crf" {
		minAbs = crfMinSteps
	}
	if _, err := m.WriteTo(&buf, float32(minAbs)); err != nil {
		return nil, nil, err
	}
	small, err := ner.Load(buf.Bytes())
	if err != nil {
		return nil, nil, err
	}
	log.Printf("model file: %d bytes, %d rows kept, %d lexicon words", buf.Len(), small.Features(), small.Lexicon().Len())
	return small, buf.Bytes(), nil
}

// crfLog prints the CRF's progress every 50 iterations.
func crfLog(format string, args ...any) {
	if it, ok := args[0].(int); !strings.Contains(format, "iteration") || ok && it%50 == 0 {
		log.Printf(format, args...)
	}
}

// scaleCRF scales a CRF's weights (log-probability units) so that the
// size at quantile q of its nonzero weights is the model file's largest
// step, 127, clipping the few above it: then -favour counts in
// quantisation steps.
func scaleCRF(m *ner.Model, q float64) {
	var sizes []float64
	for _, v := range m.Weights() {
		if v != 0 {
			sizes = append(sizes, math.Abs(float64(v)))
		}
	}
	if len(sizes) == 0 {
		return
	}
	slices.Sort(sizes)
	limit := sizes[min(len(sizes)-1, int(q*float64(len(sizes))))]
	log.Printf("crf: %d weights, largest %.3f, quantile %.4f %.3f", len(sizes), sizes[len(sizes)-1], q, limit)
	m.ScaleWeights(float32(127/limit), 127)
}

// readCorpus reads the first n lines of ANERCorp.txt ("token TAG").
func readCorpus(path string, n int) (toks, tags []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for len(toks) < n && sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			toks, tags = append(toks, line), append(tags, "O")
			continue
		}
		toks, tags = append(toks, line[:i]), append(tags, line[i+1:])
	}
	if len(toks) < n {
		return nil, nil, fmt.Errorf("%s: %d lines, want at least %d", path, len(toks), n)
	}
	return toks, tags, sc.Err()
}

// sequences analyses the corpus text of the token ranges parts like the
// app would, in chunks of sentences, and labels each of the analysis's
// tokens with the tag of the corpus token it lies in (the first piece
// gets B-, the others I-); MISC counts as O. It returns the lexicon of
// all the parts; each chunk's lexicon features read the lexicon of the
// OTHER chunks only (see ner.Lexicon).
func sequences(toks, tags []string, parts [][2]int) ([]ner.Sequence, *ner.Lexicon) {
	classIdx := map[string]int{}
	for i, c := range analysis.NERClasses {
		classIdx[c] = i
	}
	lexType := map[string]int{"PERS": 1, "ORG": 2, "LOC": 3}
	type chunk struct {
		text   string
		labels []int           // per analysis token
		counts []ner.LexCounts // per lexicon fold of the chunk
	}
	var chunks []chunk
	// a chunk is one text for the features that read the rest of the text
	// (docMention…): 25,000 tokens, the size of the test part tools/eval
	// analyses at once (5,000 scored 0.4 lower in 4-fold cross-validation);
	// chunks are the lexicon's folds too
	const size = 25000
	for _, part := range parts {
		for lo := part[0]; lo < part[1]; {
			hi := min(lo+size, part[1])
			for hi < part[1] && toks[hi-1] != "." {
				hi++
			}
			text, starts := nerscore.SentenceText(toks[lo:hi])
			atoks := token.Tokenize(text)
			c := chunk{text: text, labels: make([]int, len(atoks)), counts: make([]ner.LexCounts, *lexSplit)}
			for s := range c.counts {
				c.counts[s] = ner.LexCounts{}
			}
			part := func(k int) ner.LexCounts { return c.counts[k**lexSplit/len(atoks)] }
			words := make([]uint64, len(atoks))
			ci := 0
			for k := range atoks {
				for ci+1 < len(starts) && starts[ci+1] <= atoks[k].Start {
					ci++
				}
				tag := tags[lo+ci]
				label := "O"
				if len(tag) > 2 && lexType[tag[2:]] > 0 {
					label = tag
					if tag[0] == 'B' && atoks[k].Start != starts[ci] {
						label = "I-" + tag[2:]
					}
				}
				c.labels[k] = classIdx[label]
				typ := 0
				if label != "O" {
					typ = lexType[label[2:]]
				}
				word, bare := analysis.NERLexKeys(&atoks[k])
				part(k).Add(word, typ)
				part(k).Add(bare, typ)
				words[k] = word
			}
			for k := 0; k+1 < len(atoks); k++ {
				// a pair is a name's when the second word continues the first's
				typ := 0
				if l := analysis.NERClasses[c.labels[k+1]]; l[0] == 'I' && c.labels[k] != 0 && analysis.NERClasses[c.labels[k]][2:] == l[2:] {
					typ = lexType[l[2:]]
				}
				part(k).Add(analysis.NERLexPair(words[k], words[k+1]), typ)
			}
			chunks = append(chunks, c)
			lo = hi
		}
	}
	all := ner.LexCounts{}
	for _, c := range chunks {
		for _, p := range c.counts {
			all.Merge(p)
		}
	}
	var seqs []ner.Sequence
	for i, c := range chunks {
		// each lexicon fold of the chunk reads the lexicon of the others
		var feats [][]uint64
		var atoks []token.Token
		var cls []uint8
		for s, p := range c.counts {
			at, f, cl := analysis.NERFeatures(c.text, all.Minus(p).Lexicon())
			if len(at) != len(c.labels) {
				log.Fatalf("chunk %d: %d tokens, then %d", i, len(c.labels), len(at))
			}
			if s == 0 {
				atoks, feats, cls = at, f, cl
			}
			for k := range f {
				if k**lexSplit/len(at) == s {
					feats[k] = f[k]
				}
			}
		}
		cur := ner.Sequence{}
		for k := range atoks {
			if atoks[k].Break && len(cur.Feats) > 0 {
				seqs = append(seqs, cur)
				cur = ner.Sequence{}
			}
			cur.Feats = append(cur.Feats, feats[k])
			cur.Class = append(cur.Class, cls[k])
			cur.Gold = append(cur.Gold, c.labels[k])
		}
		if len(cur.Feats) > 0 {
			seqs = append(seqs, cur)
		}
	}
	return seqs, all.Lexicon()
}

// report prints a score per type and micro-averaged, and with -v the
// spans it got wrong.
func report(name string, s nerscore.Result, toks []string) {
	if *verbose && toks != nil {
		for _, x := range s.Extra {
			fmt.Printf("%s extra %s %s\n", name, x.Type, strings.Join(toks[x.Start:x.End], " "))
		}
		for _, g := range s.Missed {
			fmt.Printf("%s miss %s %s\n", name, g.Type, strings.Join(toks[g.Start:g.End], " "))
		}
	}
	for _, typ := range s.Types {
		c := s.By[typ]
		p, r, f := c.PRF()
		fmt.Printf("%s %s: F1 %.2f (P %.2f R %.2f, %d gold)\n", name, typ, f, p, r, c.Gold)
	}
	p, r, f := s.Micro().PRF()
	fmt.Printf("%s micro: F1 %.2f (P %.2f R %.2f)\n", name, f, p, r)
}

var types = []string{"PERS", "ORG", "LOC"}

// score runs the whole analysis over held-out corpus lines and prints
// entity-level exact-match P/R/F1 like tools/eval does for the test part.
func score(toks, tags []string) nerscore.Result {
	text, starts := nerscore.SentenceText(toks)
	res, err := analysis.Analyze(context.Background(), analysis.Input{Text: text, Language: "ar"})
	if err != nil {
		log.Fatal(err)
	}
	sys := nerscore.MentionSpans(res.Entities, starts, nerscore.ANERcorpTypes)
	r := nerscore.Score(nerscore.Spans(tags, nerscore.BIO, nil, types...), sys, types...)
	if *verbose {
		report("held-out, analysis", r, toks)
	}
	return r
}

// scoreTagger scores the tagger's own spans (no gazetteer identities, no
// rules on top) on held-out lines.
func scoreTagger(m *ner.Model, toks, tags []string) nerscore.Result {
	text, starts := nerscore.SentenceText(toks)
	atoks, feats, cls := analysis.NERFeatures(text, m.Lexicon())
	out := m.TagClasses(feats, cls)
	tagNames := make([]string, len(out))
	for i, c := range out {
		tagNames[i] = m.Classes[c]
	}
	tokAt := func(off int) int { return nerscore.TokenAt(starts, off) }
	var sys []nerscore.Span
	for _, s := range nerscore.Spans(tagNames, nerscore.IO, nil, types...) { // as the analysis reads them
		sys = append(sys, nerscore.Span{Start: tokAt(atoks[s.Start].Start), End: tokAt(atoks[s.End-1].Start) + 1, Type: s.Type})
	}
	r := nerscore.Score(nerscore.Spans(tags, nerscore.BIO, nil, types...), sys, types...)
	if *verbose {
		report("held-out, tagger alone", r, toks)
	}
	return r
}
