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

// inOneWord reports whether rs[j-1] and rs[j] belong to one stop. Besides
// sameWord's rule, as in UAX #29 (WB6, WB7, WB11, WB12), an apostrophe
// between two letters of one script keeps them one word ("don't",
// "O’Brien") and a point or comma between two digits keeps them one number
// ("3.5", "1,000"); at the end of a word they stay punctuation.
func inOneWord(rs []rune, j int) bool {
	if j <= 0 || j >= len(rs) {
		return false
	}
	if sameWord(rs[j-1], rs[j]) {
		return true
	}
	// rs[j] is the middle rune between rs[j-1] and rs[j+1], or rs[j-1] is
	// the middle between rs[j-2] and rs[j].
	inside := func(m int) bool {
		if m <= 0 || m+1 >= len(rs) {
			return false
		}
		a, mid, b := rs[m-1], rs[m], rs[m+1]
		switch {
		case isMidLetter(mid):
			return unicode.IsLetter(a) && unicode.IsLetter(b) && scriptOf(a) == scriptOf(b)
		case mid == '.' || mid == ',' || mid == '\u066B' || mid == '\u066C': // ٫ ٬ are Arabic's
			return unicode.IsDigit(a) && unicode.IsDigit(b)
		}
		return false
	}
	return inside(j) || inside(j-1)
}

// isMidLetter is an apostrophe that can stand inside a word.
func isMidLetter(r rune) bool { return r == '\'' || r == '\u2019' }

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
	for j < n && inOneWord(rs, j) {
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
	for j > 0 && inOneWord(rs, j) {
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
	same := inOneWord
	if isBlank(rs[k]) {
		same = func(rs []rune, j int) bool { return isBlank(rs[j-1]) && isBlank(rs[j]) }
	}
	for start > 0 && same(rs, start) {
		start--
	}
	for end < n && same(rs, end) {
		end++
	}
	return start, end
}
