package capture

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// isSpace answers as unicode.IsSpace for every rune, and for values that
// are no runes.
func TestIsSpaceIsUnicodeIsSpace(t *testing.T) {
	spaces := 0
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v, unicode.IsSpace says %v", r, isSpace(r), unicode.IsSpace(r))
		}
		if isSpace(r) {
			spaces++
		}
	}
	if spaces < 20 {
		t.Fatalf("only %d spaces: the comparison saw too little", spaces)
	}
	// wordCounter skips the bytes no space starts with.
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) && !spaceStart[string(r)[0]] {
			t.Fatalf("%U starts with %x, which spaceStart lacks", r, string(r)[0])
		}
	}
	for b := 0x80; b < 0xC0; b++ {
		if spaceStart[b] {
			t.Fatalf("spaceStart has %x, a byte that continues a rune", b)
		}
	}
}

// spacePieces are what the generated texts are made of: words of several
// scripts, every kind of white space, punctuation, and bytes that are not
// UTF-8 (cut NBSPs among them).
var spacePieces = []string{"a", "Word", "7", "كلمة", "ب", "—", "·", ".", ",", " ", "  ", "\t", "\n", "\r\n", "\v", "\f",
	"\u00a0", "\u0085", "\u1680", "\u2003", "\u200a", "\u2028", "\u202f", "\u205f", "\u3000", "\u200b", "\ufeff",
	"\xc2", "\xa0", "\xe2\x80", "\xff", "é", "日本", "\U0001F600", "\x85", "\xe1", "\xe3\x80", "\xe0", "\xf0\x9f"}

func randomSpacedText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(16) {
		b.WriteString(spacePieces[r.IntN(len(spacePieces))])
	}
	return b.String()
}

func TestCollapseIsJoinedFields(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 19))
	changed := 0
	for range 50000 {
		s := randomSpacedText(r)
		want := strings.Join(strings.Fields(s), " ")
		if got := collapse(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
		if want != s {
			changed++
		}
	}
	if changed < 10000 {
		t.Fatalf("only %d texts changed by collapsing: the test compares too little", changed)
	}
}

// wordCounterReference is wordCounter.add as it was, rune by rune through
// unicode's functions.
type wordCounterReference struct {
	n             int
	inWord, wordy bool
}

func (c *wordCounterReference) add(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			if c.inWord && c.wordy {
				c.n++
			}
			c.inWord, c.wordy = false, false
			continue
		}
		c.inWord = true
		if !c.wordy && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			c.wordy = true
		}
	}
}

// The counter is fed texts in pieces, as proseWords feeds it text nodes:
// it counts what the rune-by-rune counter counted, whatever the pieces.
func TestWordCounterMatchesUnicode(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 11))
	total := 0
	for range 20000 {
		var got wordCounter
		var want wordCounterReference
		for range r.IntN(4) + 1 {
			s := randomSpacedText(r)
			got.add(s)
			want.add(s)
			if got.n != want.n || got.inWord != want.inWord || got.wordy != want.wordy {
				t.Fatalf("after %q: counter %+v, reference %+v", s, got, want)
			}
		}
		total += got.done()
	}
	if total < 20000 {
		t.Fatalf("only %d words counted: the test compares too little", total)
	}
}

// textBytesUpTo is the length of textContent up to its limit, on the
// benchmark's trees, whole and by subtree.
func TestTextBytesUpToIsTextContentLength(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<div>a<p>bé <b>c</b></p>" + strings.Repeat("<p>word word</p>", 300) + "</div>"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for n := range doc.Descendants() {
		full := len(textContent(n))
		for _, limit := range []int{1, 3, 10, 100, foundTextMax + 1, 1 << 30} {
			got := textBytesUpTo(n, limit)
			if (full < limit && got != full) || (full >= limit && got < limit) {
				t.Fatalf("textBytesUpTo(%s, %d) = %d, textContent has %d bytes", n.Data, limit, got, full)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d checks", checked)
	}
}
