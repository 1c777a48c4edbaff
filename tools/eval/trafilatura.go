package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"text/tabwriter"
	"time"

	"annals/data/capture"
	"annals/internal/extractscore"

	"annals/internal/cputime"
)

// trafilaturaEval scores capture on trafilatura's evaluation pages
// (shared/bench/trafilatura-eval-dev) with trafilatura's own metric, as the
// benchmark's README states it: whitespace is collapsed in the output and in
// every passage; a "with" passage found as a substring is a tp (else fn), a
// "without" passage found is a fp (else tn); counts are summed over all pages.
// A page capture refuses counts as empty output. The text scored is what the
// library stores (Document.Text), captured on one core, which also gives the
// per-page time.
func trafilaturaEval(dir string, w *tabwriter.Writer, verbose bool) error {
	pages, err := extractscore.LoadPassages(filepath.Join(dir, "trafilatura-eval-dev"))
	if err != nil {
		return err
	}
	old := runtime.GOMAXPROCS(1)
	runtime.GC()
	texts := make([]string, len(pages))
	refused := 0
	var refusals []string
	start, cpu0 := time.Now(), processCPU()
	for i, pg := range pages {
		doc, err := capture.Parse(context.Background(), pg.HTML, "", nil)
		if err != nil {
			refused++
			refusals = append(refusals, fmt.Sprintf("%s: %v", pg.File, err))
			continue
		}
		texts[i] = doc.Text
	}
	elapsed, cpu := time.Since(start), processCPU()-cpu0
	runtime.GOMAXPROCS(old)

	// EVAL_DUMP names a folder for each page's captured text (to study misses).
	if dump := os.Getenv("EVAL_DUMP"); dump != "" && os.MkdirAll(dump, 0o755) == nil {
		for i, pg := range pages {
			os.WriteFile(filepath.Join(dump, pg.File+".txt"), []byte(texts[i]), 0o644)
		}
	}
	var counts extractscore.PassageCounts
	var misses []string
	for i, pg := range pages {
		missed, kept := counts.Add(pg, texts[i])
		if len(missed)+len(kept) > 0 {
			misses = append(misses, fmt.Sprintf("%s\tfn %d/%d\tfp %d/%d", pg.File, len(missed), len(pg.With), len(kept), len(pg.Without)))
			for _, s := range missed {
				misses = append(misses, "    missed: "+clip(s))
			}
			for _, s := range kept {
				misses = append(misses, "    kept boilerplate: "+clip(s))
			}
		}
	}
	p, r, acc, f1 := counts.Scores()
	fmt.Fprintf(w, "trafilatura-eval-dev (main text, trafilatura's metric)\tpages\tP\tR\taccuracy\tF1\tms/page (1 core)\tCPU ms/page\n")
	fmt.Fprintf(w, "  Annals capture\t%d\t%.3f\t%.3f\t%.3f\t%.4f\t%.2f\t%.2f\n", len(pages), p, r, acc, f1,
		elapsed.Seconds()*1000/float64(len(pages)), cpu.Seconds()*1000/float64(len(pages)))
	fmt.Fprintf(w, "  published (whole set): trafilatura 2.2.0 0.924; measured here: Readability.js 0.892, go-readability 0.882\t\t\t\t\t\t\t\n")
	fmt.Fprintf(w, "  refused\t%d\t\t\t\t\t\t\n", refused)
	if verbose {
		w.Flush()
		for _, s := range refusals {
			fmt.Println("  refused:", s)
		}
		for _, s := range misses {
			fmt.Println("  miss:", s)
		}
	}
	return nil
}

// processCPU is the process's user+system time so far: on a shared
// machine wall time measures the neighbours too.
func processCPU() time.Duration { return cputime.Process() }

// clip shortens a passage for the -v listing.
func clip(s string) string {
	s = extractscore.NormSpace(s)
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}

// articleExtraction scores capture on the article-extraction benchmark
// (shared/bench/article-extraction) with its own metric (extractscore), so
// that `make eval` prints both extraction figures side by side; tools/benchharness
// measures the same pages with Readability.js beside them.
func articleExtraction(dir string, w *tabwriter.Writer, _ bool) error {
	bench := filepath.Join(dir, "article-extraction")
	b, err := os.ReadFile(filepath.Join(bench, "ground-truth.json"))
	if err != nil {
		return err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return fmt.Errorf("ground-truth.json: %w", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([][]byte, len(ids))
	for i, id := range ids {
		raw, err := os.ReadFile(filepath.Join(bench, "html", id+".html.gz"))
		if err != nil {
			return err
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		if pages[i], err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
	}
	old := runtime.GOMAXPROCS(1)
	runtime.GC()
	scores := make([]extractscore.Page, len(ids))
	start, cpu0 := time.Now(), processCPU()
	for i, id := range ids {
		u, _ := url.Parse(truth[id].URL)
		text := ""
		if doc, err := capture.Parse(context.Background(), pages[i], "", u); err == nil {
			text = doc.Text
		}
		scores[i] = extractscore.Score(truth[id].ArticleBody, text)
	}
	elapsed, cpu := time.Since(start), processCPU()-cpu0
	runtime.GOMAXPROCS(old)
	p, r, f1 := extractscore.Mean(scores)
	fmt.Fprintf(w, "article-extraction (its README's metric)\tpages\tP\tR\tF1\tms/page (1 core)\tCPU ms/page\n")
	fmt.Fprintf(w, "  Annals capture\t%d\t%.3f\t%.3f\t%.4f\t%.2f\t%.2f\n", len(ids), p, r, f1,
		elapsed.Seconds()*1000/float64(len(ids)), cpu.Seconds()*1000/float64(len(ids)))
	fmt.Fprintf(w, "  published: Readability.js 0.947, go-trafilatura 0.960, best 0.970\t\t\t\t\t\t\n")
	return nil
}
