package analysis

import (
	"testing"

	"annals/data/analysis/token"
)

// The dictionary classes come from the committed word lists
// (assets/ner_ar_words.bin.gz): no hunspell needed to run this.
func TestArabicDictClass(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"الكتاب", dictWord},       // the article off
		{"والمدرسة", dictWord},     // a particle and the article off
		{"سيواصلون", dictWord},     // the future's «س» off, a verb's suffix
		{"كتابهم", dictWord},       // a pronoun suffix
		{"كافلنيكوف", dictUnknown}, // a transliterated name
		{"دويسنبرج", dictUnknown},
		{"Moscow", dictNone}, // not Arabic
	}
	for _, tc := range tests {
		toks := token.Tokenize(tc.word)
		if len(toks) != 1 {
			t.Fatalf("%q: %d tokens", tc.word, len(toks))
		}
		if got := arabicWords().dictClass(&toks[0]); got != tc.want {
			t.Errorf("%s: class %q, want %q", tc.word, got, tc.want)
		}
	}
	// a capital Ayaspell lists among its proper names
	toks := token.Tokenize("باريس")
	if got := arabicWords().dictClass(&toks[0]); got != dictName && got != dictBoth {
		t.Errorf("باريس: class %q, want a name", got)
	}
}

func TestArabicWordKeySuffixes(t *testing.T) {
	// a suffix is cut only when three letters stay: «كتابهم» and «كتاب»
	// share a key, «انان» is not «ان» + «ان»
	if ArabicWordKey("كتابهم") != ArabicWordKey("كتاب") {
		t.Error("كتابهم and كتاب must share a key")
	}
	if ArabicWordKey("انان") == ArabicWordKey("ان") {
		t.Error("a two-letter stem must keep its suffix")
	}
	if ArabicWordKey("كتابه") == ArabicWordKey("كتاب") {
		t.Error("a one-letter ending is no dictionary suffix")
	}
	if k := ArabicWordKey("بوتين"); k == 0 || k >= 1<<wordKeyBits {
		t.Errorf("key %d out of the %d-bit range", k, wordKeyBits)
	}
}

// Every dictionary suffix ends in a letter ArabicWordKey looks for.
func TestDictSuffixesByLastLetter(t *testing.T) {
	n := len(suffixesA) + len(suffixesN) + len(suffixesM) + len(suffixesT)
	if n != len(dictSuffixes) {
		t.Fatalf("%d suffixes sorted by last letter, %d in dictSuffixes", n, len(dictSuffixes))
	}
}
