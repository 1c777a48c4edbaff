package library

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"annals/data/analysis"
	"annals/data/store"
	"annals/internal/testenv"
)

// saveUnanalysed stores n English articles the way an older Annals left
// them: saved, never analysed.
func saveUnanalysed(t *testing.T, l *Library, n, words int) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		id, _, err := l.store.SaveArticle(context.Background(), &store.Article{URL: fmt.Sprintf("https://old.example/%d", i),
			Title: fmt.Sprintf("Old %d", i), Language: "en", Text: analysis.SyntheticArticle(words + i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestAddAnalysesTheSeedArticle(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	res, err := l.ImportFile(ctx, testenv.SeedHTML(t)).Wait()
	if err != nil {
		t.Fatal(err)
	}
	id := res.IDs[0]
	if need, _ := l.ArticlesNeedingAnalysis(ctx); len(need) != 0 {
		t.Errorf("after add, articles needing analysis = %v", need)
	}
	tl, err := l.Timeline(ctx, TimelineFilter{ArticleID: id})
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]bool{}
	for _, g := range tl {
		dates[g.Date] = true
	}
	for _, d := range []string{"2024-11", "2025-01-20", "2025-01-21", "2025-01-23"} {
		if !dates[d] {
			t.Errorf("timeline lacks %s (has %v)", d, dates)
		}
	}
	d, err := l.Entity(ctx, "person:donald-trump")
	if err != nil || d.Type != "person" || d.Articles != 1 || d.Mentions < 2 {
		t.Fatalf("Trump = %+v, %v", d, err)
	}
	// Analyze returns what it stored.
	r, err := l.Analyze(ctx, id)
	if err != nil || r.Version != analysis.Version || len(r.Events) < 4 {
		t.Fatalf("Analyze = %d events, %v", len(r.Events), err)
	}
	if _, err := l.Analyze(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Analyze of a missing article: %v", err)
	}
}

func TestReanalyzeReadsOldArticlesInParallelWithProgress(t *testing.T) {
	cases := []struct {
		name     string
		run      func(l *Library) *Job
		analysed int // articles already analysed before the job
		want     int
	}{
		{"only what is missing", func(l *Library) *Job { return l.Reanalyze(context.Background()) }, 3, 7},
		{"forced", func(l *Library) *Job { return l.ReanalyzeAll(context.Background()) }, 3, 10},
		{"nothing to do", func(l *Library) *Job { return l.Reanalyze(context.Background()) }, 10, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := openTemp(t)
			ids := saveUnanalysed(t, l, 10, 200)
			for _, id := range ids[:c.analysed] {
				if _, err := l.Analyze(context.Background(), id); err != nil {
					t.Fatal(err)
				}
			}
			job := c.run(l)
			var last Progress
			var dones []int
			for p := range job.Progress() {
				last = p
				if p.Stage == StageAnalysing && p.Done > 0 {
					dones = append(dones, p.Done)
				}
			}
			res, err := job.Wait()
			if err != nil {
				t.Fatal(err)
			}
			if len(res.IDs) != c.want || len(res.Failed) != 0 {
				t.Fatalf("result = %d ids, %d failed; want %d", len(res.IDs), len(res.Failed), c.want)
			}
			if last.Stage != StageDone || last.Done != c.want || last.Total != c.want {
				t.Errorf("last progress = %+v, want done %d of %d", last, c.want, c.want)
			}
			if !slices.IsSorted(dones) || (c.want > 0 && len(dones) == 0) {
				t.Errorf("progress counts = %v, want increasing per finished article", dones)
			}
			if need, _ := l.ArticlesNeedingAnalysis(context.Background()); len(need) != 0 {
				t.Errorf("still needing analysis: %v", need)
			}
			if tl, _ := l.Timeline(context.Background(), TimelineFilter{}); len(tl) == 0 {
				t.Error("no events stored")
			}
		})
	}
}

func TestReanalyzeCancelKeepsWhatIsDone(t *testing.T) {
	l := openTemp(t)
	saveUnanalysed(t, l, 120, 1500)
	job := l.Reanalyze(context.Background())
	for p := range job.Progress() {
		if p.Done >= 1 {
			job.Cancel()
		}
	}
	res, err := job.Wait()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	need, _ := l.ArticlesNeedingAnalysis(context.Background())
	if len(res.IDs) == 0 || len(need) == 0 || len(res.IDs)+len(need) != 120 {
		t.Fatalf("after cancel: %d done, %d still needing; want some of each, 120 in all", len(res.IDs), len(need))
	}
}

func TestUserAliasReachesTheGazetteer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "annals.db")
	ctx := context.Background()
	open := func() *Library {
		l, err := Open(ctx, Options{DBPath: path})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	const alias = "The Orange One"
	text := "Donald Trump was sworn in on January 20, 2025. The Orange One signed orders on 23 January 2025."
	mentions := func(l *Library) int {
		t.Helper()
		d, err := l.Entity(ctx, "person:donald-trump")
		if err != nil {
			t.Fatal(err)
		}
		return d.Mentions
	}
	l := open()
	id, _, err := l.store.SaveArticle(ctx, &store.Article{URL: "https://en.example/a", Title: "Orders", Language: "en", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Analyze(ctx, id); err != nil {
		t.Fatal(err)
	}
	before := mentions(l)
	if err := l.AddAlias(ctx, "person:donald-trump", alias); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Analyze(ctx, id); err != nil {
		t.Fatal(err)
	}
	if got := mentions(l); got != before+1 {
		t.Errorf("after AddAlias, mentions = %d, want %d", got, before+1)
	}
	l.Close()

	// A library opened later builds its gazetteer with the stored alias.
	l = open()
	defer l.Close()
	if _, err := l.ReanalyzeAll(ctx).Wait(); err != nil {
		t.Fatal(err)
	}
	if got := mentions(l); got != before+1 {
		t.Errorf("after reopening, mentions = %d, want %d", got, before+1)
	}
	if _, ok := analysis.DefaultGazetteer().Lookup(alias); ok {
		t.Error("the user's alias leaked into the shared default gazetteer")
	}

	// Taking the spelling back: listed as the user's until then, and the
	// article is read again without it.
	d, err := l.Entity(ctx, "person:donald-trump")
	if err != nil || !slices.Contains(d.UserAliases, alias) {
		t.Fatalf("user aliases = %v, %v; want %q", d.UserAliases, err, alias)
	}
	if err := l.RemoveAlias(ctx, "person:donald-trump", "the orange one"); err != nil {
		t.Fatal(err)
	}
	if need, _ := l.ArticlesNeedingAnalysis(ctx); !slices.Contains(need, id) {
		t.Errorf("the article is not marked for re-analysis: %v", need)
	}
	if _, err := l.Reanalyze(ctx).Wait(); err != nil {
		t.Fatal(err)
	}
	if got := mentions(l); got != before {
		t.Errorf("after RemoveAlias, mentions = %d, want %d", got, before)
	}
	if d, _ := l.Entity(ctx, "person:donald-trump"); slices.Contains(d.Aliases, alias) || len(d.UserAliases) != 0 {
		t.Errorf("after RemoveAlias: aliases %v, user's %v", d.Aliases, d.UserAliases)
	}
	if err := l.RemoveAlias(ctx, "person:donald-trump", alias); !errors.Is(err, store.ErrAliasNotFound) {
		t.Errorf("removing it twice: %v", err)
	}
}

func TestCorrectionsPassThroughAndSurviveReanalysis(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	var changes atomic.Int32
	l.OnChange(func() { changes.Add(1) })
	res, err := l.ImportFile(ctx, testenv.SeedHTML(t)).Wait()
	if err != nil {
		t.Fatal(err)
	}
	tl, _ := l.Timeline(ctx, TimelineFilter{From: "2024-11", To: "2024-11"})
	if len(tl) != 1 {
		t.Fatalf("November events = %+v", tl)
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"rename", func() error { return l.RenameEntity(ctx, "person:donald-trump", "President Trump", "") }},
		{"type", func() error { return l.SetEntityType(ctx, "product:qwq", "product") }},
		{"delete event", func() error { return l.DeleteEvent(ctx, tl[0].Sources[0].EventID) }},
		{"edit missing event", func() error {
			if err := l.EditEvent(ctx, 99999, EventEdit{Title: "x"}); !errors.Is(err, ErrEventNotFound) {
				return fmt.Errorf("err = %v, want ErrEventNotFound", err)
			}
			return nil
		}},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	if n := changes.Load(); n < 4 {
		t.Errorf("OnChange called %d times, want one per save and correction", n)
	}
	if _, err := l.Analyze(ctx, res.IDs[0]); err != nil {
		t.Fatal(err)
	}
	if d, err := l.Entity(ctx, "person:donald-trump"); err != nil || d.Name != "President Trump" {
		t.Errorf("rename lost on re-analysis: %+v, %v", d, err)
	}
	if tl, _ := l.Timeline(ctx, TimelineFilter{From: "2024-11", To: "2024-11"}); len(tl) != 0 {
		t.Errorf("deleted event came back: %+v", tl)
	}
}
