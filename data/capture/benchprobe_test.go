//go:build unix

// The step timings read the thread's CPU time (RUSAGE_THREAD), which only
// Unix systems give.

package capture

// Diagnostics on the article-extraction benchmark (tools/benchharness measures the
// same pages). They are skipped unless CAPTURE_BENCH names the benchmark
// folder, e.g.
//
//	CAPTURE_BENCH=/work/shared/bench/article-extraction CAPTURE_BENCH_OUT=/tmp/probe \
//	  go test -tags 'sqlite_fts5 migrated_fynedo' ./data/capture -run 'BenchProbe|StepTimes' -v
//
// TestBenchProbe prints P/R/F1 (tools/benchharness/f1.go's metric) and, per cleaning
// rule, how much it removed and how much of that the ground truth wanted. With
// CAPTURE_BENCH_OUT it writes there worst.txt (the lowest-precision pages with
// the blocks that are not in the truth and the truth paragraphs we miss),
// removed.txt (removals that hit the truth) and scores.tsv. CAPTURE_BENCH_ID
// limits it to one page and also writes that page's article HTML.

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
	"testing"
	"time"

	"annals/internal/extractscore"

	"golang.org/x/net/html"
)

func benchDir(t *testing.T) string {
	dir := os.Getenv("CAPTURE_BENCH")
	if dir == "" {
		t.Skip("set CAPTURE_BENCH to the article-extraction benchmark folder")
	}
	return dir
}

func readGzip(t *testing.T, path string) []byte {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

func TestBenchProbe(t *testing.T) {
	dir := benchDir(t)
	out := os.Getenv("CAPTURE_BENCH_OUT")
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		t.Fatal(err)
	}
	only := os.Getenv("CAPTURE_BENCH_ID")
	type result struct {
		id, truth string
		p, r      float64
		blocks    []Block
	}
	var results []result
	ruleAll, ruleTruth := map[string]int{}, map[string]int{}
	var removed strings.Builder
	t.Cleanup(func() { traceCleaning = nil })
	for id, g := range gt {
		if only != "" && id != only {
			continue
		}
		page := readGzip(t, filepath.Join(dir, "html", id+".html.gz"))
		u, _ := url.Parse(g.URL)
		truth := extractscore.Shingles(g.ArticleBody)
		traceCleaning = func(rule string, n *html.Node) {
			var all, hit int
			for k, c := range extractscore.Shingles(textContent(n)) {
				all += c
				if truth[k] > 0 {
					hit += c
				}
			}
			ruleAll[rule] += all
			ruleTruth[rule] += hit
			if hit > 0 && hit*4 >= all-hit {
				fmt.Fprintf(&removed, "%s %-16s %d/%d %.150q\n", id[:6], rule, hit, all, normaliseSpace(textContent(n)))
			}
		}
		var text string
		var blocks []Block
		if doc, err := Parse(context.Background(), page, "", u); err == nil {
			text, blocks = doc.Text, doc.Blocks
			if only != "" && out != "" {
				os.WriteFile(filepath.Join(out, id[:6]+".html"), []byte(doc.HTML), 0o644)
			}
		}
		p, r := probeScore(g.ArticleBody, text)
		results = append(results, result{id, g.ArticleBody, p, r, blocks})
	}
	var sp, sr float64
	for _, r := range results {
		sp += r.p
		sr += r.r
	}
	P, R := sp/float64(len(results)), sr/float64(len(results))
	rules := make([]string, 0, len(ruleAll))
	for r := range ruleAll {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		t.Logf("rule %-18s removed %6d shingles, %5d of them in the truth", r, ruleAll[r], ruleTruth[r])
	}
	t.Logf("pages %d  P %.4f R %.4f F1 %.4f", len(results), P, R, 2*P*R/(P+R))
	if out == "" {
		return
	}
	sort.Slice(results, func(i, j int) bool {
		return results[i].p < results[j].p || results[i].p == results[j].p && results[i].id < results[j].id
	})
	var worst, scores strings.Builder
	for i, r := range results {
		fmt.Fprintf(&scores, "%s\t%.4f\t%.4f\n", r.id, r.p, r.r)
		if i >= 40 && only == "" {
			continue
		}
		fmt.Fprintf(&worst, "\n=== %s P %.3f R %.3f %s\n", r.id, r.p, r.r, gt[r.id].URL)
		truth := extractscore.Shingles(r.truth)
		pred := map[string]int{}
		for _, bl := range r.blocks {
			if bl.Kind == BlockImage {
				continue
			}
			var miss, all int
			for k, c := range extractscore.Shingles(bl.Text) {
				pred[k] += c
				all += c
				if truth[k] == 0 {
					miss += c
				}
			}
			if miss*2 > all || only != "" {
				fmt.Fprintf(&worst, "  - [%s %d/%d] %.200q\n", bl.Kind, miss, all, bl.Text)
			}
		}
		for _, para := range strings.Split(r.truth, "\n") {
			var miss, all int
			for k, c := range extractscore.Shingles(para) {
				all += c
				if pred[k] == 0 {
					miss += c
				}
			}
			if strings.TrimSpace(para) != "" && miss*2 > all {
				fmt.Fprintf(&worst, "  + missing %.200q\n", para)
			}
		}
	}
	os.WriteFile(filepath.Join(out, "worst.txt"), []byte(worst.String()), 0o644)
	os.WriteFile(filepath.Join(out, "removed.txt"), []byte(removed.String()), 0o644)
	os.WriteFile(filepath.Join(out, "scores.tsv"), []byte(scores.String()), 0o644)
}

// TestStepTimes prints the CPU time of each capture step per benchmark page,
// on one locked thread (GC work on other threads is not counted).
// CAPTURE_BENCH_ROUNDS repeats the pages (default 3).
func TestStepTimes(t *testing.T) {
	dir := benchDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "html", "*.html.gz"))
	var pages [][]byte
	for _, f := range files {
		pages = append(pages, readGzip(t, f))
	}
	rounds := 3
	if s := os.Getenv("CAPTURE_BENCH_ROUNDS"); s != "" {
		fmt.Sscan(s, &rounds)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	threadCPU := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(1, &ru) // RUSAGE_THREAD
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	spent := make([]time.Duration, len(steps))
	var total time.Duration
	u, _ := url.Parse("https://example.org/a/b.html")
	for range rounds {
		for _, p := range pages {
			j := &job{body: p, pageURL: u, doc: &Document{}}
			for i, s := range steps {
				start := threadCPU()
				err := s.run(j)
				d := threadCPU() - start
				spent[i] += d
				total += d
				if err != nil {
					break
				}
			}
		}
	}
	n := float64(rounds * len(pages))
	for i, s := range steps {
		t.Logf("%-12s %6.3f ms/page", s.name, float64(spent[i].Microseconds())/1000/n)
	}
	t.Logf("%-12s %6.3f CPU ms/page", "total", float64(total.Microseconds())/1000/n)
}

// probeScore is one page's precision and recall under the benchmark's
// metric (0 where undefined).
func probeScore(truth, pred string) (p, r float64) {
	p, r, _, _ = extractscore.Score(truth, pred).PR()
	return p, r
}
