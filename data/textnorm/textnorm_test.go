package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"hamza forms", "أإآٱ", "اااا"},
		{"alef maqsura and ta marbuta", "مستشفى المدينة", "مستشفي المدينه"},
		{"harakat and tatweel", "مُحَمَّـــد", "محمد"},
		{"eastern digits", "٢٠٢٥ ۲۰۲۵", "2025 2025"},
		{"bidi marks", "\u200fترمب\u200e", "ترمب"},
		{"english lower case", "Donald TRUMP", "donald trump"},
		{"mixed", "أطلق QwQ في ٢٠٢٤", "اطلق qwq في 2024"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Fold(tc.in)
			if got != tc.want {
				t.Fatalf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if Fold(got) != got {
				t.Fatalf("Fold is not idempotent on %q", got)
			}
		})
	}
}

func TestFoldMap(t *testing.T) {
	tests := []struct{ name, in, sub string }{
		{"arabic with harakat", "قال مُحَمَّد إنّ الصّين", "الصين"},
		{"english", "Talks with China resumed", "china"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			folded, offs := FoldMap(tc.in)
			if folded != Fold(tc.in) || len(offs) != utf8.RuneCountInString(folded)+1 || offs[len(offs)-1] != len(tc.in) {
				t.Fatalf("FoldMap inconsistent: %q %v", folded, offs)
			}
			i := strings.Index(folded, tc.sub)
			if i < 0 {
				t.Fatalf("%q not in %q", tc.sub, folded)
			}
			ri := utf8.RuneCountInString(folded[:i])
			rj := ri + utf8.RuneCountInString(tc.sub)
			if back := Fold(tc.in[offs[ri]:offs[rj]]); back != tc.sub {
				t.Fatalf("mapped back to %q", tc.in[offs[ri]:offs[rj]])
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"article", "الصين", "صين"},
		{"waw article", "والصين", "صين"},
		{"lam lam", "للصين", "صين"},
		{"waw ba article", "وبالبيت", "بيت"},
		{"ba article", "بالبيت", "بيت"},
		{"waw ba", "وبمصر", "مصر"},
		{"waw lam", "ولمصر", "مصر"},
		{"fa lam lam", "فللشركه", "شركه"},
		{"name kept whole beijing", "بكين", "بكين"},
		{"name kept whole biden", "بايدن", "بايدن"},
		{"name behind prefix", "لواشنطن", "واشنطن"},
		{"gazetteer name kept blair", "بلير", "بلير"},
		{"gazetteer name kept cuba", "لكوبا", "كوبا"},
		{"gazetteer name huawei", "وهواوي", "هواوي"},
		{"short word", "بعد", "بعد"},
		{"latin untouched", "washington", "washington"},
		{"english", "beijing", "beijing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Stem(tc.in); got != tc.want {
				t.Fatalf("Stem(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"arabic", Fold("أطلقت الصين، نموذجاً!"), []string{"اطلقت", "الصين", "نموذجا"}},
		{"english", Fold("Alibaba's QwQ-32B (2024)"), []string{"alibaba", "s", "qwq", "32b", "2024"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Tokens(tc.in)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("Tokens = %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"أطلق نموذج QwQ في ٢٠٢٤", "مُحَمَّـد", "\u200f", "\xff\xfe", "Ⅻ ǅ", "\xd8", "\xd8A", "ا\xd9", "ABC ١٢ ۳", "ﻻ ﷲ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if Fold(folded) != folded {
			t.Fatalf("not idempotent: %q", s)
		}
		fm, offs := FoldMap(s)
		if fm != folded || len(offs) != utf8.RuneCountInString(fm)+1 || offs[len(offs)-1] != len(s) {
			t.Fatalf("FoldMap inconsistent for %q", s)
		}
		for i := 1; i < len(offs); i++ {
			if offs[i] < offs[i-1] {
				t.Fatalf("offsets not increasing for %q", s)
			}
		}
		for _, w := range Tokens(folded) {
			if st := Stem(w); !strings.HasSuffix(w, st) || st == "" {
				t.Fatalf("Stem(%q) = %q", w, st)
			}
		}
	})
}
