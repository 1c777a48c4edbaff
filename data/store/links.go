package store

import (
	"net/url"
	"strings"
)

// Only web links are kept as an article's address: a javascript:, data:
// or file: address (from a crafted backup or export) would run or open
// something when the reader follows "Open the original page".

// IsWebLink reports whether raw is an absolute http or https URL with a
// host.
func IsWebLink(raw string) bool {
	raw = strings.TrimSpace(raw)
	l := strings.ToLower(raw)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return false
	}
	u, err := url.Parse(raw)
	return err == nil && u.Host != ""
}

// httpURLSQL is an SQL test that column col holds what storableURL
// accepts (an http(s) link or a saved page's file:/// address), for rows
// copied in SQL (restore).
func httpURLSQL(col string) string {
	c := "lower(trim(" + col + "))"
	return "(length(" + col + ") <= 8192 AND (substr(" + c + ", 1, 7) = 'http://' OR substr(" + c + ", 1, 8) IN ('https://', 'file:///')))"
}
