package analysis

import (
	"strings"
	"sync"
	"unicode/utf8"

	"annals/assets"
	"annals/data/analysis/ner"
	"annals/data/analysis/token"
)

// The Arabic tagger's dictionary feature: whether a word is an ordinary
// Arabic word. Most names the tagger misses are transliterated foreign
// names the training part never saw («كافلنيكوف»); such a word is in no
// Arabic dictionary, while an unseen ordinary word is. The word lists are
// Ayaspell's (Debian's hunspell-ar), expanded with their suffix rules and
// kept as hashed keys (assets.NERArabicWords, written by
// `make ner-words`).

// arabicWordLists are the loaded lists: ordinary words, and the proper
// names (countries, capitals, given names) Ayaspell lists apart.
type arabicWordLists struct {
	words, names *ner.WordSet
}

var arabicWords = sync.OnceValue(func() *arabicWordLists {
	out := &arabicWordLists{}
	if len(assets.NERArabicWords) == 0 {
		return out
	}
	lists, err := ner.ReadWordSets(assets.NERArabicWords)
	if err != nil {
		return out // no dictionary: every word reads "unknown", as the tests of the asset check
	}
	out.words = ner.NewWordBits(lists["words"], wordKeyBits)
	out.names = ner.NewWordSet(lists["names"])
	return out
})

// dictSuffixes are the endings a dictionary key drops (one, the first that
// fits, leaving at least three letters): pronouns, plural and dual
// endings. Expanded with all its suffixes Ayaspell has 3.2 million forms;
// cut this way, 1.07 million keys. (Cutting one-letter endings too, 400,000
// keys, made «أنان» the word «أنا» and «سولانا» a word: foreign names
// end in those letters.) The lookup cuts a word the same way.
var dictSuffixes = []string{
	"هما", "كما", "تان", "تين", "تما", "تم", "تن", "ها", "هم", "هن", "كم", "كن", "نا", "ات", "ون", "ين", "ان", "وا",
}

// wordKeyBits: a key is 24 bits of the word's hash, and the set a bit per
// possible key (2 MB, which stays in the processor's cache: with 26 bits,
// 8 MB, the lookups were 5 % of the seed's analysis, with 24 bits 2.7 %).
// With a million keys one word in sixteen that is no key reads as one: in
// 4-fold CV the same F1 as 26 bits (tagger+rules 73.19 vs 73.30).
const wordKeyBits = 24

// ArabicWordKey is the dictionary key of a folded Arabic word (for
// tools/trainner, which writes the lists, and the lookup).
func ArabicWordKey(w string) uint32 {
	if len(w) >= 2*5 { // three Arabic letters left after a two-letter suffix
		// the suffixes that end in w's last letter, in dictSuffixes' order
		var cands []string
		switch w[len(w)-2:] {
		case "ا":
			cands = suffixesA
		case "ن":
			cands = suffixesN
		case "م":
			cands = suffixesM
		case "ت":
			cands = suffixesT
		}
		n := -1 // rune count, counted only when a suffix fits
		for _, s := range cands {
			if len(s) < len(w) && w[len(w)-len(s):] == s {
				if n < 0 {
					n = utf8.RuneCountInString(w)
				}
				if n-len(s)/2 >= 3 { // the suffixes are Arabic: two bytes a letter
					w = w[:len(w)-len(s)]
					break
				}
			}
		}
	}
	return ner.KeyOf(ner.Hash(0, w) & (1<<wordKeyBits - 1))
}

// dictSuffixes by last letter (every one ends in «ا», «ن», «م» or «ت»).
var suffixesA, suffixesN, suffixesM, suffixesT = suffixesEndingIn("ا"), suffixesEndingIn("ن"), suffixesEndingIn("م"), suffixesEndingIn("ت")

func suffixesEndingIn(last string) []string {
	var out []string
	for _, s := range dictSuffixes {
		if strings.HasSuffix(s, last) {
			out = append(out, s)
		}
	}
	return out
}

// Dictionary classes of a word (wordInfo.dict): not an Arabic word, an
// ordinary word, a listed proper name only, both, neither.
const (
	dictNone    = ""
	dictWord    = "w"
	dictName    = "n"
	dictBoth    = "wn"
	dictUnknown = "u"
)

// dictClass says whether t, one of its forms (particles off) or that
// form without the article is in the dictionary's words or names.
func (d *arabicWordLists) dictClass(t *token.Token) string {
	if t.Kind != token.Word || !t.Arabic || d.words == nil {
		return dictNone
	}
	// the keys of the word, of its forms without particles, and of those
	// without the article or the future's «س» («سيواصل»); then every
	// lookup at once: loads that do not wait on one another (the word
	// list is 2 MB, a lookup often a cache miss)
	var keys [12]uint32
	n := 0
	add := func(s string) {
		if n < len(keys) {
			keys[n] = ArabicWordKey(s)
			n++
		}
	}
	add(t.Norm)
	for k, f := range t.Forms {
		if k > 0 {
			if len(f.Text) < 2*3 {
				continue // «بوش» is no «ب» + «وش»
			}
			add(f.Text)
		}
		if rest, ok := strings.CutPrefix(f.Text, "ال"); ok && len(rest) >= 2*2 {
			add(rest)
		} else if rest, ok := strings.CutPrefix(f.Text, "س"); ok && len(rest) >= 2*3 && strings.ContainsAny(rest[:2], "يتنا") {
			add(rest)
		}
	}
	word, name := false, false
	for _, k := range keys[:n] {
		word = d.words.Has(k) || word
	}
	for _, k := range keys[:n] {
		name = d.names.Has(k) || name
	}
	switch {
	case word && name:
		return dictBoth
	case word:
		return dictWord
	case name:
		return dictName
	}
	return dictUnknown
}
