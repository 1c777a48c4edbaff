package store

import (
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
