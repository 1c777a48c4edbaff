package analysis

import (
	"bufio"
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"annals/assets"
	"annals/data/analysis/token"
	"annals/data/textnorm"
)

// Arabic writes a subject pronoun into its verb: «وأضاف أن…» is "and he
// added that…", «وقالت إن…» "and she (or it) said…". The one who speaks is
// the person or the body named before, of the verb's gender.

// arSpeechVerbs are verbs of saying and doing news tells with an implied
// subject, each with whether it is feminine (the ـت of «قالت»).
var arSpeechVerbs = map[string]bool{
	"قال": false, "اضاف": false, "اكد": false, "اعلن": false, "اوضح": false, "اشار": false, "تابع": false,
	"اعتبر": false, "شدد": false, "لفت": false, "ذكر": false, "صرح": false, "اعرب": false, "دعا": false,
	"حذر": false, "نفي": false, "استطرد": false, "اعترف": false, "ختم": false, "طالب": false, "وصف": false,
	"رفض": false, "قرر": false, "زار": false, "التقي": false, "استقبل": false, "غادر": false, "افتتح": false,
	"ترأس": false, "كشف": false, "اطلق": false, "وقع": false, "يقول": false, "يري": false, "يضيف": false, "يؤكد": false,
	"قالت": true, "اضافت": true, "اكدت": true, "اعلنت": true, "اوضحت": true, "اشارت": true, "تابعت": true,
	"اعتبرت": true, "شددت": true, "لفتت": true, "ذكرت": true, "صرحت": true, "اعربت": true, "دعت": true,
	"حذرت": true, "نفت": true, "استطردت": true, "اعترفت": true, "ختمت": true, "طالبت": true, "وصفت": true,
	"رفضت": true, "قررت": true, "زارت": true, "التقت": true, "استقبلت": true, "غادرت": true, "افتتحت": true,
	"ترأست": true, "كشفت": true, "اطلقت": true, "وقعت": true, "تقول": true, "تري": true, "تضيف": true, "تؤكد": true,
	"تحدث": false, "تحدثت": true, "اشاد": false, "اشادت": true, "انتقد": false, "انتقدت": true, "استنكر": false,
	"استنكرت": true, "رحب": false, "رحبت": true, "افاد": false, "افادت": true,
}

// arComplementizers open what was said: after them a name is no subject.
var arComplementizers = map[string]bool{"ان": true, "انه": true, "انها": true, "بان": true, "بانه": true, "بانها": true}

// arFemaleNames are the folded given names of the list's female section,
// and arMaleNames its male one: the gender of a person named before.
var arFemaleNames, arMaleNames = loadArNameGenders(assets.GivenNamesAr)

func loadArNameGenders(b []byte) (female, male map[string]bool) {
	female, male = map[string]bool{}, map[string]bool{}
	var cur map[string]bool
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			switch {
			case strings.Contains(line, "female names"):
				cur = female
			case strings.Contains(line, "male names"):
				cur = male
			case strings.Contains(line, "names"):
				cur = nil // another section: its gender is not given
			}
			continue
		}
		if f := strings.Fields(strings.TrimSuffix(line, "?")); len(f) > 0 && cur != nil {
			cur[textnorm.Fold(f[0])] = true
		}
	}
	return female, male
}

// westernFemaleNames are women's given names of the list's Western
// section, which gives no gender, that end as a man's would.
var westernFemaleNames = foldedSet("كريستين", "كاثرين", "كاترين", "ماري", "آن", "إليزابيث", "مارين", "نانسي", "هيلاري",
	"إيزابيل", "كارين", "جانيت", "ليز", "نيكي", "إيمي", "آني", "بريجيت", "سوزان", "جين", "راشيل", "كارولين",
	"جاكلين", "جيسيكا", "إيفانكا", "ميلانيا", "جيل", "إلين", "هيلين", "آبي", "شيرين", "نسرين", "ياسمين", "نيفين")

func foldedSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[textnorm.Fold(w)] = true
	}
	return m
}

// arFeminineName reports whether a person's Arabic given name (folded) is
// a woman's: listed so, or, unlisted, ending as most do («كامالا»,
// «أورسولا», «كريستينة»).
func arFeminineName(first string) bool {
	if arFemaleNames[first] || westernFemaleNames[first] {
		return true
	}
	if arMaleNames[first] {
		return false
	}
	return strings.HasSuffix(first, "ه") || strings.HasSuffix(first, "ا")
}

// arMasculineBodies are bodies whose name's head is a masculine noun
// without the article: «مجلس الأمن», «صندوق النقد الدولي».
var arMasculineBodies = foldedSet("مجلس", "صندوق", "حزب", "بنك", "اتحاد", "مصرف", "جهاز", "مكتب", "معهد", "مركز",
	"برنامج", "تحالف", "فريق", "نادي", "جيش", "مجمع", "ديوان", "برلمان", "مجلسا", "منتدى", "تجمع", "ائتلاف")

// arFeminineOrg reports whether an organisation whose name begins with the
// folded word first is spoken of as «هي» («وقالت»): a head noun in ـة
// («وزارة», «منظمة», «الحكومة»), or a company's own name («غوغل», for
// «شركة غوغل»); not «البنك المركزي», «مجلس الأمن».
func arFeminineOrg(first string) bool {
	if strings.HasSuffix(first, "ه") {
		return true
	}
	return !strings.HasPrefix(first, "ال") && !arMasculineBodies[first]
}

// arabicSubjectReferent is the entity an Arabic verb of the clause with no
// subject of its own speaks for («وأضاف أن…»): the first person or body
// of the verb's gender (a man or «البنك» for «وأضاف», a woman or «الوزارة»
// for «وقالت») of the nearest sentence before it that names one; -1 when
// there is none or the clause names its subject.
func (sc *sentenceClauses) arabicSubjectReferent(spans []Span, tx Span, a *articleSpans, ents []Entity) int {
	if !sc.arabic || a == nil {
		return -1
	}
	vi, fem := -1, false
	for _, sp := range spans {
		for i := firstToken(sc.toks, sp.Start); i < sc.hi && sc.toks[i].End <= sp.End; i++ {
			if f, _, ok := token.FormOf(&sc.toks[i], arSpeechVerbs); ok && sc.toks[i].Arabic {
				vi, fem = i, f
				break
			}
		}
		if vi >= 0 {
			break
		}
	}
	if vi < 0 {
		return -1
	}
	verb := sc.toks[vi].Start
	for _, sp := range spans {
		for _, m := range sc.mentions {
			if (m.typ == "person" || m.typ == "organisation") && m.End <= verb && m.Start >= sp.Start && m.End <= sp.End {
				return -1 // «ترمب أعلن…»: the subject stands before the verb
			}
		}
	}
	// «وأضاف الوزير محمد علي…», «وقالت الشركة…»: a subject after the verb,
	// up to what was said
	for i, n := vi+1, 0; i < sc.hi && n < 4; i++ {
		t := &sc.toks[i]
		if t.Kind != token.Word {
			if t.Norm == "،" || t.Norm == "," || t.Norm == ":" || t.Norm == "«" || t.Norm == "\"" {
				break
			}
			continue
		}
		if _, _, ok := token.FormOf(t, arComplementizers); ok {
			if tx.Start > t.Start && sc.namesActor(spans, t.End) {
				// «وأضاف أن ماسك سيزور الصين في أبريل»: the date is of what
				// was said, and that has its own subject
				return -1
			}
			break
		}
		if companyNouns[t.Norm] {
			return -1 // «الشركة»: companyReferent reads it
		}
		for _, m := range sc.mentions {
			if (m.typ == "person" || m.typ == "organisation") && t.Start >= m.Start && t.End <= m.End {
				return -1
			}
		}
		n++
	}
	fits := func(m sentenceMention) bool {
		switch m.typ {
		case "organisation":
			return arFeminineOrg(sc.firstNameOf(ents[m.entity], m.Span)) == fem
		case "person":
			return arFeminineName(sc.firstNameOf(ents[m.entity], m.Span)) == fem
		}
		return false
	}
	// the nearest mention that fits, then the first that fits in its
	// sentence (the subject more often than not: «قال ترمب إنه التقى
	// بوتين. وأضاف…» is Trump)
	k := sort.Search(len(a.mentions), func(i int) bool { return a.mentions[i].Start >= verb }) - 1
	for ; k >= 0 && verb-a.mentions[k].End < 600; k-- {
		if fits(a.mentions[k]) {
			break
		}
	}
	if k < 0 || verb-a.mentions[k].End >= 600 {
		return -1
	}
	j := sort.Search(len(a.sents), func(j int) bool { return a.sents[j].End > a.mentions[k].Start })
	best := k
	for b := k - 1; b >= 0 && j < len(a.sents) && a.mentions[b].Start >= a.sents[j].Start; b-- {
		if fits(a.mentions[b]) {
			best = b
		}
	}
	return a.mentions[best].entity
}

// firstNameOf is the folded first word of a person's name: of the first
// mention in the text (the full name, before the family name alone), else
// of m, else of the canonical Arabic name.
func (sc *sentenceClauses) firstNameOf(e Entity, m Span) string {
	if len(e.Mentions) > 0 {
		m = e.Mentions[0]
	}
	i := firstToken(sc.toks, m.Start)
	if i > 0 && sc.toks[i-1].End > m.Start {
		// «بأنغيلا ميركل»: the name starts inside a word, past its particle
		for _, f := range sc.toks[i-1].Forms {
			if f.Start == m.Start {
				return f.Text
			}
		}
	}
	if i < len(sc.toks) && sc.toks[i].Start < m.End && sc.toks[i].Arabic {
		if w := &sc.toks[i]; !arFemaleNames[w.Norm] && !arMaleNames[w.Norm] && len(w.Forms) > 1 && strings.HasPrefix(w.Norm, "و") {
			return w.Forms[1].Text // «وسارة», not «وليد»
		}
		return sc.toks[i].Norm
	}
	if f := strings.Fields(e.NameAr); len(f) > 0 {
		return textnorm.Fold(f[0])
	}
	return ""
}

// namesActor reports whether spans name a person or an organisation after
// byte offset from.
func (sc *sentenceClauses) namesActor(spans []Span, from int) bool {
	for _, m := range sc.mentions {
		if (m.typ == "person" || m.typ == "organisation") && m.Start >= from {
			for _, sp := range spans {
				if m.Start >= sp.Start && m.End <= sp.End {
					return true
				}
			}
		}
	}
	return false
}

// arTimePrepositions before a verbal noun with a possessive pronoun
// («منذ وصوله», «بعد زيارتها»): the pronoun is the event's agent.
var arTimePrepositions = map[string]bool{"منذ": true, "بعد": true, "قبل": true, "خلال": true, "اثناء": true, "عقب": true,
	"عند": true, "حتي": true, "ابان": true}

// arPossessiveReferent is the person an Arabic verbal noun's possessive
// pronoun stands for after a preposition of time — «منذ وصوله إلى السلطة
// في 1989» is "since his coming to power" — when the clause names no
// person: the nearest one named before of the pronoun's gender («ـه» a
// man, «ـها» a woman), else the first one named later in the sentence.
func (sc *sentenceClauses) arPossessiveReferent(spans []Span, a *articleSpans, ents []Entity) int {
	if !sc.arabic || a == nil {
		return -1
	}
	at, fem := -1, false
	for _, sp := range spans {
		for _, m := range sc.mentions {
			if m.typ == "person" && m.Start >= sp.Start && m.End <= sp.End {
				return -1 // the clause names its person
			}
		}
		for i := firstToken(sc.toks, sp.Start); i < sc.hi && sc.toks[i].End <= sp.End && at < 0; i++ {
			t := &sc.toks[i]
			if !t.Arabic || i == 0 || !arTimePrepositions[sc.toks[i-1].Norm] {
				continue
			}
			raw := sc.text[t.Start:t.End]
			switch {
			case strings.HasSuffix(raw, "ها") && utf8.RuneCountInString(raw) >= 5:
				at, fem = i, true
			case strings.HasSuffix(raw, "ه") && utf8.RuneCountInString(raw) >= 4:
				at = i
			}
		}
	}
	if at < 0 {
		return -1
	}
	fits := func(m sentenceMention) bool {
		return m.typ == "person" && arFeminineName(sc.firstNameOf(ents[m.entity], m.Span)) == fem
	}
	from := sc.toks[at].Start
	k := sort.Search(len(a.mentions), func(i int) bool { return a.mentions[i].Start >= from }) - 1
	for ; k >= 0 && from-a.mentions[k].End < 600; k-- {
		if fits(a.mentions[k]) {
			return a.mentions[k].entity
		}
	}
	for _, m := range sc.mentions {
		if m.Start > from && fits(m) {
			return m.entity
		}
	}
	return -1
}
