package analysis

import (
	"context"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"annals/data/analysis/token"
)

// The functions below are the analysis code as it was before changes made
// only for speed (issue 19); each test checks the new code against them.

// referenceSentences is Sentences decoding every rune.
func referenceSentences(text string) []Sentence {
	var out []Sentence
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e {
			r, size := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(r) && r != 0x200F && r != 0x200E {
				break
			}
			s += size
		}
		for e > s {
			r, size := utf8.DecodeLastRuneInString(text[:e])
			if !unicode.IsSpace(r) && r != 0x200F && r != 0x200E {
				break
			}
			e -= size
		}
		if e > s {
			out = append(out, Sentence{Span: Span{s, e}, Text: text[s:e]})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		next := i + size
		switch r {
		case '\n', '\r', 0x2029:
			emit(next)
		case '!', '?', '؟', '…':
			emit(closeQuotes(text, next))
		case '.':
			if endsSentence(text, i) {
				next = closeQuotes(text, next)
				emit(next)
			}
		}
		i = next
	}
	emit(len(text))
	return out
}

// speedTexts are the committed samples, hand-made edge cases and random
// strings of the runes that matter (invalid UTF-8 among them).
func speedTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, name := range []string{"majalla-china-ai.txt", "majalla-china-ai.html", "annals-sample-en.html"} {
		raw, err := os.ReadFile("../../assets/samples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	texts = append(texts, "", ".", "Mr. Smith went to Washington. He said: \"No!\" Then… left؟ ok\u2029next",
		"حاسما.لذلك قال 3.5 U.S. President", "\xe2\x80 \xe2. \xd8? \xd8\x9f x", "a\r\nb\rc…d")
	alphabet := []rune("ab AZ.!?؟…\u2029\n\r\"'”’)]»(“ابت ١٢ 3.5\u200f\u200eÉ😀")
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 2000 {
		var b strings.Builder
		for range 1 + rng.IntN(60) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		if n%5 == 0 {
			b.WriteByte(byte(0x80 + rng.IntN(0x80)))
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestSentencesMatchReference(t *testing.T) {
	for _, text := range speedTexts(t) {
		if got, want := Sentences(text), referenceSentences(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("Sentences(%q) = %+v, the reference gives %+v", text, got, want)
		}
	}
}

// referenceDetectLanguage is DetectLanguage ranging over every rune.
func referenceDetectLanguage(text string) string {
	ar, la := 0, 0
	for _, r := range text {
		switch {
		case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0xFB50 && r <= 0xFEFC:
			ar++
		case r < 0x250 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xC0):
			la++
		}
	}
	switch {
	case ar == 0 && la == 0:
		return ""
	case ar >= la:
		return "ar"
	}
	return "en"
}

func TestDetectLanguageMatchesReference(t *testing.T) {
	texts := speedTexts(t)
	for i, text := range texts {
		if got, want := DetectLanguage(text), referenceDetectLanguage(text); got != want {
			t.Fatalf("DetectLanguage(%q) = %q, the reference gives %q", text, got, want)
		}
		title := texts[(i*7+1)%len(texts)]
		if len(title) > 200 {
			title = title[:200]
		}
		if got, want := detectLanguage(title, text), referenceDetectLanguage(title+"\n"+text); got != want {
			t.Fatalf("detectLanguage(%q, %q) = %q, the reference gives %q", title, text, got, want)
		}
	}
	// letters counted one by one: the tie goes to Arabic
	for text, want := range map[string]string{"ab اب": "ar", "abc اب": "en", "É@[`{": "en", "123 !": "", "ﻻ x": "ar"} {
		if got := DetectLanguage(text); got != want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", text, got, want)
		}
	}
}

// Every first word of the gazetteer's aliases has its bit set: match,
// which looks only such words up, misses none of them.
func TestGazetteerFirstsCoverIndex(t *testing.T) {
	g := DefaultGazetteer()
	g.mu.RLock()
	defer g.mu.RUnlock()
	if len(g.index) < 1000 {
		t.Fatalf("the shipped gazetteer has %d first words", len(g.index))
	}
	set := 0
	for _, w := range g.firsts {
		for ; w != 0; w &= w - 1 {
			set++
		}
	}
	for w := range g.index {
		if !g.mayStart(w) {
			t.Fatalf("%q starts aliases but its bit is clear", w)
		}
	}
	// the filter must also turn most other words away, or it is no use
	if set > firstBits/8 {
		t.Errorf("%d of %d bits set", set, firstBits)
	}
	c := g.Clone()
	c.Add(GazetteerEntry{ID: "organisation:zzq-test", Name: "Zzqx Holdings", Type: "organisation"})
	if !c.mayStart("zzqx") || len(c.index["zzqx"]) == 0 {
		t.Fatal("a word added later must be found too")
	}
}

// referenceInnerCapital is innerCapital as it was before its ASCII path: the
// unicode tables for every rune.
func referenceInnerCapital(w string) bool {
	prev := rune(0)
	for _, r := range w {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			return true
		}
		prev = r
	}
	return false
}

// TestInnerCapitalMatchesRunes compares innerCapital with the rune loop on
// every string of up to three pieces from a set of ASCII, accented,
// Greek, Arabic and invalid UTF-8 pieces, and on random bytes.
func TestInnerCapitalMatchesRunes(t *testing.T) {
	pieces := []string{"", "a", "Z", "iPhone", "OnePlus", "É", "é", "ß", "Σ", "σ", "ق", "1", "-", "\xff", "\xc3", "a\xffB", "ǅ", "ᾈ", "A", "mac", "Do"}
	found := 0
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				w := a + b + c
				if got, want := innerCapital(w), referenceInnerCapital(w); got != want {
					t.Errorf("innerCapital(%q) = %v, the rune loop says %v", w, got, want)
				}
				if referenceInnerCapital(w) {
					found++
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 12)
	for n := 0; n < 50000; n++ {
		for k := range buf {
			buf[k] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				buf[k] = "aZbYé\xc3\xa9"[r.IntN(8)]
			}
		}
		w := string(buf[:r.IntN(len(buf)+1)])
		if got, want := innerCapital(w), referenceInnerCapital(w); got != want {
			t.Fatalf("innerCapital(%q) = %v, the rune loop says %v", w, got, want)
		}
	}
	if found == 0 {
		t.Fatal("no test string has an inner capital")
	}
}

// TestLowerNoRuleSkipsNoName runs every English rule at every Latin word
// lowerNoRule skips, and ruleEntity at every token noRuleAt skips, in the
// benchmark's pages (when ../shared is there), the synthetic article and
// cue sentences, and fails if one finds a name there: a rule added for
// lower-case words or marks must be let through.
func TestLowerNoRuleSkipsNoName(t *testing.T) {
	texts := []string{
		SyntheticArticle(3000),
		"the iPhone 15 sold; president Macron met minister Le Drian and the ceo Tim Cook. photo credit: getty Images. eBay and iOS grew.",
		"the company's board, the governor's office of emergency services and at&t said; mr. smith and dr. jones.",
	}
	if _, err := os.Stat("../../../shared/bench/article-extraction/ground-truth.json"); err == nil {
		texts = append(texts, extractionTexts(t)...)
	}
	g := DefaultGazetteer()
	g.mu.RLock()
	defer g.mu.RUnlock()
	skipped, kept := 0, 0
	for _, text := range texts {
		toks := token.Tokenize(text)
		ss := sentenceStarts(toks, Sentences(text))
		for i := range toks {
			tk := &toks[i]
			if noRuleAt(text, tk) {
				if m, _, ok := ruleEntity(text, toks, i, ss, g); ok {
					t.Errorf("ruleEntity finds %q (%s) at the token %q that noRuleAt skips", m.name, m.typ, tk.Norm)
				}
			}
			if tk.Kind != token.Word || tk.Arabic {
				continue
			}
			if !lowerNoRule(text, tk) {
				kept++
				continue
			}
			skipped++
			if m, _, ok := englishRules(text, toks, i, ss, g); ok {
				t.Errorf("an English rule finds %q (%s) at the lower-case word %q that lowerNoRule skips", m.name, m.typ, tk.Norm)
			}
		}
	}
	if skipped == 0 || kept == 0 {
		t.Fatalf("skipped %d words, kept %d: the texts test nothing", skipped, kept)
	}
}

// TestWordShapesHoldEveryWord: the filters in front of the word lists let
// every listed word through, and the titles' stops most other words (else
// it is no use).
func TestWordShapesHoldEveryWord(t *testing.T) {
	for _, l := range []struct {
		list   map[string]bool
		shapes *wordShapes
		is     func(string) bool
	}{{enTitles, titleShapes, isTitle}, {enStopCap, stopCapShapes, isStopCap}, {docSkipWords, docSkipShapes, isDocSkip}, {enOrgSuffix, orgSuffixShapes, isOrgSuffix}} {
		if len(l.list) < 30 {
			t.Fatalf("a list of %d words", len(l.list))
		}
		for w := range l.list {
			if !l.shapes.mayHold(w) || !l.is(w) {
				t.Errorf("the filter stops the listed word %q", w)
			}
		}
		for _, w := range []string{"Trump", "trump", "", "x", "acme", "éclair", "said"} {
			if l.is(w) != l.list[w] {
				t.Errorf("the filtered look-up of %q says %v, the list %v", w, l.is(w), l.list[w])
			}
		}
	}
	list := map[string]bool{"mr": true, "president": true, "x": true, "état": true, "a-b": true, "averyveryverylongword": true}
	s := newWordShapes(list)
	for w := range list {
		if !s.mayHold(w) {
			t.Errorf("the shapes of %v stop %q", list, w)
		}
	}
	stopped := 0
	for _, w := range strings.Fields("the a of and to in said that was for on with as by it his at from") {
		if !titleShapes.mayHold(w) {
			stopped++
		}
	}
	if stopped < 15 {
		t.Errorf("titleShapes stops %d of 18 common words, want most", stopped)
	}
}

// TestAppendNameKeyMatchesJoin compares appendNameKey with the words of
// tokensOf joined by spaces, on every entity name and every sentence of
// the seed, the synthetic article and (when ../shared is there) the
// benchmark's pages, and on random pieces of them.
func TestAppendNameKeyMatchesJoin(t *testing.T) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{string(seed), SyntheticArticle(2000), "", " ", "U.S.", "«بشار الأسد»", "O’Brien, al-Sisi & Co.", "a\xffb", "٢٠٢٥ x"}
	if _, err := os.Stat("../../../shared/bench/article-extraction/ground-truth.json"); err == nil {
		texts = append(texts, extractionTexts(t)[:60]...)
	}
	var names []string
	for _, text := range texts {
		names = append(names, text)
		for _, s := range Sentences(text) {
			names = append(names, text[s.Start:s.End])
		}
		res, err := Analyze(context.Background(), Input{Text: text, Published: benchDCT})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Entities {
			names = append(names, e.Name)
			for _, m := range e.Mentions {
				names = append(names, text[m.Start:m.End])
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 3000; n++ {
		s := names[r.IntN(len(names))]
		a := r.IntN(len(s) + 1)
		names = append(names, s[a:a+r.IntN(min(40, len(s)-a)+1)])
	}
	for _, s := range names {
		if got, want := string(appendNameKey(nil, s)), strings.Join(tokensOf(s), " "); got != want {
			t.Fatalf("appendNameKey(%.80q) = %.80q, tokensOf joined = %.80q (first 80 characters)", s, got, want)
		}
	}
	if len(names) < 3000 {
		t.Fatalf("only %d names tested", len(names))
	}
}

// TestArCuesAreTheLists: arCues says, for every word of the six Arabic cue
// lists and for words in none, exactly the lists it is in.
func TestArCuesAreTheLists(t *testing.T) {
	lists := []map[string]bool{arPersonCue, arPersonHead, arOrgNameCue, arOrgPhraseCue, arPlaceCue, arProductCue}
	words := []string{"", "ترمب", "في", "trump", "الرييس"}
	for _, l := range lists {
		if len(l) == 0 {
			t.Fatal("an empty cue list")
		}
		for w := range l {
			words = append(words, w)
		}
	}
	for _, w := range words {
		var want uint8
		for bit, l := range lists {
			if l[w] {
				want |= 1 << bit
			}
		}
		if arCues[w] != want {
			t.Errorf("arCues[%q] = %06b, the lists say %06b", w, arCues[w], want)
		}
	}
}
