package article

import (
	"strings"
	"unicode/utf8"
)

// Lengths at which metadata is cut, in characters (runes). A page with a
// megabyte <title> once took the list 30 s and gigabytes to draw and put
// the whole title in the log; no real title, byline or site name comes
// near these. Everything that enters the library is cut to them: capture,
// importers, restore, feeds (the store applies them again).
const (
	MaxTitleRunes   = 500
	MaxBylineRunes  = 200
	MaxSiteRunes    = 200
	MaxExcerptRunes = 1000
	MaxTagRunes     = 100
	MaxTags         = 100
	MaxNoteRunes    = 10000
	MaxURLBytes     = 8192
)

// Clip cuts s to at most n runes, ending with "…" when it was cut.
func Clip(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n-1 {
			break
		}
		k++
	}
	return strings.TrimRight(s[:i], " ") + "…"
}
