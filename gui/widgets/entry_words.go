package widgets

import "unicode"

// Word boundaries for the text boxes' word moves, word deletes and double
// click. A simple class rule rather than full UAX #29 (golang.org/x/text
// has no word segmentation): a word is a run of letters, digits and marks,
// so an Arabic word keeps its diacritics (harakat are marks), its tatweel
// (a modifier letter) and the zero-width joiners between its letters; a
// Latin word inside an Arabic line is a word of its own even with no space
// between (the script changes); a run of punctuation ("://", " - ") is a
// stop of its own; spaces are passed over; a line break is a stop.

// runeClass sorts a rune for word boundaries.
type runeClass int

const (
	classBlank runeClass = iota
	classBreak           // a line break
	classWord
	classPunct
)

func classOf(r rune) runeClass {
	switch {
	case r == '\n':
		return classBreak
	case isBlank(r):
		return classBlank
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsNumber(r), unicode.IsMark(r),
		r == '_', unicode.Is(unicode.Cf, r):
		return classWord
	}
	return classPunct
}

// isBlank is white space other than a line break.
func isBlank(r rune) bool { return r != '\n' && unicode.IsSpace(r) }

// scriptOf is 1 for Arabic letters, 2 for other letters and 0 for what
// belongs with either (digits, marks, tatweel, joiners): two neighbours of
// scripts 1 and 2 are in different words.
func scriptOf(r rune) int {
	switch {
	case !unicode.IsLetter(r) || r == '\u0640': // tatweel is Common, not Arabic
		return 0
	case unicode.Is(unicode.Arabic, r):
		return 1
	}
	return 2
}

// sameWord reports whether neighbours a (before) and b belong to one stop.
func sameWord(a, b rune) bool {
	ca, cb := classOf(a), classOf(b)
	if ca != cb || ca == classBlank || ca == classBreak {
		return false
	}
	if ca == classWord {
		sa, sb := scriptOf(a), scriptOf(b)
		return sa == 0 || sb == 0 || sa == sb
	}
	return true
}

// wordEnd is where a move forward by word from i stops: past any spaces,
// at the end of the word (or punctuation) that follows. A line break is a
// stop by itself.
func wordEnd(rs []rune, i int) int {
	n := len(rs)
	i = max(0, min(i, n))
	j := i
	for j < n && isBlank(rs[j]) {
		j++
	}
	if j < n && rs[j] == '\n' {
		if j == i {
			return j + 1
		}
		return j
	}
	if j == n {
		return n
	}
	j++
	for j < n && sameWord(rs[j-1], rs[j]) {
		j++
	}
	return j
}

// wordStart is where a move back by word from i stops: back past any
// spaces, at the start of the word (or punctuation) before them.
func wordStart(rs []rune, i int) int {
	i = max(0, min(i, len(rs)))
	j := i
	for j > 0 && isBlank(rs[j-1]) {
		j--
	}
	if j > 0 && rs[j-1] == '\n' {
		if j == i {
			return j - 1
		}
		return j
	}
	if j == 0 {
		return 0
	}
	j--
	for j > 0 && sameWord(rs[j-1], rs[j]) {
		j--
	}
	return j
}

// wordAround is the word a double click at caret offset i selects: the
// one holding the character after i, or before it when that is a space or
// the end; the spaces themselves when i is among spaces only.
func wordAround(rs []rune, i int) (start, end int) {
	n := len(rs)
	i = max(0, min(i, n))
	k := i
	if k == n || classOf(rs[k]) == classBlank || classOf(rs[k]) == classBreak {
		if k > 0 && classOf(rs[k-1]) != classBlank && classOf(rs[k-1]) != classBreak {
			k--
		}
	}
	if k == n || rs[k] == '\n' {
		return i, i
	}
	start, end = k, k+1
	same := sameWord
	if isBlank(rs[k]) {
		same = func(a, b rune) bool { return isBlank(a) && isBlank(b) }
	}
	for start > 0 && same(rs[start-1], rs[start]) {
		start--
	}
	for end < n && same(rs[end-1], rs[end]) {
		end++
	}
	return start, end
}
