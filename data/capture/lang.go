package capture

import (
	"fmt"
	"strings"
	"unicode"
)

// languageStep sets Language and Direction. Neither readability nor the HTML
// parser reports direction, and many pages declare no language (or the wrong
// one: a site-wide lang="en" template around an Arabic article).
func languageStep(j *job) error {
	lang, dir, warning := detectLanguage(j.page.langs, j.page.dirs, j.doc.Text)
	j.doc.Language, j.doc.Direction = lang, dir
	if warning != "" {
		j.doc.Warn(warning)
	}
	return nil
}

// detectLanguage decides the article's language and direction:
//  1. the first valid declared language (<html lang>, <body lang>,
//     Content-Language, og:locale), reduced to its primary subtag;
//  2. the script of the text: mostly Arabic letters gives "ar" (or "fa"/"ur"
//     from their own letters), mostly Hebrew "he", Chinese characters "zh"
//     ("ja" with kana among them), Hangul "ko", Latin with common English
//     words "en". The text wins over a declaration when one is right-to-left
//     and the other is not, with a warning;
//  3. the direction follows the language; only when the language is unknown
//     does a dir attribute (<html dir>, <body dir>) decide, else "ltr".
func detectLanguage(declared, dirs []string, text string) (lang, dir, warning string) {
	for _, tag := range declared {
		if lang = primarySubtag(tag); lang != "" {
			break
		}
	}
	// A declared left-to-right language only gives way to a right-to-left
	// guess: the script tells that, and the English word count is skipped.
	guess := guessLanguage(text, lang == "" || isRTL(lang))
	switch {
	case lang == "":
		lang = guess
	case guess != "" && isRTL(guess) != isRTL(lang):
		warning = fmt.Sprintf("The page says it is in %s, but its text is in %s; Annals treats it as %s.",
			languageName(lang), languageName(guess), languageName(guess))
		lang = guess
	}
	switch {
	case lang != "" && isRTL(lang):
		dir = "rtl"
	case lang != "":
		dir = "ltr"
	default:
		dir = "ltr"
		for _, d := range dirs {
			if d = strings.ToLower(strings.TrimSpace(d)); d == "rtl" || d == "ltr" {
				dir = d
				break
			}
		}
	}
	return lang, dir, warning
}

// primarySubtag reduces a BCP-47 tag ("ar-EG", "en_GB") to its language
// ("ar", "en"); "" when it is not one.
func primarySubtag(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	tag, _, _ = strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	if len(tag) < 2 || len(tag) > 3 || tag == "und" || strings.IndexFunc(tag, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return ""
	}
	switch tag { // deprecated codes still seen in the wild
	case "iw":
		return "he"
	case "ji":
		return "yi"
	case "in":
		return "id"
	}
	return tag
}

var rtlLanguages = map[string]bool{
	"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true, "ps": true,
	"sd": true, "syr": true, "ug": true, "ur": true, "yi": true,
}

func isRTL(lang string) bool { return rtlLanguages[lang] }

// isArabicScript reports whether lang is written in Arabic script; reading
// speed is slower there (see ReadingMinutes).
func isArabicScript(lang string) bool {
	switch lang {
	case "ar", "fa", "ur", "ps", "sd", "ckb", "ug":
		return true
	}
	return false
}

var languageNames = map[string]string{
	"ar": "Arabic", "en": "English", "fa": "Persian", "ur": "Urdu", "he": "Hebrew", "fr": "French",
	"de": "German", "es": "Spanish", "tr": "Turkish", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
}

func languageName(lang string) string {
	if n, ok := languageNames[lang]; ok {
		return n
	}
	return fmt.Sprintf("%q", lang)
}

// sampleRunes bounds the work of guessLanguage on very long articles.
const sampleRunes = 20000

// guessLanguage guesses the language from the script of the letters. It only
// answers when one script holds at least half the letters. english says
// whether Latin text is worth telling apart as English by its common words.
func guessLanguage(text string, english bool) string {
	var letters, arabic, hebrew, latin, persian, urdu, arabicOnly, han, kana, hangul int
	var words, englishCount int
	n := 0
	for _, r := range text {
		if n++; n > sampleRunes {
			break
		}
		if r < 0x80 { // ASCII: skip the Unicode table searches
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				letters++
				latin++
			}
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Arabic, r):
			arabic++
			switch r {
			case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
				persian++
			case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ھ':
				urdu++
			case 'ي', 'ك', 'ة':
				arabicOnly++
			}
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		}
	}
	switch {
	case letters == 0:
		return ""
	case arabic*2 >= letters:
		switch {
		case urdu*100 >= arabic:
			return "ur"
		case persian > arabicOnly:
			return "fa"
		}
		return "ar"
	case hebrew*2 >= letters:
		return "he"
	case (han+kana)*2 >= letters:
		// Japanese mixes kana into its Chinese characters; Chinese has none.
		if kana*10 >= han+kana {
			return "ja"
		}
		return "zh"
	case hangul*2 >= letters:
		return "ko"
	case latin*2 >= letters && english:
		forEachWord(text, func(w string) bool {
			if words == 2000 {
				return false
			}
			words++
			w = strings.Trim(w, ".,;:!?\"'()“”‘’")
			// No word of englishWords is longer than englishWordMax, and
			// lower-casing a longer word cannot make one of them (only
			// the Kelvin sign lowers to fewer bytes, into a k none has).
			if len(w) <= englishWordMax && (englishWords[w] || (hasUpper(w) && englishWords[strings.ToLower(w)])) {
				englishCount++
			}
			return true
		})
		if words > 0 && englishCount*100 >= words*12 {
			return "en"
		}
	}
	return ""
}

// englishWords are frequent English function words: together they make up a
// quarter or more of running English text, and little of other Latin-script
// languages.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "that": true,
	"for": true, "it": true, "was": true, "on": true, "with": true, "as": true, "are": true,
	"by": true, "this": true, "be": true, "at": true, "from": true, "have": true, "has": true,
	"but": true, "not": true, "they": true, "their": true, "which": true, "its": true,
}

// englishWordMax is the length of the longest of englishWords
// (TestEnglishWordMax).
const englishWordMax = 5

// forEachWord calls f with each space-separated word of s until f returns
// false, without building the slice strings.Fields would.
func forEachWord(s string, f func(string) bool) {
	start := -1
	for i, r := range s {
		if isSpace(r) { // unicode.IsSpace without its tables below U+1680
			if start >= 0 && !f(s[start:i]) {
				return
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		f(s[start:])
	}
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
