package capture

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// containsFoldNaive is containsFold as it was: a comparison at every byte.
func containsFoldNaive(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// containsFold finds what a comparison at every byte finds, in texts made
// of the words' own letters in both cases, Arabic and punctuation, where
// near misses abound.
func TestContainsFoldAgreesWithTheByteByByteScan(t *testing.T) {
	subs := []string{"cookie", "javascript", "browser", "جافا", "الارتباط", "modal", "d-none", "pull", "c", "", "-x", "co"}
	pieces := []string{"c", "C", "o", "O", "k", "K", "i", "e", "E", "cook", "COOKIE", "Cookie", "coo", "ja", "JavaScript",
		"browse", "BROWSER", "جاف", "ا", "الارتباط", "ال", " ", "-", "d-", "D-NONE", "modal", "MODA", "l", "pull", "PuLl", "x", "é"}
	r := rand.New(rand.NewPCG(1, 2))
	found := 0
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		for _, sub := range subs {
			want := containsFoldNaive(s, sub)
			if got := containsFold(s, sub); got != want {
				t.Fatalf("containsFold(%q, %q) = %v, want %v", s, sub, got, want)
			}
			if want && sub != "" {
				found++
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d matches in the generated texts: the test compares too little", found)
	}
	for _, c := range []struct {
		s, sub string
		want   bool
	}{
		{"Please enable JavaScript", "javascript", true},
		{"We use COOKIES.", "cookie", true},
		{"CCCCCCCCCC cookie", "cookie", true},
		{"cccccccccC", "cookie", false},
		{"تفعيل جافا سكريبت", "جافا", true},
		{"abc", "abcd", false},
	} {
		if got := containsFold(c.s, c.sub); got != c.want {
			t.Errorf("containsFold(%q, %q) = %v", c.s, c.sub, got)
		}
	}
}

func BenchmarkContainsFold(b *testing.B) {
	text := strings.Repeat("Coverage of the conference continued as CEOs spoke about compute. ", 40)
	for b.Loop() {
		for _, sub := range []string{"cookie", "javascript", "browser", "جافا", "الارتباط"} {
			if containsFold(text, sub) {
				b.Fatal(sub)
			}
		}
	}
}

// phraseIndex.containsAny finds what strings.Contains of each phrase finds:
// texts stitched from pieces of the calls to action (near misses, phrases
// cut at every byte, Arabic and accented letters) and the phrases whole.
func TestPhraseIndexAgreesWithContains(t *testing.T) {
	naive := func(s string) bool {
		for _, p := range callsToAction {
			if strings.Contains(s, p) {
				return true
			}
		}
		return false
	}
	var pieces []string
	for _, p := range callsToAction {
		pieces = append(pieces, p, p[:len(p)/2], p[len(p)/2:], p[:1], p[len(p)-1:])
	}
	pieces = append(pieces, " ", "x", "é", "ع")
	r := rand.New(rand.NewPCG(3, 4))
	found := 0
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		want := naive(s)
		if got := callsToActionIndex.containsAny(s); got != want {
			t.Fatalf("containsAny(%q) = %v, want %v", s, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 || found > 19000 {
		t.Fatalf("%d of 20000 texts hold a phrase: the test compares too little", found)
	}
	for _, p := range callsToAction {
		if !callsToActionIndex.containsAny("before " + p + " after") {
			t.Errorf("phrase %q not found", p)
		}
	}
	short := newPhraseIndex([]string{"@", "ab"})
	if !short.containsAny("x@y") || !short.containsAny("xaby") || short.containsAny("a b") {
		t.Error("a one-byte phrase or a two-byte one is not found as Contains finds it")
	}
}

// A foldWords finds a text to hold one of its words exactly when containsFold
// finds one of them, in texts made of the words' own letters in both cases.
func TestFoldWordsIsContainsFoldOfEach(t *testing.T) {
	sets := [][]string{
		{"modal", "flyout", "offcanvas", "hidden", "d-none"},
		{"cookie", "javascript", "browser", "جافا", "الارتباط"},
		{"pull", "caption"},
		{"-x", "c", "co"},
	}
	pieces := []string{"c", "C", "o", "O", "k", "K", "i", "e", "E", "cook", "COOKIE", "Cookie", "coo", "ja", "JavaScript",
		"browse", "BROWSER", "جاف", "ا", "الارتباط", "ال", " ", "-", "d-", "D-NONE", "modal", "MODA", "l", "pull", "PuLl",
		"x", "é", "hid", "DEN", "fly", "OUT", "off", "canvas", "cap", "TION", "_", "\xd8"}
	r := rand.New(rand.NewPCG(5, 9))
	found := 0
	for _, words := range sets {
		set := newFoldWords(words...)
		for range 20000 {
			var b strings.Builder
			for range r.IntN(12) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			s := b.String()
			want := false
			for _, w := range words {
				want = want || containsFold(s, w)
			}
			if got := set.in(s); got != want {
				t.Fatalf("%q in %q = %v, containsFold says %v", words, s, got, want)
			}
			if want {
				found++
			}
		}
	}
	if found < 10000 {
		t.Fatalf("only %d texts hold a word: the test compares too little", found)
	}
}
