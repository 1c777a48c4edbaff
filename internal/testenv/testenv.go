// Package testenv gives tests what they read: the sample articles committed
// in assets/samples (the seed among them), so they run on any clone; the
// benchmark data in the shared folder beside the checkout (../shared), and a
// skip when it is absent; and an HTTP client that reaches only this machine.
package testenv

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Shared returns the path of name inside the shared folder, or skips the
// test with a clear message when the folder is absent.
func Shared(t testing.TB, name ...string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	p := filepath.Join(append([]string{root}, name...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared fixture %s is absent (expected ../shared beside the checkout): %v", p, err)
	}
	return p
}

// ExtractionPages returns the HTML of the article-extraction benchmark's
// pages (../shared/bench/article-extraction/html/*.html.gz), decompressed,
// in file-name order, or skips the test when the benchmark is absent.
func ExtractionPages(t testing.TB) [][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(Shared(t, "bench", "article-extraction", "html"), "*.html.gz"))
	if len(files) == 0 {
		t.Skip("../shared/bench/article-extraction holds no pages")
	}
	pages := make([][]byte, 0, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		html, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		pages = append(pages, html)
	}
	return pages
}

// SeedHTML is the first real article: an Arabic analysis from al-Majalla.
// Tests read the copy committed in assets/samples (beside it,
// majalla-china-ai.txt holds its expected text), so they run on any clone;
// only benchmark data comes from ../shared.
func SeedHTML(t testing.TB) string {
	return Sample(t, "majalla-china-ai.html")
}

// Sample returns the path of a file in the repository's assets/samples.
func Sample(t testing.TB, name string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "assets", "samples", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("sample %s is missing from the repository: %v", p, err)
	}
	return p
}

// SeedTitle is the seed article's title.
const SeedTitle = "نجاح نماذج بكين الرخيصة يهدد التفوق التكنولوجي لواشنطن"

// LoopbackClient is an HTTP client that only reaches this machine: tests
// never touch the internet, even when a page they save links to images on
// other hosts. Anything else fails at once, like an offline computer.
func LoopbackClient() *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && host != "localhost" {
			return nil, fmt.Errorf("testenv: %s is not on this machine; tests stay offline", addr)
		}
		return dialer.DialContext(ctx, network, addr)
	}
	return &http.Client{Transport: tr}
}

// PNG is a real w×h PNG filled with c, for tests that save, copy or show
// pictures.
func PNG(t testing.TB, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
