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
		"عقب", "غره", "مستهل", "just", "only", "from", "between", "on", "rest", "weekend", "tmrw", "tmr", "q", "h")
	return m
}

// starters holds every folded word a rule can start on; tokens outside it
// (most of any text) skip the rule loop. Built after the tables are folded.
var starters map[string]bool

// startable reports whether any rule can start at token i.
func (p *parser) startable(i int) bool {
	t := &p.toks[i]
	switch t.Kind {
	case token.Number:
		return true
	case token.Punct:
		return t.Norm == "'" || t.Norm == "’"
	}
	if starters[t.Norm] {
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
