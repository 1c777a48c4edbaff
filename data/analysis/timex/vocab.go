package timex

import (
	"strings"

	"annals/data/analysis/token"
)

func buildStarters() map[string]bool {
	m := map[string]bool{}
	addKeys := func(keys ...string) {
		for _, k := range keys {
			m[k] = true
		}
	}
	for k := range months {
		addKeys(k)
	}
	for k := range months2 {
		addKeys(k)
	}
	for k := range hijriMonths {
		addKeys(k)
	}
	for k := range hijriMonths2 {
		addKeys(k)
	}
	for k := range weekdays {
		addKeys(k)
	}
	for k := range units {
		addKeys(k)
	}
	for k := range defUnits {
		addKeys(k)
	}
	for k, uw := range units {
		if uw.plural != 0 {
			addKeys("ال" + k) // «الأيام القليلة الماضية», «اليومين المقبلين»
		}
	}
	for k := range enDirBefore {
		addKeys(k)
	}
	for k := range seasons {
		addKeys(k)
	}
	for k := range enNumbers {
		addKeys(k)
	}
	for k := range enOrdinals {
		addKeys(k)
	}
	for _, mp := range []map[string]int{arUnits, arTens, arHundreds, arThousands, arOrdinals, arDecades, relDays} {
		for k := range mp {
			addKeys(k)
		}
	}
	for k := range presentRef {
		addKeys(k)
	}
	for k := range modWords {
		addKeys(k)
	}
	for k := range setAdverbs {
		addKeys(k)
	}
	for k := range holidayIndex {
		addKeys(k)
	}
	addKeys("the", "this", "that", "a", "an", "one", "هذا", "هذه", "قبل", "منذ", "بعد", "اول", "نفس", "ذلك",
		"يوم", "اليوم", "about", "some", "nearly", "almost", "over", "more", "less", "حوالي", "نحو", "قرابه",
		"recent", "every", "each", "كل", "fiscal", "عام", "سنه", "العام", "السنه", "in", "في", "القرن", "الربع",
		"q1", "q2", "q3", "q4", "earlier", "later", "several", "few", "many", "بضعه", "بضع", "عده",
		"years", "months", "weeks", "decades", "last", "next", "اب", "'", "’", "tonight",
		"من", "بين", "بقيه", "باقي", "عطله", "نهايه", "نهايات", "الاسبوع", "الي", "لاحقا", "وقت", "اخر", "ثاني", "ثالث", "رابع", "خامس",
		"عقب", "غره", "مستهل", "just", "only", "from", "between", "on", "rest", "weekend", "tmrw", "tmr", "q", "h", "week", "month", "شهر", "اسبوع")
	return m
}

// starters holds every folded word a rule can start on; tokens outside it
// (most of any text) skip the rule loop. Built after the tables are folded.
var starters map[string]bool

// weakStarters are English function words that open many expressions
// ("the 27th", "on Friday", "from 4 to 22 May") but no date by themselves:
// a rule is tried on them only when a word that can carry a date follows
// closely. English text is full of them; trying every rule at each one
// would double the time of the whole stage.
var weakStarters = map[string]bool{
	"the": true, "a": true, "an": true, "one": true, "this": true, "that": true, "in": true, "on": true,
	"from": true, "between": true, "about": true, "some": true, "nearly": true, "almost": true, "over": true,
	"more": true, "less": true, "several": true, "few": true, "many": true,
	"just": true, "only": true, "rest": true, "early": true, "late": true, "mid": true, "end": true,
	"beginning": true, "start": true, "middle": true, "h": true, "q": true, "recent": true,
	// first words of holidays, which need their "day" / "year" after them
	"new": true, "president": true, "presidents": true, "father": true, "fathers": true, "mother": true,
	"mothers": true, "black": true, "cyber": true, "earth": true,
	"mlk": true, "columbus": true, "veterans": true, "islamic": true, "hijri": true, "thanks": true,
	"independence": true, "labor": true, "memorial": true, "valentine": true, "election": true,
}

// weakReach is how far after a weak starter a date word must stand: "on
// the 27th", "a week before".
const weakReach = 3

// markStrong records, for every token, the index of the nearest token at or
// after it that can carry a date by itself (a number or a non-weak starter).
func (p *parser) markStrong() {
	p.starts = resized(p.starts, len(p.toks))
	for i := range p.toks {
		var bits uint8
		if t := &p.toks[i]; t.Kind == token.Word && mayStart(t.Norm) {
			bits = starterBits[t.Norm]
		}
		p.starts[i] = bits // every value is set: the slice may be reused
	}
	p.nextStrong = resized(p.nextStrong, len(p.toks)+1) // every value is set below
	p.nextStrong[len(p.toks)] = int32(len(p.toks) + weakReach + 1)
	for i := len(p.toks) - 1; i >= 0; i-- {
		if p.strongAt(i) {
			p.nextStrong[i] = int32(i)
		} else {
			p.nextStrong[i] = p.nextStrong[i+1]
		}
	}
}

func (p *parser) strongAt(i int) bool {
	t := &p.toks[i]
	switch t.Kind {
	case token.Number:
		return true
	case token.Punct:
		return false
	}
	if t.Arabic {
		return true // Arabic words are not filtered
	}
	return p.starts[i]&(startsAny|startsWeak) == startsAny || p.opt.USPresident && strings.HasPrefix(t.Norm, "inaugura")
}

// starterBits holds starters and weakStarters in one map, so that a token
// is looked up once (built with starters).
var starterBits map[string]uint8

// starterFilter has the bit starterSlot(w) set for every w of starterBits
// (built with it): a word whose bit is clear is in neither list, which
// spares the map look-up of five words in six of an English text, most of
// what markStrong cost (issue 19).
var starterFilter [starterFilterBits / 64]uint64

const starterFilterBits = 4096

// starterSlot is w's bit in starterFilter, from its length and its first
// and last bytes.
func starterSlot(w string) uint32 {
	if w == "" {
		return 0
	}
	h := uint32(len(w))*0x9e3779b1 ^ uint32(w[0])*0x85ebca77 ^ uint32(w[len(w)-1])*0xc2b2ae3d
	return h >> 20 // 12 bits: starterFilterBits
}

// mayStart reports whether w may be in starterBits: false only when it is
// certainly not.
func mayStart(w string) bool {
	b := starterSlot(w)
	return starterFilter[b/64]&(1<<(b%64)) != 0
}

// The bits of parser.starts and starterBits.
const (
	startsAny     uint8 = 1 << iota // the token's Norm is in starters
	startsWeak                      // and in weakStarters
	startsRangeTo                   // the token's Norm is in rangeTo (joinAhead)
)

// isStarter and isWeakStarter answer starters[t.Norm] and
// weakStarters[t.Norm] for token i, from markStrong's look-ups when made.
func (p *parser) isStarter(i int) bool {
	if p.starts != nil {
		return p.starts[i]&startsAny != 0
	}
	return starters[p.toks[i].Norm]
}

func (p *parser) isWeakStarter(i int) bool {
	if p.starts != nil {
		return p.starts[i]&startsWeak != 0
	}
	return weakStarters[p.toks[i].Norm]
}

// startable reports whether any rule can start at token i.
func (p *parser) startable(i int) bool {
	t := &p.toks[i]
	switch t.Kind {
	case token.Number:
		return true
	case token.Punct:
		// an apostrophe opens a date only before its number ("the ’90s",
		// rDecade); most are possessives and quotation marks, a fifth of
		// the tokens an English text would try every rule at (issue 19)
		return (t.Norm == "'" || t.Norm == "’") && i+1 < len(p.toks) && p.toks[i+1].Kind == token.Number
	}
	if !t.Arabic && p.isWeakStarter(i) {
		return p.nextStrong != nil && int(p.nextStrong[i+1]) <= i+weakReach
	}
	if p.isStarter(i) {
		return true
	}
	for _, f := range t.Forms {
		if starters[f.Text] {
			return true
		}
	}
	if t.Arabic {
		return p.opt.USPresident && strings.Contains(t.Norm, "تنصيب")
	}
	return p.opt.USPresident && strings.HasPrefix(t.Norm, "inaugura")
}
