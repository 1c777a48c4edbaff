package capture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// checkContent is the first step: it refuses what is not a web page before any
// work is done on it.
func checkContent(j *job) error {
	if len(bytes.TrimSpace(j.body)) == 0 {
		return &Error{Kind: KindEmpty, URL: j.url(), Err: errors.New("no content")}
	}
	if mt, ok := sniffHTML(j.body, j.contentType); !ok {
		return errNotHTML(j.url(), mt)
	}
	// A declared text/html (a server, or a file named .html) does not make
	// binary bytes a page: DetectContentType finds control bytes no text
	// has in the first 512, and no tag is near the start.
	if mediaTypeOf(http.DetectContentType(j.body)) == "application/octet-stream" && !looksLikeHTML(j.body) {
		return errNotHTML(j.url(), "application/octet-stream")
	}
	return nil
}

// A body is binary data rather than a page when, after decoding, more than
// controlShare of its first runes are control characters (text has none;
// tab, newline, carriage return and form feed aside), or more than
// notTextShare are controls and replacement characters together (a page
// whose declared encoding is wrong has some U+FFFD, noise has little else).
const (
	controlShare = 0.05
	notTextShare = 0.30
)

// binaryProbeBytes is how much of the decoded body looksBinary reads: noise
// shows in its first kilobytes.
const binaryProbeBytes = 16 << 10

// looksBinary reports whether decoded (UTF-8) text is mostly not text.
func looksBinary(text []byte) bool {
	if len(text) > binaryProbeBytes {
		text = text[:binaryProbeBytes]
	}
	runes, controls, replaced := textCounts(text)
	n := float64(runes)
	return runes > 0 && (float64(controls) > controlShare*n || float64(controls+replaced) > notTextShare*n)
}

// textCounts counts text's runes, its control characters (tab, newline,
// carriage return and form feed aside; C1 controls included) and its
// U+FFFD and invalid bytes.
func textCounts(text []byte) (runes, controls, replaced int) {
	for len(text) > 0 {
		// Eight printable ASCII bytes (0x20–0x7e) at a time, most of a
		// page: a rune each and no control. A word holding anything else
		// is read byte by byte below, as before.
		for len(text) >= 8 {
			w := binary.LittleEndian.Uint64(text)
			const ones, highs = 0x0101010101010101, 0x8080808080808080
			below20 := (w - 0x20*ones) & ^w & highs // a byte < 0x20 (all bytes < 0x80 here)
			del := w ^ 0x7f*ones
			is7f := (del - ones) & ^del & highs // a byte == 0x7f
			if w&highs != 0 || below20 != 0 || is7f != 0 {
				break
			}
			runes += 8
			text = text[8:]
		}
		if len(text) == 0 {
			break
		}
		runes++
		if c := text[0]; c < utf8.RuneSelf {
			// ASCII, most of a page: no decoding needed.
			text = text[1:]
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
				controls++
			}
			continue
		}
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			controls++
		case r == utf8.RuneError:
			replaced++
		}
	}
	return runes, controls, replaced
}

// sniffHTML decides whether body is an HTML page, from the declared Content-Type
// and the first bytes (http.DetectContentType). Bytes that are clearly
// something else (an image, a PDF, a zip) are refused whatever the declared
// type says: servers and file names lie. A declared text/plain, XML or
// octet-stream is accepted only when the bytes look like HTML; any other
// declared type (JSON, images, ...) is refused. mediaType is the type to name
// in the error.
func sniffHTML(body []byte, contentType string) (mediaType string, ok bool) {
	declared := mediaTypeOf(contentType)
	sniffed := mediaTypeOf(http.DetectContentType(body))
	if isMHTML(body) {
		return "multipart/related", false
	}
	if !strings.HasPrefix(sniffed, "text/") && sniffed != "application/octet-stream" {
		return sniffed, false
	}
	switch {
	case isHTMLType(declared):
		return declared, true
	case mayBeHTML(declared):
		if sniffed == "text/html" || looksLikeHTML(body) {
			return "text/html", true
		}
		if declared == "" || declared == "application/octet-stream" {
			declared = sniffed
		}
		return declared, false
	}
	return declared, false
}

// mayBeHTML reports whether a declared media type could still hide an HTML
// page (misconfigured servers), so the body must be looked at.
func mayBeHTML(mt string) bool {
	switch mt {
	case "", "text/plain", "application/octet-stream", "text/xml", "application/xml":
		return true
	}
	return false
}

func isHTMLType(mt string) bool {
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// mediaTypeOf returns the lower-case media type without parameters.
func mediaTypeOf(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// looksLikeHTML finds an HTML tag near the start of body, for pages that
// DetectContentType misses (an XML prolog, a long comment before <html>).
func looksLikeHTML(body []byte) bool {
	if len(body) > 4096 {
		body = body[:4096]
	}
	lower := bytes.ToLower(body)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p "} {
		if bytes.Contains(lower, []byte(tag)) {
			return true
		}
	}
	return false
}

// isMHTML recognises a single-file web archive (.mht/.mhtml): a MIME message
// whose top part is multipart/related.
func isMHTML(body []byte) bool {
	head := body
	if len(head) > 2048 {
		head = head[:2048]
	}
	lower := bytes.ToLower(head)
	return (bytes.HasPrefix(lower, []byte("from:")) || bytes.HasPrefix(lower, []byte("mime-version:")) ||
		bytes.HasPrefix(lower, []byte("content-type:"))) && bytes.Contains(lower, []byte("multipart/related"))
}
