package analysis

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func analyze(t *testing.T, text string, dct time.Time) Result {
	t.Helper()
	res, err := Analyze(context.Background(), Input{Text: text, Published: dct})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSeedAcceptance checks issue 3's acceptance on the seed article.
func TestSeedAcceptance(t *testing.T) {
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatalf("seed article text missing from assets/samples: %v", err)
	}
	text := string(b)
	title, _, _ := strings.Cut(text, "\n")
	res, err := Analyze(context.Background(), Input{Text: text, Title: title, Published: time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "ar" || res.Version != Version {
		t.Fatalf("language %q version %d", res.Language, res.Version)
	}
	byID := map[string]Entity{}
	for _, e := range res.Entities {
		byID[e.ID] = e
	}
	events := []struct {
		name, date, typ string
		entities        []string
	}{
		{"QwQ released by Alibaba", "2024-11", "release", []string{"product:qwq", "organisation:alibaba"}},
		{"Trump's inauguration speech", "2025-01-20", "political", []string{"person:donald-trump"}},
		{"DeepSeek's reasoning model released", "2025-01-20", "release", []string{"organisation:deepseek"}},
		{"AI infrastructure project announced the day after", "2025-01-21", "announcement", []string{"person:donald-trump"}},
		{"Trump signs executive orders", "2025-01-23", "regulation", []string{"person:donald-trump", "person:david-sacks", "organisation:white-house", "place:oval-office"}},
	}
	for _, want := range events {
		t.Run("event "+want.name, func(t *testing.T) {
			for _, ev := range res.Events {
				if ev.Date != want.date || ev.Type != want.typ {
					continue
				}
				ok := true
				for _, id := range want.entities {
					ok = ok && slices.Contains(ev.EntityIDs, id)
				}
				if ok {
					if ev.Title == "" || !strings.Contains(text[ev.Sentence.Start:ev.Sentence.End], text[ev.Timex.Start:ev.Timex.End]) {
						t.Fatalf("event %+v: empty title or timex outside its sentence", ev)
					}
					return
				}
			}
			t.Fatalf("no %s event on %s with %v; events: %+v", want.typ, want.date, want.entities, res.Events)
		})
	}
	entities := []struct {
		id, typ  string
		mentions []string // spellings that must be mentions of this entity
	}{
		{"person:donald-trump", "person", []string{"ترمب", "ترامب", "دونالد ترمب"}},
		{"person:joe-biden", "person", []string{"جو بايدن"}},
		{"person:david-sacks", "person", []string{"ديفيد ساكس"}},
		{"place:china", "place", []string{"الصين"}},
		{"place:beijing", "place", []string{"بكين"}},
		{"place:united-states", "place", []string{"أميركا", "الولايات المتحدة"}},
		{"place:washington-d-c", "place", []string{"واشنطن"}},
		{"organisation:alibaba", "organisation", []string{"علي بابا"}},
		{"product:qwq", "product", []string{"كيو دبليو كيو", "QwQ"}},
		{"organisation:deepseek", "organisation", []string{"ديب سيك"}},
		{"organisation:meta", "organisation", []string{"ميتا"}},
		{"organisation:openai", "organisation", []string{"أوبن إيه آي"}},
		{"product:chatgpt", "product", []string{"تشات جي بي تي"}},
		{"organisation:huawei", "organisation", []string{"هواوي"}},
		{"organisation:google", "organisation", []string{"غوغل"}},
		{"product:tiktok", "product", []string{"تيك توك"}},
		{"organisation:chinese-communist-party", "organisation", []string{"الحزب الشيوعي الصيني"}},
		{"place:silicon-valley", "place", []string{"وادي السليكون"}},
		{"organisation:white-house", "organisation", []string{"البيت الأبيض"}},
		{"place:oval-office", "place", []string{"المكتب البيضاوي"}},
	}
	for _, want := range entities {
		t.Run("entity "+want.id, func(t *testing.T) {
			e, ok := byID[want.id]
			if !ok {
				t.Fatalf("entity %s not found", want.id)
			}
			if e.Type != want.typ || !e.FromGazetteer {
				t.Fatalf("%s: type %q (want %q), from gazetteer %v", want.id, e.Type, want.typ, e.FromGazetteer)
			}
			seen := map[string]bool{}
			for _, m := range e.Mentions {
				seen[text[m.Start:m.End]] = true
			}
			for _, sp := range want.mentions {
				if !seen[sp] {
					t.Fatalf("%s: no mention spelled %q; mentions %v", want.id, sp, seen)
				}
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"arabic", "أطلقت علي بابا نموذج QwQ في نوفمبر", "ar"},
		{"english", "Alibaba released QwQ in November, كما قيل", "en"},
		{"empty", "2025 ...", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectLanguage(tc.text); got != tc.want {
				t.Fatalf("DetectLanguage = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"english abbreviations", "Mr. Smith met U.S. President Biden on Oct. 3. It rained.", []string{"Mr. Smith met U.S. President Biden on Oct. 3.", "It rained."}},
		{"english decimals and quotes", "Growth was 3.5 percent. \"We won,\" he said! Really?", []string{"Growth was 3.5 percent.", "\"We won,\" he said!", "Really?"}},
		{"arabic punctuation", "أطلقت الشركة نموذجا جديدا، وهو رخيص. هل ينجح؟ ربما", []string{"أطلقت الشركة نموذجا جديدا، وهو رخيص.", "هل ينجح؟", "ربما"}},
		{"arabic glued period and lines", "تفوقا عسكريا حاسما.لذلك فرضت القيود\nسطر ثان", []string{"تفوقا عسكريا حاسما.", "لذلك فرضت القيود", "سطر ثان"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Sentences(tc.text)
			var texts []string
			for _, s := range got {
				if tc.text[s.Start:s.End] != s.Text {
					t.Fatalf("span %v does not match %q", s.Span, s.Text)
				}
				texts = append(texts, s.Text)
			}
			if !slices.Equal(texts, tc.want) {
				t.Fatalf("got %q, want %q", texts, tc.want)
			}
		})
	}
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string // id → type
		spans      []string          // mention texts expected
	}{
		{"arabic prefixes", "التفوق التكنولوجي لواشنطن وبكين والصين بالبيت الأبيض", map[string]string{"place:washington-d-c": "place", "place:beijing": "place", "place:china": "place", "organisation:white-house": "organisation"}, []string{"واشنطن", "بكين", "الصين", "البيت الأبيض"}},
		{"arabic name kept whole", "قال بايدن إن بكين تتقدم", map[string]string{"person:joe-biden": "person", "place:beijing": "place"}, []string{"بايدن", "بكين"}},
		{"arabic merge across scripts", "ترامب وDonald Trump وترمب", map[string]string{"person:donald-trump": "person"}, nil},
		{"arabic cue rule", "قال الرئيس الفرنسي جان دوبون إن شركة زيتا ستطلق نموذجها", map[string]string{"person:جان-دوبون": "person", "organisation:زيتا": "organisation"}, []string{"جان دوبون", "زيتا"}},
		{"english gazetteer", "OpenAI and Google met U.S. officials in Washington.", map[string]string{"organisation:openai": "organisation", "organisation:google": "organisation", "place:united-states": "place", "place:washington-d-c": "place"}, nil},
		{"english rules", "Acme Robotics Inc. hired Dr. Jane Roe, and Mary Major said the Ministry of Ports agreed.", map[string]string{"organisation:acme-robotics-inc": "organisation", "person:jane-roe": "person", "person:mary-major": "person", "organisation:ministry-of-ports": "organisation"}, nil},
		{"english lowercase common word", "the apple fell near the meta data", map[string]string{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := analyze(t, tc.text, time.Time{})
			got := map[string]string{}
			var spans []string
			for _, e := range res.Entities {
				got[e.ID] = e.Type
				for _, m := range e.Mentions {
					spans = append(spans, tc.text[m.Start:m.End])
				}
			}
			for id, typ := range tc.want {
				if got[id] != typ {
					t.Errorf("entity %s: type %q, want %q (all: %v)", id, got[id], typ, got)
				}
			}
			if len(tc.want) == 0 && len(got) != 0 {
				t.Errorf("want no entity, got %v", got)
			}
			if len(res.Entities) != len(tc.want) && len(tc.want) > 0 && tc.name == "arabic merge across scripts" {
				t.Errorf("not merged: %v", got)
			}
			for _, s := range tc.spans {
				if !slices.Contains(spans, s) {
					t.Errorf("no mention %q in %q", s, spans)
				}
			}
		})
	}
}

func TestEvents(t *testing.T) {
	dct := time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text      string
		date, typ       string
		entity, trigger string
	}{
		{"english release", "Alibaba released QwQ in November.", "2024-11", "release", "organisation:alibaba", "released"},
		{"english regulation", "On January 23, 2025, Trump signed executive orders at the White House.", "2025-01-23", "regulation", "person:donald-trump", "executive"},
		{"english agreement", "Microsoft agreed a deal with OpenAI last year.", "2024", "agreement", "organisation:microsoft", "agreed"},
		{"arabic release", "أطلقت علي بابا نموذج QwQ في نوفمبر 2024.", "2024-11", "release", "organisation:alibaba", "أطلقت"},
		{"arabic announcement", "أعلنت هواوي أمس عن شريحة جديدة.", "2025-01-26", "announcement", "organisation:huawei", "أعلنت"},
		{"arabic agreement", "وقعت السعودية والإمارات اتفاقية في 5 مايو 2024.", "2024-05-05", "agreement", "place:saudi-arabia", "وقعت"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := analyze(t, tc.text, dct)
			if len(res.Events) != 1 {
				t.Fatalf("want 1 event, got %+v (timexes %+v)", res.Events, res.Timexes)
			}
			ev := res.Events[0]
			if ev.Date != tc.date || ev.Type != tc.typ || ev.Trigger != tc.trigger || !slices.Contains(ev.EntityIDs, tc.entity) {
				t.Fatalf("got %+v", ev)
			}
			if ev.Title == "" || strings.Contains(ev.Title, res.Timexes[0].Text) {
				t.Fatalf("title %q should be non-empty and leave out the date", ev.Title)
			}
		})
	}
}

// A sentence reporting two dated things gives each its own trigger and
// title: the words nearer its date, without the date and its preposition.
func TestTwoDatesInOneSentence(t *testing.T) {
	dct := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text        string
		first, then string // titles must hold these
		notThen     string // and the second must not
	}{
		{"وفي 20 يناير 2025 أعلنت شركة DeepSeek عن نموذجها R1، وتراجعت أسهم Nvidia في 27 يناير 2025 بنسبة 17 في المئة.",
			"أعلنت شركة DeepSeek", "تراجعت أسهم Nvidia بنسبة 17", "أعلنت"},
		{"DeepSeek announced its R1 model on 20 January 2025, and Nvidia shares fell 17 percent on 27 January 2025.",
			"DeepSeek announced", "Nvidia shares fell 17 percent", "announced"},
	} {
		res := analyze(t, tc.text, dct)
		byDate := map[string]Event{}
		for _, ev := range res.Events {
			byDate[ev.Date] = ev
		}
		a, b := byDate["2025-01-20"], byDate["2025-01-27"]
		if a.Type != "announcement" || !strings.Contains(a.Title, tc.first) {
			t.Errorf("20 January: %q (%s), want an announcement titled with %q", a.Title, a.Type, tc.first)
		}
		if b.Type == "announcement" || !strings.Contains(b.Title, tc.then) || strings.Contains(b.Title, tc.notThen) || strings.Contains(b.Title, "27") {
			t.Errorf("27 January: %q (%s), want %q without %q or the date", b.Title, b.Type, tc.then, tc.notThen)
		}
	}
}

// A time expression that names the event keeps its word in the title, and
// a quotation cut short is closed.
func TestEventTitleKeepsTheEventNoun(t *testing.T) {
	dct := time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)
	res := analyze(t, "تحدث الرئيس دونالد ترمب عن الذكاء الاصطناعي في خطاب تنصيبه أمام الكونغرس.", dct)
	if len(res.Events) != 1 || res.Events[0].Date != "2025-01-20" || !strings.Contains(res.Events[0].Title, "تنصيبه") {
		t.Errorf("events %+v: want one on 2025-01-20 whose title names the inauguration", res.Events)
	}
	res = analyze(t, "أطلقت علي بابا نموذج “كيو دبليو كيو” في نوفمبر 2024 لمنافسة الشركات الأميركية الكبرى في السوق.", dct)
	if len(res.Events) != 1 || strings.Count(res.Events[0].Title, "“") != strings.Count(res.Events[0].Title, "”") {
		t.Errorf("events %+v: want one title with its quotation closed", res.Events)
	}
}

func TestDurationsMakeNoEvents(t *testing.T) {
	for _, text := range []string{"The talks lasted three months.", "استمرت المفاوضات ثلاثة أشهر."} {
		t.Run(text, func(t *testing.T) {
			res := analyze(t, text, time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC))
			if len(res.Timexes) != 1 || res.Timexes[0].Type != "DURATION" || len(res.Events) != 0 {
				t.Fatalf("timexes %+v events %+v", res.Timexes, res.Events)
			}
		})
	}
}

func TestRuneSpan(t *testing.T) {
	tests := []struct {
		text       string
		span       Span
		start, end int
	}{
		{"في 23 يناير", Span{5, 7}, 3, 5},
		{"في 23 يناير", Span{8, 18}, 6, 11},
		{"on 23 Jan", Span{3, 5}, 3, 5},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			s, e := RuneSpan(tc.text, tc.span)
			if s != tc.start || e != tc.end {
				t.Fatalf("RuneSpan = %d,%d want %d,%d", s, e, tc.start, tc.end)
			}
		})
	}
}

func TestAnalyzeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyze(ctx, Input{Text: "Trump spoke on January 20, 2025."}); err == nil {
		t.Fatal("want an error from a cancelled context")
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"ترمب وقع في 23 يناير 2025 بالبيت الأبيض", "Mr. Smith said on Jan. 20, 2025 that OpenAI released GPT-5.", "لليوم التالي.", "\xff"} {
		f.Add(s)
	}
	dct := time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		res, err := Analyze(context.Background(), Input{Text: s, Published: dct})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Entities {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
					t.Fatalf("bad mention %+v of %s", m, e.ID)
				}
			}
		}
		for _, ev := range res.Events {
			if ev.Sentence.Start > ev.Timex.Start || ev.Timex.End > ev.Sentence.End {
				t.Fatalf("timex outside its sentence: %+v", ev)
			}
		}
	})
}
