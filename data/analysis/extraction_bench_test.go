package analysis

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"annals/internal/testenv"
)

// extractionTexts reads the benchmark's article bodies in a fixed order, or
// skips when the benchmark is absent.
func extractionTexts(tb testing.TB) []string {
	tb.Helper()
	// The ground truth of the article-extraction benchmark (181 English
	// news pages): real English text of the kind users save, which the
	// synthetic article does not stand in for when profiling.
	raw, err := os.ReadFile(testenv.Shared(tb, "bench", "article-extraction", "ground-truth.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var pages map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &pages); err != nil {
		tb.Fatal(err)
	}
	keys := make([]string, 0, len(pages))
	for k := range pages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	texts := make([]string, 0, len(keys))
	for _, k := range keys {
		texts = append(texts, pages[k].ArticleBody)
	}
	return texts
}

// BenchmarkAnalyzeExtractionPages times Analyze over all the benchmark's
// English article bodies; ms/page is the figure issue 19 budgets.
func BenchmarkAnalyzeExtractionPages(b *testing.B) {
	texts := extractionTexts(b)
	DefaultGazetteer()
	words := 0
	for _, t := range texts {
		words += len(strings.Fields(t))
	}
	b.ReportAllocs()
	cpu := cpuClock{}
	for b.Loop() {
		cpu.start()
		for _, t := range texts {
			if _, err := Analyze(context.Background(), Input{Text: t, Published: benchDCT}); err != nil {
				b.Fatal(err)
			}
		}
	}
	ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms/float64(len(texts)), "ms/page")
	b.ReportMetric(ms*1000/float64(words), "ms/1000words")
	b.ReportMetric(cpu.report(b, words)/float64(len(texts)), "cpu-ms/page")
}

// extractionDigest is the SHA-256 of the JSON of every page's analysis (and
// the Arabic seed's and a synthetic English article's), taken
// at analysis.Version 7 before the speed work of issue 19: a change that is
// only meant to make analysis faster must leave it as it is. When the output
// changes on purpose (and Version is bumped), print the new digest with
// -v and replace it.
const extractionDigest = "fb92f33f159f59e5229a44cf08cb1693d3507169f82405e361f2fbcbba63de92" // Version 12 (session 11: the 20 non-English pages get known names and given name + family name only, 17 of them changed; known names alone b5f6e764…, before that 8e71d716…, before the tagger's gate baf50445…, Version 11 a497cc8e…)

func TestAnalyzeExtractionPagesUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 181 pages")
	}
	texts := extractionTexts(t)
	// The Arabic seed shares the folding and token code, so it is kept too.
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, string(seed), SyntheticArticle(5000))
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, text := range texts {
		res, err := Analyze(context.Background(), Input{Text: text, Published: benchDCT})
		if err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(res); err != nil {
			t.Fatal(err)
		}
	}
	got := hex.EncodeToString(h.Sum(nil))
	t.Logf("digest of %d pages at Version %d: %s", len(texts), Version, got)
	if Version != 12 {
		t.Fatalf("analysis.Version is %d: take a new digest of the pages (%s) for it", Version, got)
	}
	if got != extractionDigest {
		t.Errorf("the analysis of the benchmark pages changed: digest %s, want %s", got, extractionDigest)
	}
}
