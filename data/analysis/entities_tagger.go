package analysis

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"annals/assets"
	"annals/data/analysis/ner"
	"annals/data/analysis/token"
	"annals/data/textnorm"
)

// The Arabic names tagger (package ner) is an averaged perceptron trained
// by tools/trainner on the training part of ANERcorp. It reads each token
// with the gazetteer's and the cue rules' verdicts as features, so it
// learns when to trust them, and finds the names they miss. Its model is
// embedded as assets.NERArabic; `make train-ner` rebuilds it.

// modelSlot holds a tagger's model: read from its embedded bytes the first
// time it is asked for (a library with no article in that language never
// pays for it), or set by a trainer with use.
type modelSlot struct {
	embedded []byte // the model file; empty means no tagger
	once     sync.Once
	mu       sync.RWMutex
	model    *ner.Model
}

func (s *modelSlot) get() *ner.Model {
	s.once.Do(func() {
		if len(s.embedded) == 0 {
			return
		}
		m, err := ner.Load(s.embedded)
		if err == nil {
			s.mu.Lock()
			if s.model == nil {
				s.model = m
			}
			s.mu.Unlock()
		}
	})
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.model
}

// use replaces the model by m (nil turns the tagger off), for good: the
// embedded one is never read after it.
func (s *modelSlot) use(m *ner.Model) {
	s.once.Do(func() {})
	s.mu.Lock()
	s.model = m
	s.mu.Unlock()
}

var arabicModel = modelSlot{embedded: assets.NERArabic}

func arabicTagger() *ner.Model { return arabicModel.get() }

// UseArabicTagger replaces the embedded tagger by m (nil turns the tagger
// off). It is for tools/trainner, which scores a freshly trained model
// through the whole analysis; the app never calls it.
func UseArabicTagger(m *ner.Model) { arabicModel.use(m) }

// NERClasses are the tagger's tags, "O" first (ANERcorp's MISC is read as O:
// Annals has no such kind).
var NERClasses = []string{"O", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

// NERFeatures tokenises text and returns its tokens with the tagger's
// features for each, exactly as Analyze computes them (for tools/trainner).
// The third result is each token's transition class (transitionClass).
// The lexicon features read lex (a trainer gives each training text the
// lexicon of the other parts of its training data).
func NERFeatures(text string, lex *ner.Lexicon) ([]token.Token, [][]uint64, []uint8) {
	g := DefaultGazetteer()
	toks := token.Tokenize(text)
	g.mu.RLock()
	defer g.mu.RUnlock()
	ms, _ := cueMentions(text, toks, Sentences(text), g)
	feats, _ := nerFeaturesLex(nil, text, toks, ms, g, lex)
	return toks, feats, transitionClasses(toks, nil)
}

// NERLexKeys are the keys under which a trainer counts token t in a
// ner.Lexicon: its word, and its particle-free form (in a key space of its
// own).
func NERLexKeys(t *token.Token) (word, bare uint64) {
	return ner.Hash(0, t.Norm), ner.Hash(1, bareForm(t))
}

// NERLexPair is the lexicon key of two adjacent words (their NERLexKeys
// word keys): counted with a type when both lie in one name of it.
func NERLexPair(a, b uint64) uint64 { return ner.Mix2(fLexPairL, a, b) }

// bareForm is t's word without its attached particles.
func bareForm(t *token.Token) string {
	if len(t.Forms) > 0 {
		return t.Forms[len(t.Forms)-1].Text
	}
	return t.Norm
}

// Transition classes (ner.Sequence.Class): kinds of word before which a
// name is more or less likely to go on («و» attached starts a new one,
// «بن» carries it on).
const (
	tcOther uint8 = iota
	tcConjunction
	tcPunct
	tcConnector
	tcDefinite
	tcNumber
	tcPreposition
)

// nameConnectors join the parts of an Arabic name.
var nameConnectors = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range []string{"بن", "ابن", "بنت", "أبو", "ابو", "أبا", "ابا", "أبي", "ابي", "عبد", "آل", "أم", "ام", "دي", "دو", "فان", "فون", "لا"} {
		out[textnorm.Fold(w)] = true
	}
	return out
}()

// transitionClasses writes each token's transition class into out
// (reused when large enough).
func transitionClasses(toks []token.Token, out []uint8) []uint8 {
	out = grow(out, len(toks))
	for i := range toks {
		out[i] = transitionClass(&toks[i])
		if toks[i].Break {
			// the model learnt from sentences: a name never runs on from
			// the last one's full stop
			out[i] |= ner.Restart
		}
	}
	return out
}

// transitionClass is t's transition class, without ner.Restart.
func transitionClass(t *token.Token) uint8 {
	switch {
	case t.Kind == token.Punct:
		return tcPunct
	case t.Kind == token.Number:
		return tcNumber
	case !t.Arabic:
		return tcOther
	case nameConnectors[t.Norm]:
		return tcConnector
	case strings.HasPrefix(t.Norm, "و") && hasForm(t, t.Norm[len("و"):]):
		return tcConjunction
	case (strings.HasPrefix(t.Norm, "ب") || strings.HasPrefix(t.Norm, "ل") || strings.HasPrefix(t.Norm, "ك")) &&
		utf8.RuneCountInString(t.Norm) >= 4 && hasForm(t, t.Norm[len("ب"):]):
		// «بوفد»: a name rarely goes on with a preposition (but «بوش»
		// is no «ب» + «وش»)
		return tcPreposition
	case strings.HasPrefix(t.Norm, "ال"):
		return tcDefinite
	}
	return tcOther
}

func hasForm(t *token.Token, s string) bool {
	for _, f := range t.Forms[1:] {
		if f.Text == s {
			return true
		}
	}
	return false
}

// wordKinds maps each word of the gazetteer's multi-word names to the kinds
// of entity it is part of ("person", "organisation+place"…): a word of a
// known name is a clue even when the rest of the name is written another
// way. Built once per gazetteer state; the caller holds g's read lock.
func (g *Gazetteer) wordKinds() map[string]string {
	g.wordsMu.Lock()
	defer g.wordsMu.Unlock()
	if g.words != nil && g.wordsN == len(g.entries) {
		return g.words
	}
	kinds := []string{"person", "organisation", "place", "product", "event"}
	mask := map[string]int{}
	for _, list := range g.index {
		for _, a := range list {
			bit := slices.Index(kinds, g.entries[a.entry].Type)
			if bit < 0 {
				continue
			}
			for _, x := range a.words {
				if utf8.RuneCountInString(x) >= 3 && !arStop[x] {
					mask[x] |= 1 << bit
				}
			}
		}
	}
	w := make(map[string]string, len(mask))
	for x, m := range mask {
		var parts []string
		for bit, k := range kinds {
			if m&(1<<bit) != 0 {
				parts = append(parts, k)
			}
		}
		w[x] = strings.Join(parts, "+")
	}
	g.words, g.wordsN = w, len(g.entries)
	return w
}

func mostlyArabic(toks []token.Token) bool {
	ar, la := 0, 0
	for i := range toks {
		if toks[i].Kind == token.Word {
			if toks[i].Arabic {
				ar++
			} else {
				la++
			}
		}
	}
	return ar > 0 && ar >= la
}

// Feature templates (one byte each; see ner.Hash).
const (
	fWord byte = iota + 1
	fStem
	fBare
	fSuf2
	fSuf3
	fPre2
	fPre3
	fShape
	fPrevW
	fNextW
	fPrev2W
	fNext2W
	fPrevStem
	fNextStem
	fBigramL
	fBigramR
	fMention
	fMentionPrev
	fMentionNext
	fGiven
	fGivenPrev
	fGivenNext
	fCuePrev
	fCue
	fBias
	fDef
	fPrevSuf2
	fCuePrev2
	fMentionShape
	fNormSuf1
	fNormSuf2
	fNormPre2
	fLen
	fCueNext
	fGivenNext2
	fStemPair
	fNextSuf2
	fGazWord
	fGazWordPrev
	fGazWordNext
	fDocMention
	fDocContext
	fNisba
	fDict // dictClass (entities_words.go)
	// the dictionary class with the article, with the length: no better in
	// 4-fold CV; the numbers stay taken (the model's keys depend on them)
	fDictDef
	fDictLen
	fDictPrev
	fDictAfter
	// what the training data tagged the word as (ner.Lexicon: the word,
	// its particle-free form, the words before and after it)
	fLex
	fLexBare
	fLexPrev
	fLexNext
	// … and the pair of words before and after it
	fLexPairL
	fLexPairR

	nerTemplates = 52
)

// Template of the variable features (spellingKeys).
const fTri byte = 104

func shapeOf(t *token.Token) string {
	switch {
	case t.Kind == token.Number:
		return "9"
	case t.Kind == token.Punct:
		return t.Norm
	case t.Arabic:
		if len(t.Norm) <= 2*utf8.UTFMax && utf8.RuneCountInString(t.Norm) <= 2 {
			return "a2"
		}
		return "a"
	case t.Upper:
		return "A"
	}
	return "x"
}

func lenClass(s string) string {
	switch n := utf8.RuneCountInString(s); {
	case n <= 2:
		return "s"
	case n <= 4:
		return "m"
	case n <= 6:
		return "l"
	}
	return "xl"
}

// lastRunes is the last n runes of s. ASCII and two-byte runes (Arabic)
// are stepped over directly, other bytes as utf8 decodes them.
func lastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		switch c := s[i-1]; {
		case c < utf8.RuneSelf:
			i--
		case i >= 2 && c <= 0xbf && s[i-2] >= 0xc2 && s[i-2] <= 0xdf:
			i -= 2
		default:
			_, sz := utf8.DecodeLastRuneInString(s[:i])
			i -= sz
		}
	}
	return s[i:]
}

// firstRunes is the first n runes of s (see lastRunes).
func firstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xc2 && c <= 0xdf && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0xbf:
			i += 2
		default:
			_, sz := utf8.DecodeRuneInString(s[i:])
			i += sz
		}
	}
	return s[:i]
}

// formClasses maps every word of the cue lists and of the given names to
// its cue class (cueCodes, 0 for none) and given-name bits: one map lookup
// per form of a word instead of seven.
var formClasses = sync.OnceValue(func() map[string]uint8 {
	out := map[string]uint8{}
	lists := []map[string]bool{arPersonCue, arPersonHead, arOrgNameCue, arOrgPhraseCue, arPlaceCue, arProductCue}
	for k := len(lists) - 1; k >= 0; k-- { // the first list wins, as in a switch
		for w := range lists[k] {
			out[w] = out[w]&^cueMask | uint8(k+1)
		}
	}
	for w, g := range givenNames {
		c := out[w] | isGiven
		if g.ambiguous {
			c |= givenAmbiguous
		}
		out[w] = c
	}
	return out
})

var cueCodes = [...]string{"", "pc", "ph", "on", "op", "lc", "pr"}

const (
	cueMask        uint8 = 7
	isGiven        uint8 = 8
	givenAmbiguous uint8 = 16
)

// givenCueClass is t's given-name class and cue class: whether t (or,
// failing that, one of its forms, as token.FormOf reads it) is a given
// name, and an ambiguous one; the cue class of the first of t's forms
// that is a cue word. One map lookup per form for both (t.Forms starts
// with the whole word).
func givenCueClass(t *token.Token) (given, cue string) {
	if t.Kind != token.Word || !t.Arabic {
		return "", ""
	}
	fc := formClasses()
	forms := t.Forms
	if len(forms) == 0 {
		forms = []token.Form{{Text: t.Norm}}
	}
	g, c := uint8(0), uint8(0)
	for _, f := range forms {
		x := fc[f.Text]
		if g == 0 && x&isGiven != 0 {
			g = x
		}
		if c == 0 && x&cueMask != 0 {
			c = x & cueMask
		}
		if g != 0 && c != 0 {
			break
		}
	}
	cue = cueCodes[c]
	switch {
	case g == 0:
	case g&givenAmbiguous != 0:
		given = "amb"
	default:
		given = "g"
	}
	return given, cue
}

// nerFeatures computes the tagger's features of every token; ms are the
// gazetteer and rule mentions (their kind and position are features).
// Strings are hashed once per distinct word; a feature is then a template
// mixed with one or two of those hashes (ner.Mix), a few integer
// operations. The lexicon features read the tagger's lexicon.
func nerFeatures(text string, toks []token.Token, ms []mention, g *Gazetteer) [][]uint64 {
	var lex *ner.Lexicon
	if m := arabicTagger(); m != nil {
		lex = m.Lexicon()
	}
	feats, _ := nerFeaturesLex(nil, text, toks, ms, g, lex)
	return feats
}

// tagScratch is tagArabic's working memory, kept between analyses
// (sync.Pool): a few hundred kilobytes per article that would otherwise
// be garbage right after tagging.
type tagScratch struct {
	fz                                    featurizer
	memo                                  map[string]int32
	static                                []ner.Scores
	own, asPrev, asNext, asPrev2, asNext2 []ner.Scores
	firsts                                []uint64
	back                                  [][8]int8
	cls                                   []uint8
}

var tagScratchPool = sync.Pool{New: func() any { return &tagScratch{memo: map[string]int32{}} }}

// grow returns s resized to n elements, zeroed.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// tagArabic runs the tagger over toks. The features one word decides (its
// own, and those it gives its neighbours: see ownKeys, prevKeys…) are
// summed once per distinct word, the others (ctxKeys) per token: 9
// lookups a token instead of 42. The tags are those of m.Tag over
// nerFeatures (the weights are integers: the order of the sums changes
// nothing).
func tagArabic(m *ner.Model, text string, toks []token.Token, ms []mention, g *Gazetteer) []int {
	if !m.Loaded() {
		return m.TagClasses(nerFeatures(text, toks, ms, g), transitionClasses(toks, nil))
	}
	sc := tagScratchPool.Get().(*tagScratch)
	defer func() {
		clear(sc.memo) // the pool must not keep the text alive
		tagScratchPool.Put(sc)
	}()
	fz := &sc.fz
	fz.fill(text, toks, ms, g, sc.memo, m.Lexicon())
	n := len(toks)
	// per distinct word (and the edge, last): its own features' weights,
	// and those it gives the tokens one and two places after and before it
	nw := len(fz.words) + 1
	sc.own = grow(sc.own, nw)
	sc.asPrev = grow(sc.asPrev, nw)
	sc.asNext = grow(sc.asNext, nw)
	sc.asPrev2 = grow(sc.asPrev2, nw)
	sc.asNext2 = grow(sc.asNext2, nw)
	for w := range nw {
		wi := &fz.edge
		if w < len(fz.words) {
			wi = &fz.words[w]
			own := ownKeys(wi, fz.docMention[w], fz.docContext[w])
			m.Add(&sc.own[w], own[:])
			m.Add(&sc.own[w], fz.more[wi.moreFrom:wi.moreTo])
		}
		pk, nk := prevKeys(wi), nextKeys(wi)
		p2k, n2k := prev2Keys(wi), next2Keys(wi)
		m.Add(&sc.asPrev[w], pk[:])
		m.Add(&sc.asNext[w], nk[:])
		m.Add(&sc.asPrev2[w], p2k[:])
		m.Add(&sc.asNext2[w], n2k[:])
	}
	edge := int32(len(fz.words))
	word := func(i int) int32 {
		if i < 0 || i >= n {
			return edge
		}
		return fz.info[i]
	}
	sc.static = grow(sc.static, n)
	sc.firsts = grow(sc.firsts, n)
	for i := range toks {
		st := &sc.static[i]
		*st = sc.own[fz.info[i]]
		for _, add := range [...]*ner.Scores{&sc.asPrev[word(i-1)], &sc.asNext[word(i+1)], &sc.asPrev2[word(i-2)], &sc.asNext2[word(i+2)]} {
			for c := range st {
				st[c] += add[c]
			}
		}
		ctx := fz.ctxKeys(i)
		m.Add(st, ctx[:])
		sc.firsts[i] = ner.Mix(fWord, fz.words[fz.info[i]].word)
	}
	if m.Structured() {
		var tags []int
		sc.cls = grow(sc.cls, n)
		for i := range toks {
			sc.cls[i] = fz.words[fz.info[i]].tc // transitionClasses, once per word
			if toks[i].Break {
				sc.cls[i] |= ner.Restart
			}
		}
		tags, sc.back = m.DecodeStructured(sc.static, sc.cls, sc.back)
		return tags
	}
	return m.Decode(sc.static, sc.firsts)
}

// nerFeaturesLex is nerFeatures with the lexicon lex, writing into all's
// storage when it is large enough; it returns the storage it used.
func nerFeaturesLex(all []uint64, text string, toks []token.Token, ms []mention, g *Gazetteer, lex *ner.Lexicon) ([][]uint64, []uint64) {
	n := len(toks)
	var fz featurizer
	fz.fill(text, toks, ms, g, map[string]int32{}, lex)
	size := n * nerTemplates
	for i := range toks {
		w := &fz.words[fz.info[i]]
		size += int(w.moreTo - w.moreFrom)
	}
	if cap(all) < size {
		all = make([]uint64, 0, size)
	}
	all = all[:0]
	out := make([][]uint64, n)
	var keys [nerTemplates]uint64
	for i := range toks {
		fz.keys(i, &keys)
		start := len(all)
		all = append(all, keys[:]...)
		w := &fz.words[fz.info[i]]
		all = append(all, fz.more[w.moreFrom:w.moreTo]...)
		out[i] = all[start:len(all):len(all)]
	}
	return out, all
}

// wordInfo is the hashed values of a word's own features: they depend on
// its spelling only, so they are computed once per distinct word.
type wordInfo struct {
	word, stem, bare, suf2, suf3, pre2, pre3, nsuf1, nsuf2, npre2, length, def, given, cue, gw uint64
	dict                                                                                       uint64 // dictClass
	// dictClass and whether the word looks like a nisba with the article
	// («المنصوري», «الفلسطيني»: adjectives of the dictionary, and family
	// names after a first name)
	dictNisba uint64
	// the lexicon's codes of the word and of its particle-free form
	lex, lexBare uint64
	// more are keys (not values) of further features of the spelling
	// alone, as many as the word needs: fz.more[moreFrom:moreTo]
	moreFrom, moreTo int32
	cls              uint8 // docGiven, docPersonCue… of the word itself
	nisba            bool  // an adjective of nationality («الفلسطيني»)
	tc               uint8 // transitionClass
}

// featurizer holds what a text's features are made of.
type featurizer struct {
	words       []wordInfo
	info        []int32 // token → index in words
	mtag, shape []uint64
	edge        wordInfo
	more        []uint64
	// lexPair[i]: the lexicon's code of tokens i and i+1 (NERLexPair)
	lexPair []uint64
	// what the text says of each word elsewhere (see docBits): a name is
	// often introduced once with a title or a first name, and then
	// repeated bare
	docMention, docContext []uint8
}

// Bits of featurizer.docMention (the kinds of the rule and gazetteer
// mentions a word is part of somewhere in the text) and docContext (what
// the word follows or precedes somewhere).
const (
	docPerson uint8 = 1 << iota
	docOrg
	docPlace
	docOther
)

const (
	docGiven     uint8 = 1 << iota // a given name (of the word itself: cls)
	docPersonCue                   // a title or a person's role
	docOrgCue
	docPlaceCue
	afterGiven     // the word follows a given name somewhere
	afterPersonCue // … a person cue
	afterOrgCue
	afterPlaceCue
)

// fill computes the values of toks' features into fz, reusing its storage;
// memo is an empty map it may use; lex is the tagger's lexicon.
func (fz *featurizer) fill(text string, toks []token.Token, ms []mention, g *Gazetteer, memo map[string]int32, lex *ner.Lexicon) {
	n := len(toks)
	kinds := g.wordKinds()
	dict := arabicWords()
	fz.info = grow(fz.info, n)
	fz.words = fz.words[:0]
	fz.more = fz.more[:0]
	h := func(s string) uint64 { return ner.Hash(0, s) }
	for i := range toks {
		t := &toks[i]
		wi, ok := memo[t.Norm]
		if !ok {
			st := textnorm.Stem(t.Norm)
			bare := bareForm(t)
			def := "0"
			if strings.HasPrefix(bare, "ال") || strings.HasPrefix(t.Norm, "ال") {
				def = "1"
			}
			given, cue := givenCueClass(t)
			dc := dict.dictClass(t)
			gw := ""
			if t.Kind == token.Word {
				gw, _, _ = token.FormOf(t, kinds)
			}
			wi = int32(len(fz.words))
			word := h(t.Norm)
			fz.words = append(fz.words, wordInfo{
				word: word, stem: h(st), bare: h(bare),
				suf2: h(lastRunes(st, 2)), suf3: h(lastRunes(st, 3)), pre2: h(firstRunes(st, 2)), pre3: h(firstRunes(st, 3)),
				nsuf1: h(lastRunes(t.Norm, 1)), nsuf2: h(lastRunes(t.Norm, 2)), npre2: h(firstRunes(t.Norm, 2)),
				length: h(lenClass(st)), def: h(def), given: h(given), cue: h(cue), gw: h(gw), dict: h(dc),
				dictNisba: ner.HashMore(h(dc), strconv.FormatBool(t.Arabic && maybeNisba(bare))),
				moreFrom:  int32(len(fz.more)), cls: wordClass(given, cue),
				nisba: t.Arabic && maybeNisba(bare) && nationalityNisba(bare, g), tc: transitionClass(t),
				lex: uint64(lex.Code(word)), lexBare: uint64(lex.Code(ner.Hash(1, bare))),
			})
			if t.Arabic && maybeNisba(bare) {
				// a nisba is an adjective in most of ANERcorp and a family
				// name after a given name: the lexicon says the first, and
				// the features of the given name before it say more (4-fold
				// CV, tagger+rules micro F1 74.62 with its codes, 74.81
				// without)
				fz.words[wi].lex, fz.words[wi].lexBare = 0, 0
			}
			if t.Kind == token.Word && t.Arabic {
				fz.more = spellingKeys(fz.more, bare)
			}
			fz.words[wi].moreTo = int32(len(fz.more))
			memo[t.Norm] = wi
		}
		fz.info[i] = wi
	}
	fz.lexPair = grow(fz.lexPair, n)
	for i := range n {
		c := uint8(0)
		if i+1 < n && lex.Len() > 0 {
			c = lex.Code(NERLexPair(fz.words[fz.info[i]].word, fz.words[fz.info[i+1]].word))
		}
		fz.lexPair[i] = uint64(c)
	}
	fz.mtag = grow(fz.mtag, n)
	fz.shape = grow(fz.shape, n)
	empty := h("")
	for i := range toks {
		brk := "0"
		if toks[i].Break {
			brk = "1"
		}
		fz.shape[i] = ner.HashMore(h(shapeOf(&toks[i])), brk) // h(shape + brk)
		fz.mtag[i] = empty
	}
	k := 0
	for _, m := range ms {
		for k < n && toks[k].End <= m.span.Start {
			k++
		}
		if m.entry < 0 && k < n && !toks[k].Arabic {
			// the English rules' verdicts are no feature: they change with
			// English work, and the model would have to be trained again
			continue
		}
		src := "r"
		if m.entry >= 0 {
			src = "g"
		}
		for j := k; j < n && toks[j].Start < m.span.End; j++ {
			bi := "I"
			if j == k {
				bi = "B"
			}
			fz.mtag[j] = ner.HashMore(h(src+bi), m.typ) // h(src + bi + m.typ)
		}
	}
	fz.docMention = grow(fz.docMention, len(fz.words))
	fz.docContext = grow(fz.docContext, len(fz.words))
	k = 0
	for _, m := range ms {
		for k < n && toks[k].End <= m.span.Start {
			k++
		}
		if m.entry < 0 && k < n && !toks[k].Arabic {
			continue // as above
		}
		bit := docOther
		switch m.typ {
		case "person":
			bit = docPerson
		case "organisation":
			bit = docOrg
		case "place":
			bit = docPlace
		}
		for j := k; j < n && toks[j].Start < m.span.End; j++ {
			if bit == docPerson && fz.words[fz.info[j]].nisba {
				continue // «فراس الفلسطيني» … «وقال الفلسطيني»: the adjective alone is no name
			}
			fz.docMention[fz.info[j]] |= bit
		}
	}
	for i := 1; i < n; i++ {
		// the previous word's own bits, shifted to the "after" bits
		if c := fz.words[fz.info[i-1]].cls; c != 0 {
			fz.docContext[fz.info[i]] |= c << 4
		}
	}
	fz.edge = wordInfo{word: h("<s>"), stem: h("<s>"), given: h("#"), cue: h("#"), gw: h("#"), suf2: h("#"), dict: h("#"), lex: 255}
}

// wordClass is a word's own docContext bits, from its givenClass and
// cueClass: given name, person, organisation or place cue.
func wordClass(given, cue string) uint8 {
	var c uint8
	if given != "" {
		c |= docGiven
	}
	switch cue {
	case "pc", "ph":
		c |= docPersonCue
	case "on", "op":
		c |= docOrgCue
	case "lc":
		c |= docPlaceCue
	}
	return c
}

// spellingKeys appends the keys of the features of a bare word's letters,
// its letter trigrams (with the word's edges as letters): a transliterated
// foreign name («كافلنيكوف», «دويسنبرج») is known by letter groups Arabic
// words rarely have. (Its first and last one and four letters as well
// scored no better in 4-fold cross-validation: the stem's affixes say it.)
func spellingKeys(out []uint64, bare string) []uint64 {
	// runes[0] and runes[n+1] mark the word's edges; the word's runes lie
	// between (a long word's tail is cut: its trigrams say nothing new)
	var runes [48]rune
	n := 0
	runes[0] = 1
	for _, r := range bare {
		if n < len(runes)-2 {
			n++
			runes[n] = r
		}
	}
	runes[n+1] = 2
	for j := 0; j+2 <= n+1; j++ { // trigrams over the edges and runes
		out = append(out, ner.Mix(fTri, uint64(runes[j])<<42^uint64(runes[j+1])<<21^uint64(runes[j+2])))
	}
	return out
}

// A token's features fall in five groups: those of its own word, those
// of its neighbours' words at one and two places before and after it
// (each depends on that neighbour's word alone: tagArabic sums them once
// per distinct word), and those of the token's context (bigrams, rule
// mentions, shape), summed per token.
const (
	nOwn   = 22
	nPrev  = 8
	nNext  = 7
	nPrev2 = 1
	nNext2 = 2
	nCtx   = nerTemplates - nOwn - nPrev - nNext - nPrev2 - nNext2
)

// ownKeys are the features of the word itself (feature 0, the word, is
// the one the greedy decoder pairs with the previous tag).
func ownKeys(w *wordInfo, docMention, docContext uint8) [nOwn]uint64 {
	return [nOwn]uint64{
		ner.Mix(fWord, w.word),
		ner.Mix(fStem, w.stem),
		ner.Mix(fBare, w.bare),
		ner.Mix(fSuf2, w.suf2),
		ner.Mix(fSuf3, w.suf3),
		ner.Mix(fPre2, w.pre2),
		ner.Mix(fPre3, w.pre3),
		ner.Mix(fGiven, w.given),
		ner.Mix(fCue, w.cue),
		ner.Mix(fBias, 0),
		ner.Mix(fDef, w.def),
		ner.Mix(fNormSuf1, w.nsuf1),
		ner.Mix(fNormSuf2, w.nsuf2),
		ner.Mix(fNormPre2, w.npre2),
		ner.Mix(fLen, w.length),
		ner.Mix(fGazWord, w.gw),
		ner.Mix(fDocMention, uint64(docMention)),
		ner.Mix(fDocContext, uint64(docContext)),
		ner.Mix(fNisba, b2u(w.nisba)),
		ner.Mix(fDict, w.dict),
		ner.Mix(fLex, w.lex),
		ner.Mix(fLexBare, w.lexBare),
	}
}

// maybeNisba: w has the article and a nisba's ending (nationalityNisba
// looks it up in the gazetteer in seven forms).
func maybeNisba(w string) bool {
	return strings.HasPrefix(w, "ال") && (strings.HasSuffix(w, "ي") || strings.HasSuffix(w, "يه") || strings.HasSuffix(w, "يين") || strings.HasSuffix(w, "يون"))
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// prevKeys are the features a token takes from the word before it.
func prevKeys(p *wordInfo) [nPrev]uint64 {
	return [nPrev]uint64{
		ner.Mix(fPrevW, p.word),
		ner.Mix(fPrevStem, p.stem),
		ner.Mix(fGivenPrev, p.given),
		ner.Mix(fCuePrev, p.cue),
		ner.Mix(fPrevSuf2, p.suf2),
		ner.Mix(fGazWordPrev, p.gw),
		ner.Mix(fDictPrev, p.dict),
		ner.Mix(fLexPrev, p.lex),
	}
}

// nextKeys are the features a token takes from the word after it.
func nextKeys(q *wordInfo) [nNext]uint64 {
	return [nNext]uint64{
		ner.Mix(fNextW, q.word),
		ner.Mix(fNextStem, q.stem),
		ner.Mix(fGivenNext, q.given),
		ner.Mix(fCueNext, q.cue),
		ner.Mix(fNextSuf2, q.suf2),
		ner.Mix(fGazWordNext, q.gw),
		ner.Mix(fLexNext, q.lex),
	}
}

// prev2Keys and next2Keys: from the words two places before and after.
func prev2Keys(p2 *wordInfo) [nPrev2]uint64 { return [nPrev2]uint64{ner.Mix(fPrev2W, p2.word)} }

func next2Keys(q2 *wordInfo) [nNext2]uint64 {
	return [nNext2]uint64{ner.Mix(fNext2W, q2.word), ner.Mix(fGivenNext2, q2.given)}
}

// at is token i's word, or the text's edge beyond either end.
func (fz *featurizer) at(i int) *wordInfo {
	if i < 0 || i >= len(fz.info) {
		return &fz.edge
	}
	return &fz.words[fz.info[i]]
}

// ctxKeys are token i's features that depend on more than one word.
func (fz *featurizer) ctxKeys(i int) [nCtx]uint64 {
	n := len(fz.info)
	mtagAt := func(i int) uint64 {
		if i < 0 || i >= n {
			return fz.edge.word
		}
		return fz.mtag[i]
	}
	lexPairAt := func(i int) uint64 {
		if i < 0 {
			return 255
		}
		return fz.lexPair[i]
	}
	w, p, q, p2 := fz.at(i), fz.at(i-1), fz.at(i+1), fz.at(i-2)
	return [nCtx]uint64{
		ner.Mix(fShape, fz.shape[i]),
		ner.Mix2(fBigramL, p.word, w.word),
		ner.Mix2(fBigramR, w.word, q.word),
		ner.Mix(fMention, fz.mtag[i]),
		ner.Mix(fMentionPrev, mtagAt(i-1)),
		ner.Mix(fMentionNext, mtagAt(i+1)),
		ner.Mix2(fCuePrev2, p2.cue, p.cue),
		ner.Mix2(fMentionShape, fz.mtag[i], fz.shape[i]),
		ner.Mix2(fStemPair, p.stem, w.stem),
		// an unknown word after a given name or a title is most often a
		// name, an ordinary one there a family name or not
		ner.Mix2(fDictAfter, w.dictNisba, ner.Mix(0, p.given)^p.cue),
		ner.Mix(fLexPairL, lexPairAt(i-1)),
		ner.Mix(fLexPairR, lexPairAt(i)),
	}
}

// keys writes token i's features, the word first.
func (fz *featurizer) keys(i int, out *[nerTemplates]uint64) {
	wi := fz.info[i]
	own := ownKeys(&fz.words[wi], fz.docMention[wi], fz.docContext[wi])
	pk, nk := prevKeys(fz.at(i-1)), nextKeys(fz.at(i+1))
	p2k, n2k := prev2Keys(fz.at(i-2)), next2Keys(fz.at(i+2))
	ctx := fz.ctxKeys(i)
	k := copy(out[:], own[:])
	k += copy(out[k:], pk[:])
	k += copy(out[k:], nk[:])
	k += copy(out[k:], p2k[:])
	k += copy(out[k:], n2k[:])
	copy(out[k:], ctx[:])
}

// taggedMentions combines the tagger's tags with the gazetteer and rule
// mentions: a gazetteer name stays as it is (it carries an identity); a
// tagged name replaces the rule mentions it overlaps; a rule mention of a
// kind the tagger does not know (products) stays; other rule mentions the
// tagger did not confirm are dropped (the tagger saw them as features and
// learnt how far to trust them).
func taggedMentions(text string, toks []token.Token, ms []mention, tags []int, classes []string, g *Gazetteer) []mention {
	kinds := map[string]string{"PERS": "person", "ORG": "organisation", "LOC": "place"}
	var spans []run
	var typs []string
	for i := 0; i < len(tags); i++ {
		c := classes[tags[i]]
		if c == "O" {
			continue
		}
		typ := c[2:]
		j := i + 1
		for j < len(tags) && classes[tags[j]] == "I-"+typ && !toks[j].Break {
			j++
		}
		spans = append(spans, run{i, j})
		typs = append(typs, kinds[typ])
		i = j - 1
	}
	overlaps := func(a Span, list []mention) bool {
		for _, m := range list {
			if m.span.Start < a.End && a.Start < m.span.End {
				return true
			}
		}
		return false
	}
	spans, typs = propagate(toks, spans, typs)
	var tagged []mention
	for k, r := range spans {
		start := toks[r.s].Start
		if f, ok := particleFree(&toks[r.s], g); ok {
			start = f
		}
		if typs[k] == "person" && shortAfterPreposition(text, &toks[r.s]) {
			continue // «لجان نوبل»: committees, not ل + جان
		}
		sp := Span{start, toks[r.e-1].End}
		for _, m := range ms {
			// the rule read the same name from the same word and stopped
			// before a definite noun: the noun is the object
			// («استقبل محمد بن راشد الوفد»)
			if m.entry < 0 && m.typ == typs[k] && m.typ == "person" && m.span.Start >= toks[r.s].Start && m.span.Start < toks[r.s].End &&
				r.e-r.s >= 3 && m.span.End == toks[r.e-2].End && strings.HasPrefix(toks[r.e-1].Norm, "ال") && !isFamilyNisba(toks[r.e-1].Norm) {
				sp.End = m.span.End
			}
			// … and the tagger stopped before the family name in a
			// nisba's form that the rule read («فراس الفلسطيني»)
			if m.entry < 0 && m.typ == typs[k] && m.typ == "person" && m.span.Start >= toks[r.s].Start && m.span.Start < toks[r.s].End &&
				r.e < len(toks) && m.span.End == toks[r.e].End && !toks[r.e].Break && isFamilyNisba(toks[r.e].Norm) {
				sp.End = m.span.End
			}
		}
		tagged = append(tagged, mention{span: sp, typ: typs[k], name: text[sp.Start:sp.End], entry: -1})
	}
	// a rule's person the tagger did not see at all stands when its words
	// say person without context: an unambiguous given name and a family
	// name in a nisba's form (4-fold CV unchanged, 74.85 / 74.84)
	tagged = append(tagged, givenNisbaPersons(toks, ms, tagged)...)
	var out []mention
	for _, m := range ms {
		// a place known only from GeoNames is often also a common word
		// («صور» Tyre / pictures) or names a club («برشلونة»): there the
		// tagger decides, and its span is linked back to the place by name
		if m.entry >= 0 && !g.entries[m.entry].HasTag("geonames") && !overruled(text, m, ms, tagged) {
			out = append(out, m)
		}
	}
	// a product named after its cue («نموذج “كيو دبليو كيو”») is a
	// product: the tagger knows no products
	for _, m := range ms {
		if m.entry < 0 && keepRule(m) && !overlaps(m.span, out) {
			out = append(out, m)
		}
	}
	fixed := out
	for _, m := range tagged {
		if !overlaps(m.span, fixed) {
			out = append(out, m)
		}
	}
	sortMentions(out)
	linkFamilyNames(out, g)
	return out
}

// keepRule: the rule mentions that stand whatever the tagger says.
func keepRule(m mention) bool {
	return m.typ != "person" && m.typ != "place"
}

// linkFamilyNames makes a one-word person mention that is the last word
// of a longer person's name in the same text a mention of that person
// («خافيير مونتيرو» … «مونتيرو»).
func linkFamilyNames(ms []mention, g *Gazetteer) {
	full := map[string]mention{}
	for _, m := range ms {
		if m.typ != "person" || m.entry >= 0 {
			continue
		}
		words := tokensOf(m.name)
		if len(words) >= 2 {
			if _, ok := full[words[len(words)-1]]; !ok {
				full[words[len(words)-1]] = m
			}
		}
	}
	for k := range ms {
		m := &ms[k]
		if m.typ != "person" || m.entry >= 0 || m.id != "" {
			continue
		}
		words := tokensOf(m.name)
		if len(words) != 1 {
			continue
		}
		if f, ok := full[words[0]]; ok {
			m.id, _ = ruleID(f, g)
			m.follow, m.full = true, f.name
		}
	}
}

type run struct{ s, e int } // token range, end exclusive

// propagate tags the other occurrences of a tagged person's name in the
// same text that the tagger left untagged (a name is read in context, and
// some contexts say less than others). Only people: a club or a party
// shares its words with places and common nouns too often. Only names of
// two words or more: a lone word tagged once («عباس», «جون») is too often
// a word or another's name elsewhere (4-fold CV, tagger+rules: every name
// 74.39, none 74.71, two words or more 74.76).
func propagate(toks []token.Token, spans []run, typs []string) ([]run, []string) {
	if len(spans) == 0 {
		return spans, typs
	}
	tagged := make([]bool, len(toks))
	for _, r := range spans {
		for k := r.s; k < r.e; k++ {
			tagged[k] = true
		}
	}
	names := map[string][]int{} // first word → indices into spans
	for k, r := range spans {
		w := toks[r.s].Norm
		if typs[k] != "person" || r.e-r.s < 2 || utf8.RuneCountInString(w) < 3 || arStop[w] || nonNameWords[w] {
			continue
		}
		names[w] = append(names[w], k)
	}
	var addS []run
	var addT []string
	for i := 0; i < len(toks); i++ {
		if tagged[i] || toks[i].Kind != token.Word {
			continue
		}
		cands := names[toks[i].Norm]
		best := -1
		for _, k := range cands {
			r := spans[k]
			n := r.e - r.s
			if i+n > len(toks) {
				continue
			}
			ok := true
			for j := 0; j < n; j++ {
				if tagged[i+j] || toks[i+j].Norm != toks[r.s+j].Norm {
					ok = false
					break
				}
			}
			if ok && (best < 0 || n > spans[best].e-spans[best].s) {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		n := spans[best].e - spans[best].s
		addS = append(addS, run{i, i + n})
		addT = append(addT, typs[best])
		i += n - 1
	}
	if len(addS) == 0 {
		return spans, typs
	}
	spans = append(spans, addS...)
	typs = append(typs, addT...)
	return spans, typs
}

// shortAfterPreposition: a word that is a name of three letters or less
// only once an attached «ب», «ل» or «ك» is taken off is most often another
// word («لجان» committees ≠ ل + جان).
func shortAfterPreposition(text string, t *token.Token) bool {
	if !t.Arabic || len(t.Forms) < 2 {
		return false
	}
	if _, ok := givenNames[t.Norm]; ok {
		return false
	}
	_, start, ok := token.FormOf(t, givenNames)
	if !ok || start == t.Start {
		return false
	}
	return strings.ContainsAny(text[t.Start:start], "بلك") && utf8.RuneCountInString(text[start:t.End]) < 4
}

// overruled reports whether the tagger reads a gazetteer name as part of a
// longer name or as another kind: «مدريد» is a place, but in «ريال مدريد»
// a club. Products and events stay (the tagger knows neither), and so does
// a name the tagger ran together with another known one.
func overruled(text string, m mention, ms, tagged []mention) bool {
	if m.typ == "product" || m.typ == "event" {
		return false // the tagger knows no products or events
	}
	for _, t := range tagged {
		if t.span.Start <= m.span.Start && m.span.End <= t.span.End {
			for _, o := range ms {
				if o.entry >= 0 && o.span != m.span && t.span.Start <= o.span.Start && o.span.End <= t.span.End {
					return false // the tagger ran two known names together
				}
			}
			// «لواشنطن» tagged whole is not longer than «واشنطن»
			longer := strings.ContainsAny(text[t.span.Start:m.span.Start], " \n") || strings.ContainsAny(text[m.span.End:t.span.End], " \n")
			if m.typ == "place" && !strings.ContainsAny(m.name, " \n") {
				// one word: a city or a club, a name or a common word
				// («مدريد», «صور»); a known place of two words or more
				// («وادي السليكون») is as sure as a known organisation
				return t.typ != m.typ || longer
			}
			// a known person or organisation only gives way to a longer
			// name of another kind («جامعة جورج واشنطن»), never to a
			// different reading of its own words
			return longer && t.typ != m.typ
		}
	}
	return false
}

// particleFree returns where a tagged name really starts when its first
// word carries an attached «و», «ف» or a preposition before the article
// («وبوش» → «بوش», «بالعراق» → «العراق»), unless the whole word is itself
// a known name («وليد», «واشنطن»).
func particleFree(t *token.Token, g *Gazetteer) (int, bool) {
	if !t.Arabic || len(t.Forms) < 2 {
		return 0, false
	}
	if _, ok := givenNames[t.Norm]; ok {
		return 0, false
	}
	if _, ok := g.index[t.Norm]; ok {
		return 0, false
	}
	for _, f := range t.Forms[1:] {
		if strings.HasPrefix(f.Text, "ال") && !strings.HasPrefix(t.Norm, "ال") {
			return f.Start, true
		}
	}
	for _, f := range t.Forms[1:] {
		if _, ok := g.index[f.Text]; ok {
			return f.Start, true // «لواشنطن» → «واشنطن»
		}
	}
	if strings.HasPrefix(t.Norm, "و") && utf8.RuneCountInString(t.Norm) >= 4 {
		for _, f := range t.Forms[1:] {
			if f.Text == t.Norm[len("و"):] {
				return f.Start, true
			}
		}
	}
	return 0, false
}

func sortMentions(ms []mention) {
	slices.SortStableFunc(ms, func(a, b mention) int { return a.span.Start - b.span.Start })
}

// givenNisbaPersons are the rule's people of a given name that is no
// common word and a family name in a nisba's form («سارة المنصوري») that
// the tagger left untagged.
func givenNisbaPersons(toks []token.Token, ms, tagged []mention) []mention {
	var out []mention
	k := 0
	for _, m := range ms {
		if m.entry >= 0 || m.typ != "person" {
			continue
		}
		for k < len(toks) && toks[k].End <= m.span.Start {
			k++
		}
		if k+1 >= len(toks) || toks[k+1].End != m.span.End || !isFamilyNisba(toks[k+1].Norm) {
			continue
		}
		g, ok := givenNames[toks[k].Norm]
		if !ok || g.ambiguous {
			continue
		}
		free := true
		for _, t := range tagged {
			if t.span.Start < m.span.End && m.span.Start < t.span.End {
				free = false
				break
			}
		}
		if free {
			out = append(out, m)
		}
	}
	return out
}
