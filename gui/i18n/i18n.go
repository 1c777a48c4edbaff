// Package i18n is how the GUI speaks the user's language. Every string the
// interface shows goes through T, keyed by its English text; the texts live
// in translations/en.json and ar.json and are registered with Fyne's lang
// package too, so Fyne's own dialogs (OK, Cancel, file pickers) follow.
package i18n

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"annals/translations"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Languages the interface speaks, and the choice that follows the system.
const (
	System  = "system"
	English = "en"
	Arabic  = "ar"
)

// PrefLanguage is the preference holding System, English or Arabic.
const PrefLanguage = "ui.language"

var (
	mu      sync.RWMutex
	current = English
	tables  = map[string]map[string]string{}
)

func init() {
	for _, l := range []string{English, Arabic} {
		data, err := translations.FS.ReadFile(l + ".json")
		if err != nil {
			panic(err) // embedded at build time
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			panic(fmt.Sprintf("translations/%s.json: %v", l, err))
		}
		tables[l] = m
	}
}

// Table returns a language's strings (for tests).
func Table(l string) map[string]string { return tables[l] }

// Resolve turns a choice (System, English, Arabic) into the language used:
// System picks Arabic when the system's language is Arabic, else English.
func Resolve(choice string) string {
	switch choice {
	case English, Arabic:
		return choice
	}
	if strings.HasPrefix(string(lang.SystemLocale()), "ar") {
		return Arabic
	}
	return English
}

// Setup chooses the interface language. Call it before building widgets.
func Setup(choice string) {
	l := Resolve(choice)
	mu.Lock()
	current = l
	mu.Unlock()
	// Fyne's own strings: Fyne picks the translation closest to the system
	// locale and offers no way to choose another, so the chosen language's
	// texts are registered under the system's locale as well.
	data, _ := translations.FS.ReadFile(l + ".json")
	_ = lang.AddTranslationsForLocale(data, fyne.Locale(l))
	if sys := lang.SystemLocale(); sys != "" && !strings.HasPrefix(string(sys), l) {
		_ = lang.AddTranslationsForLocale(data, sys)
	}
}

// Lang is the interface language in use.
func Lang() string {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// RTL reports whether the interface reads right to left.
func RTL() bool { return Lang() == Arabic }

// T translates an English interface string; with args it is a format.
// A string missing from the table shows in English.
func T(key string, args ...any) string {
	mu.RLock()
	l := current
	mu.RUnlock()
	return TIn(l, key, args...)
}

// TIn is T in a given language, for widgets drawn in a locale of their own
// (the timeline is tested in both languages whatever the interface's is).
func TIn(l, key string, args ...any) string {
	mu.RLock()
	s, ok := tables[l][key]
	mu.RUnlock()
	if !ok || s == "" {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// arabicDigits are the Eastern Arabic digits, for users who prefer them.
var arabicDigits = []rune("٠١٢٣٤٥٦٧٨٩")

// EasternDigits is the preference for showing numbers in Eastern Arabic
// digits in the Arabic interface.
const PrefEasternDigits = "ui.easternDigits"

var eastern bool

// SetEasternDigits turns Eastern Arabic digits on or off (Arabic only).
func SetEasternDigits(on bool) {
	mu.Lock()
	eastern = on
	mu.Unlock()
}

// Digits writes the ASCII digits of s in the user's chosen digits.
func Digits(s string) string {
	mu.RLock()
	on := eastern && current == Arabic
	mu.RUnlock()
	if !on {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return arabicDigits[r-'0']
		}
		return r
	}, s)
}

// The one table of month names in the GUI: the reader, the timeline and the
// lists all ask here, so a spelling fixed once is fixed everywhere.
var (
	monthsAr = [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	monthsEn = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// MonthName is a month's name in the interface language.
func MonthName(m int) string { return MonthNameIn(Lang(), m) }

// MonthNameIn is month m's (1–12) name in lang (Arabic or English), for text
// whose language is not the interface's, such as an Arabic article's byline.
func MonthNameIn(lang string, m int) string {
	i := (m + 11) % 12
	if i < 0 {
		i += 12
	}
	if lang == Arabic {
		return monthsAr[i]
	}
	return monthsEn[i]
}

// Date writes a day in the interface language: "27 Jan 2025" or
// «27 يناير 2025».
func Date(t time.Time) string {
	if Lang() == Arabic {
		return Digits(fmt.Sprintf("%d %s %d", t.Day(), MonthName(int(t.Month())), t.Year()))
	}
	return t.Format("2 Jan 2006")
}
