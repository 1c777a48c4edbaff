package textnorm

import (
	"strings"
	"unicode"
)

// Arabic attaches the article and several particles to the next word
// (والصين = و + ال + صين). Prefixes are tried longest first; a strip is only
// accepted when at least minStem letters remain, which keeps short names that
// merely start with these letters (بكين, لبنان) whole.
var arabicPrefixes = []string{"وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك"}

const minStem = 3

// keepWhole lists folded words whose first letters look like a prefix but are
// part of the name; stripping them would make a different word.
var keepWhole = map[string]bool{
	"بكين": true, "بايدن": true, "بريطانيا": true, "لندن": true, "لبنان": true,
	"فرنسا": true, "فلسطين": true, "باريس": true, "برلين": true, "بغداد": true,
	"كندا": true, "كوريا": true, "ليبيا": true, "فيتنام": true, "بوتين": true,
	"واشنطن": true, "وادي": true, "وزير": true, "وزاره": true, "ولايه": true,
	"الله": true, "بيت": true, "بنك": true, "فيسبوك": true, "لينكدان": true,
}

// Stem removes attached Arabic prefixes from one folded token. Latin tokens
// are returned unchanged.
func Stem(token string) string {
	if keepWhole[token] {
		return token
	}
	r := []rune(token)
	if len(r) == 0 || !IsArabic(r[0]) {
		return token
	}
	for _, p := range arabicPrefixes {
		if !strings.HasPrefix(token, p) {
			continue
		}
		rest := strings.TrimPrefix(token, p)
		if keepWhole[rest] {
			return rest
		}
		if len([]rune(rest)) >= minStem {
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
