package capture

import (
	"context"
	"net/url"
	"runtime"
	"testing"

	"annals/internal/cputime"
	"annals/internal/testenv"
)

// BenchmarkParseBenchPages captures the extraction benchmark's pages on
// one core and reports CPU ms per page: capture is most of the pipeline
// figure of issue 19. Two copies run at once (one per core) show what the
// machine itself adds when both cores are busy, with nothing shared in
// the process.
func BenchmarkParseBenchPages(b *testing.B) {
	pages := testenv.ExtractionPages(b)
	u, _ := url.Parse("https://example.com/article")
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	ctx := context.Background()
	c0 := cputime.Process()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Parse(ctx, p, "", u); err != nil {
				continue // pages without an article are timed too
			}
		}
	}
	n := float64(b.N * len(pages))
	b.ReportMetric(float64((cputime.Process()-c0).Microseconds())/1e3/n, "cpu-ms/page")
}
