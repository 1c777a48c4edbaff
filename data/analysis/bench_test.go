package analysis

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"annals/internal/cputime"
)

var benchDCT = time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)

func benchArticle(b *testing.B, text string) {
	b.Helper()
	words := len(strings.Fields(text))
	DefaultGazetteer()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	cpu := cpuClock{}
	for b.Loop() {
		cpu.start()
		if _, err := Analyze(context.Background(), Input{Text: text, Published: benchDCT}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)*1000/float64(words), "ms/1000words")
	cpu.report(b, words)
}

// cpuClock reads the process's CPU time from the benchmark loop's first
// iteration to its end. On the shared 2-core machine other engineers'
// jobs stretch the wall-clock ms/1000words several times over but not
// this figure; run with GOMAXPROCS=1 so that it is one core's time (the
// garbage collector's share included, which Analyze's allocations cause).
type cpuClock struct{ t0 time.Duration }

// start marks the first call; b.Loop has already run the setup by then.
func (c *cpuClock) start() {
	if c.t0 == 0 {
		c.t0 = cputime.Process()
	}
}

// report adds cpu-ms/op and, when words > 0, cpu-ms/1000words, and
// returns the CPU ms per op.
func (c *cpuClock) report(b *testing.B, words int) float64 {
	if c.t0 == 0 || b.N == 0 {
		return 0
	}
	ms := float64((cputime.Process() - c.t0).Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms, "cpu-ms/op")
	if words > 0 {
		b.ReportMetric(ms*1000/float64(words), "cpu-ms/1000words")
	}
	return ms
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
