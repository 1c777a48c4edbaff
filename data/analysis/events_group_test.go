package analysis_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"annals/data/analysis"
	"annals/data/capture"
	"annals/data/store"
)

// The two samples tell the same day in two languages: saved in one real
// library, the timeline puts each happening's two tellings in one group
// (a group holds one type of event, so both must get the same type).
func TestSamplesGroupAcrossLanguages(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := map[string]int64{}
	for _, name := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		doc, err := capture.ReadFile(ctx, filepath.Join("..", "..", "assets", "samples", name))
		if err != nil {
			t.Fatal(err)
		}
		id, _, err := st.SaveArticle(ctx, &store.Article{URL: "https://example.invalid/samples/" + name, Title: doc.Title,
			Text: doc.Text, Language: doc.Language, Published: doc.Published})
		if err != nil {
			t.Fatal(err)
		}
		res, err := analysis.Analyze(ctx, analysis.Input{Text: doc.Text, Title: doc.Title, Language: doc.Language, Published: doc.Published})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveAnalysis(ctx, id, res); err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	events, err := st.Timeline(ctx, store.TimelineFilter{From: "2025-01-20", To: "2025-01-20", Within: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ typ, entity string }{
		{"political", "person:donald-trump"}, // the inauguration
		{"release", "organisation:deepseek"}, // DeepSeek's R1 the same day
	} {
		found := false
		for _, ev := range events {
			if ev.Type != want.typ || !slices.ContainsFunc(ev.Entities, func(e store.EntityRef) bool { return e.Key == want.entity }) {
				continue
			}
			var from []int64
			for _, src := range ev.Sources {
				from = append(from, src.ArticleID)
			}
			if slices.Contains(from, ids["majalla-china-ai.html"]) && slices.Contains(from, ids["annals-sample-en.html"]) {
				found = true
			}
		}
		if !found {
			var got []string
			for _, ev := range events {
				got = append(got, ev.Type+" "+ev.Title)
			}
			t.Errorf("no %s group on 2025-01-20 with %s told by both samples; groups: %q", want.typ, want.entity, got)
		}
	}
}
