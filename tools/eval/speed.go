package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"annals/data/analysis"
)

// speed times Analyze; `go test -bench . ./data/analysis` gives the same
// numbers with Go's benchmark harness.
func speed(dir string, w *tabwriter.Writer, _ bool) error {
	fmt.Fprintf(w, "Speed (Analyze)\twords\tms/article\tms/1000 words\n")
	seed, err := os.ReadFile(filepath.Join(dir, "..", "fixtures", "seed", "majalla-china-ai.txt"))
	if err == nil {
		timeIt(w, "seed article (ar)", string(seed), time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC))
	}
	timeIt(w, "generated article (en)", analysis.SyntheticArticle(5000), time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC))
	return nil
}

func timeIt(w *tabwriter.Writer, name, text string, dct time.Time) {
	words := len(strings.Fields(text))
	n := 0
	start := time.Now()
	for time.Since(start) < 2*time.Second || n < 3 {
		_, _ = analysis.Analyze(context.Background(), analysis.Input{Text: text, Published: dct})
		n++
	}
	per := time.Since(start).Seconds() * 1000 / float64(n)
	fmt.Fprintf(w, "  %s\t%d\t%.2f\t%.3f\n", name, words, per, per*1000/float64(words))
}
