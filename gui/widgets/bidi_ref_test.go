package widgets

// The reference resolver for TestResolveLevelsMatchesXText: bidi levels from
// golang.org/x/text/unicode/bidi's own resolver, whose Ordering gives run
// directions only; levels are derived from them (see xtextNumberLevels).

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/text/unicode/bidi"
)

// resolveLevelsXText returns the bidi embedding level of every rune (rules P2–I2)
// and whether the paragraph is right-to-left.
//
// golang.org/x/text/unicode/bidi resolves the weak, neutral and bracket rules
// (W1–N2) but its Ordering only tells a run's direction, not its level, and
// leaves reordering (L2) to us. With no explicit embeddings (we neutralise
// the rare LRE…PDI controls) the levels follow from the direction: in a
// right-to-left paragraph, 1 for RTL and 2 for LTR; in a left-to-right one,
// 1 for RTL and 0 for LTR except numbers that rules W2/W7 kept as numbers
// (European digits after Arabic, Arabic-Indic digits): those are at level 2
// (rule I1), which matters when they sit inside Arabic, see xtextNumberLevels.
// The package's DefaultDirection(LeftToRight) only means "auto", so a forced
// LTR paragraph is given a leading LRM mark.
func resolveLevelsXText(runes []rune, dir Direction) ([]uint8, bool) {
	levels := make([]uint8, len(runes))
	if len(runes) == 0 {
		return levels, dir == DirRTL
	}
	in := make([]rune, 0, len(runes)+1)
	classes := make([]bidi.Class, len(runes))
	rtl := dir == DirRTL
	strongSeen := dir != DirAuto
	for i, r := range runes {
		props, _ := bidi.LookupRune(r)
		c := props.Class()
		switch c {
		case bidi.B, bidi.S:
			r, c = ' ', bidi.WS // one paragraph; tabs are spaces
		case bidi.LRO, bidi.RLO, bidi.LRE, bidi.RLE, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			r, c = '\u200b', bidi.BN
		}
		if !strongSeen && (c == bidi.L || c == bidi.R || c == bidi.AL) {
			strongSeen, rtl = true, c != bidi.L
		}
		classes[i] = c
		in = append(in, r)
	}
	if !rtl && !xtextHasRTL(classes) {
		return levels, false // all left-to-right, numbers included (W7)
	}
	var opts []bidi.Option
	shift := 0
	if rtl {
		opts = append(opts, bidi.DefaultDirection(bidi.RightToLeft))
	} else if dir == DirLTR {
		in = append([]rune{'\u200e'}, in...)
		shift = 1
	}
	var para bidi.Paragraph
	if _, err := para.SetString(string(in), opts...); err != nil {
		return levels, rtl
	}
	ord, err := para.Order()
	if err != nil {
		return levels, rtl
	}
	for i := 0; i < ord.NumRuns(); i++ {
		run := ord.Run(i)
		start, end := run.Pos()
		var odd, even uint8 = 1, 0
		if rtl {
			even = 2
		}
		lvl := even
		if run.Direction() == bidi.RightToLeft {
			lvl = odd
		}
		for j := max(start-shift, 0); j <= end-shift && j < len(levels); j++ {
			levels[j] = lvl
		}
	}
	if !rtl {
		xtextNumberLevels(levels, classes)
	}
	return levels, rtl
}

// hasRTL reports whether any character can have an odd level in a
// left-to-right paragraph.
func xtextHasRTL(classes []bidi.Class) bool {
	for _, c := range classes {
		switch c {
		case bidi.R, bidi.AL, bidi.AN:
			return true
		}
	}
	return false
}

// xtextNumberLevels raises to level 2 the characters of a left-to-right paragraph
// whose resolved type is a number (rules W1–W7, I1). x/text reports them as
// left-to-right like the level-0 text around them.
func xtextNumberLevels(levels []uint8, classes []bidi.Class) {
	prevStrong := bidi.L // sos of a level-0 paragraph
	for i, c := range classes {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			prevStrong = c
		case bidi.AN:
			if levels[i] == 0 {
				levels[i] = 2
			}
		case bidi.EN:
			if prevStrong == bidi.AL {
				classes[i] = bidi.AN // W2
			}
			if levels[i] == 0 && prevStrong != bidi.L {
				levels[i] = 2
			}
		}
	}
	isNum := func(i int) bool {
		return i >= 0 && i < len(classes) && levels[i] == 2 && (classes[i] == bidi.EN || classes[i] == bidi.AN)
	}
	for i, c := range classes {
		if levels[i] != 0 {
			continue
		}
		switch c {
		case bidi.ES, bidi.CS: // W4: a single separator between two numbers
			if isNum(i-1) && isNum(i+1) {
				levels[i] = 2
			}
		case bidi.NSM, bidi.BN: // W1: a mark takes the type of its base
			if i > 0 && levels[i-1] == 2 {
				levels[i] = 2
			}
		case bidi.ET: // W5: terminators next to a European number
			j := i
			for j < len(classes) && classes[j] == bidi.ET {
				j++
			}
			if (isNum(i-1) && classes[i-1] == bidi.EN) || (isNum(j) && classes[j] == bidi.EN) {
				for k := i; k < j; k++ {
					levels[k] = 2
				}
			}
		}
	}
}

// TestResolveLevelsMatchesXText compares our resolver with x/text's on
// random mixed text: Arabic and Latin letters, both kinds of digits,
// separators, terminators, quotes and spaces. Brackets and marks are left
// out: x/text gets rule N0 and marks before W4 wrong (see
// TestResolveLevelsBrackets).
func TestResolveLevelsMatchesXText(t *testing.T) {
	alphabet := []rune("ابتثجحخ" + "abcdef" + "0123" + "٠١٢" + "  " + ".,:،-+/" + "%$#" + "«»“”" + "!?")
	rng := rand.New(rand.NewPCG(7, 11))
	fails := 0
	for n := 0; n < 20000 && fails < 10; n++ {
		rs := make([]rune, 1+rng.IntN(16))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		for _, dir := range []Direction{DirAuto, DirLTR, DirRTL} {
			got, gotRTL := resolveLevels(rs, dir)
			want, wantRTL := resolveLevelsXText(rs, dir)
			if gotRTL != wantRTL || string(levelString(got)) != string(levelString(want)) {
				fails++
				t.Errorf("dir %d %q:\n got %v rtl=%v\nwant %v rtl=%v", dir, string(rs), got, gotRTL, want, wantRTL)
			}
		}
	}
}

func levelString(l []uint8) []byte {
	b := make([]byte, len(l))
	for i, v := range l {
		b[i] = '0' + v
	}
	return b
}

// Cases where x/text's resolver is wrong, worked out by hand from UAX #9.
func TestResolveLevelsBrackets(t *testing.T) {
	tests := []struct {
		name, text string
		dir        Direction
		want       string
	}{
		// N0 c.2: Arabic inside, L context before "(": both brackets L
		{"N0 context L", "?#”fت/e(ا)ج e", DirLTR, "0000100010100"},
		// N0 c.1: Arabic inside, Arabic before "(": both brackets R, and
		// the neutrals between them follow (N1)
		{"N0 context R", "“خ”(خ/!#[َ) َ", DirLTR, "0111111111100"},
		// N0: an Arabic number before "[" counts as R
		{"N0 number context", "$c  ٢[”.خ][e,bf?", DirLTR, "0000211111000000"},
		// EN after sos L is L by W7, so "[" "]" take the embedding direction
		{"N0 W7 context", "0([ت//ج]“-ح[٠?ثث", DirLTR, "0001111000112111"},
		// W1 then W4: AN, mark, CS, AN is one number
		{"W4 after a mark", "«):b١َ.٠٢”$ ”!", DirLTR, "00002222200000"},
		// the case: brackets around a Latin name in Arabic
		{"QwQ in brackets", "نموذج (QwQ) المملوك", DirRTL, "1111111222111111111"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := resolveLevels([]rune(tc.text), tc.dir)
			if string(levelString(got)) != tc.want {
				t.Errorf("levels %s, want %s", levelString(got), tc.want)
			}
		})
	}
}
