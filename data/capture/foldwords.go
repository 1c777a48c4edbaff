package capture

// foldWords is a few lower-case words looked for together in any ASCII case
// (containsFold of each, in one pass over the text). isHiddenBox and
// hasWallStem ask five words of every class and of every text node
// outside the story; five scans, each stopping at every "c", "d" or "h",
// cost more than one pass that stops only where a word can start.
type foldWords struct {
	words  []string
	first  [256]uint8 // bit k: words[k] starts with this byte (in either case)
	second [256]uint8 // bit k: words[k]'s second byte is this one (in either case)
	single uint8      // bit k: words[k] is one byte long
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
		setFold(&s.first, w[0], 1<<k)
		if len(w) == 1 {
			s.single |= 1 << k
		} else {
			setFold(&s.second, w[1], 1<<k)
		}
	}
	return s
}

// setFold sets bit in t for c and, when c is a letter, its capital.
func setFold(t *[256]uint8, c byte, bit uint8) {
	t[c] |= bit
	if 'a' <= c && c <= 'z' {
		t[c-'a'+'A'] |= bit
	}
}

// in reports whether text holds one of the set's words in any ASCII case:
// containsFold(text, w) for some w.
func (s *foldWords) in(text string) bool {
	for i := 0; i < len(text); i++ {
		m := s.first[text[i]]
		if m == 0 {
			continue
		}
		// The next byte rules most candidates out (an Arabic text starts
		// every other byte with the lead byte of جافا and الارتباط).
		next := s.single
		if i+1 < len(text) {
			next |= s.second[text[i+1]]
		}
		if m &= next; m == 0 {
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
