// Command readforkcheck prints a SHA-256 of everything data/capture makes of
// every benchmark page (the Document as JSON, or the error), one line per
// page and a total. It checks that a change to third_party/go-readability
// (our fork, issue 19) leaves Annals' captures byte-identical: run it with the
// fork and with upstream's module (a -modfile without the replace) and
// compare.
//
//	go run -tags 'sqlite_fts5 migrated_fynedo' ./tools/readforkcheck > /tmp/new.txt
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"annals/data/capture"
)

func main() {
	bench := flag.String("bench", "../shared/bench", "the benchmarks folder")
	flag.Parse()
	urls := map[string]string{}
	if b, err := os.ReadFile(filepath.Join(*bench, "article-extraction", "ground-truth.json")); err == nil {
		var gt map[string]struct {
			URL string `json:"url"`
		}
		if json.Unmarshal(b, &gt) == nil {
			for id, g := range gt {
				urls[id] = g.URL
			}
		}
	}
	var files []string
	for _, set := range []string{"article-extraction", "trafilatura-eval-dev"} {
		f, _ := filepath.Glob(filepath.Join(*bench, set, "html", "*.html.gz"))
		files = append(files, f...)
	}
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "readforkcheck: no pages under", *bench)
		os.Exit(1)
	}
	sort.Strings(files)
	total := sha256.New()
	for _, f := range files {
		raw, err := readGz(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".html.gz")
		var u *url.URL
		if s := urls[id]; s != "" {
			u, _ = url.Parse(s)
		}
		doc, err := capture.Parse(context.Background(), raw, "", u)
		var out []byte
		if err != nil {
			out = []byte("error: " + err.Error())
		} else if out, err = json.Marshal(doc); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sum := sha256.Sum256(out)
		line := fmt.Sprintf("%s %s\n", hex.EncodeToString(sum[:]), filepath.Base(filepath.Dir(filepath.Dir(f)))+"/"+id)
		total.Write([]byte(line))
		fmt.Print(line)
	}
	fmt.Printf("%s total of %d pages\n", hex.EncodeToString(total.Sum(nil)), len(files))
}

func readGz(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}
