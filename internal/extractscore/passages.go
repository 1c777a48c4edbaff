package extractscore

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// The trafilatura evaluation set's metric (shared/bench/trafilatura-eval-dev
// README, trafilatura's tests/eval_common.py): whitespace is collapsed in the
// output and in every passage; a "with" passage found in the output as a
// substring is a true positive (else a false negative), a "without" passage
// found is a false positive (else a true negative); the counts are summed
// over all pages. A page the extractor refuses counts as empty output.

// PassagePage is one page of the trafilatura evaluation set.
type PassagePage struct {
	File          string // the page's file name in html/ (without .gz)
	HTML          []byte
	With, Without []string
}

// LoadPassages reads gold.json and gunzips every page of the set in dir,
// sorted by key.
func LoadPassages(dir string) ([]PassagePage, error) {
	b, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		return nil, err
	}
	var gold map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		return nil, fmt.Errorf("gold.json: %w", err)
	}
	keys := make([]string, 0, len(gold))
	for k := range gold {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pages := make([]PassagePage, 0, len(keys))
	for _, k := range keys {
		g := gold[k]
		raw, err := os.ReadFile(filepath.Join(dir, "html", g.File+".gz"))
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.File, err)
		}
		html, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.File, err)
		}
		pages = append(pages, PassagePage{File: g.File, HTML: html, With: g.With, Without: g.Without})
	}
	return pages, nil
}

// PassageCounts are the summed counts of the metric.
type PassageCounts struct{ TP, FN, FP, TN int }

// Add scores one page's output and adds its counts; it returns the passages
// of the page that were missed and the boilerplate that was kept.
func (c *PassageCounts) Add(p PassagePage, output string) (missed, kept []string) {
	out := NormSpace(output)
	for _, s := range p.With {
		if strings.Contains(out, NormSpace(s)) {
			c.TP++
		} else {
			c.FN++
			missed = append(missed, s)
		}
	}
	for _, s := range p.Without {
		if strings.Contains(out, NormSpace(s)) {
			c.FP++
			kept = append(kept, s)
		} else {
			c.TN++
		}
	}
	return missed, kept
}

// Scores are precision, recall, accuracy and F1 = 2tp/(2tp+fp+fn).
func (c PassageCounts) Scores() (p, r, acc, f1 float64) {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	return ratio(c.TP, c.TP+c.FP), ratio(c.TP, c.TP+c.FN), ratio(c.TP+c.TN, c.TP+c.FN+c.FP+c.TN),
		ratio(2*c.TP, 2*c.TP+c.FP+c.FN)
}

// NormSpace is trafilatura's re.sub(r"\s+", " ", s).strip(). Python's \s on
// str is Unicode white space (the no-break space included, and the
// separators U+001C-U+001F), wider than Go regexp's ASCII \s.
func NormSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
	}), " ")
}
