package analysis

import "annals/data/analysis/token"

// Kinds of English name that the unseen split dev6 showed missed, read as
// general mechanisms (tools/eval/testdata/README.md, dev6): a title "X of
// the Y" (the body is the name, not the title), a number word before a
// county, bodies named by their last noun ("Team", "Panel", "Unit"), two
// listed names joined by a hyphen ("India-Pakistan talks"), a
// double-barrelled family name after a role, and contexts of place and
// craft ("Name, 41, of X", "aboard the X").

// titleOfBody reads a run i..end-1 that opens with a title or role
// ("Speaker", "Inspector-General", "Deputy Commissioner") followed by "of":
// the title is no name. It returns where the body's name starts ("of the
// Senate": at "Senate"), or -1 when "of" has no article after it ("of
// Police", "of Foreign Affairs": a description, no name); ok is false when
// the run is no such title.
func titleOfBody(toks []token.Token, i, end int) (body int, ok bool) {
	k := i
	for k < end {
		t := &toks[k]
		if t.Kind != token.Word || !t.Upper || !(roleWords[t.Norm] || isTitle(t.Norm) || roleModifiers[t.Norm]) {
			break
		}
		k++
		if k+1 < end && toks[k].Norm == "-" && !toks[k].Space && !toks[k+1].Space {
			k += 2 // "Inspector-General", "Attorney-General"
		}
	}
	if k == i || k >= end || toks[k].Norm != "of" || toks[k].Upper {
		return 0, false
	}
	if k+2 < end && toks[k+1].Norm == "the" && !toks[k+1].Upper {
		return k + 2, true
	}
	return -1, true
}

// numberWords open no place's name: "Two Marwick County warrants".
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true,
}

// listedAfterHyphen reports whether the word after a listed place's hyphen
// at k is itself a listed name of a word or more ("India-Pakistan talks",
// "US-China trade"), not an acronym of a region ("Delhi-NCR"): then the two
// are two names, not one region's. The caller holds g's read lock.
func listedAfterHyphen(text string, toks []token.Token, k int, g *Gazetteer) bool {
	if k >= len(toks) || len(toks[k].Norm) < 2 {
		return false
	}
	m, ok := g.match(toks, k)
	if !ok || g.entries[m.entry].Type != "place" {
		return false
	}
	return len(toks[k].Norm) <= 2 || !allUpper(text, &toks[k]) // "US" yes, "NCR" no
}

// stateUnit reports whether token k is "State" ending a place's name, as
// Nigeria's and India's states are written ("Osun State", "Kelvra State
// governorship"): capitalised and no capitalised word after it ("Ohio State
// University" is a school's name, read by the organisation rules).
func stateUnit(toks []token.Token, k int) bool {
	t := &toks[k]
	return t.Norm == "state" && t.Upper && (k+1 >= len(toks) || !toks[k+1].Upper || toks[k+1].Break)
}

// countyBuildings end a building's name after a county's: "Marwick County
// Jail".
var countyBuildings = map[string]bool{"jail": true, "prison": true, "courthouse": true, "detention": true}

// countyBody reads the capitalised words after a county's name (k: the
// word after "County") that carry it on into a body's or a building's
// name: "Marwick County Board of Supervisors", "Marwick County Jail".
func countyBody(text string, toks []token.Token, i, k int) (mention, int, bool) {
	if k >= len(toks) || !toks[k].Upper || toks[k].Break || toks[k].Kind != token.Word {
		return mention{}, 0, false
	}
	end := capRun(toks, k)
	if end == k {
		return mention{}, 0, false
	}
	typ := ""
	switch last := toks[end-1].Norm; {
	case isOrgSuffix(last) || headJoined(toks, k, end) > k:
		typ = "organisation"
	case countyBuildings[last] || venueWord[last]:
		typ = "place"
	default:
		return mention{}, 0, false
	}
	sp := Span{toks[i].Start, toks[end-1].End}
	return mention{span: sp, typ: typ, name: text[sp.Start:sp.End], entry: -1}, end, true
}

// stateBefore come before a state's name ("the Osun State governorship",
// "in Kelvra State"); a team or school called "X State" mostly stands
// alone ("Penn State won").
var stateBefore = map[string]bool{"the": true, "in": true, "of": true, "from": true, "across": true}

// stateWords make a country's name of the run they stand in: "Democratic
// Republic of Congo", "United Arab Emirates", "Kingdom of Tarvo".
var stateWords = map[string]bool{"republic": true, "kingdom": true, "emirates": true, "principality": true, "sultanate": true}

// stateWordIn reports whether a state's word stands, capitalised, among
// tokens s..end-1.
func stateWordIn(toks []token.Token, s, end int) bool {
	for k := s; k < end; k++ {
		if toks[k].Upper && stateWords[toks[k].Norm] {
			return true
		}
	}
	return false
}

// ofObject reports whether the organisation ending at token k is the
// object of "of" ("Speaker of the Senate, Bukola Saraki,", "the chairman of
// Acme, Tarvik Ardanza, said"): the name after its comma is then the
// apposition of a title, not the next item of a list of organisations.
// orgStart marks the organisations' first tokens.
func ofObject(toks []token.Token, orgStart []bool, k int) bool {
	for k > 0 && !orgStart[k] {
		k--
	}
	if k > 0 && toks[k-1].Norm == "the" {
		k--
	}
	return k > 0 && toks[k-1].Norm == "of"
}

// typedOfObject is ofObject for docNames: when the organisation typed
// (typeAt, 2 for an organisation) at tokens ending at k is the object of
// "of", the index of that "of", else -1.
func typedOfObject(toks []token.Token, typeAt []int8, k int) int {
	if k < 0 || typeAt[k] != 2 {
		return -1
	}
	for k > 0 && typeAt[k-1] == 2 {
		k--
	}
	if k > 0 && toks[k-1].Norm == "the" {
		k--
	}
	if k > 0 && toks[k-1].Norm == "of" {
		return k - 1
	}
	return -1
}

// placeTeam reads a listed place (tokens i..k-1) carried on by one
// capitalised plural word that ends the run: a team's name, "Pittsburgh
// Steelers", "Kansas City Chiefs" (not "Cayman Islands", a place's feature,
// nor "New York Times", an organisation's word).
func placeTeam(text string, toks []token.Token, i, k int) (mention, int, bool) {
	if k >= len(toks) {
		return mention{}, 0, false
	}
	t := &toks[k]
	n := t.Norm
	if t.Kind != token.Word || !t.Upper || len(n) < 4 || n[len(n)-1] != 's' || n[len(n)-2] == 's' || n[len(n)-2] == 'u' ||
		geoFeature[n] || isOrgSuffix(n) || nextIsCapWord(toks, k+1) || allUpper(text, t) {
		return mention{}, 0, false
	}
	sp := Span{toks[i].Start, t.End}
	return mention{span: sp, typ: "organisation", name: text[sp.Start:sp.End], entry: -1}, k + 1, true
}

// scoreAt reports whether a set's or a game's score ("6-4", "7-6") stands
// at k, followed by another set or a tie-break ("6-4, 6-2", "7-6 (5)"): a
// tennis result, whose names are players.
func scoreAt(toks []token.Token, k int) bool {
	set := func(k int) bool {
		return k+2 < len(toks) && toks[k].Kind == token.Number && toks[k].Num <= 7 && toks[k+1].Norm == "-" &&
			!toks[k+1].Space && toks[k+2].Kind == token.Number && !toks[k+2].Space && toks[k+2].Num <= 7
	}
	if !set(k) {
		return false
	}
	k += 3
	return k < len(toks) && (toks[k].Norm == "(" || toks[k].Norm == "," && set(k+1))
}

// orgApposition, in ", a group that …", ", the nonprofit", say the name
// before the comma is a body's (orgCueNouns, which also open a name after
// them, say it too).
var orgApposition = map[string]bool{
	"group": true, "organization": true, "organisation": true, "agency": true, "nonprofit": true,
	"charity": true, "coalition": true, "union": true, "band": true, "club": true, "label": true,
	"studio": true, "party": true, "association": true, "foundation": true, "institute": true,
	"university": true, "bank": true, "airline": true, "regulator": true, "watchdog": true,
}
