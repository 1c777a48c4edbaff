// Command trainen is the English names tagger's experiment tool (issue
// 14): it projects the hand-made entity gold of the English unseen dev
// splits (tools/eval/testdata) and of the annotators' pages
// (tools/trainen/gold) onto the text's tokens, trains data/analysis/ner's
// structured perceptron with English features — among them what the rules
// of data/analysis say about each token — and scores rules alone against
// rules merged with the tagger, split by split, with tools/eval's unseen
// scorer (entities found, typed, precision). The test and ar splits are
// never read. See README.md.
//
//	go run -tags 'sqlite_fts5 migrated_fynedo' ./tools/trainen
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"annals/data/analysis/ner"
	"annals/data/analysis/token"
	"annals/internal/repo"
	"annals/internal/unseengold"
)

func main() {
	bench := flag.String("bench", filepath.Join(repo.Root(), "..", "shared", "bench"), "the shared bench folder")
	dict := flag.String("dict", "/usr/share/dict/american-english", "English word list (Debian wamerican); empty: no dictionary feature")
	iters := flag.Int("iters", 20, "training passes")
	curve := flag.Bool("curve", false, "also the learning curve (25, 50, 100 % of the training pages)")
	wiki := flag.Bool("wikigold", false, "also Wikigold micro F1, rules vs merged (model trained on every dev and annotated page)")
	flag.Float64Var(&trainCost, "cost", 0, "cost-augmented training's margin per wrong token (ner.TrainStructuredCost)")
	flag.BoolVar(&ruleCoveredOnly, "covered", true, "the rules' tags are features only on tokens a rule entity covers")
	flag.BoolVar(&mergeBounds, "bounds", true, "merge: a tagged span overlapping rule mentions but none of them is a new entity")
	misses := flag.Bool("misses", false, "count the kinds of gold entities merged misses on the annotated pages' folds")
	flag.BoolVar(&mergeReplace, "replace", true, "with -bounds: such a span takes the rule mentions it overlaps (an entity left without one is dropped)")
	speed := flag.Bool("speed", false, "time the tagger (features and decoding with the compact model) against Analyze on the dev pages")
	flag.IntVar(&annRepeat, "annx", 1, "times each annotated page is trained on")
	flag.BoolVar(&devWeight, "traindev", true, "train on the dev splits' pages too (those not held out)")
	gate := flag.Bool("gate", true, "tag only the sentences with a capitalised word no rule entity covers (not the first word, unless that is no lower-case English word)")
	flag.BoolVar(&useRuns, "runs", false, "features of the run of capitalised words a token is in")
	flag.Uint64Var(&trainSeed, "seed", 1, "training order's seed (for the spread of a figure)")
	flag.IntVar(&gateWindow, "window", 0, "with -gate: tag only this many tokens on either side of an unclaimed capitalised word (0: its whole sentence)")
	flag.BoolVar(&trainWindows, "trainwin", false, "train on the segments tagged (-gate, -window) instead of whole sentences")
	noRules := flag.Bool("norules", false, "leave the rules' tags out of the features (ablation)")
	flag.Parse()
	logf := func(f string, a ...any) { log.Printf(f, a...) }

	lx, err := loadLexicons(*dict)
	if err != nil {
		log.Fatalf("%v (apt-get install wamerican, or -dict '' to go without the word list: found about 2 points lower)", err)
	}
	dev, ann, err := loadPages(*bench, logf)
	if err != nil {
		log.Fatal(err)
	}
	useRules = !*noRules
	if *gate {
		gateLex = lx
	}
	for _, p := range append(append([]*page{}, dev...), ann...) {
		lx.featurize(p)
	}
	count := func(ps []*page) (ents int) {
		for _, p := range ps {
			ents += len(p.gold)
		}
		return
	}
	fmt.Printf("pages: dev splits %d (%d entities), annotated %d (%d entities)\n", len(dev), count(dev), len(ann), count(ann))
	for _, set := range [][]*page{dev, ann} {
		unplaced, tokens, named := 0, 0, 0
		for _, p := range set {
			for _, g := range p.gold {
				if len(projectGold(p.text, p.toks, []unseengold.Name{g})) > 0 && !anyNonZero(projectGold(p.text, p.toks, []unseengold.Name{g})) {
					unplaced++
				}
			}
			tokens += len(p.toks)
			for _, c := range p.gold2 {
				if c != 0 {
					named++
				}
			}
		}
		fmt.Printf("  %d tokens, %d in names; gold entities with no occurrence in the text: %d\n", tokens, named, unplaced)
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "held out\tpages\ttrain pages\trules found\ttyped\tprecision\tmerged found\ttyped\tprecision\ttype-wins found\ttyped\tprecision\n")
	var sum [3]score
	var means [3][3]float64
	for _, h := range devSplits {
		var test, train []*page
		for _, p := range dev {
			if p.split == h {
				test = append(test, p)
			} else {
				train = append(train, p)
			}
		}
		train = append(train, ann...)
		if len(test) == 0 {
			continue
		}
		m := trainModel(train, *iters)
		var sc [3]score
		for _, p := range test {
			spans := tagPage(m, p)
			sc[0].Add(scoreEntities(p, rulesOnly(p)))
			sc[1].Add(scoreEntities(p, merge(p, spans, false)))
			sc[2].Add(scoreEntities(p, merge(p, spans, true)))
		}
		fmt.Fprintf(w, "%s\t%d\t%d", h, len(test), len(train))
		for k := range sc {
			fmt.Fprintf(w, "\t%s\t%s\t%s", pct(sc[k].EntFound, sc[k].Entities), pct(sc[k].Typed, sc[k].Entities), pct(sc[k].EngineEntsRight, sc[k].EngineEnts))
			sum[k].Add(sc[k])
			means[k][0] += 100 * float64(sc[k].EntFound) / float64(sc[k].Entities) / float64(len(devSplits))
			means[k][1] += 100 * float64(sc[k].Typed) / float64(sc[k].Entities) / float64(len(devSplits))
			means[k][2] += 100 * float64(sc[k].EngineEntsRight) / float64(sc[k].EngineEnts) / float64(len(devSplits))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "all (pooled)\t\t")
	for k := range sum {
		fmt.Fprintf(w, "\t%s\t%s\t%s", pct(sum[k].EntFound, sum[k].Entities), pct(sum[k].Typed, sum[k].Entities), pct(sum[k].EngineEntsRight, sum[k].EngineEnts))
	}
	fmt.Fprintf(w, "\nmean of splits\t\t")
	for k := range means {
		fmt.Fprintf(w, "\t%.1f\t%.1f\t%.1f", means[k][0], means[k][1], means[k][2])
	}
	fmt.Fprintln(w)
	w.Flush()

	if len(ann) >= 10 {
		// The dev splits were read while the rules were written (every
		// fresh split was fitted to ~95 %), so the rules' held-out figure
		// there is not an unseen one. The annotated pages are new to the
		// rules: k folds over them (trained on the dev splits and the other
		// folds) measure the tagger where the rules are weak, as on test.
		const k = 5
		var sc [3]score
		kinds := map[string]int{}
		for fold := 0; fold < k; fold++ {
			var test, train []*page
			train = append(train, dev...)
			for i, p := range ann {
				if i%k == fold {
					test = append(test, p)
				} else {
					train = append(train, p)
				}
			}
			m := trainModel(train, *iters)
			for _, p := range test {
				spans := tagPage(m, p)
				sc[0].Add(scoreEntities(p, rulesOnly(p)))
				merged := merge(p, spans, false)
				sc[1].Add(scoreEntities(p, merged))
				sc[2].Add(scoreEntities(p, merge(p, spans, true)))
				if *misses {
					missKinds(p, merged, kinds)
				}
			}
		}
		if *misses {
			fmt.Println("\nannotated pages: gold entities merged still misses, by kind (training pages only; never dev or test)")
			for _, k := range sortedKeys(kinds) {
				fmt.Printf("  %-40s %d\n", k, kinds[k])
			}
		}
		fmt.Printf("\nannotated pages, %d folds (%d pages): found / typed / precision\n", k, len(ann))
		for i, name := range []string{"rules", "merged", "type-wins"} {
			fmt.Printf("  %-10s %s / %s / %s\n", name, pct(sc[i].EntFound, sc[i].Entities), pct(sc[i].Typed, sc[i].Entities), pct(sc[i].EngineEntsRight, sc[i].EngineEnts))
		}
	}
	if *curve && len(ann) >= 10 {
		// the learning curve where it can move: the annotated pages' folds
		// as above, trained on the dev splits and a share of the other folds
		fmt.Println("\nlearning curve on the annotated pages' folds: found / typed / precision vs share of the other folds' pages trained on (dev splits always)")
		for _, frac := range []float64{0, 0.25, 0.5, 1} {
			const k = 5
			var sc score
			pages := 0
			for fold := 0; fold < k; fold++ {
				var test, other []*page
				for i, p := range ann {
					if i%k == fold {
						test = append(test, p)
					} else {
						other = append(other, p)
					}
				}
				r := rand.New(rand.NewPCG(7, uint64(fold)))
				r.Shuffle(len(other), func(i, j int) { other[i], other[j] = other[j], other[i] })
				other = other[:int(frac*float64(len(other))+0.5)]
				pages += len(other)
				m := trainModel(append(append([]*page{}, dev...), other...), *iters)
				for _, p := range test {
					sc.Add(scoreEntities(p, merge(p, tagPage(m, p), false)))
				}
			}
			fmt.Printf("  %3.0f %% (%d dev + %.0f annotated pages a fold): merged %s / %s / %s\n", 100*frac, len(dev), float64(pages)/k,
				pct(sc.EntFound, sc.Entities), pct(sc.Typed, sc.Entities), pct(sc.EngineEntsRight, sc.EngineEnts))
		}
	}
	if *speed {
		if err := timeTagger(append(append([]*page{}, dev...), ann...), lx, trainModel(append(append([]*page{}, dev...), ann...), *iters)); err != nil {
			log.Fatal(err)
		}
	}
	if *wiki {
		m := trainModel(append(append([]*page{}, dev...), ann...), *iters)
		if err := wikigold(*bench, lx, m); err != nil {
			log.Fatal(err)
		}
	}
}

func anyNonZero(a []int) bool {
	for _, v := range a {
		if v != 0 {
			return true
		}
	}
	return false
}

var trainCost float64

// trainSeed (-seed) orders the training passes.
var trainSeed uint64 = 1

// gateLex, when set (-gate), restricts tagging to gateSentences.
var gateLex *lexicons

// gateSentences says which sentences of p the tagger needs to read: those
// with a capitalised word no rule entity covers, not counting a first
// word that is an ordinary English word ("The", "However"). Elsewhere the
// rules' tags are all the tagger could return.
func gateSentences(p *page, lx *lexicons) (sents, words []bool) {
	covered := make([]bool, len(p.toks))
	for _, e := range p.res.Entities {
		for _, m := range e.Mentions {
			for i, t := range p.toks {
				if t.Start >= m.Start && t.End <= m.End {
					covered[i] = true
				}
			}
		}
	}
	out := make([]bool, len(p.sents))
	words = make([]bool, len(p.toks))
	for k, s := range p.sents {
		for i := s[0]; i < s[1]; i++ {
			t := p.toks[i]
			if t.Kind != token.Word || !t.Upper || covered[i] {
				continue
			}
			if i == s[0] && lx.dictLower[strings.ToLower(p.text[t.Start:t.End])] {
				continue
			}
			out[k], words[i] = true, true
		}
	}
	return out, words
}

// annRepeat (-annx) is how many times an annotated page is trained on;
// devWeight (-traindev) whether the dev splits' pages are trained on at all
// (the rules were fitted to them: there the rules' tags are nearly always
// right, which teaches the tagger to trust them more than unseen text
// warrants).
var (
	annRepeat = 1
	devWeight = true
)

// useRules says whether the rules' tags are features (-norules: not).
var useRules = true

func trainModel(train []*page, iters int) *ner.Model {
	var seqs []ner.Sequence
	var all []*page
	for _, p := range train {
		switch {
		case p.split == "ann":
			for k := 0; k < annRepeat; k++ {
				all = append(all, p)
			}
		case devWeight:
			all = append(all, p)
		}
	}
	for _, p := range all {
		segs := p.sents
		if trainWindows {
			segs = segments(p)
		}
		for _, s := range segs {
			seqs = append(seqs, ner.Sequence{Feats: p.feats[s[0]:s[1]], Gold: p.gold2[s[0]:s[1]]})
		}
	}
	return ner.TrainStructuredCost(classes, seqs, iters, trainSeed, trainCost)
}

// span is a tagged name: a run of tokens of one class within a sentence,
// as byte offsets.
type span struct {
	start, end int
	typ        string // gold type
}

// segments are the token ranges the tagger reads: every sentence, the
// gate's sentences (-gate), or windows of gateWindow tokens on either side
// of the gate's unclaimed capitalised words (-window), merged where they
// overlap.
func segments(p *page) [][2]int {
	if gateLex == nil {
		return p.sents
	}
	gated, words := gateSentences(p, gateLex)
	var out [][2]int
	for k, s := range p.sents {
		if !gated[k] {
			continue
		}
		if gateWindow == 0 {
			out = append(out, s)
			continue
		}
		var cur [2]int
		open := false
		for i := s[0]; i < s[1]; i++ {
			if !words[i] {
				continue
			}
			from, to := max(s[0], i-gateWindow), min(s[1], i+gateWindow+1)
			if open && from <= cur[1] {
				cur[1] = to
				continue
			}
			if open {
				out = append(out, cur)
			}
			cur, open = [2]int{from, to}, true
		}
		if open {
			out = append(out, cur)
		}
	}
	return out
}

// gateWindow (-window): tokens tagged on either side of an unclaimed
// capitalised word; 0 = the whole sentence.
var gateWindow int

// trainWindows (-trainwin): train on the segments the tagger will read
// (segments) rather than on whole sentences.
var trainWindows bool

func tagPage(m *ner.Model, p *page) []span {
	var out []span
	for _, s := range segments(p) {
		tags := m.Tag(p.feats[s[0]:s[1]])
		for i := 0; i < len(tags); i++ {
			if tags[i] == 0 {
				continue
			}
			j := i
			for j+1 < len(tags) && tags[j+1] == tags[i] {
				j++
			}
			out = append(out, span{p.toks[s[0]+i].Start, p.toks[s[0]+j].End, classes[tags[i]]})
			i = j
		}
	}
	return out
}

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f (%d/%d)", 100*float64(n)/float64(d), n, d)
}
