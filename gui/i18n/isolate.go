package i18n

import "strings"

// Isolate prepares a value for a translated sentence: a path, a link, a
// file or site name, a title, an entity's name, anything the user typed.
// It wraps the value in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
// (U+2068 … U+2069), so the bidi layout (widgets.Label, Paragraph) lays it
// out in the direction of its own first letter, as one unit that the
// sentence around it neither reorders nor is reordered by: in
// «كُتبت 3 مقالة في /tmp/تصدير/مقالات.» the path's segments stay in
// left-to-right order and its leading slash stays at its left, and the
// sentence's full stop stays at the sentence's end. The controls are
// zero-width and never drawn.
//
// Isolate balances the isolates inside the value, so a stray PDI in a
// title cannot close the isolate early and an unclosed initiator cannot
// swallow the rest of the sentence. Only text drawn by the bidi layout
// should hold it: Fyne's own widgets and the system's dialogs do not know
// the controls.
func Isolate(s string) string {
	if s == "" {
		return s
	}
	open, clean := 0, true
	for _, r := range s {
		switch r {
		case lri, rli, fsi:
			open++
		case pdi:
			if open == 0 {
				clean = false
			} else {
				open--
			}
		}
	}
	if clean && open == 0 {
		return string(fsi) + s + string(pdi)
	}
	b := make([]rune, 0, len(s)+2+open)
	b = append(b, fsi)
	open = 0
	for _, r := range s {
		switch r {
		case lri, rli, fsi:
			open++
		case pdi:
			if open == 0 {
				continue // would close our isolate
			}
			open--
		}
		b = append(b, r)
	}
	for ; open > 0; open-- {
		b = append(b, pdi)
	}
	return string(append(b, pdi))
}

// IsolatePath is Isolate for a file path or a link: left to right as a
// whole (LEFT-TO-RIGHT ISOLATE … PDI), each name between its slashes
// (or backslashes) that is not plain ASCII isolated by itself, so the
// folders read from the left in order whatever their script. Isolate
// alone would keep the path together but lay two Arabic names in a row
// out as Arabic text, right to left: /tmp/تصدير/مقالات would show as
// /tmp/مقالات/تصدير, the folders swapped.
func IsolatePath(p string) string {
	if p == "" {
		return p
	}
	var b strings.Builder
	b.Grow(len(p) + 8)
	b.WriteRune(lri)
	name := func(s string) {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				b.WriteString(Isolate(s))
				return
			}
		}
		b.WriteString(s)
	}
	start := 0
	for i := 0; i < len(p); i++ {
		if p[i] == '/' || p[i] == '\\' {
			name(p[start:i])
			b.WriteByte(p[i])
			start = i + 1
		}
	}
	name(p[start:])
	b.WriteRune(pdi)
	return b.String()
}

// The isolate formatting characters (UAX #9).
const (
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)
