package analysis

import (
	"slices"
	"strings"
	"sync"

	"annals/data/analysis/token"
)

// Document-level English names: a capitalised sequence that no list and no
// cue rule knows is still a name when the text writes it with capitals in
// the middle of a sentence, where English capitalises nothing else. Its
// type is voted once per document from the contexts of all its mentions
// (a title before it, "said" after it, an organisation's suffix, "in"
// before it…) and every mention, sentence-initial ones included, gets it.
// A name with no such context is typed by the pronoun that follows it
// ("he", "its"), or is an organisation's when a single word is written
// twice mid-sentence; otherwise it is left out.

// docSkipWords, capitalised mid-sentence, still name nothing: pronouns,
// determiners, words capitalised after a colon or in headings.
var docSkipWords = map[string]bool{
	"his": true, "her": true, "its": true, "their": true, "our": true, "my": true, "your": true,
	"there": true, "these": true, "those": true, "what": true, "when": true, "where": true, "who": true,
	"why": true, "how": true, "if": true, "as": true, "for": true, "to": true, "of": true, "by": true,
	"not": true, "no": true, "yes": true, "so": true, "all": true, "some": true, "one": true, "you": true,
	"us": true, "mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "ok": true, "tv": true,
	"am": true, "pm": true, "ad": true, "bc": true, "with": true, "from": true, "after": true, "before": true,
	"while": true, "then": true, "now": true, "here": true, "just": true, "also": true, "even": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "can": true, "could": true, "should": true, "may": true, "must": true,
	// abbreviated months, a name's generation
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "jr": true, "sr": true, "ii": true, "iii": true,
	// creeds and parties written as adjectives ("a Muslim cleric", "Republican
	// senators"): CoNLL's MISC, no name of the kinds kept here
	"muslim": true, "muslims": true, "christian": true, "christians": true, "jewish": true, "catholic": true,
	"islamic": true, "arab": true, "sunni": true, "shiite": true, "shia": true, "buddhist": true, "hindu": true,
	"republican": true, "republicans": true, "democrat": true, "democrats": true, "democratic": true,
	"conservative": true, "liberal": true, "communist": true, "socialist": true,
	// currencies written before the amount ("Rs 300")
	"rs": true, "rp": true,
}

// personAfter, written right after a name, say it is a person's: "X, who
// heads", "X testified".
var personAfter = map[string]bool{
	"testified": true, "tweeted": true, "resigned": true, "died": true, "smiled": true, "insisted": true,
	"recalled": true, "admitted": true, "denied": true, "pleaded": true, "wrote": true, "said": true,
	"says": true, "told": true, "added": true, "argued": true, "explained": true, "noted": true, "asked": true,
}

// personApposition are the nouns of ", the younger brother of", ", a
// lawyer": an apposition that describes a person.
var personApposition = map[string]bool{
	"brother": true, "sister": true, "son": true, "daughter": true, "wife": true, "husband": true,
	"father": true, "mother": true, "widow": true, "leader": true, "head": true, "chief": true,
	"founder": true, "spokesman": true, "spokeswoman": true, "lawyer": true, "attorney": true,
	"professor": true, "author": true, "director": true, "president": true, "chairman": true,
	"executive": true, "official": true, "analyst": true, "scientist": true, "economist": true,
	"researcher": true, "senator": true, "minister": true, "aide": true, "adviser": true, "advisor": true,
	"ambassador": true, "envoy": true, "commander": true, "governor": true, "mayor": true, "judge": true,
	"partner": true, "manager": true, "member": true, "former": true, "deputy": true, "co-founder": true,
	"reporter": true, "editor": true, "columnist": true, "correspondent": true, "insider": true,
	// people by their work or craft: "Brazil star Neymar", "the singer Adele"
	"star": true, "player": true, "singer": true, "actor": true, "actress": true, "rapper": true,
	"host": true, "keeper": true, "musician": true, "comedian": true, "writer": true, "novelist": true,
	"artist": true, "chef": true, "athlete": true, "teammate": true, "rookie": true, "veteran": true,
}

// teamRoles are a team's players and staff: before a name they make it a
// person's ("Pittsburgh center X"), after one a team's ("Sabres captain X").
var teamRoles = map[string]bool{
	"center": true, "quarterback": true, "guard": true, "forward": true, "winger": true, "defenseman": true,
	"goalie": true, "goaltender": true, "goalkeeper": true, "striker": true, "pitcher": true, "catcher": true,
	"coach": true, "captain": true, "receiver": true, "linebacker": true, "rusher": true, "midfielder": true,
	"defender": true, "cornerback": true, "shortstop": true, "outfielder": true, "infielder": true,
}

func init() {
	for w := range teamRoles {
		personApposition[w] = true
	}
}

// orgAfterPossessive, after "X's", say X is an organisation: "Burisma's
// board", "Acme's shares".
var orgAfterPossessive = map[string]bool{
	"shares": true, "stock": true, "board": true, "ceo": true, "employees": true, "customers": true,
	"investors": true, "executives": true, "headquarters": true, "revenue": true, "revenues": true,
	"profit": true, "profits": true, "subsidiary": true, "spokesman": true, "spokeswoman": true,
	"valuation": true, "shareholders": true, "products": true, "founder": true, "founders": true, "staff": true,
	// an outlet's work: "Eurogamer’s review", "the Verge’s reporting"
	"review": true, "reviews": true, "reporting": true, "website": true, "podcast": true, "newsletter": true,
	"editorial": true, "coverage": true, "servers": true, "platform": true, "app": true, "stores": true,
	"stake": true, "acquisition": true, "lineup": true, "brand": true, "factory": true, "factories": true,
}

// modelYearBefore, before a year and a capitalised name, make the name a
// product's model: "the 2020 Sentra", "a 2019 Tavora", "its 2021 Kestra".
var modelYearBefore = map[string]bool{"the": true, "a": true, "its": true, "new": true}

// weakPlaceBefore are prepositions that often, not always, come before a
// place: "from Kabul", "across Europe".
var weakPlaceBefore = map[string]bool{"from": true, "across": true, "throughout": true, "outside": true}

// placeBefore are the prepositions of place: "in Kandahar", "near Kherson".
var placeBefore = map[string]bool{"in": true, "near": true}

// docNames adds the capitalised sequences that the text shows mid-sentence
// and that no earlier rule covers. ms are in text order, and so is the
// result; English text only.
func docNames(text string, toks []token.Token, ms []mention, sentStart []bool) []mention {
	sc := docScratchPool.Get().(*docScratch)
	defer sc.release()
	covered := sc.coveredFor(len(toks))
	typeAt := sc.typeAtFor(len(toks)) // 1 + the index of a found name's type in docTypes, 0 for none
	personLast := sc.personLast       // a person's family name: followMentions links it
	for _, m := range ms {
		ts := firstToken(toks, m.span.Start)
		te := ts
		for te < len(toks) && toks[te].Start < m.span.End {
			covered[te] = true
			typeAt[te] = int8(slices.Index(docTypes[:], m.typ) + 1)
			te++
		}
		if te-ts >= 2 && m.typ == "person" {
			personLast[toks[te-1].Norm] = true
		}
	}
	// words the text also writes in lower case are common words
	// capitalised by a heading or a sentence's start, not names
	// (kept from one document to the next: growing it word by word was a
	// tenth of docNames' time, making it afresh a fifth of the bytes
	// Analyze allocated for an English page)
	lower := sc.lower
	for k := range toks {
		// a word glued to a dot ("www.ascom.com") is an address's piece
		if t := &toks[k]; t.Kind == token.Word && !t.Arabic && !t.Upper && t.Space {
			lower[t.Norm] = true
		}
	}
	// a word in capitals that the text also writes in lower case is a
	// headline's word ("KAZAKHSTAN WINS AGAIN"), not an acronym
	kept := ms[:0]
	for _, m := range ms {
		if m.entry < 0 && m.typ == "organisation" && len(m.name) >= 3 && !strings.ContainsAny(m.name, " .&-") &&
			strings.ToUpper(m.name) == m.name && lower[strings.ToLower(m.name)] {
			ts := firstToken(toks, m.span.Start)
			for te := ts; te < len(toks) && toks[te].Start < m.span.End; te++ {
				covered[te], typeAt[te] = false, 0
			}
			continue
		}
		kept = append(kept, m)
	}
	ms = kept
	startLike := func(k int) bool {
		if sentStart[k] || toks[k].Break || k == 0 {
			return true
		}
		p := toks[k-1].Norm
		// ("Earth-Mars": a glued hyphen starts nothing)
		return p == "“" || p == "\"" || p == ":" || p == "(" || p == "‘" || p == "—" || p == "-" && (toks[k-1].Space || k < 2 || !celestial[toks[k-2].Norm]) || p == "." || p == "?" || p == "!"
	}
	acronymed := acronymNames(text, toks, covered)
	// "said The We Company’s chair": a capital "The" mid-sentence opens a
	// name, whatever words follow it, when it ends on an organisation's word
	for k := 1; k+2 < len(toks); k++ {
		if t := &toks[k]; t.Norm != "the" || !t.Upper || startLike(k) || covered[k] {
			continue
		}
		j := k + 1
		for j < len(toks) && j-k <= 5 && !covered[j] && toks[j].Kind == token.Word && !toks[j].Arabic && toks[j].Upper && !toks[j].Break {
			j++
		}
		// "told The Ledger Review", "The Hill's request": a person's name
		// takes no article, and a listed place would be covered already
		if j-k >= 3 && isOrgSuffix(toks[j-1].Norm) || j-k >= 2 && j-k <= 4 && !inQuotedTitle(toks, k, j) && (j == len(toks) || !toks[j].Upper) {
			sp := Span{toks[k].Start, toks[j-1].End}
			acronymed = append(acronymed, mention{span: sp, typ: "organisation", name: text[sp.Start:sp.End], entry: -1})
			for q := k; q < j; q++ {
				covered[q] = true
			}
		}
	}
	// "Dallas, TX": a state's postal code after a place and a comma (the
	// place first: most words follow none, and the code list is a map)
	for k := 2; k < len(toks); k++ {
		if t := &toks[k]; typeAt[k-2] == 3 && toks[k-1].Norm == "," && !covered[k] && usStateCode[t.Norm] && allUpper(text, t) {
			acronymed = append(acronymed, mention{span: Span{t.Start, t.End}, typ: "place", name: text[t.Start:t.End], entry: -1})
			covered[k] = true
		}
	}
	for w := range ordinalWords {
		lower[w] = true // "the Second Amendment", "First Lady": common words
	}
	// the words of the names found: "Bidens", "Trumpers" are their people
	named := sc.named
	for k := range toks {
		if covered[k] && toks[k].Upper {
			named[toks[k].Norm] = true
		}
	}
	heading := capsHeadings(text, toks)
	free := func(k int) bool {
		if k >= len(toks) || covered[k] || heading != nil && heading[k] {
			return false
		}
		t := &toks[k]
		if t.Kind != token.Word || t.Arabic || !t.Upper || isStopCap(t.Norm) || isDocSkip(t.Norm) || isTitle(t.Norm) || nonNameToken(toks, k) {
			return false
		}
		return len(t.Norm) > 1
	}
	// innerFree: a word that free leaves out but that carries a name on
	// after its first word: "One" ("Xbox One", "Formula One") and a
	// model's capital letter ending it ("Mustang Mach E", "Xbox One X",
	// not "X." before a surname)
	innerFree := func(k int) bool {
		if k >= len(toks) || covered[k] || heading != nil && heading[k] {
			return false
		}
		t := &toks[k]
		if t.Kind != token.Word || t.Arabic || !t.Upper || !t.Space || t.Break {
			return false
		}
		if t.Norm == "one" || t.Norm == "all" {
			return true // ("CBS All Access")
		}
		if len(t.Norm) != 1 || !allUpper(text, t) {
			return false
		}
		return k+1 >= len(toks) || toks[k+1].Norm != "." || k+2 >= len(toks) || isDocSkip(toks[k+2].Norm) || isStopCap(toks[k+2].Norm) || toks[k+2].Break
	}
	// joinAt: a name's word the tokenizer split starts at token k of a
	// run from start ("O’Brien" anywhere, "al-Sisi" after a first word)
	joinAt := func(k, start int) bool {
		return k < len(toks) && !covered[k] && (k > start || toks[k].Upper) && nameJoin(toks, k) > 0
	}
	runEnd := func(k int) int {
		end := k
		for end < len(toks) && end-k < 4 && (end == k || !toks[end].Break) {
			if !free(end) {
				// the words free leaves out that still carry a name on,
				// read only here, where the run would end
				switch {
				case joinAt(end, k):
					end += nameJoin(toks, end) // "Sean O’Brien", "Abdel Fattah al-Sisi"
					continue
				case end == k:
					return end
				case innerParticle(toks, end) && free(end+1):
					end++ // "Dorothea von Schlegel": the particle, then the word after it
					continue
				case !innerFree(end):
					return end
				case len(toks[end].Norm) == 1:
					return end + 1 // a model's letter ends it
				}
			}
			end++
			// "Post-Gazette": one capitalised word, as capRun reads it
			if end+1 < len(toks) && toks[end].Norm == "-" && !toks[end].Space && !toks[end+1].Space && free(end+1) &&
				!(celestial[toks[end-1].Norm] && celestial[toks[end+1].Norm]) { // "Earth-Mars cruise": two names
				end += 2
				continue
			}
			if end < len(toks) && toks[end].Norm == "." && len(toks[end-1].Norm) == 1 {
				break // an initial: initialsPerson's
			}
			if end-k >= 2 && hyphenSyllable(toks, end) {
				end += 2 // "Cheuk Hau-yip": a given name's second syllable
				break
			}
		}
		return end
	}
	// the candidates, by key (their words' Norms joined by spaces), in
	// the order the text first shows them; c is valid until the next add
	cands, order := sc.cands, sc.order[:0]
	candAt := func(key string) *docCand {
		if j, ok := cands[key]; ok {
			return &sc.candList[j]
		}
		return nil
	}
	keyBuf := sc.key[:0]
	for i := 0; i < len(toks); {
		// (a run opens only at a capital, which free and joinAt both want:
		// most words are passed over before their calls)
		if !toks[i].Upper || !free(i) && !joinAt(i, i) || i > 0 && free(i-1) || i >= 2 && nameJoin(toks, i-2) > 0 {
			i++ // "Brien" of "O’Brien" opens no run
			continue
		}
		// a run opening a sentence is one key, not mid-sentence: "Over
		// Burisma" votes for no name, and "Burisma" inside it is found
		// below when the text shows it elsewhere
		end := runEnd(i)
		s := i
		i = end
		if end-s == 1 && lower[toks[s].Norm] && !celestial[toks[s].Norm] || end-s == 1 && allUpper(text, &toks[s]) && (len(toks[s].Norm) <= 2 || notOrgAcronym[toks[s].Norm]) {
			// ("SUV", "GDP" alone: a common noun's abbreviation)
			continue
		}
		if end-s == 1 && (personLast[toks[s].Norm] && !isGivenEn(toks[s].Norm) || peopleOf(toks[s].Norm, named)) {
			continue
		}
		if inQuotedTitle(toks, s, end) {
			continue
		}
		if end-s == 1 && end+1 < len(toks) && toks[end].Norm == "-" && !toks[end].Space && !toks[end+1].Space &&
			toks[end+1].Kind == token.Word && !toks[end+1].Upper && toks[end+1].Norm != "based" {
			continue // "Olympic-size": an adjective made of a name
		}
		if end-s == 1 && (isOrgSuffix(toks[s].Norm) || modelSuffix[toks[s].Norm]) || nextToName(toks, s, end, covered) && !ownAfterPlace(text, toks, s, end, covered, typeAt) {
			// "Inc" alone; "Sierra" of "Sierra Nevada", "Prime" of "Prime
			// Minister": a piece of a longer name
			continue
		}
		// the key is built in keyBuf and made a string only when it is new
		// (a one-word key is the word's Norm)
		keyBuf = keyBuf[:0]
		for k := s; k < end; k++ {
			if k > s {
				keyBuf = append(keyBuf, ' ')
			}
			keyBuf = append(keyBuf, toks[k].Norm...)
		}
		j, ok := cands[string(keyBuf)]
		if !ok {
			key := toks[s].Norm
			if end-s > 1 {
				key = string(keyBuf)
			}
			j = int32(len(sc.candList))
			cands[key] = j
			sc.candList = append(sc.candList, docCand{n: end - s, last: toks[end-1].Norm})
			order = append(order, key)
		}
		c := &sc.candList[j]
		if !startLike(s) {
			c.mid = true
			if s == 0 || toks[s-1].Kind != token.Number {
				c.count++ // "10 Things in Tech": a title's word, not a name
			}
		}
		for k := s; k < end; k++ {
			c.common = c.common || lower[toks[k].Norm]
		}
		if !c.shaped && end-s >= 2 && !startLike(s) && !lower[toks[s].Norm] {
			c.shape, c.shaped = nameShape(text, toks, s, end), true
		}
		if end-s > 1 || !modifierAt(toks, end) {
			c.alone = true
		}
		vote(text, toks, s, end, c.votes[:])
		if end-s == 1 && end < len(toks) && personAfter[toks[end].Norm] {
			c.weak[0]++
		}
		if s > 0 && weakPlaceBefore[toks[s-1].Norm] && !toks[s-1].Upper {
			c.weak[2]++ // "from Customs and …": a weak sign, read only when no other speaks
		}
		listVote(toks, s, end, c.votes[:], typeAt)
		pronounVote(toks, end, c.weak[:])
		if end-s == 1 && s > 1 && toks[s-1].Norm == "the" && !toks[s-1].Upper && pluralName(toks[s].Norm) && facingWord[toks[s-2].Norm] {
			c.weak[1]++ // "lost to the Chiefs", "a tour with the Kestrels": a team's, a band's
		}
	}
	sc.key, sc.order = keyBuf, order
	// where each capitalised word stands, to find every mention of a name
	// without a pass over the text per name: its first token, and from
	// each token the next one of the same word (a chain, -1 at its end;
	// built from the end, so that it runs forward)
	firstAt, nextAt := sc.firstAt, sc.nextAtFor(len(toks))
	for k := len(toks) - 1; k >= 0; k-- {
		if t := &toks[k]; t.Upper && t.Kind == token.Word && !t.Arabic {
			if f, ok := firstAt[t.Norm]; ok {
				nextAt[k] = f
			} else {
				nextAt[k] = -1
			}
			firstAt[t.Norm] = int32(k)
		}
	}
	var added []mention
	// a full name with no context of its own takes its family name's:
	// "hired Quill Ardanza in May. Ardanza said…" (linkShortForms joins them)
	for _, key := range order {
		c := candAt(key)
		if c.n < 2 || c.n > 3 || c.common || c.votes != [4]int{} || c.weak != [4]int{} {
			continue
		}
		if f := candAt(c.last); f != nil && f.n == 1 && docType(f.votes) == "" && (docType(f.weak) == "person" || f.count >= 2 && !f.common && f.weak == [4]int{}) {
			// (or its family name written alone mid-sentence with no
			// context either: an organisation or a place is rarely
			// called by its last word alone, a person is)
			c.weak[0]++
		}
	}
	for _, key := range order {
		c := candAt(key)
		if !c.mid && !initialName(c.votes, c.common, key, c.n) || !c.alone && c.votes == [4]int{} || demonymLike(key, c.n) {
			continue
		}
		typ := docType(c.votes)
		if typ == "" {
			// no context: the run's own words ("CBS All Access",
			// "Chromecast Ultra", "Xbox One X"), its head a word the text
			// never writes in lower case
			typ = c.shape
		}
		if typ == "" && !c.common {
			// then the pronouns after it, then a word written twice
			// mid-sentence is an organisation's name ("into Burisma",
			// "the Bidens and Burisma")
			typ = docType(c.weak)
			if typ == "" && c.n == 1 && c.count >= 2 {
				typ = "organisation"
			}
		}
		if typ == "" {
			continue
		}
		words := strings.Fields(key)
		f, ok := firstAt[words[0]]
		if !ok {
			f = -1
		}
		for i := int(f); i >= 0; i = int(nextAt[i]) {
			if i+len(words) > len(toks) {
				continue
			}
			same := true
			for j := 0; j < len(words) && same; j++ {
				// glued pieces ("Hau-yip", "O’Brien", "al-Sisi") match as read
				same = (free(i+j) || j > 0 && (innerFree(i+j) || innerParticle(toks, i+j)) || !covered[i+j] && (j > 0 && !toks[i+j].Space || j+1 < len(words) && nameJoin(toks, i+j) > 0)) && toks[i+j].Norm == words[j]
			}
			// (a model's letter ends a name before a capitalised noun: "Mach E SUV")
			if !same || free(i+len(words)) && !toks[i+len(words)].Break && len(words[len(words)-1]) > 1 || i > 0 && free(i-1) && !startLike(i-1) {
				continue
			}
			sp := Span{toks[i].Start, toks[i+len(words)-1].End}
			added = append(added, mention{span: sp, typ: typ, name: text[sp.Start:sp.End], entry: -1})
			for j := 0; j < len(words); j++ {
				covered[i+j] = true
			}
		}
	}
	added = append(added, acronymed...)
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	slices.SortStableFunc(ms, func(a, b mention) int { return a.span.Start - b.span.Start })
	return ms
}

// docCand is a candidate name of docNames: the votes of its contexts and
// what its mentions show.
type docCand struct {
	votes        [4]int // person, organisation, place, product
	mid          bool
	weak         [4]int // the pronouns after it, read only when no context above speaks
	common       bool   // a word of it is one the text writes in lower case ("First Amendment")
	count        int    // mentions mid-sentence
	alone        bool   // once at least not before a lower-case word ("Haqqani network", "Afghan forces")
	single, last string
	n            int
	shape        string // the type the run's own words give it with no context ("CBS All Access", "Chromecast Ultra")
	shaped       bool   // shape was read
}

// docScratch holds docNames' tables of one document, kept from one
// document to the next (sync.Pool) and cleared between them: made afresh
// they were a third of the bytes Analyze allocated for an English page
// (issue 19). Nothing docNames returns points into it.
type docScratch struct {
	covered           []bool
	typeAt            []int8
	nextAt            []int32
	personLast, lower map[string]bool
	named             map[string]bool
	cands, firstAt    map[string]int32 // a candidate's index in candList; a capitalised word's first token
	candList          []docCand
	order             []string
	key               []byte
}

var docScratchPool = sync.Pool{New: func() any {
	return &docScratch{
		personLast: map[string]bool{}, lower: map[string]bool{}, named: map[string]bool{},
		cands: map[string]int32{}, firstAt: map[string]int32{},
	}
}}

// coveredFor returns covered cleared for n tokens; typeAtFor and nextAtFor
// the same for theirs (nextAt is written before it is read).
func (sc *docScratch) coveredFor(n int) []bool {
	sc.covered = slices.Grow(sc.covered[:0], n)[:n]
	clear(sc.covered)
	return sc.covered
}

func (sc *docScratch) typeAtFor(n int) []int8 {
	sc.typeAt = slices.Grow(sc.typeAt[:0], n)[:n]
	clear(sc.typeAt)
	return sc.typeAt
}

func (sc *docScratch) nextAtFor(n int) []int32 {
	sc.nextAt = slices.Grow(sc.nextAt[:0], n)[:n]
	return sc.nextAt
}

// lowerSetPool holds initialFamilyNames' sets of lower-case words, empty.
var lowerSetPool = sync.Pool{New: func() any { return map[string]bool{} }}

// docScratchMax is the most words a kept table may hold: clearing a map
// costs its size, and one long text should not slow every short one after.
const docScratchMax = 1 << 14

// release clears sc and returns it to the pool, or drops it when a long
// text grew it past docScratchMax.
func (sc *docScratch) release() {
	if len(sc.lower) > docScratchMax || len(sc.firstAt) > docScratchMax || len(sc.cands) > docScratchMax || len(sc.covered) > 8*docScratchMax {
		return
	}
	clear(sc.personLast)
	clear(sc.lower)
	clear(sc.named)
	clear(sc.cands)
	clear(sc.firstAt)
	clear(sc.candList) // (its strings)
	sc.candList = sc.candList[:0]
	clear(sc.order)
	sc.order = sc.order[:0]
	docScratchPool.Put(sc)
}

// docTypes are the types a vote is for, in the order of cand.votes.
var docTypes = [4]string{"person", "organisation", "place", "product"}

// listVote: a name joined by "and", "or" or a comma to a name already
// typed is of its type ("Kabul, Kandahar and Zorvia", "Smith and Jones").
func listVote(toks []token.Token, s, end int, v []int, typeAt []int8) {
	sep := func(k int) int {
		if k < 0 || k >= len(toks) {
			return 0
		}
		switch toks[k].Norm {
		case "and", "or":
			return 2
		case ",":
			return 1
		}
		return 0
	}
	// "Serbia’s Novak Djokovic and Britain’s Andy Murray": a name in the
	// possessive qualifies the next one, it is not in the list
	possessive := func(k int) bool {
		return k >= 0 && k+2 < len(toks) && (toks[k+1].Norm == "'" || toks[k+1].Norm == "’") && toks[k+2].Norm == "s"
	}
	if possessive(s-3) && typeAt[s-3] == 3 && end-s >= 2 && end-s <= 3 {
		v[0] += 2 // "Serbia’s Novak Djokovic": a place's person
	}
	if possessive(s - 3) {
		return
	}
	if end+1 < len(toks) && personApposition[toks[end].Norm] && !toks[end].Upper && toks[end+1].Upper {
		return // "Garrett and Pittsburgh center Pouncey": a team before its player, not in the list
	}
	add := func(k, w int) {
		if w <= 0 || k < 0 || k >= len(toks) || typeAt[k] == 0 {
			return
		}
		e := k
		for e+1 < len(toks) && typeAt[e+1] == typeAt[k] && toks[e+1].Kind == token.Word {
			e++
		}
		if !possessive(e) {
			v[typeAt[k]-1] += w
		}
	}
	if s > 2 && toks[s-1].Norm == "to" && typeAt[s-2] > 0 {
		// "from The New York Times to CNN to Condé Nast": a range of names
		k := s - 2
		for k > 0 && typeAt[k-1] == typeAt[s-2] {
			k--
		}
		if k > 0 && toks[k-1].Norm == "the" {
			k--
		}
		if k > 0 && (toks[k-1].Norm == "from" || toks[k-1].Norm == "to") {
			v[typeAt[s-2]-1] += 2
		}
	}
	if w := sep(s - 1); w > 0 && (w == 2 || sep(end) > 0) {
		// after a comma, a list's item is followed by another separator:
		// "According to Reuters, Jarvis said", "based in Delhi, Oxy Pure
		// was launched" are no lists
		k := s - 2
		if toks[s-1].Norm != "," && k >= 0 && toks[k].Norm == "," {
			k-- // ", and"
		}
		if of := typedOfObject(toks, typeAt, k); toks[s-1].Norm != "," || of < 0 {
			add(k, w)
		} else if of > 0 && (roleWords[toks[of-1].Norm] || isTitle(toks[of-1].Norm)) && toks[of-1].Upper {
			v[0] += 2 // "Speaker of the Senate, Bukola Saraki,": the title's person
		}
	}
	if w := sep(end); w > 0 {
		k := end + 1
		if toks[end].Norm == "," && k < len(toks) && (toks[k].Norm == "and" || toks[k].Norm == "or") {
			k, w = k+1, 2
		}
		add(k, w)
	}
}

// vote adds one mention's context to its name's votes.
func vote(text string, toks []token.Token, s, end int, v []int) {
	const per, org, loc, prod = 0, 1, 2, 3
	if _, ok := givenNamesEn[toks[s].Norm]; ok && end-s >= 2 {
		v[per] += 2
	}
	if isOrgSuffix(toks[end-1].Norm) || end-s >= 3 && toks[end-2].Norm == "-" && isOrgSuffix(toks[end-3].Norm) {
		v[org] += 3 // "Pittsburgh Post-Gazette"
	}
	if end-s >= 2 && (geoFeature[toks[end-1].Norm] || stateWordIn(toks, s, end)) || end-s == 1 && celestial[toks[s].Norm] {
		v[loc] += 3 // "Silicon Valley", "Mars", "Republic of Tarvo"
	}
	if end-s >= 2 && s > 0 && (toks[s-1].Norm == "at" || toks[s-1].Norm == "in") && venueWord[toks[end-1].Norm] {
		v[loc] += 3 // "at Heinz Field", "in KeyBank Center": the building
	}
	if end-s >= 2 && (toks[end-1].Norm == "brothers" || toks[end-1].Norm == "bros") {
		v[org] += 3 // "Doobie Brothers", "Lehman Brothers"
	}
	if end+1 < len(toks) && toks[end].Norm == "(" && toks[end+1].Norm == "@" && s > 0 && end-s <= 3 &&
		(toks[s-1].Norm == "—" || toks[s-1].Norm == "–") && !allUpper(text, &toks[s]) && !isOrgSuffix(toks[end-1].Norm) {
		v[per] += 2 // "— Dele (@dele_official) November 19, 2019": an embedded post's author
	}
	if s > 0 {
		p := &toks[s-1]
		switch {
		case p.Upper:
		case placeBefore[p.Norm] && !(end+1 < len(toks) && (toks[end].Norm == "'" || toks[end].Norm == "’") && toks[end+1].Norm == "s"):
			// "in Kandahar", but not "in Walmart's ad": there the name owns the thing
			v[loc] += 2
		case enSaid[p.Norm] && s > 1 && (toks[s-2].Norm == "," || toks[s-2].Norm == "”" || toks[s-2].Norm == "\"" || toks[s-2].Norm == "’"):
			v[per] += 2 // "…,” says André Neu"
		case p.Norm == "." && s > 1 && isTitle(toks[s-2].Norm):
			v[per] += 3
		case p.Kind == token.Word && personApposition[p.Norm] && s > 1 && (toks[s-2].Norm == "the" || toks[s-2].Kind != token.Word ||
			toks[s-2].Upper && !toks[s-2].Arabic || // ("Brazil star Neymar" opening a sentence too)
			// "talent manager Scooter Braun": a role's noun before a name of two or three words
			end-s >= 2 && end-s <= 3 && !p.Upper && p.Norm != "former" && p.Norm != "member"):
			v[per] += 2 // "the analyst Jones", "Denver center Tolvane"
		case p.Norm == "of" && s > 3 && toks[s-2].Norm == "," && toks[s-3].Kind == token.Number && toks[s-3].Num > 0 && toks[s-3].Num < 110:
			v[loc] += 3 // "Jane Doe, 41, of Hope": where a person named with an age lives
		case p.Norm == "of" && s > 1 && ofOrg[toks[s-2].Norm]:
			v[org] += 2 // "chief executive of X", "a subsidiary of X"
		case p.Norm == "at" && s > 1 && !toks[s-2].Upper && (personApposition[toks[s-2].Norm] || roleWords[toks[s-2].Norm]):
			v[org] += 2 // "a senior military analyst at Stratfor": where a person works
		case p.Norm == "to" && s > 1 && toks[s-2].Norm == "according" && end-s >= 2:
			v[org]++ // "according to Box Office Mojo": a source, a person's given name outvotes it
		case p.Norm == "the" && s > 1 && (toks[s-2].Norm == "aboard" || toks[s-2].Norm == "board" && s > 2 && toks[s-3].Norm == "on"):
			v[prod] += 2 // "aboard the Kestrel", "on board the Enterprise": a craft
		case p.Norm == "via":
			v[org] += 2 // a source: "via USA Today"
		case p.Norm == "from" && s > 1 && (productNouns[toks[s-2].Norm] || toks[s-2].Norm == "models"):
			v[org] += 2 // the maker: "a concept car from Velkor", "a compact Sentra from Nissan"
		case (p.Norm == "on" || p.Norm == "in") && s > 1 && toks[s-2].Norm == "published" && end-s >= 2:
			v[org] += 2 // "originally published on Live Science": the outlet
		case p.Norm == "by" && s > 1 && (toks[s-2].Norm == "published" || toks[s-2].Norm == "reported" || toks[s-2].Norm == "owned" || toks[s-2].Norm == "operated" || toks[s-2].Norm == "provided"):
			v[org] += 2 // "originally published by Futurism"
		case p.Norm == "the" && s > 2 && toks[s-2].Norm == "to" && toks[s-3].Norm == "according":
			v[org] += 3 // "according to the Argus Leader": a person takes no article
		case p.Kind == token.Number && p.Digits == 4 && p.Num >= 1950 && p.Num <= 2040 && s > 1 && modelYearBefore[toks[s-2].Norm]:
			v[prod] += 2 // "the 2020 Sentra": a model year
		case p.Norm == "new" && s > 2 && toks[s-2].Norm == "-" && toks[s-3].Norm == "all":
			v[prod] += 2 // "the all-new Juke"
		case productListBefore(toks, s):
			v[prod] += 2 // "models like the Altima and Maxima"
		case p.Norm == "of" && s > 1 && placeNouns[toks[s-2].Norm]:
			v[loc] += 3 // "the city of Kherson"
		}
	}
	if end >= len(toks) {
		return
	}
	n := toks[end].Norm
	// the word after the name and whether it says a person's, read once:
	// most names stand before a comma or a full stop, and the lists below
	// are read only after a lower-case word
	lowerNext := toks[end].Kind == token.Word && !toks[end].Upper
	after := personAfter[n]
	if end-s >= 2 && end-s <= 3 && scoreAt(toks, end) {
		v[per] += 2 // "Vasek Pospisil edged Reilly Opelka 7-6 (5), 7-6 (7)": a player's result
	}
	switch {
	case (n == "reported" || n == "reports") && !toks[end].Upper && end-s >= 2:
		// "Rolling Stone reported details": an outlet, unless a given
		// name opens it ("Jane Doe reported"; voted above)
		if _, given := givenNamesEn[toks[s].Norm]; !given {
			v[org] += 2
		}
	case (n == "has" || n == "had") && end+1 < len(toks) && personAfter[toks[end+1].Norm] && end-s >= 2:
		v[per] += 2 // "Liu Xiaming has said"
	case after && s > 0 && toks[s-1].Norm == "the":
		v[org] += 2 // "The San Francisco Chronicle says": a person takes no article
	case after && end-s == 1:
		// "Nissan says": one word may be a company's as well; the caller
		// reads it as a weak sign
	case after:
		v[per] += 2
	case n == "-" && end+1 < len(toks) && !toks[end].Space && toks[end+1].Norm == "based":
		v[loc] += 2 // "Seattle-based"
	case lowerNext && productNouns[n]:
		v[prod] += 2 // "the Pixel phone", "a Falcon rocket"
	case !toks[end].Upper && end+1 < len(toks) && toks[end+1].Kind == token.Word && toks[end+1].Upper && teamRoles[n]:
		v[org] += 2 // "Sabres captain Jack Eichel": the team's
	case lowerNext && placeAfter[n]:
		v[loc] += 2 // "Delhi's Saket area", "the Tarvo neighborhood"
	case lowerNext && orgModified[n]:
		v[org] += 2 // "Spotify investors", "Vanderbilt athletic director" below
	case lowerNext && personModified[n]:
		v[per] += 2 // "the Trump administration", "a Biden aide"
	case toks[end].Kind == token.Word && !toks[end].Upper && end+1 < len(toks) && toks[end+1].Kind == token.Word && !toks[end+1].Upper && orgModified[toks[end+1].Norm] && !enModifierStop[n]:
		v[org] += 2
	case toks[end].Kind == token.Word && !toks[end].Upper && end+1 < len(toks) && toks[end+1].Kind == token.Word && !toks[end+1].Upper && productNouns[toks[end+1].Norm] && !enModifierStop[n]:
		v[prod] += 2 // "the Kestra compact sedan", "the Mustang performance car"
	case n == "—" || n == "–":
		// "Peng Mei — project manager for"
		for k := end + 1; k < len(toks) && k <= end+3 && toks[k].Kind == token.Word && !toks[k].Upper; k++ {
			if personApposition[toks[k].Norm] {
				v[per] += 2
				break
			}
		}
	case n == ",":
		if end+1 < len(toks) && toks[end+1].Norm == "who" {
			v[per] += 2
		}
		// ", the younger brother of", ", a lawyer", ", a city in", ", the company"
		if end+1 < len(toks) && (toks[end+1].Norm == "the" || toks[end+1].Norm == "a" || toks[end+1].Norm == "an") {
			for k := end + 2; k < len(toks) && k <= end+4 && toks[k].Kind == token.Word && !toks[k].Upper; k++ {
				w := toks[k].Norm
				if personApposition[w] {
					v[per] += 2
					break
				}
				if orgCueNouns[w] || orgApposition[w] {
					v[org] += 2
					break
				}
				if placeNouns[w] {
					v[loc] += 2
					break
				}
			}
		}
		if end+2 < len(toks) && personAfter[toks[end+1].Norm] {
			v[per]++
		}
		// ", 45,": an age
		if end+2 < len(toks) && toks[end+1].Kind == token.Number && toks[end+2].Norm == "," && toks[end+1].Num > 0 && toks[end+1].Num < 110 {
			v[per] += 2
		}
	case (n == "'" || n == "’") && end+2 < len(toks) && toks[end+1].Norm == "s":
		k := end + 2
		for k+1 < len(toks) && k < end+5 && toks[k].Kind == token.Word && toks[k].Upper && !toks[k].Break {
			k++ // "Eurogamer’s Stadia review": the noun after the name it qualifies
		}
		if k > end+2 && toks[k].Upper {
			break
		}
		switch w := toks[k].Norm; {
		case orgAfterPossessive[w]:
			v[org] += 2
		case kinNouns[w]:
			v[per] += 2
		}
	}
}

// placeNouns name a kind of place: "the city of X", "X, a town in".
var placeNouns = map[string]bool{
	"city": true, "town": true, "village": true, "province": true, "region": true, "state": true,
	"island": true, "capital": true, "port": true, "district": true, "county": true, "country": true,
	"suburb": true, "neighborhood": true, "neighbourhood": true, "river": true, "valley": true,
	"area": true, // "the Pangram area of Sarkh"
}

// ofOrg, before "of X", make X an organisation: "the chief executive of
// X", "shareholders of X" ("president of" may be a country's).
var ofOrg = map[string]bool{
	"ceo": true, "cfo": true, "cto": true, "founder": true, "co-founder": true, "chairman": true, "chairwoman": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "employees": true, "shareholders": true,
	"investors": true, "subsidiary": true, "unit": true, "owner": true, "executive": true, "executives": true,
	"shares": true, "stake": true, "acquisition": true, "customers": true,
}

// placeAfter, after a name used as a modifier, make it a place's: "the
// Saket area", "the Brixham district".
var placeAfter = map[string]bool{
	"area": true, "neighborhood": true, "neighbourhood": true, "district": true, "suburb": true, "region": true,
	// a building named before its lower-case noun: "the Yerba Buena theater"
	"theater": true, "theatre": true, "stadium": true, "arena": true, "ballpark": true, "auditorium": true,
}

// productNouns, after a capitalised name, make it a product's: "the
// Pixel phone", "a Falcon rocket".
var productNouns = map[string]bool{
	"phone": true, "phones": true, "smartphone": true, "smartphones": true, "laptop": true, "laptops": true,
	"tablet": true, "chip": true, "chips": true, "processor": true, "rocket": true, "rockets": true,
	"spacecraft": true, "rover": true, "lander": true, "jet": true, "jets": true, "aircraft": true,
	"drone": true, "drones": true, "car": true, "cars": true, "sedan": true, "truck": true, "console": true,
	"headset": true, "app": true, "chatbot": true, "model": true, "satellite": true,
	"suv": true, "suvs": true, "wagon": true, "hatchback": true, "coupe": true, "pickup": true, "minivan": true,
	"crossover": true, "sedans": true, "trucks": true, "telescope": true, "probe": true, "supercomputer": true,
	"helicopter": true, "helicopters": true, "plane": true, "planes": true, "airliner": true, "airliners": true,
}

// orgModified, after a name used as a modifier, make it an organisation's:
// "Spotify investors", "Vanderbilt athletic director", "Tesla shares".
var orgModified = map[string]bool{
	"investors": true, "shareholders": true, "shares": true, "stock": true, "employees": true, "workers": true,
	"executives": true, "executive": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"customers": true, "users": true, "subscribers": true, "engineers": true, "director": true, "officials": true,
	"headquarters": true, "subsidiary": true, "earnings": true, "ceo": true, "chief": true, "board": true,
	"models": true, // "newer Nissan models": the maker's
}

// personModified, after a name used as a modifier, make it a person's: "the
// Trump administration", "a Biden aide".
var personModified = map[string]bool{
	"administration": true, "aide": true, "aides": true, "adviser": true, "advisers": true, "ally": true,
	"allies": true, "campaign": true, "presidency": true, "loyalists": true, "supporters": true,
}

// kinNouns, after "X's", make X a person: "Trump's son".
var kinNouns = map[string]bool{
	"wife": true, "husband": true, "son": true, "daughter": true, "father": true, "mother": true,
	"brother": true, "sister": true, "lawyer": true, "lawyers": true, "attorney": true, "attorneys": true,
	"campaign": true, "family": true, "children": true, "widow": true, "presidency": true,
}

// irregularDemonym are the nationalities no suffix tells ("the Dutch",
// "French", "Czech", "Swiss", "Greek", "Thai").
var irregularDemonym = map[string]bool{
	"dutch": true, "french": true, "czech": true, "swis": true, "swiss": true, "greek": true, "thai": true,
	"scot": true, "basque": true, "kurd": true, "german": true, "roman": true, "arab": true, "jew": true,
}

// demonymLike: one word of nationality, language or creed ("Chinese",
// "Afghan", "Ukrainian", "Turkish"), which CoNLL counts apart and the
// gold leaves out.
func demonymLike(key string, n int) bool {
	if n != 1 {
		return false
	}
	key = strings.TrimSuffix(key, "s") // "Ukrainians", "Afghans"
	if irregularDemonym[key] {
		return true
	}
	for _, suf := range []string{"ese", "ian", "ish", "ean", "can", "ban", "lan", "ghan"} {
		if strings.HasSuffix(key, suf) {
			return true
		}
	}
	return false
}

// docType decides a name's type from its votes: the strongest context of
// all its mentions. A name with no context at all is left out (Wikigold:
// one word typed by default as an organisation was right one time in
// eight).
func docType(v [4]int) string {
	best, typ := 0, ""
	for k, t := range docTypes {
		if v[k] > best {
			best, typ = v[k], t
		}
	}
	return typ
}

// nextToName reports whether the word s..end-1 stands right beside a
// capitalised word that belongs to a name already found or is a title:
// then it is a piece of that longer name, not a name of its own.
func nextToName(toks []token.Token, s, end int, covered []bool) bool {
	upperAt := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].Kind == token.Word && toks[k].Upper && (covered[k] || isTitle(toks[k].Norm))
	}
	if upperAt(end) || s > 0 && !toks[s].Break && upperAt(s-1) {
		return true
	}
	// "Secretary of State", "Bank of America"
	return s > 1 && toks[s-1].Norm == "of" && upperAt(s-2)
}

// nameShape types a capitalised run of two or more words by its own
// words: one written in capitals as an acronym makes it an
// organisation's ("CBS All Access", "CBS DFW"), a model's last word a
// product's ("Chromecast Ultra"); otherwise "".
func nameShape(text string, toks []token.Token, s, end int) string {
	if modelSuffix[toks[end-1].Norm] || toks[end-1].Norm == "concept" || len(toks[end-1].Norm) == 1 {
		// (a model's letter: "Mustang Mach E", "Xbox One X")
		return "product"
	}
	for k := s; k < end; k++ {
		if t := &toks[k]; len(t.Norm) >= 2 && len(t.Norm) <= 5 && allUpper(text, t) && !notOrgAcronym[t.Norm] && !usStateCode[t.Norm] {
			return "organisation"
		}
	}
	return ""
}

// facingWord, before "the" and a plural name, say a game's or a
// season's opponent: "lost to the Chiefs", "beat the Falcons", "joined
// the Kestrels" (not "conquered by the Visigoths").
var facingWord = map[string]bool{
	"to": true, "against": true, "beat": true, "beats": true, "beating": true, "defeated": true, "defeat": true,
	"over": true, "vs": true, "host": true, "hosts": true, "hosted": true, "hosting": true, "face": true,
	"faces": true, "faced": true, "facing": true, "play": true, "plays": true, "played": true, "playing": true,
	"join": true, "joined": true, "joins": true, "for": true, "visit": true, "visits": true, "visited": true,
}

// pluralName: a word in the plural that "the" before it, capitalised,
// makes a team's or a band's name ("the Chiefs", "the Beatles").
func pluralName(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// ownAfterPlace reports whether the run s..end-1, which nextToName reads
// as a piece of the listed place before it, is a name of its own: its
// own context types it ("ambassador to Britain Liu Xiaming has said",
// "a US Chinook helicopter") and nothing capitalised follows it.
func ownAfterPlace(text string, toks []token.Token, s, end int, covered []bool, typeAt []int8) bool {
	if s == 0 || typeAt[s-1] != 3 || !covered[s-1] || end < len(toks) && toks[end].Upper && toks[end].Kind == token.Word {
		return false
	}
	var v [4]int
	vote(text, toks, s, end, v[:])
	t := docType(v)
	return t == "person" && end-s >= 2 || t == "product"
}

// modifierAt reports whether the word before token k is used as a modifier:
// a lower-case word that is no function word follows it.
func modifierAt(toks []token.Token, k int) bool {
	if k >= len(toks) || !toks[k].Space {
		return false
	}
	t := &toks[k]
	return t.Kind == token.Word && !t.Arabic && !t.Upper && !enModifierStop[t.Norm] && !personAfter[t.Norm]
}

// enModifierStop are the lower-case words after a name that do not make it
// a modifier: verbs and function words ("Burisma in 2016", "Williams as").
var enModifierStop = map[string]bool{
	"in": true, "on": true, "at": true, "as": true, "and": true, "or": true, "of": true, "to": true, "for": true,
	"from": true, "with": true, "by": true, "is": true, "was": true, "are": true, "were": true, "has": true,
	"had": true, "have": true, "will": true, "would": true, "could": true, "can": true, "did": true, "does": true,
	"who": true, "which": true, "that": true, "but": true, "after": true, "before": true, "into": true,
	"also": true, "not": true, "then": true, "over": true, "under": true, "than": true, "about": true,
}

// pronounVote: the first personal pronoun after a name, in its sentence or
// the next, says whether it stands for a person ("he", "her") or a thing
// ("it", "its").
func pronounVote(toks []token.Token, end int, v []int) {
	stops := 0
	for k := end; k < len(toks) && k < end+25; k++ {
		t := &toks[k]
		if t.Kind == token.Word && t.Upper && !t.Break && k > end && toks[k-1].Norm != "." && !isStopCap(t.Norm) {
			return // another name comes first
		}
		switch t.Norm {
		case "he", "she", "his", "her", "him", "hers", "himself", "herself":
			v[0]++
			return
		case "it", "its", "itself":
			v[1]++
			return
		case ".", "?", "!":
			if stops++; stops > 1 {
				return
			}
		}
	}
}

// ordinalWords begin names of laws, offices and events ("the Second
// Amendment", "First Lady"), not of people or companies.
var ordinalWords = map[string]bool{
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
	"seventh": true, "eighth": true, "ninth": true, "tenth": true,
}

// peopleOf reports whether w is a plural made from a name the text has
// found: "the Bidens", "Never Trumpers", "Marxists".
func peopleOf(w string, named map[string]bool) bool {
	if !strings.HasSuffix(w, "s") {
		return false
	}
	for _, suf := range []string{"s", "es", "ers", "ists", "ites"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) > 2 && named[stem] {
			return true
		}
	}
	return false
}

// initialFamilyNames links a family name alone that opens a sentence
// ("Glass was 20-of-24", "Legere will hand over") to the person the text
// names in full, as followMentions does mid-sentence. A word the text
// also writes in lower case ("Rice prices rose" after "Susan Rice") or
// that a capitalised word follows ("Morgan Stanley") is left alone.
func initialFamilyNames(text string, toks []token.Token, ms []mention, fam map[string]mention) []mention {
	if len(fam) == 0 {
		return ms
	}
	var add []mention
	var lower map[string]bool // built at the first family name opening a sentence
	defer func() {
		if lower != nil && len(lower) <= docScratchMax {
			clear(lower)
			lowerSetPool.Put(lower)
		}
	}()
	j := 0
	for k := range toks {
		t := &toks[k]
		if t.Kind != token.Word || t.Arabic || !t.Upper {
			continue
		}
		full, ok := fam[t.Norm]
		if !ok || full.typ != "person" || !(k == 0 || t.Break || strings.Contains(".!?\"“", toks[k-1].Norm)) {
			continue
		}
		if k+1 < len(toks) && toks[k+1].Kind == token.Word && toks[k+1].Upper {
			continue
		}
		for j < len(ms) && ms[j].span.End <= t.Start {
			j++
		}
		if j < len(ms) && ms[j].span.Start < t.End {
			continue // covered
		}
		if lower == nil {
			lower = lowerSetPool.Get().(map[string]bool) // kept from text to text, as in docNames
			for q := range toks {
				if u := &toks[q]; !u.Upper && u.Kind == token.Word {
					lower[u.Norm] = true
				}
			}
		}
		if lower[t.Norm] {
			continue
		}
		add = append(add, mention{span: Span{t.Start, t.End}, id: full.id, typ: full.typ, name: text[t.Start:t.End], entry: -1, follow: true, full: full.name})
	}
	if len(add) == 0 {
		return ms
	}
	ms = append(ms, add...)
	slices.SortStableFunc(ms, func(a, b mention) int { return a.span.Start - b.span.Start })
	return ms
}

// initialName: a name seen only at the start of sentences still counts
// when a strong context types it and none of its words is a common one.
func initialName(v [4]int, common bool, key string, n int) bool {
	if common || n == 1 && (strings.HasSuffix(key, "s") || strings.HasSuffix(key, "ly")) {
		return false
	}
	for _, x := range v {
		if x >= 2 {
			return true
		}
	}
	return false
}

// isGivenEn: a listed English given name, which familyNames does not take
// for a family name ("Prince Andrew" … "Andrew said"), so the document
// pass reads it alone.
func isGivenEn(w string) bool {
	_, ok := givenNamesEn[w]
	return ok
}

// usStateCode are the postal codes of the US states and DC.
var usStateCode = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields("al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc") {
		m[c] = true
	}
	return m
}()

// inQuotedTitle reports whether the words s..end-1 end a quotation written
// in title case, a song's, a book's or a show's title ("“Takin’ It to the
// Streets”", "“What a Fool Believes”"): a work, not a name of the kinds kept.
func inQuotedTitle(toks []token.Token, s, end int) bool {
	closing := func(k int) bool { return k < len(toks) && (toks[k].Norm == "”" || toks[k].Norm == "\"") }
	if !closing(end) && !(end < len(toks) && (toks[end].Norm == "," || toks[end].Norm == ".") && closing(end+1)) {
		return false
	}
	for k := s - 1; k >= 0 && k >= s-10; k-- {
		t := &toks[k]
		switch {
		case t.Norm == "“" || t.Norm == "\"":
			return k < s-1 || end-s >= 2 // one word quoted alone may be a name ("“Burisma”")
		case t.Kind == token.Word && (t.Upper || len(t.Norm) <= 3), t.Norm == "’" || t.Norm == "'":
		default:
			return false
		}
	}
	return false
}

// sentStartLike reports whether token k opens a sentence by its look: the
// first token, after a line's break or a full stop.
func sentStartLike(toks []token.Token, k int) bool {
	return k == 0 || toks[k].Break || toks[k-1].Norm == "." || toks[k-1].Norm == "?" || toks[k-1].Norm == "!"
}

// productListBefore walks back from the name at s over a list of names
// ("the A, B and") to "like" or "including" after a plural noun of products.
func productListBefore(toks []token.Token, s int) bool {
	for k := s - 1; k >= 0 && k >= s-12; k-- {
		switch t := &toks[k]; {
		case t.Norm == "like" || t.Norm == "including":
			return productListCue(toks, k)
		case t.Norm == "," || t.Norm == "and" || t.Norm == "or" || t.Norm == "the" || t.Kind == token.Word && t.Upper:
		default:
			return false
		}
	}
	return false
}

// productListCue reports whether the word "like" or "including" at token k
// follows a plural noun of products ("models like", "phones including"),
// so that the names after it are products.
func productListCue(toks []token.Token, k int) bool {
	p := k - 1
	if p >= 0 && (toks[p].Norm == "as") && p > 0 && toks[p-1].Norm == "such" {
		p -= 2
	}
	if p < 0 || toks[p].Kind != token.Word || toks[p].Upper {
		return false
	}
	w := toks[p].Norm
	return w == "models" || productNouns[w] && strings.HasSuffix(w, "s")
}
