package textnorm

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"annals/assets"
)

// Arabic attaches the article and several particles to the next word
// (والصين = و + ال + صين, للصين = ل + ال + صين, وبالبيت = و + ب + ال + بيت).
// Prefixes are tried longest first; a strip is only accepted when at least
// minStem letters remain, which keeps short names that merely start with
// these letters (بكين, لبنان) whole.
var arabicPrefixes = []string{
	"وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال",
	"لل", "ال", "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
}

const minStem = 3

// prefixesByFirst holds arabicPrefixes by their first letter (its index
// is the letter − U+0620), each list in arabicPrefixes' order.
var prefixesByFirst = func() (t [0x30][]string) {
	for _, p := range arabicPrefixes {
		r, _ := utf8.DecodeRuneInString(p)
		t[r-0x0620] = append(t[r-0x0620], p) // out of range: a panic at start-up
	}
	return t
}()

// prefixesFrom returns the prefixes that start with r.
func prefixesFrom(r rune) []string {
	if r < 0x0620 || r >= 0x0650 {
		return nil
	}
	return prefixesByFirst[r-0x0620]
}

// keepWhole lists folded words whose first letters look like a prefix but are
// part of the word or name; stripping them would make a different word. The
// Arabic names of the gazetteer (assets/gazetteer.tsv) are added to it.
var keepWhole = map[string]bool{
	"بكين": true, "بايدن": true, "بريطانيا": true, "لندن": true, "لبنان": true,
	"فرنسا": true, "فلسطين": true, "باريس": true, "برلين": true, "بغداد": true,
	"كندا": true, "كوريا": true, "ليبيا": true, "فيتنام": true, "بوتين": true,
	"واشنطن": true, "وادي": true, "وزير": true, "وزاره": true, "ولايه": true,
	"الله": true, "بيت": true, "بنك": true, "فيسبوك": true, "لينكدان": true,
	"وكاله": true, "وثيقه": true, "واقع": true, "وقت": true, "وضع": true, "وطني": true,
	"بلد": true, "بلاد": true, "برنامج": true, "بحث": true, "كبير": true, "كبيره": true,
	"لجنه": true, "فريق": true, "فكره": true, "بيان": true, "بورصه": true, "لقاء": true,
}

var protectOnce sync.Once

// protectGazetteerNames adds the gazetteer's Arabic name words that start
// with a prefix letter (but not with the article) to keepWhole.
func protectGazetteerNames() {
	// A malformed line stops the read here silently: data/analysis reads the
	// same file with the same reader and reports it.
	_ = assets.ReadGazetteer(bytes.NewReader(assets.Gazetteer), func(row assets.GazetteerRow) error {
		for _, name := range append([]string{row.NameAr}, row.AliasesAr...) {
			for _, w := range Tokens(Fold(name)) {
				r, _ := utf8.DecodeRuneInString(w)
				if !strings.ContainsRune("وفبلك", r) || strings.HasPrefix(w, "ال") || utf8.RuneCountInString(w) < minStem {
					continue
				}
				keepWhole[w] = true
			}
		}
		return nil
	})
}

// Stem removes attached Arabic prefixes from one folded token. Latin tokens
// are returned unchanged. A known word or name is never cut (بكين stays
// بكين), and one behind a prefix is returned whole (لواشنطن → واشنطن).
func Stem(token string) string {
	protectOnce.Do(protectGazetteerNames)
	r, _ := utf8.DecodeRuneInString(token)
	if token == "" || !IsArabic(r) {
		return token
	}
	// only the prefixes starting with the word's first letter can match;
	// a word starting with none of them is returned whole, as a known
	// word is, without a look-up (issue 19)
	prefixes := prefixesFrom(r)
	if prefixes == nil || keepWhole[token] {
		return token
	}
	for _, p := range prefixes {
		if !strings.HasPrefix(token, p) {
			continue
		}
		rest := token[len(p):]
		if keepWhole[rest] {
			return rest
		}
		if utf8.RuneCountInString(rest) >= minStem {
			return rest
		}
	}
	return token
}

// Tokens splits folded text into words: runs of letters and digits.
func Tokens(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}
