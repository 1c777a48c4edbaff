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
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

	"annals/data/capture"
	"annals/internal/extractscore"
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
	bench := filepath.Join(dir, "trafilatura-eval-dev")
	b, err := os.ReadFile(filepath.Join(bench, "gold.json"))
	if err != nil {
		return err
	}
	var gold map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		return fmt.Errorf("gold.json: %w", err)
	}
	keys := make([]string, 0, len(gold))
	for k := range gold {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pages := make([][]byte, len(keys))
	for i, k := range keys {
		raw, err := os.ReadFile(filepath.Join(bench, "html", gold[k].File+".gz"))
		if err != nil {
			return err
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return fmt.Errorf("%s: %w", gold[k].File, err)
		}
		if pages[i], err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("%s: %w", gold[k].File, err)
		}
	}

	old := runtime.GOMAXPROCS(1)
	runtime.GC()
	texts := make([]string, len(keys))
	refused := 0
	var refusals []string
	start, cpu0 := time.Now(), processCPU()
	for i, k := range keys {
		doc, err := capture.Parse(context.Background(), pages[i], "", nil)
		if err != nil {
			refused++
			refusals = append(refusals, fmt.Sprintf("%s: %v", gold[k].File, err))
			continue
		}
		texts[i] = doc.Text
	}
	elapsed, cpu := time.Since(start), processCPU()-cpu0
	runtime.GOMAXPROCS(old)

	// EVAL_DUMP names a folder for each page's captured text (to study misses).
	if dump := os.Getenv("EVAL_DUMP"); dump != "" && os.MkdirAll(dump, 0o755) == nil {
		for i, k := range keys {
			os.WriteFile(filepath.Join(dump, gold[k].File+".txt"), []byte(texts[i]), 0o644)
		}
	}
	var tp, fn, fp, tn int
	var misses []string
	for i, k := range keys {
		out := normSpace(texts[i])
		var ptp, pfn, pfp int
		var detail []string
		for _, s := range gold[k].With {
			if strings.Contains(out, normSpace(s)) {
				ptp++
			} else {
				pfn++
				detail = append(detail, "    missed: "+clip(s))
			}
		}
		for _, s := range gold[k].Without {
			if strings.Contains(out, normSpace(s)) {
				pfp++
				detail = append(detail, "    kept boilerplate: "+clip(s))
			} else {
				tn++
			}
		}
		tp, fn, fp = tp+ptp, fn+pfn, fp+pfp
		if pfn+pfp > 0 {
			misses = append(misses, fmt.Sprintf("%s\tfn %d/%d\tfp %d/%d", gold[k].File, pfn, len(gold[k].With), pfp, len(gold[k].Without)))
			misses = append(misses, detail...)
		}
	}
	p := float64(tp) / float64(max(1, tp+fp))
	r := float64(tp) / float64(max(1, tp+fn))
	acc := float64(tp+tn) / float64(max(1, tp+fn+fp+tn))
	f1 := 2 * float64(tp) / float64(max(1, 2*tp+fp+fn))
	fmt.Fprintf(w, "trafilatura-eval-dev (main text, trafilatura's metric)\tpages\tP\tR\taccuracy\tF1\tms/page (1 core)\tCPU ms/page\n")
	fmt.Fprintf(w, "  Annals capture\t%d\t%.3f\t%.3f\t%.3f\t%.4f\t%.2f\t%.2f\n", len(keys), p, r, acc, f1,
		elapsed.Seconds()*1000/float64(len(keys)), cpu.Seconds()*1000/float64(len(keys)))
	fmt.Fprintf(w, "  published (whole set): trafilatura 2.2.0 0.924; measured here: Readability.js 0.892, go-readability 0.882\t\t\t\t\t\t\n")
	fmt.Fprintf(w, "  refused\t%d\t\t\t\t\t\n", refused)
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
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// normSpace is trafilatura's re.sub(r"\s+", " ", s).strip(). Python's \s
// on str is Unicode whitespace (no-break space included, and the
// separators U+001C-U+001F), wider than Go regexp's ASCII \s.
func normSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
	}), " ")
}

// clip shortens a passage for the -v listing.
func clip(s string) string {
	s = normSpace(s)
	if r := []rune(s); len(r) > 100 {
		return string(r[:100]) + "…"
	}
	return s
}

// articleExtraction scores capture on the article-extraction benchmark
// (shared/bench/article-extraction) with its own metric (extractscore), so
// that `make eval` prints both extraction figures side by side; tools/bench
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
