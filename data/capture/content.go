package capture

import (
	"bytes"
	"errors"
	"mime"
	"net/http"
	"strings"
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
	return nil
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
