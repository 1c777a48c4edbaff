// Command trainen trains the English names tagger of data/analysis (issue
// 14) and measures it. It projects the hand-made entity gold of the English
// unseen dev splits (tools/eval/testdata) and of the annotators' pages
// (tools/trainen/gold) onto the text's tokens, trains data/analysis/ner's
// structured perceptron on the features the analysis itself computes
// (analysis.NERFeaturesEnglish: among them what the English rules say of
// each token), and scores the whole analysis with the model swapped in
// (analysis.UseEnglishTagger) against the rules alone, with tools/eval's
// unseen scorer (entities found, typed, precision). The test and ar splits
// are never read. See README.md.
//
//	go run -tags 'sqlite_fts5 migrated_fynedo' ./tools/trainen            # measure
//	go run -tags 'sqlite_fts5 migrated_fynedo' ./tools/trainen -write assets/ner_en.bin.gz   # make train-ner-en
//	go run -tags 'sqlite_fts5 migrated_fynedo' ./tools/trainen -words /usr/share/dict/american-english  # make ner-words-en
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"text/tabwriter"

	"annals/data/analysis"
	"annals/data/analysis/ner"
	"annals/internal/repo"
)

// The training defaults (make train-ner-en and TestEmbeddedModelIsTheTrainers).
const (
	defaultIters = 20
	defaultSeed  = 1
)

func main() {
	bench := flag.String("bench", filepath.Join(repo.Root(), "..", "shared", "bench"), "the shared bench folder")
	iters := flag.Int("iters", defaultIters, "training passes")
	write := flag.String("write", "", "train on every dev split and annotated page and write the model file here (make train-ner-en: assets/ner_en.bin.gz); nothing is measured")
	words := flag.String("words", "", "instead of training: write the tagger's word lists from this English word list (Debian's wamerican: /usr/share/dict/american-english)")
	wordsOut := flag.String("words-o", filepath.Join(repo.Root(), "assets", "ner_en_words.bin.gz"), "with -words: the word lists file to write")
	loso := flag.Bool("loso", true, "also leave one dev split out (the rules were fitted to each)")
	curve := flag.Bool("curve", false, "also the learning curve (0, 25, 50, 100 % of the other folds' annotated pages)")
	wiki := flag.Bool("wikigold", false, "also Wikigold micro F1, rules vs merged (model trained on every dev and annotated page)")
	flag.Float64Var(&trainCost, "cost", 0, "cost-augmented training's margin per wrong token (ner.TrainStructuredCost)")
	misses := flag.Bool("misses", false, "count the kinds of gold entities merged misses on the annotated pages' folds")
	speed := flag.Bool("speed", false, "time Analyze with and without the tagger on the dev and annotated pages (CPU)")
	flag.StringVar(&cpuProfile, "cpuprofile", "", "with -speed: write a CPU profile of the timed rounds here")
	folds := flag.Bool("folds", true, "the annotated pages' 5 folds")
	share := flag.Bool("langshare", false, "instead of training: print the English word share (the tagger's gate) of the training, trafilatura-eval-dev and article-extraction pages")
	flag.IntVar(&annRepeat, "annx", 1, "times each annotated page is trained on")
	flag.BoolVar(&devWeight, "traindev", true, "train on the dev splits' pages too (those not held out)")
	flag.Uint64Var(&trainSeed, "seed", defaultSeed, "training order's seed (for the spread of a figure)")
	prune := flag.Float64("prune", float64(pruneBelow), "the model file keeps the feature rows whose largest averaged weight reaches this")
	flag.Parse()
	pruneBelow = float32(*prune)
	logf := func(f string, a ...any) { log.Printf(f, a...) }

	if *words != "" {
		nw, np, err := writeWords(*words, *wordsOut)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d words, %d proper names\n", *wordsOut, nw, np)
		return
	}
	// every page is read by the rules alone first (their result and the
	// features): the embedded tagger, if any, is off until a model is tried
	analysis.UseEnglishTagger(nil)
	dev, ann, err := loadPages(*bench, logf)
	if err != nil {
		log.Fatal(err)
	}
	if *write != "" {
		b, err := modelFile(trainModel(append(append([]*page{}, dev...), ann...), *iters))
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(*write, b, 0o644); err != nil {
			log.Fatal(err)
		}
		l, err := ner.Load(b)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d bytes, %d feature rows (%d dev + %d annotated pages)\n", *write, len(b), l.Features(), len(dev), len(ann))
		return
	}
	count := func(ps []*page) (ents int) {
		for _, p := range ps {
			ents += len(p.gold)
		}
		return
	}
	if *share {
		if err := langShare(*bench, append(append([]*page{}, dev...), ann...)); err != nil {
			log.Fatal(err)
		}
		return
	}
	fmt.Printf("pages: dev splits %d (%d entities), annotated %d (%d entities)\n", len(dev), count(dev), len(ann), count(ann))

	if *loso {
		w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintf(w, "held out\tpages\ttrain pages\trules found\ttyped\tprecision\tmerged found\ttyped\tprecision\n")
		var sum [2]score
		var means [2][3]float64
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
			m := asLoaded(trainModel(train, *iters))
			var sc [2]score
			for _, p := range test {
				sc[0].Add(scoreEntities(p, p.res.Entities))
				sc[1].Add(scoreEntities(p, merged(p, m)))
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
	}

	if *folds && len(ann) >= 10 {
		// The dev splits were read while the rules were written (every
		// fresh split was fitted to ~95 %), so the rules' held-out figure
		// there is not an unseen one. The annotated pages are new to the
		// rules: k folds over them (trained on the dev splits and the other
		// folds) measure the tagger where the rules are weak, as on test.
		const k = 5
		var sc [2]score
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
			m := asLoaded(trainModel(train, *iters))
			for _, p := range test {
				sc[0].Add(scoreEntities(p, p.res.Entities))
				ents := merged(p, m)
				sc[1].Add(scoreEntities(p, ents))
				if *misses {
					missKinds(p, ents, kinds)
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
		for i, name := range []string{"rules", "merged"} {
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
				m := asLoaded(trainModel(append(append([]*page{}, dev...), other...), *iters))
				for _, p := range test {
					sc.Add(scoreEntities(p, merged(p, m)))
				}
			}
			fmt.Printf("  %3.0f %% (%d dev + %.0f annotated pages a fold): merged %s / %s / %s\n", 100*frac, len(dev), float64(pages)/k,
				pct(sc.EntFound, sc.Entities), pct(sc.Typed, sc.Entities), pct(sc.EngineEntsRight, sc.EngineEnts))
		}
	}
	if *speed || *wiki {
		m := asLoaded(trainModel(append(append([]*page{}, dev...), ann...), *iters))
		if *speed {
			if err := timeTagger(append(append([]*page{}, dev...), ann...), m); err != nil {
				log.Fatal(err)
			}
		}
		if *wiki {
			if err := wikigold(*bench, m); err != nil {
				log.Fatal(err)
			}
		}
	}
}

var trainCost float64

// trainSeed (-seed) orders the training passes.
var trainSeed uint64 = defaultSeed

// annRepeat (-annx) is how many times an annotated page is trained on;
// devWeight (-traindev) whether the dev splits' pages are trained on at all
// (the rules were fitted to them: there the rules' tags are nearly always
// right, which teaches the tagger to trust them more than unseen text
// warrants).
var (
	annRepeat = 1
	devWeight = true
)

// trainModel trains the tagger on every sentence of the pages train (the
// analysis tags only the sentences its gate lets through, but training on
// all of them measured no worse and keeps training independent of the gate).
func trainModel(train []*page, iters int) *ner.Model {
	var seqs []ner.Sequence
	for _, p := range train {
		n := 1
		switch {
		case p.split == "ann":
			n = annRepeat
		case !devWeight:
			n = 0
		}
		for range n {
			for _, s := range p.sents {
				seqs = append(seqs, ner.Sequence{Feats: p.feats[s[0]:s[1]], Gold: p.gold2[s[0]:s[1]]})
			}
		}
	}
	return ner.TrainStructuredCost(classes, seqs, iters, trainSeed, trainCost)
}

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f (%d/%d)", 100*float64(n)/float64(d), n, d)
}
