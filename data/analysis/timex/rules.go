package timex

import (
	"fmt"
	"strconv"
	"strings"

	"annals/data/analysis/token"
)

type rule func(p *parser, i int) (cand, bool)

// keyedRule is a rule with the kinds of token it can start at (kindBits):
// its first test turns the others away, so it is not called for them (a
// tenth of analysis went to trying every rule at every startable token,
// issue 19). TestRuleKindsTurnOthersAway checks each set.
type keyedRule struct {
	try   rule
	kinds uint8
}

// The kinds of token a rule can start at (see kindAt).
const (
	kNumber uint8 = 1 << iota
	kArabic       // an Arabic word
	kLatin        // any other word
	kPunct
	kWord    = kArabic | kLatin
	kNoPunct = kNumber | kWord
	kAny     = kNoPunct | kPunct
)

// rules are tried at every token; the longest match wins.
var rules = []keyedRule{
	{rExplicit, kAny}, {rNumeric, kNumber}, {rMonthOnly, kAny}, {rYear, kAny}, {rRelDay, kWord},
	{rRelUnit, kAny}, {rAgo, kNoPunct}, {rLater, kNoPunct}, {rAnaphoricDay, kWord}, {rWeekday, kWord},
	{rDuration, kNoPunct}, {rPresent, kWord}, {rDecade, kAny}, {rCentury, kNoPunct}, {rSeason, kAny},
	{rQuarter, kWord}, {rHoliday, kWord}, {rHijri, kAny}, {rSet, kWord}, {rClock, kNumber},
	{rRestOf, kWord}, {rWeekend, kArabic}, {rDayOnly, kNoPunct}, {rCompound, kArabic | kNumber},
	{rNextUnits, kArabic | kNumber}, {rLaterIn, kArabic}, {rYearQuarter, kNumber}, {rAfterNext, kLatin},
}

// periodRules combine other expressions; they are tried after rules.
var periodRules = []keyedRule{
	{rRange, kNoPunct}, {rNthWeek, kArabic}, {rNthWeekday, kArabic}, {rAnchoredOffset, kNoPunct},
	{rNthEn, kLatin}, {rWeekOf, kWord},
}

// kindAt is token i's kind bit, or kAny past either end (where no rule
// is skipped).
func (p *parser) kindAt(i int) uint8 {
	t := p.tok(i)
	switch {
	case t == nil:
		return kAny
	case t.Kind == token.Number:
		return kNumber
	case t.Kind == token.Punct:
		return kPunct
	case t.Arabic:
		return kArabic
	}
	return kLatin
}

// monthAt reads a month name (one or two words, with the paired form
// «نوفمبر/تشرين الثاني» or «نوفمبر (تشرين الثاني)»).
func (p *parser) monthAt(i int) (m, start, next int, weak, ok bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return 0, 0, i, false, false
	}
	m, start, ok = token.FormOf(t, months)
	next = i + 1
	if ok {
		weak = monthWeak[t.Norm]
		if !t.Arabic {
			// lower case is fine ("on april 22"), but "may" and "march"
			// written so are a verb or a noun unless a day or year is next
			if !t.Upper && lowerWeakMonth[t.Norm] {
				weak = true
			}
			if len(t.Norm) <= 4 && t.Norm != "may" && t.Norm != "june" && t.Norm != "july" && p.abbrevDot(next) {
				next++
			}
		}
	} else if second, s, ok2 := token.FormOf(t, months2); ok2 {
		if u := p.tok(i + 1); u != nil {
			if v, ok3 := second[u.Norm]; ok3 {
				m, start, next, ok = v, s, i+2, true
			}
		}
	} else if t.Norm == "اب" {
		m, start, next, ok, weak = 8, t.Start, i+1, true, true
	}
	if !ok {
		return 0, 0, i, false, false
	}
	// paired month: «نوفمبر/تشرين الثاني», «يناير (كانون الثاني)»
	k := next
	closeParen := false
	if p.punct(k, "/", "-", "(", "،", ",") && p.tok(k+1) != nil && p.toks[k+1].Arabic {
		closeParen = p.toks[k].Norm == "("
		if m2, _, n2, _, ok2 := p.monthAt(k + 1); ok2 && m2 == m {
			next = n2
			if closeParen && p.punct(next, ")") {
				next++
			}
			weak = false
		}
	}
	return m, start, next, weak, true
}

// abbrevDot reports whether token k is the full stop of an abbreviation
// ("Jan. 20", "Tues., March 3") rather than the one ending the sentence
// ("back in Aug. The firm…", "on tues.").
func (p *parser) abbrevDot(k int) bool {
	if !p.punct(k, ".") || p.toks[k].Space {
		return false
	}
	nt := p.tok(k + 1)
	if nt == nil || nt.Break {
		return false
	}
	return nt.Kind == token.Number || nt.Kind == token.Punct && nt.Norm == "," || nt.Kind == token.Word && !nt.Upper
}

// yearAt reads a four-digit year (optionally «2025م») or Arabic year words.
func (p *parser) yearAt(i int) (y, next int, ok bool) {
	t := p.tok(i)
	if t == nil {
		return 0, i, false
	}
	if t.Kind == token.Number {
		if s := p.tok(i + 1); s != nil && !s.Space && s.Norm == "s" && s.Kind == token.Word {
			return 0, i, false // "the mid-1950s": a decade (rDecade)
		}
		if t.Digits == 4 && t.Num >= 1000 && t.Num <= 2199 {
			next = i + 1
			if u := p.tok(next); u != nil && !u.Space && (u.Norm == "م") {
				next++
			} else if p.is(next, "ميلادي", "ميلاديه", "للميلاد") {
				next++
			}
			return t.Num, next, true
		}
		return 0, i, false
	}
	if !t.Arabic && t.Kind == token.Word {
		if n, k, ok := p.enYear(i); ok && n >= 1000 && n <= 2199 {
			return n, k, true
		}
	}
	if t.Arabic {
		if n, k, ok := p.arYearPair(i); ok && n >= 1000 && n <= 2199 {
			return n, k, true
		}
		if n, k, ok := p.arNumber(i); ok && n >= 1000 && n <= 2199 {
			return n, k, true
		}
	}
	return 0, i, false
}

// cuedYearAt reads the year after «عام» / «سنة», which may be any year of
// three or four figures («عام 247», «عام مائتين وسبعة وستين»).
func (p *parser) cuedYearAt(i int) (y, next int, ok bool) {
	if y, n, ok := p.yearAt(i); ok {
		return y, n, true
	}
	t := p.tok(i)
	if t == nil {
		return 0, i, false
	}
	if t.Kind == token.Number && t.Digits == 3 {
		if _, ok := units[normOf(p.tok(i+1))]; !ok {
			return t.Num, i + 1, true
		}
	}
	if t.Arabic {
		if n, k, ok := p.arNumber(i); ok && n >= 100 && n <= 999 {
			if _, ok := units[normOf(p.tok(k))]; !ok {
				return n, k, true
			}
		}
	}
	return 0, i, false
}

// dayAt reads a day of month: 1..31 in digits, or an ordinal.
func (p *parser) dayAt(i int) (d, next int, ok bool) {
	t := p.tok(i)
	if t == nil {
		return 0, i, false
	}
	od, on, ook := p.ordinal(i)
	ook = ook && od >= 1 && od <= 31
	if t.Kind == token.Number && t.Digits <= 2 && t.Num >= 1 && t.Num <= 31 && !ook {
		return t.Num, i + 1, true
	}
	if t.Arabic {
		// the longer reading: «واحد وعشرين» is 21, not «واحد»
		if n, k, ok := p.arNumber(i); ok && n >= 1 && n <= 31 && (!ook || k > on) {
			return n, k, true
		}
	}
	if ook {
		return od, on, true
	}
	return 0, i, false
}

func (p *parser) skip(i int, words ...string) int {
	if p.is(i, words...) {
		return i + 1
	}
	return i
}

func (p *parser) skipPunct(i int, marks ...string) int {
	if p.punct(i, marks...) {
		return i + 1
	}
	return i
}

// weekdayPrefix consumes an optional "Monday," / «الاثنين،» before a date.
func (p *parser) weekdayPrefix(i int) (start, next int, ok bool) {
	if _, s, ok := lookup(p, i, weekdays); ok && !(p.toks[i].Arabic && weakForm(&p.toks[i], s)) {
		k := p.skipPunct(i+1, ",", "،")
		return s, k, true
	}
	return 0, i, false
}

func (p *parser) dayCal(y, m, d int) (cal, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return cal{}, false
	}
	c := cal{y: y, m: m, d: d, g: gDay}
	if d > 28 && c.time().Day() != d {
		return cal{}, false
	}
	return c, true
}

// rExplicit: "20 January 2025", «20 يناير/كانون الثاني 2025», "January 20,
// 2025", "Jan. 20", «الرابع من مايو», "May 2010", «نوفمبر 2024».
func rExplicit(p *parser, i int) (cand, bool) {
	if p.tok(i) == nil {
		return cand{}, false
	}
	start := p.toks[i].Start
	k := i
	if p.is(i, "يوم") && p.tok(i+1) != nil {
		// «يوم الاثنين 12 يناير 2016»: the date starts at the weekday
		if s, n, ok := p.weekdayPrefix(i + 1); ok {
			_, _, dayNext := p.dayAt(n)
			_, _, _, _, monthNext := p.monthAt(n)
			if dayNext || monthNext {
				start, k = s, n
			}
		}
	}
	if s, n, ok := p.weekdayPrefix(k); ok && k == i {
		start, k = s, n
	}
	// day first
	if d, n, ok := p.dayAt(k); ok {
		j := p.skip(n, "of", "من")
		j = p.skipPunct(j, "-", "/", ".")
		if m, _, n2, _, ok := p.monthAt(j); ok {
			s0 := start
			if k == i {
				s0 = p.firstStart(i)
			}
			return p.finishDate(i, s0, n2, m, d)
		}
	}
	// month first
	if m, ms, n, weak, ok := p.monthAt(k); ok {
		if k == i {
			start = ms
		}
		j := p.skipPunct(n, "-", ".", "/")
		if p.is(j, "the") {
			// "May the eleventh", "September the twenty-first"
			if _, _, ok := p.ordinal(j + 1); ok {
				j++
			}
		}
		if d, n2, ok := p.dayAt(j); ok && !(p.tok(j).Kind == token.Number && p.tok(j).Digits == 4) {
			if _, _, _, _, ok := p.monthAt(n2); !ok {
				return p.finishDate(i, start, n2, m, d)
			}
		}
		// "jan twenty two, 2018", "May twenty one": a day in number words,
		// after a month name that is no common word
		if d, n2, ok := p.enNumber(j); ok && !(weak && p.is(k, "may", "march", "mar")) && d >= 1 && d <= 31 && !p.is(j, "a", "an") {
			if _, _, ok := p.enYear(j); !ok || n2 > j+1 {
				return p.finishDate(i, start, n2, m, d)
			}
		}
		// month + year
		j = p.skipPunct(n, ",", "،", ".")
		j = p.skip(j, "of", "من")
		j = p.skip(j, "عام", "العام", "سنه")
		if y, n2, ok := p.yearAt(j); ok {
			return cand{start: start, end: p.end(n2), next: n2, typ: Date, c: cal{y: y, m: m, g: gMonth}}, true
		}
		_ = weak
	}
	return cand{}, false
}

// firstStart is the start of token i, after an attached particle that is
// not part of the expression («بـ»).
func (p *parser) firstStart(i int) int { return p.toks[i].Start }

func (p *parser) yearFollows(i int) bool {
	j := p.skipPunct(i, ",", "،", ".")
	_, _, ok := p.yearAt(j)
	return ok
}

// finishDate completes a day+month with an optional year after it.
func (p *parser) finishDate(i, start, n, m, d int) (cand, bool) {
	j := p.skipPunct(n, ",", "،", ".", "-", "/")
	j = p.skip(j, "من", "of")
	j = p.skip(j, "عام", "العام", "سنه")
	if y, n2, ok := p.yearAt(j); ok {
		if c, ok := p.dayCal(y, m, d); ok {
			return cand{start: start, end: p.end(n2), next: n2, typ: Date, c: c}, true
		}
		return cand{}, false
	}
	if !p.hasDCT {
		return cand{}, false
	}
	// «20 من الشهر القادم» handled by rRelUnit; here: no year given.
	y := p.yearForMonth(m, d, i)
	// «10 فبراير المقبل», «21 مارس الماضي»: the occurrence after (before) the DCT
	if dir, _, ok := arDirAfterAt(p, n); ok && dir != 0 {
		y = p.dct.y
		this := m*100 + d
		cur := p.dct.m*100 + p.dct.d
		if dir > 0 && this <= cur {
			y++
		} else if dir < 0 && this >= cur {
			y--
		}
		if c, ok := p.dayCal(y, m, d); ok {
			return cand{start: start, end: p.toks[n].End, next: n + 1, typ: Date, c: c}, true
		}
	}
	c, ok := p.dayCal(y, m, d)
	if !ok && m == 2 && d == 29 {
		// "Feb 29" without a year: the nearest leap year in the tense's way
		step := 1
		if p.tense(i) < 0 {
			step = -1
		}
		for k := 1; k <= 4 && !ok; k++ {
			c, ok = p.dayCal(y+step*k, m, d)
		}
	}
	if !ok {
		return cand{}, false
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: c, guessYear: true}, true
}

// rNumeric: 2025-01-20, 20/01/2025, 1/20/2025, 20.01.2025, 2016/02/22, 3/2015.
func rNumeric(p *parser, i int) (cand, bool) {
	a := p.tok(i)
	if a == nil || a.Kind != token.Number || a.Num < 0 {
		return cand{}, false
	}
	sep := p.tok(i + 1)
	b := p.tok(i + 2)
	if sep == nil || b == nil || sep.Kind != token.Punct || sep.Space || b.Space || b.Kind != token.Number {
		return cand{}, false
	}
	s := sep.Norm
	if s != "-" && s != "/" && s != "." {
		return cand{}, false
	}
	c3 := p.tok(i + 4)
	three := c3 != nil && c3.Kind == token.Number && p.punct(i+3, s) && !p.toks[i+3].Space && !c3.Space
	if three {
		x, y, z := a.Num, b.Num, c3.Num
		var c cal
		var ok bool
		switch {
		case a.Digits == 4:
			c, ok = p.dayCal(x, y, z)
		case c3.Digits == 4 || c3.Digits == 2:
			yr := z
			if c3.Digits == 2 {
				yr = 2000 + z
				if z > 50 {
					yr = 1900 + z
				}
			}
			dayFirst := p.opt.Lang != "en" && !(p.opt.Lang == "" && !isArabicContext(p, i))
			if x > 12 {
				dayFirst = true
			} else if y > 12 {
				dayFirst = false
			}
			if dayFirst {
				c, ok = p.dayCal(yr, y, x)
			} else {
				c, ok = p.dayCal(yr, x, y)
			}
		}
		if !ok {
			return cand{}, false
		}
		out := cand{start: a.Start, end: c3.End, next: i + 5, typ: Date, c: c}
		// «1/9/1445هـ», «1445/09/01»: a Hijri year (a Gregorian 14th
		// century date written in figures is no news)
		if c.y >= 1340 && c.y <= 1500 {
			out.c, out.hijri = dayOf(HijriToGregorian(c.y, c.m, c.d)), true
			if u := p.tok(i + 5); u != nil && hijriMarker(u) {
				out.end, out.next = u.End, i+6
			}
		}
		return out, true
	}
	// «11/12, 2016», «08/12, 15»: month/day then a comma and the year (US order)
	if a.Digits <= 2 && b.Digits <= 2 && s == "/" && p.punct(i+3, ",", "،") {
		if yt := p.tok(i + 4); yt != nil && yt.Kind == token.Number && (yt.Digits == 4 || yt.Digits == 2) {
			yr := yt.Num
			if yt.Digits == 2 {
				yr = 2000 + yr
				if yt.Num > 50 {
					yr = 1900 + yt.Num
				}
			}
			if c, ok := p.dayCal(yr, a.Num, b.Num); ok {
				return cand{start: a.Start, end: yt.End, next: i + 5, typ: Date, c: c}, true
			}
		}
	}
	// month/year: 3/2015, 2015/3
	if a.Digits == 4 && b.Num >= 1 && b.Num <= 12 && b.Digits <= 2 && a.Num >= 1900 && a.Num <= 2100 && s != "-" {
		return cand{start: a.Start, end: b.End, next: i + 3, typ: Date, c: cal{y: a.Num, m: b.Num, g: gMonth}}, true
	}
	if b.Digits == 4 && a.Num >= 1 && a.Num <= 12 && a.Digits <= 2 && b.Num >= 1900 && b.Num <= 2100 {
		return cand{start: a.Start, end: b.End, next: i + 3, typ: Date, c: cal{y: b.Num, m: a.Num, g: gMonth}}, true
	}
	// day/month without year, Arabic text only (too ambiguous in English);
	// «3.1» after a name is a version («جيميني 1.5», «لاما 3.1»), so a
	// dotted pair needs a word that announces a date before it
	if s == "." && !p.dateCueBefore(i) || p.versionBefore(i) {
		return cand{}, false
	}
	if p.hasDCT && a.Digits <= 2 && b.Digits <= 2 && !isArabicContext(p, i) && p.is(i-1, "on", "by", "until", "till", "since", "in") && p.plainAfter(i+3) {
		// "on 4/22", "in 4.22", "on 22/04": month first unless it cannot be
		m, d := a.Num, b.Num
		if m > 12 {
			m, d = d, m
		}
		if c, ok := p.dayCal(p.yearForMonth(m, d, i), m, d); ok {
			c2 := cand{start: a.Start, end: b.End, next: i + 3, typ: Date, c: c, guessYear: true}
			return c2, true
		}
	}
	if p.hasDCT && a.Digits <= 2 && b.Digits <= 2 && isArabicContext(p, i) && s != "." || p.hasDCT && s == "." && a.Digits <= 2 && b.Digits <= 2 && isArabicContext(p, i) && !p.toks[i].Space == false {
		x, y := a.Num, b.Num
		var m, d int
		switch {
		case s == "/" && x <= 12 && y > 12, s == "." && x <= 12:
			m, d = x, y
		case y <= 12 && x <= 31:
			m, d = y, x
		case x <= 12 && y <= 31:
			m, d = x, y
		default:
			return cand{}, false
		}
		if s == "/" && x <= 12 && y > 12 {
			m, d = x, y
		}
		if x == 24 && y == 7 {
			return cand{}, false
		}
		c, ok := p.dayCal(p.yearForMonth(m, d, i), m, d)
		if !ok {
			return cand{}, false
		}
		return cand{start: a.Start, end: b.End, next: i + 3, typ: Date, c: c}, true
	}
	return cand{}, false
}

// plainAfter reports whether what follows a number pair leaves it a date:
// not "4.5 percent", "2.5 million", "3/4 cup".
func (p *parser) plainAfter(k int) bool {
	t := p.tok(k)
	if t == nil || t.Break {
		return true
	}
	switch t.Kind {
	case token.Punct:
		if t.Norm == "." {
			// the sentence's full stop, not "4.22.1"
			nt := p.tok(k + 1)
			return nt == nil || nt.Space
		}
		return t.Norm != "%" && t.Norm != "/" && t.Norm != "-"
	case token.Number:
		return false
	}
	return t.Upper || p.is(k, "at", "and", "or", "to", "with", "for", "i", "we")
}

func isArabicContext(p *parser, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if p.toks[k].Kind == token.Word {
			return p.toks[k].Arabic
		}
	}
	for k := i + 1; k < len(p.toks) && k <= i+4; k++ {
		if p.toks[k].Kind == token.Word {
			return p.toks[k].Arabic
		}
	}
	return p.opt.Lang == "ar"
}

// yearDeterminers stand before a year used as a modifier ("a 2010 raid").
var yearDeterminers = map[string]bool{"a": true, "an": true, "his": true, "her": true, "its": true, "their": true, "our": true, "my": true, "your": true}

var monthCue = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "during": true, "last": true, "next": true,
	"early": true, "late": true, "mid": true, "this": true, "of": true, "from": true, "through": true,
	"في": true, "منذ": true, "حتي": true, "خلال": true, "شهر": true, "مطلع": true, "اواخر": true, "اوائل": true,
	"منتصف": true, "بدايه": true, "نهايه": true,
}

var modWords = map[string]string{
	"early": "START", "late": "END", "mid": "MID", "end": "END", "beginning": "START", "start": "START", "middle": "MID",
	"مطلع": "START", "اوائل": "START", "بدايه": "START", "بدايات": "START", "اواخر": "END", "نهايه": "END",
	"اواسط": "MID", "منتصف": "MID", "اخر": "END",
}

// modPrefix consumes "early", "the end of", «مطلع», «نهاية» before a date.
func (p *parser) modPrefix(i int) (mod string, start, next int) {
	k := i
	if p.is(k, "the") {
		k++
	}
	if m, s, ok := lookup(p, k, modWords); ok {
		if k > i && !p.is(k, "end", "beginning", "start", "middle") {
			return "", 0, i
		}
		n := k + 1
		if p.punct(n, "-") {
			n++
		}
		n = p.skip(n, "of", "شهر")
		if k > i {
			s = p.toks[i].Start
		}
		return m, s, n
	}
	if p.is(k, "earlier", "later") && p.is(k+1, "this") {
		md := "START"
		if p.is(k, "later") {
			md = "END"
		}
		return md, p.toks[i].Start, k + 1
	}
	return "", 0, i
}

// rMonthOnly: "November", «في نوفمبر/تشرين الثاني», "last July", «سبتمبر
// الماضي», "early December".
func rMonthOnly(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	mod, start, k := p.modPrefix(i)
	dir, hasDir := 0, false
	if dd, ok := enDirBefore[normOf(p.tok(k))]; ok && !p.toks[k].Arabic {
		if _, _, _, _, ok2 := p.monthAt(k + 1); ok2 {
			if mod == "" {
				start = p.toks[k].Start
			}
			dir, hasDir = dd, true
			k++
		}
	} else if p.is(k, "هذا") {
		if _, _, _, _, ok2 := p.monthAt(k + 1); ok2 {
			if mod == "" {
				start = p.toks[k].Start
			}
			hasDir = true
			k++
		}
	}
	m, ms, n, weak, ok := p.monthAt(k)
	if !ok {
		return cand{}, false
	}
	if mt := &p.toks[k]; !mt.Arabic && !mt.Upper && monthWeak[mt.Norm] {
		// "this may get resolved", "the last march": a modal or a noun;
		// a month in lower case needs its day or year (other rules)
		return cand{}, false
	}
	if mod == "" && !hasDir {
		start = ms
	}
	if d, _, ok := arDirAfterAt(p, n); ok {
		dir, hasDir = d, true
		n++
	}
	if weak && !hasDir && mod == "" {
		prev := p.tok(k - 1)
		if prev == nil || !hasForm(prev, monthCue) {
			return cand{}, false
		}
	}
	y := p.dct.y
	switch {
	case hasDir && dir < 0:
		if m >= p.dct.m {
			y--
		}
	case hasDir && dir > 0:
		if m <= p.dct.m {
			y++
		}
	case hasDir:
	default:
		y = p.yearForMonth(m, 0, i)
	}
	// "June of next year", «يونيو العام المقبل»
	if u, _, ok := lookup(p, n, defUnits); ok && u == uYear {
		if d, _, ok := arDirAfterAt(p, n+1); ok {
			y = p.dct.y + d
			n += 2
		}
	} else if p.is(n, "next", "last", "this") && p.is(n+1, "year") {
		y = p.dct.y + map[string]int{"next": 1, "last": -1, "this": 0}[p.toks[n].Norm]
		n += 2
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: cal{y: y, m: m, g: gMonth}, mod: mod}, true
}

func arDirAfterAt(p *parser, i int) (int, int, bool) {
	t := p.tok(i)
	if t == nil || !t.Arabic {
		return 0, 0, false
	}
	d, ok := arDirAfter[t.Norm]
	if !ok || t.Norm == "هذا" || t.Norm == "نفسه" || t.Norm == "ذاته" {
		return 0, 0, false
	}
	return d, t.Start, true
}

// rYear: «عام 2023», "in 2023", "early 2011", "fiscal 2013", «2025م».
func rYear(p *parser, i int) (cand, bool) {
	mod, start, k := p.modPrefix(i)
	cue := mod != ""
	if p.is(k, "fiscal") {
		if mod == "" {
			start = p.toks[k].Start
		}
		k = p.skip(k+1, "year")
		cue = true
	}
	if t := p.tok(k); t != nil && t.Arabic && (t.Has("عام") || t.Has("سنه") || t.Has("العام") || t.Has("السنه")) {
		if mod == "" {
			_, start, _ = token.FormOf(t, map[string]bool{"عام": true, "سنه": true, "العام": true, "السنه": true})
		}
		k++
		cue = true
	}
	y, n, ok := p.yearAt(k)
	if !ok && cue && k > i && p.toks[k-1].Arabic {
		y, n, ok = p.cuedYearAt(k)
	}
	if !ok {
		return cand{}, false
	}
	t := p.toks[k]
	if !cue {
		if p.versionBefore(k) {
			return cand{}, false // "Windows 2000", "Office 2019"
		}
		start = t.Start
		prev := p.tok(k - 1)
		next := p.tok(n)
		if t.Kind != token.Number {
			// a year in words standing alone: «تسعة عشر ثمانية وعشرون»,
			// «ألف وسبعمائة وتسعة وثمانين», "in nineteen twenty eight", at
			// the end of a clause
			atEnd := next == nil || next.Kind == token.Punct || next.Break
			if t.Arabic && n-k >= 3 && atEnd || !t.Arabic && n-k >= 2 && atEnd && prev != nil && (enYearCue[prev.Norm]) {
				return cand{start: start, end: p.end(n), next: n, typ: Date, c: cal{y: y, g: gYear}}, true
			}
			return cand{}, false
		}
		switch {
		case prev != nil && prev.Kind == token.Word && (enYearCue[prev.Norm] || arYearCue[prev.Norm] || prev.Has("في") || prev.Has("منذ") || prev.Has("حتي")):
		case prev != nil && prev.Kind == token.Punct && (prev.Norm == "(" || prev.Norm == "," || prev.Norm == "،"):
		case next == nil || next.Kind == token.Punct && next.Norm != "%" && next.Norm != "$":
		case next.Kind == token.Word && !next.Arabic && (next.Norm == "and" || next.Norm == "when" || next.Norm == "to" || next.Norm == "in" || next.Norm == "after" || next.Norm == "before"):
		case prev != nil && (yearDeterminers[prev.Norm] || prev.Norm == "the" && next.Norm == "fiscal") && !prev.Arabic && next.Kind == token.Word && !next.Arabic && !next.Upper:
			// "a 2010 commando raid", "his 2007 presidential campaign": a
			// count would not follow "a" or a possessive
		default:
			return cand{}, false
		}
		if y < 1800 || y > 2100 {
			return cand{}, false
		}
		if next != nil && next.Kind == token.Punct && (next.Norm == "-" || next.Norm == "/") && !next.Space {
			// part of a numeric date or a range like 2014-2018 (both years then)
			if nn := p.tok(n + 1); nn != nil && nn.Kind == token.Number && nn.Digits != 4 {
				return cand{}, false
			}
		}
		// "1990s"
		if next != nil && !next.Space && next.Norm == "s" {
			return cand{}, false
		}
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: cal{y: y, g: gYear}, mod: mod}, true
}

var relDays = map[string]int{
	"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
	"tmrw": 1, "tmr": 1,
	"امس": -1, "الامس": -1, "البارحه": -1, "غدا": 1, "الغد": 1, "اليوم": 0, "يومي": 0,
}

// rRelDay: today, yesterday, «أمس», «غداً», «بعد غد», «قبل يوم أمس», «أول أمس».
func rRelDay(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	switch {
	case p.is(i, "بعد") && p.is(i+1, "غد", "الغد", "غدا"):
		return cand{start: t.Start, end: p.end(i + 2), next: i + 2, typ: Date, c: p.dct.add(uDay, 2)}, true
	case p.is(i, "قبل") && p.is(i+1, "يوم") && p.is(i+2, "امس"), p.is(i, "اول") && p.is(i+1, "من") && p.is(i+2, "امس"):
		return cand{start: t.Start, end: p.end(i + 3), next: i + 3, typ: Date, c: p.dct.add(uDay, -2)}, true
	case p.is(i, "اول") && p.is(i+1, "امس"):
		return cand{start: t.Start, end: p.end(i + 2), next: i + 2, typ: Date, c: p.dct.add(uDay, -2)}, true
	case p.is(i, "اخر") && p.is(i+1, "يوم") && p.lastDayAlone(i+2):
		// «آخر يوم» ending its clause: the day just gone, like "the last day"
		return cand{start: t.Start, end: p.toks[i+1].End, next: i + 2, typ: Date, c: p.dct.add(uDay, -1)}, true
	case p.is(i, "the", "weekend") && (t.Norm == "weekend" || p.is(i+1, "weekend")) && !p.is(i-1, "this", "next", "last", "every", "each", "a", "that", "one"):
		// "over the weekend": the last one in a report of the past, else
		// the DCT's
		k := i
		if t.Norm == "the" {
			k++
		}
		c := p.dct
		if p.tense(i) < 0 && isoWeekday(p.dct) < 6 {
			c = c.add(uWeek, -1)
		}
		return cand{start: t.Start, end: p.toks[k].End, next: k + 1, typ: Date, c: c.at(uWeek), weekend: true}, true
	case p.is(i, "the") && p.is(i+1, "day") && p.is(i+2, "before", "after") && p.is(i+3, "yesterday", "tomorrow", "tmrw"):
		n := -2
		if p.is(i+2, "after") {
			n = 2
		}
		return cand{start: t.Start, end: p.end(i + 4), next: i + 4, typ: Date, c: p.dct.add(uDay, n)}, true
	case p.is(i, "day") && p.is(i+1, "before", "after") && p.is(i+2, "yesterday", "tomorrow", "tmrw") && !p.is(i-1, "the"):
		// "day after tomorrow"
		n := -2
		if p.is(i+1, "after") {
			n = 2
		}
		return cand{start: t.Start, end: p.end(i + 3), next: i + 3, typ: Date, c: p.dct.add(uDay, n)}, true
	}
	k := i
	start := t.Start
	if p.is(i, "هذا") && p.is(i+1, "اليوم") {
		k = i + 1
		start = p.toks[k].Start
	}
	n, s, ok := lookup(p, k, relDays)
	if !ok {
		return cand{}, false
	}
	if k == i {
		start = s
	}
	if p.toks[k].Has("اليوم") {
		// «اليوم» is "today" unless it heads another expression («اليوم التالي»)
		if nt := p.tok(k + 1); nt != nil && nt.Arabic && (arDirAfter[nt.Norm] != 0 || nt.Norm == "نفسه" || nt.Norm == "ذاته" || nt.Norm == "الاخير" || nt.Norm == "الذي" || nt.Norm == "التي") {
			return cand{}, false
		}
		if p.is(k-1, "ذلك", "هذا") && k == i {
			return cand{}, false
		}
	}
	if n == 0 && k == i && p.nowadaysToday(k) {
		// «شباب اليوم», "today's world": our time, not a day
		return cand{start: start, end: p.toks[k].End, next: k + 1, typ: Date, value: "PRESENT_REF"}, true
	}
	c := cand{start: start, end: p.toks[k].End, next: k + 1, typ: Date, c: p.dct.add(uDay, n)}
	if t.Norm == "tonight" {
		c.typ, c.value = Time, p.dct.value()+"TNI"
	}
	// «اليوم 6 مايو»: today followed by its date
	if p.toks[k].Has("اليوم") {
		if x, ok := rExplicit(p, k+1); ok {
			x.start = c.start
			return x, true
		}
	}
	// "Friday afternoon", "tomorrow morning"
	if pod, ok := partOfDay(p, k+1); ok && c.typ == Date {
		c.typ, c.value, c.end, c.next = Time, c.c.value()+"T"+pod, p.toks[k+1].End, k+2
	}
	return c, true
}

// lastDayAlone reports whether "the last day" / «آخر يوم» ends at token
// k: not "the last day of the talks", «آخر يوم من الشهر», «آخر يوم عمل».
func (p *parser) lastDayAlone(k int) bool {
	t := p.tok(k)
	return t == nil || t.Kind == token.Punct || t.Break
}

var partsOfDay = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
	"صباحا": "MO", "صباح": "MO", "مساء": "EV", "ليلا": "NI", "ظهرا": "AF",
}

func partOfDay(p *parser, i int) (string, bool) {
	v, _, ok := lookup(p, i, partsOfDay)
	return v, ok
}

// storyGoesOn reports whether "the next year" (or month) at token k counts
// from the date the story just wrote: one of another year than the DCT's,
// in this sentence or the one before, precise enough for the unit, in a
// report of the past.
func (p *parser) storyGoesOn(k int, u unit) bool {
	if p.story.g == gNone || p.story.y == p.dct.y || k >= len(p.sent) || p.sent[k]-p.storySent > 1 {
		return false
	}
	if u == uMonth && p.story.g != gMonth && p.story.g != gDay {
		return false
	}
	return p.tense(k) < 0
}

// rRelUnit: "this week", "last month", "next year", «الأسبوع الماضي»,
// «العام المقبل», «هذا الشهر», "the past two years" (a duration).
func rRelUnit(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	mod, start, k := p.modPrefix(i)
	t := p.tok(k)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	if mod == "" {
		start = t.Start
	}
	var u unit
	dir := 0
	var n int
	if !t.Arabic {
		j := k
		the := false
		if p.is(j, "the") {
			the = true
			j++
		}
		d, ok := enDirBefore[normOf(p.tok(j))]
		if !ok {
			return cand{}, false
		}
		j++
		if p.is(j, "fiscal") && p.is(j+1, "year") {
			j++ // "this fiscal year"
		}
		// "the past two years": a duration
		if the || d != 0 {
			if num, nn, ok := p.number(j); ok {
				if uw, ok := units[normOf(p.tok(nn))]; ok && num > 0 {
					return cand{start: start, end: p.toks[nn].End, next: nn + 1, typ: Duration, value: durValue(uw.u, num)}, true
				}
			}
			if p.is(j, "few", "several") {
				if uw, ok := units[normOf(p.tok(j+1))]; ok {
					return cand{start: start, end: p.toks[j+1].End, next: j + 2, typ: Duration, value: durValue(uw.u, -1)}, true
				}
			}
		}
		uw, ok := units[normOf(p.tok(j))]
		if !ok || uw.plural != 0 {
			if se, ok := seasons[normOf(p.tok(j))]; ok {
				return seasonCand(p, start, j+1, se, d, mod), true
			}
			return cand{}, false
		}
		if the && (uw.u == uDecade || uw.u == uCentury) {
			return cand{start: start, end: p.toks[j].End, next: j + 1, typ: Duration, value: durValue(uw.u, 1)}, true
		}
		if the && d > 0 && (uw.u == uYear || uw.u == uMonth) && p.storyGoesOn(k, uw.u) {
			// "abducted in August 2016. The next year, the Taliban released
			// videos": the year after the one the story is in, not the DCT's
			c := p.story.add(uw.u, 1).at(uw.u)
			return cand{start: start, end: p.toks[j].End, next: j + 1, typ: Date, c: c, anaphoric: true, mod: mod}, true
		}
		if the && d < 0 && p.toks[j-1].Norm == "previous" && uw.u != uDay {
			// "shelved on September 30. He had resigned the previous
			// week": the week before the date just told, not the DCT's
			c := p.ref.add(uw.u, -1).at(uw.u)
			return cand{start: start, end: p.toks[j].End, next: j + 1, typ: Date, c: c, anaphoric: true, mod: mod}, true
		}
		if the && d > 0 && p.toks[j-1].Norm == "following" {
			// "the following week": anaphoric
			c := p.ref.add(uw.u, 1).at(uw.u)
			return cand{start: start, end: p.toks[j].End, next: j + 1, typ: Date, c: c, anaphoric: true, mod: mod}, true
		}
		u, dir, n = uw.u, d, j+1
		if p.is(k, "the") && uw.u == uDay && !(d < 0 && p.lastDayAlone(j+1)) {
			return cand{}, false
		}
	} else {
		j := k
		hasThis := false
		if p.is(j, "هذا", "هذه") {
			hasThis = true
			j++
		}
		uu, _, ok := lookup(p, j, defUnits)
		if !ok || uu == uDay {
			return cand{}, false
		}
		u = uu
		n = j + 1
		if d, _, ok := arDirAfterAt(p, n); ok {
			dir = d
			n++
			if p.is(n, "بعد") && p.is(n+1, "القادم", "المقبل", "التالي") {
				dir = 2
				n += 2
			}
		} else if p.is(n, "بعد") && p.is(n+1, "القادم", "المقبل", "التالي") {
			dir = 2
			n += 2
		} else if p.is(n, "الحالي", "الحاليه", "الجاري") {
			n++
		} else if !hasThis {
			if mod == "" {
				return cand{}, false
			}
		}
		if hasThis && mod == "" {
			start = p.toks[k].Start
		}
	}
	c := p.dct.add(u, dir).at(u)
	if t.Arabic && dir == -1 && u == uWeek && p.is(n-1, "السابق") {
		// «استقال في الأسبوع السابق»: the week before the date just told
		c = p.ref.add(u, -1).at(u)
		return cand{start: start, end: p.end(n), next: n, typ: Date, c: c, mod: mod, anaphoric: true}, true
	}
	if t.Arabic && dir == 1 && (u == uYear || u == uMonth) && p.is(n-1, "التالي", "التاليه") && p.storyGoesOn(k, u) {
		// «اختطف في أغسطس 2016. وفي العام التالي نشرت…»: the year after
		// the story's, as "the next year"
		c = p.story.add(u, 1).at(u)
		return cand{start: start, end: p.end(n), next: n, typ: Date, c: c, mod: mod, anaphoric: true}, true
	}
	// «20 من الشهر القادم» is handled by rDayOfRel
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: c, mod: mod, weekend: u == uWeekend}, true
}

func durValue(u unit, n int) string {
	num := "X"
	if n >= 0 {
		num = strconv.Itoa(n)
	}
	switch u {
	case uSecond:
		return "PT" + num + "S"
	case uMinute:
		return "PT" + num + "M"
	case uHour:
		return "PT" + num + "H"
	case uDay:
		return "P" + num + "D"
	case uWeek, uWeekend:
		return "P" + num + "W"
	case uMonth:
		return "P" + num + "M"
	case uQuarter:
		if n >= 0 {
			return "P" + strconv.Itoa(3*n) + "M"
		}
		return "PXM"
	case uYear:
		return "P" + num + "Y"
	case uDecade:
		if n >= 0 {
			return "P" + strconv.Itoa(10*n) + "Y"
		}
		return "PXDE"
	case uCentury:
		if n >= 0 {
			return "P" + strconv.Itoa(100*n) + "Y"
		}
		return "PXCE"
	}
	return ""
}

// amount reads "three", "3", "a", «ثلاثة», and Arabic duals folded into
// the unit word; it returns the count and the unit.
func (p *parser) amount(i int) (n int, u unit, next int, ok bool) {
	t := p.tok(i)
	if t == nil {
		return 0, 0, i, false
	}
	if t.Kind == token.Word {
		if uw, _, ok := token.FormOf(t, units); ok && uw.plural == 2 {
			return 2, uw.u, i + 1, true
		}
		if (t.Norm == "a" || t.Norm == "an" || t.Norm == "one") && !t.Arabic {
			j := i + 1
			if p.is(j, "few", "couple") {
				m := -1
				if p.is(j, "couple") {
					m = 2
				}
				j = p.skip(j+1, "of")
				if uw, ok := units[normOf(p.tok(j))]; ok {
					return m, uw.u, j + 1, true
				}
				return 0, 0, i, false
			}
			if uw, ok := units[normOf(p.tok(j))]; ok && uw.plural == 0 {
				return 1, uw.u, j + 1, true
			}
			return 0, 0, i, false
		}
		if p.is(i, "several", "few", "many", "بضعه", "بضع", "عده") {
			if uw, _, ok := lookup(p, i+1, units); ok && uw.plural == 1 {
				return -1, uw.u, i + 2, true
			}
			return 0, 0, i, false
		}
	}
	num, j, ok := p.number(i)
	if !ok {
		return 0, 0, i, false
	}
	if p.punct(j, "-") && !p.toks[j].Space {
		j++
	}
	if uw, _, ok := lookup(p, j, units); ok {
		if t.Kind == token.Number && t.Digits == 4 && uw.u >= uYear {
			return 0, 0, i, false
		}
		return num, uw.u, j + 1, true
	}
	return 0, 0, i, false
}

// rAgo: "four years ago", «قبل ثلاثة أيام», «منذ شهرين».
func rAgo(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || t.Kind == token.Punct {
		return cand{}, false
	}
	if p.is(i, "قبل", "منذ") {
		n, u, next, ok := p.amount(i + 1)
		if !ok {
			// «قبل شهر», «منذ أسبوع»: one unit
			if uw, _, ok2 := lookup(p, i+1, units); ok2 && uw.plural == 0 && p.toks[i+1].Arabic {
				n, u, next, ok = 1, uw.u, i+2, true
			}
		}
		if !ok || u < uDay {
			return cand{}, false
		}
		if n < 0 {
			n = 3
		}
		c := cand{start: t.Start, end: p.end(next), next: next, typ: Date, c: p.dct.add(u, -n).at(agoGran(u))}
		if p.is(next, "من") && p.is(next+1, "الان") {
			c.end, c.next = p.toks[next+1].End, next+2
		} else if p.is(i, "منذ") && !p.arPastVerbNear(i, next) {
			// «يقوده منذ ثلاثين عاما», «منذ عشر سنوات ونحن نعاني»: a span
			// reaching our time, not a date (only a past verb makes it
			// "ago": «غادر البلاد منذ ثلاثين عاما»)
			c.typ, c.value, c.noRef = Duration, durValue(u, n), true
		}
		return c, true
	}
	start := t.Start
	k := i
	mod := ""
	if p.is(i, "about", "some", "nearly", "almost") {
		mod = "APPROX"
		k++
	}
	n, u, next, ok := p.amount(k)
	if !ok || !p.is(next, "ago") || u < uDay {
		return cand{}, false
	}
	if n < 0 {
		n = 3
	}
	return cand{start: start, end: p.toks[next].End, next: next + 1, typ: Date, c: p.dct.add(u, -n).at(agoGran(u)), mod: mod}, true
}

// arPastVerbNear reports whether a verb in the past stands near «منذ» at
// token i (its amount ending before token next): up to six words before it
// in its clause, or three after the amount («منذ شهرين أعلنت الوزارة…»).
func (p *parser) arPastVerbNear(i, next int) bool {
	past := func(k int) bool {
		t := &p.toks[k]
		if !t.Arabic || t.Kind != token.Word || t.Norm == "منذ" || arNotNewsVerbs[t.Norm] && t.Norm != "كان" && t.Norm != "كانت" {
			return false
		}
		return arPast[t.Norm] || arPerfectFeminine(t) || len(t.Forms) > 1 && arPast[t.Forms[1].Text]
	}
	for k, n := i-1, 0; k >= 0 && n < 6 && p.sent[k] == p.sent[i] && p.toks[k].Kind != token.Punct; k-- {
		if p.toks[k].Kind == token.Word {
			n++
			if past(k) {
				return true
			}
		}
	}
	for k, n := next, 0; k < len(p.toks) && n < 3 && p.sent[k] == p.sent[i] && p.toks[k].Kind != token.Punct; k++ {
		if p.toks[k].Kind == token.Word {
			n++
			if past(k) {
				return true
			}
		}
	}
	return false
}

func agoGran(u unit) unit {
	if u == uDecade || u == uCentury {
		return uYear
	}
	return u
}

// rLater: "two days later" (anaphoric), «بعد يومين», «بعد أسبوعين من الآن»,
// "three weeks from now".
func rLater(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || t.Kind == token.Punct {
		return cand{}, false
	}
	if p.is(i, "بعد") {
		n, u, next, ok := p.amount(i + 1)
		if !ok || u < uDay || n < 0 {
			return cand{}, false
		}
		if p.is(next, "من") && p.is(next+1, "الان") {
			return cand{start: t.Start, end: p.toks[next+1].End, next: next + 2, typ: Date, c: p.dct.add(u, n).at(u)}, true
		}
		c := p.ref.add(u, n).at(u)
		if c.time().After(p.dct.time()) && p.tense(i) < 0 {
			// «وصلت العدوى الخرطوم بعد سبع سنوات»: a past happening after
			// a span from some other happening, not a later date
			return cand{start: t.Start, end: p.end(next), next: next, typ: Duration, value: durValue(u, n), noRef: true}, true
		}
		return cand{start: t.Start, end: p.end(next), next: next, typ: Date, c: c, anaphoric: true}, true
	}
	if p.is(i, "in") && !t.Arabic {
		// "the teams meet again in three days", "will leave in 2 weeks":
		// from publication, in a clause that looks ahead ("the highest in
		// ten years" is a span; TimeML reads "in five years" as one too)
		if n, u, next, ok := p.amount(i + 1); ok && (u == uDay || u == uWeek) && n > 0 && !p.is(next, "ago", "later", "earlier", "from") && p.tense(i) > 0 {
			return cand{start: t.Start, end: p.end(next), next: next, typ: Date, c: p.dct.add(u, n).at(u)}, true
		}
		return cand{}, false
	}
	n, u, next, ok := p.amount(i)
	if !ok || u < uDay || n < 0 {
		return cand{}, false
	}
	switch {
	case p.is(next, "later", "afterwards"):
		return cand{start: t.Start, end: p.toks[next].End, next: next + 1, typ: Date, c: p.ref.add(u, n).at(u), anaphoric: true}, true
	case p.is(next, "earlier", "before") && !p.is(next+1, "the"):
		return cand{start: t.Start, end: p.toks[next].End, next: next + 1, typ: Date, c: p.ref.add(u, -n).at(u), anaphoric: true}, true
	case p.is(next, "from") && p.is(next+1, "now"):
		return cand{start: t.Start, end: p.toks[next+1].End, next: next + 2, typ: Date, c: p.dct.add(u, n).at(u)}, true
	case p.is(next, "من") && p.is(next+1, "الان"):
		return cand{start: t.Start, end: p.toks[next+1].End, next: next + 2, typ: Date, c: p.dct.add(u, -n).at(u)}, true
	}
	return cand{}, false
}

// rAnaphoricDay: "the next day", "a day later", "the same day", «اليوم
// التالي», «في اليوم نفسه», «لليوم التالي».
func rAnaphoricDay(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	if t.Arabic {
		k := i
		start := 0
		if p.is(k, "نفس") && p.is(k+1, "اليوم") {
			return cand{start: t.Start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: p.ref, anaphoric: true}, true
		}
		if p.is(k, "ذلك") && p.is(k+1, "اليوم") {
			return cand{start: t.Start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: p.ref, anaphoric: true}, true
		}
		var ok bool
		for _, f := range t.Forms {
			if f.Text == "اليوم" || f.Text == "يوم" {
				ok, start = true, f.Start
				break
			}
		}
		if !ok {
			return cand{}, false
		}
		nt := p.tok(k + 1)
		if nt == nil || !nt.Arabic {
			return cand{}, false
		}
		switch nt.Norm {
		case "التالي", "الاتي", "الموالي", "اللاحق":
			return cand{start: start, end: nt.End, next: k + 2, typ: Date, c: p.ref.add(uDay, 1), anaphoric: true}, true
		case "السابق":
			return cand{start: start, end: nt.End, next: k + 2, typ: Date, c: p.ref.add(uDay, -1), anaphoric: true}, true
		case "نفسه", "ذاته":
			return cand{start: start, end: nt.End, next: k + 2, typ: Date, c: p.ref, anaphoric: true}, true
		case "الماضي", "الاخير":
			return cand{start: start, end: nt.End, next: k + 2, typ: Date, c: p.dct.add(uDay, -1)}, true
		}
		return cand{}, false
	}
	k := i
	if p.is(k, "the", "that", "a", "one") {
		k++
	}
	switch {
	case p.is(k, "next", "following") && p.is(k+1, "day", "morning"):
		c := cand{start: t.Start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: p.ref.add(uDay, 1), anaphoric: true}
		if p.is(k+1, "morning") {
			c.typ, c.value = Time, c.c.value()+"TMO"
		}
		return c, true
	case p.is(k, "previous") && p.is(k+1, "day"):
		return cand{start: t.Start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: p.ref.add(uDay, -1), anaphoric: true}, true
	case p.is(k, "same") && p.is(k+1, "day") && p.is(i, "the"):
		return cand{start: t.Start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: p.ref, anaphoric: true}, true
	case p.is(i, "that") && p.is(k, "day"):
		return cand{start: t.Start, end: p.toks[k].End, next: k + 1, typ: Date, c: p.ref, anaphoric: true}, true
	case p.is(i, "the") && p.is(k, "day") && p.is(k+1, "before", "after") && !p.is(k+2, "yesterday", "tomorrow"):
		n := 1
		if p.is(k+1, "before") {
			n = -1
		}
		return cand{start: t.Start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: p.ref.add(uDay, n), anaphoric: true}, true
	}
	return cand{}, false
}

// rWeekday: "Friday", "last Monday", «يوم الأحد الماضي», «الجمعة المقبلة»,
// «الأسبوع المقبل يوم الجمعة», «الجمعة 15».
func rWeekday(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	start := t.Start
	k := i
	dir, hasDir := 0, false
	weekShift, hasWeek := 0, false
	if !t.Arabic {
		if d, ok := enDirBefore[t.Norm]; (ok || t.Norm == "this") && p.is(i+1, "week") {
			// "next week Sunday", "this week on Friday"
			weekShift, hasWeek, k = d, true, p.skip(i+2, "on")
		} else if d, ok := enDirBefore[t.Norm]; ok && d != 0 || t.Norm == "this" {
			dir, hasDir = d, true
			k++
		}
	} else {
		// «الأسبوع المقبل يوم الجمعة», «هذا الأسبوع الجمعة»
		j := p.skip(k, "هذا")
		if u, _, ok := lookup(p, j, defUnits); ok && u == uWeek {
			if d, _, ok := arDirAfterAt(p, j+1); ok {
				weekShift, hasWeek, k = d, true, j+2
			} else if j > k {
				hasWeek, k = true, j+1
			}
			k = p.skip(k, "يوم")
		}
		if !hasWeek && p.is(k, "هذا") {
			k++
			hasDir = true
		}
	}
	yawm := false
	if p.is(k, "يوم") {
		yawm = true
		k++
	}
	wd, ws, ok := lookup(p, k, weekdays)
	if !ok {
		return cand{}, false
	}
	wt := p.toks[k]
	if weakForm(&wt, ws) && !yawm || !wt.Arabic && !wt.Upper && len(wt.Norm) < 4 {
		return cand{}, false
	}
	if k == i || (yawm && k == i+1 && !hasDir && !hasWeek) {
		start = ws
	}
	n := k + 1
	if !wt.Arabic && len(wt.Norm) <= 4 && p.abbrevDot(n) {
		n++
	}
	// "the following Monday", «الاثنين التالي»: the first such day after
	// the date the text was telling, not after the publication date
	if p.is(k-1, "following") && !wt.Arabic || wt.Arabic && p.is(n, "التالي", "التاليه") {
		s0 := start
		if !wt.Arabic {
			s0 = p.toks[k-1].Start
			if p.is(k-2, "the") {
				s0 = p.toks[k-2].Start
			}
		} else {
			n++
		}
		fwd := (wd - isoWeekday(p.ref) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		return cand{start: s0, end: p.end(n), next: n, typ: Date, c: p.ref.add(uDay, fwd), anaphoric: true}, true
	}
	if !hasWeek && !hasDir && !wt.Arabic {
		// "Friday next week", "Tuesday of next week", "Friday of this week"
		j := p.skip(n, "of")
		if d, ok := enDirBefore[normOf(p.tok(j))]; (ok || p.is(j, "this")) && p.is(j+1, "week") {
			weekShift, hasWeek, n = d, true, j+2
		}
	}
	if !hasWeek && !hasDir {
		// «الجمعة من الأسبوع المقبل», «الجمعة الأسبوع المقبل», «الأحد القادم»
		j := p.skip(n, "من")
		if u, _, ok := lookup(p, j, defUnits); ok && u == uWeek {
			if d, _, ok := arDirAfterAt(p, j+1); ok {
				weekShift, hasWeek, n = d, true, j+2
			}
		} else if p.is(j, "هذا") && p.is(j+1, "الاسبوع") {
			hasWeek, n = true, j+2
		} else if d, _, ok := arDirAfterAt(p, n); ok {
			dir, hasDir = d, true
			n++
		}
	}
	var c cal
	switch {
	case hasWeek:
		mon := p.dct.add(uDay, -(isoWeekday(p.dct) - 1))
		c = mon.add(uWeek, weekShift).add(uDay, wd-1)
	case hasDir && dir < 0:
		back := (isoWeekday(p.dct) - wd + 7) % 7
		if back == 0 {
			back = 7
		}
		c = p.dct.add(uDay, -back)
	case hasDir && dir > 0:
		fwd := (wd - isoWeekday(p.dct) + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		if t.Arabic || true {
			// «الأحد القادم» / "next Sunday": the one of next week
			mon := p.dct.add(uDay, -(isoWeekday(p.dct) - 1))
			c = mon.add(uWeek, 1).add(uDay, wd-1)
		}
	case hasDir:
		mon := p.dct.add(uDay, -(isoWeekday(p.dct) - 1))
		c = mon.add(uDay, wd-1)
	default:
		c = p.weekday(wd, i)
		// «الأحد الثاني», "second sunday": the n-th such weekday of the
		// DCT's month; an ordinal past the fifth is no such day and is
		// left out («الأحد السادس»)
		if o, nn, ok := p.ordinal(n); ok && wt.Arabic && p.tok(n).Arabic && p.tok(n).Kind == token.Word {
			if o > 5 || o < 1 {
				break
			}
			if nth, ok := p.nthWeekdayOf(p.dct.y, p.dct.m, wd, o); ok {
				c = nth
			}
			n = nn
			break
		}
		// «الجمعة 15», «الخميس في 21»: weekday then day of month
		j := p.skip(n, "في", "the")
		if d, nn, ok := p.dayAt(j); ok && p.tok(j).Digits <= 2 {
			if _, _, _, _, isMonth := p.monthAt(nn); !isMonth {
				if dc, ok := p.dayCal(p.dct.y, p.dct.m, d); ok {
					c, n = dc, nn
				}
			}
		}
	}
	out := cand{start: start, end: p.end(n), next: n, typ: Date, c: c}
	if pod, ok := partOfDay(p, n); ok {
		out.typ, out.value, out.end, out.next = Time, c.value()+"T"+pod, p.toks[n].End, n+1
	}
	return out, true
}

// nthWeekdayOf is the n-th weekday wd (1 = Monday) of month m of year y.
func (p *parser) nthWeekdayOf(y, m, wd, n int) (cal, bool) {
	first := cal{y: y, m: m, d: 1, g: gDay}
	d := first.add(uDay, (wd-isoWeekday(first)+7)%7+7*(n-1))
	if d.m != m {
		return cal{}, false
	}
	return d, true
}

func isoWeekday(c cal) int {
	w := int(c.time().Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// rDuration: "three months", «ثلاثة أشهر», «عامين», "a decade", "90 days",
// "several days", "recent weeks".
func rDuration(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind == token.Punct {
		return cand{}, false
	}
	start := t.Start
	k := i
	mod := ""
	if p.is(k, "about", "nearly", "almost", "some", "over", "more", "less", "حوالي", "نحو", "قرابه") {
		switch t.Norm {
		case "almost", "nearly", "less":
			mod = "LESS_THAN"
		case "over", "more":
			mod = "MORE_THAN"
		default:
			mod = "APPROX"
		}
		k++
		if p.is(k, "than") {
			k++
		}
	}
	if p.is(k, "recent") {
		if uw, ok := units[normOf(p.tok(k+1))]; ok && uw.plural == 1 {
			return cand{start: start, end: p.toks[k+1].End, next: k + 2, typ: Duration, value: durValue(uw.u, -1)}, true
		}
	}
	n, u, next, ok := p.amount(k)
	if !ok {
		if k == i && (t.Norm == "years" || t.Norm == "months" || t.Norm == "weeks" || t.Norm == "decades") && p.is(i-1, "for", "in") {
			uw := units[t.Norm]
			return cand{start: start, end: t.End, next: i + 1, typ: Duration, value: durValue(uw.u, -1)}, true
		}
		return cand{}, false
	}
	if k == i && mod == "" {
		if nt := p.tok(k); nt != nil && nt.Kind == token.Word {
			start = nt.Start
			if _, s, ok := token.FormOf(nt, units); ok {
				start = s
			}
		}
	}
	if p.is(next, "ago", "later", "earlier") {
		return cand{}, false
	}
	if p.is(next, "'") {
		next++
	}
	return cand{start: start, end: p.end(next), next: next, typ: Duration, value: durValue(u, n), mod: mod, noRef: true}, true
}

// rPresent: now, currently, «الآن», «حاليا», "the past", "the future".
func rPresent(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	if _, s, ok := lookup(p, i, presentRef); ok {
		if t.Norm == "now" && p.is(i-1, "from", "until", "till") {
			return cand{}, false
		}
		if p.is(i-1, "من") && t.Has("الان") {
			return cand{}, false
		}
		return cand{start: s, end: t.End, next: i + 1, typ: Date, value: "PRESENT_REF"}, true
	}
	if p.is(i, "the") && p.is(i-1, "in") && p.is(i+1, "past", "future") && !p.is(i+2, "few", "several") {
		if _, ok := units[normOf(p.tok(i+2))]; ok {
			return cand{}, false
		}
		if p.tok(i+2) != nil && p.toks[i+2].Kind == token.Number {
			return cand{}, false
		}
		v := "PAST_REF"
		if p.is(i+1, "future") {
			v = "FUTURE_REF"
		}
		return cand{start: t.Start, end: p.toks[i+1].End, next: i + 2, typ: Date, value: v}, true
	}
	if p.is(i, "في") && p.is(i+1, "الوقت") && p.is(i+2, "الحالي", "الراهن", "الحاضر") {
		return cand{start: p.toks[i+1].Start, end: p.toks[i+2].End, next: i + 3, typ: Date, value: "PRESENT_REF"}, true
	}
	return cand{}, false
}

// rDecade: "the 1990s", "the '90s", "the nineties", «التسعينيات», «تسعينيات القرن الماضي».
func rDecade(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil {
		return cand{}, false
	}
	start := t.Start
	k := i
	// "the mid-1950s", "the late 1980s"
	mod, ms, mk := p.modPrefix(i)
	if mod != "" {
		start, k = ms, mk
	} else if p.is(k, "the") {
		k++
	}
	if a := p.tok(k); a != nil && a.Kind == token.Number && (a.Digits == 4 && a.Num%10 == 0) {
		if s := p.tok(k + 1); s != nil && !s.Space && s.Norm == "s" {
			c := cal{y: a.Num, g: gDecade}
			return cand{start: start, end: s.End, next: k + 2, typ: Date, c: c, mod: mod}, true
		}
		// "the 1970's"
		if p.punct(k+1, "'", "’") && !p.toks[k+1].Space {
			if s := p.tok(k + 2); s != nil && !s.Space && s.Norm == "s" {
				return cand{start: start, end: s.End, next: k + 3, typ: Date, c: cal{y: a.Num, g: gDecade}}, true
			}
		}
	}
	if p.punct(k, "'", "’") {
		if a := p.tok(k + 1); a != nil && a.Kind == token.Number && a.Digits == 2 && a.Num%10 == 0 {
			if s := p.tok(k + 2); s != nil && !s.Space && s.Norm == "s" {
				return cand{start: start, end: s.End, next: k + 3, typ: Date, c: cal{y: 1900 + a.Num, g: gDecade}}, true
			}
		}
	}
	d, s, ok := lookup(p, k, arDecades)
	if !ok {
		return cand{}, false
	}
	if k == i {
		start = s
	}
	if !p.toks[k].Arabic && k == i {
		return cand{}, false
	}
	n := k + 1
	century := -1
	if p.is(n, "من") && p.is(n+1, "القرن") {
		n++
	}
	if p.is(n, "القرن") {
		if p.is(n+1, "الماضي") {
			century = p.dct.y/100 - 1
			n += 2
		} else if o, nn, ok := p.ordinal(n + 1); ok && o > 0 {
			century, n = o-1, nn
		}
	}
	if d == 10 && p.is(n, "والعشرات", "والعشرينات") {
		d, n = 11, n+1 // «الألفين والعشرات»: the 2010s
	}
	y := 1900 + d*10
	if century >= 0 {
		y = century*100 + d*10
	} else if p.hasDCT && 2000+d*10 <= p.dct.y {
		y = 2000 + d*10
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: cal{y: y, g: gDecade}}, true
}

// rCentury: "the 20th century", «القرن العشرين», «القرن الحادي والعشرين».
func rCentury(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind == token.Punct {
		return cand{}, false
	}
	start := t.Start
	k := i
	if p.is(k, "the") {
		k++
	}
	if !t.Arabic {
		o, n, ok := p.ordinal(k)
		if !ok || o < 1 || !p.is(n, "century") {
			return cand{}, false
		}
		return cand{start: start, end: p.toks[n].End, next: n + 1, typ: Date, c: cal{y: (o - 1) * 100, g: gCentury}}, true
	}
	if !p.is(k, "القرن") {
		return cand{}, false
	}
	for _, f := range t.Forms {
		if f.Text == "القرن" {
			start = f.Start
		}
	}
	if p.is(k+1, "الماضي") && p.hasDCT {
		return cand{start: start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: cal{y: (p.dct.y/100 - 1) * 100, g: gCentury}}, true
	}
	if p.is(k+1, "الحالي") && p.hasDCT {
		return cand{start: start, end: p.toks[k+1].End, next: k + 2, typ: Date, c: cal{y: p.dct.y / 100 * 100, g: gCentury}}, true
	}
	o, n, ok := p.ordinal(k + 1)
	if !ok || o < 1 {
		return cand{}, false
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: cal{y: (o - 1) * 100, g: gCentury}}, true
}

func seasonCand(p *parser, start, n int, se string, dir int, mod string) cand {
	y := p.dct.y
	cur := seasonOf(p.dct.m)
	order := map[string]int{"WI": 0, "SP": 1, "SU": 2, "FA": 3}
	switch {
	case dir < 0:
		if order[se] >= order[cur] {
			y--
		}
	case dir > 0:
		if order[se] <= order[cur] {
			y++
		}
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: cal{y: y, s: se, g: gSeason}, mod: mod}
}

func seasonOf(m int) string {
	switch {
	case m <= 2 || m == 12:
		return "WI"
	case m <= 5:
		return "SP"
	case m <= 8:
		return "SU"
	}
	return "FA"
}

// rSeason: "last summer", "summer 2016", «هذا الصيف», «الربيع القادم», «صيف 2016».
func rSeason(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	mod, start, k := p.modPrefix(i)
	t := p.tok(k)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	if mod == "" {
		start = t.Start
	}
	hasThis := false
	if p.is(k, "this", "هذا") {
		hasThis = true
		k++
	} else if mod == "" && p.is(k, "the") {
		k++
	}
	se, s, ok := lookup(p, k, seasons)
	if !ok {
		return cand{}, false
	}
	if !hasThis && mod == "" {
		start = s
	}
	n := k + 1
	j := p.skip(n, "of", "من")
	j = p.skip(j, "عام", "سنه")
	if y, nn, ok := p.yearAt(j); ok {
		return cand{start: start, end: p.end(nn), next: nn, typ: Date, c: cal{y: y, s: se, g: gSeason}, mod: mod}, true
	}
	if d, _, ok := arDirAfterAt(p, n); ok {
		return seasonCand(p, start, n+1, se, d, mod), true
	}
	if !hasThis && mod == "" {
		// a bare season ending its clause («سأرحل الصيف», "leave in the
		// summer") names no year: its value is the season alone, which
		// places no event
		nt := p.tok(n)
		if nt != nil && nt.Kind == token.Word && !p.is(n, "and", "و", "when", "عندما") || p.tok(k).Upper && nt != nil && nt.Upper {
			return cand{}, false
		}
		if p.is(i, "the") && !p.toks[k].Arabic {
			start = p.toks[i].Start
		}
		return cand{start: start, end: p.end(n), next: n, typ: Date, value: se, noRef: true}, true
	}
	return seasonCand(p, start, n, se, 0, mod), true
}

// quarterCode reads "Q3" (3) or "H1" (5: halves come after the quarters),
// written as one word or split by the tokenizer into letter and figure.
func (p *parser) quarterCode(i int) (int, int, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word || t.Arabic || !t.Upper && !p.is(i-1, "during", "in") {
		return 0, i, false
	}
	if t.Norm != "q" && t.Norm != "h" {
		return 0, i, false
	}
	d := p.tok(i + 1)
	if d == nil || d.Space || d.Kind != token.Number || d.Digits != 1 {
		return 0, i, false
	}
	if t.Norm == "q" && d.Num >= 1 && d.Num <= 4 {
		return d.Num, i + 2, true
	}
	if t.Norm == "h" && (d.Num == 1 || d.Num == 2) {
		return 4 + d.Num, i + 2, true
	}
	return 0, i, false
}

// rYearQuarter: "2016 Q3", "2016 H2", "2016H2", "2016 the third quarter".
func rYearQuarter(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Number || t.Digits != 4 {
		return cand{}, false
	}
	y, n, ok := p.yearAt(i)
	if !ok {
		return cand{}, false
	}
	if h, nn, ok := p.quarterCode(n); ok {
		if h > 4 {
			return cand{start: t.Start, end: p.end(nn), next: nn, typ: Date, value: fmt.Sprintf("%04d-H%d", y, h-4)}, true
		}
		return cand{start: t.Start, end: p.end(nn), next: nn, typ: Date, c: cal{y: y, q: h, g: gQuarter}}, true
	}
	// "2016 November", "2016, nov", "2016 - 11", "2016/ 11": a year then its month
	j := p.skipPunct(n, ",", "-", "/")
	if m, _, mn, weak, ok := p.monthAt(j); ok && !weak {
		if _, _, ok := p.dayAt(mn); !ok {
			return cand{start: t.Start, end: p.end(mn), next: mn, typ: Date, c: cal{y: y, m: m, g: gMonth}}, true
		}
	}
	if j > n && p.punct(n, "-", "/") {
		if mt := p.tok(j); mt != nil && mt.Kind == token.Number && mt.Digits <= 2 && mt.Num >= 1 && mt.Num <= 12 {
			// not a range of years ("2010-11" season) nor a full date
			if !(p.punct(n, "-") && mt.Num == (y+1)%100) && !p.punct(j+1, "-", "/", ".") {
				return cand{start: t.Start, end: mt.End, next: j + 1, typ: Date, c: cal{y: y, m: mt.Num, g: gMonth}}, true
			}
		}
	}
	k := p.skip(n, "the")
	if o, nn, ok := p.ordinal(k); ok && o >= 1 && o <= 4 && p.is(nn, "quarter") && k > n {
		return cand{start: t.Start, end: p.toks[nn].End, next: nn + 1, typ: Date, c: cal{y: y, q: o, g: gQuarter}}, true
	}
	return cand{}, false
}

// rQuarter: "the first quarter (of 2013)", "Q3 2016", «الربع الثالث من عام 2016».
func rQuarter(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	start := t.Start
	k := i
	if p.is(k, "the") {
		k++
	}
	var q, n int
	if h, nn, ok := p.quarterCode(k); ok {
		// "Q3 2016", "H1 2016", "during Q2"
		q, n = h, nn
		if q > 4 {
			j := p.skipPunct(n, ",")
			y, yn, ok := p.yearAt(j)
			if !ok {
				return cand{}, false
			}
			return cand{start: start, end: p.end(yn), next: yn, typ: Date, value: fmt.Sprintf("%04d-H%d", y, q-4)}, true
		}
	} else if o, nn, ok := p.ordinal(k); ok && o >= 1 && o <= 4 && !t.Arabic {
		nn = p.skipPunct(nn, "-")
		if !p.is(nn, "quarter") {
			return cand{}, false
		}
		q, n = o, nn+1
	} else if p.is(k, "الربع") {
		o, nn, ok := p.ordinal(k + 1)
		if !ok || o < 1 || o > 4 {
			if o == -1 {
				o = 4
			} else {
				return cand{}, false
			}
		}
		q, n = o, nn
		for _, f := range p.toks[k].Forms {
			if f.Text == "الربع" {
				start = f.Start
			}
		}
	} else {
		return cand{}, false
	}
	j := p.skip(n, "of", "من")
	j = p.skip(j, "عام", "العام", "fiscal")
	if y, nn, ok := p.yearAt(j); ok {
		return cand{start: start, end: p.end(nn), next: nn, typ: Date, c: cal{y: y, q: q, g: gQuarter}}, true
	}
	if !p.hasDCT {
		return cand{}, false
	}
	y := p.dct.y
	if p.is(j, "this", "هذا") && p.is(j+1, "year", "العام") {
		n = j + 2
	} else if p.is(j, "last") && p.is(j+1, "year") || p.is(j, "العام") && p.is(j+1, "الماضي") {
		y--
		n = j + 2
	} else if p.is(j, "next") && p.is(j+1, "year") || p.is(j, "العام") && p.is(j+1, "المقبل", "القادم") {
		y++
		n = j + 2
	} else if !t.Arabic && p.gamePeriod(i) {
		// "a technical foul in the third quarter": a period of a game
		return cand{}, false
	} else if p.tense(i) <= 0 && q > (p.dct.m-1)/3+1 {
		y--
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: cal{y: y, q: q, g: gQuarter}}, true
}

// enGameWords tell a match report: its quarters and halves are periods of
// a game, not of the calendar.
var enGameWords = map[string]bool{
	"foul": true, "fouls": true, "fouled": true, "court": true, "scored": true, "touchdown": true, "touchdowns": true,
	"overtime": true, "halftime": true, "quarterback": true, "rebound": true, "rebounds": true, "dunk": true,
	"dunked": true, "buzzer": true, "timeout": true, "interception": true, "punt": true, "assists": true,
	"game": true, "innings": true, "referee": true, "penalty": true,
}

// gamePeriod reports whether the sentence of token i is a match report
// (a foul, a rebound, overtime): "the third quarter" there has no year.
func (p *parser) gamePeriod(i int) bool {
	lo, hi := p.sentenceAround(i)
	for k := lo; k <= hi; k++ {
		if t := &p.toks[k]; t.Kind == token.Word && !t.Arabic && enGameWords[t.Norm] {
			return true
		}
	}
	return false
}

var setAdverbs = map[string]string{"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "XXXX", "yearly": "P1Y",
	"يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}

// rSet: "every day", "annually", «سنويا», «كل عام».
func rSet(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	if v, s, ok := lookup(p, i, setAdverbs); ok {
		if t.Norm == "daily" || t.Norm == "weekly" || t.Norm == "monthly" {
			if nt := p.tok(i + 1); nt != nil && nt.Kind == token.Word && !nt.Arabic {
				return cand{}, false // "daily newspaper"
			}
		}
		return cand{start: s, end: t.End, next: i + 1, typ: Set, value: v}, true
	}
	if p.is(i, "every", "each", "كل") {
		j := i + 1
		if pod, ok := partOfDay(p, j); ok {
			return cand{start: t.Start, end: p.toks[j].End, next: j + 1, typ: Set, value: "XXXX-XX-XXT" + pod}, true
		}
		if uw, _, ok := lookup(p, j, units); ok && uw.plural == 0 {
			return cand{start: t.Start, end: p.toks[j].End, next: j + 1, typ: Set, value: durValue(uw.u, 1)}, true
		}
		if u, _, ok := lookup(p, j, defUnits); ok && t.Arabic {
			return cand{start: t.Start, end: p.toks[j].End, next: j + 1, typ: Set, value: durValue(u, 1)}, true
		}
		if p.is(j, "season") {
			return cand{start: t.Start, end: p.toks[j].End, next: j + 1, typ: Set, value: "XXXX"}, true
		}
	}
	return cand{}, false
}

// rClock: "8 PM", "10 a.m.", "15:00 GMT", «الساعة 3».
func rClock(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	a := p.tok(i)
	if a == nil || a.Kind != token.Number || a.Num > 24 || a.Digits > 2 {
		return cand{}, false
	}
	h, mnt := a.Num, 0
	n := i + 1
	if p.punct(n, ":") && p.tok(n+1) != nil && p.toks[n+1].Kind == token.Number && p.toks[n+1].Digits == 2 && !p.toks[n].Space {
		mnt = p.toks[n+1].Num
		n += 2
		if mnt > 59 {
			return cand{}, false
		}
	} else if !p.is(n, "pm", "am", "p", "a") {
		return cand{}, false
	}
	ampm := ""
	if p.is(n, "pm", "am") {
		ampm = p.toks[n].Norm
		n++
	} else if p.is(n, "p", "a") && p.punct(n+1, ".") && p.is(n+2, "m") {
		ampm = p.toks[n].Norm + "m"
		n += 3
		if p.punct(n, ".") {
			n++
		}
	} else if n == i+1 {
		return cand{}, false
	}
	if ampm == "pm" && h < 12 {
		h += 12
	}
	if ampm == "am" && h == 12 {
		h = 0
	}
	if p.is(n, "gmt", "utc", "et", "est", "edt", "bst") {
		n++
	}
	day := p.dct
	if _, _, ok := lookup(p, n, weekdays); ok {
		if c, ok := rWeekday(p, n); ok {
			day = c.c
			n = c.next
		}
	}
	v := day.value() + "T" + pad2(h)
	if mnt != 0 || ampm == "" {
		v += ":" + pad2(mnt)
	}
	return cand{start: a.Start, end: p.end(n), next: n, typ: Time, value: v}, true
}

func pad2(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 2 {
		return "0" + s
	}
	return s
}

// normSafe is the folded text of a possibly missing token.
func normOf(t *token.Token) string {
	if t == nil {
		return ""
	}
	return t.Norm
}

func hasForm(t *token.Token, set map[string]bool) bool {
	_, _, ok := token.FormOf(t, set)
	return ok
}

var _ = strings.HasPrefix

// weakForm reports whether the weekday form of t starting at start is one
// of the ambiguous ones («أحد» = one, «جمعة» = group).
func weakForm(t *token.Token, start int) bool {
	if weakWeekday[t.Norm] {
		return true
	}
	for _, f := range t.Forms[min(1, len(t.Forms)):] {
		if f.Start == start && weekdays[f.Text] > 0 {
			return weakWeekday[f.Text] || f.Text == "الاحد" || f.Text == "الجمعه" || f.Text == "السبت"
		}
	}
	return false
}
