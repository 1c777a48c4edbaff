package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"annals/data/analysis"
)

// BenchmarkRestoreBatches merges a backup of 2,000 analysed articles into
// an empty library: in batches of restoreBatch (what Restore does) and in
// one transaction (as before), to show that batching costs little. Run:
//
//	go test -tags 'sqlite_fts5 migrated_fynedo' -run '^$' -bench RestoreBatches -benchtime=1x ./data/store/
func BenchmarkRestoreBatches(b *testing.B) {
	ctx := context.Background()
	srcPath := filepath.Join(b.TempDir(), "src.db")
	src, err := Open(ctx, srcPath)
	if err != nil {
		b.Fatal(err)
	}
	const n = 2000
	var as []*Article
	var rs []analysis.Result
	for i := range n {
		text := analysis.SyntheticArticle(200 + i%100)
		r, _ := analysis.Analyze(ctx, analysis.Input{Text: text, Language: "en"})
		as = append(as, &Article{URL: fmt.Sprintf("https://bench.example/%d", i), Title: fmt.Sprintf("Article %d", i),
			Text: text, Language: "en", Tags: []string{"t" + fmt.Sprint(i%7)}})
		rs = append(rs, r)
	}
	ids, err := src.SaveArticles(ctx, as)
	if err != nil {
		b.Fatal(err)
	}
	if err := src.SaveAnalyses(ctx, ids, rs); err != nil {
		b.Fatal(err)
	}
	src.Close()
	for _, batch := range []int{500, 1 << 30} {
		name := fmt.Sprint("batch", batch)
		if batch > n {
			name = "oneTransaction"
		}
		b.Run(name, func(b *testing.B) {
			old := restoreBatch
			restoreBatch = batch
			defer func() { restoreBatch = old }()
			var cpu float64
			for b.Loop() {
				b.StopTimer()
				dst, err := Open(ctx, filepath.Join(b.TempDir(), "dst.db"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				c0 := processCPU()
				st, err := dst.MergeFrom(ctx, srcPath)
				cpu += (processCPU() - c0).Seconds()
				if err != nil || st.Articles != n {
					b.Fatalf("%+v %v", st, err)
				}
				b.StopTimer()
				dst.Close()
				b.StartTimer()
			}
			b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
		})
	}
}
