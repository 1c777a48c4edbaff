package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/analysis/token"
)

// maxTitleRunes is how long a title may grow before it is cut at a word.
const maxTitleRunes = 80

// englishVerbs are common past and present forms that tell where an English
// clause's subject ends (regular past forms are recognised by "-ed").
var englishVerbs = map[string]bool{
	"was": true, "were": true, "is": true, "are": true, "has": true, "have": true, "had": true, "will": true,
	"would": true, "said": true, "says": true, "told": true, "fell": true, "rose": true, "won": true, "met": true,
	"made": true, "took": true, "gave": true, "began": true, "became": true, "left": true, "sold": true,
	"bought": true, "cut": true, "led": true, "held": true, "stood": true, "came": true, "went": true,
	"got": true, "saw": true, "ran": true, "grew": true, "hit": true, "beat": true, "chose": true, "drew": true,
	"spent": true, "sent": true, "struck": true, "wrote": true, "sank": true, "paid": true, "lost": true,
	"announces": true, "releases": true, "launches": true, "signs": true, "unveils": true, "bans": true, "says,": true,
	"could": true, "can": true, "may": true, "might": true, "did": true, "does": true, "ordered": true,
	"ll": true, // "there'll be"
}

// notVerbs end in "-ed" without being verbs.
var notVerbs = map[string]bool{"red": true, "bed": true, "need": true, "speed": true, "seed": true, "hundred": true, "feed": true, "greed": true, "shed": true, "breed": true}

// englishPast turns the verb a clause hangs on ("to announce", "by
// releasing") into the past form a title states it with.
var englishPast = map[string]string{
	"announce": "announced", "announcing": "announced", "release": "released", "releasing": "released",
	"launch": "launched", "launching": "launched", "sign": "signed", "signing": "signed", "unveil": "unveiled",
	"unveiling": "unveiled", "ban": "banned", "banning": "banned", "acquire": "acquired", "acquiring": "acquired",
	"introduce": "introduced", "introducing": "introduced", "publish": "published", "publishing": "published",
	"buy": "bought", "buying": "bought", "sell": "sold", "selling": "sold", "ship": "shipped", "shipping": "shipped",
	"debut": "debuted", "debuting": "debuted", "declare": "declared", "declaring": "declared", "visit": "visited",
	"visiting": "visited", "meet": "met", "meeting": "met", "agree": "agreed", "impose": "imposed", "imposing": "imposed",
}

// arabicVerbs are verbs (folded) that open a verb-first clause; with an
// attached object pronoun («وقعها») they drop it in a title.
var arabicVerbs = map[string]bool{
	"اطلق": true, "اطلقت": true, "طرح": true, "طرحت": true, "دشن": true, "دشنت": true, "كشف": true, "كشفت": true,
	"اصدر": true, "اصدرت": true, "وقع": true, "وقعت": true, "اعلن": true, "اعلنت": true, "صرح": true, "صرحت": true,
	"زار": true, "زارت": true, "التقي": true, "استقال": true, "فاز": true, "فازت": true, "انخفضت": true, "ارتفعت": true,
	"تراجعت": true, "اسس": true, "اسست": true, "انشا": true, "انشات": true, "اشتري": true, "اشترت": true, "اقر": true,
	"اقرت": true, "اعتمد": true, "اعتمدت": true, "قدم": true, "قدمت": true, "طور": true, "طورت": true, "فرض": true,
	"فرضت": true, "حظر": true, "حظرت": true, "استحوذ": true, "استحوذت": true, "اتفق": true, "اتفقت": true,
	"صادق": true, "صادقت": true, "عقد": true, "عقدت": true, "الغي": true, "الغت": true, "وعد": true,
	// reporting and being: «وقال…», «وكان… قد» open a clause as often
	"قال": true, "قالت": true, "اكد": true, "اكدت": true, "ذكر": true, "ذكرت": true, "كان": true, "كانت": true,
	"دعا": true, "دعت": true, "وصل": true, "وصلت": true, "شهد": true, "شهدت": true, "اعتبر": true, "اعتبرت": true,
}

// arabicMasdars are verbal nouns that name an event; with a possessive
// pronoun («توقيعه») a title names its agent instead («توقيع ترامب»).
var arabicMasdars = map[string]bool{
	"اطلاق": true, "طرح": true, "تدشين": true, "توقيع": true, "اعلان": true, "تنصيب": true, "خطاب": true,
	"انتخاب": true, "زياره": true, "اجتماع": true, "استحواذ": true, "حظر": true, "استضافه": true, "تاسيس": true,
}

// discourseWords carry no event: "for example", «على سبيل المثال», "however".
var discourseWords = map[string]bool{
	"however": true, "meanwhile": true, "example": true, "for": true, "instance": true, "addition": true, "also": true,
	"then": true, "later": true, "earlier": true, "instead": true, "still": true, "moreover": true, "separately": true,
	"finally": true, "yet": true, "but": true, "so": true, "a": true, "same": true, "day": true, "time": true,
	"على": true, "سبيل": true, "المثال": true, "ومع": true, "مع": true, "ذلك": true, "المقابل": true, "الوقت": true,
	"ذاته": true, "نفسه": true, "كذلك": true, "ايضا": true, "بالمقابل": true, "وبالمقابل": true, "لذلك": true,
	"ولذلك": true, "اذن": true, "بعد": true, "قبل": true, "كما": true, "ثم": true, "الا": true, "ان": true,
}

// arabicPrepositions end the subject of a clause read in a title.
var arabicPrepositions = map[string]bool{"في": true, "من": true, "على": true, "علي": true, "الى": true, "الي": true,
	"عن": true, "مع": true, "منذ": true, "خلال": true, "بعد": true, "قبل": true, "عند": true, "حتى": true, "حتي": true,
	"لدى": true, "امام": true, "بين": true, "نحو": true, "ضد": true}

// resumptives are the pronouns an Arabic relative clause points back with
// («التي وعد بها»): a title drops them with the relative word.
var resumptives = map[string]bool{"بها": true, "به": true, "فيها": true, "فيه": true, "لها": true, "له": true,
	"عليها": true, "عليه": true, "منها": true, "منه": true, "عنها": true, "عنه": true}

func isEnglishVerb(t *token.Token) bool {
	if t.Kind != token.Word || t.Arabic || t.Upper {
		return false
	}
	if englishVerbs[t.Norm] {
		return true
	}
	return len(t.Norm) >= 4 && strings.HasSuffix(t.Norm, "ed") && !notVerbs[t.Norm]
}

// titleContext is what a title is made from: one sentence's tokens, its
// segments and the time expressions and entity mentions inside it.
type titleContext struct {
	text     string
	toks     []token.Token
	segs     []segment
	tx       Span
	trig     int // token index of the trigger, -1 without one
	inTimex  func(int) bool
	mentions []sentenceMention
	arabic   bool
}

// sentenceMention is one entity mention inside the sentence at hand.
type sentenceMention struct {
	Span
	entity int // index into Result.Entities
	typ    string
}

// titlePart is a piece of a title: tokens [from, to] of the text, or a
// word of its own (Lit) such as "was" or a verb put in the past.
type titlePart struct {
	from, to int
	lit      string
	relative bool // read from a relative clause: its resumptive pronoun goes
}

// eventTitleOf builds an event's title from its clause: the subject, the
// verb and what follows it within the segment, the date left out. It also
// returns the spans a title borrowed from outside the clause (an
// antecedent, a subject, a pronoun's referent): their entities take part.
func (c *titleContext) eventTitleOf(clause int) (string, []Span) {
	var borrowed []Span
	var own []int // the clause's segments
	for k, s := range c.segs {
		if s.clause == clause && !s.timeRef && !s.adjunct {
			own = append(own, k)
		}
	}
	if len(own) == 0 {
		return "", nil
	}
	p := c.predicateSegment(own)
	seg := c.segs[p]
	var parts []titlePart
	a := seg.lead
	// an Arabic verbal noun followed by its agent starts the title:
	// «شهد يوم التنصيب إطلاق الصين لنموذج…» → «إطلاق الصين لنموذج…»
	if c.arabic && c.trig >= a && c.trig <= seg.last && c.isMasdar(c.trig) && c.mentionStartsAt(c.trig+1) {
		a = c.trig
	}
	a = c.skipLeading(a, seg.last)
	switch {
	case seg.kind == segRelative && p > 0:
		ante := c.antecedent(p - 1)
		borrowed = append(borrowed, c.span(ante))
		if c.arabic {
			// «التي وقعها ترمب» → «وقع ترمب الاتفاقية»; «الذي تولى منصبه» → «ترمب تولى منصبه»
			if stem, ok := c.objectPronounVerb(a); ok {
				// the object goes where an object stands: after the
				// subject, before the first preposition
				at := seg.last + 1
				if c.toks[seg.last].Kind == token.Punct {
					at = seg.last // before the full stop
				}
				b := a + 1
				for b < seg.last && (c.inTimex(b) || c.toks[b].Norm == "في" && c.inTimex(b+1)) {
					b++ // «التي نظمها هذا الأسبوع مركز…»: the date before the subject
				}
				for k := b + 1; k <= seg.last; k++ {
					if arabicPrepositions[c.toks[k].Norm] || c.inTimex(k) {
						at = k
						break
					}
				}
				parts = append(parts, titlePart{lit: stem})
				parts = append(parts, c.rangeParts(a+1, at-1)...)
				parts = append(parts, ante)
				parts = append(parts, c.rangeParts(at, seg.last)...)
				break
			}
			// «التي وعد بها الرئيس»: the antecedent is no subject
			if a+1 <= seg.last && resumptives[c.toks[a+1].Norm] {
				borrowed = borrowed[:len(borrowed)-1]
				parts = append(parts, titlePart{from: a, to: seg.last, relative: true})
				break
			}
			parts = append(parts, ante)
			parts = append(parts, c.rangeParts(a, seg.last)...)
			break
		}
		end := c.relativeEnd(a, seg.last)
		// "which Google launched" → "Google launched Keep"
		if v := c.objectRelativeVerb(seg, a); v >= 0 {
			parts = append(parts, titlePart{from: a, to: v}, ante)
			parts = append(parts, c.rangeParts(v+1, end)...)
			break
		}
		parts = append(parts, ante)
		parts = append(parts, c.rangeParts(a, end)...)
	case seg.kind == segParticiple && p > 0:
		ante := c.antecedent(p - 1)
		borrowed = append(borrowed, c.span(ante))
		parts = append(parts, ante, titlePart{lit: "was"})
		parts = append(parts, c.rangeParts(a, seg.last)...)
	default:
		if !c.arabic && c.trig > a && c.trig <= seg.last && (c.toks[c.trig-1].Norm == "to" || c.toks[c.trig-1].Norm == "by") {
			if past, ok := englishPast[c.toks[c.trig].Norm]; ok {
				// "Trump stood … to announce Stargate" → "Trump announced Stargate"
				subj := c.subjectBefore(a, c.trig-1)
				if subj.to < subj.from {
					subj = c.borrowSubject(own, p)
					borrowed = append(borrowed, c.span(subj))
				}
				if subj.to >= subj.from {
					parts = append(parts, subj, titlePart{lit: past})
					parts = append(parts, c.rangeParts(c.trig+1, seg.last)...)
					break
				}
			}
		}
		if !c.arabic && a < seg.last && speechVerbs[c.toks[a].Norm] {
			// "…,” wrote Fadem in a research report" → "Fadem wrote in a
			// research report"
			if e := c.mentionEnd(a + 1); e >= 0 && e <= seg.last {
				parts = append(parts, titlePart{from: a + 1, to: e}, titlePart{from: a, to: a})
				if e < seg.last {
					parts = append(parts, c.rangeParts(e+1, seg.last)...)
				}
				break
			}
		}
		if c.lacksSubject(a) {
			if subj := c.borrowSubject(own, p); subj.to >= subj.from {
				borrowed = append(borrowed, c.span(subj))
				parts = append(parts, subj)
			}
		}
		parts = append(parts, c.rangeParts(a, seg.last)...)
	}
	if c.arabic && len(parts) > 0 && parts[len(parts)-1].lit == "" {
		parts[len(parts)-1].to = c.nominalSubjectEnd(parts[len(parts)-1])
		// «أطلق نموذج “كيو دبليو كيو” (QwQ) المملوك لـ… علي بابا»: the
		// owner named after a passive verb's subject says who did it
		if m := c.ownerModifier(p); m >= 0 && (!c.hasMention(seg.lead, seg.last) || c.onlyObjectNamed(seg)) {
			parts = append(parts, titlePart{from: c.segs[m].first, to: c.segs[m].last})
			borrowed = append(borrowed, Span{c.toks[c.segs[m].first].Start, c.toks[c.segs[m].last].End})
		}
	}
	title := c.render(parts, &borrowed)
	return title, borrowed
}

// nominalSubjectEnd ends an Arabic title that opens on a verbal noun
// before its predicate: «استضافة ترمب لإطلاق “…” يُظهر إدراكه…» is about
// the hosting, not about what it shows. The predicate is a present-tense
// verb after a closing quote.
func (c *titleContext) nominalSubjectEnd(p titlePart) int {
	if p.to <= p.from || !c.isMasdar(p.from) {
		return p.to
	}
	for i := p.from + 2; i <= p.to; i++ {
		t := &c.toks[i]
		prev := c.toks[i-1].Norm
		if t.Arabic && (prev == "”" || prev == "»" || prev == "\"") && (strings.HasPrefix(t.Norm, "ي") || strings.HasPrefix(t.Norm, "ت")) && !c.mentionStartsAt(i) {
			return i - 1
		}
	}
	return p.to
}

// ownerWords open an Arabic modifier that names who owns or made a thing.
var ownerWords = map[string]bool{"المملوك": true, "المملوكه": true, "التابع": true, "التابعه": true, "الخاص": true,
	"الخاصه": true, "المطور": true, "المطوره": true}

// ownerModifier is the segment after p (past a bracketed name) that names
// an owner («المملوك لعملاق التجارة الإلكترونية علي بابا»), or -1.
func (c *titleContext) ownerModifier(p int) int {
	for k := p + 1; k < len(c.segs) && k <= p+3; k++ {
		s := c.segs[k]
		if s.kind != segPlain || s.clause != c.segs[p].clause {
			return -1
		}
		if _, _, ok := token.FormOf(&c.toks[s.first], ownerWords); ok {
			if c.hasMention(s.first, s.last) {
				return k
			}
			return -1
		}
		// a bracketed Latin spelling of the name before: «(QwQ)»
		if s.last-s.first > 2 || c.toks[s.first].Arabic {
			return -1
		}
	}
	return -1
}

// onlyObjectNamed reports whether the names of segment seg all stand
// after its first word, its verb: a passive «أُطلق نموذج…» names no agent.
func (c *titleContext) onlyObjectNamed(seg segment) bool {
	return c.isVerb(c.skipLeading(seg.lead, seg.last)) && !c.mentionAt(c.skipLeading(seg.lead, seg.last)+1)
}

// predicateSegment picks the segment of the clause a title is read from:
// the trigger's when it is a verb; otherwise the first one holding a verb
// (a noun trigger sits in an apposition as often as in the predicate).
func (c *titleContext) predicateSegment(own []int) int {
	if c.arabic && c.trig < 0 {
		// «"…"، قال المحامي يوم الاثنين»: the saying, dated
		if k := c.dateSegment(own); k >= 0 {
			return k
		}
		// no trigger: the first segment that reads as a statement, not a
		// dateline's place («عواصم - وكالات:») or a trailing «من 8 مليارات»
		for _, k := range own {
			if c.statement(k) {
				return k
			}
		}
	}
	trigSeg := -1
	if c.trig >= 0 {
		trigSeg = segmentOf(c.segs, c.trig)
		if trigSeg >= 0 && c.segs[trigSeg].timeRef {
			trigSeg = -1
		}
	}
	if trigSeg >= 0 && (c.arabic || c.isVerb(c.trig)) {
		return trigSeg
	}
	// the date's own segment when it holds a verb: "“…,” Maley said on
	// CNBC on Monday" is a saying on Monday, not what was said; "— the
	// first took place in 2010 —"
	if k := c.dateSegment(own); k >= 0 {
		return k
	}
	for _, k := range own {
		if c.dateOnly(k) || c.attribution(k) {
			continue
		}
		for i := c.segs[k].lead; i <= c.segs[k].last; i++ {
			if c.isVerb(i) && !c.inTimex(i) {
				return k
			}
		}
	}
	// no verb this reads: one in the present after a name ("Home Depot
	// sees growth of 1.8 percent")
	for _, k := range own {
		for i := c.segs[k].lead; i <= c.segs[k].last && !c.dateOnly(k); i++ {
			if c.presentAfterName(i) && !c.inTimex(i) {
				return k
			}
		}
	}
	if trigSeg >= 0 {
		return trigSeg
	}
	for _, k := range own {
		if !c.dateOnly(k) {
			return k
		}
	}
	return own[0]
}

// dateSegment is the segment of own holding the event's date when it
// holds a verb besides, else -1.
func (c *titleContext) dateSegment(own []int) int {
	for _, k := range own {
		s := c.segs[k]
		if c.toks[s.first].Start > c.tx.Start || c.toks[s.last].End < c.tx.End {
			continue
		}
		for i := s.lead; i <= s.last; i++ {
			if c.isVerb(i) && !c.inTimex(i) {
				return k
			}
		}
		return -1
	}
	return -1
}

// attribution reports whether segment k is an aside saying who wrote or
// said the rest: "In 1997, Elise wrote, she interviewed Mike".
func (c *titleContext) attribution(k int) bool {
	if c.arabic {
		return false
	}
	s := c.segs[k]
	words, last := 0, ""
	for i := s.lead; i <= s.last; i++ {
		if c.toks[i].Kind == token.Word {
			words++
			last = c.toks[i].Norm
		}
	}
	// "Elise wrote", not "concluded that" (what was said follows)
	return speechVerbs[last] && words <= 4 && k+1 < len(c.segs)
}

// presentAfterName reports whether English token i is a verb in the
// present after a name: "Home Depot sees growth", "Apple plans a store".
func (c *titleContext) presentAfterName(i int) bool {
	t := &c.toks[i]
	if t.Arabic || t.Upper || t.Kind != token.Word || len(t.Norm) < 4 || !strings.HasSuffix(t.Norm, "s") || strings.HasSuffix(t.Norm, "ss") || i == 0 {
		return false
	}
	prev := c.toks[i-1]
	for _, m := range c.mentions {
		if m.End == prev.End {
			return true
		}
	}
	return false
}

// speechVerbs open an attribution written verb first after a quotation:
// "…,” said Smith", "wrote Fadem".
var speechVerbs = map[string]bool{"said": true, "says": true, "wrote": true, "writes": true, "told": true, "added": true,
	"asked": true, "explained": true, "noted": true, "argued": true, "continued": true, "concluded": true}

// mentionEnd is the last token of the mention starting at token i, or -1.
func (c *titleContext) mentionEnd(i int) int {
	for _, m := range c.mentions {
		if m.Start == c.toks[i].Start {
			j := i
			for j+1 < len(c.toks) && c.toks[j+1].End <= m.End {
				j++
			}
			return j
		}
	}
	return -1
}

func (c *titleContext) isVerb(i int) bool {
	t := &c.toks[i]
	if t.Arabic {
		_, _, ok := token.FormOf(t, arabicVerbs)
		return ok
	}
	if _, ok := englishPast[t.Norm]; ok && i > 0 && (c.toks[i-1].Norm == "to" || c.toks[i-1].Norm == "by") {
		return true // "to announce", "by releasing"
	}
	if i > 0 && c.toks[i-1].Norm == "-" && !t.Space {
		return false // "a London-based think tank", "state-owned"
	}
	return isEnglishVerb(t) || c.scheduleVerb(i)
}

// scheduleVerbs are verbs of a fixture in the present or bare form, verbs
// when a date follows them closely: "The Gophers play Saturday against…",
// "Acme reports earnings Wednesday", "Host the Lakers on Friday".
var scheduleVerbs = map[string]bool{
	"meet": true, "meets": true, "host": true, "hosts": true, "visit": true, "visits": true, "face": true,
	"faces": true, "play": true, "plays": true, "open": true, "opens": true, "reports": true, "begin": true,
	"begins": true, "start": true, "starts": true, "resume": true, "resumes": true, "holds": true, "vote": true,
	"votes": true, "travel": true, "travels": true, "convene": true, "convenes": true, "returns": true,
	"premieres": true, "debuts": true, "testifies": true,
}

func (c *titleContext) scheduleVerb(i int) bool {
	t := &c.toks[i]
	if !scheduleVerbs[t.Norm] || i > 0 && determiners[c.toks[i-1].Norm] {
		return false
	}
	if t.Upper && i > 0 && c.toks[i-1].Kind != token.Punct {
		return false // a capital inside a clause is a name's
	}
	for k := i + 1; k < len(c.toks) && k <= i+5; k++ {
		if c.inTimex(k) {
			return true
		}
		if c.toks[k].Kind == token.Punct {
			return false
		}
	}
	return false
}

func (c *titleContext) isMasdar(i int) bool {
	_, _, ok := token.FormOf(&c.toks[i], arabicMasdars)
	return ok
}

func (c *titleContext) mentionAt(i int) bool {
	t := c.toks[i]
	for _, m := range c.mentions {
		if t.End > m.Start && t.Start < m.End {
			return true
		}
	}
	return false
}

func (c *titleContext) mentionStartsAt(i int) bool {
	if i >= len(c.toks) {
		return false
	}
	t := c.toks[i]
	for _, m := range c.mentions {
		if m.Start >= t.Start && m.Start < t.End {
			return true
		}
	}
	return false
}

// statement reports whether segment k holds two words or more besides
// its date and does not open on a preposition.
func (c *titleContext) statement(k int) bool {
	s := c.segs[k]
	a := c.skipLeading(s.lead, s.last)
	if arabicPrepositions[c.toks[a].Norm] || prepositions[c.toks[a].Norm] {
		return false
	}
	words, named := 0, 0
	for i := a; i <= s.last; i++ {
		if c.toks[i].Kind == token.Word && !c.inTimex(i) {
			words++
			if c.mentionAt(i) {
				named++
			}
		}
	}
	return words >= 2 && named < words // a name alone is no statement
}

// dateOnly reports whether segment k says nothing but a date or a
// discourse marker ("On January 20, 2025", «على سبيل المثال»).
func (c *titleContext) dateOnly(k int) bool {
	s := c.segs[k]
	for i := s.lead; i <= s.last; i++ {
		t := &c.toks[i]
		if t.Kind != token.Word || c.inTimex(i) {
			continue
		}
		if isFiller(t.Norm) || discourseWords[t.Norm] || !t.Arabic && (prepositions[t.Norm] || dateLeadIns[t.Norm]) {
			continue // "Since 2008,", "More than two decades ago,"
		}
		return false
	}
	return true
}

// skipLeading moves past fillers and the date at the start of a title.
func (c *titleContext) skipLeading(a, last int) int {
	for a < last {
		t := &c.toks[a]
		switch {
		case c.inTimex(a) && a != c.trig && !isEventNoun(t):
			j := a
			for j < last && (c.inTimex(j+1) || c.isEra(j+1)) {
				j++
			}
			if !c.removableDate(a, j, titlePart{from: a, to: last}) {
				return a // "This year's vaccine"
			}
			if j >= last {
				return last
			}
			a = j
		case t.Kind == token.Punct && !strings.ContainsAny(t.Norm, "“\"«"):
		case t.Kind == token.Word && (leadingFiller(t.Norm) || leadingWords[t.Norm]):
		case t.Kind == token.Word && !t.Arabic && (prepositions[t.Norm] || dateLeadIns[t.Norm]) && c.inTimex(a+1):
			// "Since that day he…", "By early 2014 I shuttered…"
		default:
			return a
		}
		a++
	}
	return a
}

// leadingWords open a clause without belonging to its title.
var leadingWords = map[string]bool{"وقد": true, "فقد": true, "لقد": true, "قد": true, "ثم": true, "كما": true,
	"and": true, "but": true, "then": true, "also": true, "so": true, "yet": true, "فيما": true, "بل": true, "لكن": true, "ولكن": true}

// lacksSubject reports whether a clause starts on its verb: English
// "released Mixtral…" after "Mistral, founded…,"; an Arabic verb-first
// clause has its subject after the verb, so it lacks one only when the
// sentence put it first («ديب سيك، التي…، أطلقت»), which borrowSubject
// checks by requiring a name.
func (c *titleContext) lacksSubject(a int) bool {
	if a >= len(c.toks) {
		return false
	}
	return c.isVerb(a) && !c.inTimex(a)
}

// borrowSubject is the first earlier segment of the clause that is no
// date or discourse marker (and, in Arabic, names someone): the subject a
// verb-first segment continues.
func (c *titleContext) borrowSubject(own []int, p int) titlePart {
	for _, k := range own {
		if k >= p {
			break
		}
		if c.dateOnly(k) || c.segs[k].kind != segPlain && c.segs[k].kind != segCoordinate {
			continue
		}
		s := c.segs[k]
		if c.arabic && (!c.hasMention(s.first, s.last) || c.dateline(k)) {
			continue
		}
		if n := c.toks[s.first].Norm; n == "«" || n == "“" || n == "\"" {
			continue // «"ترمب غاضب"، قال مساعد…»: what was said is no subject
		}
		a := c.skipLeading(s.lead, s.last)
		// the subject ends before its own verb, if it has one
		end := s.last
		for i := a; i <= s.last; i++ {
			if c.isVerb(i) {
				end = i - 1
				break
			}
		}
		if end >= a {
			return titlePart{from: a, to: end}
		}
	}
	return titlePart{from: 0, to: -1}
}

// dateline reports whether segment k opens its sentence as a dateline
// does, a place and perhaps its agency before a dash: «الخرطوم (رويترز) -».
func (c *titleContext) dateline(k int) bool {
	s := c.segs[k]
	if s.first > 0 && c.segs[0].first != s.first && k > 1 {
		return false
	}
	words := 0
	for i := s.first; i <= s.last; i++ {
		if c.toks[i].Kind == token.Word {
			words++
		}
	}
	n := s.last + 1
	for n < len(c.toks) && (c.toks[n].Norm == "(" || c.toks[n].Norm == ")" || c.inAgency(n)) {
		n++
	}
	return words <= 3 && n < len(c.toks) && (c.toks[n].Norm == "-" || c.toks[n].Norm == "—" || c.toks[n].Norm == "–")
}

// inAgency reports whether token n is a word inside brackets right after
// a dateline's place: «(رويترز)», "(AP)".
func (c *titleContext) inAgency(n int) bool {
	return c.toks[n].Kind == token.Word && n > 0 && (c.toks[n-1].Norm == "(" || n > 1 && c.toks[n-2].Norm == "(")
}

// subjectBefore is the subject of a clause whose verb is not its event:
// the words from a up to the first verb before end.
func (c *titleContext) subjectBefore(a, end int) titlePart {
	for i := a; i < end; i++ {
		if c.isVerb(i) {
			return titlePart{from: a, to: i - 1}
		}
	}
	return titlePart{from: 0, to: -1}
}

func (c *titleContext) hasMention(first, last int) bool {
	lo, hi := c.toks[first].Start, c.toks[last].End
	for _, m := range c.mentions {
		if m.Start >= lo && m.End <= hi {
			return true
		}
	}
	return false
}

// antecedent is what a relative or participle segment describes: segment
// k when it is short ("A New York man who…"), else the name that ends it,
// else its last noun phrase back to a determiner ("the company").
func (c *titleContext) antecedent(k int) titlePart {
	s := c.segs[k]
	// «في الندوة الدولية حول "دور الإعلام…"، التي نظمها…», "the report
	// titled “…”, which…": the thing is named before its quoted title
	if q := c.quotedTitleStart(s); q > s.first {
		s.last = q - 1
		if t := &c.toks[s.last]; s.last > s.first && (arabicPrepositions[t.Norm] || t.Norm == "حول" || t.Norm == "بعنوان" ||
			t.Norm == "titled" || t.Norm == "entitled" || t.Norm == "called" || t.Norm == "about" || t.Norm == "on") {
			s.last--
		}
		if c.arabic {
			// «الندوة الدولية»: a definite noun and its adjectives
			from := s.last
			for n := 0; n < 2 && from > s.first && strings.HasPrefix(c.toks[from-1].Norm, "ال") && strings.HasPrefix(c.toks[from].Norm, "ال") &&
				!c.mentionAt(from-1) && !c.isVerb(from-1); n++ {
				from--
			}
			return titlePart{from: from, to: s.last}
		}
	}
	from := c.skipLeading(s.lead, s.last)
	words, plain := 0, true
	for i := from; i <= s.last; i++ {
		if c.toks[i].Kind == token.Word {
			words++
			plain = plain && !prepositions[c.toks[i].Norm] && !c.isVerb(i)
		}
	}
	if words <= 5 && plain && !c.arabic {
		return titlePart{from: from, to: s.last}
	}
	end := c.toks[s.last].End
	best := -1
	for mi, m := range c.mentions {
		if m.End >= c.toks[s.last].Start && m.End <= end && m.Start >= c.toks[s.first].Start {
			if best < 0 || m.Start < c.mentions[best].Start {
				best = mi
			}
		}
	}
	if best >= 0 {
		from := s.last
		for from > s.first && c.toks[from-1].End > c.mentions[best].Start {
			from--
		}
		return titlePart{from: from, to: s.last}
	}
	from = s.last
	if c.arabic {
		// «سوق الأسهم الذي…»: a definite noun after an indefinite one is
		// one phrase with it
		if last := &c.toks[s.last]; last.Arabic && strings.HasPrefix(last.Norm, "ال") && s.last > s.first {
			if prev := &c.toks[s.last-1]; prev.Arabic && !strings.HasPrefix(prev.Norm, "ال") && !arabicPrepositions[prev.Norm] &&
				!c.isVerb(s.last-1) && !isFiller(prev.Norm) && !c.mentionAt(s.last-1) {
				from--
			}
		}
		return titlePart{from: from, to: s.last}
	}
	// "the Class of 2020, which…": the noun before its date
	for from > s.first+1 && c.inTimex(from) && (c.inTimex(from-1) || c.toks[from-1].Norm == "of") {
		from--
	}
	if c.toks[from].Norm == "of" && from > s.first {
		from--
	}
	for n := 0; from > s.first && n < 4; n++ {
		prev := &c.toks[from-1]
		if prev.Norm == "s" && from-2 > s.first && (c.toks[from-2].Norm == "'" || c.toks[from-2].Norm == "’") {
			from -= 2 // "the Hall of Fame's Class"
			continue
		}
		if c.arabic || prev.Kind != token.Word || c.isVerb(from-1) || prepositions[prev.Norm] || isFiller(prev.Norm) && prev.Norm != "the" {
			break
		}
		from--
		if determiners[prev.Norm] {
			break
		}
	}
	return titlePart{from: from, to: s.last}
}

// prepositions end a noun phrase read backwards: "an option for [Leon]".
var prepositions = map[string]bool{"of": true, "for": true, "to": true, "with": true, "from": true, "by": true,
	"in": true, "on": true, "at": true, "before": true, "after": true, "about": true, "over": true, "into": true}

// quotedTitleStart is the token opening the quotation that ends segment
// s («…حول "دور الإعلام"»), or -1 when s does not end on one.
func (c *titleContext) quotedTitleStart(s segment) int {
	switch c.toks[s.last].Norm {
	case "”", "»", "\"":
	default:
		return -1
	}
	for i := s.last - 1; i >= s.first; i-- {
		switch c.toks[i].Norm {
		case "“", "«", "\"":
			return i
		}
	}
	return -1
}

// relativeEnd is where an English relative clause without a closing comma
// ends: before the main clause's verb that follows it ("a man who was
// accused of fraud [pleaded guilty]").
func (c *titleContext) relativeEnd(a, last int) int {
	if c.arabic {
		return last
	}
	v1 := -1
	for i := a; i <= last; i++ {
		if !c.isVerb(i) {
			continue
		}
		if v1 < 0 {
			v1 = i
			continue
		}
		prev := c.toks[i-1].Norm
		if i > v1+1 && !c.isVerb(i-1) && prev != "and" && prev != "or" && prev != "to" && prev != "not" && !strings.HasSuffix(prev, "ly") &&
			prev != "be" && prev != "been" && prev != "being" { // "which will be honored"
			return i - 1
		}
	}
	return last
}

// relativeAdverbs stand between a relative word and its verb: "which
// first conquered Everest" still has "which" as its subject.
var relativeAdverbs = map[string]bool{"first": true, "also": true, "later": true, "then": true, "still": true,
	"already": true, "never": true, "just": true, "recently": true, "once": true, "eventually": true, "finally": true}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "his": true, "her": true, "their": true, "this": true, "our": true}

// objectRelativeVerb is the verb of an English relative clause whose
// antecedent is its object ("which Google launched this week"), or -1.
func (c *titleContext) objectRelativeVerb(seg segment, a int) int {
	if c.arabic || seg.lead == seg.first || c.toks[seg.first].Norm == "who" || c.isVerb(a) {
		return -1
	}
	for i := a; i <= seg.last && i <= a+5; i++ {
		if c.isVerb(i) {
			return -1 // "which first conquered Everest": the relative word is the subject
		}
		if t := c.toks[i].Norm; !relativeAdverbs[t] && !strings.HasSuffix(t, "ly") && !c.inTimex(i) {
			for k := i + 1; k <= seg.last && k <= a+5; k++ {
				if c.isVerb(k) {
					return k
				}
			}
			return -1
		}
	}
	return -1
}

// objectPronounVerb reads «وقعها» as the verb «وقع» with an object pronoun.
func (c *titleContext) objectPronounVerb(i int) (string, bool) {
	t := &c.toks[i]
	if !t.Arabic {
		return "", false
	}
	for _, suf := range []string{"ها", "ه", "هم"} {
		if stem, ok := strings.CutSuffix(t.Norm, suf); ok && arabicVerbs[stem] {
			raw := c.text[t.Start:t.End]
			return trimArabicLetters(raw, utf8.RuneCountInString(suf)), true
		}
	}
	// right after «التي»/«الذي» a word ending in a pronoun is a verb with
	// its object («اتخذتها السلطات»), when a subject follows
	if suf := "ها"; strings.HasSuffix(t.Norm, suf) && utf8.RuneCountInString(t.Norm) >= 5 && !c.mentionAt(i) &&
		i+1 < len(c.toks) && c.toks[i+1].Arabic && !arabicPrepositions[c.toks[i+1].Norm] {
		return trimArabicLetters(c.text[t.Start:t.End], 2), true
	}
	return "", false
}

// trimArabicLetters removes the last n letters of raw (with the vowel
// marks after them).
func trimArabicLetters(raw string, n int) string {
	for n > 0 && raw != "" {
		r, size := utf8.DecodeLastRuneInString(raw)
		raw = raw[:len(raw)-size]
		if !unicode.Is(unicode.Mn, r) && r != 0x0640 {
			n--
		}
	}
	for raw != "" {
		r, size := utf8.DecodeLastRuneInString(raw)
		if !unicode.Is(unicode.Mn, r) && r != 0x0640 {
			break
		}
		raw = raw[:len(raw)-size]
	}
	return raw
}

// rangeParts is the tokens [from, to] as one part.
func (c *titleContext) rangeParts(from, to int) []titlePart {
	if from > to {
		return nil
	}
	return []titlePart{{from: from, to: to}}
}

func (c *titleContext) tok(i int) *token.Token {
	if i < 0 || i >= len(c.toks) {
		return nil
	}
	return &c.toks[i]
}

func (c *titleContext) span(p titlePart) Span {
	if p.to < p.from || p.lit != "" {
		return Span{}
	}
	return Span{c.toks[p.from].Start, c.toks[p.to].End}
}

// render writes the parts out: the date and its preposition left out,
// fillers trimmed at the edges, an Arabic conjunction taken off the first
// word, a possessive pronoun on a verbal noun replaced by its referent,
// the first letter of English upper-cased, and cut at a word.
func (c *titleContext) render(parts []titlePart, borrowed *[]Span) string {
	words := make([]string, 0, 24)
	first := true
	var runBuf [48]int
	for _, p := range parts {
		if p.lit != "" {
			words = append(words, p.lit)
			first = false
			continue
		}
		run := runBuf[:0]
		flush := func() {
			if len(run) == 0 {
				return
			}
			words = appendFields(words, c.text[c.toks[run[0]].Start:c.toks[run[len(run)-1]].End])
			run = run[:0]
		}
		for i := p.from; i <= p.to; i++ {
			t := &c.toks[i]
			if c.inTimex(i) && i != c.trig && !isEventNoun(t) {
				j := i
				for j < p.to && (c.inTimex(j+1) && j+1 != c.trig && !isEventNoun(&c.toks[j+1]) || c.isEra(j+1)) {
					j++
				}
				if c.removableDate(i, j, p) {
					// with the date goes its preposition: "fell on [27 January]"
					for len(run) > 0 && (isFiller(c.toks[run[len(run)-1]].Norm) || dateAdverbs[c.toks[run[len(run)-1]].Norm] ||
						!c.arabic && (prepositions[c.toks[run[len(run)-1]].Norm] || dateLeadIns[c.toks[run[len(run)-1]].Norm]) ||
						c.arabic && dateHeadsAr[c.toks[run[len(run)-1]].Norm]) {
						run = run[:len(run)-1]
					}
					flush()
					i = j
					if n := c.tok(j + 1); n != nil && n.Norm == "s" && n.Start == c.toks[j].End && j+1 <= p.to {
						i = j + 1 // the "s" of "the 1950s"
					}
					continue
				}
				// a date the clause is built on stays whole: "last summer"
				if len(run) > 0 && run[len(run)-1] != i-1 {
					flush()
				}
				for k := i; k <= j; k++ {
					run = append(run, k)
				}
				first = false
				i = j
				continue
			}
			if first && t.Kind == token.Word {
				first = false
				if w, ok := c.firstWord(i, borrowed); ok {
					flush()
					words = append(words, w)
					continue
				}
			}
			if c.arabic && p.relative && i == p.from+1 && resumptives[t.Norm] {
				continue // «التي وعد بها» → «وعد»
			}
			if len(run) > 0 && run[len(run)-1] != i-1 {
				flush()
			}
			run = append(run, i)
		}
		flush()
	}
	for len(words) > 0 && (leadingFiller(strings.ToLower(words[0])) || leadingWords[strings.ToLower(words[0])]) {
		words = words[1:]
	}
	for len(words) > 0 && (isFiller(strings.ToLower(words[len(words)-1])) || !c.arabic && danglingEnds[strings.ToLower(words[len(words)-1])]) {
		words = words[:len(words)-1]
	}
	// a closing quote at the end stays: «الخاص بـ”ديب سيك”»
	title := strings.TrimRight(strings.TrimLeft(strings.Join(words, " "), " .،,؛;:”\"(—-"), " .،,؛;:\"(—-")
	if strings.Count(title, "“") > strings.Count(title, "”") {
		title += "”"
	}
	if !c.arabic && title != "" {
		r, size := utf8.DecodeRuneInString(title)
		title = string(unicode.ToUpper(r)) + title[size:]
	}
	return cutTitle(title)
}

// dateAdverbs qualify a date and go with it: "just six years ago".
// danglingEnds are English words a title does not end on: what followed
// them was cut off ("made gains even [as they fell short]").
var danglingEnds = map[string]bool{"even": true, "just": true, "as": true, "than": true, "since": true, "until": true,
	"because": true, "while": true, "when": true, "after": true, "before": true, "with": true, "by": true, "from": true}

// dateLeadIns lead a date in and go with it: "grounded since [March]",
// "more than [two decades ago]", "until [June]".
var dateLeadIns = map[string]bool{"since": true, "until": true, "till": true, "through": true, "throughout": true,
	"than": true, "more": true, "less": true, "within": true}

var dateAdverbs = map[string]bool{"just": true, "only": true, "about": true, "nearly": true, "almost": true,
	"around": true, "roughly": true, "approximately": true, "some": true}

// dateHeadsAr are the Arabic nouns that head a date ("the day of", "dated"):
// «زار بيروت يوم 3 مارس» loses «يوم» with its date, or the title ends on it.
var dateHeadsAr = map[string]bool{"يوم": true, "بتاريخ": true, "تاريخ": true}

// isEra reports whether token i is the era letter after an Arabic year
// («1888 م», «670 ق»), which belongs with the date.
func (c *titleContext) isEra(i int) bool {
	if i <= 0 || i >= len(c.toks) || !c.toks[i].Arabic || !c.inTimex(i-1) {
		return false
	}
	switch c.toks[i].Norm {
	case "م", "ه", "ق", "هـ":
		return true
	}
	return false
}

// dayWords are dates that stand alone as adverbs: "was informed Thursday".
var dayWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "yesterday": true, "tomorrow": true, "tonight": true}

// removableDate reports whether the date in tokens [i, j] can leave the
// title without breaking it: an adverbial ("on Friday", "last year" at
// the end, "Thursday"), not a date the clause is built on ("This year's
// vaccine", "about a month earlier than usual", "that January day").
// Arabic dates stand as adverbials («في 20 يناير», «لليوم التالي»).
func (c *titleContext) removableDate(i, j int, p titlePart) bool {
	if c.arabic {
		return true
	}
	if j > i && c.toks[j].Norm == "s" && (c.toks[j-1].Norm == "'" || c.toks[j-1].Norm == "’") {
		return false // "This year's vaccine"
	}
	if n := j + 1; n < len(c.toks) && n <= p.to+1 {
		switch c.toks[n].Norm {
		case "'", "’", "than":
			return false
		}
	}
	k := i - 1
	for k >= p.from && dateAdverbs[c.toks[k].Norm] {
		k--
	}
	if k < p.from && j < p.to && c.isVerb(j+1) {
		return false // the date is the subject: "Black Friday is approaching"
	}
	switch {
	case k < p.from, j >= p.to, i == j && dayWords[c.toks[i].Norm]:
		return true
	case isFiller(c.toks[k].Norm), c.toks[k].Kind == token.Punct, c.toks[j+1].Kind == token.Punct:
		return true
	}
	return false
}

// firstWord rewrites a title's first word: «وفاز» → «فاز», «توقيعه» →
// «توقيع ترامب» (the referent is the nearest name before it).
func (c *titleContext) firstWord(i int, borrowed *[]Span) (string, bool) {
	t := &c.toks[i]
	if !t.Arabic {
		return "", false
	}
	if _, isTrig := triggers[t.Norm]; !isTrig && !arabicVerbs[t.Norm] && !arabicMasdars[t.Norm] {
		for _, f := range t.Forms[1:] {
			if f.Start == t.Start {
				continue
			}
			if _, ok := triggers[f.Text]; ok || arabicVerbs[f.Text] {
				if strings.HasPrefix(t.Norm, "و") || strings.HasPrefix(t.Norm, "ف") {
					return c.text[f.Start:t.End], true
				}
			}
		}
	}
	for _, suf := range []string{"ه", "ها"} {
		stem, ok := strings.CutSuffix(t.Norm, suf)
		if !ok || !arabicMasdars[stem] {
			continue
		}
		if m, ok := c.referentBefore(t.Start, suf == "ه"); ok {
			*borrowed = append(*borrowed, m.Span)
			return trimArabicLetters(c.text[t.Start:t.End], utf8.RuneCountInString(suf)) + " " + c.text[m.Start:m.End], true
		}
	}
	return "", false
}

// referentBefore is the nearest name before off that a pronoun can point
// to: a person for «ـه» when there is one, anyone otherwise.
func (c *titleContext) referentBefore(off int, person bool) (sentenceMention, bool) {
	best, found := sentenceMention{}, false
	for _, m := range c.mentions {
		if m.End > off || m.typ == "place" {
			continue
		}
		if person && m.typ != "person" {
			continue
		}
		if !found || m.Start > best.Start {
			best, found = m, true
		}
	}
	if !found && person {
		return c.referentBefore(off, false)
	}
	return best, found
}

// leadingFiller is a filler a title does not start on; "the" stays ("The
// company released…") and so does a demonstrative "that" ("That was…").
func leadingFiller(w string) bool { return w != "the" && w != "that" && isFiller(w) }

// appendFields appends the space-separated words of s to words (as
// strings.Fields does, without a slice of its own).
func appendFields(words []string, s string) []string {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				words = append(words, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// cutTitle shortens a title longer than maxTitleRunes at a word, with "…".
func cutTitle(title string) string {
	if utf8.RuneCountInString(title) <= maxTitleRunes {
		return title
	}
	r := []rune(title)[:maxTitleRunes-1]
	cut := string(r)
	if sp := strings.LastIndexByte(cut, ' '); sp > 0 {
		cut = cut[:sp]
	}
	cut = strings.TrimRight(cut, " ،,؛;:—-")
	if strings.Count(cut, "“") > strings.Count(cut, "”") {
		cut += "”"
	}
	return cut + "…"
}
