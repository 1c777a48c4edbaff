package textnorm

import "unicode"

// The invisible characters capture strips from a page's text and the store
// strips from text saved before capture did: one definition, so what a new
// page and an upgraded library keep cannot drift apart.

// The joiners: Arabic and Persian, Indic scripts and emoji sequences need
// them; between Latin letters they are only in the way.
const (
	ZWNJ = '\u200C'
	ZWJ  = '\u200D'
)

// IsInvisible reports whether r is a character a reader never sees that
// breaks search and copying when stored: the soft hyphen, the zero-width
// space, the word joiner, a BOM inside the text.
func IsInvisible(r rune) bool {
	return r == '\u00AD' || r == '\u200B' || r == '\u2060' || r == '\uFEFF'
}

// IsJoiner reports whether r is a ZWJ or a ZWNJ.
func IsJoiner(r rune) bool { return r == ZWJ || r == ZWNJ }

// JoinerNeeded reports whether a ZWJ or ZWNJ next to r may change how r is
// drawn: r is a letter of a script other than Latin, Greek and Cyrillic
// (Arabic, Persian, Devanagari...), a combining mark, or a symbol such as an
// emoji.
func JoinerNeeded(r rune) bool {
	switch {
	case r == 0 || r < 0x250:
		return false
	case unicode.Is(unicode.Latin, r), unicode.Is(unicode.Greek, r), unicode.Is(unicode.Cyrillic, r):
		return false
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsSymbol(r)
}
