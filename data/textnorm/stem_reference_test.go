package textnorm

import (
	"math/rand"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceStem is Stem as it was before it looked only at the prefixes
// starting with the word's first letter (issue 19): Stem must answer as it
// does.
func referenceStem(token string) string {
	protectOnce.Do(protectGazetteerNames)
	if keepWhole[token] {
		return token
	}
	r, _ := utf8.DecodeRuneInString(token)
	if token == "" || !IsArabic(r) {
		return token
	}
	for _, p := range arabicPrefixes {
		if !strings.HasPrefix(token, p) {
			continue
		}
		rest := token[len(p):]
		if keepWhole[rest] {
			return rest
		}
		if utf8.RuneCountInString(rest) >= minStem {
			return rest
		}
	}
	return token
}

// TestStemAnswersAsReference compares Stem with referenceStem on every word
// of the Arabic seed, on the protected words with and without prefixes, and
// on random words made of prefix letters and others.
func TestStemAnswersAsReference(t *testing.T) {
	seed, err := os.ReadFile("../../assets/samples/majalla-china-ai.txt")
	if err != nil {
		t.Fatal(err)
	}
	words := Tokens(Fold(string(seed)))
	protectOnce.Do(protectGazetteerNames)
	for w := range keepWhole {
		words = append(words, w, "و"+w, "بال"+w, "لل"+w)
	}
	letters := []rune("وفبلكالمنسعهيتdA1ـ")
	rng := rand.New(rand.NewSource(7))
	for n := 0; n < 20000; n++ {
		k := rng.Intn(7)
		rs := make([]rune, k)
		for i := range rs {
			rs[i] = letters[rng.Intn(len(letters))]
		}
		words = append(words, string(rs))
	}
	differ := 0
	for _, w := range words {
		if got, want := Stem(w), referenceStem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
		if Stem(w) != w {
			differ++
		}
	}
	if differ < 1000 {
		t.Fatalf("only %d of %d words had a prefix removed: the test reads too few", differ, len(words))
	}
}
