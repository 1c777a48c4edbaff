package main

import (
	"bufio"
	"bytes"
	"log"
	"os"
	"strings"

	"annals/data/analysis"
	"annals/data/analysis/ner"
	"annals/data/textnorm"
)

// readDic expands the stems of a .dic file and returns the folded forms of
// its ordinary words, and those of its proper names (Ayaspell lists
// countries, capitals and given names in a section of their own, between
// "###أسماء" and "####الأسماء####": they are no cue against a name).
func readDic(path string, h *hunspell) (words, names map[string]bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	words, names = map[string]bool{}, map[string]bool{}
	inNames := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			switch {
			case strings.HasPrefix(line, "###أسماء"):
				inNames = true
			case strings.HasPrefix(line, "####الأسماء####"):
				inNames = false
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, ":") {
			continue
		}
		entry, _, _ := strings.Cut(line, "\t")
		stem, flags, _ := strings.Cut(entry, "/")
		if strings.ContainsAny(stem, "0123456789.:- ") {
			continue
		}
		set := words
		if inNames {
			set = names
		}
		h.expand(stem, h.flagsOf(flags), 0, func(w string) { set[textnorm.Fold(w)] = true })
	}
	return words, names, sc.Err()
}

// writeWords expands the Hunspell dictionary prefix (.aff and .dic) and
// writes the keys of its ordinary words and of its proper names
// (analysis.ArabicWordKey) to out.
func writeWords(prefix, out string) error {
	h, err := readAff(prefix + ".aff")
	if err != nil {
		return err
	}
	words, names, err := readDic(prefix+".dic", h)
	if err != nil {
		return err
	}
	keys := func(set map[string]bool) []uint32 {
		var out []uint32
		for w := range set {
			out = append(out, analysis.ArabicWordKey(w))
		}
		return out // WriteWordSets sorts them
	}
	var buf bytes.Buffer
	if err := ner.WriteWordSets(&buf, []string{"words", "names"}, [][]uint32{keys(words), keys(names)}); err != nil {
		return err
	}
	log.Printf("%s: %d word forms, %d name forms: %d bytes", prefix, len(words), len(names), buf.Len())
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
