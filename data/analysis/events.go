package analysis

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"annals/data/analysis/token"
)

// Event types, in order of precedence when a sentence has several triggers.
var eventTypes = []string{"regulation", "agreement", "release", "announcement", "political", "market"}

// triggers maps folded words (English and Arabic) to event types.
var triggers = map[string]string{
	// regulation
	"executive": "regulation", "ban": "regulation", "banned": "regulation", "bans": "regulation",
	"law": "regulation", "regulation": "regulation", "regulations": "regulation", "sanctions": "regulation",
	"restrictions": "regulation", "tariff": "regulation", "tariffs": "regulation", "regulators": "regulation",
	"التنفيذيه": "regulation", "تنفيذي": "regulation", "تنفيذيا": "regulation", "قانون": "regulation", "حظر": "regulation",
	"عقوبات": "regulation", "قيود": "regulation", "لوائح": "regulation", "الرسوم": "regulation", "رسوما": "regulation",
	"حظرت": "regulation", "حظره": "regulation", "حظرها": "regulation",
	// agreement
	"signed": "agreement", "signs": "agreement", "signing": "agreement", "agreement": "agreement", "deal": "agreement", "agreed": "agreement",
	"acquired": "agreement", "acquisition": "agreement", "acquire": "agreement", "merger": "agreement",
	"partnership": "agreement", "treaty": "agreement",
	"وقع": "agreement", "وقعت": "agreement", "توقيع": "agreement", "توقيعه": "agreement", "اتفاق": "agreement",
	"اتفاقيه": "agreement", "صفقه": "agreement", "استحواذ": "agreement", "شراكه": "agreement", "معاهده": "agreement",
	"استحوذ": "agreement", "استحوذت": "agreement", "اتفق": "agreement", "اتفقت": "agreement",
	// release
	"released": "release", "release": "release", "releases": "release", "launched": "release", "launch": "release",
	"launches": "release", "unveiled": "release", "unveils": "release", "debuted": "release", "introduced": "release",
	"shipped": "release", "rolled": "release", "releasing": "release", "launching": "release", "unveiling": "release",
	"published": "release", "publishes": "release",
	"اطلق": "release", "اطلقت": "release", "اطلاق": "release", "طرح": "release", "طرحت": "release",
	"دشن": "release", "دشنت": "release", "تدشين": "release", "كشفت": "release", "اصدرت": "release",
	// announcement
	"announced": "announcement", "announces": "announcement", "announce": "announcement", "announcement": "announcement",
	"declared": "announcement", "announcing": "announcement",
	"اعلن": "announcement", "اعلنت": "announcement", "اعلان": "announcement", "صرح": "announcement", "صرحت": "announcement",
	"كشف": "announcement",
	// political / ceremony
	"inauguration": "political", "inaugurated": "political", "inaugural": "political", "sworn": "political",
	"elected": "political", "election": "political", "speech": "political", "visit": "political",
	"visited": "political", "summit": "political", "met": "political", "resigned": "political", "vote": "political",
	"تنصيب": "political", "تنصيبه": "political", "خطاب": "political", "انتخاب": "political", "انتخابات": "political",
	"زياره": "political", "زار": "political", "قمه": "political", "اجتماع": "political", "التقي": "political",
	"استقال": "political", "فاز": "political",
	// the feminine and masculine forms of the verbs above: the same event
	// told in either gets the same type
	"زارت": "political", "التقت": "political", "استقالت": "political", "فازت": "political", "انتخب": "political",
	"انتخبت": "political", "اجتمع": "political", "اجتمعت": "political",
	// market
	"shares": "market", "stock": "market", "stocks": "market", "market": "market", "plunged": "market",
	"surged": "market", "valuation": "market", "ipo": "market",
	"اسهم": "market", "البورصه": "market", "انخفضت": "market", "ارتفعت": "market", "تراجعت": "market", "السوق": "market",
}

// projectWords turn a launch into an announcement («إطلاق مشروع»).
var projectWords = map[string]bool{"مشروع": true, "مبادره": true, "خطه": true, "برنامج": true, "project": true, "initiative": true, "plan": true, "program": true, "programme": true}

// eventPrecisions are the granularities precise enough to place an event.
var eventPrecisions = map[string]bool{"day": true, "week": true, "month": true, "season": true, "quarter": true, "year": true}

func findEvents(text string, toks []token.Token, res Result) []Event {
	var out []Event
	seen := map[[2]int]bool{}
	si := 0
	var sc *sentenceClauses
	var spanIndex *articleSpans
	var others []Span
	for _, tx := range res.Timexes {
		if !(tx.Type == "DATE" && eventPrecisions[tx.Precision] || timeOfADay(tx)) {
			continue
		}
		for si < len(res.Sentences) && res.Sentences[si].End <= tx.Start {
			si++
		}
		if si >= len(res.Sentences) {
			break
		}
		s := res.Sentences[si]
		if tx.Start < s.Start {
			continue
		}
		// a time expression running over a sentence break ("Jan. 20")
		// takes the following sentence along
		for k := si + 1; k < len(res.Sentences) && s.End < tx.End; k++ {
			s.End = res.Sentences[k].End
			s.Text = text[s.Start:s.End]
		}
		key := [2]int{si, len(tx.Value)*1000000 + hashValue(tx.Value)}
		if seen[key] {
			continue
		}
		seen[key] = true
		if sc == nil || sc.sentence != s.Span {
			if spanIndex == nil {
				spanIndex = newArticleSpans(res)
			}
			sc = newSentenceClauses(text, toks, s.Span, res, spanIndex)
		}
		// a date with no statement around it (a dateline, the byline's
		// date) is the page's metadata, not an event
		if sc.metadataOnly() {
			continue
		}
		ev := Event{Date: tx.Value, Precision: tx.Precision, Sentence: s.Span, SentenceText: s.Text, Timex: tx.Span, Type: "other"}
		if tx.Type == "TIME" && len(tx.Value) >= 10 {
			ev.Date, ev.Precision = tx.Value[:10], "day"
		}
		// Another date of the sentence claims the triggers nearer to it:
		// "X announced R1 on 20 January, and Nvidia fell on 27 January"
		// is no announcement on the 27th.
		// Only a date of the same clause competes: in «ديب سيك، التي
		// أسسها… في 2023، أطلقت…» the founding year claims nothing of the
		// main clause.
		clause := sc.clauseOf(tx.Span)
		others = others[:0]
		for k, o := range sc.timexes {
			if o != tx.Span && sc.placing[k] && sc.clauseOf(o) == clause {
				others = append(others, o)
			}
		}
		spans := sc.clauseSpans(clause)
		trig, typ := sentenceTrigger(toks, spans, tx.Span, others)
		if trig != nil {
			ev.Type, ev.Trigger = typ, text[trig.Start:trig.End]
		}
		title, borrowed := sc.title(clause, tx.Span, trig)
		ev.Title = title
		spans = append(spans, borrowed...)
		// "the company had already published QwQ": Alibaba, named before
		// «وأضاف أن…»: the person named before, whose pronoun the verb holds
		sc.date = tx.Span
		ev.EntityIDs = sc.participants(clause, spans, res.Entities, sc.companyReferent(spans, spanIndex), sc.personReferent(spans, spanIndex),
			sc.arabicSubjectReferent(spans, tx.Span, spanIndex, res.Entities), sc.arPossessiveReferent(spans, spanIndex, res.Entities))
		out = append(out, ev)
	}
	return out
}

// timeOfADay reports whether tx is a time of a named day ("Wednesday
// morning's hearing", 2019-11-20TMO): the event is on that day. A clock
// time alone ("updated at 5:45 p.m.") names no day, though its value
// carries the publication date.
func timeOfADay(tx Timex) bool {
	v := tx.Value
	if tx.Type != "TIME" || len(v) < 10 || v[4] != '-' || v[7] != '-' || v[0] < '0' || v[0] > '9' {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(tx.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "a", "p", "m", "am", "pm", "et", "gmt", "utc", "noon", "midnight", "at", "o", "clock", "h":
		default:
			return true
		}
	}
	return false
}

func hashValue(s string) int {
	h := 0
	for i := 0; i < len(s); i++ {
		h = (h*31 + int(s[i])) % 999983
	}
	return h
}

// gap is how far apart two spans are, in bytes; 0 when they overlap.
func gap(a, b Span) int {
	switch {
	case a.End <= b.Start:
		return b.Start - a.End
	case b.End <= a.Start:
		return a.Start - b.End
	}
	return 0
}

// sentenceTrigger returns the trigger token of highest precedence in span
// among those nearer to the time expression tx than to any of others (the
// sentence's other dates).
func sentenceTrigger(toks []token.Token, spans []Span, tx Span, others []Span) (*token.Token, string) {
	bestRank := len(eventTypes)
	var best *token.Token
	for _, s := range spans {
		for i := firstToken(toks, s.Start); i < len(toks); i++ {
			t := &toks[i]
			if t.End > s.End {
				break
			}
			if r := triggerRank(toks, i, tx, others); r < bestRank {
				bestRank, best = r, t
			}
		}
	}
	if best == nil {
		return nil, ""
	}
	return best, eventTypes[bestRank]
}

// triggerRank is the precedence of token i as a trigger of the date tx
// (len(eventTypes) when it is none).
func triggerRank(toks []token.Token, i int, tx Span, others []Span) int {
	t := &toks[i]
	none := len(eventTypes)
	if t.Kind != token.Word {
		return none
	}
	if ts := (Span{Start: t.Start, End: t.End}); slices.ContainsFunc(others, func(o Span) bool { return gap(ts, o) < gap(ts, tx) }) {
		return none
	}
	typ, ok := "", false
	if v, _, found := token.FormOf(t, triggers); found {
		typ, ok = v, true
	} else if t.Arabic && strings.Contains(t.Norm, "تنصيب") {
		typ, ok = "political", true
	} else if !t.Arabic && t.Upper && (t.Norm == "act" || t.Norm == "acts") && i > 0 && toks[i-1].Upper {
		// "the AI Act", "the CHIPS Act": a law's name, «قانون» in Arabic
		typ, ok = "regulation", true
	}
	if !ok {
		return none
	}
	if typ == "release" {
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if _, _, p := token.FormOf(&toks[k], projectWords); p {
				typ = "announcement"
				break
			}
		}
	}
	if typ == "regulation" && t.Norm == "executive" && !(i+1 < len(toks) && (toks[i+1].Norm == "order" || toks[i+1].Norm == "orders")) {
		return none
	}
	return slices.Index(eventTypes, typ)
}

// isEventNoun reports whether a word of a time expression names the event
// itself (the timex rule for inaugurations reads the day from it).
func isEventNoun(t *token.Token) bool {
	return t.Arabic && strings.Contains(t.Norm, "تنصيب") || t.Norm == "inauguration" || t.Norm == "inaugural"
}

func isFiller(w string) bool {
	switch strings.Trim(w, ".،,“”\"") {
	case "", "في", "on", "in", "at", "of", "وفي", "ففي", "and", "the", "و", "خلال", "during",
		// a relative clause's pronouns: a title does not start on them
		"التي", "الذي", "بها", "به", "فيها", "فيه", "لها", "له", "عليها", "عليه", "منها", "منه", "which", "that", "who":
		return true
	}
	return false
}

// firstToken is the index of the first token starting at or after off.
func firstToken(toks []token.Token, off int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= off })
}
