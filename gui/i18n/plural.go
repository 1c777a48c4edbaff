package i18n

// Counts in the interface ("1 source", "4 sources"; Arabic «مصدر واحد»,
// «مصدران», «3 مصادر», «11 مصدرًا», «100 مصدر») follow the CLDR plural rules
// of golang.org/x/text/feature/plural: English has two forms, Arabic six
// (zero, one, two, few, many, other), so a count is never glued to a noun
// by concatenation.
//
// A plural entry in translations/*.json is one string in the ICU
// MessageFormat plural syntax, keyed by the English text with {n} where the
// number goes:
//
//	"{n} sources": "{n, plural, one {# source} other {# sources}}"
//	"{n} sources": "{n, plural, zero {لا مصادر} one {مصدر واحد} two {مصدران} few {# مصادر} many {# مصدرًا} other {# مصدر}}"
//
// "#" stands for the number, written in the user's digits. An exact match
// "=0 {…}" wins over the categories. One string per entry keeps the files
// flat, as Fyne's own loader and the checks in i18n_test.go expect.

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Plural categories of CLDR.
const (
	Zero  = "zero"
	One   = "one"
	Two   = "two"
	Few   = "few"
	Many  = "many"
	Other = "other"
)

var formNames = map[plural.Form]string{
	plural.Zero: Zero, plural.One: One, plural.Two: Two,
	plural.Few: Few, plural.Many: Many, plural.Other: Other,
}

// PluralCategory is the CLDR cardinal category of the whole number n in
// the language l (English or Arabic; any other tag x/text knows works too).
func PluralCategory(l string, n int) string {
	if n < 0 {
		n = -n
	}
	if n >= 10_000_000 {
		// MatchPlural takes operands modulo 10^7; keep the last six digits
		// (every rule looks at most at n % 1,000,000) but not a zero.
		n = n%1_000_000 + 1_000_000
	}
	tag, err := language.Parse(l)
	if err != nil {
		tag = language.English
	}
	return formNames[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
}

// N writes the count n with the plural form of key that the interface
// language needs: N("{n} sources", 4) is "4 sources", in Arabic «4 مصادر».
// With args, the chosen form is a format for them after the count is in
// place: N("{n} events in %s", 3, "2025") is "3 events in 2025".
func N(key string, n int, args ...any) string { return NIn(Lang(), key, n, args...) }

// NIn is N in the language l (English or Arabic) rather than the
// interface's: for widgets that carry their own locale.
func NIn(l, key string, n int, args ...any) string {
	msg := pluralMessage(l, key)
	s := msg.form(PluralCategory(l, n), n)
	s = strings.ReplaceAll(s, "#", DigitsIn(l, strconv.Itoa(n)))
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// DigitsIn writes the ASCII digits of s in the digits the user chose for
// language l: Eastern Arabic in Arabic when the preference is on, else as
// they are. For widgets that carry their own locale (see Digits).
func DigitsIn(l, s string) string {
	mu.RLock()
	on := eastern && l == Arabic
	mu.RUnlock()
	if !on {
		return s
	}
	return easternDigits(s)
}

func easternDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return arabicDigits[r-'0']
		}
		return r
	}, s)
}

// pluralMsg is a parsed plural entry: text for each category present, and
// exact matches ("=0").
type pluralMsg struct {
	forms map[string]string
	exact map[int]string
}

// form is the text for category cat and count n: an exact match, else the
// category, else "other".
func (m *pluralMsg) form(cat string, n int) string {
	if s, ok := m.exact[n]; ok {
		return s
	}
	if s, ok := m.forms[cat]; ok {
		return s
	}
	return m.forms[Other]
}

var (
	pluralMu    sync.Mutex
	pluralCache = map[[2]string]*pluralMsg{}
)

// pluralMessage is key's entry in language l, parsed once. A key missing
// from l's table falls back to English, then to the key itself with {n}
// standing for the number in every form.
func pluralMessage(l, key string) *pluralMsg {
	ck := [2]string{l, key}
	pluralMu.Lock()
	defer pluralMu.Unlock()
	if m, ok := pluralCache[ck]; ok {
		return m
	}
	mu.RLock()
	s, ok := tables[l][key]
	if !ok || s == "" {
		s, ok = tables[English][key]
	}
	mu.RUnlock()
	var m *pluralMsg
	if ok && s != "" {
		if pm, err := parsePlural(s); err == nil {
			m = pm
		} else {
			m = &pluralMsg{forms: map[string]string{Other: strings.ReplaceAll(s, "{n}", "#")}}
		}
	} else {
		m = &pluralMsg{forms: map[string]string{Other: strings.ReplaceAll(key, "{n}", "#")}}
	}
	pluralCache[ck] = m
	return m
}

// parsePlural reads one ICU plural message, "{n, plural, one {…} other {…}}",
// possibly with text before and after it. Every form must be a CLDR
// category or "=N", and "other" must be present.
func parsePlural(s string) (*pluralMsg, error) {
	open := strings.Index(s, "{")
	if open < 0 {
		return nil, fmt.Errorf("no plural in %q", s)
	}
	prefix := s[:open]
	body, rest, err := braced(s[open:])
	if err != nil {
		return nil, err
	}
	parts := strings.SplitN(body, ",", 3)
	if len(parts) != 3 || strings.TrimSpace(parts[1]) != "plural" {
		return nil, fmt.Errorf("%q is not a plural message", s)
	}
	m := &pluralMsg{forms: map[string]string{}, exact: map[int]string{}}
	sel := parts[2]
	for {
		sel = strings.TrimSpace(sel)
		if sel == "" {
			break
		}
		i := strings.IndexByte(sel, '{')
		if i <= 0 {
			return nil, fmt.Errorf("%q: a form without a name or text", s)
		}
		name := strings.TrimSpace(sel[:i])
		text, after, err := braced(sel[i:])
		if err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
		text = prefix + text + rest
		switch name {
		case Zero, One, Two, Few, Many, Other:
			m.forms[name] = text
		default:
			v, err := strconv.Atoi(strings.TrimPrefix(name, "="))
			if !strings.HasPrefix(name, "=") || err != nil {
				return nil, fmt.Errorf("%q: unknown plural form %q", s, name)
			}
			m.exact[v] = text
		}
		sel = after
	}
	if _, ok := m.forms[Other]; !ok {
		return nil, fmt.Errorf("%q has no \"other\" form", s)
	}
	return m, nil
}

// categories lists the categories a plural message gives text for.
func (m *pluralMsg) categories() []string {
	var out []string
	for _, c := range []string{Zero, One, Two, Few, Many, Other} {
		if _, ok := m.forms[c]; ok {
			out = append(out, c)
		}
	}
	return out
}

// braced splits "{inner}rest" at the brace that closes the first one.
func braced(s string) (inner, rest string, err error) {
	depth := 0
	for i, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s[1:i], s[i+1:], nil
			}
		}
	}
	return "", "", fmt.Errorf("unbalanced braces in %q", s)
}
