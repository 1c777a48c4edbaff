package main

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"annals/data/capture"
	"annals/internal/extractscore"
)

// runPassages scores capture on the second, multilingual extraction
// benchmark (../shared/bench/trafilatura-eval-dev) with trafilatura's metric,
// so that the two extraction figures are printed in the same run. The
// published figures are quoted beside it (Readability.js and go-readability
// were measured on these pages once, see the benchmark's README).
func runPassages(root string) {
	dir := filepath.Join(root, "..", "shared", "bench", "trafilatura-eval-dev")
	pages, err := extractscore.LoadPassages(dir)
	if err != nil {
		skip("trafilatura-eval-dev: %v", err)
		return
	}
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	runtime.GC()
	var counts extractscore.PassageCounts
	t0, c0 := time.Now(), cpuTime()
	texts := make([]string, len(pages))
	for i, p := range pages {
		if doc, err := capture.Parse(context.Background(), p.HTML, "", nil); err == nil {
			texts[i] = doc.Text
		}
	}
	wall, cpu := time.Since(t0), cpuTime()-c0
	for i, p := range pages {
		counts.Add(p, texts[i])
	}
	pr, r, _, f1 := counts.Scores()
	n := float64(len(pages))
	add("quality", "Annals capture F1 on trafilatura-eval-dev (trafilatura's metric)", f1, "").atLeast(0.93).
		note(fmt.Sprintf("P %.3f R %.3f, %d pages, %.2f ms/page (CPU %.2f) on 1 core; measured: Readability.js 0.892, go-readability 0.882; published trafilatura 0.924 (whole set)",
			pr, r, len(pages), ms(wall)/n, ms(cpu)/n))
}
