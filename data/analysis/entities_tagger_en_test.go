package analysis

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals/data/analysis/ner"
	"annals/data/analysis/token"
	"annals/internal/cputime"
)

// enSampleTexts are English texts for the tagger's tests: the app's
// English sample's paragraphs and a few sentences of our own.
func enSampleTexts(t testing.TB) []string {
	raw, err := os.ReadFile(filepath.Join("..", "..", "assets", "samples", "annals-sample-en.html"))
	if err != nil {
		t.Fatal(err)
	}
	// the sample's text, tags dropped: enough for features and tags
	var b strings.Builder
	in := false
	for _, r := range string(raw) {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return []string{b.String(),
		"Marisol Quintero, a lawyer at Brackenfield Partners, met Tovar Okonjo in Lisbon. Quintero said the deal with Halvern Mining was off.",
		"The Shoreline Amphitheatre hosted the Vellmore Festival on Saturday, and Dr. Aneka Rusk of Colworth University spoke."}
}

// TestTagEnglishMatchesTag: the analysis sums a word's own features once
// per distinct word and decodes the gated sentences at once; its tags must
// be exactly those of the model's Tag over NERFeaturesEnglish's features
// (what tools/trainen trains on), sentence by sentence.
func TestTagEnglishMatchesTag(t *testing.T) {
	m := englishTagger()
	if m == nil {
		t.Skip("no English tagger model")
	}
	g := DefaultGazetteer()
	names := 0
	for _, text := range enSampleTexts(t) {
		toks, feats, sents := NERFeaturesEnglish(text)
		// the sentences the gate passes, and what tagEnglish found in them
		var spans []enSpan
		var gatedSents [][2]int
		findEntitiesWith(text, toks, Sentences(text), g, nil, func(ms []mention, starts []bool) {
			spans = tagEnglish(m, text, toks, starts, ms)
			fz := &enFeaturizer{memo: map[string]int32{}, normMemo: map[string]int32{}}
			fz.fill(text, toks, starts, ms, false)
			if !slices.Equal(fz.sents, sents) {
				t.Fatalf("sentences %v, NERFeaturesEnglish %v", fz.sents, sents)
			}
			gatedSents = slices.Clone(fz.tagged)
		})
		var want []enSpan
		for _, s := range gatedSents {
			tags := m.Tag(feats[s[0]:s[1]])
			for i := 0; i < len(tags); i++ {
				if tags[i] == 0 {
					continue
				}
				j := i + 1
				for j < len(tags) && tags[j] == tags[i] {
					j++
				}
				want = append(want, enSpan{s[0] + i, s[0] + j, tags[i]})
				i = j - 1
			}
		}
		if !slices.Equal(spans, want) {
			t.Fatalf("tagEnglish %v\nwant       %v", spans, want)
		}
		names += len(spans)
	}
	if names == 0 {
		t.Error("no name tagged: the comparison says little")
	}
}

// The word list tells ordinary words from capitalised entries and from
// words it does not hold.
func TestEnglishWordList(t *testing.T) {
	d := englishWords()
	if d.words == nil {
		t.Fatal("assets/ner_en_words.bin.gz did not load")
	}
	class := func(w string) uint64 {
		k := EnglishWordKey(w)
		switch {
		case d.words.Has(k):
			return enDictWord
		case d.proper.Has(k):
			return enDictProper
		}
		return enDictNone
	}
	for w, want := range map[string]uint64{"house": enDictWord, "however": enDictWord, "elections": enDictWord,
		"london": enDictProper, "kenya": enDictProper, "qwqzorbl": enDictNone, "okonjo": enDictNone} {
		if got := class(w); got != want {
			t.Errorf("%q: class %d, want %d", w, got, want)
		}
	}
}

// mergeEnglishTags: a tagged name no rule mention touches is added; one
// that overlaps a rule mention with other bounds takes its place; one with
// the rule mention's own bounds leaves it as it is (with its type).
func TestMergeEnglishTags(t *testing.T) {
	text := "Shoreline Amphitheatre hosted Zorblax. Shoreline was full."
	toks := token.Tokenize(text)
	g := DefaultGazetteer()
	ms := []mention{
		{span: Span{10, 22}, typ: "person", name: "Amphitheatre", entry: -1},
		{span: Span{39, 48}, typ: "place", name: "Shoreline", entry: -1},
	}
	tok := func(off int) int {
		for i, t := range toks {
			if t.Start == off {
				return i
			}
		}
		t.Fatalf("no token at %d", off)
		return 0
	}
	spans := []enSpan{{tok(0), tok(10) + 1, 3}, {tok(30), tok(30) + 1, 1}, {tok(39), tok(39) + 1, 2}}
	g.mu.RLock()
	got := mergeEnglishTags(text, toks, slices.Clone(ms), spans, g)
	g.mu.RUnlock()
	var names []string
	for _, m := range got {
		names = append(names, m.typ+":"+m.name)
	}
	want := []string{"place:Shoreline Amphitheatre", "person:Zorblax", "place:Shoreline"}
	if !slices.Equal(names, want) {
		t.Fatalf("merged %q, want %q", names, want)
	}
}

// Where the rules decided on purpose, mergeEnglishTags keeps their
// mentions; a tagged name ends before a comma and drops edge punctuation.
// Each case fails if its rule is taken out.
func TestMergeEnglishTagsKeepsTheRulesChoices(t *testing.T) {
	g := DefaultGazetteer()
	cases := []struct {
		text  string
		rules []mention
		tag   [][2]int // byte offsets of the tagged span's first and last tokens
		class int
		want  []string
	}{
		// a tagged name inside a longer rule mention
		{"The U.S. Securities and Exchange Commission sued.", []mention{{span: Span{4, 43}, typ: "organisation", name: "U.S. Securities and Exchange Commission", entry: -1}},
			[][2]int{{9, 33}}, 2, []string{"organisation:U.S. Securities and Exchange Commission"}},
		// a tagged name running two rule mentions together
		{"Acme Dynamics Zorbel bought it.", []mention{{span: Span{0, 13}, typ: "organisation", name: "Acme Dynamics", entry: -1}, {span: Span{14, 20}, typ: "person", name: "Zorbel", entry: -1}},
			[][2]int{{0, 14}}, 2, []string{"organisation:Acme Dynamics", "person:Zorbel"}},
		// the rule's organisation, then a role in capitals
		{"Tallow Sports NFL Insider Jason Merrow said so.", []mention{{span: Span{0, 13}, typ: "organisation", name: "Tallow Sports", entry: -1}},
			[][2]int{{0, 14}}, 2, []string{"organisation:Tallow Sports"}},
		// a comma ends a name, punctuation at its edge is no part of it
		{"Orbital Robotics, Inc. signed.", nil, [][2]int{{0, 21}}, 2, []string{"organisation:Orbital Robotics"}},
		// a quoted title the rules left out
		{"The studio owns “Wendy Harlow” and more.", nil, [][2]int{{19, 25}}, 1, nil},
		// a word made of a person's family name
		{"Tom Reddick spoke to the Reddickers.", []mention{{span: Span{0, 11}, typ: "person", name: "Tom Reddick", entry: -1}},
			[][2]int{{25, 25}}, 2, []string{"person:Tom Reddick"}},
	}
	for _, c := range cases {
		toks := token.Tokenize(c.text)
		at := func(off int) int {
			for i, t := range toks {
				if t.Start == off {
					return i
				}
			}
			t.Fatalf("%q: no token at %d", c.text, off)
			return 0
		}
		var spans []enSpan
		for _, r := range c.tag {
			spans = append(spans, enSpan{at(r[0]), at(r[1]) + 1, c.class})
		}
		g.mu.RLock()
		got := mergeEnglishTags(c.text, toks, slices.Clone(c.rules), spans, g)
		g.mu.RUnlock()
		var names []string
		for _, m := range got {
			names = append(names, m.typ+":"+m.name)
		}
		if !slices.Equal(names, c.want) {
			t.Errorf("%q: merged %q, want %q", c.text, names, c.want)
		}
	}
}

// With the tagger on, Analyze finds a name the rules alone miss in a
// sentence of our own ("Oskar Lindqvist": no title, no listed given name),
// and keeps the rules' names.
func TestAnalyzeEnglishTaggerAddsNames(t *testing.T) {
	m := englishTagger()
	if m == nil {
		t.Skip("no English tagger model")
	}
	text := "Investors in Brightwell Capital in Lisbon were told that Oskar Lindqvist would lead the fund."
	names := func(tagger *ner.Model) []string {
		UseEnglishTagger(tagger)
		defer UseEnglishTagger(m)
		res, err := Analyze(context.Background(), Input{Text: text, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range res.Entities {
			out = append(out, e.Type+":"+e.Name)
		}
		slices.Sort(out)
		return out
	}
	rules, merged := names(nil), names(m)
	if !slices.Contains(merged, "place:Lisbon") {
		t.Errorf("with the tagger %q: Lisbon lost", merged)
	}
	if slices.Contains(rules, "person:Oskar Lindqvist") || !slices.Contains(merged, "person:Oskar Lindqvist") {
		t.Errorf("rules %q, with the tagger %q: want Oskar Lindqvist found by the tagger only", rules, merged)
	}
}

// BenchmarkAnalyzeEnglishPages times Analyze over 60 English pages of the
// article-extraction benchmark (../shared/bench) with and without the
// English tagger: cpu-µs/token is the figure of the tagger's budget.
func BenchmarkAnalyzeEnglishPages(b *testing.B) {
	texts, tokens := enBenchPages(b)
	m := englishTagger()
	defer UseEnglishTagger(m)
	for _, c := range []struct {
		name   string
		tagger *ner.Model
	}{{"rules", nil}, {"tagger", m}} {
		b.Run(c.name, func(b *testing.B) {
			UseEnglishTagger(c.tagger)
			b.ReportAllocs()
			t0 := cputime.Process()
			for b.Loop() {
				for _, text := range texts {
					if _, err := Analyze(context.Background(), Input{Text: text, Language: "en", Published: benchDCT}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64((cputime.Process()-t0).Nanoseconds())/1000/float64(b.N*tokens), "cpu-µs/token")
		})
	}
}

// enBenchPages are the first 60 English pages (by id) of the
// article-extraction benchmark's ground truth, and their tokens' count.
func enBenchPages(b *testing.B) ([]string, int) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "bench", "article-extraction", "ground-truth.json"))
	if err != nil {
		b.Skipf("no benchmark pages: %v", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var texts []string
	tokens := 0
	for _, id := range ids {
		// DetectLanguage says "en" of any Latin-script page: those the
		// tagger does not read (readsEnglish) are no English pages
		if text := truth[id].ArticleBody; DetectLanguage(text) == "en" && len(texts) < 60 {
			if toks := token.Tokenize(text); readsEnglish(toks) {
				texts = append(texts, text)
				tokens += len(toks)
			}
		}
	}
	return texts, tokens
}

// BenchmarkTagEnglish times the tagger's own work (features and decoding)
// over the 60 pages of BenchmarkAnalyzeEnglishPages, the rules' mentions
// ready; cpu-µs/token is per token of the whole pages.
func BenchmarkTagEnglish(b *testing.B) {
	m := englishTagger()
	if m == nil {
		b.Skip("no English tagger model")
	}
	texts, tokens := enBenchPages(b)
	g := DefaultGazetteer()
	type page struct {
		text   string
		toks   []token.Token
		starts []bool
		ms     []mention
	}
	var pages []page
	for _, text := range texts {
		toks := token.Tokenize(text)
		findEntitiesWith(text, toks, Sentences(text), g, nil, func(ms []mention, starts []bool) {
			pages = append(pages, page{text, toks, slices.Clone(starts), slices.Clone(ms)})
		})
	}
	b.ReportAllocs()
	t0 := cputime.Process()
	for b.Loop() {
		for _, p := range pages {
			tagEnglish(m, p.text, p.toks, p.starts, p.ms)
		}
	}
	b.ReportMetric(float64((cputime.Process()-t0).Nanoseconds())/1000/float64(b.N*tokens), "cpu-µs/token")
}

// tagEnglish sums a word's shape-only keys once per (shape, class) pair
// and the rest per word: together they must be exactly the keys the
// trainer's features hold (enOwnKeys + enPlaceKeys mid-sentence,
// enPrevKeys, enNextKeys), as multisets.
func TestEnglishKeyGroupsPartition(t *testing.T) {
	g := DefaultGazetteer()
	checked := 0
	for _, text := range enSampleTexts(t) {
		toks := token.Tokenize(text)
		findEntitiesWith(text, toks, Sentences(text), g, nil, func(ms []mention, starts []bool) {
			fz := &enFeaturizer{memo: map[string]int32{}, normMemo: map[string]int32{}}
			fz.fill(text, toks, starts, ms, true)
			fz.prepareAll(text, toks, 0, len(toks))
			for i := range fz.words {
				w := &fz.words[i]
				own, prev, next := enShapeKeys(w.short, w.dict)
				full := fz.enPlaceKeys(enOwnKeys(nil, w), w, 0)
				split := fz.enWordOwnKeys(own[:], w)
				slices.Sort(full)
				slices.Sort(split)
				if !slices.Equal(full, split) {
					t.Fatalf("word %d: own keys %x, split %x", i, full, split)
				}
				for _, c := range []struct{ full, split []uint64 }{
					{enPrevKeys(nil, w), []uint64{ner.Mix(efW1, w.lower), prev}},
					{enNextKeys(nil, w), []uint64{ner.Mix(efWn1, w.lower), next}},
				} {
					slices.Sort(c.full)
					slices.Sort(c.split)
					if !slices.Equal(c.full, c.split) {
						t.Fatalf("word %d: neighbour keys %x, split %x", i, c.full, c.split)
					}
				}
				checked++
			}
		})
	}
	if checked < 100 {
		t.Fatalf("only %d words checked", checked)
	}
}

// Paragraphs of our own in other Latin-script languages, with capitalised
// words of the kind the tagger took for names before it was gated
// ("Então", "Estou", "Altoparlanti Integrati"), and one in English.
const (
	enGatePortuguese = "Olá, amigos! Então, Estou muito feliz em apresentar o novo livro da editora. " +
		"Eles disseram que Como Educar seus Filhos é o melhor guia do ano para os pais. " +
		"Daquele dia em diante, Marcos Albuquerque e a família viajaram para os Estados Unidos " +
		"e voltaram para Curitiba no verão, quando a escola começou de novo."
	enGateItalian = "Altoparlanti Integrati e Batteria Elettronica Portatile: ecco le novità del mese. " +
		"Secondo Giulia Bertoldi, il nuovo modello della Fantoni Audio arriva nei negozi di Torino a dicembre, " +
		"con un prezzo che resta sotto i cento euro. Anche Lorenzo Campana ha provato il prodotto " +
		"e dice che la qualità del suono è sorprendente per una cassa così piccola."
	enGateEnglish = "Investors in Brightwell Capital in Lisbon were told that Oskar Lindqvist would lead the fund. " +
		"The fund will buy stakes in small firms across the region before the end of the year."
)

// The English word share tells the English paragraph from the Portuguese
// and the Italian ones, on either side of enShareMin.
func TestEnglishWordShare(t *testing.T) {
	for _, c := range []struct {
		name, text string
		english    bool
	}{{"pt", enGatePortuguese, false}, {"it", enGateItalian, false}, {"en", enGateEnglish, true}} {
		toks := token.Tokenize(c.text)
		looked, en := EnglishWordShare(toks)
		if looked < 20 {
			t.Errorf("%s: %d lower-case words looked up, want the paragraph's (20 or more)", c.name, looked)
		}
		if got := readsEnglish(toks); got != c.english {
			t.Errorf("%s: reads as English %v (%d of %d words English), want %v", c.name, got, en, looked, c.english)
		}
	}
	// a text with no lower-case word says nothing against English
	if !readsEnglish(token.Tokenize("Brightwell Capital Annual Report")) {
		t.Error("a title in capitals does not read as English")
	}
	// the sample spans the text: a long text is looked up at most enShareSample times
	long := strings.Repeat(enGateEnglish+" ", 40)
	if looked, _ := EnglishWordShare(token.Tokenize(long)); looked > enShareSample || looked < enShareSample/2 {
		t.Errorf("%d words looked up in a long text, want at most %d and not much fewer", looked, enShareSample)
	}
}

// On Portuguese and Italian text the analysis with the tagger finds what
// the rules alone find (the tagger added "Então", "Estou", "Altoparlanti
// Integrati"… as people before it was gated); on English it still adds the
// names the rules miss.
func TestAnalyzeEnglishTaggerOnlyOnEnglish(t *testing.T) {
	m := englishTagger()
	if m == nil {
		t.Skip("no English tagger model")
	}
	names := func(text string, tagger *ner.Model) []string {
		UseEnglishTagger(tagger)
		defer UseEnglishTagger(m)
		res, err := Analyze(context.Background(), Input{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if res.Language != "en" {
			t.Fatalf("language %q: the rules and the tagger read only Latin-script text", res.Language)
		}
		var out []string
		for _, e := range res.Entities {
			out = append(out, e.Type+":"+e.Name)
		}
		slices.Sort(out)
		return out
	}
	for _, text := range []string{enGatePortuguese, enGateItalian} {
		if rules, merged := names(text, nil), names(text, m); !slices.Equal(rules, merged) {
			t.Errorf("%.30q…: rules %q, with the tagger %q: want the rules' names only", text, rules, merged)
		}
	}
	if rules, merged := names(enGateEnglish, nil), names(enGateEnglish, m); slices.Contains(rules, "person:Oskar Lindqvist") ||
		!slices.Contains(merged, "person:Oskar Lindqvist") {
		t.Errorf("English: rules %q, with the tagger %q: want Oskar Lindqvist found by the tagger only", rules, merged)
	}
}

// BenchmarkReadsEnglish times the tagger's language check alone over the
// article-extraction pages (tokens made beforehand, as Analyze has them):
// its cost against BenchmarkAnalyzeExtractionPages' cpu-ms/page.
func BenchmarkReadsEnglish(b *testing.B) {
	texts := extractionTexts(b)
	pages := make([][]token.Token, len(texts))
	for i, t := range texts {
		pages[i] = token.Tokenize(t)
	}
	englishWords()
	english := 0
	for b.Loop() {
		english = 0
		for _, toks := range pages {
			if readsEnglish(toks) {
				english++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(pages)), "µs/page")
	b.ReportMetric(float64(english), "english-pages")
}
