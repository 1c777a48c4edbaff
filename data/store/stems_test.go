package store

import (
	"context"
	"math/rand"
	"os"
	"strings"
	"testing"

	"annals/data/textnorm"
	"annals/internal/testenv"
)

// stemsOfByTokens is stemsOf as it was written before it found the words in
// place: textnorm.Tokens' slice of words, each stemmed.
func stemsOfByTokens(s string) string {
	seen := map[string]bool{}
	var b strings.Builder
	for _, tok := range textnorm.Tokens(textnorm.Fold(s)) {
		st := textnorm.Stem(tok)
		if st == tok || seen[st] {
			continue
		}
		seen[st] = true
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(st)
	}
	return b.String()
}

// The stems column of a library made by an older version was written by
// stemsOfByTokens; a search must find the same words in the new rows.
func TestStemsOfMatchesTokens(t *testing.T) {
	var texts []string
	for _, sample := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		a := capturedArticle(t, sample)
		texts = append(texts, a.Title+" "+a.Text)
	}
	plain, err := os.ReadFile(testenv.Sample(t, "majalla-china-ai.txt"))
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, string(plain), "", " ", "والكتاب", "a\u0628\u0627", "\u0628a", "é\u0628", "x", "كتب",
		"\xff\xd8", "\u0628\u0627\u064e\u0644", "١٢٣ والمدن")
	// Random texts of the pieces that decide a word's edges: Arabic letters
	// with and without prefixes, marks, digits of both scripts, Latin and
	// accented letters, punctuation, spaces of several kinds, invalid UTF-8.
	pieces := []string{"ال", "وال", "بال", "كتاب", "مدن", "ات", "ون", "\u064e", "\u0651", "١", "9", "a", "Z", "é", "ß",
		" ", "\u00a0", "\u200f", "\t", "،", ".", "-", "'", "\xd8", "\xff", "\u0640", "«", "»", "ـ", "𝐀"}
	rng := rand.New(rand.NewSource(19))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(12) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	arabicStems := 0
	for _, text := range texts {
		got, want := stemsOf(text), stemsOfByTokens(text)
		if got != want {
			t.Fatalf("stemsOf(%q) = %q, want %q", text, got, want)
		}
		if want != "" {
			arabicStems++
		}
	}
	if arabicStems < 100 {
		t.Fatalf("only %d texts had a stem: the comparison tried too little", arabicStems)
	}
}

func BenchmarkStemsOf(b *testing.B) {
	a := capturedArticle(b, "majalla-china-ai.html")
	en := capturedArticle(b, "annals-sample-en.html")
	texts := []string{a.Title + " " + a.Text, en.Title + " " + en.Text}
	for _, bench := range []struct {
		name  string
		stems func(string) string
	}{{"inPlace", stemsOf}, {"byTokens", stemsOfByTokens}} {
		b.Run(bench.name, func(b *testing.B) {
			for range b.N {
				for _, t := range texts {
					bench.stems(t)
				}
			}
		})
	}
}

// foldReusing joins the folded title to the text annals_fold folded last;
// that is Fold of the whole only if Fold splits at a space, whatever the
// bytes around it.
func TestFoldSplitsAtASpace(t *testing.T) {
	pieces := []string{"ال", "أ", "إ", "ة", "\u064e", "١", "A", "É", "ß", "İ", " ", "\u00a0", "\u200f", "\xd8", "\xdb", "\xff",
		"\x80", "\xe2\x80", "\xf0\x9d", "ـ", "𝐀", "Σ"}
	rng := rand.New(rand.NewSource(7))
	random := func() string {
		var b strings.Builder
		for range rng.Intn(10) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	for range 50000 {
		a, b := random(), random()
		if got, want := textnorm.Fold(a)+" "+textnorm.Fold(b), textnorm.Fold(a+" "+b); got != want {
			t.Fatalf("Fold(%q) + \" \" + Fold(%q) = %q, Fold of both = %q", a, b, got, want)
		}
	}
}

// The stems of title + " " + text reuse the text annals_fold folded just
// before (as the search triggers call them) and are what folding it all
// again gives; a text that differs, or is not at the end, is folded in
// full.
func TestStemsOfReusesTheFoldedText(t *testing.T) {
	a := capturedArticle(t, "majalla-china-ai.html")
	en := capturedArticle(t, "annals-sample-en.html")
	if len(a.Text) < foldMemoFrom || len(en.Text) < foldMemoFrom {
		t.Fatalf("sample texts of %d and %d bytes: too short to be kept", len(a.Text), len(en.Text))
	}
	for _, c := range []struct {
		folded, stems string
		reused        bool
	}{
		{a.Text, a.Title + " " + a.Text, true},
		{en.Text, en.Title + " " + en.Text, true},
		{a.Text, " " + a.Text, true},
		{a.Text, en.Title + " " + en.Text, false},     // another text
		{a.Text, a.Title + "\t" + a.Text, false},      // not after a space
		{a.Text, a.Title + " " + a.Text + "x", false}, // not at the end
		{a.Text, a.Text, false},
	} {
		foldForIndex(c.folded)
		before := foldReuses.Load()
		got, want := stemsOf(c.stems), stemsOfByTokens(c.stems)
		if got != want {
			t.Errorf("stemsOf of %.40q… differs from folding it whole", c.stems)
		}
		if reused := foldReuses.Load() > before; reused != c.reused {
			t.Errorf("stemsOf of %.40q… reused the folded text: %v, want %v", c.stems, reused, c.reused)
		}
	}
}

// Saving an article folds its text once for both columns of the search
// index that need it: the triggers evaluate the body before the stems.
func TestSavingFoldsTheTextOnce(t *testing.T) {
	a := capturedArticle(t, "majalla-china-ai.html")
	s := openTemp(t)
	before := foldReuses.Load()
	if _, _, err := s.SaveArticle(context.Background(), &Article{URL: "https://fold.example/1", Title: a.Title, Text: a.Text}); err != nil {
		t.Fatal(err)
	}
	if foldReuses.Load() == before {
		t.Error("the search index's triggers folded the article's text twice")
	}
}
