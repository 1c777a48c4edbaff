package transfer

import (
	"net/url"
	"strings"

	"annals/data/store"
)

// What an export writes must stay what the page showed: text, never live
// markup, formulas or links that run something.

// csvCell neutralises a cell a spreadsheet would read as a formula (one
// starting with = + - @, a tab or a carriage return) by putting an
// apostrophe before it, as OWASP recommends; spreadsheets hide the
// apostrophe and show the text.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	// U+2212 MINUS SIGN: some spreadsheets take it for "-".
	if strings.HasPrefix(s, "−") {
		return "'" + s
	}
	return s
}

// csvCells neutralises every cell of a row.
func csvCells(rec []string) []string {
	for i, c := range rec {
		rec[i] = csvCell(c)
	}
	return rec
}

// uncsvCell undoes csvCell when Annals reads its own CSV back.
func uncsvCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && (strings.ContainsRune("=+-@\t\r", rune(s[1])) || strings.HasPrefix(s[1:], "−")) {
		return s[1:]
	}
	return s
}

// mdReplacer escapes what Markdown (and the HTML it allows) would make
// live: tags and entities, and link or image brackets.
var mdReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)

// mdText is text made safe to put in Markdown outside a code block.
func mdText(s string) string { return mdReplacer.Replace(s) }

// mdFence is a code fence longer than any run of backticks in text, so a
// <pre> holding ``` cannot close the block early.
func mdFence(text string) string {
	longest, run := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// linkTarget returns raw ready to be written as a link target in Markdown,
// or "" when it is not an http(s) link: a javascript: or data: address is
// never exported as a link.
func linkTarget(raw string) string {
	if !store.IsWebLink(raw) {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	// Spaces and parentheses would end a Markdown link target early.
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u.String())
}
