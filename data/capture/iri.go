package capture

import (
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// People paste links the way browsers show them: Arabic in the path or
// query, spaces in a search, a host in Arabic script. Such an IRI must be
// sent as a URI (percent-encoded UTF-8, the host in IDNA "xn--" form) or
// the server answers 400; the library keeps the readable form.

// ToURI returns the URI form of an http(s) IRI: the host in ASCII (IDNA),
// the path and query percent-encoded where they hold spaces, non-ASCII or
// other bytes a request line cannot carry. Escapes already present are
// kept; the fragment, which is never sent, is dropped.
func ToURI(u *url.URL) *url.URL {
	out := *u
	out.User = nil
	out.Fragment, out.RawFragment = "", ""
	if host := u.Hostname(); !isASCII(host) {
		if a, err := idna.Lookup.ToASCII(host); err == nil {
			if port := u.Port(); port != "" {
				out.Host = net.JoinHostPort(a, port)
			} else {
				out.Host = a
			}
		}
	}
	// EscapedPath escapes Path itself when RawPath is not a valid encoding
	// of it (a space, a raw Arabic letter); forcing that keeps the two in
	// step.
	if out.RawPath != "" && !validEscapes(out.RawPath) {
		out.RawPath = ""
	}
	out.RawQuery = escapeLoose(u.RawQuery)
	return &out
}

// Readable is the form of an http(s) URL to keep and show: percent-escapes
// of non-ASCII UTF-8 decoded ("%D8%B9" → "ع") and an IDNA host in its own
// script. ASCII escapes (%20, %2F, %26) stay, so the meaning is unchanged.
func Readable(u *url.URL) string {
	out := *u
	if host := u.Hostname(); strings.Contains(host, "xn--") {
		if un, err := idna.Lookup.ToUnicode(host); err == nil {
			if port := u.Port(); port != "" {
				out.Host = net.JoinHostPort(un, port)
			} else {
				out.Host = un
			}
		}
	}
	s := out.String()
	return decodeNonASCII(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// queryAllowed is what may stand unescaped in a query (RFC 3986 unreserved,
// sub-delims, ":", "@", "/", "?"), plus "%", judged separately.
func queryAllowed(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// escapeLoose percent-encodes the bytes of s that a URI cannot hold,
// keeping valid escapes as they are.
func escapeLoose(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		case queryAllowed(c):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func validEscapes(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == ' ' {
			return false
		}
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			return false
		}
	}
	return true
}

// decodeNonASCII turns runs of percent-escapes that spell non-ASCII UTF-8
// back into characters.
func decodeNonASCII(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '%' {
			b.WriteByte(s[i])
			i++
			continue
		}
		// Gather a run of escapes and decode the non-ASCII characters in it.
		var raw []byte
		j := i
		for j+2 < len(s) && s[j] == '%' && isHex(s[j+1]) && isHex(s[j+2]) {
			raw = append(raw, unhex(s[j+1])<<4|unhex(s[j+2]))
			j += 3
		}
		if len(raw) == 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		k := 0
		for k < len(raw) {
			r, n := utf8.DecodeRune(raw[k:])
			if r >= utf8.RuneSelf && r != utf8.RuneError && !strings.ContainsRune("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00a0", r) {
				b.WriteString(string(r))
			} else {
				b.WriteString(s[i+3*k : i+3*(k+n)])
			}
			k += n
		}
		i = j
	}
	return b.String()
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
