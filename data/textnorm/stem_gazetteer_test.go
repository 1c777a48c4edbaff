package textnorm

import "testing"

// TestStemKeepsGazetteerNames: names that begin with a prefix letter are kept
// whole because they are in assets/gazetteer.tsv (read through
// assets.ReadGazetteer), not in the hand list keepWhole starts with.
func TestStemKeepsGazetteerNames(t *testing.T) {
	for _, name := range []string{"كلينتون", "فانس"} { // Clinton (name_ar), Vance (aliases_ar)
		w := Fold(name)
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it whole", w, got)
		}
		// The same word behind a real prefix still loses the prefix.
		if got := Stem("ل" + w); got != w {
			t.Errorf("Stem(%q) = %q, want %q", "ل"+w, got, w)
		}
	}
}
