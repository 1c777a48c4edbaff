package token

import (
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
)

// sameTokens fails t when Tokenize or TokenizePooled and referenceTokenize
// disagree on text.
func sameTokens(t *testing.T, name, text string) {
	t.Helper()
	want := referenceTokenize(text)
	pooled := TokenizePooled(text)
	defer Release(pooled)
	for _, got := range [][]Token{Tokenize(text), pooled} {
		if len(got) != len(want) {
			t.Fatalf("%s: %d tokens, the reference has %d", name, len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%s: token %d is %+v, the reference's is %+v", name, i, got[i], want[i])
			}
		}
	}
}

// The tokens that share one folded string and one Form slice are the
// tokens each made on its own: on the committed samples (the Arabic seed
// and an English article), on words that exercise every branch, and on
// random runs of the runes that matter.
func TestTokenizeMatchesReference(t *testing.T) {
	for _, name := range []string{"majalla-china-ai.txt", "majalla-china-ai.html", "annals-sample-en.html"} {
		raw, err := os.ReadFile("../../../assets/samples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sameTokens(t, name, string(raw))
	}
	for _, text := range []string{
		"", "x", "The Apple iPhone 16, “launched” — 2024", "للصين ولواشنطن وبالبيت فللمدرسة كالبحر لل ول",
		"بـ16000 شريحة ٦ آذار ٢٠٢٥ ۱۴۰۳", "ـ ً", "\u200c\u200d", "1234567890 123456789", "٠١٢٣٤٥٦٧٨٩٠",
		"نموذجQwQ ÉCOLE straße", "\xff\xfe bad \xd8", "ﻻ ﷲ", "Ω≈ç √ ∫", "a\u0301b",
	} {
		sameTokens(t, text, text)
	}
	alphabet := []rune("ابتلكوفيىةأإآءؤئـًٌٍَُِّْ٠١٩۰۹0189 \n\t.,:«»—“”AaZzÉéßΩ\u200c\u200d\u200f\u00a0/")
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(40) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		if n%7 == 0 {
			b.WriteByte(byte(0x80 + rng.IntN(0x80))) // invalid UTF-8
		}
		sameTokens(t, "random", b.String())
	}
}

// A pooled slice given back and reused for another text leaves the strings
// and forms read from the first intact, and holds the second's tokens.
func TestReleasedTokensReused(t *testing.T) {
	first := TokenizePooled("وللصين Washington")
	norm, forms := first[0].Norm, first[0].Forms
	formsCopy := append([]Form(nil), forms...)
	Release(first)
	second := TokenizePooled("بكين Beijing بكين")
	defer Release(second)
	if norm != "وللصين" || !reflect.DeepEqual(forms, formsCopy) {
		t.Fatalf("the first text's token changed after its slice was reused: %q %+v", norm, forms)
	}
	if len(second) != 3 || second[1].Norm != "beijing" || second[2].Norm != "بكين" {
		t.Fatalf("second text's tokens: %+v", second)
	}
}

// An append to one token's Forms must not overwrite the next token's.
func TestFormsAreCapped(t *testing.T) {
	toks := Tokenize("للصين وللهند")
	first := toks[0].Forms
	next := append([]Form(nil), toks[1].Forms...)
	_ = append(first, Form{Text: "x"})
	if !reflect.DeepEqual(toks[1].Forms, next) {
		t.Fatalf("appending to the first token's forms changed the second's: %+v", toks[1].Forms)
	}
}

func FuzzTokenizeMatchesReference(f *testing.F) {
	for _, s := range []string{"للصين", "Jan. 20, 2025", "بـ16000 ٦ آذار", "\xd8x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { sameTokens(t, "fuzz", text) })
}

func BenchmarkTokenizeSeed(b *testing.B) {
	raw, err := os.ReadFile("../../../assets/samples/majalla-china-ai.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
}

func BenchmarkTokenizeEnglish(b *testing.B) {
	raw, err := os.ReadFile("../../../assets/samples/annals-sample-en.html")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
}

func BenchmarkTokenizeName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Tokenize("Donald J. Trump")
	}
}

// Has and FormOf skip the first form, which must therefore be the word
// itself; they answer what a look at every form answers.
func TestHasAndFormOfSeeEveryForm(t *testing.T) {
	raw, err := os.ReadFile("../../../assets/samples/majalla-china-ai.txt")
	if err != nil {
		t.Fatal(err)
	}
	toks := Tokenize(string(raw) + " للصين وبالبيت Washington 2025")
	set := map[string]int{}
	for i := range toks {
		for _, f := range toks[i].Forms[min(1, len(toks[i].Forms)):] {
			set[f.Text] = i // the other forms only: found through them alone
		}
	}
	for i := range toks {
		tk := &toks[i]
		if tk.Arabic && (tk.Forms[0].Text != tk.Norm || tk.Forms[0].Start != tk.Start) {
			t.Fatalf("token %d's first form is not the word itself: %+v", i, tk)
		}
		for _, w := range []string{tk.Norm, "الصين", "بيت", "البيت", "washington", "x"} {
			want := tk.Norm == w
			for _, f := range tk.Forms {
				want = want || f.Text == w
			}
			if got := tk.Has(w); got != want {
				t.Fatalf("token %d %+v Has(%q) = %v", i, tk, w, got)
			}
		}
		_, gotStart, gotOK := FormOf(tk, set)
		wantStart, wantOK := 0, false
		if _, ok := set[tk.Norm]; ok {
			wantStart, wantOK = tk.Start, true
		} else {
			for _, f := range tk.Forms {
				if _, ok := set[f.Text]; ok {
					wantStart, wantOK = f.Start, true
					break
				}
			}
		}
		if gotStart != wantStart || gotOK != wantOK {
			t.Fatalf("token %d %+v: FormOf = %d %v, every form says %d %v", i, tk, gotStart, gotOK, wantStart, wantOK)
		}
	}
}

// startsWithParticle knows the five letters, and only them, by their bytes.
func TestStartsWithParticle(t *testing.T) {
	particles := map[rune]bool{}
	for _, p := range append(arConjunctions[:], arPrepositions[:]...) {
		for _, r := range p {
			particles[r] = true
		}
	}
	if len(particles) != 5 {
		t.Fatalf("particles %v", particles)
	}
	for r := rune(0x0600); r <= 0x06FF; r++ {
		w := []byte(string(r) + "ا")
		if got := startsWithParticle(w); got != particles[r] {
			t.Errorf("startsWithParticle(%q) = %v", string(r), got)
		}
	}
}
