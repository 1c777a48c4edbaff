package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A minimal reader of a Hunspell dictionary (.aff + .dic) of the kind
// Ayaspell is: two-letter flags (FLAG long) given through AF aliases,
// suffixes with continuation classes (twofold suffixes), no compounding.
// It expands every stem by its suffixes only: the analysis takes the
// attached particles («و», «ب», «ال»…) off a word itself before it asks the
// dictionary, so the prefixed forms (hundreds of times as many) are not
// needed.

type affixRule struct {
	strip, add string
	cont       []string // continuation flags of the affixed word
	cond       []condPart
}

// condPart is one letter position of a rule's condition: a set of letters,
// negated or not, or any letter (nil set, not negated).
type condPart struct {
	set    map[rune]bool
	negate bool
	any    bool
}

type hunspell struct {
	aliases  [][]string // AF n → flags (index n-1)
	suffixes map[string][]affixRule
}

// splitFlags cuts a FLAG long flag string into its two-letter flags.
func splitFlags(s string) []string {
	r := []rune(s)
	var out []string
	for i := 0; i+1 < len(r); i += 2 {
		out = append(out, string(r[i:i+2]))
	}
	return out
}

// flagsOf reads a flag field: an AF alias number, or the flags themselves.
func (h *hunspell) flagsOf(s string) []string {
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(h.aliases) {
			return h.aliases[n-1]
		}
		return nil
	}
	return splitFlags(s)
}

// ignored are the letters Hunspell's IGNORE drops (harakat, tatweel).
func dropIgnored(s string, ignore string) string {
	if ignore == "" || !strings.ContainsAny(s, ignore) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(ignore, r) {
			return -1
		}
		return r
	}, s)
}

func parseCondition(c string) []condPart {
	if c == "." || c == "" {
		return nil
	}
	var out []condPart
	r := []rune(c)
	for i := 0; i < len(r); i++ {
		switch r[i] {
		case '.':
			out = append(out, condPart{any: true})
		case '[':
			j := i + 1
			p := condPart{set: map[rune]bool{}}
			if j < len(r) && r[j] == '^' {
				p.negate = true
				j++
			}
			for ; j < len(r) && r[j] != ']'; j++ {
				p.set[r[j]] = true
			}
			out = append(out, p)
			i = j
		default:
			out = append(out, condPart{set: map[rune]bool{r[i]: true}})
		}
	}
	return out
}

// matchesEnd reports whether word ends with the condition.
func matchesEnd(word []rune, cond []condPart) bool {
	if len(cond) > len(word) {
		return false
	}
	w := word[len(word)-len(cond):]
	for i, p := range cond {
		if p.any {
			continue
		}
		if p.set[w[i]] == p.negate {
			return false
		}
	}
	return true
}

// readAff reads the aliases and suffix rules of an .aff file.
func readAff(path string) (*hunspell, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := &hunspell{suffixes: map[string][]affixRule{}}
	ignore := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		switch fs[0] {
		case "IGNORE":
			if len(fs) > 1 {
				ignore = fs[1]
			}
		case "AF":
			if len(fs) < 2 {
				continue
			}
			if _, err := strconv.Atoi(fs[1]); err == nil {
				continue // "AF 511": the count line
			}
			h.aliases = append(h.aliases, splitFlags(fs[1]))
		case "SFX":
			if len(fs) < 4 {
				continue
			}
			if (fs[2] == "Y" || fs[2] == "N") && len(fs) == 4 {
				if _, err := strconv.Atoi(fs[3]); err == nil {
					continue // the header of a flag's rules
				}
			}
			rule := affixRule{}
			if fs[2] != "0" {
				rule.strip = dropIgnored(fs[2], ignore)
			}
			add, cont, _ := strings.Cut(fs[3], "/")
			if add != "0" {
				rule.add = dropIgnored(add, ignore)
			}
			rule.cont = h.flagsOf(cont)
			if len(fs) >= 5 {
				rule.cond = parseCondition(fs[4])
			}
			h.suffixes[fs[1]] = append(h.suffixes[fs[1]], rule)
		}
	}
	if len(h.aliases) == 0 || len(h.suffixes) == 0 {
		return nil, fmt.Errorf("%s: no AF aliases or no suffixes: not an Ayaspell-like .aff", path)
	}
	return h, sc.Err()
}

// expand calls emit with word and every form its suffix flags make, two
// suffixes deep (Hunspell's twofold suffixes).
func (h *hunspell) expand(word string, flags []string, depth int, emit func(string)) {
	emit(word)
	if depth == 2 {
		return
	}
	runes := []rune(word)
	for _, fl := range flags {
		for _, r := range h.suffixes[fl] {
			if !matchesEnd(runes, r.cond) || !strings.HasSuffix(word, r.strip) {
				continue
			}
			w := word[:len(word)-len(r.strip)] + r.add
			if !utf8.ValidString(w) || w == "" {
				continue
			}
			h.expand(w, r.cont, depth+1, emit)
		}
	}
}
