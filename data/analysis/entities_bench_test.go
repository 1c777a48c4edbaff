package analysis

import (
	"os"
	"testing"

	"annals/data/analysis/token"
)

// BenchmarkAnalyzeSeedNoTagger times the seed article with the cue rules
// alone, to see what the Arabic tagger costs (compare BenchmarkAnalyzeSeed).
func BenchmarkAnalyzeSeedNoTagger(b *testing.B) {
	text, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skipf("seed article not available: %v", err)
	}
	m := arabicTagger()
	UseArabicTagger(nil)
	defer UseArabicTagger(m)
	benchArticle(b, string(text))
}

// BenchmarkTaggerSeed times the tagger's two steps alone on the seed.
func BenchmarkTaggerSeed(b *testing.B) {
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skipf("seed article not available: %v", err)
	}
	text := string(raw)
	g := DefaultGazetteer()
	m := arabicTagger()
	if m == nil {
		b.Skip("no tagger model")
	}
	toks := tokenizeForBench(text)
	g.mu.RLock()
	ms, _ := cueMentions(text, toks, Sentences(text), g)
	g.mu.RUnlock()
	b.Run("features", func(b *testing.B) {
		for b.Loop() {
			g.mu.RLock()
			nerFeatures(text, toks, ms, g)
			g.mu.RUnlock()
		}
	})
	feats := nerFeatures(text, toks, ms, g)
	b.Run("tag", func(b *testing.B) {
		for b.Loop() {
			m.Tag(feats)
		}
	})
	b.Run("cues", func(b *testing.B) {
		for b.Loop() {
			g.mu.RLock()
			cueMentions(text, toks, Sentences(text), g)
			g.mu.RUnlock()
		}
	})
}

func tokenizeForBench(text string) []token.Token { return token.Tokenize(text) }
