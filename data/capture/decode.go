package capture

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// prescanBytes is how far the HTML spec (and charset.DetermineEncoding) looks
// for a <meta> charset.
const prescanBytes = 1024

// guessBytes is how much of an undeclared body chardet looks at.
const guessBytes = 64 << 10

// decoded is the body as UTF-8, with the name of the encoding it came from.
type decoded struct {
	text     []byte
	encoding string
	warnings []string
}

// decodeUTF8 converts body to UTF-8. The order follows the HTML standard, as
// implemented by charset.DetermineEncoding: a byte-order mark, then the charset
// of the HTTP Content-Type (it wins over <meta>), then a <meta> prescan of the
// first 1024 bytes. When none of them declares anything, DetermineEncoding
// only looks at those first 1024 bytes, so a page whose head is plain ASCII
// would be read as windows-1252 even when its Arabic text further down is
// UTF-8; then the whole body is checked for UTF-8, and failing that chardet
// guesses (it knows windows-1256 and ISO-8859-6), with a warning.
func decodeUTF8(body []byte, contentType string) decoded {
	var d decoded
	if cs := charsetParam(contentType); cs != "" {
		if e, _ := charset.Lookup(cs); e == nil {
			d.warnings = append(d.warnings, fmt.Sprintf("The server named an unknown character encoding (%q); Annals ignored it.", cs))
		}
	}

	enc, name, certain := charset.DetermineEncoding(body, contentType)
	// utf8.Valid reads the whole body: remember its answer for the check below.
	checked, valid := false, false
	if !certain && !metaDeclaresCharset(body) {
		checked, valid = true, utf8.Valid(body)
		switch {
		case valid:
			enc, name = nil, "utf-8"
		default:
			if e, n, ok := guessCharset(body); ok {
				enc, name = e, n
			}
			d.warnings = append(d.warnings, fmt.Sprintf("The page does not say which character encoding it uses; Annals guessed %s.", name))
		}
	}

	d.encoding = name
	if name == "utf-8" || enc == nil {
		d.text = body
		if !checked {
			valid = utf8.Valid(body)
		}
		if !valid {
			d.text = bytes.ToValidUTF8(body, []byte("\uFFFD"))
			d.warnings = append(d.warnings, "Some characters of the page were damaged and could not be read.")
		}
	} else {
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil { // only on a broken encoder; keep what we have
			d.warnings = append(d.warnings, fmt.Sprintf("Part of the page could not be converted from %s.", name))
		}
		d.text = out
	}
	d.text = bytes.TrimPrefix(d.text, []byte("\uFEFF"))
	return d
}

func charsetParam(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// metaDeclaresCharset reports whether the first 1024 bytes hold a
// <meta charset> or <meta http-equiv="Content-Type" content="...charset=...">,
// i.e. whether DetermineEncoding's uncertain answer came from the page itself
// rather than from its fallback.
func metaDeclaresCharset(body []byte) bool {
	if len(body) > prescanBytes {
		body = body[:prescanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var httpEquiv, content string
			for {
				key, val, more := z.TagAttr()
				switch string(key) {
				case "charset":
					if _, n := charset.Lookup(string(val)); n != "" {
						return true
					}
				case "http-equiv":
					httpEquiv = strings.ToLower(string(val))
				case "content":
					content = string(val)
				}
				if !more {
					break
				}
			}
			if httpEquiv == "content-type" && charsetParam(content) != "" {
				return true
			}
		}
	}
}

// guessCharset asks chardet for the encoding of an undeclared, non-UTF-8 body.
func guessCharset(body []byte) (encoding.Encoding, string, bool) {
	if len(body) > guessBytes {
		body = body[:guessBytes]
	}
	res, err := chardet.NewHtmlDetector().DetectBest(body)
	if err != nil || res.Confidence < 30 {
		return nil, "", false
	}
	e, name := charset.Lookup(res.Charset)
	return e, name, e != nil
}
