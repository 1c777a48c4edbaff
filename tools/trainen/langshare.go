package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"annals/data/analysis"
	"annals/data/analysis/token"
	"annals/data/capture"
	"annals/internal/repo"
	"annals/internal/unseengold"
)

// langShare prints the English word share (analysis.EnglishWordShare, the
// English tagger's gate) of the pages the gate's threshold may be chosen
// on: the training pages (dev splits and annotated, all English), the
// trafilatura-eval-dev pages with their language (lang.json) and the
// article-extraction pages (no label: the lowest shares are printed with
// their first words, to be read). Pages of the unseen gold's test and ar
// splits are skipped, whatever the set.
func langShare(bench string, train []*page) error {
	held, err := heldOutFiles()
	if err != nil {
		return err
	}
	share := func(toks []token.Token) (float64, int) {
		n, en := analysis.EnglishWordShare(toks)
		if n == 0 {
			return -1, 0
		}
		return 100 * float64(en) / float64(n), n
	}
	byLang := map[string][]float64{}
	for _, p := range train {
		s, _ := share(p.toks)
		byLang["train:en"] = append(byLang["train:en"], s)
	}
	// trafilatura-eval-dev, Annals' capture of each page
	dir := filepath.Join(bench, "trafilatura-eval-dev")
	raw, err := os.ReadFile(filepath.Join(dir, "lang.json"))
	if err != nil {
		return err
	}
	var langs map[string]struct{ Lang string }
	if err := json.Unmarshal(raw, &langs); err != nil {
		return err
	}
	type row struct {
		file, lang string
		share      float64
		n          int
		head       string
	}
	var rows []row
	for file, l := range langs {
		if held["html/"+file+".gz"] {
			continue
		}
		text, err := capturedText(filepath.Join(dir, "html", file+".gz"))
		if err != nil {
			fmt.Printf("skip %s: %v\n", file, err)
			continue
		}
		s, n := share(token.Tokenize(text))
		byLang["traf:"+l.Lang] = append(byLang["traf:"+l.Lang], s)
		rows = append(rows, row{file, "traf:" + l.Lang, s, n, headWords(text)})
	}
	// article-extraction, Annals' capture of each page
	files, _ := filepath.Glob(filepath.Join(bench, "article-extraction", "html", "*.html.gz"))
	for _, f := range files {
		if held["html/"+filepath.Base(f)] {
			continue
		}
		text, err := capturedText(f)
		if err != nil {
			fmt.Printf("skip %s: %v\n", filepath.Base(f), err)
			continue
		}
		s, n := share(token.Tokenize(text))
		byLang["ae:?"] = append(byLang["ae:?"], s)
		rows = append(rows, row{filepath.Base(f)[:16], "ae:?", s, n, headWords(text)})
	}
	var keys []string
	for k := range byLang {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("set:lang\tpages\tmin\tp5\tmedian\tp95\tmax")
	for _, k := range keys {
		v := byLang[k]
		sort.Float64s(v)
		q := func(f float64) float64 { return v[int(f*float64(len(v)-1)+0.5)] }
		fmt.Printf("%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", k, len(v), v[0], q(0.05), q(0.5), q(0.95), v[len(v)-1])
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].share < rows[j].share })
	fmt.Println("\npages by share (share, words looked up, set, file, first words):")
	for _, r := range rows {
		fmt.Printf("%5.1f %4d %-8s %-40.40s %s\n", r.share, r.n, r.lang, r.file, r.head)
	}
	return nil
}

// heldOutFiles are the files of the unseen gold's test and ar pages: no
// figure may be computed on them.
func heldOutFiles() (map[string]bool, error) {
	files, _ := filepath.Glob(filepath.Join(repo.Root(), "tools", "eval", "testdata", "unseen_gold*.json"))
	held := map[string]bool{}
	for _, f := range files {
		g, err := unseengold.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, a := range g.Articles {
			if a.Split == "test" || a.Split == "ar" {
				held[a.File] = true
			}
		}
	}
	return held, nil
}

// capturedText is the text Annals' capture keeps of a gzipped page.
func capturedText(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return "", err
	}
	doc, err := capture.Parse(context.Background(), b, "", nil)
	if err != nil {
		return "", err
	}
	return doc.Text, nil
}

// headWords are the first words of a text, on one line.
func headWords(text string) string {
	f := strings.Fields(text)
	if len(f) > 14 {
		f = f[:14]
	}
	return strings.Join(f, " ")
}
