// Command trafilatura times github.com/markusmobius/go-trafilatura on the
// article-extraction benchmark pages for tools/benchharness. It is its own module
// so that the app's go.mod never depends on it; the app does not use it.
//
//	go run . <html-dir>
//
// Pages are gunzipped into memory first; the clock covers parse + extract
// (EnableFallback: readability and dom-distiller as trafilatura's own
// fallbacks) on one core, after one untimed warm-up round. Prints one JSON
// object: { pages, ms_per_page, cpu_ms_per_page, failures, texts }.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

type page struct {
	id   string
	html []byte
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: trafilatura <html-dir>")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(1)
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.html.gz"))
	sort.Strings(files)
	var pages []page
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			fmt.Fprintln(os.Stderr, f, err)
			os.Exit(1)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			fmt.Fprintln(os.Stderr, f, err)
			os.Exit(1)
		}
		pages = append(pages, page{strings.TrimSuffix(filepath.Base(f), ".html.gz"), b})
	}
	extract := func(b []byte) (string, error) {
		r, err := trafilatura.Extract(bytes.NewReader(b), trafilatura.Options{EnableFallback: true, ExcludeComments: true})
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	}
	for _, p := range pages {
		_, _ = extract(p.html) // warm-up
	}
	texts := map[string]string{}
	failures := 0
	t0, c0 := time.Now(), cpuTime()
	for _, p := range pages {
		t, err := extract(p.html)
		if err != nil {
			failures++
		}
		texts[p.id] = t
	}
	wall, cpu := time.Since(t0), cpuTime()-c0
	n := float64(len(pages))
	out, _ := json.Marshal(map[string]any{
		"pages": len(pages), "ms_per_page": float64(wall) / 1e6 / n, "cpu_ms_per_page": float64(cpu) / 1e6 / n,
		"failures": failures, "texts": texts,
	})
	os.Stdout.Write(out)
}
