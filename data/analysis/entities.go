package analysis

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"annals/data/analysis/ner"
	"annals/data/analysis/token"
	"annals/data/textnorm"
)

// mention is one entity hit before merging.
type mention struct {
	span   Span
	id     string
	typ    string
	name   string // surface text
	entry  int    // gazetteer entry, -1 for rule-found names
	follow bool   // a family name alone, standing for the full name full
	full   string
}

var enTitles = map[string]bool{
	"president": true, "mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "senator": true,
	"rep": true, "gov": true, "governor": true, "minister": true, "secretary": true, "chancellor": true,
	"ceo": true, "chairman": true, "chairwoman": true, "judge": true, "king": true, "queen": true,
	"prince": true, "princess": true, "pope": true, "general": true, "gen": true, "sheikh": true,
	"sir": true, "lord": true, "prof": true, "professor": true, "ambassador": true, "mayor": true,
	"premier": true, "spokesman": true, "spokeswoman": true, "founder": true, "director": true,
	"commissioner": true, "lt": true, "col": true, "adm": true, "admiral": true, "emir": true,
	// "Rt. Hon. X", "Hon. X": a legislator's honorifics
	"hon": true, "rt": true,
	// a player's position written before the name ("Browns DL X", "QB X")
	"qb": true, "wr": true, "rb": true, "lb": true, "cb": true, "dl": true,
}

var enOrgSuffix = map[string]bool{
	"inc": true, "corp": true, "corporation": true, "ltd": true, "llc": true, "plc": true, "group": true,
	"company": true, "co": true, "bank": true, "university": true, "institute": true, "agency": true,
	"department": true, "ministry": true, "commission": true, "council": true, "party": true,
	"association": true, "foundation": true, "fund": true, "authority": true, "organization": true,
	"organisation": true, "union": true, "committee": true, "court": true, "parliament": true,
	"labs": true, "technologies": true, "systems": true, "holdings": true, "airlines": true, "motors": true,
	"ai": true, "times": true, "post": true, "news": true, "press": true, "network": true, "college": true,
	"school": true, "army": true, "police": true, "office": true, "board": true, "center": true, "centre": true,
	"league": true, "club": true, "records": true, "society": true, "hospital": true, "division": true,
	"corps": true, "brigade": true, "academy": true, "federation": true, "alliance": true, "band": true,
	"orchestra": true, "studios": true, "entertainment": true, "airways": true, "railway": true, "railways": true,
	"exchange": true, "directorate": true, "robotics": true, "observatory": true, "laboratory": true,
	"media": true, "channel": true, "sports": true, "infirmary": true, "clinic": true,
	// companies' and government bodies' last words
	"partners": true, "ventures": true, "pharmaceuticals": true, "therapeutics": true,
	"industries": true, "enterprises": true, "networks": true, "communications": true, "insurance": true,
	"bureau": true, "service": true, "secretariat": true, "tribunal": true, "assembly": true, "senate": true,
	"guard": true, "force": true, "navy": true, "museum": true, "administration": true,
	// a body of people named by its last noun ("Joint Narcotics Enforcement
	// Team", "Future Technology Advisory Panel", "Policing Unit")
	"team": true, "panel": true, "unit": true, "squad": true, "taskforce": true, "command": true,
	"headquarters": true,
}

var enOrgHead = map[string]bool{
	"university": true, "ministry": true, "department": true, "bank": true, "institute": true,
	"council": true, "committee": true, "court": true, "office": true, "board": true, "house": true,
	"commission": true, "conference": true, "subcommittee": true, "center": true, "centre": true,
	// the bodies' words that take "of" or "for" too: "Alliance for American
	// Manufacturing", "Museum of Modern Art", "Society of Petroleum Engineers"
	"alliance": true, "association": true, "federation": true, "foundation": true, "society": true,
	"coalition": true, "fund": true, "agency": true, "academy": true, "museum": true, "school": true,
	"college": true, "bureau": true, "corporation": true, "organization": true, "organisation": true,
}

// orgJoin are the lower-case words that join an organisation's head to the
// rest of its name: "University of Kabul", "Institute on Drug Abuse".
var orgJoin = map[string]bool{"of": true, "on": true, "for": true}

var enSaid = map[string]bool{"said": true, "says": true, "told": true, "added": true, "wrote": true, "argued": true, "explained": true}

var enStopCap = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "but": true, "and": true, "or": true,
	"it": true, "he": true, "she": true, "they": true, "we": true, "i": true, "this": true, "that": true,
	"former": true, // "Former National Security Council official": no part of the name
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
}

// Arabic cue words (folded) announcing a name of some type.
var arPersonCue = map[string]bool{
	"الرئيس": true, "الرئيسه": true, "السيد": true, "السيده": true, "الوزير": true, "الوزيره": true,
	"الملك": true, "الامير": true, "الاميره": true, "الشيخ": true, "الدكتور": true, "المستشار": true,
	"المستشاره": true, "النائب": true, "السفير": true, "الجنرال": true, "العاهل": true, "الزعيم": true,
	"المرشح": true, "المرشحه": true, "اللواء": true, "العميد": true, "العقيد": true, "الفريق": true,
	"المشير": true, "البابا": true, "الامام": true, "القاضي": true, "الكاتب": true, "الصحفي": true,
	"الباحث": true, "الاستاذ": true, "المهندس": true, "الحاخام": true, "الفنان": true, "اللاعب": true,
	"المدرب": true, "نظيره": true, "المبعوث": true, "المنسق": true, "قال": true, "وقال": true,
	"اكد": true, "واكد": true, "اضاف": true, "واضاف": true, "اوضح": true, "واوضح": true,
}

// arPersonCue2 are two-word cues: «رئيس الوزراء», «وزير الخارجية».
var arPersonHead = map[string]bool{"رئيس": true, "وزير": true, "وزيره": true, "امين": true, "مدير": true, "نائب": true, "مستشار": true, "سفير": true, "ولي": true, "مؤسس": true, "زعيم": true, "قائد": true, "رئيسه": true}

var arOrgNameCue = map[string]bool{ // name follows, cue not part of it
	"شركه": true, "مجموعه": true, "بنك": true, "مصرف": true, "صحيفه": true, "قناه": true, "وكاله": true,
	"مختبر": true, "مختبرات": true, "فريق": true, "نادي": true,
}

var arOrgPhraseCue = map[string]bool{ // cue + following words form the name
	"تنظيم": true, "منظمه": true, "وزاره": true, "مجلس": true, "جامعه": true, "حزب": true, "حركه": true, "هيئه": true,
	"اتحاد": true, "لجنه": true, "معهد": true, "صندوق": true, "جبهه": true, "محكمه": true,
	"جمعيه": true, "الاتحاد": true, "المجلس": true, "الحزب": true, "منتدي": true, "مؤسسه": true,
}

// teamNouns follow «فريق» in common phrases («فريق عمل» task force).
var teamNouns = map[string]bool{
	"عمل": true, "بحث": true, "تحقيق": true, "طبي": true, "انقاذ": true, "اغاثه": true, "فني": true,
	"خبراء": true, "مفاوض": true, "متكامل": true, "واحد": true, "كامل": true,
}

// arDayNames end an organisation's name: «مجلس النواب الخميس».
var arDayNames = map[string]bool{
	"السبت": true, "الاحد": true, "الاثنين": true, "الثلاثاء": true, "الاربعاء": true, "الخميس": true, "الجمعه": true,
}

var arPlaceCue = map[string]bool{
	"مدينه": true, "العاصمه": true, "عاصمه": true, "ولايه": true, "محافظه": true, "اقليم": true,
	"منطقه": true, "جزيره": true, "بلده": true, "قريه": true, "مخيم": true, "مقاطعه": true, "بلدة": true,
}

var arProductCue = map[string]bool{
	"نموذج": true, "تطبيق": true, "منصه": true, "برنامج": true, "هاتف": true, "روبوت": true, "رقائق": true, "رقاقه": true,
}

var arStop = map[string]bool{
	"في": true, "من": true, "علي": true, "الي": true, "عن": true, "ان": true, "انه": true, "انها": true,
	"الذي": true, "التي": true, "الذين": true, "قد": true, "لم": true, "لن": true, "ما": true, "لا": true,
	"هذا": true, "هذه": true, "ذلك": true, "تلك": true, "كان": true, "كانت": true, "بعد": true, "قبل": true,
	"خلال": true, "مع": true, "حول": true, "عند": true, "اثناء": true, "بين": true, "كما": true, "او": true,
	"ثم": true, "حتي": true, "منذ": true, "لدي": true, "اي": true, "كل": true, "بعض": true, "غير": true,
	"هو": true, "هي": true, "هم": true, "نحن": true, "انا": true, "اليوم": true, "امس": true, "يوم": true,
	"عام": true, "العام": true, "الماضي": true, "المقبل": true, "السابق": true, "الحالي": true, "الجديد": true,
	"ايضا": true, "فقط": true, "جدا": true, "لقد": true, "وقد": true, "فقد": true, "اذا": true, "عندما": true,
	"بينما": true, "حيث": true, "لكن": true, "ولكن": true, "يتحدث": true, "قال": true, "وقال": true, "اعلن": true,
	"واعلن": true, "اكد": true, "يقول": true, "امام": true, "الي جانب": true, "عبر": true, "دون": true, "تحت": true,
	"فوق": true, "ضد": true, "لدى": true, "وفق": true, "وفقا": true, "نحو": true, "الان": true, "ان،": true,
	"الرئيس": true, "الوزير": true, "رئيس": true, "وزير": true, "شركه": true, "يعتبر": true, "سيكون": true,
}

// isNisba reports whether w looks like a descriptive adjective («الأميركي»,
// «السابق») that sits between a title and a name.
func isNisba(w string) bool {
	if !strings.HasPrefix(w, "ال") {
		return false
	}
	return strings.HasSuffix(w, "ي") || strings.HasSuffix(w, "يه") || w == "السابق" || w == "الحالي" ||
		w == "المنتخب" || w == "الاسبق" || w == "الجديد" || w == "المكلف" || w == "المستقيل"
}

// nationalityWord reports whether a person matched by one word alone is
// that word as an adjective of nationality: in «بوزير الصناعة السوداني»
// it means "Sudanese", not Mohammed Shia al-Sudani. The word is the nisba
// of a place the gazetteer knows (السودان → السوداني); the full name
// («محمد شياع السوداني») still matches. The caller holds g's read lock.
func nationalityWord(g *Gazetteer, toks []token.Token, i int, m gazMatch) bool {
	if m.next != i+1 || g.entries[m.entry].Type != "person" {
		return false
	}
	stem, ok := strings.CutPrefix(toks[i].Norm, "ال")
	if !ok {
		return false
	}
	if stem, ok = strings.CutSuffix(stem, "ي"); !ok || stem == "" {
		return false
	}
	for _, place := range []string{"ال" + stem, stem} {
		if idx, ok := g.folded[place]; ok && g.entries[idx].Type == "place" {
			return true
		}
	}
	return false
}

// findEntities runs the gazetteer and the name rules over the tokens.
func findEntities(text string, toks []token.Token, sents []Sentence, g *Gazetteer) ([]Entity, bool) {
	return findEntitiesWith(text, toks, sents, g, englishTagger(), nil)
}

// findEntitiesWith is findEntities with the English tagger en (nil: the
// rules alone); rules, when set, is given the English rules' mentions and
// the sentences' first tokens before the tagger reads them
// (NERFeaturesEnglish).
func findEntitiesWith(text string, toks []token.Token, sents []Sentence, g *Gazetteer, en *ner.Model, rules func([]mention, []bool)) ([]Entity, bool) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	arabic := mostlyArabic(toks)
	english := !arabic && readsEnglish(toks) // read once: the tagger's gate too
	if !arabic && !english {
		// German, French, Portuguese…: the English rules read every
		// capitalised noun as a name ("Beide Sprünge", "Dieses Wochenende")
		ms, usPresident := listedMentions(text, toks, sentenceStarts(toks, sents), g)
		return merge(ms, g), usPresident
	}
	ss := sentenceStarts(toks, sents)
	ms, usPresident := cueMentionsAt(text, toks, ss, g)
	if !arabic {
		ms = contextMentions(text, toks, ms, ss)
		ms = docNames(text, toks, ms, ss)
		ms = dropQuotedTitles(toks, ms)
		ms = dropEventNames(toks, ms)
		placeVenues(toks, ms)
		ms = datelinePlaces(text, toks, ms)
		plusProducts(text, ms)
		ms = webNames(text, toks, ms)
		ms = clubPlaces(text, toks, ms)
	}
	tagged := false
	if m := arabicTagger(); m != nil && arabic {
		ms = taggedMentions(text, toks, ms, tagArabic(m, text, toks, ms, g), m.Classes, g)
		tagged = true
	}
	for k := range ms {
		if ms[k].id == "" && ms[k].entry < 0 {
			ms[k].id, ms[k].entry = ruleID(ms[k], g)
		}
	}
	if !arabic {
		ms = linkShortForms(text, toks, ms)
	}
	fam := familyNames(text, toks, ms, g)
	if !tagged {
		// the tagger read each place it kept in its context (GeoNames
		// matches it did not confirm are gone already): a person's family
		// name elsewhere says nothing of it (4-fold cross-validation on
		// ANERcorp's training part: +0.9 F1)
		ms = dropSurnamePlaces(ms, fam, g)
	}
	ms = followMentions(text, toks, ms, fam)
	if !arabic {
		ms = initialFamilyNames(text, toks, ms, fam)
		if rules != nil {
			rules(ms, ss)
		}
		if en != nil {
			ms = mergeEnglishTags(text, toks, ms, tagReadEnglish(en, text, toks, ss, ms), g)
		}
	}
	return merge(ms, g), usPresident
}

// listedMentions are the names of a Latin-script text that does not read
// as English (readsEnglish), in text order: the names Annals can trust
// without English grammar. Known names and aliases (the gazetteer and the
// places data) as they are written, a known maker's model ("Nvidia B200")
// and web names ("Salon.com"); no capitalised run, cue or document pass
// (German capitalises every noun), no model code alone (codeAfter). A known name is not taken where the text writes
// it otherwise (notListedHere). The caller holds g's read lock.
func listedMentions(text string, toks []token.Token, sentStart []bool, g *Gazetteer) ([]mention, bool) {
	var ms []mention
	var lower map[string]bool
	lowerOf := lowerWords(toks, &lower) // read at the first given name
	usPresident := false
	for i := 0; i < len(toks); {
		if m, ok := g.match(toks, i); ok && !notListedHere(text, toks, i, m, sentStart, g) {
			e := &g.entries[m.entry]
			if end, ok := codeAfter(text, toks, m.next); ok && (e.Type == "organisation" || e.Type == "product") {
				// "Nvidia B200", "Airbus A400M": a known maker's model
				s := Span{m.start, toks[end-1].End}
				ms = append(ms, mention{span: s, typ: "product", name: text[s.Start:s.End], entry: -1})
				i = end
				continue
			}
			ms = append(ms, mention{span: Span{m.start, m.end}, id: e.ID, typ: e.Type, name: text[m.start:m.end], entry: m.entry})
			if e.HasTag("us-president") || e.ID == "organisation:white-house" || e.ID == "place:oval-office" {
				usPresident = true
			}
			i = m.next
			continue
		}
		if pm, next, ok := foreignGivenNamePerson(text, toks, i, lowerOf); ok && !nonNameToken(toks, i) {
			ms = append(ms, pm)
			i = next
			continue
		}
		i++
	}
	ms = webNames(text, toks, ms)
	for k := range ms {
		if ms[k].entry < 0 {
			ms[k].id, ms[k].entry = ruleID(ms[k], g)
		}
	}
	return ms, usPresident
}

// notListedHere reports whether the known name m at token i is, in a text
// that is not English, another word written like it: an acronym written
// as an ordinary word opening a sentence or after a mark (German "Mit …",
// „Mit …" are not MIT; "die Nato" is NATO), the tail of a
// hyphenated compound ("openMP-Threads"), or a one-word place of the
// places data after an article ("in der Lage", "die Halle", "les Halles":
// German and French nouns that are also towns; a country keeps its article,
// "die Türkei", "la France"), or a given name before another capitalised
// word.
func notListedHere(text string, toks []token.Token, i int, m gazMatch, sentStart []bool, g *Gazetteer) bool {
	t := &toks[i]
	if t.Arabic {
		return false
	}
	if i > 0 && !t.Space && toks[i-1].Norm == "-" {
		return true
	}
	if m.next != i+1 {
		return false
	}
	e := &g.entries[m.entry]
	if (i == 0 || sentStart[i] || toks[i-1].Kind == token.Punct) && !allUpper(text, t) && !writtenAsIs(text[t.Start:t.End], t.Norm, e) {
		return true
	}
	if !e.HasTag("geonames") {
		return false
	}
	if i > 0 && toks[i-1].Kind == token.Word && latinArticle[toks[i-1].Norm] {
		return true
	}
	// "Sebastian Vettel", "Allen Ginsberg": a given name the places data
	// also holds, opening a person's name; "Luke Evans", "Colin Davis": a
	// family name the places data holds, after a given name
	_, given := givenNamesEn[t.Norm]
	if given && i+1 < len(toks) && toks[i+1].Kind == token.Word && toks[i+1].Upper && toks[i+1].Space && !toks[i+1].Break {
		return true
	}
	if i == 0 || !t.Space || t.Break {
		return false
	}
	p := &toks[i-1]
	_, afterGiven := givenNamesEn[p.Norm]
	return afterGiven && p.Kind == token.Word && p.Upper && !p.Arabic
}

// writtenAsIs reports whether the word w (folded: norm), as the text
// writes it, is one of
// e's Latin spellings in the same letter case, or one of them that is not
// all capitals: only an acronym ("MIT", "NATO") asks for its capitals.
func writtenAsIs(w, norm string, e *GazetteerEntry) bool {
	check := func(s string) bool {
		return s == w || textnorm.Fold(s) == norm && strings.ContainsFunc(s, unicode.IsLower)
	}
	if check(e.Name) {
		return true
	}
	return slices.ContainsFunc(e.Aliases, check)
}

// latinArticle are the articles of the Latin-script languages Annals'
// readers save most besides English (German, French, Spanish, Portuguese,
// Italian, Dutch): a word after one is a common noun far more often than a
// town's name. (Not "de": French, Spanish and Portuguese "of", before
// many a town, "de Lyon".)
var latinArticle = map[string]bool{
	"der": true, "die": true, "das": true, "dem": true, "den": true, "des": true,
	"ein": true, "eine": true, "einer": true, "einem": true, "einen": true, "eines": true,
	"le": true, "la": true, "les": true, "un": true, "une": true, "du": true,
	"el": true, "los": true, "las": true, "una": true,
	"o": true, "a": true, "os": true, "as": true, "um": true, "uma": true,
	"il": true, "lo": true, "gli": true, "het": true,
}

// foreignGivenNamePerson finds "Karl Geiger", "Paul Delevoye", "Jean
// Pierre Raffarin" in a text that is not English: a listed given name
// (assets/given_names_en.txt) of three letters or more that is no English
// word too ("Art", "King", "Star" are, marked " ?"; "Al", "De" are short),
// maybe more, and one capitalised family name, on one line. Neither is a
// word the text also writes in lower case: German "Der Plan", "Von
// Facebook", French "Les Jours" are no one ("der", "von", "les" are
// words there). lower gives lowerWords' set (read only at a given name).
func foreignGivenNamePerson(text string, toks []token.Token, i int, lower func() map[string]bool) (mention, int, bool) {
	isName := func(k int) bool {
		w := &toks[k]
		return w.Kind == token.Word && !w.Arabic && w.Upper && len(w.Norm) >= 2 && !allUpper(text, w)
	}
	given := func(k int) bool {
		amb, ok := givenNamesEn[toks[k].Norm]
		return ok && !amb && len(toks[k].Norm) >= 3 && isName(k) && !lower()[toks[k].Norm]
	}
	if !given(i) {
		return mention{}, 0, false
	}
	k := i + 1
	for k+1 < len(toks) && k-i < 3 && toks[k].Space && !toks[k].Break && given(k) && isName(k+1) && toks[k+1].Space && !toks[k+1].Break {
		k++ // "Jean Pierre Raffarin", "Mary Ann Evans"
	}
	if k >= len(toks) || !toks[k].Space || toks[k].Break || !isName(k) || lower()[toks[k].Norm] {
		return mention{}, 0, false
	}
	s := Span{toks[i].Start, toks[k].End}
	return mention{span: s, typ: "person", name: text[s.Start:s.End], entry: -1}, k + 1, true
}

// lowerWords returns a function giving the folded words toks write in lower
// case at least once, read at its first call into *set.
func lowerWords(toks []token.Token, set *map[string]bool) func() map[string]bool {
	return func() map[string]bool {
		if *set == nil {
			*set = map[string]bool{}
			for i := range toks {
				if t := &toks[i]; t.Kind == token.Word && !t.Upper && !t.Arabic {
					(*set)[t.Norm] = true
				}
			}
		}
		return *set
	}
}

// codeAfter reads a model code ("B200", "A400M") written after a known
// name that ends before token k, on the same line; it returns the token
// after the code. A code alone is no name in a text that is not English:
// on the non-English benchmark pages most are chemical formulas ("NH3"),
// standards ("RS232", "IP40", "FFP2"), update and part numbers ("KB3068708",
// "RES155") or events ("COP26"), few a product's model.
func codeAfter(text string, toks []token.Token, k int) (int, bool) {
	if k >= len(toks) || !toks[k].Space || toks[k].Break {
		return 0, false
	}
	return codeAt(text, toks, k)
}

// cueMentions are the names found by the gazetteer and the cue rules, in
// text order; the caller holds g's read lock.
func cueMentions(text string, toks []token.Token, sents []Sentence, g *Gazetteer) ([]mention, bool) {
	return cueMentionsAt(text, toks, sentenceStarts(toks, sents), g)
}

// cueMentionsAt is cueMentions given the sentences' first tokens
// (sentenceStarts), which findEntities reads once for all its passes.
func cueMentionsAt(text string, toks []token.Token, sentStart []bool, g *Gazetteer) ([]mention, bool) {
	var ms []mention
	usPresident := false
	heading := capsHeadings(text, toks)
	for i := 0; i < len(toks); {
		if m, ok := g.match(toks, i); ok && !orgAround(toks, i, m.next) && !nationalityWord(g, toks, i, m) {
			e := &g.entries[m.entry]
			if e.Type == "place" && m.next == i+1 {
				// "Adam Neumann": a given name the gazetteer also knows as a place
				if pm, next, ok := givenNamePerson(text, toks, i, sentStart, g); ok && next > i+1 {
					ms = append(ms, pm)
					i = next
					continue
				}
				if i+2 < len(toks) && len(toks[i+1].Norm) == 1 && toks[i+2].Norm == "." {
					// "Elizabeth A. Burton": a middle initial makes a person
					// of a listed place's word
					if pm, next, ok := initialsPerson(text, toks, i); ok && next > i+1 {
						ms = append(ms, pm)
						i = next
						continue
					}
				}
			}
			if r := m.next; e.Type == "place" && !toks[i].Arabic && r+1 < len(toks) {
				if toks[r].Norm == "." && !toks[r].Space && toks[r+1].Space {
					r++ // "U.S." read as "U.S" and its full stop
				}
				if om, next, ok := possessiveOrgFrom(text, toks, i, r); ok {
					// "California Governor's Office of Emergency Services":
					// the place opens the office's name
					ms = append(ms, om)
					i = next
					continue
				}
			}
			if e.Type == "place" {
				m = extendPlace(toks, i, m)
				if !toks[i].Arabic {
					m = widenPlace(text, toks, i, m, sentStart, lastEnd(ms))
					if h, ok := hyphenedPlace(text, toks, m); ok && !listedAfterHyphen(text, toks, m.next+1, g) {
						// "Delhi-NCR", "Dallas-Fort": a region named by two, not the city
						ms = append(ms, h)
						i = m.next + 2
						continue
					}
					if tm, next, ok := placeTeam(text, toks, i, m.next); ok && longerName(toks, m.next, g) {
						// "the Pittsburgh Steelers": a place and a plural nickname
						ms = append(ms, tm)
						i = next
						continue
					}
					if longerName(toks, m.next, g) && !personNext(toks, m.next) {
						// "Sioux Falls Argus Leader", "USA Today": only the
						// outermost name counts; the document pass reads it
						i = m.next
						continue
					}
				}
			}
			if e.Type == "product" && !toks[i].Arabic {
				m = extendProduct(toks, m)
				if longerName(toks, m.next, g) && !isOrgSuffix(toks[m.next].Norm) {
					// "RAV4 Prime", "ChatGPT Enterprise": a model of the
					// listed product, a product of its own
					sp := Span{m.start, toks[m.next].End}
					ms = append(ms, mention{span: sp, typ: "product", name: text[sp.Start:sp.End], entry: -1})
					i = m.next + 1
					continue
				}
			}
			if (e.Type == "organisation" || e.Type == "product") && !toks[i].Arabic {
				if lm, next, ok := listedLonger(text, toks, i, m, g); ok {
					// "CBS All Access", "Lexus Philippines", "Nissan Sales &
					// Regional Operations": the company's name carried on
					ms = append(ms, lm)
					i = next
					continue
				}
			}
			start := m.start
			if e.Type == "person" {
				start = trimTitle(toks, i, m.next, start)
			}
			ms = append(ms, mention{span: Span{start, m.end}, id: e.ID, typ: e.Type, name: text[start:m.end], entry: m.entry})
			if e.HasTag("us-president") || e.ID == "organisation:white-house" || e.ID == "place:oval-office" {
				usPresident = true
			}
			i = m.next
			continue
		}
		if n := toks[i].Norm; len(n) >= 4 && n[len(n)-1] == 's' {
			if pm, ok := pluralProduct(text, toks, i, g); ok {
				ms = append(ms, pm) // "iPhones": a listed product in the plural
				i++
				continue
			}
		}
		if heading != nil && heading[i] || nonNameToken(toks, i) {
			// a heading in capitals ("TOYOTA RAV4 PRIME") is no sentence:
			// the lists read it, the rules do not; nor a handle or a link's piece
			i++
			continue
		}
		if noRuleAt(text, &toks[i]) {
			i++ // (most tokens: the rules' calls and empty answers cost more than this test)
			continue
		}
		if m, next, ok := ruleEntity(text, toks, i, sentStart, g); ok {
			ms = append(ms, m)
			i = next
			continue
		}
		i++
	}
	return ms, usPresident
}

// noRuleAt reports whether ruleEntity finds nothing at token t for sure: a
// mark, or a lower-case Latin word no English rule opens a name at
// (lowerNoRule; streetName wants a number or a capital).
// TestLowerNoRuleSkipsNoName tries ruleEntity at every token it skips.
func noRuleAt(text string, t *token.Token) bool {
	return t.Kind == token.Punct || t.Kind == token.Word && !t.Arabic && lowerNoRule(text, t)
}

// extendPlace widens a place's match to "Napa County" (a lower-case
// "Zabul province" is Zabul: the designator is no part of the name) and "Southern California" (a compass word written before it).
func extendPlace(toks []token.Token, i int, m gazMatch) gazMatch {
	if m.next < len(toks) && toks[m.next].Kind == token.Word && adminUnit[toks[m.next].Norm] && toks[m.next].Upper {
		m.end, m.next = toks[m.next].End, m.next+1
	}
	if i > 0 && toks[i].Space {
		if p := &toks[i-1]; p.Kind == token.Word && p.Upper && !p.Break && compassWord[p.Norm] {
			m.start = p.Start
		}
	}
	return m
}

var compassWord = map[string]bool{
	"southern": true, "northern": true, "eastern": true, "western": true, "central": true,
	"southeastern": true, "southwestern": true, "northeastern": true, "northwestern": true,
}

// givenNameInside reports whether a listed English given name stands
// among tokens lo..hi-1 (none of them opens a sentence, so an ambiguous
// one counts: "State Mike Pompeo").
func givenNameInside(toks []token.Token, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if _, ok := givenNamesEn[toks[k].Norm]; ok && toks[k].Upper {
			return true
		}
	}
	return false
}

// sentenceStarts marks the tokens that open a sentence, one bool a token
// (a map of them was a twentieth of the English rules' time, issue 19).
func sentenceStarts(toks []token.Token, sents []Sentence) []bool {
	starts := make([]bool, len(toks))
	j := 0
	for i := range toks {
		for j < len(sents) && sents[j].End <= toks[i].Start {
			j++
		}
		if j < len(sents) && toks[i].Start == sents[j].Start {
			starts[i] = true
		}
	}
	return starts
}

// ruleEntity recognises names the gazetteer does not know, from cues.
func ruleEntity(text string, toks []token.Token, i int, sentStart []bool, g *Gazetteer) (mention, int, bool) {
	t := &toks[i]
	if m, next, ok := streetName(text, toks, i); ok {
		return m, next, true
	}
	if t.Kind != token.Word {
		return mention{}, 0, false
	}
	if t.Arabic {
		return arabicRule(text, toks, i, g)
	}
	return englishRule(text, toks, i, sentStart, g)
}

// capRun returns the end of a run of capitalised Latin words starting at i
// (with "of", "and", "for", "the", "&" inside and initials like "J.").
func capRun(toks []token.Token, i int) int {
	k := i
	for k < len(toks) && k-i < 8 {
		t := &toks[k]
		if k > i && t.Break {
			return k // a name does not run over a line's end ("Kent, Washington⏎Ceres Robotics")
		}
		if n := nameJoin(toks, k); n > 0 && (k > i || t.Upper) {
			k += n // "O’Brien", "al-Sisi": one word of a name
			continue
		}
		switch {
		case t.Kind == token.Word && !t.Arabic && t.Upper:
			k++
			if k < len(toks) && toks[k].Norm == "." && len(t.Norm) == 1 {
				k++
			}
			// "Nano-Satellite", "T-Mobile": one capitalised word
			for k+1 < len(toks) && toks[k].Norm == "-" && !toks[k].Space && !toks[k+1].Space &&
				toks[k+1].Kind == token.Word && !toks[k+1].Arabic && toks[k+1].Upper {
				k += 2
			}
			if k-i >= 2 && hyphenSyllable(toks, k) {
				k += 2 // "Cheuk Hau-yip", "Kim Jong-un": a given name's second syllable
			}
		case t.Kind == token.Word && !t.Arabic && (t.Norm == "of" || t.Norm == "for" || t.Norm == "and" || t.Norm == "the") && k > i &&
			k+1 < len(toks) && toks[k+1].Kind == token.Word && toks[k+1].Upper && !toks[k+1].Arabic && !isTitle(toks[k+1].Norm):
			k++
		case t.Norm == "on" && k > i && enOrgHead[toks[k-1].Norm] && k+1 < len(toks) && toks[k+1].Kind == token.Word &&
			toks[k+1].Upper && !toks[k+1].Arabic && !isStopCap(toks[k+1].Norm):
			k++ // "National Institute on Drug Abuse", "Council on Foreign Relations", not "Council on Monday"
		case t.Norm == "&" && k > i:
			k++
		case k > i && len(t.Norm) <= 5 && !t.Upper && innerParticle(toks, k):
			k++ // "Charles de Gaulle", "Dorothea von Schlegel"
		case t.Norm == "of" && k > i && ofTheOrg(toks, k):
			k += 2 // "Monthly Notices of the Royal Astronomical Society"
		default:
			return k
		}
	}
	return k
}

// englishRule recognises an English name from cues at token i, a Latin
// word.
func englishRule(text string, toks []token.Token, i int, sentStart []bool, g *Gazetteer) (mention, int, bool) {
	if lowerNoRule(text, &toks[i]) {
		return mention{}, 0, false
	}
	return englishRules(text, toks, i, sentStart, g)
}

// lowerNoRule reports whether token t is a lower-case word that no English
// rule can open a name at: every rule wants a capital but a camel-cased
// product's ("iPhone 15") and a title's ("president Macron"). Most words
// are such, and the rules' tests and returns cost a fifth of the English
// rules' time; TestLowerNoRuleSkipsNoName tries the rules at every
// word it skips. A word in lower-case ASCII (Folded, most of them) has no
// capital inside.
func lowerNoRule(text string, t *token.Token) bool {
	return !t.Upper && (t.Folded || !innerCapital(text[t.Start:t.End])) && !isTitle(t.Norm)
}

// The word lists the English rules read at nearly every capitalised word,
// each behind a filter (wordShapes) that turns most other words away
// before the map: their look-ups were a tenth of the English rules' time.
var (
	stopCapShapes   = newWordShapes(enStopCap)
	titleShapes     = newWordShapes(enTitles)
	docSkipShapes   = newWordShapes(docSkipWords)
	orgSuffixShapes = newWordShapes(enOrgSuffix)
)

// isStopCap is enStopCap[w].
func isStopCap(w string) bool { return stopCapShapes.mayHold(w) && enStopCap[w] }

// isTitle is enTitles[w].
func isTitle(w string) bool { return titleShapes.mayHold(w) && enTitles[w] }

// isDocSkip is docSkipWords[w].
func isDocSkip(w string) bool { return docSkipShapes.mayHold(w) && docSkipWords[w] }

// isOrgSuffix is enOrgSuffix[w].
func isOrgSuffix(w string) bool { return orgSuffixShapes.mayHold(w) && enOrgSuffix[w] }

// wordShapes is a filter in front of a word list: for each length below
// 16 and ASCII first letter, the set of last letters of the list's
// words. A word whose shape no listed word has is not listed; other words
// (longer, or not starting and ending in a-z) are left to the list.
type wordShapes [16][26]uint32

func newWordShapes(list map[string]bool) *wordShapes {
	var s wordShapes
	for w := range list {
		if n := len(w); n > 0 && n < 16 && w[0]-'a' < 26 && w[n-1]-'a' < 26 {
			s[n][w[0]-'a'] |= 1 << (w[n-1] - 'a')
		}
	}
	return &s
}

// mayHold reports whether w may be in the list (false: it is not).
func (s *wordShapes) mayHold(w string) bool {
	n := len(w)
	if n == 0 || n >= 16 || w[0]-'a' >= 26 || w[n-1]-'a' >= 26 {
		return true
	}
	return s[n][w[0]-'a']&(1<<(w[n-1]-'a')) != 0
}

// englishRules are englishRule's rules, tried in order.
func englishRules(text string, toks []token.Token, i int, sentStart []bool, g *Gazetteer) (mention, int, bool) {
	t := &toks[i]
	if len(t.Norm) == 1 && i > 0 && !t.Space && toks[i-1].Kind == token.Number {
		return mention{}, 0, false // "4K. Google said": a number's unit, no initial
	}
	if i >= 2 && nameJoin(toks, i-2) > 0 {
		return mention{}, 0, false // "Brien" of "O’Brien", "Sisi" of "al-Sisi": no name of its own
	}
	if m, next, ok := productCode(text, toks, i); ok {
		if longerName(toks, next, g) && !isOrgSuffix(toks[next].Norm) && !nextIsCapWord(toks, next+1) {
			// "RAV4 Prime", "F-150 Lightning": one capitalised word more is the model's
			m.span.End = toks[next].End
			m.name = text[m.span.Start:m.span.End]
			next++
		}
		return m, next, true
	}
	if m, next, ok := initialsPerson(text, toks, i); ok {
		return m, next, true
	}
	if m, next, ok := givenNamePerson(text, toks, i, sentStart, g); ok {
		return m, next, true
	}
	if m, next, ok := ampersandOrg(text, toks, i); ok {
		return m, next, true
	}
	if m, next, ok := adminPlace(text, toks, i, sentStart); ok {
		return m, next, true
	}
	if m, next, ok := creditOrg(text, toks, i); ok {
		return m, next, true
	}
	if m, next, ok := cuedOrg(text, toks, i); ok {
		return m, next, true
	}
	if i+3 < len(toks) && toks[i+2].Norm == "s" { // (tested here: most words are no possessive)
		if m, next, ok := possessiveOrg(text, toks, i); ok {
			return m, next, true
		}
	}
	run := capRun(toks, i) // read once for the rules below
	if run-i >= 3 {
		if m, next, ok := roleInRun(text, toks, i, run, g); ok {
			return m, next, true
		}
	}
	if run-i == 2 && orgAcronym(text, &toks[i]) && orgAcronym(text, &toks[i+1]) {
		// "CBS DFW reports": two acronyms side by side, one outlet's name
		s := Span{t.Start, toks[i+1].End}
		return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, run, true
	}
	if end := run; end-i <= 1 {
		if m, next, ok := acronymOrg(text, toks, i); ok {
			return m, next, true
		}
		if m, next, ok := camelCaseOrg(text, toks, i); ok {
			return m, next, true
		}
	}
	// title + name: "President Macron", "Mr. Smith" (but "Premier League" is
	// a league)
	if title := isTitle(t.Norm); title && (t.Upper || t.Norm == "president" || t.Norm == "minister" || t.Norm == "ceo" ||
		twoNameWords(toks, i+1)) && !orgAround(toks, i, i+1) {
		k := i + 1
		if k < len(toks) && toks[k].Norm == "." {
			k++
		}
		for k < len(toks) && toks[k].Kind == token.Word && isTitle(toks[k].Norm) {
			k++
			if k < len(toks) && toks[k].Norm == "." {
				k++ // "Rt. Hon. X"
			}
		}
		if k < len(toks) {
			if _, ok := g.match(toks, k); ok {
				return mention{}, 0, false
			}
		}
		end := capRun(toks, k)
		if end > k && end-k <= 4 && !isStopCap(toks[k].Norm) {
			s := Span{toks[k].Start, toks[end-1].End}
			return mention{span: s, typ: "person", name: text[s.Start:s.End], entry: -1}, end, true
		}
		return mention{}, 0, false
	}
	if !t.Upper || isStopCap(t.Norm) || sentStart[i] && isDocSkip(t.Norm) {
		// "From The New York Times to CNN": the sentence's first word is
		// no part of the name after it
		return mention{}, 0, false
	}
	end := run
	if end == i {
		return mention{}, 0, false
	}
	last := &toks[end-1]
	s := Span{t.Start, last.End}
	if j := headJoined(toks, i, end); j > i {
		end = j
		s.End = toks[end-1].End
		// "University of Florida", "Max Planck Institute for Astrophysics",
		// "Rock and Roll Hall of Fame": a head and its joined words are one
		// organisation, whatever given name ("Florida") stands after them
		return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, end, true
	}
	if !isOrgSuffix(last.Norm) && givenNameInside(toks, i+1, end) {
		// "Secretary of State Mike Pompeo said", "NASA Administrator Jim
		// Bridenstine said": the person starts at the given name, read
		// from there; an organisation's name before it ends on its
		// suffix ("CBS Sports NFL Insider Jason …", "Democratic Party
		// Chairman Tom …")
		if j := orgBeforeGivenName(toks, i, end); j > i {
			s.End = toks[j].End
			return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, j + 1, true
		}
		return mention{}, 0, false
	}
	if isOrgSuffix(last.Norm) && (roleWords[t.Norm] || roleModifiers[t.Norm]) {
		// "Speaker of the Senate": the body is the name, not the title;
		// "Inspector-General of Police" names none
		if b, ok := titleOfBody(toks, i, end); ok {
			if b < 0 {
				return mention{}, 0, false
			}
			sp := Span{toks[b].Start, last.End}
			return mention{span: sp, typ: "organisation", name: text[sp.Start:sp.End], entry: -1}, end, true
		}
	}
	switch {
	case end-i >= 2 && isOrgSuffix(last.Norm):
		// "Ceres Robotics and Tyvak Systems": two organisations, the first
		// ending on its own suffix before "and"
		for j := i + 2; j < end-1; j++ {
			if toks[j].Norm == "and" && isOrgSuffix(toks[j-1].Norm) {
				end, s.End = j, toks[j-1].End
				break
			}
		}
		typ := "organisation"
		if venueWord[last.Norm] && i > 0 && (toks[i-1].Norm == "at" || toks[i-1].Norm == "in") {
			typ = "place" // "in KeyBank Center": the building
		}
		return mention{span: s, typ: typ, name: text[s.Start:s.End], entry: -1}, end, true
	case end-i >= 3 && enOrgHead[t.Norm] && orgJoin[toks[i+1].Norm],
		end-i >= 4 && enOrgHead[toks[i+1].Norm] && orgJoin[toks[i+2].Norm]:
		// "University of Kabul", "American University of Kabul"
		return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, end, true
	case end-i >= 2 && i >= 2 && (toks[i-1].Norm == "of" && ofOrg[toks[i-2].Norm] || i >= 3 && toks[i-1].Norm == "the" && toks[i-2].Norm == "of" && ofOrg[toks[i-3].Norm]):
		// "chairman of the Joint Chiefs of Staff", "a subsidiary of Tarvo Mining Works"
		return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, end, true
	case i > 0 && toks[i-1].Upper && toks[i-1].Kind == token.Word && !sentStart[i] && !toks[i].Break:
		// the tail of a longer run that no rule read ("Chiefs of Staff"
		// of "the Joint Chiefs of Staff, told"): no person of its own
	case end-i >= 2 && end-i <= 3 && !sentStart[i] && end < len(toks) && enSaid[toks[end].Norm] && (i == 0 || toks[i-1].Norm != "the"):
		return mention{span: s, typ: "person", name: text[s.Start:s.End], entry: -1}, end, true
	case end-i >= 2 && end-i <= 3 && end+1 < len(toks) && toks[end].Norm == "," && enSaid[toks[end+1].Norm]:
		return mention{span: s, typ: "person", name: text[s.Start:s.End], entry: -1}, end, true
	}
	return mention{}, 0, false
}

// arName reads up to max name words from k: Arabic words that are not
// function words, or Latin capitalised words, or a quoted name.
func arName(toks []token.Token, k, max int, allowDef bool) (int, int) {
	start := k
	if k < len(toks) && toks[k].Kind == token.Punct && (toks[k].Norm == "“" || toks[k].Norm == "\"" || toks[k].Norm == "«") {
		j := k + 1
		for j < len(toks) && j-k <= 6 && toks[j].Kind != token.Punct {
			j++
		}
		if j < len(toks) && j > k+1 && (toks[j].Norm == "”" || toks[j].Norm == "\"" || toks[j].Norm == "»") {
			return k + 1, j
		}
		return start, start
	}
	for k < len(toks) && k-start < max {
		t := &toks[k]
		if t.Kind != token.Word || t.Break && k > start {
			break
		}
		if !t.Arabic {
			if !t.Upper {
				break
			}
			k++
			continue
		}
		w := t.Norm
		if arStop[w] || len([]rune(w)) < 2 {
			break
		}
		if strings.HasPrefix(w, "ال") && !allowDef {
			prev := ""
			if k > start {
				prev = toks[k-1].Norm
			}
			if prev != "عبد" && prev != "ابو" && prev != "بن" && prev != "ابن" && prev != "ال" && prev != "ذو" {
				break
			}
		}
		if len(w) >= 8 && (strings.HasPrefix(w, "سي") || strings.HasPrefix(w, "ست") || strings.HasPrefix(w, "سن")) {
			break // a future verb: «ستطلق»
		}
		if strings.HasPrefix(w, "و") && k > start && !strings.HasPrefix(w, "ول") && len([]rune(w)) > 3 {
			break // «و» joins the next clause: «ترمب وبايدن»
		}
		k++
	}
	return start, k
}

// The Arabic cue lists a word is in, bits of arCues.
const (
	cuePerson     uint8 = 1 << iota // arPersonCue
	cuePersonHead                   // arPersonHead
	cueOrgName                      // arOrgNameCue
	cueOrgPhrase                    // arOrgPhraseCue
	cuePlace                        // arPlaceCue
	cueProduct                      // arProductCue
)

// arCues holds every word of the six Arabic cue lists with the bits of
// the lists it is in: arabicRule looks each form of every Arabic word up
// once instead of in up to six maps (built by fold.go's init, after the
// lists are folded).
var arCues map[string]uint8

func buildArCues() map[string]uint8 {
	m := map[string]uint8{}
	for bit, list := range []map[string]bool{arPersonCue, arPersonHead, arOrgNameCue, arOrgPhraseCue, arPlaceCue, arProductCue} {
		for w, in := range list {
			if in {
				m[w] |= 1 << bit
			}
		}
	}
	return m
}

func arabicRule(text string, toks []token.Token, i int, g *Gazetteer) (mention, int, bool) {
	t := &toks[i]
	w := t.Norm
	for _, f := range t.Forms {
		if f.Text == w || arCues[f.Text] != 0 {
			w = f.Text
			if f.Text != t.Norm {
				break
			}
		}
	}
	skipDesc := func(k int) int {
		for k < len(toks) && toks[k].Arabic && isNisba(toks[k].Norm) && k-i < 4 {
			k++
		}
		return k
	}
	gazAt := func(k int) bool {
		if k >= len(toks) {
			return false
		}
		_, ok := g.match(toks, k)
		return ok
	}
	mk := func(typ string, s, e int, next int) (mention, int, bool) {
		if e <= s {
			return mention{}, 0, false
		}
		sp := Span{toks[s].Start, toks[e-1].End}
		return mention{span: sp, typ: typ, name: text[sp.Start:sp.End], entry: -1}, next, true
	}
	cue := arCues[w]
	if cue&(cuePerson|cuePersonHead) == 0 {
		if s, e, next, ok := personByGivenName(text, toks, i); ok && !gazAt(next-1) {
			sp := Span{s, e}
			return mention{span: sp, typ: "person", name: text[s:e], entry: -1}, next, true
		}
	}
	switch {
	case cue&cuePerson != 0:
		k := skipDesc(i + 1)
		if gazAt(k) {
			return mention{}, 0, false
		}
		if k < len(toks) {
			if s, e, next, ok := personByGivenName(text, toks, k); ok && !gazAt(next-1) {
				return mention{span: Span{s, e}, typ: "person", name: text[s:e], entry: -1}, next, true
			}
		}
		s, e := arName(toks, k, 3, false)
		if w == "قال" || w == "وقال" || w == "اكد" || w == "واكد" || w == "اضاف" || w == "واضاف" || w == "اوضح" || w == "واوضح" {
			if e-s < 2 {
				return mention{}, 0, false
			}
		}
		if e-s >= 1 && e-s <= 4 && !strings.HasSuffix(toks[s].Norm, "يه") {
			return mk("person", s, e, e)
		}
	case cue&cuePersonHead != 0:
		// «رئيس الوزراء البريطاني كير ستارمر», «وزير الخارجية أنتوني بلينكن»
		k := i + 1
		for k < len(toks) && toks[k].Arabic && strings.HasPrefix(toks[k].Norm, "ال") && k-i <= 4 && !gazAt(k) {
			k++
		}
		if k == i+1 || gazAt(k) {
			return mention{}, 0, false
		}
		s, e := arName(toks, k, 3, false)
		if e-s >= 2 {
			return mk("person", s, e, e)
		}
	case cue&cueOrgName != 0 && !strings.HasPrefix(t.Norm, "ال"):
		k := i + 1
		if gazAt(k) {
			return mention{}, 0, false
		}
		max := 3
		if w == "فريق" || w == "نادي" {
			// a team is named in one word, or a word and its city
			// («فريق فيراري بسباق…», «نادي ريال مدريد»)
			max = 1
		}
		s, e := arName(toks, k, max, false)
		if max == 1 && e > s && teamNouns[toks[s].Norm] {
			return mention{}, 0, false // «فريق عمل», «فريق إنقاذ»: a team, not a name
		}
		if max == 1 && e > s && gazAt(e) {
			if m, ok := g.match(toks, e); ok && g.entries[m.entry].Type == "place" && m.start == toks[e].Start {
				e = m.next
			}
		}
		if e > s && (toks[s].Kind == token.Word && !toks[s].Arabic || s > k) {
			return mk("organisation", s, e, e)
		}
		if e > s && !strings.HasSuffix(toks[s].Norm, "ه") && !strings.HasSuffix(toks[s].Norm, "يه") {
			return mk("organisation", s, e, e)
		}
	case cue&cueOrgPhrase != 0:
		k := i + 1
		if gazAt(i) {
			return mention{}, 0, false
		}
		for k < len(toks) && toks[k].Arabic && k-i <= 4 && (strings.HasPrefix(toks[k].Norm, "ال") || strings.HasPrefix(toks[k].Norm, "لل")) && !arStop[toks[k].Norm] && !arDayNames[toks[k].Norm] {
			k++
		}
		if k == i+1 {
			s, e := arName(toks, k, 2, false)
			if e > s && e-s <= 2 && (w == "حركه" || w == "حزب" || w == "جامعه" || w == "مؤسسه" || w == "منظمه") {
				sp := Span{t.Start, toks[e-1].End}
				return mention{span: sp, typ: "organisation", name: text[sp.Start:sp.End], entry: -1}, e, true
			}
			return mention{}, 0, false
		}
		start := t.Start
		for _, f := range t.Forms {
			if f.Text == w {
				start = f.Start
			}
		}
		sp := Span{start, toks[k-1].End}
		return mention{span: sp, typ: "organisation", name: text[sp.Start:sp.End], entry: -1}, k, true
	case cue&cuePlace != 0:
		k := i + 1
		if gazAt(k) {
			return mention{}, 0, false
		}
		s, e := arName(toks, k, 2, true)
		if e > s && !isNisba(toks[s].Norm) && !strings.HasSuffix(toks[s].Norm, "يه") {
			return mk("place", s, e, e)
		}
	case cue&cueProduct != 0:
		k := i + 1
		if gazAt(k) {
			return mention{}, 0, false
		}
		if k < len(toks) && toks[k].Kind == token.Word && !toks[k].Arabic && (toks[k].Upper || len(toks[k].Norm) <= 3) {
			e := k + 1
			for e < len(toks) && e-k < 3 && (toks[e].Kind == token.Number || toks[e].Kind == token.Word && !toks[e].Arabic && toks[e].Upper || toks[e].Norm == "-" && !toks[e].Space) {
				e++
			}
			return mk("product", k, e, e)
		}
	}
	return mention{}, 0, false
}

// merge groups mentions by entity, in order of first mention.
func merge(ms []mention, g *Gazetteer) []Entity {
	var out []Entity
	pos := map[string]int{}
	fromFollow := map[string]bool{}
	for _, m := range ms {
		id := m.id
		if id == "" {
			id, m.entry = ruleID(m, g)
		}
		k, ok := pos[id]
		if ok && fromFollow[id] && !m.follow {
			// the entity was opened by a family name alone: name it in full
			e := &out[k]
			fromFollow[id] = false
			if m.entry >= 0 {
				ge := &g.entries[m.entry]
				e.Name, e.NameAr, e.FromGazetteer = ge.Name, ge.NameAr, true
			} else if isArabicText(m.name) {
				e.Name, e.NameAr = m.name, m.name
			} else {
				e.Name = m.name
			}
		}
		if !ok && m.follow {
			fromFollow[id] = true
		}
		if !ok {
			e := Entity{ID: id, Type: m.typ}
			if m.entry >= 0 {
				ge := &g.entries[m.entry]
				e.Name, e.NameAr, e.Type, e.FromGazetteer = ge.Name, ge.NameAr, ge.Type, true
			} else if isArabicText(m.name) {
				e.NameAr = m.name
				e.Name = m.name
			} else {
				e.Name = m.name
			}
			pos[id] = len(out)
			out = append(out, e)
			k = len(out) - 1
		}
		e := &out[k]
		e.Mentions = append(e.Mentions, m.span)
		if m.name != e.Name && m.name != e.NameAr && !slices.Contains(e.Aliases, m.name) && (m.entry < 0 || isKnownSpelling(g, m.name)) {
			e.Aliases = append(e.Aliases, m.name)
		}
	}
	return out
}

// ruleID is the entity key of a rule-found mention and its gazetteer
// entry: the entry's when the name is a known alias, else type:slug and -1.
func ruleID(m mention, g *Gazetteer) (string, int) {
	// a rule-found name that is a known alias after all
	var buf [64]byte
	if idx, ok := g.folded[string(appendNameKey(buf[:0], m.name))]; ok && g.entries[idx].Type == m.typ {
		return g.entries[idx].ID, idx
	}
	return m.typ + ":" + Slug(m.name), -1
}

// appendNameKey appends to key the words of name (its tokens' Norms but
// punctuation's) joined by spaces: strings.Join(tokensOf(name), " ")
// without a slice of tokens, one of words and the joined string made for
// every name the rules find (issue 19).
func appendNameKey(key []byte, name string) []byte {
	p := nameToksPool.Get().(*[]token.Token)
	toks := token.TokenizeInto(*p, name)
	first := true
	for i := range toks {
		if toks[i].Kind == token.Punct {
			continue
		}
		if !first {
			key = append(key, ' ')
		}
		key = append(key, toks[i].Norm...)
		first = false
	}
	if cap(toks) <= 256 {
		clear(toks) // (no name's strings kept alive by the pool)
		*p = toks[:0]
		nameToksPool.Put(p)
	}
	return key
}

// nameToksPool holds appendNameKey's token slices.
var nameToksPool = sync.Pool{New: func() any { return new([]token.Token) }}

func tokensOf(s string) []string {
	var w []string
	for _, t := range token.Tokenize(s) {
		if t.Kind != token.Punct {
			w = append(w, t.Norm)
		}
	}
	return w
}

func isArabicText(s string) bool {
	for _, r := range s {
		if isArabicRune(r) {
			return true
		}
	}
	return false
}

// addTitleEntities marks (or adds, without spans) the entities named in a
// title that is not part of the text.
func addTitleEntities(ents []Entity, title string, g *Gazetteer) []Entity {
	tents, _ := findEntities(title, token.Tokenize(title), Sentences(title), g)
	for _, te := range tents {
		found := false
		for i := range ents {
			if ents[i].ID == te.ID {
				ents[i].InTitle = true
				found = true
			}
		}
		if !found {
			te.Mentions = nil
			te.InTitle = true
			ents = append(ents, te)
		}
	}
	return ents
}

func isKnownSpelling(g *Gazetteer, s string) bool {
	var buf [64]byte
	_, ok := g.folded[string(appendNameKey(buf[:0], s))]
	return ok
}

// trimTitle moves the start of a person's mention past the titles an alias
// may carry («الرئيس السوري بشار الأسد» → «بشار الأسد», "President Trump"
// → "Trump"): a name is the name, the title is context. At least one word
// is kept.
func trimTitle(toks []token.Token, i, next, start int) int {
	k := i
	for k < next-1 {
		t := &toks[k]
		if t.Kind != token.Word {
			k++
			continue
		}
		w := t.Norm
		if t.Arabic && (arPersonCue[w] || arPersonHead[w] || isNisba(w) && k > i) || !t.Arabic && isTitle(w) {
			k++
			continue
		}
		break
	}
	for k < next-1 && toks[k].Kind == token.Punct {
		k++
	}
	if k == i {
		return start
	}
	if w := toks[k].Norm; toks[k].Arabic && (arPersonCue[w] || arPersonHead[w] || isNisba(w)) || !toks[k].Arabic && isTitle(w) {
		return start // the alias is a title alone («العاهل الأردني»)
	}
	return toks[k].Start
}

// dropSurnamePlaces removes the GeoNames places that are the family name
// of a person the text names in full: after "Gary Anderson", "Anderson" is
// him, not the town in Indiana.
func dropSurnamePlaces(ms []mention, fam map[string]mention, g *Gazetteer) []mention {
	if len(fam) == 0 {
		return ms
	}
	out := ms[:0]
	for _, m := range ms {
		if m.entry >= 0 && g.entries[m.entry].HasTag("geonames") {
			var buf [64]byte
			if _, ok := fam[string(appendNameKey(buf[:0], m.name))]; ok {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// orgAround reports whether the capitalised Latin words from token i run
// past next and end on an organisation's word: "Melbourne Football Club"
// is a club, not the city, and "Premier League" no premier.
func orgAround(toks []token.Token, i, next int) bool {
	if toks[i].Arabic || toks[i].Kind != token.Word || !toks[i].Upper {
		return false
	}
	end := capRun(toks, i)
	return end > next && end-i >= 2 && isOrgSuffix(toks[end-1].Norm)
}
