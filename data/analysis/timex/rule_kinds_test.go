package timex

import (
	"os"
	"strings"
	"testing"
	"time"

	"annals/data/analysis/token"
)

// TestRuleKindsTurnOthersAway: bestAt and ExtractTokens skip a rule at a
// token of a kind outside its set, so the rule must find nothing there. Every
// rule is tried at every token of the Arabic seed and of dated English and
// Arabic sentences, and must fail wherever it would be skipped (and succeed
// somewhere, or the test reads nothing).
func TestRuleKindsTurnOthersAway(t *testing.T) {
	seed, err := os.ReadFile("../../../assets/samples/majalla-china-ai.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{string(seed), strings.Join([]string{
		"On Monday, March 3, 2025, the firm said that last week's 3-4 split, due on 12/05/2024 at 10:30 a.m., was late.",
		"In the ’90s and the 1980s, in the 21st century, in Q3 2016 and 2016 Q3, over 3 years ago, in two weeks,",
		"the week after next, the rest of the year, every day, daily, this summer, on the 27th, two days before Christmas,",
		"from 4 to 22 January 1995, between 2014 and 2018, the second Monday of May, now, today, tomorrow, that day.",
		"قال يوم الاثنين 12 يناير 2016 إن الاجتماع بعد غد وقبل 3 أيام وبعد أسبوعين، وفي نهاية الأسبوع، وبقية الشهر،",
		"في الأسبوع الثالث من يوليو، في الحادي والعشرين من رمضان 1445 هـ، منذ عام 2019، الربع الثالث، عيد الفطر، اليوم الثاني،",
		"1 شهر و 21 يوم من الآن، في وقت لاحق من هذا العام، آخر 3 سنوات، بين 2014 و2018، من 4 إلى 22 يناير.",
	}, " ")}
	dct := time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)
	found := 0
	for _, text := range texts {
		toks := token.Tokenize(text)
		p := &parser{text: text, toks: toks, hasDCT: true, dct: dayOf(dct), ref: dayOf(dct), opt: Options{DCT: dct}}
		p.sentences()
		p.markStrong()
		for _, list := range [][]keyedRule{rules, periodRules} {
			for k, r := range list {
				for i := range toks {
					_, ok := r.try(p, i)
					if ok && r.kinds&p.kindAt(i) == 0 {
						t.Errorf("rule %d of %d finds a date at %q, a token of kind %b outside its kinds %b", k, len(list), toks[i].Norm, p.kindAt(i), r.kinds)
					}
					if ok {
						found++
					}
				}
			}
		}
	}
	if found < 50 {
		t.Fatalf("the rules found only %d dates in the test texts", found)
	}
}
