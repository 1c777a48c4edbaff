package timex

import (
	"strings"
	"time"

	"annals/data/analysis/token"
)

// holiday kinds
type holiday struct {
	words []string // folded words, punctuation ignored
	month int      // Gregorian month and day, or
	day   int
	hm    int // Hijri month and day (hm > 0)
	hd    int
	fn    func(y int) (cal, bool) // computed date for a Gregorian year
	whole bool                    // the Hijri month itself (Ramadan): month precision
}

var holidayList = []holiday{
	{words: []string{"christmas"}, month: 12, day: 25},
	{words: []string{"christmas", "day"}, month: 12, day: 25},
	{words: []string{"christmas", "eve"}, month: 12, day: 24},
	{words: []string{"new", "year", "s", "day"}, month: 1, day: 1},
	{words: []string{"new", "year", "s", "eve"}, month: 12, day: 31},
	{words: []string{"new", "year", "s"}, month: 1, day: 1},
	{words: []string{"valentine", "s", "day"}, month: 2, day: 14},
	{words: []string{"halloween"}, month: 10, day: 31},
	{words: []string{"independence", "day"}, month: 7, day: 4},
	{words: []string{"thanksgiving"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4), true }},
	{words: []string{"thanksgiving", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4), true }},
	{words: []string{"labor", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 9, 1, 1), true }},
	{words: []string{"memorial", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 5, 1, -1), true }},
	{words: []string{"new", "year", "eve"}, month: 12, day: 31},
	{words: []string{"new", "year", "day"}, month: 1, day: 1},
	{words: []string{"yuandan"}, month: 1, day: 1},
	{words: []string{"thanks", "giving"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4), true }},
	{words: []string{"thanks", "giving", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4), true }},
	{words: []string{"black", "friday"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4).add(uDay, 1), true }},
	{words: []string{"cyber", "monday"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4).add(uDay, 4), true }},
	{words: []string{"father", "s", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 6, 7, 3), true }},
	{words: []string{"fathers", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 6, 7, 3), true }},
	{words: []string{"mother", "s", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 5, 7, 2), true }},
	{words: []string{"mothers", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 5, 7, 2), true }},
	{words: []string{"presidents", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 2, 1, 3), true }},
	{words: []string{"president", "s", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 2, 1, 3), true }},
	{words: []string{"martin", "luther", "king", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 1, 1, 3), true }},
	{words: []string{"mlk", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 1, 1, 3), true }},
	{words: []string{"columbus", "day"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 10, 1, 2), true }},
	{words: []string{"saint", "patrick", "s", "day"}, month: 3, day: 17},
	{words: []string{"st", "patrick", "s", "day"}, month: 3, day: 17},
	{words: []string{"earth", "day"}, month: 4, day: 22},
	{words: []string{"may", "day"}, month: 5, day: 1},
	{words: []string{"veterans", "day"}, month: 11, day: 11},
	{words: []string{"islamic", "new", "year"}, hm: 1, hd: 1},
	{words: []string{"hijri", "new", "year"}, hm: 1, hd: 1},
	{words: []string{"ramazan"}, hm: 9, whole: true},
	{words: []string{"ramzan"}, hm: 9, whole: true},
	{words: []string{"ramadhan"}, hm: 9, whole: true},
	{words: []string{"easter"}, fn: easter},
	{words: []string{"easter", "sunday"}, fn: easter},
	{words: []string{"inauguration", "day"}, fn: inauguration},
	{words: []string{"election", "day"}, fn: electionDay},
	{words: []string{"عيد", "الميلاد"}, month: 12, day: 25},
	{words: []string{"عيد", "الميلاد", "المجيد"}, month: 12, day: 25},
	{words: []string{"يوم", "عيد", "الميلاد"}, month: 12, day: 25},
	{words: []string{"ليله", "عيد", "الميلاد"}, month: 12, day: 24},
	{words: []string{"راس", "السنه"}, month: 1, day: 1},
	{words: []string{"راس", "السنه", "الجديده"}, month: 1, day: 1},
	{words: []string{"راس", "السنه", "الميلاديه"}, month: 1, day: 1},
	{words: []string{"ليله", "راس", "السنه"}, month: 12, day: 31},
	{words: []string{"ليله", "راس", "السنه", "الجديده"}, month: 12, day: 31},
	{words: []string{"يواندان"}, month: 1, day: 1},
	{words: []string{"عيد", "الحب"}, month: 2, day: 14},
	{words: []string{"عيد", "الام"}, month: 3, day: 21},
	{words: []string{"يوم", "الام"}, month: 3, day: 21},
	{words: []string{"عيد", "العمال"}, month: 5, day: 1},
	{words: []string{"عيد", "الشكر"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4), true }},
	{words: []string{"يوم", "الشكر"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 11, 4, 4), true }},
	{words: []string{"يوم", "الاب"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 6, 7, 3), true }},
	{words: []string{"عيد", "الاب"}, fn: func(y int) (cal, bool) { return nthWeekday(y, 6, 7, 3), true }},
	{words: []string{"عيد", "الفصح"}, fn: easter},
	{words: []string{"يوم", "التنصيب"}, fn: inauguration},
	{words: []string{"حفل", "التنصيب"}, fn: inauguration},
	{words: []string{"عيد", "الاستقلال", "الامريكي"}, month: 7, day: 4},
	{words: []string{"عيد", "الفطر"}, hm: 10, hd: 1},
	{words: []string{"عيد", "الفطر", "المبارك"}, hm: 10, hd: 1},
	{words: []string{"عيد", "الاضحي"}, hm: 12, hd: 10},
	{words: []string{"عيد", "الاضحي", "المبارك"}, hm: 12, hd: 10},
	{words: []string{"يوم", "عرفه"}, hm: 12, hd: 9},
	{words: []string{"ليله", "القدر"}, hm: 9, hd: 27},
	{words: []string{"المولد", "النبوي"}, hm: 3, hd: 12},
	{words: []string{"المولد", "النبوي", "الشريف"}, hm: 3, hd: 12},
	{words: []string{"راس", "السنه", "الهجريه"}, hm: 1, hd: 1},
	{words: []string{"عاشوراء"}, hm: 1, hd: 10},
	{words: []string{"رمضان"}, hm: 9, whole: true},
	{words: []string{"شهر", "رمضان"}, hm: 9, whole: true},
	{words: []string{"شهر", "رمضان", "المبارك"}, hm: 9, whole: true},
	{words: []string{"ramadan"}, hm: 9, whole: true},
	{words: []string{"eid", "al", "fitr"}, hm: 10, hd: 1},
	{words: []string{"eid", "ul", "fitr"}, hm: 10, hd: 1},
	{words: []string{"eid", "al", "adha"}, hm: 12, hd: 10},
	{words: []string{"eid", "ul", "adha"}, hm: 12, hd: 10},
}

var holidayIndex = func() map[string][]int {
	idx := map[string][]int{}
	for i, h := range holidayList {
		idx[h.words[0]] = append(idx[h.words[0]], i)
	}
	return idx
}()

func nthWeekday(y, m, wd, n int) cal {
	if n < 0 {
		last := time.Date(y, time.Month(m)+1, 0, 12, 0, 0, 0, time.UTC)
		for isoWeekday(dayOf(last)) != wd {
			last = last.AddDate(0, 0, -1)
		}
		return dayOf(last)
	}
	t := time.Date(y, time.Month(m), 1, 12, 0, 0, 0, time.UTC)
	for isoWeekday(dayOf(t)) != wd {
		t = t.AddDate(0, 0, 1)
	}
	return dayOf(t.AddDate(0, 0, 7*(n-1)))
}

func easter(y int) (cal, bool) {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return cal{y: y, m: month, d: day, g: gDay}, true
}

// inauguration: US Inauguration Day, 20 January of the year after a
// presidential election (years ≡ 1 mod 4).
func inauguration(y int) (cal, bool) {
	if y%4 != 1 {
		return cal{}, false
	}
	return cal{y: y, m: 1, d: 20, g: gDay}, true
}

func electionDay(y int) (cal, bool) {
	if y%2 != 0 {
		return cal{}, false
	}
	mon := nthWeekday(y, 11, 1, 1)
	return mon.add(uDay, 1), true
}

func (h holiday) in(y int) (cal, bool) {
	switch {
	case h.fn != nil:
		return h.fn(y)
	case h.hm > 0:
		// the Hijri year whose occurrence falls in Gregorian year y
		for hy := (y-622)*33/32 - 1; hy <= (y-622)*33/32+2; hy++ {
			d := h.hd
			if h.whole {
				d = 15
			}
			g := HijriToGregorian(hy, h.hm, d)
			if g.Year() == y {
				c := dayOf(g)
				if h.whole {
					c.g = gMonth
				}
				return c, true
			}
		}
		return cal{}, false
	default:
		return cal{y: y, m: h.month, d: h.day, g: gDay}, true
	}
}

// nearest picks the occurrence of h closest to the DCT, looking back when
// the sentence reports the past, forward when it looks ahead.
func (p *parser) nearest(h holiday, i int) (cal, bool) {
	tense := p.tense(i)
	var best, bestDir cal
	bestDist, bestDirDist := -1, -1
	for y := p.dct.y - 4; y <= p.dct.y+4; y++ {
		c, ok := h.in(y)
		if !ok {
			continue
		}
		diff := int(c.time().Sub(p.dct.time()).Hours() / 24)
		dist := max(diff, -diff)
		if bestDist < 0 || dist < bestDist {
			best, bestDist = c, dist
		}
		if (tense < 0 && diff <= 0 || tense > 0 && diff >= 0) && dist <= 300 && (bestDirDist < 0 || dist < bestDirDist) {
			bestDir, bestDirDist = c, dist
		}
	}
	if bestDirDist >= 0 {
		return bestDir, true
	}
	return best, bestDist >= 0
}

// rHoliday: Christmas, «عيد الفطر», "Inauguration Day", «يوم التنصيب»,
// «عيد الشكر 2010», and, in a text about a US president, a bare
// «تنصيبه» / "inauguration".
func rHoliday(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	bestLen := 0
	var best holiday
	var start, next int
	try := func(form string, fstart int) {
		for _, hi := range holidayIndex[form] {
			h := holidayList[hi]
			k := i + 1
			ok := true
			for _, w := range h.words[1:] {
				for p.punct(k, "-", "'", "’") {
					k++
				}
				if !p.is(k, w) {
					ok = false
					break
				}
				k++
			}
			if ok && len(h.words) > bestLen {
				if !t.Arabic && !t.Upper && len(h.words) == 1 && h.words[0] != "christmas" && h.words[0] != "halloween" && h.words[0] != "thanksgiving" {
					continue
				}
				bestLen, best, start, next = len(h.words), h, fstart, k
			}
		}
	}
	try(t.Norm, t.Start)
	for _, f := range t.Forms {
		try(f.Text, f.Start)
	}
	if bestLen == 0 {
		if c, ok := implicitInauguration(p, i); ok {
			return c, true
		}
		return cand{}, false
	}
	// explicit year
	j := p.skip(next, "عام", "سنه", "of", "in")
	if t := p.tok(j); best.hm > 0 && t != nil && t.Kind == token.Number && t.Num >= 1300 && t.Num <= 1500 {
		// «رمضان 1445», «عيد الفطر 1445 هـ»: a Hijri year
		n := j + 1
		if u := p.tok(n); u != nil && hijriMarker(u) {
			n++
		}
		d := best.hd
		if best.whole {
			d = 15
		}
		c := dayOf(HijriToGregorian(t.Num, best.hm, d))
		if best.whole {
			c.g = gMonth
		}
		return cand{start: start, end: p.end(n), next: n, typ: Date, c: c, hijri: true}, true
	}
	if y, n, ok := p.yearAt(j); ok {
		c, ok := best.in(y)
		if !ok {
			return cand{}, false
		}
		return cand{start: start, end: p.end(n), next: n, typ: Date, c: c}, true
	}
	if !p.hasDCT {
		return cand{}, false
	}
	if p.is(next, "of") && p.is(next+1, "next", "last", "this") && p.is(next+2, "year") {
		// "Yuandan of next year"
		d := map[string]int{"next": 1, "last": -1, "this": 0}[p.toks[next+1].Norm]
		if c, ok := best.in(p.dct.y + d); ok {
			return cand{start: start, end: p.end(next + 3), next: next + 3, typ: Date, c: c}, true
		}
	}
	if d, _, ok := arDirAfterAt(p, next+1); ok && p.is(next, "العام") {
		if c, ok := best.in(p.dct.y + d); ok {
			return cand{start: start, end: p.end(next + 2), next: next + 2, typ: Date, c: c}, true
		}
	}
	c, ok := p.nearest(best, i)
	if !ok {
		return cand{}, false
	}
	return cand{start: start, end: p.end(next), next: next, typ: Date, c: c}, true
}

func implicitInauguration(p *parser, i int) (cand, bool) {
	if !p.opt.USPresident || !p.hasDCT {
		return cand{}, false
	}
	t := p.toks[i]
	if !(t.Arabic && strings.Contains(t.Norm, "تنصيب")) && !(t.Norm == "inauguration" || t.Norm == "inaugural") {
		return cand{}, false
	}
	if p.is(i-1, "يوم", "حفل") || p.is(i+1, "day") {
		return cand{}, false
	}
	c, ok := p.nearest(holiday{fn: inauguration}, i)
	if !ok {
		return cand{}, false
	}
	start := t.Start
	if t.Arabic {
		if k := strings.Index(p.text[t.Start:t.End], "تنصيب"); k > 0 {
			start = t.Start + k
		}
	}
	return cand{start: start, end: t.End, next: i + 1, typ: Date, c: c, implicit: true}, true
}

// rHijri: «20 رجب 1446 هـ», «رمضان 1446», "15 Shawwal 1445 AH", «يوم
// الاثنين غرة رمضان 1445 هـ», «الأول من شوال 1445»; a day without its year
// («في 27 رمضان») is the occurrence nearest the DCT in the sentence's tense.
func rHijri(p *parser, i int) (cand, bool) {
	if p.tok(i) == nil {
		return cand{}, false
	}
	start := p.toks[i].Start
	k := i
	if p.is(k, "يوم") {
		if _, n, ok := p.weekdayPrefix(k + 1); ok {
			k = n
		}
	} else if _, n, ok := p.weekdayPrefix(k); ok {
		k = n
	}
	d, n, hasDay := p.dayAt(k)
	if !hasDay && p.is(k, "غره", "مستهل") {
		// «غرة رمضان», «مستهل شوال»: the first day of the month
		d, n, hasDay = 1, k+1, true
	}
	if hasDay {
		k = p.skip(n, "من")
	} else if k > i {
		return cand{}, false
	}
	m, ms, ok := lookup(p, k, hijriMonths)
	next := k + 1
	if !ok {
		if second, s, ok2 := lookup(p, k, hijriMonths2); ok2 {
			if v, ok3 := second[normOf(p.tok(k+1))]; ok3 {
				m, ms, ok, next = v, s, true, k+2
			}
		}
	}
	if !ok {
		return cand{}, false
	}
	if !hasDay {
		start = ms
	}
	j := p.skipPunct(next, ",", "،")
	j = p.skip(j, "من", "عام", "سنه")
	y, yn, hasYear := 0, j, false
	if t := p.tok(j); t != nil && t.Kind == token.Number && t.Num >= 1 && t.Num <= 1600 {
		y, yn, hasYear = t.Num, j+1, true
	}
	marker := false
	if hasYear {
		if u := p.tok(yn); u != nil && hijriMarker(u) {
			marker = true
			yn++
			if p.punct(yn, ".") && !p.toks[yn].Space && p.tok(yn+1) != nil && !p.toks[yn+1].Space {
				yn++ // «هـ.» as an abbreviation, not the sentence's full stop
			}
		}
	}
	if hasYear && !marker && (y < 1300 || y > 1500) {
		return cand{}, false
	}
	if !hasYear {
		// «في 27 رمضان»: only with a day, a DCT and an Arabic month name
		// (a bare «رمضان» is the holiday rule's)
		if !hasDay || !p.hasDCT || d > 30 || !p.toks[k].Arabic {
			return cand{}, false
		}
		c, ok := p.nearest(holiday{hm: m, hd: d}, i)
		if !ok {
			return cand{}, false
		}
		return cand{start: start, end: p.end(next), next: next, typ: Date, c: c, hijri: true, guessYear: true}, true
	}
	if !hasDay {
		g := HijriToGregorian(y, m, 15)
		c := dayOf(g)
		c.g = gMonth
		return cand{start: start, end: p.end(yn), next: yn, typ: Date, c: c, hijri: true}, true
	}
	if d > 30 {
		return cand{}, false
	}
	return cand{start: start, end: p.end(yn), next: yn, typ: Date, c: dayOf(HijriToGregorian(y, m, d)), hijri: true}, true
}

// hijriMarker reports whether t marks a Hijri year: «هـ», «ه», «هجري»,
// «للهجرة», "AH".
func hijriMarker(t *token.Token) bool {
	switch t.Norm {
	case "ه", "هـ", "هجري", "هجريه", "للهجره", "ah":
		return true
	}
	return false
}
