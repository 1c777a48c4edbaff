package main

import (
	"path/filepath"
	"strings"
	"testing"

	"annals/data/analysis"

	"annals/internal/testenv"
	"annals/internal/unseengold"
)

// A sentence with two dates pairs each gold event with the engine event of
// its own date; a date less precise than the gold's is wrong; an engine
// event in no gold sentence is extra; names match folded.
func TestScoreUnseen(t *testing.T) {
	text := "Acme pleaded guilty Monday to fraud in March. The New York Times said so. Shares fell in 2018."
	sent := func(sub string) analysis.Span {
		i := strings.Index(text, sub)
		return analysis.Span{Start: i, End: i + len(sub)}
	}
	first := sent("Acme pleaded guilty Monday to fraud in March.")
	a := unseengold.Article{ID: "x",
		Events: []unseengold.Event{
			{Quote: "pleaded guilty Monday", Date: "2019-11-18"},
			{Quote: "fraud in March", Date: "2019-03"},
			{Quote: "Shares fell in 2018", Date: "2018-06"},
			{Quote: "The New York Times said", Date: "2019", Optional: true},
		},
		Entities: []unseengold.Name{
			{Name: "Acme", Type: "ORG"},
			{Name: "The New York Times", Type: "ORG"},
			{Name: "Neumann", Type: "PER"},
		},
	}
	res := analysis.Result{
		Events: []analysis.Event{
			{Date: "2019-03", Sentence: first}, // listed first: must still pair with the March gold event
			{Date: "2019-11-18", Sentence: first},
			{Date: "2018", Sentence: sent("Shares fell in 2018.")},
			{Date: "2019-11-20", Sentence: sent("The New York Times said so.")}, // pairs the optional one: not extra
		},
		Entities: []analysis.Entity{
			{Name: "ACME", Type: "organisation"},
			{Name: "New York Times", Type: "place", Mentions: []analysis.Span{sent("New York Times")}},
		},
	}
	s := scoreUnseen(a, text, res)
	if s.Events != 3 || s.Found != 3 || s.DatesRight != 2 || s.Extra != 0 {
		t.Errorf("events %d found %d dates right %d extra %d; want 3 3 2 0\n%s", s.Events, s.Found, s.DatesRight, s.Extra, strings.Join(s.Misses, "\n"))
	}
	if s.Entities != 3 || s.EntFound != 2 || s.Typed != 1 {
		t.Errorf("entities %d found %d typed %d; want 3 2 1", s.Entities, s.EntFound, s.Typed)
	}
	// participants: the engine's event names Acme (by its alias) and the
	// Times, the gold asks for Acme and Neumann
	a.Events[0].Participants = []string{"Acme", "Neumann"}
	res.Entities[0].ID, res.Entities[0].Aliases = "organisation:acme", []string{"Acme"}
	res.Entities[1].ID = "organisation:nyt"
	res.Events[1].EntityIDs = []string{"organisation:acme", "organisation:nyt"}
	if s := scoreUnseen(a, text, res); s.Parts != 2 || s.PartsFound != 1 || s.EngineParts != 2 || s.EnginePartsRight != 1 {
		t.Errorf("participants %d found %d, engine %d right %d; want 2 1 2 1", s.Parts, s.PartsFound, s.EngineParts, s.EnginePartsRight)
	}
	res.Events = append(res.Events, analysis.Event{Date: "2019-11-19", Sentence: analysis.Span{Start: 0, End: 5}})
	if s := scoreUnseen(a, text, res); s.Extra != 1 {
		t.Errorf("an engine event beyond the gold's: extra %d, want 1", s.Extra)
	}
}

// An article whose events were not annotated (dev2) counts its entities
// only: the engine's events are neither gold nor extra.
func TestScoreUnseenEntitiesOnly(t *testing.T) {
	text := "Acme Robotics Inc said on Monday that Acme would grow."
	a := unseengold.Article{ID: "y", EntitiesOnly: true, Entities: []unseengold.Name{{Name: "Acme Robotics Inc", Type: "ORG", Aliases: []string{"Acme"}}}}
	res := analysis.Result{
		Events:   []analysis.Event{{Date: "2019-11-18", Sentence: analysis.Span{Start: 0, End: len(text)}}},
		Entities: []analysis.Entity{{Name: "Acme Robotics Inc", Type: "organisation"}, {Name: "Monday Group", Type: "organisation"}},
	}
	s := scoreUnseen(a, text, res)
	if s.Events != 0 || s.Extra != 0 || s.EngineEvents != 0 {
		t.Errorf("events %d extra %d engine events %d; want 0 0 0", s.Events, s.Extra, s.EngineEvents)
	}
	if s.Entities != 1 || s.Typed != 1 || s.EngineEnts != 2 || s.EngineEntsRight != 1 {
		t.Errorf("entities %d typed %d engine %d right %d; want 1 1 2 1", s.Entities, s.Typed, s.EngineEnts, s.EngineEntsRight)
	}
}

func TestDateRight(t *testing.T) {
	for _, c := range []struct {
		gold, engine string
		want         bool
	}{
		{"2019-10", "2019-10", true}, {"2019-10", "2019-10-11", true}, {"2019", "2019-SP", true},
		{"2019-10", "2019", false}, {"2019-11-18", "2019-11-1", false}, {"2019-11-1", "2019-11-18", false},
		{"2019", "2019-W44", true}, {"2019-11-18", "2019-W47", false}, {"2020", "2019", false},
	} {
		if got := dateRight(c.gold, c.engine); got != c.want {
			t.Errorf("dateRight(%q, %q) = %v", c.gold, c.engine, got)
		}
	}
}

// Every quote of the committed gold is in its text once, and every name in
// it, so that a typo in the gold cannot pass for a miss of the engine.
func TestUnseenGoldQuotesAreInTheText(t *testing.T) {
	g, truth := goldAndTruth(t, "unseen_gold.json")
	if len(g.Articles) != 25 {
		t.Fatalf("%d articles, want 16 + 1 + 8", len(g.Articles))
	}
	splits := map[string]int{}
	for _, a := range g.Articles {
		splits[a.Split]++
		if a.EntitiesOnly != (a.Split == "dev2") || a.EntitiesOnly && len(a.Events) > 0 {
			t.Errorf("%s: split %s, entities only %v with %d events", short(a.ID), a.Split, a.EntitiesOnly, len(a.Events))
		}
		if a.Text != "ground-truth" {
			continue
		}
		body := truth[a.ID]
		if sha(body) != a.BodySHA256 {
			t.Errorf("%s: body hash differs", a.ID)
		}
		for _, e := range a.Events {
			if n := strings.Count(body, e.Quote); n != 1 {
				t.Errorf("%s: quote %q found %d times", short(a.ID), e.Quote, n)
			}
			if !dateRight(e.Date, e.Date) || len(e.Date) < 4 {
				t.Errorf("%s: date %q", short(a.ID), e.Date)
			}
		}
		low := strings.ToLower(strings.ReplaceAll(body, "’", "'"))
		for _, n := range a.Entities {
			if unseengold.EngineType[n.Type] == "" {
				t.Errorf("%s: type %q", short(a.ID), n.Type)
			}
			for _, f := range append([]string{n.Name}, n.Aliases...) {
				if !strings.Contains(low, strings.ToLower(strings.ReplaceAll(f, "’", "'"))) {
					t.Errorf("%s: name %q is not in the text", short(a.ID), f)
				}
			}
		}
	}
	if splits["dev"] != 8 || splits["test"] != 8 || splits["ar"] != 1 || splits["dev2"] != 8 {
		t.Errorf("splits %v", splits)
	}
}

// goldAndTruth reads a committed gold file and the article-extraction
// benchmark's texts (skipping the test without ../shared).
func goldAndTruth(t *testing.T, file string) (unseengold.File, map[string]string) {
	t.Helper()
	g, err := unseengold.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	// Shared skips the test when the file is absent; the bench folder is
	// two levels up from it
	path := testenv.Shared(t, "bench", "article-extraction", "ground-truth.json")
	truth, err := unseengold.ReadGroundTruth(filepath.Dir(filepath.Dir(path)))
	if err != nil {
		t.Fatal(err)
	}
	return g, truth
}
