package capture

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"annals/data/textnorm"

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

// The ASCII fast paths of isNormalSpace and appendLabel skip printable
// ASCII (0x21–0x7F) as a letter: none of it may be blank, a line break,
// invisible or a joiner.
func TestIsNormalSpaceASCII(t *testing.T) {
	for c := rune(0x21); c < utf8.RuneSelf; c++ {
		if isBlank(c) || c == lineBreak || textnorm.IsInvisible(c) || textnorm.IsJoiner(c) {
			t.Errorf("%q is read as a letter by the fast paths, but it is not one", c)
		}
	}
}

// isNormalSpaceByRune and appendLabelByRune are the two functions as they
// were before their ASCII fast paths.
func isNormalSpaceByRune(s string) bool {
	prevSpace := true
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case r == lineBreak || isBlank(r) || textnorm.IsInvisible(r) || textnorm.IsJoiner(r):
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

func appendLabelByRune(dst []byte, s string) []byte {
	start := len(dst)
	word := -1
	for i, r := range s {
		if isBlank(r) || r == lineBreak {
			if word >= 0 {
				if len(dst) > start {
					dst = append(dst, ' ')
				}
				dst = textnorm.AppendFold(dst, s[word:i])
				word = -1
			}
		} else if word < 0 {
			word = i
		}
	}
	if word >= 0 {
		if len(dst) > start {
			dst = append(dst, ' ')
		}
		dst = textnorm.AppendFold(dst, s[word:])
	}
	trimmed := bytes.TrimFunc(dst[start:], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	n := copy(dst[start:], trimmed)
	return dst[:start+n]
}

func TestSpaceFastPathsMatchRuneByRune(t *testing.T) {
	pieces := []string{"a", "Z", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x00", "\x1f", "\x7f", ".", ",", "!", "-",
		"\u00a0", "\u0085", "\u2028", "\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2003", "\u3000", "é", "ع", "ب",
		"\xff", "\xd8", "word", "Word.", "«", "»", "“"}
	r := rand.New(rand.NewPCG(11, 3))
	for range 50000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := isNormalSpace(s), isNormalSpaceByRune(s); got != want {
			t.Fatalf("isNormalSpace(%q) = %v, rune by rune %v", s, got, want)
		}
		if got, want := appendLabel([]byte("x"), s), appendLabelByRune([]byte("x"), s); !bytes.Equal(got, want) {
			t.Fatalf("appendLabel(%q) = %q, rune by rune %q", s, got, want)
		}
	}
}
