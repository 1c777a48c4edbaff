package analysis

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

var benchDCT = time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)

func benchArticle(b *testing.B, text string) {
	b.Helper()
	words := len(strings.Fields(text))
	DefaultGazetteer()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Analyze(context.Background(), Input{Text: text, Published: benchDCT}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)*1000/float64(words), "ms/1000words")
}

// BenchmarkAnalyzeSeed times the seed article (Arabic, about 1,000 words).
func BenchmarkAnalyzeSeed(b *testing.B) {
	text, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skipf("seed article not available: %v", err)
	}
	benchArticle(b, string(text))
}

// BenchmarkAnalyzeEnglish5000 times a generated 5,000-word English article.
func BenchmarkAnalyzeEnglish5000(b *testing.B) {
	benchArticle(b, SyntheticArticle(5000))
}
