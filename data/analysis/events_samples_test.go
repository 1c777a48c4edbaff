package analysis

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals/data/analysis/token"
	"annals/data/capture"
)

// analyzeSample reads one of the bundled sample pages (assets/samples) the
// way the library does and analyses it.
func analyzeSample(t testing.TB, name string) (*capture.Document, Result) {
	t.Helper()
	doc, err := capture.ReadFile(context.Background(), filepath.Join("..", "..", "assets", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Analyze(context.Background(), Input{Text: doc.Text, Title: doc.Title, Language: doc.Language, Published: doc.Published})
	if err != nil {
		t.Fatal(err)
	}
	return doc, res
}

type wantEvent struct {
	date, typ, title string
	entities         []string // must take part
	absent           []string // must not
}

func checkEvents(t *testing.T, res Result, wants []wantEvent) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, ev := range res.Events {
			if ev.Date != w.date || ev.Title != w.title {
				continue
			}
			found = true
			if ev.Type != w.typ {
				t.Errorf("%s %q: type %s, want %s", w.date, w.title, ev.Type, w.typ)
			}
			for _, id := range w.entities {
				if !slices.Contains(ev.EntityIDs, id) {
					t.Errorf("%s %q: entities %v lack %s", w.date, w.title, ev.EntityIDs, id)
				}
			}
			for _, id := range w.absent {
				if slices.Contains(ev.EntityIDs, id) {
					t.Errorf("%s %q: entities %v hold %s, who takes no part", w.date, w.title, ev.EntityIDs, id)
				}
			}
		}
		if !found {
			var got []string
			for _, ev := range res.Events {
				got = append(got, ev.Date+" "+ev.Type+" "+ev.Title)
			}
			t.Errorf("no event on %s titled %q; events:\n%q", w.date, w.title, got)
		}
	}
}

// The seed's key dates keep their entities, and their titles say who did
// what.
func TestSeedSampleEventTitles(t *testing.T) {
	_, res := analyzeSample(t, "majalla-china-ai.html")
	checkEvents(t, res, []wantEvent{
		{"2024-11", "release", "أطلق نموذج “كيو دبليو كيو” المملوك لعملاق التجارة الإلكترونية علي بابا", []string{"product:qwq", "organisation:alibaba"}, nil},
		{"2025-01-20", "political", "وعد الرئيس دونالد ترمب في خطاب تنصيبه", []string{"person:donald-trump"}, []string{"place:united-states"}},
		{"2025-01-20", "release", "أطلقت شركة صينية أحدث النماذج اللغوية الكبيرة المذهلة", nil, []string{"person:donald-trump"}},
		{"2025-01-20", "release", "إطلاق الصين لنموذج “الاستدلال” الخاص بـ”ديب سيك”", []string{"organisation:deepseek"}, []string{"organisation:openai"}},
		{"2025-01-21", "announcement", "استضافة ترمب لإطلاق “أكبر مشروع بنية تحتية للذكاء الاصطناعي في التاريخ”", []string{"person:donald-trump"}, nil},
		{"2025-01-23", "regulation", "توقيع ترامب على سلسلة من الأوامر التنفيذية في المكتب البيضاوي بالبيت الأبيض",
			[]string{"person:donald-trump", "person:david-sacks", "organisation:white-house", "place:oval-office"}, nil},
	})
}

func TestEnglishSampleEventTitles(t *testing.T) {
	_, res := analyzeSample(t, "annals-sample-en.html")
	checkEvents(t, res, []wantEvent{
		{"2025-01-20", "political", "Donald Trump was sworn in as the 47th president of the United States", []string{"person:donald-trump"}, nil},
		{"2025-01-20", "release", "The Chinese start-up DeepSeek released R1", []string{"organisation:deepseek"}, []string{"person:donald-trump"}},
		{"2025-01-21", "announcement", "Trump announced Stargate", []string{"person:donald-trump", "organisation:stargate", "organisation:softbank"}, nil},
		{"2025-01-27", "market", "Shares of Nvidia fell by about 17 percent", []string{"organisation:nvidia"}, nil},
		{"2025-01-29", "release", "Alibaba released Qwen 2.5-Max", []string{"organisation:alibaba"}, nil},
		{"2024-11", "release", "The company had already published QwQ", []string{"product:qwq", "organisation:alibaba"}, nil},
		{"2025-01-28", "regulation", "Regulators in Italy asked DeepSeek how it handled personal data", []string{"organisation:deepseek"}, nil},
	})
}

// The same happening told in Arabic and in English gets one type, so the
// timeline can put both tellings in one group: the inauguration, and
// DeepSeek's release the same day.
func TestSamplesAgreeOnEventTypes(t *testing.T) {
	_, ar := analyzeSample(t, "majalla-china-ai.html")
	_, en := analyzeSample(t, "annals-sample-en.html")
	for _, tc := range []struct{ date, entity string }{
		{"2025-01-20", "person:donald-trump"},
		{"2025-01-20", "organisation:deepseek"},
	} {
		types := func(res Result) []string {
			var ts []string
			for _, ev := range res.Events {
				if ev.Date == tc.date && slices.Contains(ev.EntityIDs, tc.entity) && !slices.Contains(ts, ev.Type) {
					ts = append(ts, ev.Type)
				}
			}
			return ts
		}
		a, e := types(ar), types(en)
		if len(a) != 1 || !slices.Equal(a, e) {
			t.Errorf("%s with %s: Arabic types %v, English types %v; want one and the same", tc.date, tc.entity, a, e)
		}
	}
}

// BenchmarkFindEvents times the events stage alone (clauses, titles,
// participants) on a generated 5,000-word English article, to compare
// with BenchmarkAnalyzeEnglish5000, the whole analysis.
func BenchmarkFindEvents(b *testing.B) {
	text := SyntheticArticle(5000)
	res, err := Analyze(context.Background(), Input{Text: text, Published: benchDCT})
	if err != nil {
		b.Fatal(err)
	}
	toks := token.Tokenize(text)
	words := len(strings.Fields(text))
	b.ReportAllocs()
	for b.Loop() {
		findEvents(text, toks, res)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)*1000/float64(words), "ms/1000words")
}
