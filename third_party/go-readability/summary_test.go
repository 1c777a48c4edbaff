package readability

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// TestSummarizeTextMatchesCounters checks the Annals counting shortcut
// (summarizeText + apply) against the rune-by-rune counters it replaces, on
// strings built from spaces of every kind, commas, letters and broken UTF-8,
// from every counter state.
func TestSummarizeTextMatchesCounters(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u0085", ",", "\u060c", "\uff0c",
		"a", "Z", "é", "ب", "中", "\xff", "\xe2\x80", "word", "", "\u200b", "\v", "\f", "\r"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := rng.Intn(8); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		for _, start := range []charCounter{{}, {Total: 3, seenNonSpace: true}, {Total: 3, seenNonSpace: true, lastCharWasSpace: true}, {lastCharWasSpace: true}} {
			want, got := start, start
			var commas commaCounter
			for _, r := range s {
				want.Count(r)
				commas.Count(r)
			}
			run := summarizeText(s)
			got.apply(&run)
			if got != want || run.commas != commas.Total {
				t.Fatalf("%q from %+v: got %+v and %d commas, the counters give %+v and %d", s, start, got, run.commas, want, commas.Total)
			}
		}
	}
}

// TestTextRunThenMatchesCounters checks that summing the sums of several
// strings (textRun.then, in any grouping) counts as the rune-by-rune
// counters do over the strings one after another.
func TestTextRunThenMatchesCounters(t *testing.T) {
	pieces := []string{" ", "\n", "\u00a0", ",", "a", "ب", "\xff", "ab cd", "", " x ", "\u3000"}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		strs := make([]string, rng.Intn(6))
		for k := range strs {
			var b strings.Builder
			for m := rng.Intn(4); m > 0; m-- {
				b.WriteString(pieces[rng.Intn(len(pieces))])
			}
			strs[k] = b.String()
		}
		var want charCounter
		var commas commaCounter
		for _, s := range strs {
			for _, r := range s {
				want.Count(r)
				commas.Count(r)
			}
		}
		// Left to right, and grouped from the right, as a tree walk groups.
		var left textRun
		for _, s := range strs {
			left = left.then(summarizeText(s))
		}
		var right textRun
		for k := len(strs) - 1; k >= 0; k-- {
			right = summarizeText(strs[k]).then(right)
		}
		for _, sum := range []textRun{left, right} {
			var got charCounter
			got.apply(&sum)
			if got != want || sum.commas != commas.Total {
				t.Fatalf("%q: got %+v and %d commas, the counters give %+v and %d", strs, got, sum.commas, want, commas.Total)
			}
		}
	}
}

// TestContainsFoldASCIIIsExactPrefilter checks that where a regexp it guards
// matches, containsFoldASCII finds its needle (so skipping the regexp when
// it does not changes nothing), on strings mixing the needles' letters in
// both cases with non-ASCII look-alikes, and that it is a real filter.
func TestContainsFoldASCIIIsExactPrefilter(t *testing.T) {
	guards := []struct {
		needle string
		rx     interface{ MatchString(string) bool }
	}{{"hare", rxShareElements}, {"none", rxDisplayNone}, {"hidden", rxVisibilityHidden}}
	pieces := []string{"s", "S", "\u017f", "h", "H", "a", "A", "r", "R", "e", "E", "_", " ", "-", "d", "D", "ddy", "n", "N",
		"o", "O", "i", "I", "\u0130", "\u0131", "display", "DISPLAY", ":", "visibility", "\u212a", "é", "share", "none", "hidden"}
	rng := rand.New(rand.NewSource(3))
	filtered := 0
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for k := rng.Intn(10); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		for _, g := range guards {
			found := containsFoldASCII(s, g.needle)
			if g.rx.MatchString(s) && !found {
				t.Fatalf("%q: the regexp for %q matches, containsFoldASCII says no", s, g.needle)
			}
			lowerASCII := strings.Map(func(r rune) rune {
				if 'A' <= r && r <= 'Z' {
					return r + 'a' - 'A'
				}
				return r
			}, s)
			if found != strings.Contains(lowerASCII, g.needle) {
				t.Fatalf("%q: containsFoldASCII(%q) = %v", s, g.needle, found)
			}
			if !found {
				filtered++
			}
		}
	}
	if filtered == 0 {
		t.Fatal("containsFoldASCII never filtered")
	}
}

// TestScoreFormatMatchesSprintf checks that strconv writes a content score
// as fmt's %.4f did (the score is read back from the attribute, so every
// digit counts).
func TestScoreFormatMatchesSprintf(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.00005, 0.00004999, 12.34565, 1e21, -3.99995, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 100000; i++ {
		values = append(values, (rng.Float64()-0.3)*math.Pow(10, float64(rng.Intn(8))))
	}
	for _, v := range values {
		if got, want := strconv.FormatFloat(v, 'f', 4, 64), fmt.Sprintf("%.4f", v); got != want {
			t.Fatalf("%v: strconv %q, fmt %q", v, got, want)
		}
	}
}

// TestClassNameMatchesDom checks className against dom.ClassName on class
// attributes with every kind of space, where they can be.
func TestClassNameMatchesDom(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u0085", "\u2003", "a", "post-body", "é", "_x", "\xff"}
	rng := rand.New(rand.NewSource(5))
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for k := rng.Intn(6); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		n := &html.Node{Type: html.ElementNode, Data: "div"}
		if i%7 != 0 {
			n.Attr = []html.Attribute{{Key: "id", Val: "x"}, {Key: "class", Val: b.String()}}
		}
		if got, want := className(n), dom.ClassName(n); got != want {
			t.Fatalf("%q: className %q, dom %q", b.String(), got, want)
		}
	}
}

// parseScore must give ParseFloat's float, bit for bit, for every score
// setContentScore can write, and refuse what it does not read.
func TestParseScoreIsParseFloat(t *testing.T) {
	r := rand.New(rand.NewSource(19))
	check := func(s string) {
		t.Helper()
		got, ok := parseScore(s)
		want, err := strconv.ParseFloat(s, 64)
		if ok && (err != nil || math.Float64bits(got) != math.Float64bits(want)) {
			t.Fatalf("parseScore(%q) = %v (%x), ParseFloat %v (%x, %v)", s, got, math.Float64bits(got), want, math.Float64bits(want), err)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), -0.00001, 0.00005, 0.03125, 1, -1, 25, 0.1, 99999999999.9999, 1e11, 1e12, -3.33335} {
		s := strconv.FormatFloat(x, 'f', 4, 64)
		if _, ok := parseScore(s); !ok && len(strings.TrimPrefix(s, "-")) <= 16 {
			t.Errorf("parseScore(%q) refused a score", s)
		}
		check(s)
	}
	for range 300000 {
		x := r.NormFloat64() * math.Pow(10, float64(r.Intn(9)))
		check(strconv.FormatFloat(x, 'f', 4, 64))
		check(strconv.FormatFloat(float64(r.Int63n(1<<53))/1e4, 'f', 4, 64))
	}
	for _, s := range []string{"", "-", ".0000", "1.000", "1.00000", "1e3", "+1.0000", " 1.0000", "1.0000 ", "1,0000", "--1.0000", "１.0000", "1234567890123.4567", "NaN", "Inf"} {
		if _, ok := parseScore(s); ok {
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				t.Errorf("parseScore(%q) read a string ParseFloat refuses", s)
			}
			check(s)
		}
	}
}

// mayMatchNamePattern must be true wherever rxNamePattern or
// rxPropertyPattern matches: built
// names, with every case, the letters whose case folds leave ASCII (ſ, K),
// spaces and separators.
func TestMayMatchNamePatternIsAPrefilter(t *testing.T) {
	pieces := []string{"dc", "dcterm", "article", "og", "twitter", "parsely", "weibo:article", "weibo:webpage", ":", ".", "-", " ", "\t",
		"author", "AUTHOR", "creator", "pub-date", "description", "deſcription", "DESCRIPTION", "title", "Title", "site_name", "ſite_name",
		"published_time", "publiſhed_time", "modified_time", "image", "IMAGE", "viewport", "robots", "keywords", "\u212a", "ſ", "s", "x", "é", "image:width", "imageſ", "og:type", "fb:app_id"}
	rng := rand.New(rand.NewSource(6))
	matched, filtered := 0, 0
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for k := 1 + rng.Intn(4); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		may := mayMatchNamePattern(s)
		if rxNamePattern.MatchString(s) || rxPropertyPattern.MatchString(s) {
			matched++
			if !may {
				t.Fatalf("%q: rxNamePattern or rxPropertyPattern matches, mayMatchNamePattern says no", s)
			}
		}
		if !may {
			filtered++
		}
	}
	if matched == 0 || filtered == 0 {
		t.Fatalf("%d matched, %d filtered: the test proves nothing", matched, filtered)
	}
}

func TestIsSpaceAbove127(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune+1; r++ {
		if isSpaceAbove127(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpaceAbove127(%U) = %v", r, !unicode.IsSpace(r))
		}
	}
	if isSpaceAbove127(utf8.RuneError) {
		t.Fatal("U+FFFD is not space")
	}
}

// A textRunMemo answers what summarizeText answers: for a text it has not
// seen, for the same string asked again, for a piece of it and for new
// text with the same length.
func TestTextRunMemoIsSummarizeText(t *testing.T) {
	var memo textRunMemo
	long := strings.Repeat("word, ", 20) + "end"
	texts := []string{"", "short", " \u00a0 spaced ,  ", long, long, long[:40], long[6:], strings.ToUpper(long), strings.Repeat(" ", 40), "\u060c" + long + "\u3000"}
	for round := 0; round < 2; round++ {
		for _, s := range texts {
			if got, want := memo.of(s), summarizeText(s); got != want {
				t.Fatalf("round %d: memo.of(%q) = %+v, summarizeText %+v", round, s, got, want)
			}
		}
	}
	b := []byte(long)
	first := memo.of(string(b))
	b[0], b[4] = ' ', ' '
	if got, want := memo.of(string(b)), summarizeText(string(b)); got != want || got == first {
		t.Fatalf("a new string of the same length was answered from the memo: %+v, want %+v", got, want)
	}
	if (*textRunMemo)(nil).of(long) != summarizeText(long) {
		t.Fatal("a nil memo")
	}
	if len(memo.runs) == 0 {
		t.Fatal("the memo remembered nothing")
	}
}

// wordTokens splits as rxTokenize does, empty pieces left out.
func TestWordTokensIsTokenizeSplit(t *testing.T) {
	pieces := []string{"a", "Z", "z", "0", "9", "_", " ", "-", ",", "'", "@", "[", "`", "{", "ſ", "\u212a", "k", "s", "é", "ع", "\u00a0", "\xff", "\xc3", "word", "Title: ", "2025"}
	rng := rand.New(rand.NewSource(8))
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for k := rng.Intn(10); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		want := strFilter(rxTokenize.Split(s, -1), func(s string) bool { return s != "" })
		got := wordTokens(s)
		if len(got) != len(want) {
			t.Fatalf("%q: wordTokens %q, rxTokenize %q", s, got, want)
		}
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("%q: wordTokens %q, rxTokenize %q", s, got, want)
			}
		}
	}
}

// mayHaveImgExtension and hasPrefixFoldASCII(s, "data:") are true wherever
// the image regexps they guard match.
func TestImagePrefiltersHoldEveryMatch(t *testing.T) {
	pieces := []string{"a", "/", ".", " ", "\t", "1", "2x", ",", ";", "jpg", "JPG", "jpeg", "JpEg", "png", "PNG", "webp", "WEBP", "ſ", "\u212a",
		"data", "DATA", "Data", ":", "image/png", "base64", "é", ".jp", "p", "g", "w", "e", "b", "n", "?x=1"}
	rng := rand.New(rand.NewSource(12))
	matched := 0
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for k := rng.Intn(9); k > 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if rxImgExtensions.MatchString(s) || rxLazyImageSrcset.MatchString(s) || rxLazyImageSrc.MatchString(s) {
			matched++
			if !mayHaveImgExtension(s) {
				t.Fatalf("%q: an image regexp matches, mayHaveImgExtension says no", s)
			}
		}
		if rxB64DataURL.MatchString(s) {
			matched++
			if !hasPrefixFoldASCII(s, "data:") {
				t.Fatalf("%q: rxB64DataURL matches without a data: prefix", s)
			}
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d matches: the test proves little", matched)
	}
	for _, s := range []string{"data:image/png;base64,AAAA", "DATA: image/gif ; base64 ,R0lG", "Data:image/svg+xml;base64,PHN2", " data:image/png;base64,x"} {
		if rxB64DataURL.MatchString(s) != hasPrefixFoldASCII(s, "data:") {
			t.Errorf("%q: rxB64DataURL %v, hasPrefixFoldASCII %v", s, rxB64DataURL.MatchString(s), !rxB64DataURL.MatchString(s))
		}
	}
}
