package capture

// foldWords is a few lower-case words looked for together in any ASCII case
// (containsFold of each, in one pass over the text). isHiddenBox and
// hasWallStem ask five words of every class and of every text node
// outside the story; five scans, each stopping at every "c", "d" or "h",
// cost more than one pass that stops only where a word can start.
type foldWords struct {
	words []string
	first [256]uint8 // bit k: words[k] starts with this byte (in either case)
}

func newFoldWords(words ...string) *foldWords {
	if len(words) > 8 {
		panic("foldWords: more than 8 words")
	}
	s := &foldWords{words: words}
	for k, w := range words {
		if w == "" || lowerASCIIString(w) != w {
			panic("foldWords: words must be lower-case and not empty")
		}
		c := w[0]
		s.first[c] |= 1 << k
		if 'a' <= c && c <= 'z' {
			s.first[c-'a'+'A'] |= 1 << k
		}
	}
	return s
}

// in reports whether text holds one of the set's words in any ASCII case:
// containsFold(text, w) for some w.
func (s *foldWords) in(text string) bool {
	for i := 0; i < len(text); i++ {
		m := s.first[text[i]]
		if m == 0 {
			continue
		}
		for k, w := range s.words {
			if m&(1<<k) != 0 && hasPrefixFoldString(text[i:], w) {
				return true
			}
		}
	}
	return false
}

// lowerASCIIString is s with its ASCII capitals lowered (foldWords' words,
// once, when the set is made).
func lowerASCIIString(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}
