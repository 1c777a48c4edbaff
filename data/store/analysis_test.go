package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"annals/data/analysis"
	"annals/data/capture"
	"annals/internal/testenv"
)

// ent describes a machine entity for mkResult: every occurrence of each
// spelling in the text is a mention.
type ent struct {
	id, name  string
	spellings []string
	rules     bool // found by the rules, not the gazetteer
}

// ev describes a machine event: the sentence holding timex, with entities.
type ev struct {
	date, typ, title, timex string
	ents                    []string
}

// mkResult builds the analysis a real run would store for text.
func mkResult(t testing.TB, text string, ents []ent, evs ...ev) analysis.Result {
	t.Helper()
	res := analysis.Result{Version: analysis.Version, Language: analysis.DetectLanguage(text), Sentences: analysis.Sentences(text)}
	for _, e := range ents {
		ae := analysis.Entity{ID: e.id, Name: e.name, Type: strings.SplitN(e.id, ":", 2)[0], Aliases: e.spellings, FromGazetteer: !e.rules}
		for _, sp := range e.spellings {
			for off := 0; ; {
				i := strings.Index(text[off:], sp)
				if i < 0 {
					break
				}
				ae.Mentions = append(ae.Mentions, analysis.Span{Start: off + i, End: off + i + len(sp)})
				off += i + len(sp)
			}
		}
		res.Entities = append(res.Entities, ae)
	}
	for _, e := range evs {
		i := strings.Index(text, e.timex)
		if i < 0 {
			t.Fatalf("mkResult: %q not in text", e.timex)
		}
		var sent analysis.Sentence
		for _, s := range res.Sentences {
			if s.Start <= i && i < s.End {
				sent = s
			}
		}
		res.Events = append(res.Events, analysis.Event{Date: e.date, Precision: precisionOf(e.date), Type: e.typ, Title: e.title,
			Sentence: sent.Span, SentenceText: sent.Text, Timex: analysis.Span{Start: i, End: i + len(e.timex)}, EntityIDs: e.ents})
	}
	return res
}

func saveText(t testing.TB, s *Store, url, title, text string) int64 {
	t.Helper()
	id, _, err := s.SaveArticle(context.Background(), &Article{URL: url, Title: title, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

const (
	arText = "أدى الرئيس دونالد ترمب اليمين في 20 يناير 2025. وقع ترامب أوامر تنفيذية في 23 يناير 2025 مع ديفيد ساكس في واشنطن."
	enText = "Donald Trump was sworn in on January 20, 2025. Trump signed executive orders on 23 Jan. 2025 with David Sacks in Washington."
)

var (
	trump = ent{id: "person:donald-trump", name: "Donald Trump", spellings: []string{"دونالد ترمب", "ترامب", "Donald Trump", "Trump signed"}}
	sacks = ent{id: "person:david-sacks", name: "David Sacks", spellings: []string{"ديفيد ساكس", "David Sacks"}}
	wash  = ent{id: "place:washington", name: "Washington", spellings: []string{"واشنطن", "Washington"}}
)

func arResult(t testing.TB) analysis.Result {
	return mkResult(t, arText, []ent{trump, sacks, wash},
		ev{"2025-01-20", "political", "أدى ترمب اليمين", "20 يناير 2025", []string{trump.id}},
		ev{"2025-01-23", "regulation", "وقع ترامب أوامر تنفيذية", "23 يناير 2025", []string{trump.id, sacks.id, wash.id}})
}

func enResult(t testing.TB) analysis.Result {
	return mkResult(t, enText, []ent{trump, sacks, wash},
		ev{"2025-01-20", "political", "Trump sworn in", "January 20, 2025", []string{trump.id}},
		ev{"2025-01-23", "regulation", "Trump signed executive orders", "23 Jan. 2025", []string{trump.id, sacks.id, wash.id}})
}

func TestSaveAnalysisStoresSpansCountsAndVersion(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id := saveText(t, s, "https://ar.example/1", "تنصيب", arText)
	if need, _ := s.ArticlesNeedingAnalysis(ctx, analysis.Version); !slices.Equal(need, []int64{id}) {
		t.Fatalf("before analysis, needing = %v, want [%d]", need, id)
	}
	if err := s.SaveAnalysis(ctx, id, arResult(t)); err != nil {
		t.Fatal(err)
	}
	if need, _ := s.ArticlesNeedingAnalysis(ctx, analysis.Version); len(need) != 0 {
		t.Errorf("after analysis, needing = %v, want none", need)
	}
	if need, _ := s.ArticlesNeedingAnalysis(ctx, analysis.Version+1); len(need) != 1 {
		t.Errorf("a newer analysis version should need the article again, got %v", need)
	}
	if v, _ := s.AnalysisVersion(ctx, id); v != analysis.Version {
		t.Errorf("AnalysisVersion = %d", v)
	}
	// Byte spans cut the text at whole letters.
	rows, err := s.db.QueryContext(ctx, "SELECT byte_start, byte_end FROM mentions WHERE article_id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var bs, be int
		if err := rows.Scan(&bs, &be); err != nil {
			t.Fatal(err)
		}
		n++
		if bs >= be || !utf8.ValidString(arText[bs:be]) {
			t.Errorf("mention %d-%d = %q does not cut the text at letters", bs, be, arText[bs:be])
		}
	}
	rows.Close()
	// The entity page's snippet is the sentence of the first mention,
	// holding it.
	for _, e := range []ent{trump, sacks, wash} {
		key := e.id
		d, err := s.Entity(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.MentionedIn) != 1 {
			t.Fatalf("%s is in %d articles, want 1", key, len(d.MentionedIn))
		}
		a := d.MentionedIn[0]
		sp := a.Sentence
		if sp.Start < 0 || sp.End > len(arText) || a.SentenceText != arText[sp.Start:sp.End] || !utf8.ValidString(a.SentenceText) {
			t.Errorf("%s: sentence %d-%d %q is not the text's", key, sp.Start, sp.End, a.SentenceText)
			continue
		}
		held := false
		for _, sp := range e.spellings {
			held = held || strings.Contains(a.SentenceText, sp)
		}
		if !held || !strings.HasSuffix(a.SentenceText, ".") {
			t.Errorf("%s: sentence %q holds none of its mentions or is not whole", key, a.SentenceText)
		}
	}
	if n != 4 {
		t.Errorf("mentions = %d, want 4", n)
	}
	ents, err := s.Entities(ctx, EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]int{trump.id: {2, 1, 2}, sacks.id: {1, 1, 1}, wash.id: {1, 1, 1}}
	if len(ents) != len(want) {
		t.Fatalf("entities = %+v", ents)
	}
	for _, e := range ents {
		if got := [3]int{e.Mentions, e.Articles, e.Events}; got != want[e.Key] {
			t.Errorf("%s: mentions/articles/events = %v, want %v", e.Key, got, want[e.Key])
		}
	}
	if ents[0].Key != trump.id {
		t.Errorf("most mentioned first: got %s", ents[0].Key)
	}
}

func TestSaveAnalysisRejectsBadInput(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id := saveText(t, s, "https://x.example/1", "short", "short")
	cases := []struct {
		name string
		id   int64
		res  analysis.Result
		want error
	}{
		{"unknown article", 9999, analysis.Result{}, ErrNotFound},
		{"span outside the text", id, analysis.Result{Entities: []analysis.Entity{{ID: "place:x", Mentions: []analysis.Span{{Start: 2, End: 50}}}}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := s.SaveAnalysis(ctx, c.id, c.res)
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
}

func TestSaveAnalysisIsOneTransaction(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id := saveText(t, s, "https://ar.example/1", "تنصيب", arText)
	if err := s.SaveAnalysis(ctx, id, arResult(t)); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Timeline(ctx, TimelineFilter{})
	// Fail the last step of the next write, after mentions and events were replaced.
	if _, err := s.db.Exec(`CREATE TRIGGER fail_analysis BEFORE INSERT ON article_analysis BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`CREATE TRIGGER fail_analysis_up BEFORE UPDATE ON article_analysis BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalysis(ctx, id, analysis.Result{Version: analysis.Version}); err == nil {
		t.Fatal("SaveAnalysis succeeded although its last write failed")
	}
	after, _ := s.Timeline(ctx, TimelineFilter{})
	if len(after) != len(before) || len(after) != 2 {
		t.Fatalf("a failed re-analysis changed the timeline: %d groups before, %d after", len(before), len(after))
	}
	if e, err := s.Entity(ctx, trump.id); err != nil || e.Mentions != 2 {
		t.Fatalf("a failed re-analysis changed the mentions: %+v, %v", e, err)
	}
}

// TestCorrectionsSurviveReanalysis makes each correction, re-analyses the
// article with the same machine output, and checks the correction holds.
func TestCorrectionsSurviveReanalysis(t *testing.T) {
	ctx := context.Background()
	eventID := func(t *testing.T, s *Store, date string) int64 {
		t.Helper()
		tl, err := s.Timeline(ctx, TimelineFilter{From: date, To: date})
		if err != nil || len(tl) != 1 {
			t.Fatalf("timeline on %s = %+v, %v", date, tl, err)
		}
		return tl[0].Sources[0].EventID
	}
	cases := []struct {
		name    string
		correct func(t *testing.T, s *Store) error
		check   func(t *testing.T, s *Store)
	}{
		{"rename", func(t *testing.T, s *Store) error {
			return s.RenameEntity(ctx, trump.id, "President Trump", "الرئيس ترمب")
		}, func(t *testing.T, s *Store) {
			e, err := s.Entity(ctx, trump.id)
			if err != nil || e.Name != "President Trump" || e.NameAr != "الرئيس ترمب" || !e.NameEdited {
				t.Fatalf("entity = %+v, %v", e, err)
			}
			tl, _ := s.Timeline(ctx, TimelineFilter{})
			if tl[0].Entities[0].Name != "President Trump" {
				t.Errorf("timeline entity name = %q", tl[0].Entities[0].Name)
			}
		}},
		{"delete event", func(t *testing.T, s *Store) error {
			return s.DeleteEvent(ctx, eventID(t, s, "2025-01-20"))
		}, func(t *testing.T, s *Store) {
			tl, _ := s.Timeline(ctx, TimelineFilter{})
			if len(tl) != 1 || tl[0].Date != "2025-01-23" {
				t.Fatalf("timeline = %+v, want only 2025-01-23", tl)
			}
		}},
		{"edit event", func(t *testing.T, s *Store) error {
			return s.EditEvent(ctx, eventID(t, s, "2025-01-23"), EventEdit{Date: "2025-01-24", Title: "Orders signed", Type: "political"})
		}, func(t *testing.T, s *Store) {
			tl, _ := s.Timeline(ctx, TimelineFilter{From: "2025-01-22"})
			if len(tl) != 1 || tl[0].Date != "2025-01-24" || tl[0].Precision != "day" || tl[0].Title != "Orders signed" ||
				tl[0].Type != "political" || !tl[0].Sources[0].UserEdited {
				t.Fatalf("timeline = %+v", tl)
			}
		}},
		{"set type", func(t *testing.T, s *Store) error {
			return s.SetEntityType(ctx, sacks.id, "organisation")
		}, func(t *testing.T, s *Store) {
			e, err := s.Entity(ctx, sacks.id)
			if err != nil || e.Type != "organisation" || !e.TypeEdited {
				t.Fatalf("entity = %+v, %v", e, err)
			}
		}},
		{"merge", func(t *testing.T, s *Store) error {
			return s.MergeEntities(ctx, sacks.id, trump.id)
		}, func(t *testing.T, s *Store) {
			e, err := s.Entity(ctx, sacks.id) // the old key leads to the merged entity
			if err != nil || e.Key != trump.id || e.Mentions != 3 || !slices.Contains(e.Aliases, "ديفيد ساكس") {
				t.Fatalf("entity = %+v, %v", e, err)
			}
			ents, _ := s.Entities(ctx, EntityFilter{Type: "person"})
			if len(ents) != 1 {
				t.Errorf("persons after merge = %+v", ents)
			}
		}},
		{"not an entity", func(t *testing.T, s *Store) error {
			return s.MarkNotEntity(ctx, wash.id)
		}, func(t *testing.T, s *Store) {
			if _, err := s.Entity(ctx, wash.id); !errors.Is(err, ErrEntityNotFound) {
				t.Fatalf("Entity = %v, want ErrEntityNotFound", err)
			}
			tl, _ := s.Timeline(ctx, TimelineFilter{From: "2025-01-23"})
			for _, r := range tl[0].Entities {
				if r.Key == wash.id {
					t.Error("event still lists the entity")
				}
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTemp(t)
			id := saveText(t, s, "https://ar.example/1", "تنصيب", arText)
			if err := s.SaveAnalysis(ctx, id, arResult(t)); err != nil {
				t.Fatal(err)
			}
			if err := c.correct(t, s); err != nil {
				t.Fatalf("correction: %v", err)
			}
			c.check(t, s)
			if err := s.SaveAnalysis(ctx, id, arResult(t)); err != nil {
				t.Fatal(err)
			}
			t.Run("after re-analysis", func(t *testing.T) { c.check(t, s) })
		})
	}
}

func TestUserAliasMergesRuleEntities(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	text := "قال الرئيس ترمپ إن ترامب سيوقع."
	odd := ent{id: "person:ترمپ", name: "ترمپ", spellings: []string{"ترمپ"}, rules: true}
	tr := ent{id: trump.id, name: trump.name, spellings: []string{"ترامب"}}
	id := saveText(t, s, "https://ar.example/2", "t", text)
	if err := s.SaveAnalysis(ctx, id, mkResult(t, text, []ent{odd, tr})); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAlias(ctx, trump.id, "ترمپ"); err != nil {
		t.Fatal(err)
	}
	for _, round := range []string{"now", "after re-analysis"} {
		if round != "now" {
			if err := s.SaveAnalysis(ctx, id, mkResult(t, text, []ent{odd, tr})); err != nil {
				t.Fatal(err)
			}
		}
		ents, _ := s.Entities(ctx, EntityFilter{})
		if len(ents) != 1 || ents[0].Key != trump.id || ents[0].Mentions != 2 {
			t.Errorf("%s: entities = %+v, want one Trump with 2 mentions", round, ents)
		}
	}
	al, err := s.UserAliases(ctx)
	if err != nil || len(al) != 1 || al[0].EntityKey != trump.id || al[0].Type != "person" {
		t.Errorf("UserAliases = %+v, %v", al, err)
	}
}

func TestTimelineGroupsAndFilters(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ar := saveText(t, s, "https://ar.example/1", "عربي", arText)
	en := saveText(t, s, "https://en.example/1", "English", enText)
	// A third article on 2025-01-23 sharing only a place: not the same event.
	other := "Protesters marched in Washington on 23 Jan. 2025."
	ot := saveText(t, s, "https://en.example/2", "Protest", other)
	for _, r := range []struct {
		id  int64
		res analysis.Result
	}{{ar, arResult(t)}, {en, enResult(t)},
		{ot, mkResult(t, other, []ent{wash}, ev{"2025-01-23", "political", "Protest", "23 Jan. 2025", []string{wash.id}})}} {
		if err := s.SaveAnalysis(ctx, r.id, r.res); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Timeline(ctx, TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range all {
		got = append(got, fmt.Sprintf("%s/%d", g.Date, len(g.Sources)))
	}
	if want := []string{"2025-01-20/2", "2025-01-23/2", "2025-01-23/1"}; !slices.Equal(got, want) {
		t.Fatalf("groups = %v, want %v", got, want)
	}
	if g := all[1]; g.Sources[0].ArticleID != ar || g.Sources[1].ArticleID != en || len(g.Entities) != 3 ||
		!strings.Contains(g.Sources[1].SentenceText, "executive orders") || g.Sources[1].ArticleTitle != "English" {
		t.Errorf("group = %+v", g)
	}
	cases := []struct {
		name string
		f    TimelineFilter
		want []string // dates of groups
	}{
		{"from", TimelineFilter{From: "2025-01-21"}, []string{"2025-01-23", "2025-01-23"}},
		{"to month", TimelineFilter{To: "2025-01"}, []string{"2025-01-20", "2025-01-23", "2025-01-23"}},
		{"to day", TimelineFilter{To: "2025-01-22"}, []string{"2025-01-20"}},
		{"before", TimelineFilter{To: "2024"}, nil},
		{"type", TimelineFilter{Types: []string{"regulation"}}, []string{"2025-01-23"}},
		{"entity", TimelineFilter{EntityKeys: []string{sacks.id}}, []string{"2025-01-23"}},
		{"article", TimelineFilter{ArticleID: ot}, []string{"2025-01-23"}},
		{"limit", TimelineFilter{Limit: 1}, []string{"2025-01-20"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl, err := s.Timeline(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var dates []string
			for _, g := range tl {
				dates = append(dates, g.Date)
			}
			if !slices.Equal(dates, c.want) {
				t.Errorf("dates = %v, want %v", dates, c.want)
			}
		})
	}
	// A month-precision event lies inside a day-precision range of that month.
	mid := "QwQ was released in November."
	mi := saveText(t, s, "https://en.example/3", "QwQ", mid)
	if err := s.SaveAnalysis(ctx, mi, mkResult(t, mid, nil, ev{"2024-11", "release", "QwQ released", "November", nil})); err != nil {
		t.Fatal(err)
	}
	if tl, _ := s.Timeline(ctx, TimelineFilter{From: "2024-11-15", To: "2024-12-01"}); len(tl) != 1 || tl[0].Date != "2024-11" {
		t.Errorf("month event in day range = %+v", tl)
	}
	// Deleting an article removes its events, mentions and counts.
	if err := s.Delete(ctx, en); err != nil {
		t.Fatal(err)
	}
	if tl, _ := s.Timeline(ctx, TimelineFilter{From: "2025-01-23", To: "2025-01-23"}); len(tl) != 2 || len(tl[0].Sources) != 1 {
		t.Errorf("after delete, timeline = %+v", tl)
	}
	if e, _ := s.Entity(ctx, trump.id); e == nil || e.Mentions != 2 || e.Articles != 1 || e.Events != 2 {
		t.Errorf("after delete, trump = %+v", e)
	}
}

func TestEntitiesAndEntityDetail(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ar := saveText(t, s, "https://ar.example/1", "عربي", arText)
	en := saveText(t, s, "https://en.example/1", "English", enText)
	for id, res := range map[int64]analysis.Result{ar: arResult(t), en: enResult(t)} {
		if err := s.SaveAnalysis(ctx, id, res); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		f    EntityFilter
		want []string
	}{
		{"by mentions", EntityFilter{}, []string{trump.id, sacks.id, wash.id}},
		{"by name", EntityFilter{Sort: "name"}, []string{sacks.id, trump.id, wash.id}},
		{"type", EntityFilter{Type: "place"}, []string{wash.id}},
		{"query arabic alias", EntityFilter{Query: "ترامب"}, []string{trump.id}},
		{"query latin, any case", EntityFilter{Query: "SACKS"}, []string{sacks.id}},
		{"limit", EntityFilter{Limit: 1}, []string{trump.id}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es, err := s.Entities(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, e := range es {
				keys = append(keys, e.Key)
			}
			if !slices.Equal(keys, c.want) {
				t.Errorf("keys = %v, want %v", keys, c.want)
			}
		})
	}
	if _, err := s.Entities(ctx, EntityFilter{Sort: "bogus"}); err == nil {
		t.Error("unknown sort accepted")
	}
	d, err := s.Entity(ctx, trump.id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Mentions != 4 || d.Articles != 2 || d.Events != 4 || len(d.MentionedIn) != 2 || len(d.InEvents) != 4 {
		t.Fatalf("detail = %+v", d)
	}
	for _, a := range d.MentionedIn {
		if !strings.Contains(a.SentenceText, "Donald Trump") && !strings.Contains(a.SentenceText, "دونالد ترمب") {
			t.Errorf("article %d: sentence %q is not the first mention's", a.ArticleID, a.SentenceText)
		}
	}
	if len(d.CoOccurring) != 2 || d.CoOccurring[0].Articles != 2 {
		t.Errorf("co-occurring = %+v", d.CoOccurring)
	}
	if _, err := s.Entity(ctx, "person:nobody"); !errors.Is(err, ErrEntityNotFound) {
		t.Errorf("missing entity: %v", err)
	}
	if err := s.RenameEntity(ctx, "person:nobody", "x", ""); !errors.Is(err, ErrEntityNotFound) {
		t.Errorf("rename missing entity: %v", err)
	}
	if err := s.SetEntityType(ctx, trump.id, "wizard"); err == nil {
		t.Error("unknown type accepted")
	}
	if err := s.EditEvent(ctx, 99999, EventEdit{Title: "x"}); !errors.Is(err, ErrEventNotFound) {
		t.Errorf("edit missing event: %v", err)
	}
	if err := s.EditEvent(ctx, d.InEvents[0].EventID, EventEdit{Date: "last Tuesday"}); err == nil {
		t.Error("a non-TIMEX date accepted")
	}
}

func TestChangedTextDropsAnalysis(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id := saveText(t, s, "https://ar.example/1", "تنصيب", arText)
	if err := s.SaveAnalysis(ctx, id, arResult(t)); err != nil {
		t.Fatal(err)
	}
	saveText(t, s, "https://ar.example/1", "تنصيب", arText) // same text: analysis kept
	if need, _ := s.ArticlesNeedingAnalysis(ctx, analysis.Version); len(need) != 0 {
		t.Fatalf("re-saving the same text dropped the analysis")
	}
	saveText(t, s, "https://ar.example/1", "تنصيب", arText+" نص جديد.")
	if need, _ := s.ArticlesNeedingAnalysis(ctx, analysis.Version); len(need) != 1 {
		t.Fatalf("new text kept old spans: needing = %v", need)
	}
	if tl, _ := s.Timeline(ctx, TimelineFilter{}); len(tl) != 0 {
		t.Errorf("events of the old text remain: %+v", tl)
	}
	if es, _ := s.Entities(ctx, EntityFilter{}); len(es) != 0 {
		t.Errorf("entities of the old text remain: %+v", es)
	}
}

// TestSeedArticleRoundTrip stores the real analysis of the seed article.
func TestSeedArticleRoundTrip(t *testing.T) {
	doc, err := capture.ReadFile(context.Background(), testenv.SeedHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	s := openTemp(t)
	ctx := context.Background()
	id := saveText(t, s, "https://majalla.example/seed", doc.Title, doc.Text)
	res, err := analysis.Analyze(ctx, analysis.Input{Text: doc.Text, Title: doc.Title, Language: doc.Language, Published: doc.Published})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalysis(ctx, id, res); err != nil {
		t.Fatal(err)
	}
	tl, err := s.Timeline(ctx, TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]bool{}
	for _, g := range tl {
		dates[g.Date] = true
		for _, src := range g.Sources {
			if doc.Text[src.Sentence.Start:src.Sentence.End] != src.SentenceText {
				t.Errorf("event %q: sentence span does not match its text", src.Title)
			}
		}
	}
	for _, d := range []string{"2024-11", "2025-01-20", "2025-01-21", "2025-01-23"} {
		if !dates[d] {
			t.Errorf("timeline lacks %s: %v", d, dates)
		}
	}
	d, err := s.Entity(ctx, "person:donald-trump")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Count(doc.Text, "ترمب") + strings.Count(doc.Text, "ترامب")
	if d.Mentions != want || d.Type != "person" || !slices.Contains(d.Aliases, "ترامب") || !slices.Contains(d.Aliases, "ترمب") {
		t.Errorf("Trump = %d mentions (want %d), type %s, aliases %v", d.Mentions, want, d.Type, d.Aliases)
	}
}

// BenchmarkTimelineQuery reads the timeline of a library of 2,000 articles
// with about ten events each, spread over ten years.
func BenchmarkTimelineQuery(b *testing.B) {
	s, err := Open(context.Background(), b.TempDir()+"/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	rng := rand.New(rand.NewSource(1))
	pool := make([]ent, 300)
	for i := range pool {
		typ := []string{"person", "organisation", "product", "place"}[i%4]
		name := fmt.Sprintf("Entity%03d", i)
		pool[i] = ent{id: typ + ":" + strings.ToLower(name), name: name, spellings: []string{name}}
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for a := 0; a < 2000; a++ {
		var sb strings.Builder
		var ents []ent
		var evs []ev
		seen := map[int]bool{}
		for e := 0; e < 10; e++ {
			p1, p2 := rng.Intn(len(pool)), rng.Intn(len(pool))
			date := start.AddDate(0, 0, rng.Intn(3650)).Format("2006-01-02")
			stamp := fmt.Sprintf("on %s #%d", date, e)
			fmt.Fprintf(&sb, "%s met %s %s. %s\n", pool[p1].name, pool[p2].name, stamp, analysis.SyntheticArticle(20))
			for _, p := range []int{p1, p2} {
				if !seen[p] {
					seen[p] = true
					ents = append(ents, pool[p])
				}
			}
			evs = append(evs, ev{date, "political", pool[p1].name + " met " + pool[p2].name, stamp, []string{pool[p1].id, pool[p2].id}})
		}
		text := sb.String()
		id := saveText(b, s, fmt.Sprintf("https://bench.example/%d", a), fmt.Sprintf("Article %d", a), text)
		if err := s.SaveAnalysis(ctx, id, mkResult(b, text, ents, evs...)); err != nil {
			b.Fatal(err)
		}
	}
	cases := []struct {
		name string
		f    TimelineFilter
	}{
		{"all", TimelineFilter{}},
		{"first200", TimelineFilter{Limit: 200}},
		{"year2020", TimelineFilter{From: "2020", To: "2020"}},
		{"entity", TimelineFilter{EntityKeys: []string{pool[0].id}}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				tl, err := s.Timeline(ctx, c.f)
				if err != nil {
					b.Fatal(err)
				}
				n = len(tl)
			}
			b.ReportMetric(float64(n), "groups")
		})
	}
}

func TestTimelineNewestLimit(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	text := "Alibaba released QwQ on November 28, 2024. DeepSeek released R1 on January 20, 2025. Trump signed orders on January 23, 2025."
	id, _, err := s.SaveArticle(ctx, &Article{URL: "https://e.test/x", Title: "x", Text: text, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Analyze(ctx, analysis.Input{Text: text, Language: "en", Published: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalysis(ctx, id, res); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Timeline(ctx, TimelineFilter{})
	if len(all) < 3 {
		t.Fatalf("only %d events", len(all))
	}
	newest, err := s.Timeline(ctx, TimelineFilter{Limit: 2, Newest: true})
	if err != nil || len(newest) != 2 {
		t.Fatalf("newest 2 = %v, %v", newest, err)
	}
	if newest[0].Date != all[len(all)-2].Date || newest[1].Date != all[len(all)-1].Date {
		t.Errorf("newest 2 = %s, %s; want the last two of %d, still in date order", newest[0].Date, newest[1].Date, len(all))
	}
	oldest, _ := s.Timeline(ctx, TimelineFilter{Limit: 1})
	if oldest[0].Date != all[0].Date {
		t.Errorf("oldest = %s, want %s", oldest[0].Date, all[0].Date)
	}
}
