// Command eval scores the analysis engine on the public benchmarks in
// shared/bench (see its README): TempEval-3 platinum (English time
// expressions), the Arabic (and English) DateTime specs of Microsoft
// Recognizers-Text, ANERcorp (Arabic named entities), Wikigold (English
// named entities), the hand-made gold of unseen articles (testdata/README.md),
// the analysis's speed, and article extraction (the
// article-extraction benchmark, and the trafilatura evaluation's passages).
// It prints one table per benchmark and exits 0; a missing benchmark folder
// is skipped.
//
//	go run ./tools/eval [-bench ../shared/bench] [-v]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"annals/internal/repo"
)

func main() {
	bench := flag.String("bench", "", "benchmark folder (default: ../shared/bench relative to the repository root)")
	verbose := flag.Bool("v", false, "print every miss")
	only := flag.String("only", "", "run one benchmark: tempeval, recognizers, anercorp, wikigold, unseen, speed, extraction, trafilatura")
	flag.Parse()
	dir := *bench
	if dir == "" {
		dir = filepath.Join(repo.Root(), "..", "shared", "bench")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Printf("eval: benchmark folder %s not found; skipping (pass -bench DIR)\n", dir)
		return
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	run := func(name string, f func(dir string, w *tabwriter.Writer, verbose bool) error) {
		if *only != "" && *only != name {
			return
		}
		if err := f(dir, w, *verbose); err != nil {
			fmt.Fprintf(w, "%s\tskipped: %v\n", name, err)
		}
		w.Flush()
		fmt.Println()
	}
	run("tempeval", tempEval)
	run("recognizers", recognizers)
	run("anercorp", anerCorp)
	run("wikigold", wikiGold)
	run("unseen", unseen)
	run("speed", speed)
	run("extraction", articleExtraction)
	run("trafilatura", trafilaturaEval)
}

func prf(tp, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(tp) / float64(sys)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return 100 * p, 100 * r, 100 * f
}
