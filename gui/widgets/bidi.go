package widgets

// This file is the pure half of the paragraph widget: it turns styled spans
// into measured lines of runs in display order. It knows nothing about Fyne;
// text widths come from a MeasureFunc, so tests run without a window.
//
// The pipeline (Prepare once per paragraph, Layout once per width):
//
//  1. concatenate the spans; every character offset in this package is a
//     rune index into that concatenation;
//  2. resolve bidi levels for the whole paragraph (rules P2–I2 and L1,
//     explicit embeddings and isolates included) with the character
//     classes of golang.org/x/text/unicode/bidi, see resolveLevels;
//  3. cut the text into words at spaces and each word into pieces of one
//     span, one level and (at odd levels) one kind, strong or neutral;
//     measure each piece;
//  4. Layout: break lines greedily at spaces by measured width, then reorder
//     each line's pieces and gaps for display (rules L1–L2) and position them,
//     right-aligned for right-to-left paragraphs.

import (
	"image/color"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/unicodedata"
	"golang.org/x/text/unicode/bidi"
)

// Direction is a paragraph's base direction.
type Direction int

// Paragraph directions. DirAuto takes the direction of the first strong
// character (rules P2–P3) and falls back to left-to-right.
const (
	DirAuto Direction = iota
	DirLTR
	DirRTL
)

// SpanStyle is a set of style flags for a Span; StylePlain is the empty set.
type SpanStyle uint8

// Span styles; they combine (a bold link is StyleBold|StyleLink).
const (
	StyleBold SpanStyle = 1 << iota
	StyleItalic
	StyleLink
	StyleMention // an entity mention; Span.Tag names the entity
)

// StylePlain is ordinary body text.
const StylePlain SpanStyle = 0

// styleInRTL marks text measured for a right-to-left paragraph, where
// Latin text is drawn a little smaller with a Naskh face (see
// measurer.latinScale). Prepare adds it; callers never set it.
const styleInRTL SpanStyle = 1 << 7

// measureStyle is the style span i is measured and drawn with.
func (p *Prepared) measureStyle(i int) SpanStyle {
	st := p.spans[i].Style
	if p.rtl {
		st |= styleInRTL
	}
	return st
}

// Span is a piece of a paragraph's text with one style. A nil Highlight
// means not highlighted.
type Span struct {
	Text      string
	Style     SpanStyle
	Link      string      // target of a StyleLink span
	Highlight color.Color // background colour, nil for none
	Tag       string      // entity id of a StyleMention span, or any caller tag
}

// MeasureFunc returns the advance width of text drawn in the given style.
type MeasureFunc func(text string, style SpanStyle) float32

// Run is one drawable piece of a laid-out line: a single span, a single bidi
// level, never containing a space. X is relative to the left edge of the box
// the paragraph was laid out in.
type Run struct {
	Text       string // what to draw, as given to canvas.Text
	Start, End int    // rune offsets [Start, End) in the paragraph text
	Span       int    // index into the spans
	Level      uint8  // resolved bidi level; odd is right-to-left
	X, Width   float32
	// Reversed is set for a right-to-left run of neutral characters
	// (punctuation such as "." or "(" at an Arabic level), or of Latin
	// letters or digits forced right to left by an override (RLO): Text
	// holds them already reversed, and mirrored (brackets, « », < >: rule
	// L4), because the text engine would otherwise draw them left-to-right.
	Reversed bool
}

// RTL reports whether the run's characters go right to left.
func (r Run) RTL() bool { return r.Level&1 == 1 }

// Line is one line of a laid-out paragraph. Runs are in display order, left
// to right; the spaces between words are gaps between runs, never drawn.
type Line struct {
	Start, End int // rune offsets of the line's first character and after its last
	Width      float32
	Runs       []Run
}

// piece is a measured part of a word (see the file comment).
type piece struct {
	start, end int
	span       int
	level      uint8
	neutral    bool
	width      float32
}

// word is a maximal run of non-space characters, as pieces in logical order,
// followed by the gap (spaces) up to the next word.
type word struct {
	pieces   []piece
	width    float32
	gapLevel uint8   // level of the first space after the word
	gapWidth float32 // width of the gap after the word; 0 after the last
}

// Prepared is a paragraph with bidi levels resolved and words measured: the
// part of the layout that does not depend on the width. Layout is cheap to
// call again for another width. A Prepared is immutable and safe to share.
type Prepared struct {
	spans   []Span
	text    string
	runes   []rune
	byteOff []int32 // byte offset in text of each rune, plus len(text)
	spanOf  []int32 // span index of each rune
	levels  []uint8
	rtl     bool
	words   []word
	measure MeasureFunc
}

// Prepare resolves the bidi levels of a paragraph and measures its words.
func Prepare(spans []Span, dir Direction, measure MeasureFunc) *Prepared {
	p := &Prepared{spans: spans, measure: measure}
	n := 0
	for _, s := range spans {
		n += utf8.RuneCountInString(s.Text)
	}
	p.runes = make([]rune, 0, n)
	p.spanOf = make([]int32, 0, n)
	p.byteOff = make([]int32, 0, n+1)
	if len(spans) == 1 {
		p.text = spans[0].Text
	} else {
		var b strings.Builder
		for _, s := range spans {
			b.WriteString(s.Text)
		}
		p.text = b.String()
	}
	off := 0
	for i, s := range spans {
		for j, r := range s.Text {
			p.runes = append(p.runes, r)
			p.spanOf = append(p.spanOf, int32(i))
			p.byteOff = append(p.byteOff, int32(off+j))
		}
		off += len(s.Text)
	}
	p.byteOff = append(p.byteOff, int32(off))
	p.levels, p.rtl = resolveLevels(p.runes, dir)
	p.buildWords()
	return p
}

// Text is the paragraph's plain text, the concatenation of its spans.
func (p *Prepared) Text() string { return p.text }

// RuneCount is the length of the paragraph's text in characters (runes).
func (p *Prepared) RuneCount() int { return len(p.runes) }

// RTL reports whether the resolved paragraph direction is right-to-left.
func (p *Prepared) RTL() bool { return p.rtl }

// Spans returns the spans the paragraph was prepared from.
func (p *Prepared) Spans() []Span { return p.spans }

// Substring returns the text between rune offsets start and end.
func (p *Prepared) Substring(start, end int) string {
	start = max(0, min(start, len(p.runes)))
	end = max(start, min(end, len(p.runes)))
	return p.text[p.byteOff[start]:p.byteOff[end]]
}

// isBreakSpace reports whether r separates words. No-break spaces do not.
func isBreakSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f':
		return false
	}
	return unicode.IsSpace(r)
}

// HasStrong reports whether text has a character of strong right-to-left
// direction (bidi class R or AL) when rtl is set, or of strong
// left-to-right direction (L) when not, classed as the layout classes
// them. It stops at the first one. Letters inside isolates (LRI, RLI or
// FSI … PDI) do not count, as they do not for a paragraph's direction
// (rule P2): an Arabic title isolated in an English sentence leaves the
// sentence English.
func HasStrong(text string, rtl bool) bool {
	isolated := 0 // depth of isolates open
	for _, r := range text {
		props, _ := bidi.LookupRune(r)
		switch props.Class() {
		case bidi.L:
			if !rtl && isolated == 0 {
				return true
			}
		case bidi.R, bidi.AL:
			if rtl && isolated == 0 {
				return true
			}
		case bidi.LRI, bidi.RLI, bidi.FSI:
			isolated++
		case bidi.PDI:
			if isolated > 0 {
				isolated--
			}
		}
	}
	return false
}

// drawnReversed reports whether a character at a right-to-left level is
// laid out reversed by us rather than by the text engine (see Run): the
// neutrals, and the left-to-right letters and numbers that only an
// override (RLO) puts at such a level, which the engine would draw left
// to right.
func drawnReversed(r rune) bool {
	props, _ := bidi.LookupRune(r)
	switch props.Class() {
	case bidi.ON, bidi.CS, bidi.ES, bidi.ET, bidi.WS, bidi.S, bidi.B, bidi.L, bidi.EN, bidi.AN:
		return true
	}
	return false
}

// isExplicitControl reports whether r is one of the explicit bidi
// formatting characters (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). They have
// done their work once the levels are resolved and are never drawn: those
// in a row at one level make a piece of their own whose Run has no Text
// and no width, so neither the text engine (which would apply them again,
// to one run out of context) nor a font without them (a missing-glyph
// box) sees them.
func isExplicitControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

func (p *Prepared) buildWords() {
	spaceW := map[SpanStyle]float32{}
	space := func(style SpanStyle) float32 {
		w, ok := spaceW[style]
		if !ok {
			w = p.measure(" ", style)
			spaceW[style] = w
		}
		return w
	}
	rs := p.runes
	i := 0
	for i < len(rs) && isBreakSpace(rs[i]) {
		i++
	}
	for i < len(rs) {
		var w word
		start := i
		for i < len(rs) && !isBreakSpace(rs[i]) {
			i++
		}
		// cut the word into pieces
		ps := start
		for j := start + 1; j <= i; j++ {
			if j < i && p.spanOf[j] == p.spanOf[ps] && p.levels[j] == p.levels[ps] &&
				(p.levels[j]&1 == 0 || drawnReversed(rs[j]) == drawnReversed(rs[ps])) &&
				isExplicitControl(rs[j]) == isExplicitControl(rs[ps]) {
				continue
			}
			pc := piece{start: ps, end: j, span: int(p.spanOf[ps]), level: p.levels[ps]}
			pc.neutral = pc.level&1 == 1 && drawnReversed(rs[ps])
			pc.width = p.measure(p.pieceText(pc), p.measureStyle(pc.span))
			w.pieces = append(w.pieces, pc)
			w.width += pc.width
			ps = j
		}
		gap := i
		for i < len(rs) && isBreakSpace(rs[i]) {
			i++
		}
		if gap < len(rs) {
			w.gapLevel = p.levels[gap]
			if i < len(rs) {
				w.gapWidth = space(p.measureStyle(int(p.spanOf[gap])))
			}
		}
		p.words = append(p.words, w)
	}
}

// pieceText is the string drawn for a piece; nothing for explicit
// formatting characters (see isExplicitControl).
func (p *Prepared) pieceText(pc piece) string {
	if isExplicitControl(p.runes[pc.start]) {
		return ""
	}
	s := p.text[p.byteOff[pc.start]:p.byteOff[pc.end]]
	if pc.neutral {
		return reverseMirrored(s)
	}
	return s
}

// reverseMirrored returns s reversed, each character with the
// Bidi_Mirroring_Glyph property replaced by its mirror (rule L4): the
// pieces of neutrals at a right-to-left level are drawn left-to-right by
// the text engine, so « at the start of an Arabic quotation must be drawn
// as ». golang.org/x/text's ReverseString mirrors paired brackets only.
func reverseMirrored(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i <= j; i, j = i+1, j-1 {
		a, _ := unicodedata.LookupMirrorChar(rs[j])
		b, _ := unicodedata.LookupMirrorChar(rs[i])
		rs[i], rs[j] = a, b
	}
	return string(rs)
}

// Layout breaks the paragraph into lines no wider than width and returns them
// with runs in display order. Lines break only at spaces; a word wider than
// the whole line gets a line of its own and overflows it (to the left in a
// right-to-left paragraph), it is never broken.
func (p *Prepared) Layout(width float32) []Line {
	starts := p.breakLines(width)
	lines := make([]Line, len(starts))
	for i, first := range starts {
		end := len(p.words)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		lines[i] = p.line(first, end, width)
	}
	return lines
}

// LineCount is len(p.Layout(width)), computed without building the lines.
func (p *Prepared) LineCount(width float32) int {
	n := 0
	p.walkLines(width, func(int) { n++ })
	return n
}

// breakLines returns the index of the first word of each line.
func (p *Prepared) breakLines(width float32) []int {
	var starts []int
	p.walkLines(width, func(first int) { starts = append(starts, first) })
	return starts
}

// walkLines breaks lines greedily and calls f with each line's first word.
func (p *Prepared) walkLines(width float32, f func(first int)) {
	if len(p.words) == 0 {
		return
	}
	f(0)
	lineW := p.words[0].width
	for i := 1; i < len(p.words); i++ {
		w := &p.words[i]
		gap := p.words[i-1].gapWidth
		if lineW+gap+w.width > width {
			f(i)
			lineW = w.width
			continue
		}
		lineW += gap + w.width
	}
}

// item is a piece or a gap on a line, for reordering.
type item struct {
	pc    *piece
	level uint8
	width float32
}

// line lays out words [from, to) as one line: rule L1 (the trailing gap is
// dropped, so trailing spaces take the paragraph level) and rule L2.
func (p *Prepared) line(from, to int, width float32) Line {
	items := make([]item, 0, 2*(to-from))
	for i := from; i < to; i++ {
		w := &p.words[i]
		for j := range w.pieces {
			pc := &w.pieces[j]
			items = append(items, item{pc: pc, level: pc.level, width: pc.width})
		}
		if i < to-1 {
			items = append(items, item{level: w.gapLevel, width: w.gapWidth})
		}
	}
	reorderL2(items)

	ln := Line{Start: p.words[from].pieces[0].start}
	last := p.words[to-1].pieces
	ln.End = last[len(last)-1].end
	for _, it := range items {
		ln.Width += it.width
	}
	x := float32(0)
	if p.rtl {
		x = width - ln.Width
	}
	ln.Runs = make([]Run, 0, len(items)/2+1)
	for _, it := range items {
		if it.pc != nil {
			pc := it.pc
			ln.Runs = append(ln.Runs, Run{
				Text: p.pieceText(*pc), Start: pc.start, End: pc.end, Span: pc.span,
				Level: pc.level, X: x, Width: pc.width, Reversed: pc.neutral,
			})
		}
		x += it.width
	}
	return ln
}

// reorderL2 applies rule L2 of the Unicode Bidirectional Algorithm: from the
// highest level on the line down to the lowest odd level, reverse every
// maximal sequence of items at that level or higher.
func reorderL2(items []item) {
	highest, lowestOdd := uint8(0), uint8(255)
	for _, it := range items {
		highest = max(highest, it.level)
		if it.level&1 == 1 {
			lowestOdd = min(lowestOdd, it.level)
		}
	}
	for lvl := int(highest); lvl >= int(lowestOdd); lvl-- {
		for i := 0; i < len(items); {
			if int(items[i].level) < lvl {
				i++
				continue
			}
			j := i + 1
			for j < len(items) && int(items[j].level) >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				items[a], items[b] = items[b], items[a]
			}
			i = j
		}
	}
}

// resolveLevels returns the bidi embedding level of every rune and whether
// the paragraph is right-to-left: the Unicode Bidirectional Algorithm
// (UAX #9) from rule P2 to rule L1, the whole paragraph taken as one line
// (Layout applies L1 again at each line's end by dropping the gap there).
// Characters that rule X9 removes (LRE RLE LRO RLO PDF and BN, such as
// ZWJ) take the level of the character before them, so they stay inside
// the word they are in.
//
// Almost every paragraph has no explicit formatting characters; it is then
// one isolating run sequence at the paragraph level and is resolved here
// directly. A paragraph with some (LRE…PDF, LRI…PDI: a path or a name
// isolated in a sentence, a page exported by a word processor) goes
// through resolveExplicit, rules X1–X10.
//
// Character classes come from golang.org/x/text/unicode/bidi; its own
// resolver is not used because its Ordering tells runs' directions but not
// their levels (a number inside an Arabic phrase of an English paragraph
// is at level 2, not 0), it cannot force a left-to-right paragraph, it
// ignores isolates, and it is slow (about 75 µs per paragraph). Unicode's
// conformance files check this resolver (bidi_conformance_test.go).
func resolveLevels(runes []rune, dir Direction) ([]uint8, bool) {
	n := len(runes)
	levels := make([]uint8, n)
	// classes of the characters that rule X9 keeps; idx maps back to runes
	cls := make([]bidi.Class, 0, n)
	idx := make([]int32, 0, n)
	rtl := dir == DirRTL
	strongSeen := dir != DirAuto
	anyRTL, anySep := false, false
	for i, r := range runes {
		props, _ := bidi.LookupRune(r)
		c := props.Class()
		switch c {
		case bidi.B, bidi.S:
			c = bidi.WS // neutral like a space; L1 below gives it the paragraph level
			anySep = true
		case bidi.LRO, bidi.RLO, bidi.LRE, bidi.RLE, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			return resolveExplicit(runes, dir)
		case bidi.BN:
			continue // X9
		case bidi.R, bidi.AL, bidi.AN:
			anyRTL = true
		}
		if !strongSeen && (c == bidi.L || c == bidi.R || c == bidi.AL) {
			strongSeen, rtl = true, c != bidi.L
		}
		cls = append(cls, c)
		idx = append(idx, int32(i))
	}
	if !rtl && !anyRTL {
		return levels, false // all left-to-right, numbers included (W7)
	}
	e := bidi.L // embedding direction, also sos and eos
	base := uint8(0)
	if rtl {
		e, base = bidi.R, 1
	}
	resolveSequence(runes, idx, cls, base, e, e, levels)
	if len(idx) < n {
		fillRemoved(levels, idx, base)
	}
	applyL1(runes, levels, base, anySep)
	return levels, rtl
}

// fillRemoved gives the characters removed by rule X9, those not in kept
// (ascending positions), the level of the character before them, or the
// paragraph level at the start.
func fillRemoved(levels []uint8, kept []int32, base uint8) {
	prev, next := base, 0
	for i := range levels {
		if next < len(kept) && int(kept[next]) == i {
			prev = levels[i]
			next++
			continue
		}
		levels[i] = prev
	}
}

// applyL1 applies rule L1 to the paragraph as one line: segment and
// paragraph separators, and any whitespace and isolate formatting
// characters before them or at the end of the paragraph, take the
// paragraph level (characters removed by X9 go along with the whitespace).
// Without separators (anySep false) only the end is looked at.
func applyL1(runes []rune, levels []uint8, base uint8, anySep bool) {
	trailing := true
	for i := len(runes) - 1; i >= 0; i-- {
		props, _ := bidi.LookupRune(runes[i])
		switch props.Class() {
		case bidi.S, bidi.B:
			levels[i], trailing = base, true
			continue
		case bidi.WS, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI,
			bidi.BN, bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF:
			if trailing {
				levels[i] = base
			}
			continue
		}
		if !anySep {
			return
		}
		trailing = false
	}
}

// resolveSequence applies rules W1–W7, N0–N2 and I1–I2 to one isolating
// run sequence: idx are the positions of its characters in runes, in
// order, cls their classes after rules X1–X9 (changed in place), level
// its embedding level and sos, eos the types at its start and end (X10).
// It writes the level of each of its characters into levels.
func resolveSequence(runes []rune, idx []int32, cls []bidi.Class, level uint8, sos, eos bidi.Class, levels []uint8) {
	orig := append([]bidi.Class(nil), cls...)
	e := bidi.L // embedding direction
	if level&1 == 1 {
		e = bidi.R
	}
	m := len(cls)

	// W1: a mark takes the type of the character before it; after an
	// isolate initiator or PDI it is neutral.
	for i := range cls {
		if cls[i] == bidi.NSM {
			switch {
			case i == 0:
				cls[i] = sos
			case isIsolateControl(cls[i-1]):
				cls[i] = bidi.ON
			default:
				cls[i] = cls[i-1]
			}
		}
	}
	// W2, W3: European numbers after Arabic letters are Arabic numbers;
	// Arabic letters are R.
	last := sos
	for i, c := range cls {
		switch c {
		case bidi.L, bidi.R:
			last = c
		case bidi.AL:
			last = c
			cls[i] = bidi.R
		case bidi.EN:
			if last == bidi.AL {
				cls[i] = bidi.AN
			}
		}
	}
	// W4: one separator between two numbers of the same kind.
	for i := 1; i+1 < m; i++ {
		a, b := cls[i-1], cls[i+1]
		switch {
		case cls[i] == bidi.ES && a == bidi.EN && b == bidi.EN:
			cls[i] = bidi.EN
		case cls[i] == bidi.CS && a == b && (a == bidi.EN || a == bidi.AN):
			cls[i] = a
		}
	}
	// W5: terminators next to European numbers.
	for i := 0; i < m; {
		if cls[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < m && cls[j] == bidi.ET {
			j++
		}
		if (i > 0 && cls[i-1] == bidi.EN) || (j < m && cls[j] == bidi.EN) {
			for k := i; k < j; k++ {
				cls[k] = bidi.EN
			}
		}
		i = j
	}
	// W6: other separators and terminators are neutral; W7: European
	// numbers after L are L.
	last = sos
	for i, c := range cls {
		switch c {
		case bidi.ES, bidi.ET, bidi.CS:
			cls[i] = bidi.ON
		case bidi.L, bidi.R:
			last = c
		case bidi.EN:
			if last == bidi.L {
				cls[i] = bidi.L
			}
		}
	}
	resolveBrackets(runes, idx, cls, orig, e, sos)
	// N1, N2: a run of neutrals between two strong types of the same
	// direction (numbers count as R) takes it, else the embedding direction.
	strong := func(c bidi.Class) bidi.Class {
		if c == bidi.EN || c == bidi.AN {
			return bidi.R
		}
		return c
	}
	for i := 0; i < m; {
		if !isNI(cls[i]) {
			i++
			continue
		}
		j := i
		for j < m && isNI(cls[j]) {
			j++
		}
		before, after := sos, eos
		if i > 0 {
			before = strong(cls[i-1])
		}
		if j < m {
			after = strong(cls[j])
		}
		d := e
		if before == after {
			d = before
		}
		for k := i; k < j; k++ {
			cls[k] = d
		}
		i = j
	}
	// I1, I2
	for k, pos := range idx {
		lvl := level
		switch c := cls[k]; {
		case level&1 == 0 && c == bidi.R:
			lvl++
		case level&1 == 0 && (c == bidi.AN || c == bidi.EN):
			lvl += 2
		case level&1 == 1 && c != bidi.R:
			lvl++
		}
		levels[pos] = lvl
	}
}

// isIsolateControl reports whether c is an isolate initiator or PDI.
func isIsolateControl(c bidi.Class) bool {
	switch c {
	case bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return true
	}
	return false
}

// isNI reports whether a resolved class is neutral or isolate (rule N1).
func isNI(c bidi.Class) bool {
	switch c {
	case bidi.ON, bidi.WS, bidi.B, bidi.S, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
		return true
	}
	return false
}

// resolveBrackets applies rule N0 to paired brackets (BD16) of one
// isolating run sequence: a pair takes the embedding direction e if the
// text inside has that direction, else the opposite direction if the text
// inside and the context before the opening bracket (sos at the start)
// both have it. Marks after a changed bracket follow it.
func resolveBrackets(runes []rune, idx []int32, cls, orig []bidi.Class, e, sos bidi.Class) {
	type open struct {
		pos  int
		want rune
	}
	var stack []open
	var pairs [][2]int
	for i, c := range cls {
		if c != bidi.ON {
			continue
		}
		r := runes[idx[i]]
		props, _ := bidi.LookupRune(r)
		if !props.IsBracket() {
			continue
		}
		if props.IsOpeningBracket() {
			if len(stack) == 63 {
				break
			}
			stack = append(stack, open{i, canonicalBracket([]rune(bidi.ReverseString(string(r)))[0])})
			continue
		}
		r = canonicalBracket(r)
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].want == r {
				pairs = append(pairs, [2]int{stack[k].pos, i})
				stack = stack[:k]
				break
			}
		}
	}
	if len(pairs) == 0 {
		return
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][0] < pairs[b][0] })
	dirOf := func(c bidi.Class) bidi.Class {
		switch c {
		case bidi.L:
			return bidi.L
		case bidi.R, bidi.AL, bidi.EN, bidi.AN:
			return bidi.R
		}
		return bidi.ON
	}
	opposite := bidi.R
	if e == bidi.R {
		opposite = bidi.L
	}
	for _, pr := range pairs {
		o, c := pr[0], pr[1]
		found := bidi.ON
		for k := o + 1; k < c; k++ {
			d := dirOf(cls[k])
			if d == e {
				found = e
				break
			}
			if d == opposite {
				found = opposite
			}
		}
		if found == bidi.ON {
			continue
		}
		if found == opposite {
			ctx := sos
			for k := o - 1; k >= 0; k-- {
				if d := dirOf(cls[k]); d != bidi.ON {
					ctx = d
					break
				}
			}
			if ctx != opposite {
				found = e
			}
		}
		for _, k := range pr {
			cls[k] = found
			for j := k + 1; j < len(cls) && orig[j] == bidi.NSM; j++ {
				cls[j] = found
			}
		}
	}
}

// canonicalBracket folds the angle brackets U+2329/U+232A onto their
// canonical equivalents U+3008/U+3009 (BD16).
func canonicalBracket(r rune) rune {
	switch r {
	case '\u2329':
		return '\u3008'
	case '\u232a':
		return '\u3009'
	}
	return r
}

// HitTest returns the offset of the character at (x, y) in a layout made by
// Layout, where lines are lineHeight apart, and false when the point is past
// the text. A point in a gap between words reports the nearest run.
func (p *Prepared) HitTest(lines []Line, lineHeight, x, y float32) (int, bool) {
	if len(lines) == 0 || y < 0 || lineHeight <= 0 {
		return 0, false
	}
	li := int(y / lineHeight)
	if li >= len(lines) {
		return 0, false
	}
	ln := lines[li]
	if len(ln.Runs) == 0 {
		return 0, false
	}
	first, last := ln.Runs[0], ln.Runs[len(ln.Runs)-1]
	if x < first.X-lineHeight/2 || x > last.X+last.Width+lineHeight/2 {
		return 0, false
	}
	// the first run whose right edge is right of x, or the nearest one
	k := sort.Search(len(ln.Runs), func(i int) bool { return ln.Runs[i].X+ln.Runs[i].Width > x })
	if k == len(ln.Runs) {
		k--
	} else if k > 0 && x < ln.Runs[k].X && ln.Runs[k].X-x > x-(ln.Runs[k-1].X+ln.Runs[k-1].Width) {
		k--
	}
	r := ln.Runs[k]
	d := x - r.X // distance from the run's visual start
	if r.RTL() {
		d = r.X + r.Width - x
	}
	n := r.End - r.Start
	if d <= 0 {
		return r.Start, true
	}
	if d >= r.Width {
		return r.End - 1, true
	}
	edges := p.RunEdges(r)
	for c := 1; c < n; c++ {
		if edges[c] > d {
			return r.Start + c - 1, true
		}
	}
	return r.End - 1, true
}

// RunEdges are the distances from run r's visual start (its right edge
// when it is right to left) to each caret position in it: edges[0] is 0,
// edges[len] the run's width, edges[i] the width of its first i
// characters. Measured alone, the first letters of a shaped Arabic word
// can come out wider than more of them (joining forms), so the edges are
// kept in order, each at least 40 % of its character's own width before
// the next: a tap, a caret or a selection then lands on the character
// drawn there.
func (p *Prepared) RunEdges(r Run) []float32 {
	style := p.measureStyle(r.Span)
	k := r.End - r.Start
	edges := make([]float32, k+1)
	for i := 1; i < k; i++ {
		edges[i] = p.measure(p.Substring(r.Start, r.Start+i), style)
	}
	edges[k] = r.Width
	for i := k - 1; i >= 1; i-- {
		minW := 0.4 * p.measure(p.Substring(r.Start+i, r.Start+i+1), style)
		edges[i] = max(0, min(edges[i], edges[i+1]-minW))
	}
	return edges
}

// Ellipsis ends a paragraph cut to its first lines.
const Ellipsis = "…"

// truncate lays the paragraph out in at most max lines of width, the last
// one ending in Ellipsis at the paragraph's logical end: on the right of an
// LTR line, on the left of an RTL one. Lines are broken with room left
// for the ellipsis, so it never overlaps a word.
func (p *Prepared) truncate(width float32, max int) []Line {
	style := StylePlain
	if len(p.spans) > 0 {
		style = p.measureStyle(0) & (StyleBold | StyleItalic | styleInRTL)
	} else if p.rtl {
		style = styleInRTL
	}
	ew := p.measure(Ellipsis, style)
	lines := p.Layout(width - ew)
	if len(lines) <= max {
		return lines // the narrower layout happens to fit
	}
	lines = lines[:max]
	last := &lines[max-1]
	runs := append([]Run(nil), last.Runs...)
	ell := Run{Text: Ellipsis, Start: last.End, End: last.End, Width: ew}
	if len(runs) > 0 {
		ell.Span = runs[len(runs)-1].Span
	}
	if p.rtl {
		ell.Level = 1
		// The lines were right-aligned to width-ew: move them to width,
		// and the ellipsis goes left of the leftmost run.
		for i := range lines[:max] {
			rs := append([]Run(nil), lines[i].Runs...)
			for k := range rs {
				rs[k].X += ew
			}
			lines[i].Runs = rs
		}
		runs = lines[max-1].Runs
		ell.X = width - ew - last.Width
		if len(runs) > 0 {
			ell.X = runs[0].X - ew
		}
		last.Runs = append([]Run{ell}, runs...)
	} else {
		if len(runs) > 0 {
			ell.X = runs[len(runs)-1].X + runs[len(runs)-1].Width
		}
		last.Runs = append(runs, ell)
	}
	last.Width += ew
	return lines
}
