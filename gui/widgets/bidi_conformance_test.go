package widgets

// Unicode's own conformance tests for the bidi resolver: every case of
// BidiCharacterTest.txt and BidiTest.txt (shipped by Debian's unicode-data
// package in /usr/share/unicode), explicit embeddings, overrides and
// isolates included. A case passes when resolveLevels gives every
// character the level the file lists (characters the file marks x, removed
// by rule X9, are not compared) and reorderL2 puts them in the file's
// visual order.

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

const unicodeDataDir = "/usr/share/unicode/"

// conformanceCase is one paragraph of a conformance file.
type conformanceCase struct {
	runes  []rune
	dir    Direction
	levels []int // -1 for x
	order  []int // visual order, left to right, of the characters not x
}

// check resolves c and describes the first difference from the file, or
// returns "".
func (c *conformanceCase) check() string {
	got, _ := resolveLevels(c.runes, c.dir)
	for i, want := range c.levels {
		if want >= 0 && int(got[i]) != want {
			return fmt.Sprintf("levels %v, want %v", got, c.levels)
		}
	}
	var items []item
	pcs := make([]piece, len(c.runes))
	for i := range c.runes {
		if c.levels[i] < 0 {
			continue
		}
		pcs[i].start = i
		items = append(items, item{pc: &pcs[i], level: got[i]})
	}
	reorderL2(items)
	for k, it := range items {
		if k >= len(c.order) || it.pc.start != c.order[k] {
			order := make([]int, len(items))
			for j, it := range items {
				order[j] = it.pc.start
			}
			return fmt.Sprintf("order %v, want %v", order, c.order)
		}
	}
	return ""
}

// hasExplicit reports whether the case holds an explicit formatting
// character (LRE RLE LRO RLO PDF LRI RLI FSI PDI).
func (c *conformanceCase) hasExplicit() bool {
	for _, r := range c.runes {
		if isExplicitControl(r) {
			return true
		}
	}
	return false
}

func parseInts(t *testing.T, s string) []int {
	var out []int
	for _, f := range strings.Fields(s) {
		if f == "x" {
			out = append(out, -1)
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("bad number %q", f)
		}
		out = append(out, v)
	}
	return out
}

// conformanceTally counts passes, in all cases and in those without
// explicit formatting characters, and reports the first failures.
type conformanceTally struct {
	t                           *testing.T
	name                        string
	total, pass                 int
	totalImplicit, passImplicit int
	shown                       int
}

func (ct *conformanceTally) add(c *conformanceCase, line int, text string) {
	explicit := c.hasExplicit()
	ct.total++
	if !explicit {
		ct.totalImplicit++
	}
	msg := c.check()
	if msg == "" {
		ct.pass++
		if !explicit {
			ct.passImplicit++
		}
		return
	}
	if ct.shown < 20 {
		ct.shown++
		ct.t.Errorf("%s line %d (%s) dir %d: %s", ct.name, line, text, c.dir, msg)
	}
}

func (ct *conformanceTally) report() {
	ct.t.Logf("%s: %d of %d cases pass; without explicit formatting characters %d of %d",
		ct.name, ct.pass, ct.total, ct.passImplicit, ct.totalImplicit)
	if ct.total == 0 {
		ct.t.Errorf("%s: no cases read", ct.name)
	}
	if ct.pass != ct.total {
		ct.t.Errorf("%s: %d cases fail", ct.name, ct.total-ct.pass)
	}
}

func openUnicodeData(t *testing.T, name string) *bufio.Scanner {
	f, err := os.Open(unicodeDataDir + name)
	if err != nil {
		t.Skipf("no %s (apt-get install unicode-data): %v", name, err)
	}
	t.Cleanup(func() { f.Close() })
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	return sc
}

func TestBidiCharacterConformance(t *testing.T) {
	sc := openUnicodeData(t, "BidiCharacterTest.txt")
	ct := &conformanceTally{t: t, name: "BidiCharacterTest.txt"}
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		f := strings.Split(text, ";")
		if len(f) != 5 {
			t.Fatalf("line %d: %d fields", line, len(f))
		}
		c := &conformanceCase{}
		for _, h := range strings.Fields(f[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", line, err)
			}
			c.runes = append(c.runes, rune(v))
		}
		switch f[1] {
		case "0":
			c.dir = DirLTR
		case "1":
			c.dir = DirRTL
		default:
			c.dir = DirAuto
		}
		c.levels = parseInts(t, f[3])
		c.order = parseInts(t, f[4])
		if len(c.levels) != len(c.runes) {
			t.Fatalf("line %d: %d levels for %d characters", line, len(c.levels), len(c.runes))
		}
		ct.add(c, line, f[0])
	}
	ct.report()
}

// classRunes stands one character for each bidi class of BidiTest.txt.
var classRunes = map[string]rune{
	"L": 'a', "R": '\u05d0', "AL": '\u0627', "EN": '0', "ES": '+', "ET": '$',
	"AN": '\u0660', "CS": ',', "NSM": '\u0300', "BN": '\u00ad', "B": '\u2029',
	"S": '\t', "WS": ' ', "ON": '!', "LRE": '\u202a', "LRO": '\u202d',
	"RLE": '\u202b', "RLO": '\u202e', "PDF": '\u202c', "LRI": '\u2066',
	"RLI": '\u2067', "FSI": '\u2068', "PDI": '\u2069',
}

func TestBidiClassConformance(t *testing.T) {
	sc := openUnicodeData(t, "BidiTest.txt")
	ct := &conformanceTally{t: t, name: "BidiTest.txt"}
	var levels, order []int
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		if v, ok := strings.CutPrefix(text, "@Levels:"); ok {
			levels = parseInts(t, v)
			continue
		}
		if v, ok := strings.CutPrefix(text, "@Reorder:"); ok {
			order = parseInts(t, v)
			continue
		}
		if text[0] == '@' {
			continue
		}
		input, bits, ok := strings.Cut(text, ";")
		if !ok {
			t.Fatalf("line %d: no bitset", line)
		}
		set, err := strconv.ParseUint(strings.TrimSpace(bits), 16, 8)
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		var rs []rune
		for _, cl := range strings.Fields(input) {
			r, ok := classRunes[cl]
			if !ok {
				t.Fatalf("line %d: class %q", line, cl)
			}
			rs = append(rs, r)
		}
		if len(levels) != len(rs) {
			t.Fatalf("line %d: %d levels for %d characters", line, len(levels), len(rs))
		}
		for bit, dir := range []Direction{DirAuto, DirLTR, DirRTL} {
			if set&(1<<bit) != 0 {
				ct.add(&conformanceCase{runes: rs, dir: dir, levels: levels, order: order}, line, input)
			}
		}
	}
	ct.report()
}
