package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"annals/data/analysis/ner"
	"annals/data/analysis/token"
	"annals/internal/repo"
)

// lexicons are the word lists the features look words up in.
type lexicons struct {
	dictLower map[string]bool   // ordinary English words (wamerican, lower case entries)
	dictCap   map[string]bool   // capitalised wamerican entries (proper nouns), folded
	gaz       map[string]string // gazetteer name or alias as written → gold type
	gazMax    int               // longest gazetteer entry in tokens
	given     map[string]string // given name → "gn" or "gn?" (also a word or place)
}

// loadLexicons reads the gazetteer and given names from assets and the
// English word list from dictPath (Debian's wamerican; "" = none).
func loadLexicons(dictPath string) (*lexicons, error) {
	lx := &lexicons{dictLower: map[string]bool{}, dictCap: map[string]bool{}, gaz: map[string]string{}, given: map[string]string{}}
	if dictPath != "" {
		words, err := readLines(dictPath)
		if err != nil {
			return nil, err
		}
		for _, w := range words {
			w = strings.TrimSuffix(w, "'s")
			if w == "" {
				continue
			}
			if unicode.IsUpper([]rune(w)[0]) {
				lx.dictCap[strings.ToLower(w)] = true
			} else {
				lx.dictLower[w] = true
			}
		}
	}
	root := repo.Root()
	for _, f := range []string{"gazetteer.tsv", "gazetteer_places.tsv"} {
		lines, err := readLines(filepath.Join(root, "assets", f))
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			cols := strings.Split(l, "\t")
			if len(cols) < 5 || cols[0] == "id" {
				continue
			}
			typ := ruleType[cols[1]]
			if typ == "" {
				continue
			}
			for _, n := range append([]string{cols[2]}, strings.Split(cols[4], ";")...) {
				if n = strings.TrimSpace(n); n == "" {
					continue
				}
				if _, ok := lx.gaz[n]; !ok {
					lx.gaz[n] = typ
				}
				if k := len(token.Tokenize(n)); k > lx.gazMax {
					lx.gazMax = k
				}
			}
		}
	}
	if lx.gazMax > 8 {
		lx.gazMax = 8
	}
	names, err := readLines(filepath.Join(root, "assets", "given_names_en.txt"))
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if w, ok := strings.CutSuffix(n, " ?"); ok {
			lx.given[w] = "gn?"
		} else {
			lx.given[n] = "gn"
		}
	}
	return lx, nil
}

// Feature templates (the first argument of ner.Hash).
const (
	fBias byte = iota + 1
	fWord
	fLower
	fShape
	fShort
	fPre2
	fPre3
	fSuf2
	fSuf3
	fSuf4
	fStart
	fDict
	fGaz
	fGiven
	fRule
	fRuleShape
	fRuleStart
	fW2
	fW1
	fWn1
	fWn2
	fS1
	fSn1
	fR1
	fRn1
	fBigram
	fDocLower
	fDocCapMid
	fDocRule
	fWordRule
	fS1S0
	fS0Sn1
	fGazNext
	fRunPos
	fRunHead
	fRunFirst
)

// useRuns (-runs): features of the run of capitalised words a token is in
// (its place and length, the run's first and last word). Measured: no
// gain (annotated folds found 84.3 → 83.8, within noise), so off.
var useRuns bool

// connectors may stand inside a run of capitalised words that is one name
// ("Bank of America", "Procter & Gamble", "Botic van de Zandschulp").
var connectors = map[string]bool{"of": true, "&": true, "de": true, "van": true, "der": true, "von": true, "la": true, "du": true, "del": true, "for": true, "and": true, "-": true, "'s": true}

// capRuns gives each token of a run of capitalised words (with connectors
// inside) the run's bounds [from, to); -1 outside runs.
func capRuns(p *page, words []string, sent [2]int) [][2]int {
	out := make([][2]int, sent[1]-sent[0])
	for i := range out {
		out[i] = [2]int{-1, -1}
	}
	upper := func(i int) bool {
		t := p.toks[i]
		return (t.Kind == token.Word && t.Upper) || (t.Kind == token.Number && i > sent[0] && p.toks[i-1].Upper)
	}
	for i := sent[0]; i < sent[1]; i++ {
		if !upper(i) {
			continue
		}
		j := i + 1
		for j < sent[1] {
			if upper(j) {
				j++
				continue
			}
			// a connector (or two) then another capitalised word
			k := j
			for k < sent[1] && k-j < 2 && connectors[strings.ToLower(words[k])] {
				k++
			}
			if k > j && k < sent[1] && upper(k) {
				j = k + 1
				continue
			}
			break
		}
		for k := i; k < j; k++ {
			out[k-sent[0]] = [2]int{i, j}
		}
		i = j - 1
	}
	return out
}

// shape maps letters to X/x and digits to d ("McDonald" → "XxXxxxxx");
// shortShape collapses runs ("XxXx").
func shape(s string) (full, short string) {
	var b, c strings.Builder
	var last rune
	n := 0
	for _, r := range s {
		var k rune
		switch {
		case unicode.IsUpper(r):
			k = 'X'
		case unicode.IsLetter(r):
			k = 'x'
		case unicode.IsDigit(r):
			k = 'd'
		default:
			k = r
		}
		if n < 12 {
			b.WriteRune(k)
		}
		n++
		if k != last {
			c.WriteRune(k)
			last = k
		}
	}
	return b.String(), c.String()
}

// ruleCoveredOnly: the rules' tags are features only where a rule entity
// covers the token (-covered, the default), not the rules' "no name" elsewhere.
var ruleCoveredOnly bool

// ruleTags gives each token the BIO tag of the rule entity mention
// covering it ("B-PER", "I-ORG"; "" outside).
func ruleTags(p *page) []string {
	out := make([]string, len(p.toks))
	if !useRules {
		return out
	}
	for _, e := range p.res.Entities {
		typ := ruleType[e.Type]
		if typ == "" {
			typ = "OTHER"
		}
		for _, m := range e.Mentions {
			for i, t := range p.toks {
				if t.Start >= m.Start && t.End <= m.End {
					if t.Start == m.Start || (i > 0 && p.toks[i-1].End <= m.Start) {
						out[i] = "B-" + typ
					} else {
						out[i] = "I-" + typ
					}
				}
			}
		}
	}
	return out
}

// featurize computes every token's features.
func (lx *lexicons) featurize(p *page) {
	toks := p.toks
	n := len(toks)
	words := make([]string, n)
	lower := make([]string, n)
	shapes := make([]string, n)
	shorts := make([]string, n)
	start := make([]bool, n)
	for _, s := range p.sents {
		start[s[0]] = true
	}
	// document-level facts: a word also written in lower case in the
	// page is an ordinary word; capitalised inside a sentence, a name.
	docLower := map[string]bool{}
	docCapMid := map[string]bool{}
	for i, t := range toks {
		words[i] = p.text[t.Start:t.End]
		lower[i] = strings.ToLower(words[i])
		shapes[i], shorts[i] = shape(words[i])
		if t.Kind == token.Word {
			if t.Upper && !start[i] {
				docCapMid[lower[i]] = true
			}
			if !t.Upper {
				docLower[lower[i]] = true
			}
		}
	}
	rules := ruleTags(p)
	docRule := map[string]string{} // a word's rule type wherever the rules tagged it
	for i, r := range rules {
		if r != "" && toks[i].Upper {
			docRule[words[i]] = r[2:]
		}
	}
	// gazetteer: longest match from each token
	gaz := make([]string, n)
	for i := 0; i < n; i++ {
		if !toks[i].Upper && toks[i].Kind == token.Word {
			continue
		}
		for k := min(lx.gazMax, n-i); k >= 1; k-- {
			if typ, ok := lx.gaz[p.text[toks[i].Start:toks[i+k-1].End]]; ok {
				gaz[i] = "B-" + typ
				for j := i + 1; j < i+k; j++ {
					gaz[j] = "I-" + typ
				}
				i += k - 1
				break
			}
		}
	}
	at := func(a []string, i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return a[i]
	}
	p.feats = make([][]uint64, n)
	runs := map[[2]int][][2]int{}
	for _, s := range p.sents {
		runs[s] = capRuns(p, words, s)
	}
	for _, s := range p.sents {
		for i := s[0]; i < s[1]; i++ {
			// neighbours stay within the sentence
			nb := func(a []string, j int) string {
				if j < s[0] {
					return "<s>"
				}
				if j >= s[1] {
					return "</s>"
				}
				return at(a, j)
			}
			w, lw := words[i], lower[i]
			f := []uint64{
				ner.Hash(fBias, ""),
				ner.Hash(fWord, w),
				ner.Hash(fLower, lw),
				ner.Hash(fShape, shapes[i]),
				ner.Hash(fShort, shorts[i]),
			}
			if r := []rune(lw); len(r) >= 3 {
				f = append(f, ner.Hash(fPre2, string(r[:2])), ner.Hash(fPre3, string(r[:3])),
					ner.Hash(fSuf2, string(r[len(r)-2:])), ner.Hash(fSuf3, string(r[len(r)-3:])))
				if len(r) >= 5 {
					f = append(f, ner.Hash(fSuf4, string(r[len(r)-4:])))
				}
			}
			st := "mid"
			if start[i] {
				st = "start"
			}
			f = append(f, ner.Hash2(fStart, st, shorts[i]))
			dict := "none"
			switch {
			case lx.dictLower[lw]:
				dict = "word"
			case lx.dictCap[lw]:
				dict = "proper"
			}
			f = append(f, ner.Hash2(fDict, dict, shorts[i]), ner.Hash2(fDict, dict+st, shorts[i]))
			if gaz[i] != "" {
				f = append(f, ner.Hash(fGaz, gaz[i]))
			}
			f = append(f, ner.Hash(fGazNext, nb(gaz, i+1)+"|"+nb(gaz, i-1)))
			if g := lx.given[w]; g != "" {
				f = append(f, ner.Hash2(fGiven, g, st))
			}
			r := rules[i]
			if r == "" {
				r = "O"
			}
			if r != "O" || !ruleCoveredOnly {
				f = append(f, ner.Hash(fRule, r), ner.Hash2(fRuleShape, r, shorts[i]), ner.Hash2(fRuleStart, r, st+dict),
					ner.Hash2(fWordRule, lw, r))
			}
			f = append(f,
				ner.Hash(fW2, nb(lower, i-2)), ner.Hash(fW1, nb(lower, i-1)),
				ner.Hash(fWn1, nb(lower, i+1)), ner.Hash(fWn2, nb(lower, i+2)),
				ner.Hash(fS1, nb(shorts, i-1)), ner.Hash(fSn1, nb(shorts, i+1)),
				ner.Hash(fR1, nb(rules, i-1)), ner.Hash(fRn1, nb(rules, i+1)),
				ner.Hash2(fBigram, nb(lower, i-1), lw),
				ner.Hash2(fS1S0, nb(shorts, i-1), shorts[i]), ner.Hash2(fS0Sn1, shorts[i], nb(shorts, i+1)),
			)
			if run := runs[s][i-s[0]]; useRuns && run[0] >= 0 {
				pos := "I"
				switch {
				case run[1]-run[0] == 1:
					pos = "S"
				case i == run[0]:
					pos = "B"
				case i == run[1]-1:
					pos = "E"
				}
				ln := fmt.Sprint(min(run[1]-run[0], 5))
				f = append(f, ner.Hash2(fRunPos, pos+ln, st), ner.Hash2(fRunHead, pos, lower[run[1]-1]), ner.Hash2(fRunFirst, pos, lower[run[0]]))
			}
			if toks[i].Kind == token.Word && toks[i].Upper {
				dl, dc := "no", "no"
				if docLower[lw] {
					dl = "yes"
				}
				if docCapMid[lw] {
					dc = "yes"
				}
				f = append(f, ner.Hash2(fDocLower, dl, st), ner.Hash2(fDocCapMid, dc, st))
				if dr := docRule[w]; dr != "" {
					f = append(f, ner.Hash(fDocRule, dr))
				}
			}
			p.feats[i] = f
		}
	}
}
