package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"annals/data/analysis"
	"annals/data/analysis/token"
	"annals/internal/unseengold"
)

// missKinds counts, for each gold entity of p the merged entities ents do
// not find, what kind of name it is: its type, its length in words, how
// often it is written, whether the rules or the tagger touched it.
func missKinds(p *page, ents []analysis.Entity, kinds map[string]int) {
	forms := map[string]bool{}
	for _, e := range ents {
		forms[unseengold.FoldName(e.Name)] = true
		for _, al := range e.Aliases {
			forms[unseengold.FoldName(al)] = true
		}
		for _, m := range e.Mentions {
			forms[unseengold.FoldName(p.text[m.Start:m.End])] = true
		}
	}
	for _, g := range p.gold {
		all := append([]string{g.Name}, g.Aliases...)
		found := false
		for _, f := range all {
			found = found || forms[unseengold.FoldName(f)]
		}
		if found {
			continue
		}
		words := len(token.Tokenize(g.Name))
		wl := "1 word"
		if words > 1 {
			wl = "2+ words"
		}
		occ := 0
		lowerFirst := false
		covered := false
		for _, f := range all {
			for from := 0; ; {
				at := strings.Index(p.text[from:], f)
				if at < 0 {
					break
				}
				at += from
				from = at + 1
				if !boundary(p.text, at, at+len(f)) {
					continue
				}
				occ++
				for _, e := range ents {
					for _, m := range e.Mentions {
						covered = covered || (m.Start < at+len(f) && at < m.End)
					}
				}
			}
			if r := []rune(f); len(r) > 0 && strings.ToLower(string(r[0])) == string(r[0]) {
				lowerFirst = true
			}
		}
		oc := "written once"
		switch {
		case occ == 0:
			oc = "not in text as written"
		case occ > 1:
			oc = "written 2+ times"
		}
		cov := "untouched"
		if covered {
			cov = "overlapped by another span"
		}
		kinds[fmt.Sprintf("%s, %s, %s, %s", g.Type, wl, oc, cov)]++
		if showMisses && covered {
			var near []string
			for _, e := range ents {
				for _, m := range e.Mentions {
					for _, f := range all {
						if at := strings.Index(p.text, f); at >= 0 && m.Start < at+len(f) && at < m.End {
							near = append(near, e.Type+":"+p.text[m.Start:m.End])
						}
					}
				}
			}
			fmt.Printf("    miss %s %q  engine: %q\n", g.Type, g.Name, near)
		}
		kinds["all"]++
		if lowerFirst {
			kinds["(a form starts lower case)"]++
		}
	}
}

// showMisses (TRAINEN_MISSES=1) prints the annotated pages' misses that
// another span overlaps, with that span.
var showMisses = os.Getenv("TRAINEN_MISSES") != ""

func sortedKeys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return m[out[i]] > m[out[j]] })
	return out
}
