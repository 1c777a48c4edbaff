package token

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		norms []string
		kinds []Kind
	}{
		{"english", "Jan. 20, 2025", []string{"jan", ".", "20", ",", "2025"}, []Kind{Word, Punct, Number, Punct, Number}},
		{"arabic with tatweel and digits", "بـ16000 شريحة", []string{"ب", "16000", "شريحه"}, []Kind{Word, Number, Word}},
		{"eastern digits", "٦ آذار ٢٠٢٥", []string{"6", "اذار", "2025"}, []Kind{Number, Word, Number}},
		{"mixed scripts split", "نموذجQwQ", []string{"نموذج", "qwq"}, []Kind{Word, Word}},
		{"paired month", "نوفمبر/تشرين", []string{"نوفمبر", "/", "تشرين"}, []Kind{Word, Punct, Word}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks := Tokenize(tc.text)
			var norms []string
			var kinds []Kind
			for _, tk := range toks {
				norms = append(norms, tk.Norm)
				kinds = append(kinds, tk.Kind)
				if tk.Start < 0 || tk.End > len(tc.text) || tk.Start >= tk.End {
					t.Fatalf("bad span %+v", tk)
				}
			}
			if !slices.Equal(norms, tc.norms) || !slices.Equal(kinds, tc.kinds) {
				t.Fatalf("got %q %v, want %q %v", norms, kinds, tc.norms, tc.kinds)
			}
		})
	}
}

func TestForms(t *testing.T) {
	tests := []struct {
		word, form, at string // at: the text the form starts with
	}{
		{"لواشنطن", "واشنطن", "واشنطن"},
		{"للصين", "الصين", "لصين"},
		{"وبالبيت", "البيت", "البيت"},
		{"بكين", "بكين", "بكين"},
		{"Washington", "washington", "Washington"},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			tk := Tokenize(tc.word)[0]
			if !tk.Has(tc.form) {
				t.Fatalf("%q has no form %q: %+v", tc.word, tc.form, tk.Forms)
			}
			if tk.Arabic && tk.Forms[0].Text != tk.Norm {
				t.Fatalf("the whole word must come first: %+v", tk.Forms)
			}
			_, start, _ := FormOf(&tk, map[string]bool{tc.form: true})
			if got := tc.word[start:]; got[:len(tc.at)] != tc.at {
				t.Fatalf("form starts at %q, want %q", got, tc.at)
			}
		})
	}
}
