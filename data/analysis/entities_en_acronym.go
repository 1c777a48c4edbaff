package analysis

import "annals/data/analysis/token"

// acronymNames finds "Long Name (LN)": capitalised words right before an
// acronym in brackets whose letters are their initials ("Securities and
// Exchange Commission (SEC)", "Department of Energy (DOE)", "Volatiles
// Investigating Polar Exploration Rover (VIPER)"). The words are one name
// however common they are, of the type of its last word (a product noun, a
// feature of places) or an organisation's. covered marks the tokens of the
// names found so far; the long names found are marked too.
func acronymNames(text string, toks []token.Token, covered []bool) []mention {
	var out []mention
	for p := 1; p+2 < len(toks); p++ {
		if toks[p].Norm != "(" || toks[p+2].Norm != ")" {
			continue
		}
		a := &toks[p+1]
		// a plural ("Intensive Care Units (ICUs)") names a kind of thing
		if a.Kind != token.Word || a.Arabic || !allUpper(text, a) {
			continue
		}
		acr := a.Norm
		if len(acr) < 2 || len(acr) > 8 {
			continue
		}
		// the capitalised words and connectors before the bracket
		s := p
		for s > 0 && p-s < 12 {
			t := &toks[s-1]
			if t.Kind == token.Word && !t.Arabic && (t.Upper || (t.Norm == "of" || t.Norm == "and" || t.Norm == "for" || t.Norm == "the" || t.Norm == "on") && s < p) {
				s--
				continue
			}
			break
		}
		start := -1
		for k := s; k < p; k++ {
			if toks[k].Upper && initialsMatch(toks[k:p], acr) {
				start = k
				break
			}
		}
		if start < 0 || p-start < 2 {
			continue
		}
		free := true
		for k := start; k < p; k++ {
			free = free && !covered[k]
		}
		if !free {
			continue
		}
		typ := "organisation"
		switch last := toks[p-1].Norm; {
		case productNouns[last]:
			typ = "product"
		case geoFeature[last] || adminUnit[last] || stateWordIn(toks, start, p):
			typ = "place" // ("Democratic Republic of Congo (DRC)": a country)
		}
		sp := Span{toks[start].Start, toks[p-1].End}
		out = append(out, mention{span: sp, typ: typ, name: text[sp.Start:sp.End], entry: -1})
		for k := start; k < p; k++ {
			covered[k] = true
		}
	}
	return out
}

// initialsMatch reports whether the words' initials spell acr, the
// lower-case connectors ("of", "and") counting or not.
func initialsMatch(ws []token.Token, acr string) bool {
	if len(ws) == 0 {
		return acr == ""
	}
	w := &ws[0]
	if !w.Upper {
		// a connector: its initial may be in the acronym or not
		if acr != "" && w.Norm[0] == acr[0] && initialsMatch(ws[1:], acr[1:]) {
			return true
		}
		return initialsMatch(ws[1:], acr)
	}
	return acr != "" && w.Norm[0] == acr[0] && initialsMatch(ws[1:], acr[1:])
}
