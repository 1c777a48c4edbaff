package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"annals/assets"
	"annals/data/analysis"
	"annals/data/analysis/token"
	"annals/internal/repo"
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

// The tagger learns from projected gold and the analysis's features:
// trained on a few sentences it finds, through the whole analysis, a name
// of the same pattern in an unseen sentence that the rules alone miss.
func TestTrainAndTagSmallText(t *testing.T) {
	analysis.UseEnglishTagger(nil)
	mk := func(text string, gold []unseengold.Name) *page {
		p := &page{text: text, gold: gold, split: "ann"}
		if err := p.prepare(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var train []*page
	for _, n := range []string{"Qarvel", "Tumbrin", "Oskalo", "Velmora", "Drusset", "Pellano"} {
		train = append(train, mk("All flights to "+n+" were cancelled on Friday.", []unseengold.Name{{Name: n, Type: "LOC"}}))
	}
	m := asLoaded(trainModel(train, 10))
	test := mk("All flights to Zembrook were cancelled on Friday.", nil)
	names := func(ents []analysis.Entity) (out []string) {
		for _, e := range ents {
			out = append(out, e.Type+":"+e.Name)
		}
		return out
	}
	if got := names(test.res.Entities); len(got) > 0 {
		t.Fatalf("the rules alone find %q: the test says nothing of the tagger", got)
	}
	if got := names(merged(test, m)); !slices.Equal(got, []string{"place:Zembrook"}) {
		t.Fatalf("with the tagger: %q, want [place:Zembrook]", got)
	}
}

// TestEmbeddedModelIsTheTrainers trains the tagger as `make train-ner-en`
// does and compares the bytes with the embedded model: a change to the
// features, to the English rules (their mentions are features), the word
// list, the gold or the trainer that was not followed by training again
// fails here. The training text is ../shared/bench's, so a machine without
// it (CI) skips; -short skips too (about 15 s of CPU).
func TestEmbeddedModelIsTheTrainers(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the whole model")
	}
	bench := filepath.Join(repo.Root(), "..", "shared", "bench")
	if _, err := os.Stat(filepath.Join(bench, "article-extraction", "ground-truth.json")); err != nil {
		t.Skipf("no benchmark pages: %v", err)
	}
	analysis.UseEnglishTagger(nil)
	dev, ann, err := loadPages(bench, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if len(dev) == 0 || len(ann) == 0 {
		t.Fatalf("%d dev and %d annotated pages: the gold did not load", len(dev), len(ann))
	}
	b, err := modelFile(trainModel(append(append([]*page{}, dev...), ann...), defaultIters))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, assets.NEREnglish) {
		t.Fatalf("the trainer writes a model of %d bytes that differs from assets/ner_en.bin.gz (%d bytes): run make train-ner-en", len(b), len(assets.NEREnglish))
	}
}
