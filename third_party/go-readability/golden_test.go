package readability

// Annals' byte-identity check (FORK.md, "Annals changes"): every change made
// to this fork for speed must leave every output of ParseAndMutate exactly as
// upstream v2.1.3 wrote it. The pages are the benchmarks Annals measures its
// capture on (../shared/bench, beside the Annals tree); testdata/golden.json
// holds the hashes the unchanged copy wrote for them.
//
// Rewrite the golden file (only with the unchanged copy, or when an output
// change is meant) with:
//
//	READABILITY_GOLDEN_WRITE=1 go test -run TestGoldenBenchPages .

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	nurl "net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

const goldenFile = "testdata/golden.json"

// goldenSets are the benchmark folders, relative to the bench directory.
var goldenSets = []string{"article-extraction/html", "trafilatura-eval-dev/html"}

// benchDir finds ../shared/bench beside the Annals tree (this package is
// third_party/go-readability inside it), or $ANNALS_BENCH.
func benchDir() string {
	if d := os.Getenv("ANNALS_BENCH"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "bench")
}

// goldenVariant is one way of calling the parser: as Annals' capture calls
// it (KeepClasses, a silent logger, the page's URL) and with the defaults.
type goldenVariant struct {
	name  string
	setup func(*Parser)
	url   *nurl.URL
}

var goldenVariants = []goldenVariant{
	{"capture", func(p *Parser) {
		p.Logger = slog.New(slog.DiscardHandler)
		p.KeepClasses = true
	}, mustURL("https://news.example.com/2024/05/story.html")},
	{"default", func(*Parser) {}, nil},
}

func mustURL(s string) *nurl.URL {
	u, err := nurl.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// pageOutputs are the hashes of everything ParseAndMutate gives back for one
// page: the article node's HTML and text, the metadata, and the document it
// leaves behind (Annals reads the page again after readability).
type pageOutputs struct {
	Content, Text, Meta, Doc string
}

// String is how the golden file stores a page's outputs: four truncated
// SHA-256 sums (64 bits each tell any change apart) in that order.
func (o pageOutputs) String() string {
	return fmt.Sprintf("content %s text %s meta %s doc %s", orNone(o.Content), orNone(o.Text), o.Meta, o.Doc)
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func shortHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// parseBenchPage decodes a page's bytes as a browser would (BOM, <meta>
// charset) and parses it.
func parseBenchPage(raw []byte) (*html.Node, error) {
	r, err := charset.NewReader(bytes.NewReader(raw), "text/html")
	if err != nil {
		return nil, err
	}
	return html.Parse(r)
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// outputsOf runs one variant of the parser on a freshly parsed page.
func outputsOf(raw []byte, v goldenVariant) (pageOutputs, error) {
	doc, err := parseBenchPage(raw)
	if err != nil {
		return pageOutputs{}, err
	}
	p := NewParser()
	v.setup(&p)
	article, perr := p.ParseAndMutate(doc, v.url)

	var out pageOutputs
	var buf bytes.Buffer
	if article.Node != nil {
		if err := html.Render(&buf, article.Node); err != nil {
			return out, err
		}
		out.Content = shortHash(buf.Bytes())
		buf.Reset()
		if err := article.RenderText(&buf); err != nil {
			return out, err
		}
		out.Text = shortHash(buf.Bytes())
	}
	pub, pubErr := article.PublishedTime()
	mod, modErr := article.ModifiedTime()
	meta := []string{
		fmt.Sprint(perr), article.Title(), article.Byline(), article.Excerpt(), article.SiteName(),
		article.ImageURL(), article.Favicon(), article.Language(),
		article.publishedTime, article.modifiedTime,
		pub.String(), fmt.Sprint(pubErr), mod.String(), fmt.Sprint(modErr),
	}
	out.Meta = shortHash([]byte(strings.Join(meta, "\x00")))
	buf.Reset()
	if err := html.Render(&buf, doc); err != nil {
		return out, err
	}
	out.Doc = shortHash(buf.Bytes())
	return out, nil
}

func benchPages(t testing.TB) []string {
	dir := benchDir()
	var pages []string
	for _, set := range goldenSets {
		files, err := filepath.Glob(filepath.Join(dir, set, "*.html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, files...)
	}
	if len(pages) == 0 {
		t.Skipf("no benchmark pages under %s (the Annals benchmarks live in ../shared/bench beside the tree; set ANNALS_BENCH to point elsewhere)", dir)
	}
	sort.Strings(pages)
	return pages
}

// goldenKey names a page by its folder and file name, so that the golden file
// does not depend on where the benchmarks are.
func goldenKey(path, variant string) string {
	set := filepath.Base(filepath.Dir(filepath.Dir(path)))
	name := strings.TrimSuffix(filepath.Base(path), ".html.gz")
	if len(name) == 64 && strings.Trim(name, "0123456789abcdef") == "" {
		name = name[:16] // a page named by its SHA-256: 16 digits tell them apart
	}
	return set + "/" + name + "/" + variant
}

func TestGoldenBenchPages(t *testing.T) {
	pages := benchPages(t)
	got := make(map[string]string, len(pages)*len(goldenVariants))
	for _, path := range pages {
		raw, err := readGz(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range goldenVariants {
			out, err := outputsOf(raw, v)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			key := goldenKey(path, v.name)
			if _, dup := got[key]; dup {
				t.Fatalf("two pages named %s", key)
			}
			got[key] = out.String()
		}
	}

	if os.Getenv("READABILITY_GOLDEN_WRITE") != "" {
		js, err := json.MarshalIndent(got, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenFile, append(js, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d page outputs to %s", len(got), goldenFile)
		return
	}

	js, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]string
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d page outputs, the golden file has %d", len(got), len(want))
	}
	differ := 0
	for _, key := range sortedKeys(want) {
		g, ok := got[key]
		switch {
		case !ok:
			t.Errorf("%s: in the golden file, not among the pages", key)
		case g != want[key]:
			differ++
			if differ <= 20 {
				t.Errorf("%s: outputs differ from upstream's\n got  %s\n want %s", key, g, want[key])
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d page outputs differ from upstream's", differ, len(want))
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// BenchmarkBenchPages times ParseAndMutate, called as capture calls it, over
// the article-extraction pages: each round parses every page afresh with the
// timer stopped, then runs the parser on all of them. cpu-ms/page is the
// process's CPU time (GC included) where the platform tells it.
func BenchmarkBenchPages(b *testing.B) {
	raws := loadBenchSet(b, goldenSets[0])
	docs := make([]*html.Node, len(raws))
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for k, raw := range raws {
			doc, err := parseBenchPage(raw)
			if err != nil {
				b.Fatal(err)
			}
			docs[k] = doc
		}
		start := processCPU()
		b.StartTimer()
		for _, doc := range docs {
			p := NewParser()
			goldenVariants[0].setup(&p)
			if _, err := p.ParseAndMutate(doc, goldenVariants[0].url); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		cpu += processCPU() - start
		b.StartTimer()
	}
	pages := float64(b.N * len(raws))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/pages/1e6, "ms/page")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/pages/1e6, "cpu-ms/page")
	}
}

func loadBenchSet(b *testing.B, set string) [][]byte {
	files, err := filepath.Glob(filepath.Join(benchDir(), set, "*.html.gz"))
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Skipf("no benchmark pages under %s", filepath.Join(benchDir(), set))
	}
	sort.Strings(files)
	raws := make([][]byte, 0, len(files))
	for _, f := range files {
		raw, err := readGz(f)
		if err != nil {
			b.Fatal(err)
		}
		raws = append(raws, raw)
	}
	return raws
}
