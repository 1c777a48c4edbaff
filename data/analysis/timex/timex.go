// Package timex finds time expressions in English and Arabic text and
// resolves them to TIMEX3 values against the document creation time (DCT),
// following HeidelTime's news strategy: an underspecified date ("in
// November", «الشهر الماضي») is read relative to the DCT, and anaphoric ones
// ("the next day", «في اليوم التالي») relative to the last date mentioned.
//
// Spans are BYTE offsets into the text given to Extract.
package timex

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"annals/data/analysis/token"
)

// TIMEX3 types.
const (
	Date     = "DATE"
	Time     = "TIME"
	Duration = "DURATION"
	Set      = "SET"
)

// Match is one time expression.
type Match struct {
	Start, End int    // byte offsets into the text
	Text       string // text[Start:End]
	Value      string // TIMEX3 value: 2025-01-20, 2024-11, 2023, 202, 2013-W12, P3M, PRESENT_REF…
	Precision  string // day, week, month, season, quarter, year, decade, century; "" when not a calendar date
	Type       string // DATE, TIME, DURATION or SET
	Mod        string // START, MID, END, APPROX… (TIMEX3 mod)
	Anaphoric  bool   // resolved against an earlier date of the text rather than the DCT
	Implicit   bool   // a named occasion standing for its date («خطاب تنصيبه»)
	// RangeEnd is set for a period given by its two bounds («من 4 إلى 22
	// يناير 1995», «بقية الأسبوع»): the TIMEX3 value of the last bound,
	// Value then holding the first.
	RangeEnd string
}

// Options tune Extract.
type Options struct {
	// DCT is the document creation (publication) time. Zero means unknown:
	// relative expressions are then left out.
	DCT time.Time
	// Lang is "ar" or "en" ("" = decide per token); it sets the order of
	// numeric dates (day first for Arabic, month first for English).
	Lang string
	// USPresident says that the text is about a US president, so that a bare
	// "inauguration" / «تنصيب» means US Inauguration Day.
	USPresident bool
}

// gran is the granularity of a calendar value.
type gran uint8

const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gSeason
	gQuarter
	gMonth
	gWeek
	gDay
)

var granNames = [...]string{"", "century", "decade", "year", "season", "quarter", "month", "week", "day"}

// cal is a calendar value; fields finer than g are ignored.
type cal struct {
	y, m, d int
	w       int    // ISO week for gWeek
	q       int    // quarter for gQuarter
	s       string // season for gSeason
	g       gran
}

func dayOf(t time.Time) cal { return cal{y: t.Year(), m: int(t.Month()), d: t.Day(), g: gDay} }

func (c cal) time() time.Time {
	m, d := c.m, c.d
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	return time.Date(c.y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
}

func (c cal) value() string {
	switch c.g {
	case gDay:
		return fmt.Sprintf("%04d-%02d-%02d", c.y, c.m, c.d)
	case gMonth:
		return fmt.Sprintf("%04d-%02d", c.y, c.m)
	case gYear:
		return fmt.Sprintf("%04d", c.y)
	case gDecade:
		return fmt.Sprintf("%03d", c.y/10)
	case gCentury:
		return fmt.Sprintf("%02d", c.y/100)
	case gWeek:
		return fmt.Sprintf("%04d-W%02d", c.y, c.w)
	case gQuarter:
		return fmt.Sprintf("%04d-Q%d", c.y, c.q)
	case gSeason:
		return fmt.Sprintf("%04d-%s", c.y, c.s)
	}
	return ""
}

// add moves c by n units, keeping c's granularity where it makes sense.
func (c cal) add(u unit, n int) cal {
	t := c.time()
	switch u {
	case uDay:
		t = t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		t = t.AddDate(0, 0, 7*n)
	case uMonth:
		t = time.Date(t.Year(), t.Month()+time.Month(n), 1, 12, 0, 0, 0, time.UTC)
		if c.d > 0 {
			last := time.Date(t.Year(), t.Month()+1, 0, 12, 0, 0, 0, time.UTC).Day()
			t = t.AddDate(0, 0, min(c.d, last)-1)
		}
	case uQuarter:
		t = time.Date(t.Year(), t.Month()+time.Month(3*n), 1, 12, 0, 0, 0, time.UTC)
	case uYear:
		t = time.Date(t.Year()+n, t.Month(), 1, 12, 0, 0, 0, time.UTC)
		if c.d > 0 {
			t = t.AddDate(0, 0, c.d-1)
		}
	case uDecade:
		t = time.Date(t.Year()+10*n, t.Month(), 1, 12, 0, 0, 0, time.UTC)
	case uCentury:
		t = time.Date(t.Year()+100*n, t.Month(), 1, 12, 0, 0, 0, time.UTC)
	}
	out := dayOf(t)
	out.g = c.g
	return out
}

// at converts a day to the granularity of unit u.
func (c cal) at(u unit) cal {
	switch u {
	case uDay:
		c.g = gDay
	case uWeek, uWeekend:
		y, w := c.time().ISOWeek()
		c.y, c.w, c.g = y, w, gWeek
	case uMonth:
		c.g = gMonth
	case uQuarter:
		c.q, c.g = (c.m-1)/3+1, gQuarter
	case uYear:
		c.g = gYear
	case uDecade:
		c.g = gDecade
	case uCentury:
		c.g = gCentury
	}
	return c
}

// parser holds the state of one Extract call.
type parser struct {
	text   string
	toks   []token.Token
	opt    Options
	hasDCT bool
	dct    cal
	ref    cal // last day-precision date mentioned, for anaphora
	sent   []int
	tenses map[int]int
	out    []Match
	// nextStrong[i] is the first token at or after i that can carry a
	// date by itself (see markStrong)
	nextStrong []int32
	// starts[i] says whether token i's folded text is in starters
	// (startsAny) and in weakStarters (startsWeak), looked up once per
	// token by markStrong rather than at every question (see startable)
	starts []uint8
	// story is the last date written with its year ("March 2019"), and
	// storySent its sentence: a month without a year in the next sentence
	// of a report of the past belongs to that year
	story     cal
	storySent int
	// noWould leaves "would" out of the tense cues (reportFutureRecent)
	noWould bool
	// quoteSent holds the sentences with a quotation mark in them
	quoteSent map[int]bool
	// gen counts the calls of emit, which changes what rules answer;
	// memo holds bestAt's last answers, good while gen is theirs
	gen  int
	memo [8]bestMemo
}

// cand is a rule's proposal: tokens [i, next) with byte span [start, end).
type cand struct {
	start, end int
	next       int
	typ        string
	c          cal
	value      string // when not a calendar value (durations, PRESENT_REF)
	mod        string
	anaphoric  bool
	implicit   bool
	noRef      bool // do not become the anchor of later anaphora
	rangeEnd   string
	hijri      bool // read in the Hijri calendar
	guessYear  bool // the year was not written but chosen from the DCT
	weekend    bool // the weekend of week c (value 2016-W45-WE)
}

// Extract returns the time expressions of text in order of appearance.
func Extract(text string, opt Options) []Match {
	return ExtractTokens(text, token.Tokenize(text), opt)
}

// ExtractTokens is Extract over tokens already made by token.Tokenize(text).
func ExtractTokens(text string, toks []token.Token, opt Options) []Match {
	p := parserPool.Get().(*parser)
	*p = parser{text: text, toks: toks, opt: opt, sent: p.sent[:0], starts: p.starts[:0], nextStrong: p.nextStrong[:0]}
	defer p.release()
	if !opt.DCT.IsZero() {
		p.hasDCT = true
		p.dct = dayOf(opt.DCT)
		p.ref = p.dct
	}
	p.sentences()
	p.markStrong()
	for i := 0; i < len(toks); {
		if !p.startable(i) {
			i++
			continue
		}
		best, _ := p.bestAt(i)
		kind := p.kindAt(i)
		for _, r := range periodRules {
			if r.kinds&kind == 0 {
				continue
			}
			if c, ok := r.try(p, i); ok && c.next > i && (best.next == 0 || c.end > best.end) {
				best = c
			}
		}
		if best.next <= i {
			i++
			continue
		}
		best = p.pairEquivalent(best)
		p.emit(best)
		i = best.next
	}
	return p.out
}

// parserPool keeps parsers with their per-token slices (sent, starts,
// nextStrong: 13 bytes a token) from one text to the next; they were a
// tenth of the bytes an analysis allocated (issue 19).
var parserPool = sync.Pool{New: func() any { return new(parser) }}

// maxPooledTokens is the most tokens a pooled parser's slices may hold: a
// very long text's are left to the garbage collector.
const maxPooledTokens = 1 << 16

// release gives p back to parserPool, keeping only its slices' memory (no
// text, token or match of the last text stays reachable from the pool).
func (p *parser) release() {
	sent, starts, next := p.sent[:0], p.starts[:0], p.nextStrong[:0]
	if cap(sent) > maxPooledTokens || cap(next) > maxPooledTokens+1 {
		return
	}
	*p = parser{sent: sent, starts: starts, nextStrong: next}
	parserPool.Put(p)
}

// resized returns s with length n, reusing its memory when it is large
// enough; the values are not cleared.
func resized[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

func (p *parser) emit(c cand) {
	p.gen++
	m := Match{Start: c.start, End: c.end, Text: p.text[c.start:c.end], Type: c.typ, Mod: c.mod,
		Anaphoric: c.anaphoric, Implicit: c.implicit, RangeEnd: c.rangeEnd}
	if c.value != "" {
		m.Value = c.value
	} else {
		m.Value = c.c.value()
		m.Precision = granNames[c.c.g]
		if c.weekend && c.c.g == gWeek {
			m.Value += "-WE"
		}
	}
	if m.Value == "" {
		return
	}
	if c.typ == Date && c.value == "" && c.c.g == gDay && !c.noRef {
		p.ref = c.c
	}
	if c.typ == Date && c.value == "" && !c.anaphoric && (c.c.g == gDay || c.c.g == gMonth || c.c.g == gYear) && p.writesYear(c) {
		// a bare year counts only when it opens its sentence ("In 2019,
		// …"): "Nvidia, founded in 1993, said" starts no story
		k := p.tokenAt(c.start)
		if c.c.g != gYear || k < 3 || p.sent[k-3] != p.sent[k] {
			p.story, p.storySent = c.c, p.sent[k]
		}
	}
	p.out = append(p.out, m)
}

// sentences gives every token the index of its sentence (for tense cues).
func (p *parser) sentences() {
	p.sent = resized(p.sent, len(p.toks)) // every value is set below
	s := 0
	for i := range p.toks {
		if p.toks[i].Break && i > 0 {
			s++
		}
		p.sent[i] = s
		if t := &p.toks[i]; t.Kind == token.Punct {
			switch t.Norm {
			case ".":
				if !p.innerPeriod(i) {
					s++
				}
			case "!", "?", "؟", ";", "؛":
				s++
			case "\"", "“", "«":
				if p.quoteSent == nil {
					p.quoteSent = map[int]bool{}
				}
				p.quoteSent[s] = true
			}
		}
	}
}

// innerPeriod reports whether the period at token i ends no sentence: a
// decimal point ("50.8"), an abbreviated month before its day ("Dec. 15"),
// an initial ("U.S.", "W.") or a title ("Gov.", "Lt.").
func (p *parser) innerPeriod(i int) bool {
	prev, next := p.tok(i-1), p.tok(i+1)
	if prev == nil || prev.End != p.toks[i].Start {
		return false
	}
	if prev.Kind == token.Number {
		return next != nil && next.Kind == token.Number && next.Start == p.toks[i].End
	}
	if prev.Kind != token.Word || prev.Arabic {
		return false
	}
	if len(prev.Norm) == 1 && prev.Upper {
		return true
	}
	if enTitleAbbrev[prev.Norm] && prev.Upper {
		return true
	}
	_, isMonth := enMonthAbbrev[prev.Norm]
	return isMonth && prev.Upper && next != nil && next.Kind == token.Number
}

// tense returns -1 (past), +1 (future) or 0 (unknown) for a date at token
// i, from cue words. An English date reads first the word just before it
// ("a scheduled Dec. 15 imposition", "planned for March"), then the cues of
// its own clause ("A storm dumped rain on Tuesday, and more is expected
// Wednesday"), then its sentence's; words quoted in a sentence do not set
// the tense of a date outside the quotation ("He said on Tuesday that China
// \"is going to have to make a deal\""). Arabic reads its sentence.
func (p *parser) tense(i int) int {
	if i >= len(p.sent) {
		return 0
	}
	if p.latinAt(i) {
		return p.enTense(i)
	}
	// «الرسوم المقررة في 15 مارس»: the word that qualifies the date
	k := i - 1
	if p.is(k, "في") {
		k--
	}
	if t := p.tok(k); t != nil && t.Arabic && arDateFuture[t.Norm] {
		return 1
	}
	key := 2 * p.sent[i]
	quotes := p.quoteSent[p.sent[i]]
	if v, ok := p.tenses[key]; ok && !quotes {
		return v
	}
	lo, hi := p.sentenceAround(i)
	// «"سنربح القضية"، قال المحامي يوم الاثنين»: the words quoted do not
	// set the tense of a date outside the quotation
	var quoted []bool
	inQuote := false
	if quotes {
		quoted = p.quoted(lo, hi)
		inQuote = quoted[i-lo]
		if inQuote {
			key++
		}
		if v, ok := p.tenses[key]; ok {
			return v
		}
	}
	past, fut := 0, 0
	for k := lo; k <= hi; k++ {
		t := &p.toks[k]
		if t.Kind != token.Word || quoted != nil && quoted[k-lo] && !inQuote {
			continue
		}
		if t.Arabic {
			if arFuture[t.Norm] {
				fut++
			} else if arPast[t.Norm] {
				past++
			} else if len(t.Norm) >= 8 && (t.Norm[:4] == "سي" || t.Norm[:4] == "ست" || t.Norm[:4] == "سن") && !notFuture[t.Norm] {
				fut++
			}
			for _, f := range t.Forms[1:] {
				if arPast[f.Text] {
					past++
				} else if arFuture[f.Text] {
					fut++
				}
			}
			if arPerfectFeminine(t) {
				past++
			}
			continue
		}
		pa, fu := p.enCue(k)
		past, fut = past+pa, fut+fu
	}
	v := tenseOf(past, fut)
	if p.tenses == nil {
		p.tenses = map[int]int{}
	}
	p.tenses[key] = v
	return v
}

// latinAt reports whether the date at token i is written in English: the
// first word at or after it (a day number is read with its month) is Latin.
func (p *parser) latinAt(i int) bool {
	for k := i; k < len(p.toks) && k < i+3; k++ {
		if t := &p.toks[k]; t.Kind == token.Word {
			return !t.Arabic
		}
	}
	return false
}

// sentenceAround is the first and last token of the sentence of token i,
// at most 40 tokens either side.
func (p *parser) sentenceAround(i int) (lo, hi int) {
	s := p.sent[i]
	lo, hi = i, i
	for lo > 0 && p.sent[lo-1] == s && i-lo < 40 {
		lo--
	}
	for hi+1 < len(p.sent) && p.sent[hi+1] == s && hi-i < 40 {
		hi++
	}
	return lo, hi
}

func tenseOf(past, fut int) int {
	if fut > 0 && fut >= past {
		return 1
	}
	if past > 0 {
		return -1
	}
	return 0
}

// enTense is tense for an English date at token i (see tense).
func (p *parser) enTense(i int) int {
	// the word that qualifies the date itself, past an article or "for"
	k := i - 1
	for n := 0; n < 2 && p.is(k, "a", "an", "the", "for"); n++ {
		k--
	}
	if t := p.tok(k); t != nil && t.Kind == token.Word && p.sent[k] == p.sent[i] && enDateFuture[t.Norm] {
		return 1
	}
	lo, hi := p.sentenceAround(i)
	quoted := p.quoted(lo, hi)
	inQuote := quoted[i-lo]
	// the clause: up to a comma, semicolon, colon, dash or quote; a
	// bracket is an aside the clause runs through ("dumped 2 inches (50.8
	// millimeters) of rain on Tuesday")
	clo, chi := i, i
	for clo > lo && !p.clauseBreak(clo-1) {
		clo--
		if p.punct(clo, ")") {
			for clo > lo && !p.punct(clo, "(") {
				clo--
			}
		}
	}
	for chi < hi && !p.clauseBreak(chi+1) {
		chi++
		if p.punct(chi, "(") {
			for chi < hi && !p.punct(chi, ")") {
				chi++
			}
		}
	}
	if v := p.enCues(i, clo, chi, nil, false); v != 0 {
		return v
	}
	// "Lowe's reports earnings Wednesday", "Thunder: Host the Lakers on
	// Friday": a verb of the calendar in the present or the bare form,
	// with no other cue, tells what is scheduled
	for k := clo; k <= chi; k++ {
		if t := &p.toks[k]; t.Kind == token.Word && enSchedulePresent[t.Norm] && p.scheduleVerb(k) {
			return 1
		}
	}
	return p.enCues(i, lo, hi, quoted, inQuote)
}

// scheduleVerb reports whether the word k of enSchedulePresent is a verb:
// not after an article or a possessive ("the vote", "his visit"), except
// a name's "'s" before a third person ("Lowe's reports earnings").
func (p *parser) scheduleVerb(k int) bool {
	if !p.determined(k) {
		return true
	}
	name := p.tok(k - 3)
	return p.is(k-1, "s") && name != nil && name.Upper && strings.HasSuffix(p.toks[k].Norm, "s")
}

// enSchedulePresent are verbs of a fixture in the present or bare form:
// "the team hosts Boston on Friday", "the court meets in March".
var enSchedulePresent = map[string]bool{
	"meet": true, "meets": true, "host": true, "hosts": true, "visit": true, "visits": true, "face": true,
	"faces": true, "play": true, "plays": true, "open": true, "opens": true, "reports": true, "begin": true,
	"begins": true, "start": true, "starts": true, "resume": true, "resumes": true, "holds": true,
	"vote": true, "votes": true, "travel": true, "travels": true, "kicks": true, "closes": true,
	"ends": true, "convene": true, "convenes": true, "returns": true, "premieres": true, "debuts": true,
	"headlines": true, "testifies": true, "launches": true,
}

// enCues weighs the English tense cues of tokens lo..hi for the date at
// token i, leaving out the quoted ones when the date is not quoted.
// "would" is the future of a report: it governs a date after it ("said
// the plant would open in April"), not one before it ("an April 2 memo
// indicated jobs would be cut").
func (p *parser) enCues(i, lo, hi int, quoted []bool, inQuote bool) int {
	past, fut := 0, 0
	for k := lo; k <= hi; k++ {
		if quoted != nil && quoted[k-lo] && !inQuote {
			continue
		}
		if p.toks[k].Norm == "would" {
			if k < i && !p.noWould {
				fut++
			}
			continue
		}
		pa, fu := p.enCue(k)
		past, fut = past+pa, fut+fu
	}
	return tenseOf(past, fut)
}

// clauseBreak reports whether token k ends an English clause for tense.
func (p *parser) clauseBreak(k int) bool {
	t := p.tok(k)
	if t == nil || t.Kind != token.Punct {
		return false
	}
	switch t.Norm {
	case ",", ";", ":", "—", "–", "\"", "“", "”":
		return true
	}
	return false
}

// quoted marks the tokens lo..hi that stand inside quotation marks.
func (p *parser) quoted(lo, hi int) []bool {
	q := make([]bool, hi-lo+1)
	in := false
	for k := lo; k <= hi; k++ {
		t := &p.toks[k]
		if t.Kind == token.Punct {
			switch t.Norm {
			case "“", "«":
				in = true
				continue
			case "”", "»":
				in = false
				continue
			case "\"":
				in = !in
				continue
			}
		}
		q[k-lo] = in
	}
	return q
}

// enCue is the past and future weight of English token k as a tense cue.
func (p *parser) enCue(k int) (past, fut int) {
	t := &p.toks[k]
	if t.Kind != token.Word || t.Arabic {
		return 0, 0
	}
	switch {
	case t.Norm == "once" && p.participle(k+1):
		// "once expected to be completed": formerly
		return 1, 0
	case p.participle(k) && p.is(k-1, "once"):
		return 0, 0
	case enStrongFuture[t.Norm] && !p.determined(k):
		// a modal governs its clause: "is due to be published in May",
		// "will begin on April 7, the FAA said"
		return 0, 2
	case enFuture[t.Norm]:
		// "its plans", "of planned outages", "the expected rise": a noun
		// or an adjective, not a clause that looks ahead
		if p.determined(k) {
			return 0, 0
		}
		return 0, 1
	case enPast[t.Norm]:
		return 1, 0
	case t.Norm == "ll" && k > 0 && p.toks[k-1].Norm == "'":
		return 0, 2
	case p.participle(k) && !p.is(k-1, "be", "been", "being"):
		// "-ed" after "be" is a passive participle, not a past tense
		return 1, 0
	}
	return 0, 0
}

func (p *parser) participle(k int) bool {
	t := p.tok(k)
	return t != nil && t.Kind == token.Word && !t.Arabic && len(t.Norm) > 4 && t.Norm[len(t.Norm)-2:] == "ed" && !t.Upper
}

// determined reports whether an article, a possessive or a preposition
// stands before token k: "its plans", "of planned outages".
func (p *parser) determined(k int) bool {
	if p.is(k-1, "a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "of", "this", "that", "these", "those") {
		return true
	}
	// "the company's future"
	return p.is(k-1, "s") && p.punct(k-2, "'", "’")
}

// yearForMonth picks the year of a month (and optional day) given without
// one: the DCT's year, moved back when the sentence reports the past and the
// date is after the DCT, moved forward when it looks ahead and the date is
// before; with no tense cue the reading nearest to the DCT wins.
func (p *parser) yearForMonth(m, d, i int) int {
	// "In March 2019 the firm was founded. In May, it raised money.": a
	// report of the past goes on in the year just written
	if p.story.g != gNone && p.story.y != p.dct.y && i < len(p.sent) && p.sent[i]-p.storySent <= 1 && p.tense(i) < 0 {
		return p.story.y
	}
	y := p.dct.y
	cur := p.dct.m*100 + p.dct.d
	this := m * 100
	if d > 0 {
		this += d
	} else {
		cur = p.dct.m * 100
	}
	switch p.tense(i) {
	case -1:
		if this > cur {
			return y - 1
		}
	case 1:
		if this < cur && !p.reportFutureRecent(m, d, i) {
			return y + 1
		}
	default:
		diff := (m - p.dct.m)
		if diff > 6 {
			return y - 1
		}
		if diff < -6 {
			return y + 1
		}
	}
	return y
}

// reportFutureRecent reports whether the month m (day d, or 0) is read
// as future only through "would", and falls less than two months before
// the DCT this year: "his vow that Britain would leave the EU on Oct. 31"
// (published 20 November) is the Oct. 31 just past. "would" is the future
// of a report made before publication, not of the publication.
func (p *parser) reportFutureRecent(m, d, i int) bool {
	if !p.latinAt(i) {
		return false
	}
	if d == 0 {
		d = 28 // a month: its last days
	}
	if days := p.dct.time().Sub(time.Date(p.dct.y, time.Month(m), d, 12, 0, 0, 0, time.UTC)).Hours() / 24; days < 0 || days > 62 {
		return false
	}
	p.noWould = true
	v := p.enTense(i)
	p.noWould = false
	return v != 1
}

// weekday resolves a weekday (1 = Monday) near the DCT: the same day if it
// is the DCT's, else the last one before (or, in a sentence about the
// future, the next one after).
func (p *parser) weekday(wd, i int) cal {
	t := p.dct.time()
	cur := int(t.Weekday())
	if cur == 0 {
		cur = 7
	}
	if wd == cur {
		return p.dct
	}
	if p.tense(i) == 1 {
		return dayOf(t.AddDate(0, 0, (wd-cur+7)%7))
	}
	return dayOf(t.AddDate(0, 0, -((cur - wd + 7) % 7)))
}

func (p *parser) tok(i int) *token.Token {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	return &p.toks[i]
}

// is reports whether token i has one of the given folded forms.
func (p *parser) is(i int, words ...string) bool {
	t := p.tok(i)
	if t == nil {
		return false
	}
	if len(t.Forms) < 2 {
		// no form but the word itself (every Latin word): Has is Norm ==
		n := t.Norm
		for _, w := range words {
			if n == w {
				return true
			}
		}
		return false
	}
	for _, w := range words {
		if t.Has(w) {
			return true
		}
	}
	return false
}

// punct reports whether token i is one of the given punctuation marks.
func (p *parser) punct(i int, marks ...string) bool {
	t := p.tok(i)
	if t == nil || t.Kind != token.Punct {
		return false
	}
	for _, m := range marks {
		if t.Norm == m {
			return true
		}
	}
	return false
}

func lookup[V any](p *parser, i int, set map[string]V) (V, int, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		var zero V
		return zero, 0, false
	}
	return token.FormOf(t, set)
}

func (p *parser) end(i int) int { return p.toks[i-1].End }

// arPerfectFeminine reports whether an Arabic word has the shape of a verb
// in the perfect with a feminine subject («ألغت», «جمّدت», «تراجعت»): the
// form news uses for ministries, governments and companies. Nouns ending in
// «ات» (plurals) or starting with the article, «م» or an imperfect prefix
// are left out.
func arPerfectFeminine(t *token.Token) bool {
	for _, f := range t.Forms {
		w := f.Text
		n := utf8.RuneCountInString(w)
		if n < 4 || n > 6 || !strings.HasSuffix(w, "ت") || strings.HasSuffix(w, "ات") || strings.HasPrefix(w, "ال") {
			continue
		}
		switch r, _ := utf8.DecodeRuneInString(w); r {
		case 'م', 'ي', 'ن':
			continue
		case 'ت':
			if n < 5 {
				continue
			}
		}
		if arNounT[w] {
			continue
		}
		return true
	}
	return false
}

// arNounT are common words of that shape that are not verbs.
var arNounT = map[string]bool{"ثابت": true, "بيروت": true, "كويت": true, "توقيت": true, "صامت": true, "تابوت": true, "ياقوت": true, "عنكبوت": true, "انترنت": true, "سبوت": true}

// writesYear reports whether the expression c spells its year out (a
// four-figure number or an Arabic year in words), as "March 2019" does and
// "last year" does not.
func (p *parser) writesYear(c cand) bool {
	for k := p.tokenAt(c.start); k < c.next && k < len(p.toks); k++ {
		t := &p.toks[k]
		if t.Kind == token.Number && t.Digits == 4 && t.Num >= 1000 && t.Num <= 2199 {
			return true
		}
	}
	return false
}

// tokenAt is the index of the token starting at or containing byte offset b.
func (p *parser) tokenAt(b int) int {
	lo, hi := 0, len(p.toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if p.toks[mid].End <= b {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
