package analysis

import (
	"strings"

	"annals/data/analysis/token"
)

// segKind says how a stretch of a sentence between two breaks (commas,
// semicolons, brackets, or a subordinating word) relates to the rest.
type segKind uint8

const (
	segPlain        segKind = iota // part of the clause around it
	segRelative                    // which, who, «التي», «الذي»: its antecedent stands before it
	segParticiple                  // "founded by X": a shortened passive relative
	segSubordinate                 // when, because, «عندما», «لأن»: a clause of its own
	segSimultaneous                // while, during, «أثناء»: happens in the main clause's scene
	segCoordinate                  // ", and Nvidia fell", «، وتراجعت»: the next clause
)

// segment is a run of a sentence's tokens, [first, last] inclusive, that
// holds no break. lead is its first token after the subordinating word.
type segment struct {
	first, last, lead int
	kind              segKind
	clause            int  // segments of one clause share it
	timeRef           bool // a relative clause on a time noun: "the moment (when) X spoke"
	// adjunct: "during the Capitals' 5-2 victory Monday", a time phrase
	// with no verb that dates the clause it hangs on; its names take part,
	// its words are no title
	adjunct bool
}

// markers open a new segment wherever they stand (folded forms).
var markers = map[string]segKind{
	"which": segRelative, "who": segRelative, "whom": segRelative, "whose": segRelative,
	"when": segSubordinate, "because": segSubordinate, "although": segSubordinate, "though": segSubordinate,
	"whereas": segSubordinate, "where": segSubordinate, "whether": segSubordinate, "if": segSubordinate, "unless": segSubordinate,
	"while": segSimultaneous, "during": segSimultaneous,
	"التي": segRelative, "الذي": segRelative, "الذين": segRelative, "اللذين": segRelative, "اللتين": segRelative,
	"والتي": segRelative, "والذي": segRelative, "والذين": segRelative,
	"عندما": segSubordinate, "حين": segSubordinate, "حينما": segSubordinate, "لان": segSubordinate, "لانه": segSubordinate,
	"لانها": segSubordinate, "حيث": segSubordinate, "اذ": segSubordinate, "كي": segSubordinate, "لكي": segSubordinate,
	"اذا": segSubordinate, "لو": segSubordinate,
	"بينما": segSimultaneous, "اثناء": segSimultaneous, "فيما": segSimultaneous,
}

// asBefore reports whether the "as" at i is part of "such as", "known
// as", "as well as", "the same as" rather than opening a clause.
func asBefore(toks []token.Token, i, lo int) bool {
	if i <= lo {
		return false
	}
	switch toks[i-1].Norm {
	case "such", "known", "well", "same", "so", "just", "twice", "much", "many", "soon", "long", "far":
		return true
	}
	return false
}

// subjectPronouns open a clause after "as": "as she faces…", "as they wait".
var subjectPronouns = map[string]bool{"i": true, "he": true, "she": true, "it": true, "we": true, "they": true}

// clauseOpeners are prepositions that open a clause when a verb follows
// before the next break: "after he was fired", "since officials resisted".
var clauseOpeners = map[string]bool{"after": true, "before": true, "since": true, "until": true, "once": true}

// verbAhead reports whether an English verb comes within a few words from
// i, before any punctuation or other clause.
func verbAhead(toks []token.Token, i, hi int) bool {
	for k := i; k < hi && k < i+6 && (toks[k].Kind != token.Punct || toks[k].Norm == "-" && !toks[k].Space); k++ {
		if _, ok := markers[toks[k].Norm]; ok || toks[k].Norm == "that" {
			return false // "before the vote that…": the verb is another clause's
		}
		if isEnglishVerb(&toks[k]) {
			return true
		}
	}
	return false
}

// timeNouns name a moment: a relative clause on one ("the day (when) Trump
// spoke", «الوقت الذي كان فيه ترمب يلقي خطابه») dates the main clause, it
// is not the event itself.
var timeNouns = map[string]bool{
	"day": true, "time": true, "moment": true, "week": true, "hour": true, "night": true, "morning": true,
	"اليوم": true, "يوم": true, "الوقت": true, "ذاته": true, "نفسه": true, "اللحظه": true, "الساعه": true,
	"الاسبوع": true, "الليله": true, "صباح": true, "مساء": true,
}

// clauseBreak reports whether punctuation token i ends a segment. A comma
// inside a time expression ("January 20, 2025") or a number ("500,000")
// does not.
func clauseBreak(toks []token.Token, i int, inTimex, mentionAt func(int) bool) bool {
	t := &toks[i]
	if t.Kind != token.Punct {
		return false
	}
	switch t.Norm {
	case ",", "،":
		if inTimex(i) && i+1 < len(toks) && inTimex(i+1) {
			return false
		}
		if i > 0 && i+1 < len(toks) && mentionAt(i-1) && mentionAt(i+1) {
			return false // a list of names: "OpenAI, Oracle and SoftBank"
		}
		if i > 0 && i+1 < len(toks) && toks[i-1].Kind == token.Number && toks[i+1].Kind == token.Number && !toks[i+1].Space {
			return false
		}
		return true
	case ":":
		// "2:55 into overtime", "a 3:1 vote": a clock time or a score
		return !(i > 0 && i+1 < len(toks) && toks[i-1].Kind == token.Number && toks[i+1].Kind == token.Number && !t.Space && !toks[i+1].Space)
	case ";", "؛", "—", "–", "(", ")":
		// square brackets are an editor's words inside a quotation ("we
		// note that [the company] faced…"), not an aside
		return true
	case "-":
		return t.Space // a dash between spaces, not a hyphen
	}
	return false
}

// segmentSentence splits the tokens [lo, hi) of one sentence into segments
// and numbers their clauses: plain segments belong to the clause they
// continue (the main clause resumes after a relative or subordinate
// segment), every other kind opens a clause of its own, and a coordinated
// clause ("…, and X fell") becomes the one plain segments continue.
func segmentSentence(toks []token.Token, lo, hi int, inTimex func(int) bool, mentionAt func(int) bool) []segment {
	segs := make([]segment, 0, 8)
	cur := segment{first: -1}
	afterBreak, afterSemicolon := false, false
	closeSeg := func(last int) {
		if cur.first >= 0 && last >= cur.first {
			cur.last = last
			if cur.lead > last {
				cur.lead = last
			}
			segs = append(segs, cur)
		}
		cur = segment{first: -1}
	}
	for i := lo; i < hi; i++ {
		t := &toks[i]
		if clauseBreak(toks, i, inTimex, mentionAt) {
			closeSeg(i - 1)
			afterBreak = true
			// "…the award ceremony; Britney Spears is giving…": a clause of
			// its own, with its own participants
			afterSemicolon = afterSemicolon || t.Norm == ";" || t.Norm == "؛"
			continue
		}
		kind, marked := segPlain, false
		if t.Kind == token.Word && !inTimex(i) && !mentionAt(i) {
			if k, ok := markers[t.Norm]; ok {
				kind, marked = k, true
			} else if t.Norm == "as" && i+1 < hi && (subjectPronouns[toks[i+1].Norm] || toks[i+1].Upper && !asBefore(toks, i, lo) && verbAhead(toks, i+1, hi)) {
				// "as she faces next year's election", "as Sony has offered
				// its service since 2014": a clause of its own
				kind, marked = segSubordinate, true
			} else if t.Norm == "by" && i+3 < hi && toks[i+1].Norm == "the" && toks[i+2].Norm == "time" {
				// "by the time he was weaned off treatment a year later"
				kind, marked = segSubordinate, true
			} else if clauseOpeners[t.Norm] && i+1 < hi && !inTimex(i+1) && verbAhead(toks, i+1, hi) {
				kind, marked = segSubordinate, true
			} else if afterBreak || cur.first < 0 {
				kind, marked = openingKind(toks, i, hi, afterBreak, mentionAt)
			}
		}
		if afterSemicolon && t.Kind == token.Word {
			if !marked {
				kind, marked = segCoordinate, true
			}
			afterSemicolon = false
		}
		if marked && cur.first >= 0 {
			closeSeg(i - 1)
		}
		if cur.first < 0 {
			cur = segment{first: i, lead: i, kind: kind}
			if marked && kind != segParticiple && kind != segCoordinate {
				cur.lead = i + 1
				if t.Norm == "by" {
					cur.lead = i + 3 // past "by the time"
				}
			}
		}
		afterBreak = false
	}
	closeSeg(hi - 1)
	// "Kate Henshaw, who in 2008, won the award": a relative holding only
	// its date goes on past the date's comma
	for k := 1; k < len(segs); k++ {
		r, s := segs[k-1], segs[k]
		if r.kind == segRelative && s.kind == segPlain && !toks[s.first].Arabic && isEnglishVerb(&toks[s.first]) && onlyDate(toks, r, inTimex) {
			segs[k-1].last = s.last
			segs = append(segs[:k], segs[k+1:]...)
		}
	}
	// number the clauses
	main, next := 0, 1
	for k := range segs {
		s := &segs[k]
		switch s.kind {
		case segPlain:
			s.clause = main
		case segCoordinate:
			s.clause, main = next, next
			next++
		default:
			s.clause = next
			next++
			if s.kind == segRelative && k > 0 && timeNouns[toks[segs[k-1].last].Norm] {
				// a relative on a time noun dates the clause it stands in
				s.clause, s.timeRef = segs[k-1].clause, true
			}
			if s.kind == segSimultaneous && k > 0 && toks[s.first].Norm == "during" && !englishVerbIn(toks, s.lead, s.last) {
				// "during Tuesday's debate": no clause, a time of the one
				// before («أثناء توقيعه…» names its event and stays one)
				s.clause, s.adjunct = segs[k-1].clause, true
				next--
			}
		}
	}
	return segs
}

// onlyDate reports whether segment s holds nothing after its marker but
// a date and small words ("who in 2008").
func onlyDate(toks []token.Token, s segment, inTimex func(int) bool) bool {
	dated := false
	for i := s.lead; i <= s.last; i++ {
		switch {
		case inTimex(i):
			dated = true
		case toks[i].Kind == token.Word && !isFiller(toks[i].Norm):
			return false
		}
	}
	return dated
}

// englishVerbIn reports whether tokens [lo, hi] hold an English verb.
func englishVerbIn(toks []token.Token, lo, hi int) bool {
	for i := lo; i <= hi; i++ {
		if isEnglishVerb(&toks[i]) {
			return true
		}
	}
	return false
}

// openingKind classifies a segment by its first word when no marker opens
// it: "founded by X" after a comma, ", and X…", «، وتراجعت…».
func openingKind(toks []token.Token, i, hi int, afterBreak bool, mentionAt func(int) bool) (segKind, bool) {
	t := &toks[i]
	if !afterBreak {
		return segPlain, false
	}
	if !t.Arabic {
		switch t.Norm {
		case "and", "but", "yet", "so":
			// ", and Nvidia shares fell" is a clause; ", and SoftBank" ends a list
			for k := i + 1; k < hi && toks[k].Kind != token.Punct; k++ {
				if isEnglishVerb(&toks[k]) {
					return segCoordinate, true
				}
			}
			return segPlain, false
		}
		if !t.Upper && strings.HasSuffix(t.Norm, "ed") && i+1 < hi && toks[i+1].Norm == "by" {
			return segParticiple, true
		}
		return segPlain, false
	}
	switch t.Norm {
	case "لكن", "ولكن", "بل", "ثم", "فيما":
		return segCoordinate, true
	}
	if (strings.HasPrefix(t.Norm, "و") || strings.HasPrefix(t.Norm, "ف")) && len(t.Forms) > 1 {
		if _, ok := triggers[t.Norm]; ok {
			return segPlain, false // «وقع» is a verb, not «و» + «قع»
		}
		return segCoordinate, true
	}
	return segPlain, false
}

// segmentOf returns the index of the segment holding token i, or -1.
func segmentOf(segs []segment, i int) int {
	for k, s := range segs {
		if i >= s.first && i <= s.last {
			return k
		}
	}
	return -1
}
