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
