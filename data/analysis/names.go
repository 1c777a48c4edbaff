package analysis

import (
	"bufio"
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"annals/assets"
	"annals/data/analysis/token"
	"annals/data/textnorm"
)

// givenName describes one folded given name of assets/given_names_ar.txt.
type givenName struct {
	ambiguous bool     // also a common word: needs a second name word or a cue
	yaFinal   bool     // written with a final ي (so a raw final ى is another word: على ≠ علي)
	seconds   []string // second words of two-word names («علاء الدين»)
	single    bool     // listed as a one-word name
}

var givenNames = loadGivenNames(assets.GivenNamesAr)

// givenNamesEn maps a folded English given name to whether it is also a
// word or a place ("will", "georgia"): such a name needs to be inside a
// sentence to count.
var givenNamesEn = loadGivenNamesEn(assets.GivenNamesEn)

func loadGivenNamesEn(b []byte) map[string]bool {
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		amb := strings.HasSuffix(line, "?")
		line = strings.TrimSpace(strings.TrimSuffix(line, "?"))
		out[textnorm.Fold(line)] = amb
	}
	return out
}

func loadGivenNames(b []byte) map[string]*givenName {
	out := map[string]*givenName{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		amb := false
		if strings.HasSuffix(line, "?") {
			amb = true
			line = strings.TrimSpace(strings.TrimSuffix(line, "?"))
		}
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		key := textnorm.Fold(words[0])
		g := out[key]
		if g == nil {
			g = &givenName{ambiguous: true}
			out[key] = g
		}
		if len(words) == 1 {
			g.single = true
			g.ambiguous = amb
			g.yaFinal = strings.HasSuffix(words[0], "ي")
		} else {
			g.seconds = append(g.seconds, textnorm.Fold(words[1]))
		}
	}
	return out
}

// nameChain are the words that join the parts of an Arabic name: «بن»,
// «ابن», «بنت», «أبو», «عبد».
var nameChain = map[string]bool{"بن": true, "ابن": true, "بنت": true, "ابو": true, "ابي": true, "ام": true, "عبد": true, "ال": true}

// givenAt reports whether token i (or the word left after an attached
// «و»/«ف»/«ب»/«ل») is a listed given name; it returns the name's entry, the
// byte offset where it starts and the token after it.
func givenAt(text string, toks []token.Token, i int) (*givenName, int, int, bool) {
	if i >= len(toks) || !toks[i].Arabic || toks[i].Kind != token.Word {
		return nil, 0, i, false
	}
	t := &toks[i]
	g, start, ok := token.FormOf(t, givenNames)
	if !ok {
		// «عبدالله», «عبدالرحمن» written as one word
		if strings.HasPrefix(t.Norm, "عبد") && utf8.RuneCountInString(t.Norm) >= 6 && strings.HasPrefix(t.Norm[len("عبد"):], "ال") {
			return &givenName{single: true}, t.Start, i + 1, true
		}
		return nil, 0, i, false
	}
	// a short name after a stripped «ب»/«ل»/«ك» is too often another word
	// («لجان» committees ≠ ل + جان)
	if start != t.Start && utf8.RuneCountInString(t.Norm)-utf8.RuneCountInString(text[start:t.End]) >= 0 {
		if p := t.Norm[:len(t.Norm)-len(textnorm.Fold(text[start:t.End]))]; strings.ContainsAny(p, "بلك") && utf8.RuneCountInString(textnorm.Fold(text[start:t.End])) < 4 {
			return nil, 0, i, false
		}
	}
	// «على» (on) folds to «علي»: the raw spelling tells them apart
	if g.yaFinal && strings.HasSuffix(text[t.Start:t.End], "ى") {
		return nil, 0, i, false
	}
	next := i + 1
	if len(g.seconds) > 0 && next < len(toks) {
		for _, s := range g.seconds {
			if toks[next].Norm == s {
				return &givenName{single: true}, start, next + 1, true
			}
		}
	}
	if !g.single {
		return nil, 0, i, false
	}
	return g, start, next, true
}

// nameWord reports whether token k can be a further part of a person's name
// (a family name): an Arabic word that is not a function word, a cue, a
// number, a verb in the future, or a definite noun with an attached
// preposition («بالشركة», «للسياسة»). A definite word («الأسد»,
// «الطاهري») is allowed when def is true.
func nameWord(toks []token.Token, k int, def bool) bool {
	if k >= len(toks) {
		return false
	}
	t := &toks[k]
	if t.Kind != token.Word || !t.Arabic || t.Break {
		return false
	}
	w := t.Norm
	if arStop[w] || arPersonCue[w] || arPersonHead[w] || arOrgNameCue[w] || arOrgPhraseCue[w] || arPlaceCue[w] || nonNameWords[w] {
		return false
	}
	n := utf8.RuneCountInString(w)
	if n < 2 {
		return false
	}
	if strings.HasPrefix(w, "ال") && !def {
		return false
	}
	for _, f := range t.Forms[1:] {
		if strings.HasPrefix(f.Text, "ال") && f.Text != w && !strings.HasPrefix(w, "كال") {
			return false // «والنفط», «بالشركة», «للسياسة» (but «كالاهان» is a name)
		}
	}
	if n >= 5 && (strings.HasPrefix(w, "سي") || strings.HasPrefix(w, "ست")) {
		return false // a future verb: «سيطلق»
	}
	return true
}

// nonNameWords are frequent words that follow a given name in running text
// without being part of it.
var nonNameWords = map[string]bool{
	"وقال": true, "قال": true, "قالت": true, "وقالت": true, "يقول": true, "تقول": true, "اكد": true, "اكدت": true,
	"اضاف": true, "اضافت": true, "ان": true, "انه": true, "انها": true, "الذي": true, "التي": true,
	"رئيس": true, "وزير": true, "نائب": true, "مدير": true, "عضو": true, "امين": true, "بان": true, "باسم": true,
	"عن": true, "علي": true, "لدي": true, "وهو": true, "وهي": true, "كان": true, "كانت": true, "وكان": true,
	"بعد": true, "قبل": true, "خلال": true, "منذ": true, "امام": true, "لقاء": true, "يوم": true, "عام": true,
	"بين": true, "حيث": true, "اذ": true, "او": true, "ام": true, "مع": true, "نفسه": true, "نفسها": true,
	// quantities and numbers
	"عدد": true, "عده": true, "جميع": true, "كل": true, "بعض": true, "اكثر": true, "اقل": true, "معظم": true,
	"واحد": true, "اثنين": true, "اثنان": true, "ثلاث": true, "ثلاثه": true, "اربع": true, "اربعه": true,
	"خمس": true, "خمسه": true, "ست": true, "سته": true, "سبع": true, "سبعه": true, "ثماني": true, "ثمانيه": true,
	"تسع": true, "تسعه": true, "عشر": true, "عشره": true, "مئه": true, "مائه": true, "الف": true, "مليون": true,
	"اول": true, "ثاني": true, "ثالث": true, "اخر": true, "اخري": true, "نحو": true, "حوالي": true,
	// pronouns, particles and other frequent non-names
	"انا": true, "انت": true, "نحن": true, "انتم": true, "اننا": true, "انني": true, "انني،": true, "لكنه": true,
	"رغم": true, "بسبب": true, "بشكل": true, "لان": true, "كي": true, "لكي": true, "حين": true, "عندما": true,
	"مثل": true, "مثلما": true, "سوي": true, "فيه": true, "فيها": true, "منه": true, "منها": true, "له": true,
	"لها": true, "هنا": true, "هناك": true, "نعم": true, "جدا": true, "ايضا": true, "وفي": true, "ومن": true,
	"الى": true, "اي": true, "بل": true, "قد": true, "لقد": true, "ليس": true, "ليست": true, "يكون": true,
	"تكون": true, "وقد": true, "فقد": true, "شخص": true, "اشخاص": true, "مواجهه": true, "مقابل": true, "مقابله": true,
}

// personByGivenName: «محمد البرادعي», «جورج بوش», «عبدالله بن زيد», «أبو
// أيوب المصري». A listed given name followed by one family name (or a chain
// «بن/أبو/عبد + name»); an unambiguous given name alone is a person only
// after a cue (handled by the caller).
func personByGivenName(text string, toks []token.Token, i int) (start, end, next int, ok bool) {
	k := i
	kunya := false
	if toks[i].Arabic && (toks[i].Has("ابو") || toks[i].Has("ام")) && toks[i].Norm != "ام" {
		kunya = true
		k = i + 1
	}
	g, s, n, ok := givenAt(text, toks, k)
	if !ok {
		if kunya && k < len(toks) && nameWord(toks, k, false) && !strings.HasPrefix(toks[k].Norm, "ال") {
			// «أبو مازن»: a kunya on a word that is not a listed name needs a cue
			return 0, 0, 0, false
		}
		return 0, 0, 0, false
	}
	if kunya {
		_, s, _ = token.FormOf(&toks[i], map[string]bool{"ابو": true, "ام": true})
	}
	parts := 1
	j := n
	for parts < 4 && j < len(toks) {
		t := &toks[j]
		if t.Kind != token.Word || !t.Arabic || t.Break {
			break
		}
		if nameChain[t.Norm] && j+1 < len(toks) && nameWord(toks, j+1, t.Norm == "عبد" || t.Norm == "ال") {
			j += 2
			parts++
			continue
		}
		if _, _, n2, ok := givenAt(text, toks, j); ok && !strings.HasPrefix(t.Norm, "و") {
			j = n2
			parts++
			continue
		}
		if parts == 1 && (!g.ambiguous || isFamilyNisba(t.Norm)) || isFamilyNisba(t.Norm) {
			if nameWord(toks, j, true) && !strings.HasPrefix(t.Norm, "و") && !verbLike(t.Norm) {
				j++
				parts++
				if !isFamilyNisba(t.Norm) && parts >= 2 {
					// one family name; a nisba may still follow («محمد حسن الطاهري»)
					if j < len(toks) && isFamilyNisba(toks[j].Norm) && nameWord(toks, j, true) {
						j++
					}
					break
				}
				continue
			}
		}
		break
	}
	if kunya {
		parts++ // «أبو أيوب», «أم كلثوم»: the kunya and a given name make a name
	}
	if parts < 2 {
		return 0, 0, 0, false
	}
	return s, toks[j-1].End, j, true
}

// isFamilyNisba: a definite relational adjective used as a family name
// («الطاهري», «الزرقاوي», «البرغوثي»).
func isFamilyNisba(w string) bool {
	return strings.HasPrefix(w, "ال") && (strings.HasSuffix(w, "ي") || strings.HasSuffix(w, "اوي")) && utf8.RuneCountInString(w) >= 5 && !arStop[w]
}

// familyNames returns, for the person names found by rules that have two
// words or more, their last word (folded) mapped to the mention: later (or
// earlier) mentions of that family name alone in the same text are the
// same person («خافيير سولانا» … «سولانا»).
func familyNames(text string, toks []token.Token, ms []mention, g *Gazetteer) map[string]mention {
	fam := map[string]mention{}
	ti := 0
	for _, m := range ms {
		if m.entry >= 0 || m.follow {
			continue
		}
		if m.typ == "organisation" {
			orgName(text, toks, m, fam)
			continue
		}
		if m.typ != "person" {
			continue
		}
		for ti < len(toks) && toks[ti].End <= m.span.Start {
			ti++
		}
		last := -1
		n := 0
		for k := ti; k < len(toks) && toks[k].Start < m.span.End; k++ {
			if toks[k].Kind == token.Word {
				last = k
				n++
			}
		}
		if n < 2 || last < 0 {
			continue
		}
		w := toks[last].Norm
		if !toks[last].Arabic {
			// "Arthur Mensch" … "Mensch said"
			if toks[last].Upper && len(w) >= 3 && !enStopCap[w] && !enTitles[w] && !enOrgSuffix[w] {
				if _, given := givenNamesEn[w]; !given {
					if _, ok := fam[w]; !ok {
						fam[w] = m
					}
				}
			}
			continue
		}
		if utf8.RuneCountInString(w) < 3 || arStop[w] || nonNameWords[w] || nameChain[w] || w == "الدين" {
			continue
		}
		if gn, ok := givenNames[w]; ok && gn.ambiguous {
			continue
		}
		if strings.HasPrefix(w, "ال") && (!isFamilyNisba(w) || nationalityNisba(w, g)) || verbLike(w) {
			continue
		}
		if _, ok := fam[w]; !ok {
			fam[w] = m
		}
	}
	if len(fam) == 0 {
		return fam
	}
	// drop the words the text also uses as common nouns or adjectives:
	// «التعديل» next to «تعديل», or a nisba agreeing with a definite noun
	// («اللاعب التشيكي», «الفريق الزوجي»)
	for k := range toks {
		t := &toks[k]
		if !t.Arabic || t.Kind != token.Word {
			continue
		}
		for _, f := range t.Forms {
			if !strings.HasPrefix(f.Text, "ال") {
				continue
			}
			if m, ok := fam[f.Text[len("ال"):]]; ok && m.typ == "person" {
				delete(fam, f.Text[len("ال"):])
			}
			if _, ok := fam[f.Text]; ok && k > 0 && toks[k-1].Arabic && strings.HasPrefix(toks[k-1].Norm, "ال") {
				if _, given := givenNames[toks[k-1].Norm]; !given {
					delete(fam, f.Text)
				}
			}
		}
	}
	return fam
}

// followMentions adds a mention for every token outside ms that is a
// family name of fam, as the same entity as the full name.
func followMentions(text string, toks []token.Token, ms []mention, fam map[string]mention) []mention {
	if len(fam) == 0 {
		return ms
	}
	covered := func(s, e int) bool {
		for _, m := range ms {
			if m.span.Start < e && s < m.span.End {
				return true
			}
		}
		return false
	}
	// an Arabic word the text uses outside names more than twice as often
	// as inside them is a common word that a name happened to end on
	// («… فإن», «… بشأن»), not a family name
	// (4-fold cross-validation on ANERcorp's training part: +0.5 F1; no
	// follow-up mentions at all: +0.0)
	inside, outside := map[string]int{}, map[string]int{}
	for k := range toks {
		t := &toks[k]
		if t.Kind != token.Word || !t.Arabic {
			continue
		}
		if _, start, ok := token.FormOf(t, fam); ok {
			key := textnorm.Fold(text[start:t.End])
			if covered(t.Start, t.End) {
				inside[key]++
			} else {
				outside[key]++
			}
		}
	}
	var add []mention
	for k := range toks {
		t := &toks[k]
		if t.Kind != token.Word {
			continue
		}
		if !t.Arabic {
			// a Latin family name alone, capitalised, not opening a sentence
			full, ok := fam[t.Norm]
			if !ok || !t.Upper || t.Break || k == 0 || strings.Contains(".!?\"“", toks[k-1].Norm) || covered(t.Start, t.End) {
				continue
			}
			add = append(add, mention{span: Span{t.Start, t.End}, id: full.id, typ: full.typ, name: text[t.Start:t.End], entry: -1, follow: true, full: full.name})
			continue
		}
		full, start, ok := token.FormOf(t, fam)
		if !ok {
			continue
		}
		if strings.HasSuffix(text[t.Start:t.End], "ى") && strings.HasSuffix(t.Norm, "ي") {
			continue
		}
		if covered(t.Start, t.End) {
			continue
		}
		if key := textnorm.Fold(text[start:t.End]); outside[key] > 2*inside[key] {
			continue
		}
		add = append(add, mention{span: Span{start, t.End}, id: full.id, typ: full.typ, name: text[start:t.End], entry: -1, follow: true, full: full.name})
	}
	if len(add) == 0 {
		return ms
	}
	ms = append(ms, add...)
	slices.SortStableFunc(ms, func(a, b mention) int { return a.span.Start - b.span.Start })
	return ms
}

// verbLike: an imperfect verb («يقوم», «يعتقد») rather than a name: an
// unlisted word of four letters or more starting with «ي».
func verbLike(w string) bool {
	if _, ok := givenNames[w]; ok {
		return false
	}
	return strings.HasPrefix(w, "ي") && utf8.RuneCountInString(w) >= 4
}

// nationalityNisba reports whether w is a relational adjective made from a
// known place («الفلسطيني» ← فلسطين, «الروسي» ← روسيا): a description, not
// a family name.
func nationalityNisba(w string, g *Gazetteer) bool {
	if !strings.HasPrefix(w, "ال") {
		return false
	}
	stem := strings.TrimPrefix(w, "ال")
	for _, suf := range []string{"يه", "يين", "يون", "ي"} {
		if strings.HasSuffix(stem, suf) {
			stem = strings.TrimSuffix(stem, suf)
			break
		}
	}
	if utf8.RuneCountInString(stem) < 2 {
		return false
	}
	for _, c := range []string{stem, stem + "ا", stem + "يا", stem + "ه", "ال" + stem, stem + "ان", stem + "ستان"} {
		if idx, ok := g.folded[c]; ok && g.entries[idx].Type == "place" {
			return true
		}
	}
	return false
}

// orgName records a one-word organisation name found by a cue («شركة
// انرون»): the same word alone later in the text is that organisation.
func orgName(text string, toks []token.Token, m mention, fam map[string]mention) {
	var words []*token.Token
	// from the first token that ends inside the mention: a walk from the
	// text's first token for every organisation was 2 % of analysis
	// (issue 19)
	first := sort.Search(len(toks), func(k int) bool { return toks[k].End > m.span.Start })
	for k := first; k < len(toks); k++ {
		if toks[k].Start >= m.span.End {
			break
		}
		if toks[k].End > m.span.Start && toks[k].Kind == token.Word {
			words = append(words, &toks[k])
		}
	}
	if len(words) != 1 || !words[0].Arabic {
		return
	}
	w := textnorm.Fold(text[m.span.Start:m.span.End])
	if utf8.RuneCountInString(w) < 4 || strings.HasPrefix(w, "ال") || arStop[w] || nonNameWords[w] || verbLike(w) {
		return
	}
	if _, ok := givenNames[w]; ok {
		return
	}
	if _, ok := fam[w]; !ok {
		fam[w] = m
	}
}
