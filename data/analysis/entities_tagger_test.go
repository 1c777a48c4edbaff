package analysis

import (
	"os"
	"slices"
	"testing"

	"annals/data/analysis/token"
)

// TestTagArabicMatchesTag: the analysis sums a word's own features once
// per distinct word and decodes from those sums; its tags must be exactly
// those of the model's Tag over every token's full feature list (what
// tools/trainner trains and scores).
func TestTagArabicMatchesTag(t *testing.T) {
	m := arabicTagger()
	if m == nil {
		t.Skip("no tagger model")
	}
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{string(raw),
		"قال وزير الخارجية الأمريكي أنتوني بلينكن في واشنطن إن شركة هواوي الصينية ستلتقي مع الرئيس شي جين بينغ في بكين.",
		"وصل محمد بن راشد إلى القاهرة، واستقبله الرئيس عبد الفتاح السيسي، ثم زار جامعة الدول العربية."}
	g := DefaultGazetteer()
	for _, text := range texts {
		toks := token.Tokenize(text)
		g.mu.RLock()
		ms, _ := cueMentions(text, toks, Sentences(text), g)
		want := m.Tag(nerFeatures(text, toks, ms, g))
		got := tagArabic(m, text, toks, ms, g)
		g.mu.RUnlock()
		if !slices.Equal(got, want) {
			t.Fatalf("tagArabic %v\nwant      %v", got, want)
		}
		names := 0
		for _, c := range got {
			if c != 0 {
				names++
			}
		}
		if names == 0 {
			t.Errorf("no name tagged in %.40q…: the comparison says little", text)
		}
	}
}
