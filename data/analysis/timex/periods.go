package timex

import (
	"fmt"
	"strings"
	"time"

	"annals/data/analysis/token"
)

// Arabic period rules: ranges («من 4 إلى 22 يناير 1995», «بين 2014
// و2018»), the rest of a unit («بقية الأسبوع»), weekends («عطلة نهاية
// الأسبوع»), the n-th week of a month or year («الأسبوع الثالث من يوليو»)
// and days of the month given alone («يوم 27», «في الحادي والعشرين»).

// bestAt returns the longest candidate of the single-expression rules at i.
// The answer depends on the tokens and on what emit last changed (the
// reference day, the story's date), so it is kept until the next emit: the
// main loop, then rRange, pairEquivalent and the anchors ask again at the
// same tokens, which ran every rule there two or three times (issue 19).
func (p *parser) bestAt(i int) (cand, bool) {
	e := &p.memo[i%len(p.memo)]
	if e.set && e.at == i && e.gen == p.gen {
		return e.best, e.best.next > i
	}
	var best cand
	kind := p.kindAt(i)
	for _, r := range rules {
		if r.kinds&kind == 0 {
			continue
		}
		if c, ok := r.try(p, i); ok && c.next > i && (best.next == 0 || c.end > best.end) {
			best = c
		}
	}
	*e = bestMemo{set: true, at: i, gen: p.gen, best: best}
	return best, best.next > i
}

// bestMemo is one remembered answer of bestAt: at token at, while the
// parser's emit count is gen.
type bestMemo struct {
	set  bool
	at   int
	gen  int
	best cand
}

// rangeTo are the words joining the two ends of a range.
var rangeTo = map[string]bool{"الي": true, "حتي": true, "لغايه": true, "ولغايه": true, "وحتي": true, "والي": true,
	"to": true, "till": true, "until": true, "through": true, "thru": true}

// bareDay reads a day of month not followed by a month («4» in «من 4 إلى
// 22 يناير»), in digits or as an ordinal («الأول»).
func (p *parser) bareDay(i int) (d, next int, ok bool) {
	t := p.tok(i)
	if t == nil {
		return 0, i, false
	}
	if t.Kind == token.Number {
		if t.Digits <= 2 && t.Num >= 1 && t.Num <= 31 {
			return t.Num, i + 1, true
		}
		return 0, i, false
	}
	if t.Arabic {
		if o, n, ok := p.arOrdinalDay(i); ok {
			return o, n, true
		}
	}
	return 0, i, false
}

// arOrdinalDay reads an Arabic day ordinal, masculine or feminine
// («الثاني والعشرين», «الثانية والعشرين», «للحادية والثلاثين»).
func (p *parser) arOrdinalDay(i int) (int, int, bool) {
	if o, n, ok := p.ordinal(i); ok && o >= 1 && o <= 31 {
		return o, n, true
	}
	t := p.tok(i)
	if t == nil || !t.Arabic {
		return 0, i, false
	}
	for _, f := range t.Forms {
		if !strings.HasSuffix(f.Text, "يه") {
			continue
		}
		if v, ok := arOrdinals[strings.TrimSuffix(f.Text, "ه")]; ok && v > 0 {
			k := i + 1
			if u := p.tok(k); u != nil && strings.HasPrefix(u.Norm, "و") {
				if tens, ok := arTens[strings.TrimPrefix(u.Norm, "و")]; ok {
					return v + tens, k + 1, true
				}
			}
			if p.isTeenTail(k) {
				return v + 10, k + 1, true
			}
			return v, k, true
		}
	}
	return 0, i, false
}

// monthContext reads what gives a bare day its month: «يناير 1995»,
// «سبتمبر», «هذا الشهر», «(من|في) الشهر المقبل».
func (p *parser) monthContext(i int) (y, m, next int, ok bool) {
	j := p.skip(i, "من", "في", "of", "in")
	if c, ok := rExplicit(p, j); ok && c.c.g == gMonth {
		return c.c.y, c.c.m, c.next, true
	}
	if mm, _, n, _, ok := p.monthAt(j); ok && p.hasDCT {
		return p.yearForMonth(mm, 0, i), mm, n, true
	}
	if c, ok := rRelUnit(p, j); ok && c.c.g == gMonth && c.mod == "" {
		return c.c.y, c.c.m, c.next, true
	}
	return 0, 0, i, false
}

// rRange: «من 4 إلى 22 يناير 1995», «بين 4 و 22 هذا الشهر», «4-22 يناير»,
// «من 2 أكتوبر إلى 22 أكتوبر», «من 2014 إلى 2018», «بين 2014-2018»,
// «اليوم حتى الغد». Value is the first bound, RangeEnd the last.
func rRange(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind == token.Punct {
		return cand{}, false
	}
	if c, ok := p.monthThenDays(i); ok {
		return c, true
	}
	english := t.Kind == token.Word && !t.Arabic || t.Kind == token.Number && !isArabicContext(p, i)
	start := t.Start
	k := i
	between := false
	switch {
	case p.is(i, "من", "from"):
		k = i + 1
	case p.is(i, "بين", "between"):
		k, between = i+1, true
		if _, s, ok := token.FormOf(t, map[string]bool{"بين": true}); ok {
			start = s
		}
	}
	if english && k == i && !p.dateHead(i) {
		// without "from"/"between", an English range starts on a date word
		// (this keeps "to", common as it is, from waking the rule up)
		return cand{}, false
	}
	if k >= len(p.toks) || !p.joinAhead(k, between) {
		return cand{}, false
	}
	// the right end starts after a joining word (or «و» after «بين», or a dash)
	joinAt := func(j int) (int, bool) {
		if p.punct(j, "-") {
			return j + 1, true
		}
		if p.is(j, "الي", "حتي", "لغايه", "وحتي", "والي", "to", "till", "until", "through", "thru") {
			return j + 1, true
		}
		if between && p.is(j, "و", "and") {
			return j + 1, true
		}
		return j, false
	}
	// a) bare day + bare day + month context: «من 4 إلى 22 يناير»
	if d1, n1, ok := p.bareDay(k); ok {
		if r, ok := joinAt(n1); ok {
			// «بين 4 و22» writes the «و» on the number
			d2, n2, ok2 := p.bareDay(r)
			if !ok2 && between && p.tok(n1) != nil && p.toks[n1].Kind == token.Number {
				d2, n2, ok2 = 0, n1, false
			}
			if ok2 {
				if y, m, n3, ok := p.monthContext(n2); ok {
					c1, ok1 := p.dayCal(y, m, d1)
					c2, ok3 := p.dayCal(y, m, d2)
					if ok1 && ok3 && d1 < d2 {
						return cand{start: start, end: p.end(n3), next: n3, typ: Date, c: c1, rangeEnd: c2.value()}, true
					}
				}
			}
		}
	}
	// a') bare day + full date: "from 4 to January 22, 1995", «من 2 إلى 7 أبريل 2024»
	if k > i {
		if d1, n1, ok := p.bareDay(k); ok {
			if r, ok := joinAt(n1); ok && p.startable(r) {
				if right, ok := p.bestAt(r); ok && right.typ == Date && right.value == "" && right.c.g == gDay && d1 < right.c.d {
					if c1, ok := p.dayCal(right.c.y, right.c.m, d1); ok {
						return cand{start: start, end: right.end, next: right.next, typ: Date, c: c1, rangeEnd: right.c.value()}, true
					}
				}
			}
		}
	}
	if k == i && !(t.Kind == token.Number || t.Arabic) && !english {
		return cand{}, false
	}
	// b) two full expressions: «من 2 أكتوبر إلى 22 أكتوبر», «2014-2018»
	if !p.startable(k) {
		return cand{}, false
	}
	left, ok := p.boundAt(k, k > i)
	if !ok || left.typ != Date || left.value != "" {
		return cand{}, false
	}
	// «الأسبوع المقبل بين الأربعاء والجمعة», «هذا الأسبوع من الثلاثاء إلى الخميس»
	if left.c.g == gWeek && left.mod == "" && left.value == "" {
		if c, ok := p.weekdaysOf(left, start); ok {
			return c, true
		}
	}
	r, ok := joinAt(left.next)
	if !ok {
		return cand{}, false
	}
	if k == i && p.punct(left.next, "-") && left.c.g != gYear && left.c.g != gDay {
		return cand{}, false
	}
	if english && k == i && left.c.g != gDay {
		// "2009-2010" in English news is two years (TempEval marks both)
		return cand{}, false
	}
	if k == i && !p.punct(left.next, "-") {
		// without «من»/«بين» only «X إلى/حتى Y» between two full dates
		if left.c.g != gDay {
			return cand{}, false
		}
	}
	if r >= len(p.toks) || !p.startable(r) {
		return cand{}, false
	}
	right, ok := p.boundAt(r, k > i)
	if ok && right.typ == Date && right.value == "" && left.c.g == gDay && right.c.g == gDay {
		// "Oct. 2 to October 22": a bound without its year takes the
		// other's, so that the range runs forward
		switch {
		case right.guessYear && !left.guessYear || right.guessYear && left.guessYear:
			if c, ok := p.dayCal(left.c.y, right.c.m, right.c.d); ok {
				if c.time().Before(left.c.time()) {
					c, ok = p.dayCal(left.c.y+1, right.c.m, right.c.d)
				}
				if ok {
					right.c = c
				}
			}
		case left.guessYear:
			if c, ok := p.dayCal(right.c.y, left.c.m, left.c.d); ok && !c.time().After(right.c.time()) {
				left.c = c
			}
		}
	}
	if !ok && left.c.g == gDay {
		// "November 19-20", "November 19 to 20": a bare day in the left's month
		if d, n, ok2 := p.bareDay(r); ok2 && d > left.c.d {
			lc := left.c
			// "November 19-20, 2024": the year closes the range
			if y, n2, ok := p.yearAt(p.skipPunct(n, ",", "،")); ok && left.guessYear {
				lc.y, n = y, n2
			}
			if c, ok3 := p.dayCal(lc.y, lc.m, d); ok3 {
				if _, _, _, _, isMonth := p.monthAt(n); !isMonth {
					return cand{start: start, end: p.end(n), next: n, typ: Date, c: lc, rangeEnd: c.value()}, true
				}
			}
		}
	}
	if !ok || right.typ != Date || right.value != "" || right.c.g != left.c.g {
		return cand{}, false
	}
	if left.c.time().After(right.c.time()) {
		return cand{}, false
	}
	return cand{start: start, end: right.end, next: right.next, typ: Date, c: left.c, rangeEnd: right.c.value()}, true
}

// rRestOf: «بقية الأسبوع», «باقي هذا الشهر», «بقية العام», «بقية أسبوعي»:
// from the DCT to the end of the unit.
func rRestOf(p *parser, i int) (cand, bool) {
	if !p.hasDCT || !p.is(i, "بقيه", "باقي", "rest") {
		return cand{}, false
	}
	t := p.toks[i]
	k := p.skip(i+1, "هذا", "هذه", "of")
	k = p.skip(k, "the", "this", "my", "current")
	u, _, ok := lookup(p, k, defUnits)
	if !ok && p.is(k, "اسبوعي") {
		u, ok = uWeek, true
	}
	if !ok || (u != uWeek && u != uMonth && u != uYear) {
		return cand{}, false
	}
	n := k + 1
	if p.is(n, "الحالي", "الحاليه", "الجاري") {
		n++
	}
	var last cal
	switch u {
	case uWeek:
		last = p.dct.add(uDay, 7-isoWeekday(p.dct))
	case uMonth:
		last = cal{y: p.dct.y, m: p.dct.m, d: 1, g: gDay}.add(uMonth, 1).add(uDay, -1)
	case uYear:
		last = cal{y: p.dct.y, m: 12, d: 31, g: gDay}
	}
	// the period from now to the end of the unit places no event: its
	// value is given as text, without a precision
	return cand{start: t.Start, end: p.end(n), next: n, typ: Date, value: p.dct.value(), rangeEnd: last.value(), noRef: true}, true
}

// rWeekend: «عطلة نهاية الأسبوع», «نهاية الأسبوع المقبل», «عطلة نهاية
// الأسبوع بعد التالي», «نهاية أسبوعي»: the ISO week's weekend (2016-W45-WE).
func rWeekend(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || !t.Arabic {
		return cand{}, false
	}
	k := i
	if p.is(k, "عطله") {
		k++
	}
	if !p.is(k, "نهايه", "نهايات") {
		return cand{}, false
	}
	k++
	if !p.is(k, "الاسبوع", "اسبوعي") {
		return cand{}, false
	}
	n := k + 1
	shift := 0
	if d, _, ok := arDirAfterAt(p, n); ok {
		shift = d
		n++
		if p.is(n, "بعد") && p.is(n+1, "القادم", "المقبل", "التالي") {
			shift, n = 2, n+2
		}
	} else if p.is(n, "بعد") && p.is(n+1, "القادم", "المقبل", "التالي") {
		shift, n = 2, n+2
	} else if p.is(n, "الحالي", "الجاري") {
		n++
	}
	// «نهاية الأسبوع» alone is the weekend only after «عطلة» or a «في»;
	// else it is the end of the week (left to rRelUnit with its mod).
	if i == k-1 && !p.is(i-1, "في") && shift == 0 && !p.is(k, "اسبوعي") {
		return cand{}, false
	}
	c := p.dct.add(uWeek, shift).at(uWeek)
	start := t.Start
	if _, s, ok := token.FormOf(t, map[string]bool{"عطله": true, "نهايه": true, "نهايات": true}); ok {
		start = s
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, value: c.value() + "-WE"}, true
}

// rNthWeek: «الأسبوع الثالث من هذا الشهر», «الأسبوع الأخير من يوليو»,
// «الأسبوع الأول من عام 2015», «الأسبوع الثالث العام المقبل».
func rNthWeek(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || !t.Arabic || !p.is(i, "الاسبوع") {
		return cand{}, false
	}
	o, n, ok := p.ordinal(i + 1)
	if !ok || o == 0 || o > 5 {
		return cand{}, false
	}
	j := p.skip(n, "من", "في")
	// a month: «من يوليو», «من هذا الشهر»
	if c, ok := p.bestAt(j); ok && c.typ == Date && c.value == "" && (c.c.g == gMonth || c.c.g == gYear) && c.mod == "" {
		y, m, w := c.c.y, c.c.m, o
		if c.c.g == gYear {
			m = 1
			if o == -1 {
				m, w = 12, 53
			}
		} else if o == -1 {
			w = 4
		}
		if c.c.g == gMonth && p.is(j, "هذا") == false && !p.toks[j].Has("الشهر") && c.c.y == p.dct.y && !p.yearFollows(j+1) {
			// a month name without a year keeps the year underspecified
			return cand{start: t.Start, end: c.end, next: c.next, typ: Date, value: fmt.Sprintf("XXXX-%02d-W%02d", m, w)}, true
		}
		return cand{start: t.Start, end: c.end, next: c.next, typ: Date, value: fmt.Sprintf("%04d-%02d-W%02d", y, m, w)}, true
	}
	return cand{}, false
}

// rDayOnly: a day of the month given alone, read in the DCT's month (or the
// next/previous one by tense): «يوم 27», «عدت في 27.», «إلى الحادي
// والعشرين», «للثاني والعشرين», «20 من الشهر القادم».
func rDayOnly(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || t.Kind == token.Punct {
		return cand{}, false
	}
	english := !t.Arabic && t.Kind == token.Word || t.Kind == token.Number && !isArabicContext(p, i)
	if t.Kind == token.Word && !t.Arabic && !p.is(i, "the", "on") {
		return cand{}, false
	}
	start := t.Start
	k := i
	cue := ""
	switch {
	case p.is(i, "يوم"):
		k, cue = i+1, "يوم"
	case p.is(i, "الي"):
		k, cue = i+1, "الي"
	case p.is(i, "في") && t.Norm == "في":
		k, cue = i+1, "في"
	case p.is(i, "the"):
		// "for the 27th", "the twenty second", "the 20th of next month"
		k, cue = i+1, "the"
	case p.is(i, "on"):
		// "on 15", "on 22nd": the day without "on"
		k, cue = i+1, "on"
	}
	var d, n int
	var ok bool
	if english {
		d, n, ok = p.ordinal(k)
		if !ok || d < 1 || d > 31 {
			d, n, ok = p.bareDay(k)
		}
		if ok && cue == "" && n == k+1 {
			return cand{}, false // a bare "15" is no day; "22nd" is
		}
	} else {
		d, n, ok = p.bareDay(k)
	}
	if !ok {
		return cand{}, false
	}
	if p.punct(n, ".") {
		if _, _, _, _, isMonth := p.monthAt(n + 1); isMonth {
			return cand{}, false // «2. أكتوبر» is rExplicit's
		}
	}
	isDigit := p.toks[k].Kind == token.Number
	// «20 من الشهر القادم», «الحادي والثلاثين من هذا الشهر»
	if j := p.skip(n, "من", "of"); j > n || p.is(n, "هذا", "this", "next", "last") {
		if c, ok := rRelUnit(p, j); ok && c.c.g == gMonth && c.mod == "" {
			dc, ok := p.dayCal(c.c.y, c.c.m, d)
			if !ok {
				dc = cal{y: c.c.y, m: c.c.m, d: d, g: gDay}
			}
			s := start
			if cue == "في" || cue == "on" {
				s = p.toks[k].Start
			}
			return cand{start: s, end: c.end, next: c.next, typ: Date, c: dc}, true
		}
	}
	// alone: only at the end of a sentence, after a cue (or a «ل» on an ordinal)
	end := p.tok(n)
	atEnd := end == nil || end.Break
	if end != nil && end.Kind == token.Punct && (end.Norm == "." || end.Norm == "!" || end.Norm == "؟" || end.Norm == "?") {
		after := p.tok(n + 1)
		atEnd = after == nil || after.Space // «في 27.» but not «في 4.22»
	}
	if !atEnd {
		return cand{}, false
	}
	switch {
	case cue == "يوم", cue == "الي", cue == "the":
	case cue == "في", cue == "on":
		start = p.toks[k].Start
	case cue == "" && english:
	case cue == "" && !isDigit && strings.HasPrefix(t.Norm, "لل"):
	default:
		return cand{}, false
	}
	if isDigit && p.toks[k].Digits > 2 {
		return cand{}, false
	}
	y, m := p.dct.y, p.dct.m
	switch p.tense(i) {
	case 1:
		if d < p.dct.d {
			nm := cal{y: y, m: m, d: 1, g: gDay}.add(uMonth, 1)
			y, m = nm.y, nm.m
		}
	case -1:
		if d > p.dct.d && false {
			pm := cal{y: y, m: m, d: 1, g: gDay}.add(uMonth, -1)
			y, m = pm.y, pm.m
		}
	}
	dc, ok := p.dayCal(y, m, d)
	if !ok {
		// the 31st in a month of 30 days: the day stays underspecified
		return cand{start: start, end: p.end(n), next: n, typ: Date, value: fmt.Sprintf("XXXX-XX-%02d", d)}, true
	}
	return cand{start: start, end: p.end(n), next: n, typ: Date, c: dc}, true
}

// boundAt reads one end of a range: any date expression, or, after «من» /
// «بين», a bare year («من 2014 إلى 2018», «من ألفين»).
func (p *parser) boundAt(i int, cued bool) (cand, bool) {
	c, ok := p.bestAt(i)
	if ok && c.typ == Date {
		return c, true
	}
	if cued {
		if y, n, ok := p.yearAt(i); ok {
			return cand{start: p.toks[i].Start, end: p.end(n), next: n, typ: Date, c: cal{y: y, g: gYear}}, true
		}
	}
	return c, ok
}

// joinAhead is a cheap look-ahead: a range needs a joining word (or a dash,
// or «و» after «بين») within the next few tokens.
func (p *parser) joinAhead(k int, between bool) bool {
	for j := k + 1; j < len(p.toks) && j <= k+9; j++ {
		t := &p.toks[j]
		if t.Kind == token.Punct {
			if t.Norm == "-" {
				return true
			}
			continue
		}
		// rangeTo[t.Norm], looked up once per token by markStrong
		isTo := p.starts[j]&startsRangeTo != 0
		if t.Kind == token.Word && t.Arabic && (isTo || t.Norm == "بين" || between && (t.Norm == "و" || strings.HasPrefix(t.Norm, "و"))) {
			return true
		}
		if t.Kind == token.Word && !t.Arabic && (isTo || between && t.Norm == "and") {
			return true
		}
	}
	return false
}

// rCompound: a date given as several amounts from now, «1 شهر و 21 يوم من
// الآن», «2 سنة و1 شهر و21 أيام من الآن», «بعد 2 عام و 21 يوما من الآن»:
// forward after «بعد» or in a sentence about the future, else back.
func rCompound(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || !(t.Arabic || t.Kind == token.Number) {
		return cand{}, false
	}
	if !p.nowAhead(i) {
		return cand{}, false
	}
	k := i
	dir := 0
	switch {
	case p.is(i, "بعد"):
		k, dir = i+1, 1
	case p.is(i, "منذ", "قبل"):
		k, dir = i+1, -1
	}
	type part struct {
		n int
		u unit
	}
	var parts []part
	j := k
	for len(parts) < 4 {
		n, u, next, ok := p.amount(j)
		if !ok {
			// «شهر», «وشهر»: one unit
			if tk := p.tok(j); tk != nil && tk.Arabic {
				if uw, _, ok2 := token.FormOf(tk, units); ok2 && uw.plural == 0 {
					n, u, next, ok = 1, uw.u, j+1, true
				}
			}
		}
		if !ok || n < 0 || u < uDay {
			break
		}
		parts = append(parts, part{n, u})
		j = next
		nj := j
		if p.punct(nj, ",", "،") {
			nj++
		}
		if p.is(nj, "و") && p.toks[nj].Norm == "و" || p.is(nj, "and") {
			nj++
		}
		if !p.is(nj, "من") {
			j = nj
		}
	}
	if len(parts) < 2 {
		return cand{}, false
	}
	// "1 month 21 days ago", "2 years 21 days later"
	if p.is(j, "ago", "later") && dir == 0 {
		dir = -1
		if p.is(j, "later") {
			dir = 1
		}
		c := p.dct
		for _, pt := range parts {
			c = c.add(pt.u, dir*pt.n)
		}
		c.g = gDay
		return cand{start: p.toks[k].Start, end: p.toks[j].End, next: j + 1, typ: Date, c: c}, true
	}
	if !p.is(j, "من") || !p.is(j+1, "الان") {
		return cand{}, false
	}
	if dir == 0 {
		dir = -1
		if p.tense(i) == 1 {
			dir = 1
		}
	}
	c := p.dct
	for _, pt := range parts {
		c = c.add(pt.u, dir*pt.n)
	}
	c.g = gDay
	return cand{start: p.toks[k].Start, end: p.toks[j+1].End, next: j + 2, typ: Date, c: c}, true
}

// arDirPlural are direction adjectives agreeing with a plural or dual unit.
var arDirPlural = map[string]int{
	"المقبلين": 1, "المقبلتين": 1, "القادمين": 1, "القادمتين": 1, "التاليين": 1, "المقبله": 1, "القادمه": 1, "التاليه": 1,
	"الماضيين": -1, "الماضيتين": -1, "الماضيه": -1, "الاخيره": -1, "الاخيرين": -1, "السابقه": -1, "المنصرمه": -1,
}

// defPluralUnit reads «الأيام», «اليومين», «الأشهر»: a unit in the plural
// or dual with the article; it returns the unit and the dual's count.
func (p *parser) defPluralUnit(i int) (unit, int, bool) {
	t := p.tok(i)
	if t == nil || !t.Arabic || !strings.HasPrefix(t.Norm, "ال") {
		return 0, 0, false
	}
	uw, ok := units[strings.TrimPrefix(t.Norm, "ال")]
	if !ok || uw.plural == 0 {
		return 0, 0, false
	}
	if uw.plural == 2 {
		return uw.u, 2, true
	}
	return uw.u, 0, true
}

// rNextUnits: «اليومين المقبلين», «الأيام القليلة الماضية», «3 أيام
// القادمة», «في الأشهر الثلاثة القادمة», «آخر 3 سنوات»: a period running
// from tomorrow forward, or back to the DCT.
func rNextUnits(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || !(t.Arabic || t.Kind == token.Number) {
		return cand{}, false
	}
	start := t.Start
	k := i
	var u unit
	n, dir := 0, 0
	if p.is(i, "اخر") && !p.is(i-1, "في") || p.is(i, "اخر") {
		// «آخر 3 سنوات»
		num, uu, next, ok := p.amount(i + 1)
		if !ok || num < 1 || uu < uDay {
			return cand{}, false
		}
		u, n, dir, k = uu, num, -1, next
	} else {
		if p.is(i, "في") && t.Norm == "في" {
			// «في الأشهر الثلاثة القادمة»: «في» + the units + a number
			k = i + 1
			if nt := p.tok(k + 1); nt == nil || !nt.Arabic || !strings.HasPrefix(nt.Norm, "ال") {
				return cand{}, false
			} else if _, ok := arUnits[strings.TrimPrefix(nt.Norm, "ال")]; !ok {
				return cand{}, false
			}
		}
		if uu, dual, ok := p.defPluralUnit(k); ok {
			u, n = uu, dual
			k++
			if n == 0 {
				switch nt := p.tok(k); {
				case p.is(k, "القليله"):
					n, k = 3, k+1
				case nt != nil && nt.Arabic && strings.HasPrefix(nt.Norm, "ال"):
					if v, ok := arUnits[strings.TrimPrefix(nt.Norm, "ال")]; ok && v > 1 {
						n, k = v, k+1
					}
				}
			}
		} else if uu, _, ok := p.defPluralUnit(k + 1); ok && k == i && t.Kind == token.Number && t.Num > 1 && t.Digits <= 2 {
			// «2 العقود الماضية»
			u, n, k = uu, t.Num, k+2
		} else if v, ok := arUnits[strings.TrimPrefix(t.Norm, "ال")]; ok && k == i && strings.HasPrefix(t.Norm, "ال") && v > 1 {
			// «الثلاثة عقود القادمة»
			uw, ok := units[normOf(p.tok(k+1))]
			if !ok || uw.plural != 1 {
				return cand{}, false
			}
			u, n, k = uw.u, v, k+2
		} else if k == i && t.Kind == token.Number {
			num, uu, next, ok := p.amount(i)
			if !ok || num < 1 || uu < uDay {
				return cand{}, false
			}
			u, n, k = uu, num, next
		} else {
			return cand{}, false
		}
		if n < 1 {
			return cand{}, false
		}
		d, _, ok := lookup(p, k, arDirPlural)
		if !ok {
			return cand{}, false
		}
		dir = d
		k++
	}
	if u == uDecade {
		// whole decades: «العقدين الماضيين» in 2016 are 1990–2010
		cur := p.dct.y / 10 * 10
		first, last := cal{y: cur - 10*n, g: gYear}, cal{y: cur, g: gYear}
		if dir > 0 {
			first, last = cal{y: cur + 10, g: gYear}, cal{y: cur + 10 + 10*n, g: gYear}
		}
		return cand{start: start, end: p.end(k), next: k, typ: Date, c: first, rangeEnd: last.value(), noRef: true}, true
	}
	if u < uDay || u > uYear {
		return cand{}, false
	}
	var first, last cal
	if dir > 0 {
		first = p.dct.add(uDay, 1)
		last = first.add(u, n)
	} else {
		last = p.dct
		first = p.dct.add(u, -n)
	}
	first.g, last.g = gDay, gDay
	return cand{start: start, end: p.end(k), next: k, typ: Date, c: first, rangeEnd: last.value(), noRef: true}, true
}

// rLaterIn: «في وقت لاحق من هذا الشهر», «لاحقا في هذا الأسبوع»: the rest
// of the unit, kept at the unit's value with mod END.
func rLaterIn(p *parser, i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	t := p.tok(i)
	if t == nil || !t.Arabic {
		return cand{}, false
	}
	var k int
	switch {
	case p.is(i, "في") && t.Norm == "في" && p.is(i+1, "وقت") && p.is(i+2, "لاحق") && p.is(i+3, "من", "في"):
		k = i + 4
	case p.is(i, "لاحقا") && p.is(i+1, "في", "من"):
		k = i + 2
	default:
		return cand{}, false
	}
	c, ok := rRelUnit(p, k)
	if !ok || c.typ != Date || c.mod != "" {
		return cand{}, false
	}
	c.start, c.mod = t.Start, "END"
	return c, true
}

// weekdaysOf reads «بين الأربعاء والجمعة» / «من الثلاثاء إلى الخميس» after
// a week expression: the two days of that week.
func (p *parser) weekdaysOf(week cand, start int) (cand, bool) {
	j := week.next
	between := p.is(j, "بين")
	if !between && !p.is(j, "من") {
		return cand{}, false
	}
	w1, _, ok := lookup(p, j+1, weekdays)
	if !ok {
		return cand{}, false
	}
	r := j + 2
	switch {
	case p.is(r, "الي", "حتي"):
		r++
	case between && p.is(r, "و") && p.toks[r].Norm == "و":
		r++
	}
	w2, _, ok := lookup(p, r, weekdays)
	if !ok || w2 <= w1 {
		return cand{}, false
	}
	mon := cal{y: week.c.y, g: gDay}
	t0 := isoWeekStart(week.c.y, week.c.w)
	mon.m, mon.d = int(t0.Month()), t0.Day()
	mon.y = t0.Year()
	first, last := mon.add(uDay, w1-1), mon.add(uDay, w2-1)
	return cand{start: start, end: p.toks[r].End, next: r + 1, typ: Date, c: first, rangeEnd: last.value()}, true
}

// isoWeekStart is the Monday of ISO week w of year y.
func isoWeekStart(y, w int) time.Time {
	t := time.Date(y, 1, 4, 12, 0, 0, 0, time.UTC) // always in week 1
	wd := int(t.Weekday())
	if wd == 0 {
		wd = 7
	}
	return t.AddDate(0, 0, -(wd-1)+7*(w-1))
}

// arYearPair reads a year said as two numbers, hundreds first: «تسعة عشر
// ثمانية وعشرون» (1928), «تسعة عشر وثمانية وسبعين» (1978), «عشرين عشرين».
func (p *parser) arYearPair(i int) (int, int, bool) {
	t := p.tok(i)
	if t == nil || !t.Arabic {
		return 0, i, false
	}
	hi, k := 0, i
	if v, ok := arUnits[t.Norm]; ok && v < 10 && p.isTeenTail(i+1) {
		hi, k = 10+v, i+2
	} else if v, ok := arTens[t.Norm]; ok && v == 20 {
		hi, k = 20, i+1
	} else {
		return 0, i, false
	}
	u := p.tok(k)
	if u == nil || !u.Arabic {
		return 0, i, false
	}
	lo, n, ok := p.arNumber(k)
	if !ok && strings.HasPrefix(u.Norm, "و") {
		// «وثمانية وسبعين»: the second number opens with «و»
		w := strings.TrimPrefix(u.Norm, "و")
		v, ok1 := arUnits[w]
		if !ok1 {
			v, ok1 = arTens[w]
		}
		if !ok1 {
			return 0, i, false
		}
		lo, n, ok = v, k+1, true
		if nt := p.tok(n); nt != nil && strings.HasPrefix(nt.Norm, "و") {
			if tens, ok2 := arTens[strings.TrimPrefix(nt.Norm, "و")]; ok2 && v < 10 {
				lo, n = v+tens, n+1
			}
		}
	}
	if !ok || lo < 0 || lo > 99 {
		return 0, i, false
	}
	return hi*100 + lo, n, true
}

// nowAhead is a cheap look-ahead for rCompound: «من الآن» within reach.
func (p *parser) nowAhead(i int) bool {
	for j := i + 2; j < len(p.toks) && j <= i+12; j++ {
		switch p.toks[j].Norm {
		case "الان", "ago", "later":
			return true
		}
	}
	return false
}

// nthWords are the ordinals of «أول يوم جمعة من يوليو» (-1 = last).
var nthWords = map[string]int{"اول": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "اخر": -1}

// rNthWeekday: «أول يوم جمعة من يوليو», «آخر خميس من هذا الشهر»: the n-th
// (or last) given weekday of a month.
func rNthWeekday(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || !t.Arabic || !p.hasDCT {
		return cand{}, false
	}
	nth, s, ok := lookup(p, i, nthWords)
	if !ok {
		return cand{}, false
	}
	k := p.skip(i+1, "يوم")
	wd, _, ok := lookup(p, k, weekdays)
	if !ok {
		return cand{}, false
	}
	j := k + 1
	if !p.is(j, "من", "في") {
		return cand{}, false
	}
	c, ok := p.bestAt(j + 1)
	if !ok || c.typ != Date || c.value != "" || c.c.g != gMonth || c.mod != "" {
		return cand{}, false
	}
	first := cal{y: c.c.y, m: c.c.m, d: 1, g: gDay}
	var day cal
	if nth > 0 {
		day = first.add(uDay, (wd-isoWeekday(first)+7)%7+7*(nth-1))
		if day.m != first.m {
			return cand{}, false
		}
	} else {
		last := first.add(uMonth, 1).add(uDay, -1)
		day = last.add(uDay, -((isoWeekday(last) - wd + 7) % 7))
	}
	return cand{start: s, end: c.end, next: c.next, typ: Date, c: day}, true
}

// monthThenDays reads a month named before its two bounding days: «شهر
// نوفمبر بين 19 و 20», «نوفمبر من 3 إلى 9», "November between 19 and 20".
func (p *parser) monthThenDays(i int) (cand, bool) {
	if !p.hasDCT {
		return cand{}, false
	}
	k := p.skip(i, "شهر")
	m, ms, n, weak, ok := p.monthAt(k)
	if !ok || weak {
		return cand{}, false
	}
	between := p.is(n, "بين", "between")
	if !between && !p.is(n, "من", "from") {
		return cand{}, false
	}
	d1, n1, ok := p.bareDay(n + 1)
	if !ok {
		return cand{}, false
	}
	r := n1
	switch {
	case p.punct(r, "-"), p.is(r, "الي", "حتي", "to", "till", "until", "through"):
		r++
	case between && p.is(r, "و", "and"):
		r++
	default:
		return cand{}, false
	}
	d2, n2, ok := p.bareDay(r)
	if !ok || d2 <= d1 {
		return cand{}, false
	}
	y := p.yearForMonth(m, d1, i)
	c1, ok1 := p.dayCal(y, m, d1)
	c2, ok2 := p.dayCal(y, m, d2)
	if !ok1 || !ok2 {
		return cand{}, false
	}
	start := ms
	if k > i {
		start = p.toks[i].Start
	}
	return cand{start: start, end: p.end(n2), next: n2, typ: Date, c: c1, rangeEnd: c2.value()}, true
}

// rNthEn: "the first Friday of July", "second Sunday" (of the DCT's month),
// "the second Monday of next month", "the third week of this month", "the
// first week of 2015", "the last week of July".
func rNthEn(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word || t.Arabic || !p.hasDCT {
		return cand{}, false
	}
	k := p.skip(i, "the")
	var o, n int
	if p.is(k, "last") {
		o, n = -1, k+1
	} else {
		var ok bool
		o, n, ok = p.ordinal(k)
		if !ok || o < 1 || o > 5 || p.toks[k].Kind == token.Number {
			return cand{}, false
		}
	}
	wd, _, isWeekday := lookup(p, n, weekdays)
	isWeek := p.is(n, "week")
	if !isWeekday && !isWeek || isWeekday && !p.toks[n].Upper && len(p.toks[n].Norm) < 4 {
		return cand{}, false
	}
	j := n + 1
	var ctx cand
	hasCtx := false
	if p.is(j, "of", "in") {
		if c, ok := p.bestAt(j + 1); ok && c.typ == Date && c.value == "" && c.mod == "" && (c.c.g == gMonth || isWeek && c.c.g == gYear) {
			ctx, hasCtx = c, true
		}
	} else if c, ok := p.bestAt(j); ok && c.typ == Date && c.value == "" && c.mod == "" && c.c.g == gYear && isWeek {
		ctx, hasCtx = c, true // "the third week next year"
	}
	end, next := p.end(j), j
	if hasCtx {
		end, next = ctx.end, ctx.next
	}
	if isWeekday {
		if o < 0 {
			return cand{}, false
		}
		// without a month ("second Sunday") the DCT's month; "last Sunday"
		// is rWeekday's
		y, m := p.dct.y, p.dct.m
		if hasCtx {
			y, m = ctx.c.y, ctx.c.m
		}
		d, ok := p.nthWeekdayOf(y, m, wd, o)
		if !ok {
			return cand{}, false
		}
		return cand{start: t.Start, end: end, next: next, typ: Date, c: d}, true
	}
	if !hasCtx {
		return cand{}, false
	}
	if ctx.c.g == gYear {
		w := o
		if o < 0 {
			_, w = time.Date(ctx.c.y, 12, 28, 12, 0, 0, 0, time.UTC).ISOWeek()
		}
		return cand{start: t.Start, end: end, next: next, typ: Date, value: fmt.Sprintf("%04d-W%02d", ctx.c.y, w)}, true
	}
	w := o
	if o < 0 {
		w = 5
	}
	if _, _, mn, _, ok := p.monthAt(j + 1); ok && mn == ctx.next {
		// a month named without its year leaves the year open
		return cand{start: t.Start, end: end, next: next, typ: Date, value: fmt.Sprintf("XXXX-%02d-W%02d", ctx.c.m, w)}, true
	}
	return cand{start: t.Start, end: end, next: next, typ: Date, value: fmt.Sprintf("%04d-%02d-W%02d", ctx.c.y, ctx.c.m, w)}, true
}

// dateHead reports whether token i can begin a date by itself: a number, a
// month, a weekday or a relative day ("today").
func (p *parser) dateHead(i int) bool {
	t := p.tok(i)
	if t == nil {
		return false
	}
	if t.Kind == token.Number {
		return true
	}
	if _, _, _, _, ok := p.monthAt(i); ok {
		return true
	}
	if _, _, ok := lookup(p, i, weekdays); ok {
		return true
	}
	_, _, ok := lookup(p, i, relDays)
	return ok
}
