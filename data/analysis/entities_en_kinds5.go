package analysis

import (
	"strings"

	"annals/data/analysis/token"
)

// Kinds of English name that the unseen splits showed missed, read as
// general mechanisms (tools/eval/testdata/README.md, dev5): a role
// written in capitals inside a run before the person's name, a
// possessive inside an organisation's name, the split words of a name
// ("Hau-yip", "O’Brien", "al-Sisi", "von"), a web address, a listed
// company carried on into its service or arm, a listed product in the
// plural, football clubs named after their cities, two acronyms side by
// side.

// roleWords are a person's role written before the name in capitals,
// usually after the body they serve: "Police Chief Ed Alvarez", "Project
// Manager Fumihiko Hazama", "Head Coach Lena Varga". enTitles holds the
// titles that stand alone before a name ("President Macron"); these mostly
// need a name of two words after them.
var roleWords = map[string]bool{
	"chief": true, "manager": true, "commander": true, "commissioner": true, "coach": true, "officer": true,
	"captain": true, "director": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"superintendent": true, "administrator": true, "ambassador": true, "president": true, "chairman": true,
	"chairwoman": true, "chair": true, "secretary": true, "minister": true, "governor": true, "mayor": true,
	"senator": true, "editor": true, "correspondent": true, "analyst": true, "founder": true, "head": true,
	"inspector": true, "sheriff": true, "attorney": true, "prosecutor": true, "detective": true,
	"sergeant": true, "lieutenant": true, "trooper": true, "executive": true, "ceo": true, "cfo": true,
	"coo": true, "cto": true, "principal": true, "dean": true, "rector": true, "engineer": true,
	"designer": true, "producer": true, "general": true, "marshal": true, "adviser": true, "advisor": true,
	"envoy": true, "leader": true, "treasurer": true, "councillor": true, "councilman": true, "councilwoman": true,
	"speaker": true,
}

// roleModifiers open a role without being a body's word: "Interim BART
// Police Chief", "Acting Director".
var roleModifiers = map[string]bool{
	"interim": true, "acting": true, "former": true, "deputy": true, "assistant": true, "associate": true,
	"senior": true, "outgoing": true, "incoming": true, "then": true, "new": true, "vice": true,
}

// roleInRun reads the run of capitalised words i..end-1 in which a role word
// stands before two or three plain capitalised words that end the run:
// those are a person's name ("Police Chief Ed Alvarez told"), whatever
// given-name list knows them. The words before the role are returned
// first as an organisation when they end on an organisation's word
// ("BART Police"), so that the next call, at the role, reads the person.
func roleInRun(text string, toks []token.Token, i, end int, g *Gazetteer) (mention, int, bool) {
	if !toks[i].Upper || end-i < 3 { // end: capRun's from i
		// three capitalised words at least
		return mention{}, 0, false
	}
	r := -1
	for k := i; k < end-2; k++ {
		if roleWords[toks[k].Norm] && toks[k].Upper {
			r = k
		}
	}
	if r < 0 || end < len(toks) && (toks[end].Norm == "." && len(toks[end-1].Norm) == 1 || toks[end].Norm == "-") {
		return mention{}, 0, false // ("One X. So": an initial or a model's letter)
	}
	words := 0
	for k := r + 1; k < end; k++ {
		t := &toks[k]
		if t.Kind != token.Word || t.Arabic || !t.Upper || !t.Space || len(t.Norm) < 2 || isStopCap(t.Norm) ||
			isTitle(t.Norm) || roleWords[t.Norm] || isOrgSuffix(t.Norm) || isDocSkip(t.Norm) || geoFeature[t.Norm] {
			return mention{}, 0, false
		}
		if k+2 < end && toks[k+1].Norm == "-" && !toks[k+1].Space && !toks[k+2].Space {
			// "Odile Ngo-Varga": a double-barrelled name is one word of it
			if w := &toks[k+2]; w.Kind != token.Word || w.Arabic || !w.Upper || len(w.Norm) < 2 {
				return mention{}, 0, false
			}
			k += 2
		}
		if words++; words > 3 {
			return mention{}, 0, false
		}
	}
	if m, ok := g.match(toks, r+1); ok && g.entries[m.entry].Type != "person" {
		return mention{}, 0, false // "Minister Hong Kong …": a listed name of something else
	}
	if r > i {
		s := i
		for s < r && roleModifiers[toks[s].Norm] {
			s++
		}
		if r-s >= 2 && isOrgSuffix(toks[r-1].Norm) {
			// (one word alone, "Press Secretary", "Police Chief", is the role's)
			sp := Span{toks[s].Start, toks[r-1].End}
			return mention{span: sp, typ: "organisation", name: text[sp.Start:sp.End], entry: -1}, r, true
		}
	}
	sp := Span{toks[r+1].Start, toks[end-1].End}
	return mention{span: sp, typ: "person", name: text[sp.Start:sp.End], entry: -1}, end, true
}

// possessiveNameWords open an organisation's name in the possessive:
// "People’s Liberation Army", "Children’s Hospital", "Women’s Tennis
// Association".
var possessiveNameWords = map[string]bool{
	"people": true, "children": true, "women": true, "men": true, "workers": true, "farmers": true,
	"veterans": true, "citizens": true, "teachers": true, "nurses": true, "students": true, "writers": true,
	"peoples": true, "st": true, "saint": true, "world": true, "nation": true, "ladies": true, "girls": true,
	"boys": true, "mothers": true, "fathers": true, "soldiers": true, "sailors": true, "miners": true,
}

// possessiveOrg reads "People’s Liberation Army": a collective noun in the
// possessive, then capitalised words ending on an organisation's word;
// or a role's office ("Attorney’s Office for the Western District").
func possessiveOrg(text string, toks []token.Token, i int) (mention, int, bool) {
	if i+3 < len(toks) && toks[i+2].Norm == "s" {
		return possessiveOrgFrom(text, toks, i, i)
	}
	return mention{}, 0, false // (inlined: most words are no possessive)
}

// possessiveOrgFrom is possessiveOrg with the name opening at token from
// (a place before a role: "California Governor's Office of Emergency
// Services", "U.S. Attorney’s Office for the Western District of New
// York"). A role in the possessive opens only an office's name (a head
// joined to what follows, or a suffix): "Governor's Office", not
// "Governor's Mansion".
func possessiveOrgFrom(text string, toks []token.Token, from, i int) (mention, int, bool) {
	t := &toks[i]
	// the cheap tests first: this runs at every capitalised word
	if !t.Upper || i+3 >= len(toks) || toks[i+1].Space || toks[i+2].Space || toks[i+2].Norm != "s" ||
		toks[i+1].Norm != "’" && toks[i+1].Norm != "'" {
		return mention{}, 0, false
	}
	role := roleWords[t.Norm] || isTitle(t.Norm)
	if !possessiveNameWords[t.Norm] && !role {
		return mention{}, 0, false
	}
	end := capRun(toks, i+3)
	if end == i+3 {
		return mention{}, 0, false
	}
	if end+2 < len(toks) && orgJoin[toks[end].Norm] && toks[end+1].Norm == "the" && enOrgHead[toks[end-1].Norm] {
		if e := capRun(toks, end+2); e > end+2 {
			end = e // "Attorney’s Office for the Western District of New York"
		}
	}
	head := enOrgHead[toks[i+3].Norm] && (end == i+4 || orgJoin[toks[i+4].Norm])
	if role && !head || !role && !isOrgSuffix(toks[end-1].Norm) && !head {
		return mention{}, 0, false
	}
	sp := Span{toks[from].Start, toks[end-1].End}
	return mention{span: sp, typ: "organisation", name: text[sp.Start:sp.End], entry: -1}, end, true
}

// nameSyllableSuffix are the lower-case words glued by a hyphen to a name
// that make an adjective of it ("Kowloon-based", "US-led"), not a second
// syllable of a given name ("Hau-yip", "Jong-un", "Jae-in").
var nameSyllableSuffix = map[string]bool{
	"based": true, "led": true, "backed": true, "owned": true, "born": true, "made": true, "style": true,
	"era": true, "run": true, "bound": true, "wide": true, "size": true, "sized": true, "like": true,
	"level": true, "free": true, "only": true, "type": true, "ish": true, "held": true, "area": true,
	"year": true, "old": true, "day": true, "week": true, "long": true, "high": true, "low": true,
	"way": true, "man": true, "men": true, "up": true, "out": true, "off": true, "all": true, "new": true,
	"due": true, "end": true, "top": true, "set": true, "car": true, "bus": true, "map": true, "law": true,
	"ray": true, "mail": true, "fi": true, "pop": true, "tech": true, "news": true, "book": true, "mart": true,
}

// hyphenSyllable reports whether tokens k, k+1 are "-" and a short
// lower-case syllable glued to the name word before: "Hau-yip".
func hyphenSyllable(toks []token.Token, k int) bool {
	if k+1 >= len(toks) || toks[k].Norm != "-" || toks[k].Space || toks[k+1].Space {
		return false
	}
	w := &toks[k+1]
	if w.Kind != token.Word || w.Arabic || w.Upper || len(w.Norm) < 2 || len(w.Norm) > 4 || nameSyllableSuffix[w.Norm] {
		return false
	}
	// the syllable ends the word: "-yip," not "-year-old"
	return k+2 >= len(toks) || toks[k+2].Space || toks[k+2].Kind == token.Punct && toks[k+2].Norm != "-"
}

// webTLD are the endings of a web address written as a name
// ("AutoIndustriya.com", "Salon.com").
var webTLD = map[string]bool{"com": true, "net": true, "org": true, "co": true, "io": true, "tv": true}

// webNames widens a name glued to ".com" to the whole address and reads
// an address with no other name in it as an organisation (a site, an
// outlet): "told AutoIndustriya.com". ms are in text order, and so is the
// result.
func webNames(text string, toks []token.Token, ms []mention) []mention {
	if !hasWebDot(text) {
		return ms // (a search of the text is cheaper than a walk over its tokens)
	}
	j := 0
	var add []mention
	for k := 0; k+2 < len(toks); k++ {
		t := &toks[k]
		if t.Kind != token.Word || t.Arabic || !t.Upper || toks[k+1].Norm != "." || toks[k+1].Space || toks[k+2].Space ||
			!webTLD[toks[k+2].Norm] || k+3 < len(toks) && !toks[k+3].Space && toks[k+3].Kind == token.Word {
			continue
		}
		if k > 0 && !t.Space && (toks[k-1].Norm == "." || toks[k-1].Norm == "/" || toks[k-1].Norm == "@") {
			continue // "www.Site.com", a link's piece
		}
		for j < len(ms) && ms[j].span.End < t.End {
			j++
		}
		end := toks[k+2].End
		if j < len(ms) && ms[j].span.End == t.End && ms[j].span.Start >= t.Start-40 {
			ms[j].span.End = end
			ms[j].name = text[ms[j].span.Start:end]
			if ms[j].entry < 0 {
				ms[j].typ = "organisation"
			}
			continue
		}
		if j < len(ms) && ms[j].span.Start < end && ms[j].span.End > t.Start {
			continue
		}
		add = append(add, mention{span: Span{t.Start, end}, typ: "organisation", name: text[t.Start:end], entry: -1})
	}
	if len(add) == 0 {
		return ms
	}
	ms = append(ms, add...)
	sortMentions(ms)
	return ms
}

// clubFirst and clubLast, before or after a place's name, make a sports
// club of it: "Real Madrid", "Inter Milan", "FC Porto", "Manchester United".
var clubFirst = map[string]bool{"real": true, "inter": true, "fc": true, "afc": true, "ac": true, "sporting": true, "dynamo": true, "olympique": true, "atletico": true}
var clubLast = map[string]bool{"united": true, "fc": true, "afc": true, "hotspur": true, "rovers": true, "wanderers": true, "albion": true, "athletic": true, "cf": true}

// clubPlaces types as organisations the places a club's word is joined to
// ("Manchester United", "Real Madrid", "FC Porto") when the text also
// names football ("match", "season", "league", "club"); and a bare place
// of the same words elsewhere ("Porto") is the club too when the club is
// named in full.
func clubPlaces(text string, toks []token.Token, ms []mention) []mention {
	if !strings.Contains(text, "season") && !strings.Contains(text, "league") && !strings.Contains(text, "club") &&
		!strings.Contains(text, "match") && !strings.Contains(text, "League") && !strings.Contains(text, "Club") {
		return ms // no football: a search of the text is the cheapest test
	}
	// a place next to a club's word first: most texts have none, and the
	// walk for football's words is then saved
	nearClub := false
	j := 0
	for k := range ms {
		if ms[k].typ != "place" {
			continue
		}
		for j < len(toks) && toks[j].End <= ms[k].span.Start {
			j++
		}
		e := j
		for e < len(toks) && toks[e].Start < ms[k].span.End {
			e++
		}
		if clubFirst[toks[j].Norm] || e > j && clubLast[toks[e-1].Norm] || j > 0 && clubFirst[toks[j-1].Norm] || e < len(toks) && clubLast[toks[e].Norm] {
			nearClub = true
			break
		}
	}
	if !nearClub {
		return ms
	}
	sport := false
	for k := range toks {
		switch toks[k].Norm {
		case "match", "matches", "season", "league", "club", "clubs", "striker", "goalkeeper", "midfielder", "footballer":
			sport = true
		}
		if sport {
			break
		}
	}
	if !sport {
		return ms
	}
	clubs := map[string]bool{}
	widened := false
	for k := range ms {
		m := &ms[k]
		if m.typ != "place" {
			continue
		}
		if clubAround(text, toks, m) {
			widened = true
		}
		ws := strings.Fields(strings.ToLower(m.name))
		if len(ws) < 2 {
			continue
		}
		if clubFirst[ws[0]] || clubLast[ws[len(ws)-1]] {
			m.typ, m.id, m.entry = "organisation", "", -1
			for _, w := range ws {
				if !clubFirst[w] && !clubLast[w] {
					clubs[w] = true
				}
			}
		}
	}
	// a place listed beside a club ("managed FC Porto, Inter Milan,
	// Chelsea, Real Madrid and Manchester United") is a club too, both
	// ways along the list
	for pass := 0; pass < 2 && len(clubs) > 0; pass++ {
		for k := range ms {
			m := &ms[k]
			if m.typ != "place" || strings.Contains(m.name, " ") {
				continue
			}
			for _, q := range []int{k - 1, k + 1} {
				if q >= 0 && q < len(ms) && ms[q].typ == "organisation" && ms[q].entry < 0 && listedBeside(text, ms[q].span, m.span) {
					clubs[strings.ToLower(m.name)] = true
				}
			}
		}
		for k := range ms {
			m := &ms[k]
			if m.typ == "place" && !strings.Contains(m.name, " ") && clubs[strings.ToLower(m.name)] {
				m.typ, m.id, m.entry = "organisation", "", -1
			}
		}
	}
	if !widened {
		return ms
	}
	// "FC" read alone before "FC Porto" is inside the club's name now
	kept := ms[:0]
	for k, m := range ms {
		inside := false
		for q := max(0, k-1); q <= min(len(ms)-1, k+1); q++ {
			if q != k && ms[q].span.Start <= m.span.Start && m.span.End <= ms[q].span.End && ms[q].span != m.span {
				inside = true
			}
		}
		if !inside {
			kept = append(kept, m)
		}
	}
	return kept
}

// personNext reports whether the capitalised words from k are a person's
// name of two or three words that says something ("… to Britain Liu
// Xiaming has said", "in Kabul Ahmad Wali told"): then the place before
// them ends there and does not carry on into a longer name.
func personNext(toks []token.Token, k int) bool {
	end := k
	for end < len(toks) && end-k < 4 && toks[end].Kind == token.Word && !toks[end].Arabic && toks[end].Upper && !toks[end].Break {
		end++
	}
	if end-k < 2 || end-k > 3 || end >= len(toks) {
		return false
	}
	n := toks[end].Norm
	return enSaid[n] || (n == "has" || n == "had") && end+1 < len(toks) && personAfter[toks[end+1].Norm]
}

// clubAround widens a place's mention over a club's word glued before or
// after it ("FC Porto", "Tottenham Hotspur"), and reports whether it did.
func clubAround(text string, toks []token.Token, m *mention) bool {
	s := firstToken(toks, m.span.Start)
	e := s
	for e < len(toks) && toks[e].Start < m.span.End {
		e++
	}
	widened := false
	if s > 0 && toks[s-1].Upper && toks[s].Space && clubFirst[toks[s-1].Norm] && !toks[s].Break {
		m.span.Start, widened = toks[s-1].Start, true
	}
	if e < len(toks) && toks[e].Upper && toks[e].Kind == token.Word && clubLast[toks[e].Norm] && !toks[e].Break {
		m.span.End, widened = toks[e].End, true
	}
	if widened {
		m.name = text[m.span.Start:m.span.End]
	}
	return widened
}

// listedLonger reads a listed company or product carried on by capitalised
// words into a longer name: its service or model ("CBS All Access",
// "Google Stadia", "Ford Mustang Mach E": a product), its arm in a place
// or a division ("Lexus Philippines", "CBS DFW", "Nissan Sales & Regional
// Operations": an organisation). The words after it are plain
// capitalised words on the same line (a single capital letter may end
// them), not a title, a role, a given name opening a person's name, a
// month or a listed person or organisation. The caller holds g's read
// lock.
func listedLonger(text string, toks []token.Token, i int, m gazMatch, g *Gazetteer) (mention, int, bool) {
	k := m.next
	if k >= len(toks) {
		return mention{}, 0, false
	}
	if _, given := givenNamesEn[toks[k].Norm]; given {
		return mention{}, 0, false // "Apple Tim Cook", "Tesla Elon Musk"
	}
	end, org := k, false
	for end < len(toks) && end-k < 4 {
		t := &toks[end]
		if t.Norm == "&" && t.Space && end > k && end+1 < len(toks) && toks[end+1].Upper && toks[end+1].Kind == token.Word {
			end, org = end+1, true
			continue
		}
		if t.Kind != token.Word || t.Arabic || !t.Upper || !t.Space || t.Break || isStopCap(t.Norm) || isDocSkip(t.Norm) && t.Norm != "one" && t.Norm != "all" ||
			isTitle(t.Norm) || roleWords[t.Norm] || adminUnit[t.Norm] {
			break
		}
		if len(t.Norm) == 1 && (end+1 < len(toks) && toks[end+1].Norm == "." || end == k) {
			break // an initial, or a letter alone: "X. So", "Apple X"
		}
		end++
		if len(t.Norm) == 1 {
			break // a model's letter ends it: "Xbox One X"
		}
	}
	if end == k || end < len(toks) && (toks[end].Norm == "-" || toks[end].Norm == "’" || toks[end].Norm == "'") && !toks[end].Space {
		return mention{}, 0, false
	}
	if end < len(toks) && toks[end].Kind == token.Word && toks[end].Upper && !toks[end].Break && toks[end].Space {
		return mention{}, 0, false // a longer run than read: left to the other rules
	}
	if lm, ok := g.match(toks, k); ok {
		switch g.entries[lm.entry].Type {
		case "person", "organisation":
			return mention{}, 0, false // two names side by side
		case "place":
			if lm.next == end && end < len(toks) && toks[end].Kind == token.Word && !toks[end].Upper && !enModifierStop[toks[end].Norm] {
				return mention{}, 0, false // "White House Russia adviser": the place is a modifier
			}
			org = org || lm.next == end // "Lexus Philippines"
		}
	}
	for q := k; q < end; q++ {
		if t := &toks[q]; len(t.Norm) >= 2 && allUpper(text, t) || isOrgSuffix(t.Norm) {
			org = true // "CBS DFW", "Nissan Sales Division"
		}
	}
	typ := "product"
	if org {
		typ = "organisation"
	}
	sp := Span{m.start, toks[end-1].End}
	return mention{span: sp, typ: typ, name: text[sp.Start:sp.End], entry: -1}, end, true
}

// nameParticles are the lower-case particles glued by a hyphen to a
// family name: "al-Sisi", "el-Erian", "bin-Salman".
var nameParticles = map[string]bool{"al": true, "el": true, "ad": true, "ash": true, "as": true, "bin": true, "ibn": true, "abu": true, "ul": true}

// nameJoin returns how many tokens from k make one word of a name that the
// tokenizer split: "O’Brien", "D'Angelo" (a capital O or D, an apostrophe,
// a capitalised word, all glued) and "al-Sisi" (a particle, a hyphen, a
// capitalised word, glued); 0 for none.
func nameJoin(toks []token.Token, k int) int {
	// small enough to be inlined: it runs at nearly every token
	if k+2 < len(toks) && !toks[k+1].Space {
		return nameJoinAt(toks, k)
	}
	return 0
}

// nameJoinAt is nameJoin past its first test.
func nameJoinAt(toks []token.Token, k int) int {
	if toks[k+2].Space || !toks[k+2].Upper || len(toks[k].Norm) > 3 {
		return 0
	}
	t, p, w := &toks[k], &toks[k+1], &toks[k+2]
	if w.Kind != token.Word || w.Arabic || !w.Upper || len(w.Norm) < 2 {
		return 0
	}
	switch {
	case t.Upper && (t.Norm == "o" || t.Norm == "d") && (p.Norm == "’" || p.Norm == "'"):
		return 3
	case !t.Upper && t.Kind == token.Word && nameParticles[t.Norm] && p.Norm == "-":
		return 3
	}
	return 0
}

// pluralProduct reads a listed product of one word in the plural ("sold
// more iPhones", "two Chromebooks") as a mention of the product. The
// caller holds g's read lock.
func pluralProduct(text string, toks []token.Token, i int, g *Gazetteer) (mention, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || len(t.Norm) < 4 || t.Norm[len(t.Norm)-1] != 's' {
		return mention{}, false
	}
	if !t.Upper && text[t.Start:t.End] == t.Norm {
		return mention{}, false // a lower-case word with no capital inside: no "iPhones"
	}
	one := t.Norm[:len(t.Norm)-1]
	if !g.mayStart(one) || len(g.index[one]) == 0 || !t.Upper && !innerCapital(text[t.Start:t.End]) {
		return mention{}, false // (the index first: it rules out nearly every word at once)
	}
	// a plain capitalised plural may be a team's ("the Falcons"): only a
	// product spelt with an inner capital ("iPhones") or written in the
	// singular too counts
	if !innerCapital(text[t.Start:t.End]) && !strings.Contains(text, text[t.Start:t.End-1]+" ") {
		return mention{}, false
	}
	for _, a := range g.index[one] {
		if len(a.words) == 1 && g.entries[a.entry].Type == "product" && (i+1 >= len(toks) || !toks[i+1].Upper || toks[i+1].Kind != token.Word) {
			e := &g.entries[a.entry]
			return mention{span: Span{t.Start, t.End}, id: e.ID, typ: e.Type, name: text[t.Start:t.End], entry: a.entry}, true
		}
	}
	return mention{}, false
}

// hasWebDot reports whether a full stop in text is followed by the start
// of a web ending (".com", ".NET", ".io", ".tv", any case).
func hasWebDot(text string) bool {
	for off := 0; ; {
		k := strings.IndexByte(text[off:], '.')
		if k < 0 || off+k+2 >= len(text) {
			return false
		}
		off += k + 1
		switch a, b := text[off]|0x20, text[off+1]|0x20; {
		case a == 'c' && b == 'o', a == 'n' && b == 'e', a == 'o' && b == 'r', a == 'i' && b == 'o', a == 't' && b == 'v':
			return true
		}
	}
}

// nameInnerParticles are the lower-case words that stand between the
// capitalised words of one person's or place's name: "Charles de Gaulle",
// "Dorothea von Schlegel", "Rio de Janeiro", "Vincent van Gogh".
var nameInnerParticles = map[string]bool{
	"von": true, "van": true, "de": true, "da": true, "di": true, "del": true, "della": true, "der": true,
	"den": true, "du": true, "dos": true, "das": true, "le": true, "la": true, "ter": true, "ten": true, "zu": true,
	"bin": true, "ibn": true, "al": true, "el": true,
}

// innerParticle reports whether token k is such a particle between two
// capitalised words of one line: a capitalised word before it, one after.
func innerParticle(toks []token.Token, k int) bool {
	return !toks[k].Upper && len(toks[k].Norm) <= 5 && innerParticleAt(toks, k)
}

// innerParticleAt is innerParticle past its first test.
func innerParticleAt(toks []token.Token, k int) bool {
	if k == 0 || k+1 >= len(toks) {
		return false
	}
	t, p, n := &toks[k], &toks[k-1], &toks[k+1]
	return t.Kind == token.Word && !t.Upper && !t.Arabic && nameInnerParticles[t.Norm] && t.Space && n.Space && !n.Break &&
		p.Kind == token.Word && p.Upper && n.Kind == token.Word && n.Upper && !n.Arabic && len(n.Norm) > 1
}

// listedBeside reports whether the text between two spans is a list's
// separator alone: ", ", " and ", ", and ".
func listedBeside(text string, a, b Span) bool {
	if a.Start > b.Start {
		a, b = b, a
	}
	if a.End > b.Start || b.Start-a.End > 6 {
		return false
	}
	switch text[a.End:b.Start] {
	case ", ", " and ", ", and ", " or ":
		return true
	}
	return false
}

// orgAcronym reports whether t is written as an organisation's acronym:
// three to six capitals, not a common abbreviation or a state's code.
func orgAcronym(text string, t *token.Token) bool {
	return t.Kind == token.Word && !t.Arabic && len(t.Norm) >= 3 && len(t.Norm) <= 6 && allUpper(text, t) &&
		!notOrgAcronym[t.Norm] && !usStateCode[t.Norm] && !isDocSkip(t.Norm) && !isStopCap(t.Norm)
}
