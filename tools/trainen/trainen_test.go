package main

import (
	"context"
	"slices"
	"testing"

	"annals/data/analysis"
	"annals/data/analysis/token"
	"annals/internal/unseengold"
)

// The gold is projected on word boundaries, longest form first, each
// occurrence of each form: "New York Times" takes its words before "New
// York" can, and "York" inside "Yorkshire" is no name.
func TestProjectGoldLongestFormsOnWordBoundaries(t *testing.T) {
	text := "The New York Times said New York and Yorkshire's Acme’s plant would close. Acme agreed."
	toks := token.Tokenize(text)
	got := projectGold(text, toks, []unseengold.Name{
		{Name: "New York", Type: "LOC"},
		{Name: "The New York Times", Type: "ORG", Aliases: []string{"New York Times", "York"}},
		{Name: "Acme", Type: "ORG", Aliases: []string{"Acme's"}},
	})
	var tagged []string
	for i, c := range got {
		if c != 0 {
			tagged = append(tagged, text[toks[i].Start:toks[i].End]+"/"+classes[c])
		}
	}
	want := []string{"The/ORG", "New/ORG", "York/ORG", "Times/ORG", "New/LOC", "York/LOC", "Acme/ORG", "’/ORG", "s/ORG", "Acme/ORG"}
	if !slices.Equal(tagged, want) {
		t.Fatalf("projected %q, want %q", tagged, want)
	}
}

// A form that ends inside a word names nothing: "Model 3" is not in
// "Model 35" (without the boundary check its "Model" would be tagged).
func TestProjectGoldNeedsTheWordsEnd(t *testing.T) {
	text := "The Model 35 sold less than the Model 3."
	toks := token.Tokenize(text)
	got := projectGold(text, toks, []unseengold.Name{{Name: "Model 3", Type: "PRODUCT"}})
	var tagged []int
	for i, c := range got {
		if c != 0 {
			tagged = append(tagged, toks[i].Start)
		}
	}
	if want := []int{32, 38}; !slices.Equal(tagged, want) {
		t.Fatalf("tagged tokens at %v, want %v", tagged, want)
	}
}

// merge: a tagged span no rule mention touches is a new entity; with
// -bounds -replace a span that overlaps a rule mention with other bounds
// takes it, and a rule entity left with no mention goes.
func TestMergeAddsAndReplaces(t *testing.T) {
	text := "Shoreline Amphitheatre hosted Zorblax. Shoreline was full."
	p := &page{text: text, res: analysis.Result{Entities: []analysis.Entity{
		{Name: "Amphitheatre", Type: "person", Mentions: []analysis.Span{{Start: 10, End: 22}}},
		{Name: "Shoreline", Type: "place", Mentions: []analysis.Span{{Start: 39, End: 48}}},
	}}}
	spans := []span{{0, 22, "LOC"}, {30, 37, "PER"}}
	defer func(b, r bool) { mergeBounds, mergeReplace = b, r }(mergeBounds, mergeReplace)

	mergeBounds, mergeReplace = false, false
	names := func(es []analysis.Entity) (out []string) {
		for _, e := range es {
			out = append(out, e.Type+":"+e.Name)
		}
		return out
	}
	if got, want := names(merge(p, spans, false)), []string{"person:Amphitheatre", "place:Shoreline", "person:Zorblax"}; !slices.Equal(got, want) {
		t.Errorf("plain merge: %q, want %q", got, want)
	}
	mergeBounds, mergeReplace = true, true
	if got, want := names(merge(p, spans, false)), []string{"place:Shoreline", "place:Shoreline Amphitheatre", "person:Zorblax"}; !slices.Equal(got, want) {
		t.Errorf("merge by the tagger's bounds: %q, want %q", got, want)
	}
	p.gold = []unseengold.Name{{Name: "Shoreline Amphitheatre", Type: "LOC", Aliases: []string{"Shoreline"}}, {Name: "Zorblax", Type: "PER"}}
	s := scoreEntities(p, merge(p, spans, false))
	if s.Entities != 2 || s.EntFound != 2 || s.Typed != 2 || s.EngineEnts != 3 || s.EngineEntsRight != 3 {
		t.Errorf("score %+v", s)
	}
	s = scoreEntities(p, rulesOnly(p))
	if s.EntFound != 1 || s.EngineEntsRight != 1 || s.EngineEnts != 2 {
		t.Errorf("rules' score %+v", s)
	}
}

// The tagger learns from projected gold and the features: trained on a
// few sentences it tags an unseen sentence of the same pattern, and the
// features carry what the rules said.
func TestTrainAndTagSmallText(t *testing.T) {
	lx, err := loadLexicons("")
	if err != nil {
		t.Fatal(err)
	}
	mk := func(text string, gold []unseengold.Name) *page {
		res, err := analysis.Analyze(context.Background(), analysis.Input{Text: text, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		p := &page{text: text, res: res, gold: gold, split: "ann"}
		p.prepare()
		lx.featurize(p)
		return p
	}
	var train []*page
	for _, n := range []string{"Qarvel", "Tumbrin", "Oskalo", "Velmora", "Drusset", "Pellano"} {
		train = append(train, mk("The company said the mayor of "+n+" resigned.", []unseengold.Name{{Name: n, Type: "LOC"}}))
	}
	m := trainModel(train, 10)
	test := mk("The company said the mayor of Zembrook resigned.", nil)
	spans := tagPage(m, test)
	if len(spans) != 1 || text(test, spans[0]) != "Zembrook" || spans[0].typ != "LOC" {
		t.Fatalf("tagged %+v", spans)
	}
}

func text(p *page, s span) string { return p.text[s.start:s.end] }
