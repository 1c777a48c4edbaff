package timex

import (
	"annals/data/analysis/token"
	"annals/data/textnorm"
)

// Offsets anchored on a date of the same phrase, and dates written twice
// (Hijri and Gregorian).

// anchorReach is how many tokens after "after" / «من» the anchoring date may
// start: "two days after the summit of the G20 leaders held on 3 March".
const anchorReach = 14

// offsetHeads open an Arabic offset: «بعد يومين من», «قبل أسبوع من».
var offsetHeads = map[string]bool{"بعد": true, "قبل": true, "عقب": true}

// rAnchoredOffset: "two days after the summit held on 3 March" (5 March),
// "the day before the vote on 9 June", "three years after it was founded in
// 2015", «بعد يوم من الاجتماع الذي عقد في 10 أبريل», «قبل أسبوعين من
// انتخابات 5 مايو», «بعد مرور عامين على تأسيسها عام 2015». The offset is
// read from the date it names, not from the last date of the text.
func rAnchoredOffset(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind == token.Punct {
		return cand{}, false
	}
	var n, k int
	var u unit
	sign := 1
	start := t.Start
	whole := false // "the week before Christmas" is a week, not a day
	if t.Arabic {
		_, s, found := token.FormOf(t, offsetHeads)
		if !found {
			return cand{}, false
		}
		start = s // «وبعد» starts at «بعد»
		if p.is(i, "قبل") {
			sign = -1
		}
		j := p.skip(i+1, "مرور", "نحو", "حوالي")
		var ok bool
		n, u, k, ok = p.amount(j)
		if !ok {
			uw, _, ok2 := lookup(p, j, units)
			if !ok2 || uw.plural != 0 || !p.toks[j].Arabic {
				return cand{}, false
			}
			n, u, k = 1, uw.u, j+1
		}
		k = p.skip(k, "واحد", "واحده", "فقط")
		if !p.is(k, "من", "علي") {
			return cand{}, false
		}
		k++
	} else {
		j := i
		var ok bool
		if p.is(i, "the") && p.is(i+2, "after", "before") {
			uw, ok2 := units[normOf(p.tok(i+1))]
			if !ok2 || uw.plural != 0 {
				return cand{}, false
			}
			n, u, k, ok = 1, uw.u, i+2, true
			whole = uw.u != uDay
		} else {
			if p.is(j, "about", "some", "nearly", "almost", "just", "only") {
				j++
			}
			n, u, k, ok = p.amount(j)
		}
		if !ok || !p.is(k, "after", "before", "from") {
			return cand{}, false
		}
		if p.is(k, "before") {
			sign = -1
		}
		if p.is(k, "from") {
			// "three weeks from tomorrow": the anchor comes at once
			a, ok := p.bestAt(k + 1)
			if !ok || a.typ != Date || a.value != "" || a.c.g != gDay {
				return cand{}, false
			}
		}
		k++
	}
	if n <= 0 || u < uDay {
		return cand{}, false
	}
	a, ok := p.anchorAfter(k)
	if !ok {
		return cand{}, false
	}
	var c cal
	switch {
	case a.c.g == gDay:
		c = a.c.add(u, sign*n)
	case a.c.g == gMonth && u >= uMonth, a.c.g == gYear && u >= uYear:
		c = a.c.add(u, sign*n)
	default:
		return cand{}, false
	}
	if whole && c.g == gDay {
		c = c.at(u)
	}
	return cand{start: start, end: a.end, next: a.next, typ: Date, c: c}, true
}

// anchorAfter finds the date that anchors an offset in the phrase starting
// at token k: the first calendar date before the phrase ends (a comma, a
// semicolon, a full stop or a bracket).
func (p *parser) anchorAfter(k int) (cand, bool) {
	if k >= len(p.toks) {
		return cand{}, false
	}
	s := p.sent[k]
	for j := k; j < len(p.toks) && j < k+anchorReach && p.sent[j] == s; j++ {
		if p.punct(j, ",", "،", ";", "؛", ".", ":", "(", ")", "!", "?", "؟") {
			return cand{}, false
		}
		if p.is(j, "and", "but", "while", "then", "ثم", "بينما") {
			return cand{}, false
		}
		if !p.startable(j) {
			continue
		}
		a, ok := p.bestAt(j)
		if !ok || a.typ != Date {
			continue
		}
		if a.value != "" || a.anaphoric || a.c.g < gYear || a.c.g == gSeason || a.c.g == gQuarter || a.c.g == gWeek {
			return cand{}, false
		}
		return a, true
	}
	return cand{}, false
}

// pairEquivalent joins a date to its equivalent in the other calendar
// written right after it: «1 رمضان 1445 هـ، الموافق 11 مارس», «11 مارس 2024
// (1 رمضان 1445 هـ)», "1 Ramadan 1445 AH (11 March 2024)". The two are one
// expression on the Gregorian day; a Gregorian day written without its year
// takes the year that puts it nearest the Hijri date.
func (p *parser) pairEquivalent(c cand) cand {
	if c.typ != Date || c.value != "" || c.c.g != gDay {
		return c
	}
	k := p.skipPunct(c.next, ",", "،", "-")
	paren := p.punct(k, "(")
	if paren {
		k++
	}
	cue := false
	if p.is(k, "الموافق", "الموافقه", "الموافقين") || p.is(k, "corresponding") && p.is(k+1, "to") {
		cue = true
		k++
		if p.is(k, "to") {
			k++
		}
		if t := p.tok(k); t != nil && t.Arabic && t.Norm == "ل" {
			k++
		}
	}
	if !paren && !cue || k >= len(p.toks) || !p.startable(k) {
		return c
	}
	o, ok := p.bestAt(k)
	if !ok || o.typ != Date || o.value != "" || o.c.g != gDay || o.hijri == c.hijri {
		return c
	}
	g, h := c, o
	if c.hijri {
		g, h = o, c
	}
	day := g.c
	if g.guessYear {
		best := -1
		for y := h.c.y - 1; y <= h.c.y+1; y++ {
			x, ok := p.dayCal(y, day.m, day.d)
			if !ok {
				continue
			}
			dist := int(x.time().Sub(h.c.time()).Hours() / 24)
			if dist < 0 {
				dist = -dist
			}
			if best < 0 || dist < best {
				best, day = dist, x
			}
		}
	}
	out := cand{start: c.start, end: o.end, next: o.next, typ: Date, c: day}
	if paren && p.punct(out.next, ")") {
		out.end, out.next = p.toks[out.next].End, out.next+1
	}
	return out
}

// dateCues are the words after which a bare number pair is a day and a
// month: «في 3.1», «يوم 12/5», «بتاريخ 1.3».
var dateCues = map[string]bool{
	"في": true, "يوم": true, "بتاريخ": true, "تاريخ": true, "منذ": true, "حتي": true,
	"الموافق": true, "عند": true, "on": true, "since": true, "until": true, "by": true,
	"الاحد": true, "الاثنين": true, "الثلاثاء": true, "الاربعاء": true, "الخميس": true, "الجمعه": true, "السبت": true,
}

// dateCueBefore reports whether the word before token i announces a date
// and nothing after the pair makes it an amount («3.5 دولار», «2.5%»).
func (p *parser) dateCueBefore(i int) bool {
	if nt := p.tok(i + 3); nt != nil && !nt.Break {
		if nt.Kind == token.Punct && nt.Norm == "%" || nt.Kind == token.Word && nt.Arabic && !p.is(i+3, "من", "في", "عند", "الساعه", "حتي", "الي", "و") {
			return false
		}
	}
	t := p.tok(i - 1)
	if t == nil {
		return false
	}
	if t.Kind == token.Punct {
		return t.Norm == "(" || t.Norm == "-" || t.Norm == "،" || t.Norm == ","
	}
	if hasForm(t, dateCues) {
		return true
	}
	// a verb: «سأعود 4.22», «أعلن 3.1» (a name stands before a version)
	if t.Arabic {
		if arPast[t.Norm] || arFuture[t.Norm] {
			return true
		}
		if len(t.Norm) >= 8 && !notFuture[t.Norm] {
			switch t.Norm[:4] {
			case "سا", "سي", "ست", "سن":
				return true
			}
		}
	}
	return false
}

// versionWords are the words after which a number is a version or a model,
// never a date: "iOS 18", «الإصدار 2.1», "Windows 11".
var versionWords = map[string]bool{
	"version": true, "v": true, "release": true, "model": true, "gpt": true, "ios": true, "android": true,
	"windows": true, "macos": true, "llama": true, "gemini": true, "qwen": true, "claude": true,
	"mistral": true, "deepseek": true, "python": true, "gemma": true, "phi": true, "grok": true,
	"الاصدار": true, "اصدار": true, "النسخه": true, "نسخه": true, "الاصدارين": true, "النموذج": true,
	"نموذج": true, "جيميني": true, "جيمناي": true, "لاما": true, "كلود": true, "كوين": true, "غروك": true,
}

// versionBefore reports whether the number at token i follows a version
// word or a product's name written in Latin letters within Arabic text.
func (p *parser) versionBefore(i int) bool {
	t := p.tok(i - 1)
	if t == nil {
		return false
	}
	if t.Kind == token.Punct && t.Norm == "-" && !t.Space {
		t = p.tok(i - 2) // "GPT-4"
		if t == nil {
			return false
		}
	}
	if t.Kind != token.Word {
		return false
	}
	if hasForm(t, versionWords) {
		return true
	}
	// a capitalised Latin word inside a sentence, not a cue ("in", "of")
	// nor a month: a name ("Office 2019", «ويندوز»'s Latin twin)
	k := i - 1
	if t != &p.toks[k] {
		k--
	}
	return !t.Arabic && t.Upper && !monthOrDay(t) && !enYearCue[t.Norm] && k > 0 && p.sent[k-1] == p.sent[k]
}

func monthOrDay(t *token.Token) bool {
	if _, ok := months[t.Norm]; ok {
		return true
	}
	_, ok := weekdays[t.Norm]
	return ok
}

func init() {
	textnorm.FoldKeys(dateCues)
	textnorm.FoldKeys(versionWords)
}

// rAfterNext: "the week after next", "the month after the next", "the
// weekend after next", «الأسبوع بعد المقبل» is rRelUnit's.
func rAfterNext(p *parser, i int) (cand, bool) {
	if !p.hasDCT || !p.is(i, "the") || !p.is(i+2, "after") {
		return cand{}, false
	}
	u, ok := defUnits[normOf(p.tok(i+1))]
	if !ok || p.toks[i+1].Arabic || u == uDay {
		return cand{}, false
	}
	k := p.skip(i+3, "the")
	if !p.is(k, "next") {
		return cand{}, false
	}
	c := p.dct.add(u, 2).at(u)
	return cand{start: p.toks[i].Start, end: p.toks[k].End, next: k + 1, typ: Date, c: c, weekend: u == uWeekend}, true
}

// rWeekOf: "the week of March 18", «أسبوع 16 سبتمبر»: the week holding the
// day; "the month of September 16", «من شهر سبتمبر 16»: its month.
func rWeekOf(p *parser, i int) (cand, bool) {
	t := p.tok(i)
	if t == nil || t.Kind != token.Word {
		return cand{}, false
	}
	k := i
	if p.is(k, "the", "من") {
		k++
	}
	var u unit
	switch {
	case p.is(k, "week") && p.is(k+1, "of"):
		u, k = uWeek, k+2
	case p.is(k, "month") && p.is(k+1, "of"):
		u, k = uMonth, k+2
	case p.is(k, "اسبوع", "الاسبوع") && p.toks[k].Arabic:
		u, k = uWeek, k+1
	case p.is(k, "شهر") && p.toks[k].Arabic:
		u = uMonth // «شهر سبتمبر 16»: the month name follows
	default:
		return cand{}, false
	}
	if p.is(i, "من") && u != uMonth {
		return cand{}, false
	}
	if k >= len(p.toks) || !p.startable(k) {
		return cand{}, false
	}
	a, ok := p.bestAt(k)
	if !ok || a.typ != Date || a.value != "" || a.c.g != gDay {
		return cand{}, false
	}
	if u == uMonth && p.is(k, "شهر") {
		// «شهر سبتمبر 16» reads as the month; rExplicit gave the day
		if _, _, _, _, ok := p.monthAt(k + 1); !ok {
			return cand{}, false
		}
	}
	return cand{start: t.Start, end: a.end, next: a.next, typ: Date, c: a.c.at(u)}, true
}
