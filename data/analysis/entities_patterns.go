package analysis

import (
	"slices"
	"strings"
	"unicode"

	"annals/data/analysis/token"
)

// Patterns for names that no list can hold: product and model codes
// ("B200", "MI300X", "Galaxy S24 Ultra", "Snapdragon 8 Gen 3", "M4 Pro")
// and people written with initials ("J. K. Rowling", "George R. R.
// Martin"). They read Latin tokens, so they work inside Arabic text too.

// modelSuffix are the words that continue a model's name after its code.
var modelSuffix = map[string]bool{
	"ultra": true, "pro": true, "max": true, "plus": true, "mini": true, "air": true, "lite": true,
	"super": true, "ti": true, "xl": true, "se": true, "turbo": true, "fold": true, "flip": true,
	"edge": true, "nano": true, "elite": true,
}

// notModelFamily are capitalised words that a number follows without
// making a product: "Article 5", "Chapter 11", "Section 230", "Route 66".
var notModelFamily = map[string]bool{
	"article": true, "section": true, "chapter": true, "page": true, "vol": true, "volume": true,
	"number": true, "no": true, "room": true, "route": true, "highway": true, "level": true,
	"phase": true, "stage": true, "round": true, "day": true, "week": true, "year": true, "act": true,
	"title": true, "grade": true, "class": true, "category": true, "type": true, "item": true,
	"figure": true, "table": true, "part": true, "episode": true, "season": true, "flight": true,
	"gate": true, "district": true, "zone": true, "ward": true, "lot": true, "unit": true, "top": true,
	"group": true, "game": true, "match": true, "under": true, "over": true, "about": true, "only": true,
	"some": true, "all": true, "nearly": true, "almost": true, "since": true, "until": true, "by": true,
	"to": true, "from": true, "for": true, "with": true, "than": true, "of": true, "after": true, "before": true,
}

// codeAt reads a model code starting at token i: capital letters (at most
// four) glued to digits, maybe more letters and digits glued on ("B200",
// "GB200", "MI300X", "H100", "S24", "M4"). Quarters and halves ("Q3",
// "H1"), fiscal years ("FY2024") and ordinals are not codes.
func codeAt(text string, toks []token.Token, i int) (int, bool) {
	if i+1 >= len(toks) {
		return 0, false
	}
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || len(t.Norm) > 4 || !allUpper(text, t) {
		return 0, false
	}
	n := &toks[i+1]
	if n.Kind != token.Number || n.Space {
		return 0, false
	}
	end := i + 2
	for end < len(toks) && !toks[end].Space && end-i < 5 &&
		(toks[end].Kind == token.Number || toks[end].Kind == token.Word && !toks[end].Arabic && len(toks[end].Norm) <= 3) {
		end++
	}
	code := strings.ToUpper(t.Norm)
	switch {
	case (code == "Q" && n.Num >= 1 && n.Num <= 4) || (code == "H" && (n.Num == 1 || n.Num == 2)) && end == i+2:
		return 0, false
	case code == "FY" || code == "CY" || code == "AD" || code == "BC":
		return 0, false
	}
	return end, true
}

// allUpper: the word as written is all capitals (the Norm is folded).
func allUpper(text string, t *token.Token) bool {
	return t.Upper && !strings.ContainsFunc(text[t.Start:t.End], unicode.IsLower)
}

// productCode finds a model name at token i: a code alone, a capitalised
// family word before it ("Galaxy S24", "Snapdragon 8 Gen 3", "Ryzen 9"),
// and the words that continue it ("Ultra", "Pro", "Gen 3").
func productCode(text string, toks []token.Token, i int) (mention, int, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic {
		return mention{}, 0, false
	}
	end, ok := codeAt(text, toks, i)
	if !ok && t.Upper && !isStopCap(t.Norm) && !notModelFamily[t.Norm] && !isTitle(t.Norm) && i+1 < len(toks) {
		// a family word: "Galaxy S24", "Snapdragon 8 Gen 3"
		if e, ok2 := codeAt(text, toks, i+1); ok2 && toks[i+1].Space {
			end, ok = e, true
		} else if n := &toks[i+1]; n.Kind == token.Number && n.Space && n.Digits <= 3 && i+2 < len(toks) && toks[i+2].Kind == token.Word && toks[i+2].Norm == "gen" {
			end, ok = i+2, true // "Snapdragon 8 Gen 3": only with "Gen", a bare number is too common
		}
	}
	if !ok {
		return familyProduct(text, toks, i)
	}
	for end < len(toks) && toks[end].Kind == token.Word && !toks[end].Arabic && toks[end].Space {
		w := toks[end].Norm
		if w == "gen" && end+1 < len(toks) && toks[end+1].Kind == token.Number {
			end += 2
			continue
		}
		if modelSuffix[w] && toks[end].Upper {
			end++
			continue
		}
		break
	}
	s := Span{t.Start, toks[end-1].End}
	return mention{span: s, typ: "product", name: text[s.Start:s.End], entry: -1}, end, true
}

// initialsPerson finds a name written with initials: "J. K. Rowling",
// "George R. R. Martin", "J.D. Vance": capitalised words where at least one
// is a single letter followed by a full stop, ending on a word of two
// letters or more that is not an organisation's ("U.S. Army" is no one).
func initialsPerson(text string, toks []token.Token, i int) (mention, int, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || !t.Upper || isStopCap(t.Norm) || isTitle(t.Norm) {
		return mention{}, 0, false
	}
	k, initials, words := i, 0, 0
	for k < len(toks) && k-i < 10 {
		w := &toks[k]
		if w.Kind != token.Word || w.Arabic || !w.Upper {
			break
		}
		if len(w.Norm) == 1 && k > 0 && !w.Space && toks[k-1].Kind == token.Number {
			break // "4K.": a number's unit, no initial
		}
		if len(w.Norm) == 1 && k+1 < len(toks) && toks[k+1].Norm == "." {
			initials++
			k += 2
			continue
		}
		if len(w.Norm) == 1 || adminUnit[w.Norm] {
			break // ("W. County Road 600S": a road, no one's name)
		}
		words++
		k++
		if initials > 0 {
			break // the family name after the initials ends it
		}
	}
	if initials == 0 || words == 0 || initials > 3 {
		return mention{}, 0, false
	}
	if placeInitials(toks, i) {
		// "U.S. Securities and Exchange Commission", "U.N. Security
		// Council": a country's initials, not a person's
		return mention{}, 0, false
	}
	// one given name before the initials: "Brigadier General Ross G. Hoyt"
	// is Ross G. Hoyt (the words before are read again from the next token)
	first := i
	for j := i; j < k; j++ {
		if len(toks[j].Norm) == 1 && j+1 < k && toks[j+1].Norm == "." {
			break
		}
		first = j
	}
	if first > i {
		return mention{}, 0, false
	}
	last := &toks[k-1]
	if len(last.Norm) < 2 || isOrgSuffix(last.Norm) || isStopCap(last.Norm) || last.Norm == "s" || isDocSkip(last.Norm) {
		// "… the Xbox One X. So it goes": a sentence's first word after a letter ending one
		return mention{}, 0, false
	}
	if k < len(toks) && toks[k].Kind == token.Word && toks[k].Upper && !toks[k].Break && (isOrgSuffix(toks[k].Norm) || geoFeature[toks[k].Norm]) {
		return mention{}, 0, false // "W. M. Keck Observatory": the initials open a longer name
	}
	s := Span{t.Start, last.End}
	return mention{span: s, typ: "person", name: text[s.Start:s.End], entry: -1}, k, true
}

// givenNamePerson finds "Arthur Mensch", "Mary Ann Evans": a listed English
// given name (an ambiguous one not as a sentence's first word) followed by
// one or two capitalised words that are not a title, a month, a known name
// of something else or an organisation's last word.
func givenNamePerson(text string, toks []token.Token, i int, sentStart []bool, g *Gazetteer) (mention, int, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || !t.Upper {
		return mention{}, 0, false
	}
	amb, ok := givenNamesEn[t.Norm]
	if !ok || amb && (sentStart[i] || i == 0 || toks[i].Break) || compassPoint[t.Norm] {
		return mention{}, 0, false // "North America" is no one
	}
	k, glued := i+1, 0 // glued: tokens of split words past their first
	for k < len(toks) && k-glued-i <= 3 {
		w := &toks[k]
		if n := nameJoin(toks, k); n > 0 {
			k, glued = k+n, glued+n-1 // "Sean O’Brien", "Abdel Fattah al-Sisi": one word each
			continue
		}
		if innerParticle(toks, k) {
			k, glued = k+1, glued+1 // "Dorothea von Schlegel"
			continue
		}
		if w.Kind != token.Word || w.Arabic || !w.Upper || isStopCap(w.Norm) || w.Break {
			break
		}
		if adminUnit[w.Norm] {
			// "Bartholomew County Sheriff’s Department": a county's name,
			// read by adminPlace
			return mention{}, 0, false
		}
		if isTitle(w.Norm) {
			// "Kevin King": a family name that is also a title, when no
			// name follows it ("Prince Harry" is the title's)
			if k == i+1 && !nextIsCapWord(toks, k+1) {
				k++
			}
			break
		}
		if len(w.Norm) == 1 && k+1 < len(toks) && toks[k+1].Norm == "." {
			k += 2 // a middle initial
			continue
		}
		k++
	}
	if k == i+1 || k-glued-i > 4 {
		return mention{}, 0, false
	}
	last := &toks[k-1]
	if len(last.Norm) < 2 || isOrgSuffix(last.Norm) || adminUnit[last.Norm] || last.Norm == "." {
		return mention{}, 0, false // "Marin County" is a place
	}
	if k < len(toks) && toks[k].Kind == token.Word && toks[k].Upper && isOrgSuffix(toks[k].Norm) {
		return mention{}, 0, false // "Bill Gates Foundation": the organisation rule reads it
	}
	s := Span{t.Start, last.End}
	return mention{span: s, typ: "person", name: text[s.Start:s.End], entry: -1}, k, true
}

// notOrgAcronym are capitalised abbreviations that name no organisation.
var notOrgAcronym = map[string]bool{
	"ceo": true, "cfo": true, "cto": true, "coo": true, "gdp": true, "tv": true, "pc": true, "usa": true,
	"ok": true, "dna": true, "rna": true, "hiv": true, "aids": true, "faq": true, "pdf": true, "usb": true,
	"api": true, "gpu": true, "cpu": true, "npu": true, "tpu": true, "ipo": true, "etf": true, "llm": true,
	"agi": true, "ii": true, "iii": true, "iv": true, "vi": true, "vii": true, "viii": true, "ix": true,
	"xi": true, "xii": true, "xiv": true, "xv": true, "xx": true, "pm": true, "am": true, "bc": true, "ad": true,
	"usd": true, "eur": true, "gbp": true, "cny": true, "kg": true, "km": true, "mph": true, "gps": true,
	"sms": true, "url": true, "www": true, "html": true, "http": true, "https": true, "vpn": true, "ram": true,
	"ssd": true, "led": true, "lcd": true, "ceos": true, "phd": true, "mba": true, "vip": true, "diy": true,
	"rip": true, "asap": true, "fyi": true, "lol": true, "omg": true, "mvp": true, "ufo": true, "suv": true,
	"ev": true, "evs": true, "iot": true, "vr": true, "ar": true, "ai": true, "ml": true, "rpm": true,
}

// acronymOrg reads an all-capital word of three to six letters ("NASA",
// "NCAA", "BCIT") as an organisation: the abbreviations that are not one
// (units, currencies, "CEO", "GDP", roman numerals) are listed above.
func acronymOrg(text string, toks []token.Token, i int) (mention, int, bool) {
	t := &toks[i]
	// (!t.Upper, which allUpper implies, before the lists: most words are
	// in lower case)
	if t.Kind != token.Word || t.Arabic || len(t.Norm) < 3 || len(t.Norm) > 6 || !t.Upper || notOrgAcronym[t.Norm] || isDocSkip(t.Norm) || isStopCap(t.Norm) || !allUpper(text, t) {
		return mention{}, 0, false
	}
	if i+1 < len(toks) && !toks[i+1].Space && (toks[i+1].Kind == token.Number || toks[i+1].Kind == token.Word) {
		return mention{}, 0, false // part of a code or a longer word
	}
	if i > 0 && !t.Space && toks[i-1].Kind != token.Punct {
		return mention{}, 0, false
	}
	s := Span{t.Start, t.End}
	return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, i + 1, true
}

// placeInitials reports whether the initials at token i spell a place
// ("U.S.", "U.K.", "U.N.", "E.U."): such a run names no person.
func placeInitials(toks []token.Token, i int) bool {
	var b strings.Builder
	for k := i; k+1 < len(toks) && len(toks[k].Norm) == 1 && toks[k].Upper && toks[k+1].Norm == "."; k += 2 {
		b.WriteString(toks[k].Norm)
	}
	switch b.String() {
	case "us", "uk", "un", "eu", "uae", "dc", "ussr":
		return true
	}
	return false
}

func nextIsCapWord(toks []token.Token, k int) bool {
	return k < len(toks) && toks[k].Kind == token.Word && !toks[k].Arabic && toks[k].Upper && toks[k].Space
}

// ampersandOrg reads capitals joined by "&" as an organisation: "AT&T",
// "PG&E", "P&G", "S&P" (written without spaces).
func ampersandOrg(text string, toks []token.Token, i int) (mention, int, bool) {
	if i+2 >= len(toks) || !allCapsWord(text, &toks[i]) || len(toks[i].Norm) > 4 {
		return mention{}, 0, false
	}
	amp, r := &toks[i+1], &toks[i+2]
	if amp.Norm != "&" || amp.Space || r.Space || !allCapsWord(text, r) || len(r.Norm) > 4 {
		return mention{}, 0, false
	}
	if i+3 < len(toks) && !toks[i+3].Space && toks[i+3].Kind != token.Punct {
		return mention{}, 0, false
	}
	s := Span{toks[i].Start, r.End}
	return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, i + 3, true
}

func allCapsWord(text string, t *token.Token) bool {
	return t.Kind == token.Word && !t.Arabic && allUpper(text, t)
}

// camelPrefix are the starts of family names written with a capital inside
// ("McDonald", "DeSantis", "LeBron", "MacArthur"): no company.
var camelPrefix = []string{"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz", "Al", "El", "Ben", "Abu"}

// camelCaseOrg reads one capitalised word with a capital inside ("WeWork",
// "MarketAxess", "SoftBank", "DigiTimes") as an organisation: English
// words are not written so, brand names are.
func camelCaseOrg(text string, toks []token.Token, i int) (mention, int, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || !t.Upper || len(t.Norm) < 4 {
		return mention{}, 0, false
	}
	w := text[t.Start:t.End]
	inner, prev := -1, rune(0)
	for k, r := range w {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			inner = k
			break
		}
		prev = r
	}
	if inner < 0 {
		return mention{}, 0, false
	}
	for _, p := range camelPrefix {
		if w[:inner] == p {
			return mention{}, 0, false
		}
	}
	if i+1 < len(toks) && !toks[i+1].Space && toks[i+1].Kind != token.Punct {
		return mention{}, 0, false
	}
	s := Span{t.Start, t.End}
	return mention{span: s, typ: "organisation", name: w, entry: -1}, i + 1, true
}

// adminUnit are the words after a place's name that make it a county or a
// province: "Napa County", "Zabul province".
var adminUnit = map[string]bool{"county": true, "province": true, "prefecture": true, "parish": true, "governorate": true}

// adminUnits are their plurals, after two names: "Orange and Riverside
// counties" are the places Orange and Riverside.
var adminUnits = map[string]bool{"counties": true, "provinces": true, "prefectures": true, "parishes": true, "governorates": true}

// adminPlace reads capitalised words followed by "County" or "province" as
// a place ("Marin County", "Zabul province", "Orange County").
func adminPlace(text string, toks []token.Token, i int, sentStart []bool) (mention, int, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || !t.Upper || isStopCap(t.Norm) || adminUnit[t.Norm] || numberWords[t.Norm] {
		// ("Two Marwick County warrants": the place starts after the number)
		return mention{}, 0, false
	}
	end := i
	for end < len(toks) && end-i < 3 && toks[end].Kind == token.Word && !toks[end].Arabic && toks[end].Upper && !adminUnit[toks[end].Norm] && !stateUnit(toks, end) && (end == i || !toks[end].Break) {
		end++
	}
	if end < len(toks) && end > i && (toks[end].Norm == "and" || adminUnits[toks[end].Norm]) {
		// "Orange and Riverside counties": each name is a place
		j := end
		if toks[j].Norm == "and" {
			j++
			for j < len(toks) && j-end < 4 && toks[j].Kind == token.Word && !toks[j].Arabic && toks[j].Upper {
				j++
			}
		}
		if j < len(toks) && j > end && adminUnits[toks[j].Norm] || j == end {
			if j == end && !adminUnits[toks[end].Norm] {
				return mention{}, 0, false
			}
			s := Span{t.Start, toks[end-1].End}
			return mention{span: s, typ: "place", name: text[s.Start:s.End], entry: -1}, end, true
		}
		return mention{}, 0, false
	}
	if end >= len(toks) || !adminUnit[toks[end].Norm] && (!stateUnit(toks, end) || end == i || demonymLike(toks[end-1].Norm, 1) || isDocSkip(t.Norm) || i == 0 || !stateBefore[toks[i-1].Norm]) || toks[end].Kind != token.Word || toks[end].Break {
		return mention{}, 0, false
	}
	if (sentStart[i] || t.Break) && end-i > 1 {
		// "One Napa County reporting station": the sentence's first word
		// is read again from the next one
		return mention{}, 0, false
	}
	s := Span{t.Start, toks[end].End}
	if !toks[end].Upper {
		s.End = toks[end-1].End // "Logar province" is Logar: a lower-case word names nothing
	} else if om, next, ok := possessiveOrgFrom(text, toks, i, end+1); ok {
		// "Marwick County Sheriff’s Department": the county opens the office's name
		return om, next, true
	} else if m, next, ok := countyBody(text, toks, i, end+1); ok {
		return m, next, true
	}
	return mention{span: s, typ: "place", name: text[s.Start:s.End], entry: -1}, end + 1, true
}

// creditWords introduce a picture's source: "Image credit: Getty",
// "(Photo: Reuters)".
var creditWords = map[string]bool{"credit": true, "credits": true, "photo": true, "photograph": true, "image": true, "courtesy": true, "source": true}

// creditOrg reads the capitalised words after "credit:" as an
// organisation (a picture agency, a magazine).
func creditOrg(text string, toks []token.Token, i int) (mention, int, bool) {
	if i < 2 || toks[i-1].Norm != ":" || !creditWords[toks[i-2].Norm] {
		return mention{}, 0, false
	}
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || !t.Upper {
		return mention{}, 0, false
	}
	end := i
	for end < len(toks) && end-i < 5 && toks[end].Kind == token.Word && !toks[end].Arabic && toks[end].Upper && (end == i || !toks[end].Break) {
		end++
	}
	s := Span{t.Start, toks[end-1].End}
	return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, end, true
}

// orgCueNouns, written just before a name, say it is an organisation's:
// "to companies Astrobotic, Intuitive Machines and Orbit Beyond", "the
// chipmaker Arm".
var orgCueNouns = map[string]bool{
	"company": true, "companies": true, "firm": true, "firms": true, "startup": true, "startups": true,
	"chipmaker": true, "chipmakers": true, "automaker": true, "automakers": true, "carmaker": true, "carmakers": true,
	"retailer": true, "retailers": true, "lender": true, "lenders": true, "insurer": true, "insurers": true,
	"broadcaster": true, "broadcasters": true, "conglomerate": true, "manufacturer": true, "manufacturers": true,
	"maker": true, "makers": true,
	// a source's kind: "the journal Nature Astronomy", "the newspaper X"
	"journal": true, "journals": true, "newspaper": true, "newspapers": true, "magazine": true, "magazines": true,
	"network": true, "outlet": true, "outlets": true, "website": true, "publisher": true,
}

// cuedOrg reads a capitalised run as an organisation when a cue noun
// stands before it, or before the list it belongs to ("companies A, B and
// C").
func cuedOrg(text string, toks []token.Token, i int) (mention, int, bool) {
	t := &toks[i]
	if t.Kind != token.Word || t.Arabic || !t.Upper || isStopCap(t.Norm) || isTitle(t.Norm) || t.Break {
		return mention{}, 0, false
	}
	if _, given := givenNamesEn[t.Norm]; given {
		return mention{}, 0, false
	}
	if !orgCueBefore(toks, i) {
		return mention{}, 0, false
	}
	end := capRun(toks, i)
	if end == i || end-i > 5 {
		return mention{}, 0, false
	}
	// "A and B": the list goes on, each a name of its own
	for j := i + 1; j < end; j++ {
		if toks[j].Norm == "and" {
			end = j
			break
		}
	}
	s := Span{t.Start, toks[end-1].End}
	return mention{span: s, typ: "organisation", name: text[s.Start:s.End], entry: -1}, end, true
}

// orgCueBefore walks back from token i over a list of capitalised names
// ("A, B and") to a cue noun; a plural cue heads a list, a singular one
// only the name right after it.
func orgCueBefore(toks []token.Token, i int) bool {
	k := i - 1
	for items := 0; k >= 0 && items < 6; items++ {
		w := &toks[k]
		if w.Kind == token.Word && !w.Arabic && !w.Upper && orgCueNouns[w.Norm] {
			return items == 0 || strings.HasSuffix(w.Norm, "s")
		}
		if w.Norm != "," && w.Norm != "and" {
			return false
		}
		k--
		if k >= 0 && toks[k].Norm == "," {
			k-- // ", and"
		}
		// the name before the separator
		n := 0
		for k >= 0 && n < 5 && (toks[k].Kind == token.Word && !toks[k].Arabic && toks[k].Upper || toks[k].Norm == "-" || toks[k].Norm == "&") {
			k--
			n++
		}
		if n == 0 {
			return false
		}
	}
	return false
}

// productAdjective may stand between an organisation's possessive and its
// product's name: "Ford's new Bronco", "NASA's upcoming Europa Clipper".
var productAdjective = map[string]bool{
	"new": true, "latest": true, "upcoming": true, "next": true, "flagship": true, "planned": true,
	"forthcoming": true, "popular": true, "redesigned": true, "own": true, "first": true, "newest": true,
}

// contextMentions reads English names that only their neighbours type:
// a capitalised name after an organisation's possessive is its product
// ("SpaceX's Starship", "Blue Origin's Blue Moon"), and a name in a list
// beside an organisation is one ("SpaceX, Blue Origin, Sierra Nevada
// Corp.", "AT&T, Comcast/Xfinity, T-Mobile and others"). ms are in text
// order, and so is the result.
func contextMentions(text string, toks []token.Token, ms []mention, sentStart []bool) []mention {
	if len(ms) == 0 {
		return ms
	}
	covered := make([]bool, len(toks))
	// an organisation's first and last tokens; one more than the tokens,
	// as the lists read orgStart just past a separator that ends the text
	orgStart := make([]bool, len(toks)+1)
	orgEnd := make([]bool, len(toks)+1)
	mark := func(m mention) {
		ts := firstToken(toks, m.span.Start)
		te := ts
		for te < len(toks) && toks[te].Start < m.span.End {
			covered[te] = true
			te++
		}
		if m.typ == "organisation" && te > ts {
			orgStart[ts], orgEnd[te-1] = true, true
		}
	}
	for _, m := range ms {
		mark(m)
	}
	free := func(k int) bool {
		if k < 0 || k >= len(toks) || covered[k] || sentStart[k] {
			return false
		}
		t := &toks[k]
		if t.Kind != token.Word || t.Arabic || !t.Upper || isStopCap(t.Norm) || isTitle(t.Norm) || t.Break {
			return false
		}
		_, given := givenNamesEn[t.Norm]
		return !given && !isOrgSuffix(t.Norm) // ", Inc." ends the name before it
	}
	// the end of the capitalised run from k over uncovered tokens
	runEnd := func(k int) int {
		end := capRun(toks, k)
		for j := k; j < end; j++ {
			if covered[j] {
				return j
			}
		}
		return end
	}
	sep := func(k int) bool {
		return k >= 0 && k < len(toks) && (toks[k].Norm == "," || toks[k].Norm == "/" || toks[k].Norm == "and")
	}
	var added []mention
	add := func(i, end int, typ string) {
		sp := Span{toks[i].Start, toks[end-1].End}
		m := mention{span: sp, typ: typ, name: text[sp.Start:sp.End], entry: -1}
		added = append(added, m)
		mark(m)
	}
	// lists: twice, so that a name passes its type on along the list
	for pass := 0; pass < 2; pass++ {
		for i := range toks {
			if !toks[i].Upper || !free(i) { // (free wants a capital: most words have none)
				continue
			}
			end := runEnd(i)
			if end == i || end-i > 4 {
				continue
			}
			// an organisation ends at k, or at k-1 before its abbreviation's
			// period ("Tavira Corp. and Hexlight")
			orgBefore := func(k int) bool {
				return k >= 0 && (orgEnd[k] || toks[k].Norm == "." && k > 0 && orgEnd[k-1])
			}
			left := sep(i-1) && (orgBefore(i-2) && !ofObject(toks, orgStart, i-2) || toks[i-1].Norm == "and" && i >= 2 && toks[i-2].Norm == "," && orgBefore(i-3))
			after := end >= len(toks) || sep(end) || toks[end].Norm == "." || toks[end].Norm == ";" || toks[end].Norm == ")"
			right := sep(end) && (orgStart[end+1] || toks[end].Norm == "," && end+2 < len(toks) && toks[end+1].Norm == "and" && orgStart[end+2])
			before := i == 0 || !(toks[i-1].Kind == token.Word && toks[i-1].Upper)
			if left && after || right && before {
				add(i, end, "organisation")
			}
		}
	}
	// a name the lists made an organisation is one wherever else it stands
	// ("Blue Origin's Blue Moon" before "SpaceX, Blue Origin, …")
	for _, m := range slices.Clone(added) {
		ts := firstToken(toks, m.span.Start)
		te := ts
		for te < len(toks) && toks[te].Start < m.span.End {
			te++
		}
		n := te - ts
		for i := 0; i+n <= len(toks); i++ {
			if covered[i] || !toks[i].Upper {
				continue
			}
			same := true
			for j := 0; j < n && same; j++ {
				same = !covered[i+j] && toks[i+j].Norm == toks[ts+j].Norm
			}
			if same {
				add(i, i+n, "organisation")
			}
		}
	}
	// then an organisation's possessive: "SpaceX's Starship"
	for k := range toks {
		if !orgEnd[k] || k+3 >= len(toks) || (toks[k+1].Norm != "'" && toks[k+1].Norm != "’") || toks[k+2].Norm != "s" {
			continue
		}
		at := k + 3
		if productAdjective[toks[at].Norm] && !toks[at].Upper && at+1 < len(toks) {
			at++ // "NASA's upcoming Europa Clipper", "Ford's new Bronco"
		}
		if !free(at) {
			continue
		}
		if end := runEnd(at); end > at && end-at <= 3 && !(end < len(toks) && toks[end].Norm == "of") {
			// "the Hall of Fame's Class of 2020": a thing "of" something
			// is its part or its year, no product
			add(at, end, "product")
		}
	}
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	slices.SortStableFunc(ms, func(a, b mention) int { return a.span.Start - b.span.Start })
	return ms
}

// twoNameWords reports whether tokens k and k+1 are two capitalised words
// and k+2 is none: a lower-case title before them ("vice-premier Liu He",
// "the spokesman Tariq Osmani") names a person of two words.
func twoNameWords(toks []token.Token, k int) bool {
	for j := k; j < k+2; j++ {
		if j >= len(toks) || toks[j].Kind != token.Word || toks[j].Arabic || !toks[j].Upper || !toks[j].Space || isTitle(toks[j].Norm) {
			return false
		}
		// a family name may be a pronoun's letters ("Liu He"), not a date's
		if isStopCap(toks[j].Norm) && (j == k || enDayMonth[toks[j].Norm] || len(toks[j].Norm) > 3) {
			return false
		}
	}
	return k+2 >= len(toks) || !(toks[k+2].Kind == token.Word && toks[k+2].Upper)
}

var enDayMonth = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"may": true, "june": true, "july": true, "march": true, "april": true,
}
