package analysis

import (
	"os"
	"slices"
	"testing"
	"unicode/utf8"

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
		want := m.TagClasses(nerFeatures(text, toks, ms, g), transitionClasses(toks, nil))
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

// firstRunes and lastRunes step over ASCII and two-byte runes without
// decoding them: they must cut where utf8 does, valid text or not.
func TestFirstLastRunes(t *testing.T) {
	slow := func(s string, n int, last bool) string {
		r := []rune{}
		for len(s) > 0 && len(r) < n {
			if last {
				_, sz := utf8.DecodeLastRuneInString(s)
				s = s[:len(s)-sz]
				r = append(r, 0)
				continue
			}
			_, sz := utf8.DecodeRuneInString(s)
			s = s[sz:]
			r = append(r, 0)
		}
		return s
	}
	for _, s := range []string{"", "a", "الصين", "بكين", "Xi جين", "\xd8", "\xd8\xd8\xa7", "ab\xbf", "\xc1\xbfx", "€uro", "ن\xe2\x82", "\xdf\xbf\xc2"} {
		for n := 0; n <= 4; n++ {
			if got, want := firstRunes(s, n), s[:len(s)-len(slow(s, n, false))]; got != want {
				t.Errorf("firstRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
			if got, want := lastRunes(s, n), s[len(slow(s, n, true)):]; got != want {
				t.Errorf("lastRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
