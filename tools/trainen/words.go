package main

import (
	"bufio"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/analysis"
	"annals/data/analysis/ner"
	"annals/data/textnorm"
)

// writeWords reads an English word list, one word a line (Debian's
// wamerican, /usr/share/dict/american-english), and writes the tagger's
// word lists to out: the keys (analysis.EnglishWordKey) of its lower-case
// entries ("words") and of its capitalised ones, folded ("proper"); a
// possessive "'s" is dropped. Only hashed keys are kept.
func writeWords(dict, out string) (words, proper int, err error) {
	f, err := os.Open(dict)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	var w, p []uint32
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		e := strings.TrimSuffix(strings.TrimSpace(sc.Text()), "'s")
		if e == "" {
			continue
		}
		k := analysis.EnglishWordKey(textnorm.Fold(e))
		if r, _ := utf8.DecodeRuneInString(e); unicode.IsUpper(r) {
			p = append(p, k)
		} else {
			w = append(w, k)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, err
	}
	o, err := os.Create(out)
	if err != nil {
		return 0, 0, err
	}
	if err := ner.WriteWordSets(o, []string{"words", "proper"}, [][]uint32{w, p}); err != nil {
		o.Close()
		return 0, 0, err
	}
	return len(w), len(p), o.Close()
}
