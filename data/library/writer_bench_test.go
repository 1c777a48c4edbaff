package library

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"annals/data/analysis"
	"annals/data/capture"
	"annals/internal/testenv"
)

// writerBatch is how many pages BenchmarkWriterBenchPages stores a batch:
// about what a bulk save of the 181 bench pages stores on two cores (nine
// or so transactions; on one core four or five of up to saveBatch).
const writerBatch = 20

// BenchmarkWriterBenchPages times the bulk save's writer alone: the 181
// bench pages, read and analysed before the timer starts, stored into a
// fresh library by storeBatch in batches of writerBatch (articles and
// analyses, two transactions a batch), and reports its CPU per page (issue
// 19: about 1.5-2 of the pipeline's 6-7 CPU ms a page). Unlike the
// pipeline's, its batches do not depend on timing, so its instruction
// count (valgrind --tool=cachegrind, GOGC=off) compares two builds
// exactly. Run with -test.cpu 1.
func BenchmarkWriterBenchPages(b *testing.B) {
	ctx := context.Background()
	htmls := testenv.ExtractionPages(b)
	// The library's gazetteer, as saveMany analyses with.
	l0, err := Open(ctx, Options{DBPath: filepath.Join(b.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		b.Fatal(err)
	}
	g, err := l0.gazetteer(ctx)
	l0.Close()
	if err != nil {
		b.Fatal(err)
	}
	var batch []prepared
	for i, html := range htmls {
		u, _ := url.Parse(fmt.Sprintf("https://site%d.example/%d", i%20, i))
		doc, err := capture.Parse(ctx, html, "text/html; charset=utf-8", u)
		if err != nil {
			continue
		}
		res, err := analysis.Analyze(ctx, analysis.Input{Text: doc.Text, Title: doc.Title,
			Language: doc.Language, Published: doc.Published, Gazetteer: g})
		batch = append(batch, prepared{i: len(batch), doc: doc, res: res, ok: err == nil})
	}
	if len(batch) < len(htmls)*9/10 {
		b.Fatalf("%d of %d pages read", len(batch), len(htmls))
	}
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		l, err := Open(ctx, Options{DBPath: filepath.Join(b.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
		if err != nil {
			b.Fatal(err)
		}
		ids, errs := make([]int64, len(batch)), make([]error, len(batch))
		runtime.GC()
		b.StartTimer()
		c0 := processCPU()
		for k := 0; k < len(batch); k += writerBatch {
			l.storeBatch(ctx, batch[k:min(k+writerBatch, len(batch))], ids, errs)
		}
		cpu += processCPU() - c0
		b.StopTimer()
		for k, id := range ids {
			if id == 0 {
				b.Fatalf("page %d not stored: %v", k, errs[k])
			}
		}
		l.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(len(batch)*b.N), "cpu-ms/page")
}
