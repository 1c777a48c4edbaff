package widgets

import (
	"strings"
	"testing"
)

// BenchmarkResolveLevels is the bidi resolution alone of the benchmark
// article's 1,000 paragraphs (two in three Arabic with Latin names and
// numbers): the fast path, no explicit formatting characters.
func BenchmarkResolveLevels(b *testing.B) {
	benchResolve(b, benchArticle(1000))
}

// BenchmarkResolveLevelsIsolated is the same article with every Latin name
// isolated (FSI … PDI), as an app-inserted value is: the explicit path.
func BenchmarkResolveLevelsIsolated(b *testing.B) {
	paras := benchArticle(1000)
	for i, s := range paras {
		for _, name := range benchLatin {
			s = strings.ReplaceAll(s, name, "\u2068"+name+"\u2069")
		}
		paras[i] = s
	}
	benchResolve(b, paras)
}

func benchResolve(b *testing.B, paras []string) {
	rs := make([][]rune, len(paras))
	for i, s := range paras {
		rs[i] = []rune(s)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rs {
			resolveLevels(r, DirAuto)
		}
	}
}
