package analysis

import "annals/data/analysis/token"

// English places the gazetteer knows only a piece of: the outermost name
// is the place ("the Sierra Nevada", "the San Francisco Bay Area", "the
// Kabul River"), and named places of kinds no list holds ("Silicon
// Valley", "Mars").

// geoFeature are the words that end a place's name: "Bay Area", "Valley",
// "River", "Peninsula".
var geoFeature = map[string]bool{
	"area": true, "valley": true, "river": true, "mountains": true, "mountain": true, "mount": true,
	"desert": true, "strip": true, "peninsula": true, "coast": true, "island": true, "islands": true,
	"lake": true, "sea": true, "ocean": true, "basin": true, "range": true, "plateau": true, "delta": true,
	"gulf": true, "canyon": true, "strait": true, "straits": true, "bay": true, "heights": true,
	"highlands": true, "plains": true, "hills": true, "forest": true, "glacier": true, "reservoir": true,
}

// celestial are the planets and moons written with a capital (the gold and
// CoNLL count them as places).
var celestial = map[string]bool{
	"mercury": true, "venus": true, "mars": true, "jupiter": true, "saturn": true, "uranus": true,
	"neptune": true, "pluto": true, "moon": true, "europa": true, "titan": true, "ganymede": true,
	"enceladus": true, "callisto": true, "phobos": true, "earth": true,
}

// widenPlace widens a listed English place's match over the capitalised
// words around it that belong to the same name: a feature word after it
// ("Bay Area", "River"), and one capitalised word before it that is no
// title, given name, nationality or sentence's first word ("Sierra
// Nevada"). last is the end of the mention before it.
func widenPlace(text string, toks []token.Token, i int, m gazMatch, sentStart []bool, last int) gazMatch {
	k := m.next
	for j := k; j < len(toks) && j < k+2; j++ {
		t := &toks[j]
		if t.Kind != token.Word || t.Arabic || !t.Upper || !t.Space || t.Break {
			break
		}
		if geoFeature[t.Norm] {
			m.end, m.next = t.End, j+1 // "Bay", then "Bay Area"
		}
	}
	if m.start != toks[i].Start || i == 0 || !toks[i].Space || toks[i].Break {
		return m
	}
	p := &toks[i-1]
	if p.Kind != token.Word || p.Arabic || !p.Upper || sentStart[i-1] || p.Start < last || len(p.Norm) < 3 ||
		isStopCap(p.Norm) || isTitle(p.Norm) || isDocSkip(p.Norm) || isOrgSuffix(p.Norm) || compassWord[p.Norm] ||
		demonymLike(p.Norm, 1) || allUpper(text, p) || geoFeature[p.Norm] || adminUnit[p.Norm] {
		return m
	}
	if _, given := givenNamesEn[p.Norm]; given {
		return m
	}
	if i >= 2 && (toks[i-2].Kind == token.Word && toks[i-2].Upper || toks[i-2].Norm == "." || toks[i-2].Norm == "'" || toks[i-2].Norm == "’") {
		return m // a longer capitalised run, or "Gov. X": not one place's name
	}
	m.start = p.Start
	return m
}

// lastEnd is where the last mention of ms ends (0 for none).
func lastEnd(ms []mention) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].span.End
}
