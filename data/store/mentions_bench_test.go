package store

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"annals/data/analysis"
)

// The reader's paths through mentions (015 clustered the table by article
// and span): an entity's page and a search that names an entity. On the
// library named by ANNALS_BENCH_LIBRARY (a copy: opening it migrates it),
// else on a small one made here. Run the old build and the new alternately
// on libraries of their own schema to compare. On a loaded machine read
// cpu-ms/op (the process's CPU time, getrusage), not ns/op.

// reportCPU reports the CPU time per op since c0 (processCPU,
// hugepage_test.go).
func reportCPU(b *testing.B, c0 time.Duration) {
	b.ReportMetric(float64(processCPU()-c0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func benchLibrary(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	if path := os.Getenv("ANNALS_BENCH_LIBRARY"); path != "" {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	s, err := Open(ctx, b.TempDir()+"/annals.db")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	texts := []string{arText, enText, mixedText}
	results := []analysis.Result{arResult(b), enResult(b), mixedResult(b)}
	var as []*Article
	var rs []analysis.Result
	for i := range 150 {
		as = append(as, &Article{URL: fmt.Sprintf("https://bench.example/%d", i), Title: fmt.Sprintf("Article %d", i), Text: texts[i%3]})
		rs = append(rs, results[i%3])
	}
	ids, err := s.SaveArticles(ctx, as)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
		b.Fatal(err)
	}
	return s
}

// benchEntities are the library's ten most mentioned entities and ten from
// further down the list (the 101st on, when there are so many).
func benchEntities(b *testing.B, s *Store) map[string][]EntitySummary {
	b.Helper()
	all, err := s.Entities(context.Background(), EntityFilter{})
	if err != nil {
		b.Fatal(err)
	}
	if len(all) == 0 {
		b.Fatal("the library has no entities")
	}
	mid := min(100, len(all)/2)
	return map[string][]EntitySummary{"top10": all[:min(10, len(all))], "rank100": all[mid:min(mid+10, len(all))]}
}

func BenchmarkEntityPage(b *testing.B) {
	s := benchLibrary(b)
	ctx := context.Background()
	for _, name := range []string{"top10", "rank100"} {
		ents := benchEntities(b, s)[name]
		b.Run(name, func(b *testing.B) {
			articles := 0
			c0 := processCPU()
			for b.Loop() {
				articles = 0
				for _, e := range ents {
					d, err := s.Entity(ctx, e.Key)
					if err != nil {
						b.Fatal(err)
					}
					articles += len(d.MentionedIn)
				}
			}
			reportCPU(b, c0)
			b.ReportMetric(float64(articles)/float64(len(ents)), "articles/entity")
		})
	}
}

// BenchmarkSearchByEntity searches for entities' names in both scripts, as
// the library list asks: the words' matches and the articles that name the
// entity another way.
func BenchmarkSearchByEntity(b *testing.B) {
	s := benchLibrary(b)
	ctx := context.Background()
	for _, name := range []string{"top10", "rank100"} {
		var queries []string
		for _, e := range benchEntities(b, s)[name] {
			for _, q := range []string{e.Name, e.NameAr} {
				if q != "" {
					queries = append(queries, q)
				}
			}
		}
		b.Run(name, func(b *testing.B) {
			hits, byEntity := 0, 0
			c0 := processCPU()
			for b.Loop() {
				hits, byEntity = 0, 0
				for _, q := range queries {
					r, err := s.SearchWith(ctx, q, SearchOptions{Limit: 200, Snippets: 10})
					if err != nil {
						b.Fatal(err)
					}
					hits += len(r.Hits)
					for _, h := range r.Hits {
						if h.Entity != nil {
							byEntity++
						}
					}
				}
			}
			reportCPU(b, c0)
			b.ReportMetric(float64(hits)/float64(len(queries)), "hits/query")
			b.ReportMetric(float64(byEntity)/float64(len(queries)), "entityhits/query")
		})
	}
}
