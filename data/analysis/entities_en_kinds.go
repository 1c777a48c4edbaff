package analysis

import (
	"slices"
	"strings"

	"annals/data/analysis/token"
)

// Kinds of English name read from the layout and the words around them,
// found on the unseen articles' dev2 split (tools/eval/testdata): headings
// in capitals, handles and links, places joined by a hyphen, titles of
// works in quotes, services written with a plus, and the later short forms
// of a name the text gave in full.

// capsHeadings marks the tokens of the lines written all in capitals with
// two Latin words or more ("NISSAN SENTRA", "TOYOTA RAV4 PRIME"): a
// heading, whose capitals say nothing of names. nil when there is none
// (most texts): only a line whose first word is in capitals is read whole.
func capsHeadings(text string, toks []token.Token) []bool {
	var heading []bool
	for i := 0; i < len(toks); {
		if !toks[i].Break {
			i++
			continue
		}
		end := i + 1
		for end < len(toks) && !toks[end].Break {
			end++
		}
		if t := &toks[i]; t.Kind == token.Word && !t.Arabic && allUpper(text, t) {
			words, caps := 0, true
			for k := i; k < end && caps; k++ {
				if u := &toks[k]; u.Kind == token.Word {
					words++
					caps = !u.Arabic && (allUpper(text, u) || u.Num > 0 || strings.IndexFunc(text[u.Start:u.End], isLetter) < 0)
				}
			}
			if caps && words >= 2 {
				if heading == nil {
					heading = make([]bool, len(toks))
				}
				for k := i; k < end; k++ {
					heading[k] = true
				}
			}
		}
		i = end
	}
	return heading
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f
}

// nonNameToken reports whether token i is a piece of a handle, a hashtag
// or a link ("@NGRSenate", "#TodayInSenate", "https://t.co/XPx…"): glued
// to the mark before it, it names no one in the text's words.
func nonNameToken(toks []token.Token, i int) bool {
	if i == 0 || toks[i].Space {
		return false
	}
	switch toks[i-1].Norm {
	case "@", "#", "/", "_", "=":
		return true
	}
	return false
}

// hyphenedPlace: a listed place glued by a hyphen to a capitalised word
// ("Delhi-NCR", "Lahore-Gujranwala") is a region of its own, named whole;
// "Seattle-based" (lower case) stays Seattle.
func hyphenedPlace(text string, toks []token.Token, m gazMatch) (mention, bool) {
	k := m.next
	if k+1 >= len(toks) || toks[k].Norm != "-" || toks[k].Space || toks[k+1].Space || m.end != toks[k].Start {
		return mention{}, false
	}
	if w := &toks[k+1]; w.Kind != token.Word || w.Arabic || !w.Upper {
		return mention{}, false
	}
	if k+2 < len(toks) && !toks[k+2].Space && toks[k+2].Kind == token.Word {
		return mention{}, false
	}
	s := Span{m.start, toks[k+1].End}
	return mention{span: s, typ: "place", name: text[s.Start:s.End], entry: -1}, true
}

// longerName reports whether the capitalised word at k, right after a
// listed place, carries the place's name on into a longer one (a
// newspaper, a team, a spacecraft): a word of its own, not a title, a
// given name, a place's feature word or the start of another listed name.
// The caller holds g's read lock.
func longerName(toks []token.Token, k int, g *Gazetteer) bool {
	if k >= len(toks) {
		return false
	}
	t := &toks[k]
	if t.Kind != token.Word || t.Arabic || !t.Upper || !t.Space || t.Break || len(t.Norm) < 2 ||
		isStopCap(t.Norm) || isDocSkip(t.Norm) || isTitle(t.Norm) || adminUnit[t.Norm] || geoFeature[t.Norm] ||
		compassWord[t.Norm] || demonymLike(t.Norm, 1) {
		return false
	}
	if _, given := givenNamesEn[t.Norm]; given {
		return false
	}
	_, listed := g.match(toks, k)
	return !listed
}

// datelinePlaces reads a dateline opening a line, a place in capitals,
// a comma, its state or country and a dash ("BUFFALO, N.Y. —", "TOLEDO,
// Ohio —"): both are places, whatever the lists say of a word in
// capitals. ms are in text order, and so is the result.
func datelinePlaces(text string, toks []token.Token, ms []mention) []mention {
	var found []mention
	for i := 0; i < len(toks); i++ {
		if !toks[i].Break || toks[i].Kind != token.Word || toks[i].Arabic || !allUpper(text, &toks[i]) || len(toks[i].Norm) < 3 {
			continue
		}
		k := i
		for k < len(toks) && k-i < 3 && toks[k].Kind == token.Word && allUpper(text, &toks[k]) && (k == i || !toks[k].Break) {
			k++
		}
		if k+1 >= len(toks) || toks[k].Norm != "," {
			continue
		}
		s := k + 1
		e := s
		for e < len(toks) && e-s < 6 && (toks[e].Kind == token.Word && toks[e].Upper && !toks[e].Arabic || toks[e].Norm == ".") {
			e++
		}
		if e == s || e >= len(toks) || e-s > 4 && toks[e-1].Norm != "." {
			continue
		}
		if d := toks[e].Norm; d != "—" && d != "–" && d != "-" && d != "(" {
			continue
		}
		for _, sp := range []Span{{toks[i].Start, toks[k-1].End}, {toks[s].Start, toks[e-1].End}} {
			taken := false
			for _, m := range ms {
				taken = taken || m.span.Start < sp.End && sp.Start < m.span.End
			}
			if !taken {
				found = append(found, mention{span: sp, typ: "place", name: text[sp.Start:sp.End], entry: -1})
			}
		}
		i = e
	}
	if len(found) == 0 {
		return ms
	}
	ms = append(ms, found...)
	slices.SortStableFunc(ms, func(a, b mention) int { return a.span.Start - b.span.Start })
	return ms
}

// orgBeforeGivenName returns the last organisation's suffix word before
// the first listed given name of the capitalised run i..end-1 (i when
// there is none): the run opens with the organisation's name.
func orgBeforeGivenName(toks []token.Token, i, end int) int {
	last := i
	for k := i + 1; k < end; k++ {
		if _, given := givenNamesEn[toks[k].Norm]; given && toks[k].Upper {
			break
		}
		if isOrgSuffix(toks[k].Norm) && toks[k].Kind == token.Word {
			last = k
		}
	}
	return last
}

// venueWord ends the name of a building or a ground, which "at" or "in"
// before it makes a place ("at Heinz Field", "in KeyBank Center").
var venueWord = map[string]bool{
	"field": true, "stadium": true, "arena": true, "center": true, "centre": true, "park": true,
	"airport": true, "hall": true, "garden": true, "gardens": true, "station": true, "square": true,
}

// compassPoint are the given names that open places more often than people
// ("North America", "West Bank").
var compassPoint = map[string]bool{"north": true, "south": true, "east": true, "west": true}

// plusProducts makes a name written with a plus glued to its end a
// product, the service sold under the name ("Disney+", "ESPN+", "Apple
// TV+"): the mention takes the plus, and a new entity.
func plusProducts(text string, ms []mention) {
	for k := range ms {
		m := &ms[k]
		e := m.span.End
		if e >= len(text) || text[e] != '+' || e+1 < len(text) && (isLetter(rune(text[e+1])) || text[e+1] >= '0' && text[e+1] <= '9') {
			continue
		}
		m.span.End = e + 1
		m.name = text[m.span.Start:m.span.End]
		m.typ, m.id, m.entry = "product", "", -1
	}
}

// dropQuotedTitles removes the names found by rules that are a whole
// title of a work in quotes ("“Mary Poppins”", "“Star Wars,”"): CoNLL's
// MISC, which is no name of the kinds kept.
func dropQuotedTitles(toks []token.Token, ms []mention) []mention {
	out := ms[:0]
	for _, m := range ms {
		if m.entry < 0 && (m.typ == "person" || m.typ == "organisation") {
			s := firstToken(toks, m.span.Start)
			e := s
			for e < len(toks) && toks[e].Start < m.span.End {
				e++
			}
			if s > 0 && (toks[s-1].Norm == "“" || toks[s-1].Norm == "\"") && e-s >= 2 && inQuotedTitle(toks, s, e) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// linkShortForms gives a later (or earlier) short form of a name the text
// writes in full the full name's entity: a person's last word or words
// ("Mayer" for "Kevin Mayer", "Eriksson Ek" for "Joel Eriksson Ek"), an
// organisation's name without its legal suffix ("Acme" for "Acme Robotics
// Inc", "Helvor Dynamics" for "Helvor Dynamics Corp."). A short form two
// full names share is left alone. English text; ms are in text order.
func linkShortForms(text string, toks []token.Token, ms []mention) []mention {
	type full struct {
		m     mention
		clash bool
	}
	forms := map[string]*full{}
	add := func(key string, m mention) {
		if f, ok := forms[key]; ok {
			f.clash = f.clash || f.m.id != m.id || f.m.name != m.name
			return
		}
		forms[key] = &full{m: m}
	}
	// each mention's words, read off the text's tokens (ms are in text
	// order), rather than tokenizing every name again
	words := make([][]string, len(ms))
	j := 0
	for k, m := range ms {
		for j < len(toks) && toks[j].End <= m.span.Start {
			j++
		}
		for q := j; q < len(toks) && toks[q].Start < m.span.End; q++ {
			if toks[q].Kind != token.Punct {
				words[k] = append(words[k], toks[q].Norm)
			}
		}
	}
	for k, m := range ms {
		if m.follow || m.typ != "person" && m.typ != "organisation" {
			continue
		}
		ws := words[k]
		if len(ws) < 2 {
			continue
		}
		switch m.typ {
		case "person":
			// every tail from the family name on: "ek", "eriksson ek"
			for k := 1; k < len(ws); k++ {
				if isTitle(ws[k]) || len(ws[k]) < 2 && (ws[k] != "o" && ws[k] != "d" || k+1 == len(ws)) {
					continue // (but "o dowd": O’Dowd)
				}
				if _, given := givenNamesEn[ws[k]]; given && isTitle(ws[k-1]) {
					continue // "Prince Andrew" … "Andrew": a title's given name
				}
				add(strings.Join(ws[k:], " "), m)
			}
		case "organisation":
			// the name without its legal suffix words, and its first word
			n := len(ws)
			for n > 1 && legalSuffix[ws[n-1]] {
				n--
			}
			if n == len(ws) {
				continue
			}
			add(strings.Join(ws[:n], " "), m)
			if n > 1 && len(ws[0]) >= 3 && !isStopCap(ws[0]) && !compassWord[ws[0]] && ws[0] != "national" && ws[0] != "new" {
				add(ws[0], m)
			}
		}
	}
	if len(forms) == 0 {
		return ms
	}
	for k := range ms {
		m := &ms[k]
		if m.entry >= 0 && m.typ != "person" && m.typ != "organisation" {
			continue // a listed place or product keeps its entry
		}
		f, ok := forms[strings.Join(words[k], " ")]
		if !ok || f.clash || f.m.name == m.name || f.m.typ != m.typ && m.entry >= 0 {
			continue
		}
		if f.m.id == "" {
			continue
		}
		m.id, m.typ, m.entry, m.follow, m.full = f.m.id, f.m.typ, f.m.entry, true, f.m.name
	}
	// the short forms no rule found: "Shares of Acme rose", "Eriksson Ek
	// scored" (a family name of one word alone is followMentions')
	covered := make([]bool, len(toks))
	j = 0
	for _, m := range ms {
		for j < len(toks) && toks[j].End <= m.span.Start {
			j++
		}
		for k := j; k < len(toks) && toks[k].Start < m.span.End; k++ {
			covered[k] = true
		}
	}
	var found []mention
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if covered[i] || t.Kind != token.Word || t.Arabic || !t.Upper || i > 0 && toks[i-1].Kind == token.Word && toks[i-1].Upper && !covered[i-1] {
			continue
		}
		// the longest form from here (two words at most are read)
		for n := 2; n >= 1; n-- {
			if i+n > len(toks) || n == 2 && (toks[i+1].Kind != token.Word || !toks[i+1].Upper || covered[i+1]) {
				continue
			}
			key := t.Norm
			if n == 2 {
				key += " " + toks[i+1].Norm
			}
			f, ok := forms[key]
			if !ok || f.clash || f.m.id == "" || n == 1 && f.m.typ == "person" {
				continue
			}
			end := i + n
			if end < len(toks) && toks[end].Kind == token.Word && toks[end].Upper && !toks[end].Break {
				break // a longer name: "Acme Labs"
			}
			if n == 1 && (sentStartLike(toks, i) || toks[i-1].Norm == "“" || toks[i-1].Norm == "\"") {
				break // one word opening a sentence may be a common word
			}
			sp := Span{t.Start, toks[end-1].End}
			found = append(found, mention{span: sp, id: f.m.id, typ: f.m.typ, name: text[sp.Start:sp.End], entry: f.m.entry, follow: true, full: f.m.name})
			i = end - 1
			break
		}
	}
	if len(found) == 0 {
		return ms
	}
	ms = append(ms, found...)
	slices.SortStableFunc(ms, func(a, b mention) int { return a.span.Start - b.span.Start })
	return ms
}

// legalSuffix are the words of a company's legal form, which its short
// name leaves out.
var legalSuffix = map[string]bool{
	"inc": true, "corp": true, "corporation": true, "co": true, "ltd": true, "llc": true, "plc": true,
	"group": true, "holdings": true, "company": true, "sa": true, "ag": true, "gmbh": true, "nv": true,
	"limited": true, "incorporated": true, "lp": true, "llp": true,
}

// headJoined reports where an organisation's name ends when the
// capitalised run toks[i:end] holds a head joined to capitalised words after
// it ("Institute for Astrophysics", "University of Florida"): at the run's
// end; or on "Fame" of "Hall of Fame" ("Rock and Roll Hall of Fame
// Induction" is the event of that body). 0 when the run is no such name.
func headJoined(toks []token.Token, i, end int) int {
	for k := i; k+2 < end; k++ {
		if toks[k].Norm == "hall" && toks[k+1].Norm == "of" && toks[k+2].Norm == "fame" {
			return k + 3
		}
	}
	for k := i; k+2 < end; k++ {
		if enOrgHead[toks[k].Norm] && toks[k].Upper && orgJoin[toks[k+1].Norm] && !toks[k+1].Upper {
			return end
		}
	}
	return 0
}

// ofTheOrg reports whether "of the" at k goes on to a capitalised run that
// ends on an organisation's suffix ("… of the Royal Astronomical Society"):
// the run before is that organisation's part ("Monthly Notices of the …"),
// while "President of the United States" stays cut.
func ofTheOrg(toks []token.Token, k int) bool {
	if k+2 >= len(toks) || toks[k+1].Norm != "the" || toks[k+2].Kind != token.Word || !toks[k+2].Upper || toks[k+2].Arabic {
		return false
	}
	e := capRun(toks, k+2)
	return e > k+2 && isOrgSuffix(toks[e-1].Norm)
}

// eventLastWord ends the names of events, which the kinds kept here leave
// out (CoNLL's MISC): "Bangkok International Motor Show", "the annual Fan
// Vote", "Amsterdam Light Festival".
var eventLastWord = map[string]bool{
	"show": true, "festival": true, "expo": true, "summit": true, "vote": true, "awards": true,
	"fair": true, "marathon": true, "tournament": true, "championship": true, "championships": true,
	"olympics": true, "induction": true,
	// a cup and its finals: "Davis Cup Finals", "the Fed Cup", "ATP Finals"
	"cup": true, "final": true, "finals": true,
	// a market's index, also CoNLL's MISC: "Kospi Index", "Hang Seng Index"
	"index": true,
}

// dropEventNames drops the names the rules made (no list's) that end on an
// event's word.
func dropEventNames(toks []token.Token, ms []mention) []mention {
	return slices.DeleteFunc(ms, func(m mention) bool {
		if m.entry >= 0 || m.id != "" || m.span.End <= m.span.Start {
			return false
		}
		k := firstToken(toks, m.span.End) - 1 // the name's last token
		return k > 0 && k < len(toks) && toks[k].Kind == token.Word && !toks[k].Arabic && toks[k].Upper &&
			eventLastWord[toks[k].Norm] && toks[k-1].Kind == token.Word && toks[k-1].Upper &&
			firstToken(toks, m.span.Start) < k
	})
}

// placeVenues types as a place a building's name (by its last word) that a
// place's possessive owns: "San Francisco's Moscone Center", "Cleveland's
// Public Auditorium" (the city's building, where a company's "Center" is
// its unit). Only names the rules typed; ms are in text order.
func placeVenues(toks []token.Token, ms []mention) {
	for k := 1; k < len(ms); k++ {
		m, p := &ms[k], &ms[k-1]
		if m.entry >= 0 || m.id != "" || m.typ == "place" || p.typ != "place" {
			continue
		}
		i := firstToken(toks, m.span.Start)
		last := firstToken(toks, m.span.End) - 1
		if i < 3 || last <= i || !venueWord[toks[last].Norm] && !buildingWord[toks[last].Norm] {
			continue
		}
		if toks[i-1].Norm == "s" && (toks[i-2].Norm == "'" || toks[i-2].Norm == "’") && toks[i-3].End == p.span.End {
			m.typ = "place"
		}
	}
}

// buildingWord ends a building's name only (not a ground's): with a
// place's possessive before it, the name is that place's building.
var buildingWord = map[string]bool{"auditorium": true, "theater": true, "theatre": true, "hotel": true, "museum": true}

// streetWord ends a street's name: "Main Street", "Fifth Avenue", "6th
// Avenue" (places).
var streetWord = map[string]bool{"street": true, "avenue": true, "boulevard": true, "road": true}

// streetName reads a street's name at i: capitalised words or an ordinal
// ("6th") before a capitalised street word, not opening a sentence's run
// of a longer name ("Main Street Capital" stays the rules' to read).
func streetName(text string, toks []token.Token, i int) (mention, int, bool) {
	t := &toks[i]
	if t.Arabic || i > 0 && toks[i-1].Kind == token.Word && toks[i-1].Upper && !toks[i-1].Arabic {
		return mention{}, 0, false
	}
	k := i
	switch {
	case t.Kind == token.Number && i+2 < len(toks) && !toks[i+1].Space && ordinalSuffix[toks[i+1].Norm]:
		k = i + 2 // "6th Avenue"
	case t.Kind == token.Word && t.Upper && !isStopCap(t.Norm):
		for k < len(toks) && k-i < 3 && toks[k].Kind == token.Word && toks[k].Upper && !toks[k].Arabic && !streetWord[toks[k].Norm] {
			k++
		}
	default:
		return mention{}, 0, false
	}
	if k == i || k >= len(toks) || !toks[k].Upper || !streetWord[toks[k].Norm] || toks[k].Break {
		return mention{}, 0, false
	}
	if k+1 < len(toks) && toks[k+1].Kind == token.Word && toks[k+1].Upper {
		return mention{}, 0, false
	}
	s := Span{t.Start, toks[k].End}
	return mention{span: s, typ: "place", name: text[s.Start:s.End], entry: -1}, k + 1, true
}

var ordinalSuffix = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}
