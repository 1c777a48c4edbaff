package analysis

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"annals/assets"
	"annals/data/analysis/ner"
	"annals/data/analysis/token"
)

// The English names tagger: package ner's structured perceptron over IO
// tags of four types, trained by tools/trainen (`make train-ner-en`) on
// the English dev splits of tools/eval's unseen gold and the annotated
// pages of tools/trainen/gold. Its features include the English rules'
// own verdict on each token (their mentions, BIO × type), so it learns
// when to trust them and finds the names they miss. Its model is
// embedded as assets.NEREnglish.
//
// The features are those of the rules' output: any change to the English
// rules changes them, and the model must be trained again (`make
// train-ner-en`; tools/trainen's TestEmbeddedModelIsTheTrainers fails
// until it is).

var englishModel = modelSlot{embedded: assets.NEREnglish}

func englishTagger() *ner.Model { return englishModel.get() }

// UseEnglishTagger replaces the embedded English tagger by m (nil turns it
// off). It is for tools/trainen, which scores a freshly trained model
// through the whole analysis; the app never calls it.
func UseEnglishTagger(m *ner.Model) { englishModel.use(m) }

// EnglishNERClasses are the English tagger's tags: IO over four types.
// The ner package holds at most 8 classes, so BIO over four types (9)
// does not fit; two names of one type with nothing between them are rare
// in English prose.
var EnglishNERClasses = []string{"O", "PER", "ORG", "LOC", "PRODUCT"}

// enClassKind is the entity type of each class.
var enClassKind = [...]string{"", "person", "organisation", "place", "product"}

// The English word list: Debian's wamerican (SCOWL), its lower-case
// entries ("words") and its capitalised ones ("proper"), as hashed keys
// (assets.NEREnglishWords, written by `make ner-words-en`).
type englishWordLists struct {
	words, proper *ner.WordSet
}

var englishWords = sync.OnceValue(func() *englishWordLists {
	out := &englishWordLists{}
	if len(assets.NEREnglishWords) == 0 {
		return out
	}
	lists, err := ner.ReadWordSets(assets.NEREnglishWords)
	if err != nil {
		return out // no word list: every word reads "none"
	}
	out.words = ner.NewWordSet(lists["words"])
	out.proper = ner.NewWordSet(lists["proper"])
	return out
})

// enWordKeyBits: a key is 24 bits of the word's hash; with about 100,000
// words one word in 170 that is no entry reads as one.
const enWordKeyBits = 24

// EnglishWordKey is the word list's key of a folded word (a token's Norm;
// tools/trainen writes the list with it).
func EnglishWordKey(norm string) uint32 { return enWordKey(ner.Hash(0, norm)) }

func enWordKey(h uint64) uint32 { return ner.KeyOf(h & (1<<enWordKeyBits - 1)) }

// Dictionary classes of a word.
const (
	enDictNone uint64 = iota
	enDictWord
	enDictProper
)

// Feature templates of the English tagger (ner.Mix's first argument; they
// only need to differ from one another and from ner's own 250–252). Left
// out, as they paid nothing on the annotated pages' folds (tools/trainen,
// found / precision within ±0.2 / ±0.4 of keeping them, and cheaper): the
// full shape, prefixes of 2 and 3 letters, suffixes of 2 and 4, the
// gazetteer's BIO on the token and its neighbours (the rules' mentions
// carry it), the rules' type of the same spelling elsewhere.
const (
	efBias byte = iota + 1
	efWord
	efLower
	efShort
	efSuf3
	efDict
	efStart
	efDictStart
	efGiven
	efDocLower
	efDocCapMid
	efW1
	efS1
	efWn1
	efSn1
	efW2
	efWn2
	efRule
	efRuleShape
	efRuleStart
	efWordRule
	efR1
	efRn1
	efBigram
	efS1S0
	efS0Sn1
)

// Rule codes of a token (enFeaturizer.rule): the kind of the rule mention
// covering it (enKind*), with enInside when it is not the mention's first
// token; 0 outside every mention. enEdgeL and enEdgeR stand for the
// sentence's edges in the neighbours' features.
const (
	enKindPerson uint64 = iota + 1
	enKindOrg
	enKindPlace
	enKindProduct
	enKindEvent
	enKindOther
	enInside uint64 = 8
	enEdgeL  uint64 = 32
	enEdgeR  uint64 = 33
)

func enKindOf(typ string) uint64 {
	switch typ {
	case "person":
		return enKindPerson
	case "organisation":
		return enKindOrg
	case "place":
		return enKindPlace
	case "product":
		return enKindProduct
	case "event":
		return enKindEvent
	}
	return enKindOther
}

// enWord is what the features read of one distinct spelling: the hashes of
// its own values, computed once per spelling.
type enWord struct {
	word, lower, short, suf3 uint64 // suf3: 0 for a word of fewer than three runes
	dict                     uint64 // enDict*
	given                    uint64 // 0, 1 a given name, 2 one that is also a word
	norm                     int32  // index into enFeaturizer.norms
	tok                      int32  // a token of this spelling
	upper                    bool   // a capitalised word
	ready                    bool   // the hashes above are computed (prepare)
	// the summed weights of the word's own features (mid-sentence) and of
	// those it gives its neighbours: tagEnglish's per-word sums
	own, asPrev, asNext, asPrev2, asNext2 ner.Scores
	summed                                bool
}

// enNorm is what the page says of a folded word elsewhere: written in
// lower case, capitalised inside a sentence.
type enNorm struct{ lower, capMid bool }

// enFeaturizer holds a text's feature values, reused between analyses.
type enFeaturizer struct {
	words        []enWord
	norms        []enNorm
	edgeL, edgeR enWord
	info         []int32  // token → index in words (tokens of fz.tagged only)
	rule         []uint64 // token → rule code
	start        []bool   // token starts a sentence
	sents        [][2]int // token ranges of the sentences
	tagged       [][2]int // the sentences to tag
	memo         map[string]int32
	normMemo     map[string]int32
	// bloom has bloomBit set for the folded form of every capitalised word
	// of fz.tagged
	bloom [1024]uint64
}

var enScratchPool = sync.Pool{New: func() any {
	return &enFeaturizer{memo: map[string]int32{}, normMemo: map[string]int32{}}
}}

// enShortShape hashes s's collapsed shape: letters X/x, digits d, other
// runes as they are, a run of one kind as one ("McDonald" → "XxXx").
func enShortShape(s string) (short uint64) {
	const prime = 1099511628211
	short = ner.Hash(0, "")
	var last rune = -1
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var sz int
			r, sz = utf8.DecodeRuneInString(s[i:])
			i += sz
		}
		var k rune
		switch {
		case 'A' <= r && r <= 'Z':
			k = 'X'
		case 'a' <= r && r <= 'z':
			k = 'x'
		case '0' <= r && r <= '9':
			k = 'd'
		case r < utf8.RuneSelf:
			k = r
		case unicode.IsUpper(r):
			k = 'X'
		case unicode.IsLetter(r):
			k = 'x'
		case unicode.IsDigit(r):
			k = 'd'
		default:
			k = r
		}
		if k != last {
			short = (short ^ uint64(k)) * prime
			last = k
		}
	}
	return short
}

// fill computes the feature values of toks: ms are the rules' mentions,
// starts the sentences' first tokens (sentenceStarts). Only the words of
// the sentences to tag (fz.tagged: the gated ones, or all of them when
// all is set) are looked up; what the page says of a capitalised word
// elsewhere is read from every token.
func (fz *enFeaturizer) fill(text string, toks []token.Token, starts []bool, ms []mention, all bool) {
	n := len(toks)
	h := func(s string) uint64 { return ner.Hash(0, s) }
	fz.start = grow(fz.start, n)
	copy(fz.start, starts)
	if n > 0 {
		fz.start[0] = true
	}
	// the sentences as token ranges, from each start to the next
	fz.sents = fz.sents[:0]
	from := 0
	for i := 1; i < n; i++ {
		if fz.start[i] {
			fz.sents = append(fz.sents, [2]int{from, i})
			from = i
		}
	}
	if n > 0 {
		fz.sents = append(fz.sents, [2]int{from, n})
	}
	// the rules' mentions, BIO × kind
	fz.rule = grow(fz.rule, n)
	for _, m := range ms {
		k := enKindOf(m.typ)
		i, _ := slices.BinarySearchFunc(toks, m.span.Start, func(t token.Token, off int) int { return t.Start - off })
		first := true
		for ; i < n && toks[i].Start < m.span.End; i++ {
			if toks[i].End > m.span.End {
				break
			}
			c := k
			if !first {
				c |= enInside
			}
			first = false
			fz.rule[i] = c
		}
	}
	fz.tagged = fz.tagged[:0]
	for _, s := range fz.sents {
		if all || fz.gated(toks, s) {
			fz.tagged = append(fz.tagged, s)
		}
	}
	// the words of the sentences to tag
	fz.info = grow(fz.info, n)
	fz.words = fz.words[:0]
	fz.norms = fz.norms[:0]
	clear(fz.bloom[:])
	for _, s := range fz.tagged {
		for i := s[0]; i < s[1]; i++ {
			t := &toks[i]
			w := text[t.Start:t.End]
			wi, ok := fz.memo[w]
			if !ok {
				e := enWord{norm: -1, tok: int32(i), upper: t.Kind == token.Word && t.Upper}
				if e.upper {
					ni, ok := fz.normMemo[t.Norm]
					if !ok {
						ni = int32(len(fz.norms))
						fz.norms = append(fz.norms, enNorm{})
						fz.normMemo[t.Norm] = ni
						b := bloomBit(t.Norm)
						fz.bloom[b>>6] |= 1 << (b & 63)
					}
					e.norm = ni
				}
				wi = int32(len(fz.words))
				fz.words = append(fz.words, e)
				fz.memo[w] = wi
			}
			fz.info[i] = wi
		}
	}
	// what the page says of those capitalised words elsewhere (a cheap
	// filter first: most tokens are no such word)
	for i := range toks {
		t := &toks[i]
		if t.Kind != token.Word {
			continue
		}
		if b := bloomBit(t.Norm); fz.bloom[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		ni, ok := fz.normMemo[t.Norm]
		if !ok {
			continue
		}
		if !t.Upper {
			fz.norms[ni].lower = true
		} else if !fz.start[i] {
			fz.norms[ni].capMid = true
		}
	}
	fz.edgeL = enWord{word: h("<s>"), lower: h("<s>"), short: h("<s>"), norm: -1, ready: true}
	fz.edgeR = enWord{word: h("</s>"), lower: h("</s>"), short: h("</s>"), norm: -1, ready: true}
}

// bloomBit is a folded word's bit in enFeaturizer.bloom: of its length and
// its first and last bytes, no hashing of the whole word.
func bloomBit(norm string) uint32 {
	if norm == "" {
		return 0
	}
	return (uint32(len(norm))*0x9e3779b1 ^ uint32(norm[0])<<8 ^ uint32(norm[len(norm)-1])*0x85ebca6b) >> 16
}

// prepare computes the hashes of w's own values (only the words of the
// sentences the tagger reads need them).
func (fz *enFeaturizer) prepare(text string, toks []token.Token, w *enWord) {
	if w.ready {
		return
	}
	w.ready = true
	h := func(s string) uint64 { return ner.Hash(0, s) }
	t := &toks[w.tok]
	w.word, w.lower = h(text[t.Start:t.End]), h(t.Norm)
	w.short = enShortShape(text[t.Start:t.End])
	if len(t.Norm) >= 3 && utf8.RuneCountInString(t.Norm) >= 3 {
		w.suf3 = h(lastRunes(t.Norm, 3))
	}
	dict := englishWords()
	k := enWordKey(w.lower)
	switch {
	case dict.words.Has(k):
		w.dict = enDictWord
	case dict.proper.Has(k):
		w.dict = enDictProper
	}
	if w.upper {
		if amb, ok := givenNamesEn[t.Norm]; ok {
			w.given = 1
			if amb {
				w.given = 2
			}
		}
	}
}

// prepareAll prepares the words of tokens [from, to).
func (fz *enFeaturizer) prepareAll(text string, toks []token.Token, from, to int) {
	for i := from; i < to; i++ {
		fz.prepare(text, toks, &fz.words[fz.info[i]])
	}
}

// Groups of a token's features: those of its own word (mid-sentence:
// enOwnKeys; at a sentence's start enStartKeys replace enMidKeys), those
// it takes from the words one and two places before and after it (each
// depends on that word alone), and those of its context (enCtxKeys).

func enOwnKeys(out []uint64, w *enWord) []uint64 {
	out = append(out,
		ner.Mix(efBias, 0), ner.Mix(efWord, w.word), ner.Mix(efLower, w.lower), ner.Mix(efShort, w.short),
		ner.Mix2(efDict, w.dict, w.short))
	if w.suf3 != 0 {
		out = append(out, ner.Mix(efSuf3, w.suf3))
	}
	return out
}

// enPlaceKeys are a word's features that depend on whether it starts its
// sentence (st 1) or not (0).
func (fz *enFeaturizer) enPlaceKeys(out []uint64, w *enWord, st uint64) []uint64 {
	out = append(out, ner.Mix2(efStart, st, w.short), ner.Mix2(efDictStart, w.dict<<1|st, w.short))
	if w.given != 0 {
		out = append(out, ner.Mix2(efGiven, w.given, st))
	}
	if w.upper {
		nm := fz.norms[w.norm]
		out = append(out, ner.Mix2(efDocLower, b2u(nm.lower), st), ner.Mix2(efDocCapMid, b2u(nm.capMid), st))
	}
	return out
}

// enShapeKeys are the keys, among a word's mid-sentence own features
// (enOwnKeys, enPlaceKeys with st 0) and those it gives its neighbours
// (enPrevKeys, enNextKeys), that depend on its shape and class alone: a
// page has few such pairs, so tagEnglish sums them once per pair.
func enShapeKeys(short, dict uint64) (own [5]uint64, prev, next uint64) {
	return [5]uint64{ner.Mix(efBias, 0), ner.Mix(efShort, short), ner.Mix2(efDict, dict, short),
		ner.Mix2(efStart, 0, short), ner.Mix2(efDictStart, dict<<1, short)}, ner.Mix(efS1, short), ner.Mix(efSn1, short)
}

// enWordOwnKeys are the rest of a word's mid-sentence own features.
func (fz *enFeaturizer) enWordOwnKeys(out []uint64, w *enWord) []uint64 {
	out = append(out, ner.Mix(efWord, w.word), ner.Mix(efLower, w.lower))
	if w.suf3 != 0 {
		out = append(out, ner.Mix(efSuf3, w.suf3))
	}
	if w.given != 0 {
		out = append(out, ner.Mix2(efGiven, w.given, 0))
	}
	if w.upper {
		nm := fz.norms[w.norm]
		out = append(out, ner.Mix2(efDocLower, b2u(nm.lower), 0), ner.Mix2(efDocCapMid, b2u(nm.capMid), 0))
	}
	return out
}

func enPrevKeys(out []uint64, p *enWord) []uint64 {
	return append(out, ner.Mix(efW1, p.lower), ner.Mix(efS1, p.short))
}

func enNextKeys(out []uint64, q *enWord) []uint64 {
	return append(out, ner.Mix(efWn1, q.lower), ner.Mix(efSn1, q.short))
}

func enPrev2Keys(out []uint64, p *enWord) []uint64 { return append(out, ner.Mix(efW2, p.lower)) }

func enNext2Keys(out []uint64, q *enWord) []uint64 { return append(out, ner.Mix(efWn2, q.lower)) }

// at is token j's word within sentence s, or the sentence's edge.
func (fz *enFeaturizer) at(j int, s [2]int) *enWord {
	switch {
	case j < s[0]:
		return &fz.edgeL
	case j >= s[1]:
		return &fz.edgeR
	}
	return &fz.words[fz.info[j]]
}

// enCodeAt is token j's code in codes within sentence s (the edges' codes
// beyond it).
func enCodeAt(codes []uint64, j int, s [2]int) uint64 {
	switch {
	case j < s[0]:
		return enEdgeL
	case j >= s[1]:
		return enEdgeR
	}
	return codes[j]
}

// enCtxKeys are token i's features that depend on more than its word.
func (fz *enFeaturizer) enCtxKeys(out []uint64, i int, s [2]int) []uint64 {
	w, p, q := fz.at(i, s), fz.at(i-1, s), fz.at(i+1, s)
	if r := fz.rule[i]; r != 0 {
		st := b2u(fz.start[i])
		out = append(out, ner.Mix(efRule, r), ner.Mix2(efRuleShape, r, w.short),
			ner.Mix2(efRuleStart, r, st<<2|w.dict), ner.Mix2(efWordRule, w.lower, r))
	}
	return append(out,
		ner.Mix(efR1, enCodeAt(fz.rule, i-1, s)), ner.Mix(efRn1, enCodeAt(fz.rule, i+1, s)),
		ner.Mix2(efBigram, p.lower, w.lower),
		ner.Mix2(efS1S0, p.short, w.short), ner.Mix2(efS0Sn1, w.short, q.short))
}

// keys appends every feature of token i of sentence s (what tools/trainen
// trains on; tagEnglish sums the same keys by groups).
func (fz *enFeaturizer) keys(out []uint64, i int, s [2]int) []uint64 {
	w := &fz.words[fz.info[i]]
	out = enOwnKeys(out, w)
	out = fz.enPlaceKeys(out, w, b2u(fz.start[i]))
	out = enPrevKeys(out, fz.at(i-1, s))
	out = enNextKeys(out, fz.at(i+1, s))
	out = enPrev2Keys(out, fz.at(i-2, s))
	out = enNext2Keys(out, fz.at(i+2, s))
	return fz.enCtxKeys(out, i, s)
}

// gated reports whether sentence s needs the tagger: it holds a
// capitalised word no rule mention covers (its first word counts only
// when it is no ordinary English word: "The", "However"). Elsewhere the
// rules' mentions are all the tagger would return.
func (fz *enFeaturizer) gated(toks []token.Token, s [2]int) bool {
	for i := s[0]; i < s[1]; i++ {
		t := &toks[i]
		if t.Kind != token.Word || !t.Upper || fz.rule[i] != 0 {
			continue
		}
		if i == s[0] && englishWords().words.Has(enWordKey(ner.Hash(0, t.Norm))) {
			continue
		}
		return true
	}
	return false
}

// EnglishWordShare counts, over the first lower-case Latin words of toks
// (at most enShareSample of them), how many it looked up and how many are
// ordinary English words (the word list's lower-case entries).
// DetectLanguage only tells Arabic from Latin script; this tells English
// prose (most of its lower-case words are English words) from Italian,
// Portuguese, German… (few are). The text's first words, not a sample
// spread through it: one pass over a few hundred tokens, where a second
// pass over all of them to spread the sample cost twice as much.
func EnglishWordShare(toks []token.Token) (looked, english int) {
	dict := englishWords().words
	for i := range toks {
		t := &toks[i]
		if t.Kind != token.Word || t.Upper || t.Arabic {
			continue
		}
		looked++
		if dict.Has(enWordKey(ner.Hash(0, t.Norm))) {
			english++
		}
		if looked == enShareSample {
			break
		}
	}
	return looked, english
}

// enShareSample is how many lower-case words EnglishWordShare looks up at
// most.
const enShareSample = 256

// enShareMin is the English word share (%) below which a Latin-script
// text is not read as English and the tagger leaves it to the rules
// (tools/trainen -langshare): of the training pages (all English) none is
// below 85, of the labelled non-English pages (German, French, Spanish,
// Portuguese, Italian, Polish, Indonesian, Russian, CJK…) none whose text
// is not English above 48; the rules themselves run on every Latin page.
const enShareMin = 60

// readsEnglish reports whether the tagger may read toks: their lower-case
// words are mostly English words, or there are none to tell.
func readsEnglish(toks []token.Token) bool {
	looked, english := EnglishWordShare(toks)
	return looked == 0 || english*100 >= enShareMin*looked
}

// NERFeaturesEnglish analyses text's entities with the English rules alone
// and returns its tokens, every token's tagger features exactly as
// Analyze computes them, and the sentences as token ranges [from, to)
// (for tools/trainen).
func NERFeaturesEnglish(text string) ([]token.Token, [][]uint64, [][2]int) {
	g := DefaultGazetteer()
	toks := token.Tokenize(text)
	var feats [][]uint64
	var sents [][2]int
	findEntitiesWith(text, toks, Sentences(text), g, nil, func(ms []mention, starts []bool) {
		fz := &enFeaturizer{memo: map[string]int32{}, normMemo: map[string]int32{}}
		fz.fill(text, toks, starts, ms, true)
		fz.prepareAll(text, toks, 0, len(toks))
		feats = make([][]uint64, len(toks))
		var all []uint64
		for _, s := range fz.sents {
			for i := s[0]; i < s[1]; i++ {
				from := len(all)
				all = fz.keys(all, i, s)
				feats[i] = all[from:len(all):len(all)]
			}
		}
		sents = slices.Clone(fz.sents)
	})
	return toks, feats, sents
}

// enShapeSums are the summed weights of enShapeKeys.
type enShapeSums struct{ own, asPrev, asNext ner.Scores }

// enTagScratch is tagEnglish's working memory besides the featurizer.
type enTagScratch struct {
	shapeMemo map[[2]uint64]int32
	shapes    []enShapeSums
	keys      []uint64
	static    []ner.Scores
	cls       []uint8
	back      [][8]int8
	sents     [][2]int
}

var enTagPool = sync.Pool{New: func() any { return &enTagScratch{shapeMemo: map[[2]uint64]int32{}} }}

// enSpan is a name the tagger found: a token range and its class.
type enSpan struct {
	from, to int
	class    int
}

// tagEnglish tags the gated sentences of toks (see gated) with m and
// returns the names found; nothing on a text that does not read as
// English (readsEnglish). A word's own features and those it gives its
// neighbours are summed once per distinct word, the context's per token;
// the tags are those of m.Tag over NERFeaturesEnglish's features (the
// weights are integers: the order of the sums changes nothing).
func tagEnglish(m *ner.Model, text string, toks []token.Token, starts []bool, ms []mention) []enSpan {
	if !readsEnglish(toks) {
		return nil
	}
	return tagReadEnglish(m, text, toks, starts, ms)
}

// tagReadEnglish is tagEnglish on a text known to read as English
// (findEntitiesWith reads the share once for its own gate and this one).
func tagReadEnglish(m *ner.Model, text string, toks []token.Token, starts []bool, ms []mention) []enSpan {
	fz := enScratchPool.Get().(*enFeaturizer)
	sc := enTagPool.Get().(*enTagScratch)
	defer func() {
		clear(fz.memo) // the pool must not keep the text alive
		clear(fz.normMemo)
		enScratchPool.Put(fz)
		enTagPool.Put(sc)
	}()
	fz.fill(text, toks, starts, ms, false)
	clear(sc.shapeMemo) // the model may differ from the last call's (UseEnglishTagger)
	sc.shapes = sc.shapes[:0]
	sc.sents = fz.tagged
	total := 0
	for _, s := range sc.sents {
		total += s[1] - s[0]
	}
	if total == 0 {
		return nil
	}
	sum := func(dst *ner.Scores, keys []uint64) {
		sc.keys = keys
		m.Add(dst, keys)
	}
	wordSums := func(w *enWord) {
		if w.summed {
			return
		}
		w.summed = true
		k := [2]uint64{w.short, w.dict}
		si, ok := sc.shapeMemo[k]
		if !ok {
			si = int32(len(sc.shapes))
			sc.shapeMemo[k] = si
			own, prev, next := enShapeKeys(w.short, w.dict)
			var x enShapeSums
			sum(&x.own, append(sc.keys[:0], own[:]...))
			sum(&x.asPrev, append(sc.keys[:0], prev))
			sum(&x.asNext, append(sc.keys[:0], next))
			sc.shapes = append(sc.shapes, x)
		}
		x := &sc.shapes[si]
		w.own, w.asPrev, w.asNext = x.own, x.asPrev, x.asNext
		sum(&w.own, fz.enWordOwnKeys(sc.keys[:0], w))
		sum(&w.asPrev, append(sc.keys[:0], ner.Mix(efW1, w.lower)))
		sum(&w.asNext, append(sc.keys[:0], ner.Mix(efWn1, w.lower)))
		w.asPrev2, w.asNext2 = ner.Scores{}, ner.Scores{}
		sum(&w.asPrev2, enPrev2Keys(sc.keys[:0], w))
		sum(&w.asNext2, enNext2Keys(sc.keys[:0], w))
	}
	wordSums(&fz.edgeL)
	wordSums(&fz.edgeR)
	for _, s := range sc.sents {
		fz.prepareAll(text, toks, s[0], s[1])
		for i := s[0]; i < s[1]; i++ {
			wordSums(&fz.words[fz.info[i]])
		}
	}
	sc.static = grow(sc.static, total)
	sc.cls = grow(sc.cls, total)
	k := 0
	for _, s := range sc.sents {
		for i := s[0]; i < s[1]; i++ {
			w := &fz.words[fz.info[i]]
			st := &sc.static[k]
			if fz.start[i] {
				// the word's own features at a sentence's start
				sum(st, fz.enPlaceKeys(enOwnKeys(sc.keys[:0], w), w, 1))
			} else {
				*st = w.own
			}
			p, q, p2, q2 := fz.at(i-1, s), fz.at(i+1, s), fz.at(i-2, s), fz.at(i+2, s)
			for _, x := range [...]*ner.Scores{&p.asPrev, &q.asNext, &p2.asPrev2, &q2.asNext2} {
				for c := range st {
					st[c] += x[c]
				}
			}
			sum(st, fz.enCtxKeys(sc.keys[:0], i, s))
			if i == s[0] {
				sc.cls[k] = ner.Restart
			}
			k++
		}
	}
	var tags []int
	tags, sc.back = m.DecodeStructured(sc.static, sc.cls, sc.back)
	var out []enSpan
	k = 0
	for _, s := range sc.sents {
		for i := s[0]; i < s[1]; i++ {
			c := tags[k+i-s[0]]
			if c == 0 {
				continue
			}
			j := i + 1
			for j < s[1] && tags[k+j-s[0]] == c {
				j++
			}
			out = append(out, enSpan{i, j, c})
			i = j - 1
		}
		k += s[1] - s[0]
	}
	return out
}

// mergeEnglishTags adds the tagger's names to the rules' mentions ms: a
// tagged name no rule mention overlaps is a new mention; one that
// overlaps a rule mention without being one of them takes its place (the
// rules' "Amphitheatre", a person, inside the tagger's "Shoreline
// Amphitheatre"); one that is a rule mention leaves it as it is. Where the
// rules decided on purpose, they stand: a tagged name inside a longer rule
// mention ("Securities and Exchange Commission" in "U.S. Securities and
// Exchange Commission", "HBO" in "HBO+"), one that runs two rule mentions
// together, a quoted title the rules left out, a word made of a person's
// family name ("Reddickers"). A tagged name ends before a comma or a
// punctuation mark ("Orbital Robotics, Inc." → "Orbital Robotics").
func mergeEnglishTags(text string, toks []token.Token, ms []mention, spans []enSpan, g *Gazetteer) []mention {
	if len(spans) == 0 {
		return ms
	}
	rules := len(ms)
	var dropped []bool
	for _, s := range spans {
		from, to := s.from, s.to
		for k := from; k < to; k++ {
			if toks[k].Norm == "," {
				to = k
				break
			}
		}
		for from < to && toks[from].Kind == token.Punct {
			from++
		}
		for to > from && toks[to-1].Kind == token.Punct {
			to--
		}
		if from == to {
			continue
		}
		typ := enClassKind[s.class]
		if (typ == "person" || typ == "organisation") && from > 0 && (toks[from-1].Norm == "“" || toks[from-1].Norm == "\"") &&
			to-from >= 2 && inQuotedTitle(toks, from, to) {
			continue
		}
		if to-from == 1 && personDerived(toks[from].Norm, ms[:rules]) {
			continue
		}
		sp := Span{toks[from].Start, toks[to-1].End}
		same, inside, hits := false, false, 0
		for k := range rules {
			if (dropped != nil && dropped[k]) || ms[k].span.End <= sp.Start || sp.End <= ms[k].span.Start {
				continue
			}
			hits++
			same = same || ms[k].span == sp
			inside = inside || (ms[k].span.Start <= sp.Start && sp.End <= ms[k].span.End)
			if ms[k].typ == typ && sp.Start <= ms[k].span.Start && ms[k].span.End <= sp.End && acronymsOnly(text, toks, from, to, ms[k].span) {
				// "Tallow Sports NFL Insider Jason Merrow": the rule's
				// organisation, then a role
				same = true
			}
		}
		if same || inside || hits >= 2 {
			continue
		}
		if hits > 0 {
			if dropped == nil {
				dropped = make([]bool, rules)
			}
			for k := range rules {
				if ms[k].span.Start < sp.End && sp.Start < ms[k].span.End {
					dropped[k] = true
				}
			}
		}
		m := mention{span: sp, typ: typ, name: text[sp.Start:sp.End], entry: -1}
		m.id, m.entry = ruleID(m, g)
		ms = append(ms, m)
	}
	if dropped != nil {
		kept := ms[:0]
		for k, m := range ms {
			if k >= rules || !dropped[k] {
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	sortMentions(ms)
	return ms
}

// personDerived reports whether the folded word w is a word made of the
// family name of a person among ms: "Reddicks", "Reddickers" after "Tom
// Reddick".
func personDerived(w string, ms []mention) bool {
	for _, m := range ms {
		if m.typ != "person" {
			continue
		}
		last := m.name
		if i := strings.LastIndexByte(last, ' '); i >= 0 {
			last = last[i+1:]
		}
		if len(last) < 3 || len(w) <= len(last) || !strings.EqualFold(w[:len(last)], last) {
			continue
		}
		switch w[len(last):] {
		case "s", "es", "ers", "ites", "ians", "ism", "ists":
			return true
		}
	}
	return false
}

// acronymsOnly reports whether the tokens [from, to) outside span are all
// words in capitals ("NFL").
func acronymsOnly(text string, toks []token.Token, from, to int, span Span) bool {
	extra := false
	for k := from; k < to; k++ {
		t := &toks[k]
		if t.Start >= span.Start && t.End <= span.End {
			continue
		}
		extra = true
		w := text[t.Start:t.End]
		if t.Kind != token.Word || len(w) < 2 || strings.ToUpper(w) != w {
			return false
		}
	}
	return extra
}
