package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/analysis"

	"annals/internal/cputime"
)

// hugePageAnalysis is an English page of about words words (1.6 million
// make 10 MB of HTML) with its analysis: thousands of events share each of
// its dates and names.
func hugePageAnalysis(tb testing.TB, words int) (Article, analysis.Result) {
	tb.Helper()
	text := analysis.SyntheticArticle(words)
	text = strings.TrimSpace(text)
	res, err := analysis.Analyze(context.Background(), analysis.Input{Text: text, Title: "Huge", Language: "en"})
	if err != nil {
		tb.Fatal(err)
	}
	return Article{URL: "https://huge.example/page", Title: "Huge", Text: text, Language: "en"}, res
}

// Issue 15 (degraded): storing the analysis of a very large page took time
// growing faster than its size: each event checked every group its page's
// earlier events had started on its date (see candidateQuery). The
// benchmark stores a 10 MB page's analysis (18,000 events); "2.5MB" is a
// quarter of it, to compare. Run with -benchtime=1x:
//
//	go test -tags 'sqlite_fts5 migrated_fynedo' -run '^$' -bench HugePage -benchtime=1x ./data/store/
func BenchmarkSaveAnalysisHugePage(b *testing.B) {
	for _, c := range []struct {
		name  string
		words int
	}{{"2.5MB", 400000}, {"10MB", 1600000}} {
		b.Run(c.name, func(b *testing.B) {
			a, res := hugePageAnalysis(b, c.words)
			ctx := context.Background()
			var cpu time.Duration // the machine is shared: CPU time says more than wall time
			for b.Loop() {
				b.StopTimer()
				s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				art := a
				id, _, err := s.SaveArticle(ctx, &art)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				cpu0 := processCPU()
				if err := s.SaveAnalyses(ctx, []int64{id}, []analysis.Result{res}); err != nil {
					b.Fatal(err)
				}
				cpu += processCPU() - cpu0
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(res.Events)), "events")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// The bound changes nothing for a page with fewer events per date, name
// and type than it: an event of another article still joins the oldest
// group it may join, past the page's own groups.
func TestPlacingPastAPagesOwnGroups(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var b strings.Builder
	for range 30 {
		b.WriteString("Donald Trump signed an executive order on January 20, 2025, according to officials. ")
	}
	page := strings.TrimSpace(b.String())
	other := "On January 20, 2025, Donald Trump signed an executive order on chips, the White House said."
	var groups []int64
	for i, text := range []string{page, other} {
		res, err := analysis.Analyze(ctx, analysis.Input{Text: text, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		id, _, err := s.SaveArticle(ctx, &Article{URL: fmt.Sprintf("https://a.example/%d", i), Title: "x", Text: text, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnalyses(ctx, []int64{id}, []analysis.Result{res}); err != nil {
			t.Fatal(err)
		}
		groups = int64s(t, s, "SELECT group_id FROM events WHERE article_id = ? AND date = '2025-01-20' ORDER BY id", id)
	}
	first := int64s(t, s, "SELECT min(group_id) FROM events WHERE date = '2025-01-20'")
	if len(groups) == 0 || len(first) == 0 || groups[0] != first[0] {
		t.Errorf("the other article's event is in group %v; want the oldest group %v", groups, first)
	}
}

// processCPU is the CPU time this process has used (all threads).
func processCPU() time.Duration { return cputime.Process() }
