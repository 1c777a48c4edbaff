package analysis

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/analysis/token"
)

// sentenceClauses is one sentence read into clauses, shared by the events
// of its dates.
type sentenceClauses struct {
	sentence Span
	text     string
	toks     []token.Token
	lo, hi   int    // the sentence's tokens [lo, hi)
	timexes  []Span // the dates and times inside the sentence
	placing  []bool // per timexes: precise enough to place an event
	mentions []sentenceMention
	segs     []segment
	arabic   bool
	// date is the event's time expression: names quoted in a sentence
	// whose date stands outside the quotation are what was said
	date   Span
	quotes []Span // the sentence's quotations, once read (nil: not yet)
}

// articleSpans are the article's dates and entity mentions, in text
// order, gathered once so that each sentence takes its share by binary
// search.
type articleSpans struct {
	sents    []Sentence
	dates    []Span
	placing  []bool // the date is precise enough to place an event
	mentions []sentenceMention
}

func newArticleSpans(res Result) *articleSpans {
	a := &articleSpans{sents: res.Sentences}
	for _, tx := range res.Timexes {
		// a duration ("for 90 days") is part of what happened, not its date
		if tx.Type == "DATE" || tx.Type == "TIME" {
			a.dates = append(a.dates, tx.Span)
			a.placing = append(a.placing, eventPrecisions[tx.Precision])
		}
	}
	n := 0
	for _, e := range res.Entities {
		n += len(e.Mentions)
	}
	a.mentions = make([]sentenceMention, 0, n)
	for ei, e := range res.Entities {
		for _, m := range e.Mentions {
			a.mentions = append(a.mentions, sentenceMention{Span: m, entity: ei, typ: e.Type})
		}
	}
	slices.SortFunc(a.mentions, func(x, y sentenceMention) int { return x.Start - y.Start })
	return a
}

func newSentenceClauses(text string, toks []token.Token, s Span, res Result, a *articleSpans) *sentenceClauses {
	sc := &sentenceClauses{sentence: s, text: text, toks: toks, arabic: res.Language == "ar"}
	sc.lo = firstToken(toks, s.Start)
	sc.hi = sc.lo
	for sc.hi < len(toks) && toks[sc.hi].End <= s.End {
		sc.hi++
	}
	// the dates overlapping the sentence (sorted by start, they do not nest)
	i := sort.Search(len(a.dates), func(i int) bool { return a.dates[i].End > s.Start })
	j := i
	for j < len(a.dates) && a.dates[j].Start < s.End {
		j++
	}
	sc.timexes, sc.placing = a.dates[i:j], a.placing[i:j]
	i = sort.Search(len(a.mentions), func(i int) bool { return a.mentions[i].Start >= s.Start })
	j = i
	for j < len(a.mentions) && a.mentions[j].Start < s.End {
		j++
	}
	sc.mentions = a.mentions[i:j:j]
	for len(sc.mentions) > 0 && sc.mentions[len(sc.mentions)-1].End > s.End {
		sc.mentions = sc.mentions[:len(sc.mentions)-1]
	}
	if res.Language == "" {
		sc.arabic = DetectLanguage(s.textOf(text)) == "ar"
	}
	sc.segs = segmentSentence(toks, sc.lo, sc.hi, sc.inTimex, sc.mentionAt)
	// A relative clause on a time noun dates the main clause only when
	// its date is the event it names («الوقت الذي كان فيه ترمب يلقي خطاب
	// تنصيبه»); one that holds a date of its own is a clause of its own
	// («في الوقت الذي أكد فيه… بعد الخسارة عام 2002»).
	next := 0
	for _, g := range sc.segs {
		next = max(next, g.clause+1)
	}
	for k := range sc.segs {
		g := &sc.segs[k]
		if !g.timeRef {
			continue
		}
		for i := g.first; i <= g.last; i++ {
			if sc.inTimex(i) && !isEventNoun(&toks[i]) && !strings.Contains(toks[i].Norm, "تنصيب") {
				g.timeRef, g.clause = false, next
				next++
				break
			}
		}
	}
	return sc
}

func (s Span) textOf(text string) string { return text[s.Start:s.End] }

func (sc *sentenceClauses) inTimex(i int) bool {
	t := &sc.toks[i]
	for _, x := range sc.timexes {
		if t.End > x.Start && t.Start < x.End {
			return true
		}
	}
	return false
}

func (sc *sentenceClauses) mentionAt(i int) bool {
	t := &sc.toks[i]
	for _, m := range sc.mentions {
		if t.End > m.Start && t.Start < m.End {
			return true
		}
	}
	return false
}

// metadataWords stand beside a date in a dateline or a byline without
// making it a statement.
var metadataWords = map[string]bool{
	"published": true, "updated": true, "posted": true, "modified": true, "last": true, "by": true, "on": true,
	"at": true, "date": true, "am": true, "pm": true, "gmt": true, "utc": true, "edt": true, "est": true,
	"نشر": true, "نشرت": true, "تاريخ": true, "النشر": true, "اخر": true, "تحديث": true, "التحديث": true,
	"بقلم": true, "في": true, "وفي": true, "ففي": true, "بتاريخ": true, "توقيت": true, "غرينتش": true, "مكه": true, "المكرمه": true,
	// «نشر في 08/02/2019 على الساعة 10:30»
	"علي": true, "الساعه": true, "صباحا": true, "مساء": true, "مساءا": true, "ظهرا": true,
}

// metadataOnly reports whether the sentence is a dateline or a byline: a
// date with at most a word or two that say when the page was published
// (or a byline's "By Jane Doe").
func (sc *sentenceClauses) metadataOnly() bool {
	if len(sc.timexes) == 0 {
		return false
	}
	rest, byline := 0, false
	if sc.lo < sc.hi {
		switch sc.toks[sc.lo].Norm {
		case "—", "–", "-":
			byline = true // an attribution: "— Jane Doe (@jane) November 1, 2019"
		}
	}
	for i := sc.lo; i < sc.hi; i++ {
		t := &sc.toks[i]
		if t.Kind != token.Word || sc.inTimex(i) {
			continue
		}
		if i > sc.lo && sc.toks[i-1].Norm == "@" {
			continue // a handle
		}
		if rest == 0 && (t.Norm == "by" || t.Norm == "بقلم") {
			byline = true
		}
		if metadataWords[t.Norm] || utf8.RuneCountInString(t.Norm) < 2 {
			continue // a lone letter: «م» after a year, "s" of "Jan's"
		}
		rest++
	}
	if byline {
		return rest <= 4
	}
	return rest == 0
}

// clauseOf is the clause holding the time expression tx.
func (sc *sentenceClauses) clauseOf(tx Span) int {
	for i := sc.lo; i < sc.hi; i++ {
		if sc.toks[i].End > tx.Start {
			if k := segmentOf(sc.segs, i); k >= 0 {
				return sc.segs[k].clause
			}
			break
		}
	}
	// the time expression sits on a break: the nearest segment's clause
	for k := len(sc.segs) - 1; k >= 0; k-- {
		if sc.toks[sc.segs[k].first].Start <= tx.Start {
			return sc.segs[k].clause
		}
	}
	return 0
}

// clauseSpans are the byte spans of the clause's segments, a relative
// clause on a time noun left out ("the moment when Trump spoke" dates the
// clause, its words are not the event).
func (sc *sentenceClauses) clauseSpans(clause int) []Span {
	var out []Span
	for _, s := range sc.segs {
		if s.clause == clause && !s.timeRef {
			out = append(out, Span{sc.toks[s.first].Start, sc.toks[s.last].End})
		}
	}
	if len(out) == 0 {
		out = append(out, sc.sentence)
	}
	return out
}

func (sc *sentenceClauses) title(clause int, tx Span, trig *token.Token) (string, []Span) {
	ti := -1
	if trig != nil {
		ti = firstToken(sc.toks, trig.Start)
	}
	c := titleContext{text: sc.text, toks: sc.toks, segs: sc.segs, tx: tx, trig: ti, inTimex: sc.inTimex,
		mentions: sc.mentions, arabic: sc.arabic}
	title, borrowed := c.eventTitleOf(clause)
	if fewerThanTwoFields(title) {
		// nothing but the date is left: the sentence, cut short
		title = cutTitle(joinFields(sc.text[sc.sentence.Start:sc.sentence.End]))
	}
	return title, borrowed
}

// participants are the entities named in spans — the event's clause and
// what its title borrowed from outside it (an antecedent, a subject, a
// pronoun's referent) — and, for a clause of simultaneity ("while he
// signed…", «أثناء توقيعه…»), in the main clause whose scene it is.
func (sc *sentenceClauses) participants(clause int, spans []Span, ents []Entity, referents ...int) []string {
	for k, s := range sc.segs {
		if s.clause != clause {
			continue
		}
		if s.kind == segSimultaneous && k > 0 {
			spans = append(spans, sc.clauseSpans(sc.segs[k-1].clause)...)
		}
		break
	}
	var buf [16]int
	idx := buf[:0]
	for _, r := range referents {
		if r >= 0 {
			idx = append(idx, r) // an entity the clause points back to
		}
	}
	for _, m := range sc.mentions {
		if m.typ == "place" && sc.placeModifier(m.Span) || sc.datelineAgency(m.Span) || sc.quotedApart(m.Span) {
			continue
		}
		for _, sp := range spans {
			if m.Start >= sp.Start && m.End <= sp.End && sp.End > sp.Start {
				idx = append(idx, m.entity)
				break
			}
		}
	}
	if len(idx) == 0 {
		return nil
	}
	// in the order of the entity list, as before
	slices.Sort(idx)
	idx = slices.Compact(idx)
	ids := make([]string, len(idx))
	for i, e := range idx {
		ids[i] = ents[e].ID
	}
	return ids
}

// quotedApart reports whether m stands inside a quotation of the sentence
// that the event's date is outside of: "“Scooter is frustrated,” an
// insider told the outlet on Monday" is the insider's telling, Scooter is
// what was told.
func (sc *sentenceClauses) quotedApart(m Span) bool {
	if sc.quotes == nil {
		sc.quotes = []Span{}
		open := -1
		for i := sc.lo; i < sc.hi; i++ {
			switch sc.toks[i].Norm {
			case "“", "«":
				open = sc.toks[i].End
			case "”", "»":
				if open >= 0 {
					sc.quotes = append(sc.quotes, Span{open, sc.toks[i].Start})
					open = -1
				}
			case "\"":
				if open < 0 {
					open = sc.toks[i].End
				} else {
					sc.quotes = append(sc.quotes, Span{open, sc.toks[i].Start})
					open = -1
				}
			}
		}
	}
	for _, q := range sc.quotes {
		if m.Start >= q.Start && m.End <= q.End {
			return !(sc.date.Start >= q.Start && sc.date.End <= q.End)
		}
	}
	return false
}

// companyNouns stand for an organisation named earlier: "the company".
var companyNouns = map[string]bool{"company": true, "firm": true, "startup": true, "start-up": true, "group": true,
	"chipmaker": true, "carmaker": true, "giant": true, "الشركه": true, "الشركة": true,
	// bodies: "the agency selected 11 companies", «وكانت الوكالة قد اختارت»
	"agency": true, "utility": true, "ministry": true, "regulator": true, "automaker": true, "retailer": true,
	"الوكاله": true, "الوزاره": true, "الهييه": true,
	// the press and teams: "an insider told the outlet", "the team will host"
	"outlet": true, "newspaper": true, "broadcaster": true, "network": true, "lender": true, "team": true,
	"club": true, "label": true, "league": true}

// companyReferent is the entity (an index into the result's entities,
// -1 for none) that "the company" (or «الشركة») in spans stands for, when
// spans name no organisation: the last one mentioned before the sentence,
// within a few sentences.
func (sc *sentenceClauses) companyReferent(spans []Span, a *articleSpans) int {
	found := false
	for _, sp := range spans {
		for i := firstToken(sc.toks, sp.Start); i < sc.hi && sc.toks[i].End <= sp.End; i++ {
			t := &sc.toks[i]
			if companyNouns[t.Norm] && (t.Arabic || sc.theBefore(i)) {
				found = true
			}
		}
		for _, m := range sc.mentions {
			if m.typ == "organisation" && m.Start >= sp.Start && m.End <= sp.End {
				return -1 // the clause names its organisation
			}
		}
	}
	if !found || a == nil {
		return -1
	}
	i := sort.Search(len(a.mentions), func(i int) bool { return a.mentions[i].Start >= sc.sentence.Start })
	last := -1
	for k := i - 1; k >= 0 && sc.sentence.Start-a.mentions[k].End < 600; k-- {
		if a.mentions[k].typ == "organisation" {
			last = k
			break
		}
	}
	if last < 0 {
		return -1
	}
	// the first organisation of that sentence, its subject more often than
	// not: "Alibaba answered… outperformed DeepSeek's model. … the company"
	j := sort.Search(len(a.sents), func(j int) bool { return a.sents[j].End > a.mentions[last].Start })
	best := last
	for k := last - 1; k >= 0 && j < len(a.sents) && a.mentions[k].Start >= a.sents[j].Start; k-- {
		if a.mentions[k].typ == "organisation" {
			best = k
		}
	}
	return a.mentions[best].entity
}

// theBefore reports whether "the" stands before token i, past up to two
// words in lower case: "the company", "the tech giant", "the Chinese
// e-commerce giant".
func (sc *sentenceClauses) theBefore(i int) bool {
	for k := i - 1; k >= sc.lo && k >= i-3; k-- {
		t := &sc.toks[k]
		if t.Kind != token.Word {
			return false
		}
		if t.Norm == "the" {
			return true
		}
		if k < i-1 && t.Upper && !sc.nationality(k) || companyNouns[t.Norm] {
			return false
		}
	}
	return false
}

// nationality reports whether a capitalised word qualifies a noun as an
// adjective of a country ("the Chinese giant"): it ends as one.
func (sc *sentenceClauses) nationality(k int) bool {
	n := sc.toks[k].Norm
	return strings.HasSuffix(n, "an") || strings.HasSuffix(n, "ese") || strings.HasSuffix(n, "ish") || strings.HasSuffix(n, "ian")
}

// placeModifier reports whether an English place's name only qualifies
// another word — "a New York man", "U.S. Rep. Ilhan Omar", "Ukraine
// President Zelenskiy" — or is the dateline ("SAN FRANCISCO (AP) —"): the
// place takes no part in the event.
func (sc *sentenceClauses) placeModifier(m Span) bool {
	if sc.arabic {
		// «الخرطوم (رويترز) - أعلنت…», «القاهرة - …»: the dateline
		j := firstToken(sc.toks, m.End)
		return firstToken(sc.toks, m.Start) == sc.lo && j < sc.hi && m.Start-sc.sentence.Start < 60 &&
			(sc.toks[j].Norm == "(" || sc.toks[j].Norm == "-" || sc.toks[j].Norm == "—" || sc.toks[j].Norm == "–")
	}
	i := firstToken(sc.toks, m.Start)
	j := firstToken(sc.toks, m.End)
	if i > 0 && i-1 >= sc.lo && (sc.toks[i-1].Norm == "a" || sc.toks[i-1].Norm == "an") {
		return true
	}
	if j < sc.hi && sc.toks[j].Norm == "." && sc.toks[j].Start == m.End && j+1 < sc.hi {
		j++ // "U.S. Rep.": past the abbreviation's period
	}
	if j < sc.hi {
		n := &sc.toks[j]
		if n.Kind == token.Word && !n.Arabic && n.Upper && isTitle(n.Norm) {
			return true
		}
		if i == sc.lo && n.Norm == "(" && m.Start < 60 {
			return true // the dateline
		}
	}
	return false
}

// datelineAgency reports whether m is the agency of a dateline, "(AP) —",
// "(Reuters) -": it wrote the story and takes no part in it.
func (sc *sentenceClauses) datelineAgency(m Span) bool {
	i := firstToken(sc.toks, m.Start)
	j := firstToken(sc.toks, m.End)
	if i == 0 || i-1 < sc.lo || j+1 >= sc.hi || sc.toks[i-1].Norm != "(" || sc.toks[j].Norm != ")" {
		return false
	}
	switch sc.toks[j+1].Norm {
	case "—", "–", "-":
		return true
	}
	return false
}

// personReferent is the person an English "he"/"she" of the clause stands
// for — the last person named before the sentence ("Carlineo faces ten
// years. He was arrested in April") — or -1 when the clause has no such
// pronoun or names a person itself. Arabic writes its pronouns into the
// verb, which this does not read.
func (sc *sentenceClauses) personReferent(spans []Span, a *articleSpans) int {
	if a == nil {
		return -1
	}
	found, at := false, -1
	for _, sp := range spans {
		for i := firstToken(sc.toks, sp.Start); i < sc.hi && sc.toks[i].End <= sp.End; i++ {
			if n := sc.toks[i].Norm; !sc.arabic && (n == "he" || n == "she" || sc.theTitle(i)) || sc.arabic && sc.arTheTitle(i) {
				if !found {
					at = sc.toks[i].Start
				}
				found = true
			}
		}
		for _, m := range sc.mentions {
			if m.typ == "person" && m.Start >= sp.Start && m.End <= sp.End {
				return -1 // the clause names its person
			}
		}
	}
	if !found {
		return -1
	}
	// "Although James has filled the stat sheet since he joined the league
	// in 2003": the first person of the sentence before the pronoun, its
	// subject more often than not
	for _, m := range sc.mentions {
		if m.Start >= at {
			break
		}
		if m.typ == "person" {
			return m.entity
		}
	}
	i := sort.Search(len(a.mentions), func(i int) bool { return a.mentions[i].Start >= sc.sentence.Start })
	for k := i - 1; k >= 0 && sc.sentence.Start-a.mentions[k].End < 600; k-- {
		if a.mentions[k].typ == "person" {
			return a.mentions[k].entity
		}
	}
	return -1
}

// theTitle reports whether token i is a title written as a noun, "the
// president said", "the envoy will face": it stands for the person named
// before (not "the president of France", not "the president, Joe Biden").
func (sc *sentenceClauses) theTitle(i int) bool {
	t := &sc.toks[i]
	if t.Upper || !(isTitle(t.Norm) || roleNouns[t.Norm]) || i == 0 || sc.toks[i-1].Norm != "the" {
		return false
	}
	if i+1 < sc.hi {
		n := &sc.toks[i+1]
		if n.Norm == "of" || n.Norm == "," || n.Kind == token.Word && n.Upper {
			return false
		}
	}
	return true
}

// arTitleNouns are titles that, with the article and no name after them,
// stand for the person named before: «بعد لقاء الرئيس السوداني…».
var arTitleNouns = foldedSet("الرئيس", "الرئيسة", "الوزير", "الوزيرة", "الملك", "الأمير", "العاهل", "الزعيم", "المبعوث",
	"السفير", "المستشار", "المستشارة")

// arTheTitle reports whether Arabic token i is such a title («الرئيس»,
// «والرئيس», «للرئيس»), followed by nothing but adjectives of origin
// («السوداني») before the clause goes on.
func (sc *sentenceClauses) arTheTitle(i int) bool {
	t := &sc.toks[i]
	if !t.Arabic {
		return false
	}
	if _, _, ok := token.FormOf(t, arTitleNouns); !ok {
		return false
	}
	// «الرئيس الأميركي دونالد ترمب» names its person: the mentions say so
	return true
}

// roleNouns stand for a person like titles do ("the envoy").
var roleNouns = map[string]bool{"envoy": true, "diplomat": true, "lawmaker": true, "congresswoman": true, "congressman": true}

func joinFields(s string) string { return strings.Join(strings.Fields(s), " ") }

// fewerThanTwoFields is len(strings.Fields(s)) < 2 without building the
// slice of fields, once per event title (issue 19).
func fewerThanTwoFields(s string) bool {
	n, inField := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inField = false
			continue
		}
		if !inField {
			if n++; n >= 2 {
				return false
			}
			inField = true
		}
	}
	return true
}
