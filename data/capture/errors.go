package capture

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"strings"
	"time"
)

// ErrorKind classifies why a capture failed. Store Kind.String(), not the
// number: new kinds may be added.
type ErrorKind int

// The kinds of capture failure. KindInternal is the zero value: an *Error
// whose kind was never set counts as a bug, not as the user's problem.
const (
	KindInternal         ErrorKind = iota // a bug in Annals or a library it uses
	KindBadURL                            // not an http/https link, or not a valid one
	KindNetwork                           // DNS failure, connection refused or reset, TLS failure
	KindTimeout                           // the site did not answer (or finish answering) in time
	KindHTTPStatus                        // the site answered 4xx/5xx (Status says which)
	KindNotHTML                           // an image, a PDF, JSON, plain text... (ContentType says which)
	KindTooLarge                          // the body is over the size cap
	KindEmpty                             // no bytes (or only whitespace)
	KindNoArticle                         // HTML without any article text
	KindFile                              // a local file that cannot be found or read
	KindCanceled                          // the caller's context was canceled
	KindTooManyRedirects                  // a redirect loop, or a chain longer than MaxRedirects
	KindNeedsBrowser                      // a cookie wall or a page drawn by JavaScript: only a browser shows the article
)

var kindNames = [...]string{
	KindInternal:         "internal",
	KindBadURL:           "bad-url",
	KindNetwork:          "network",
	KindTimeout:          "timeout",
	KindHTTPStatus:       "http-status",
	KindNotHTML:          "not-html",
	KindTooLarge:         "too-large",
	KindEmpty:            "empty",
	KindNoArticle:        "no-article",
	KindFile:             "file",
	KindCanceled:         "canceled",
	KindTooManyRedirects: "too-many-redirects",
	KindNeedsBrowser:     "needs-browser",
}

func (k ErrorKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is the only error type this package returns. Error() is one sentence
// in plain English, fit to show to a reader as is; the technical cause stays
// available through Unwrap (and errors.Is / errors.As).
type Error struct {
	Kind        ErrorKind
	URL         string // the link or file:// URL being captured
	Status      int    // HTTP status, for KindHTTPStatus
	ContentType string // media type, for KindNotHTML
	Err         error  // the cause, may be nil

	msg string // the sentence, when the constructor knew better than the default for Kind
}

func (e *Error) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return defaultMessage(e)
}

func (e *Error) Unwrap() error { return e.Err }

// IsUserError reports whether err is a capture failure caused by the page, the
// file, the network or the user (wrong link, canceled), rather than a bug: the
// GUI shows those messages as they are and does not offer a bug report.
func IsUserError(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind != KindInternal
}

func (e *Error) isFile() bool { return strings.HasPrefix(e.URL, "file:") }

// thing is "page" or "file", as the reader would name what they gave us.
func (e *Error) thing() string {
	if e.isFile() {
		return "file"
	}
	return "page"
}

func defaultMessage(e *Error) string {
	switch e.Kind {
	case KindBadURL:
		return "That web address is not valid."
	case KindNetwork:
		return fmt.Sprintf("Annals could not reach %s; check your internet connection.", Website(e.URL))
	case KindTimeout:
		return fmt.Sprintf("%s did not answer in time; try again later.", upperFirst(Website(e.URL)))
	case KindHTTPStatus:
		return statusMessage(e.Status)
	case KindNotHTML:
		switch {
		case e.ContentType == "" && e.isFile():
			return "That file is not a saved web page."
		case e.ContentType == "":
			return "That link does not point to an article."
		case e.isFile():
			return fmt.Sprintf("That file is %s (%s), not a saved web page.", describeType(e.ContentType), e.ContentType)
		}
		return fmt.Sprintf("That link points to %s (%s), not an article.", describeType(e.ContentType), e.ContentType)
	case KindTooLarge:
		return fmt.Sprintf("The %s is too large; Annals stops there to protect your computer.", e.thing())
	case KindEmpty:
		return fmt.Sprintf("The %s is empty.", e.thing())
	case KindNoArticle:
		if e.isFile() {
			return "Annals could not find any article text in this file."
		}
		return "Annals could not find any article text on this page; it may need JavaScript or a login."
	case KindFile:
		return fileMessage(e.Err)
	case KindCanceled:
		return "Saving the article was canceled."
	case KindNeedsBrowser:
		return fmt.Sprintf("This %s needs its browser to show the article.", e.thing())
	case KindTooManyRedirects:
		return "The link keeps redirecting, so Annals gave up; the page may be broken."
	}
	return "Something went wrong inside Annals while reading this page; please report this problem."
}

func statusMessage(status int) string {
	switch {
	case status == 404:
		return "The page could not be found (HTTP 404)."
	case status == 410:
		return "The page has been removed from the website (HTTP 410)."
	case status == 401 || status == 403:
		return fmt.Sprintf("The website refused to give Annals this page (HTTP %d); it may need a login or block downloads.", status)
	case status == 429:
		return "The website is receiving too many requests; try again later (HTTP 429)."
	case status >= 500:
		return fmt.Sprintf("The website had a problem answering (HTTP %d); try again later.", status)
	case status >= 400:
		return fmt.Sprintf("The website refused the request (HTTP %d).", status)
	}
	return fmt.Sprintf("The website answered with something other than a page (HTTP %d).", status)
}

func fileMessage(cause error) string {
	switch {
	case errors.Is(cause, fs.ErrNotExist):
		return "The file could not be found."
	case errors.Is(cause, fs.ErrPermission):
		return "Annals is not allowed to read that file."
	}
	return "The file could not be read."
}

// describeType names a media type the way a reader would.
func describeType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(contentType)
	}
	switch {
	case strings.HasPrefix(mt, "image/"):
		return "an image"
	case mt == "application/pdf":
		return "a PDF document"
	case strings.HasPrefix(mt, "video/"):
		return "a video"
	case strings.HasPrefix(mt, "audio/"):
		return "an audio file"
	case mt == "text/plain":
		return "a plain-text file"
	case mt == "multipart/related" || mt == "message/rfc822":
		return "a web archive (MHTML)"
	case strings.Contains(mt, "json"), strings.Contains(mt, "xml"), mt == "text/csv":
		return "data"
	case strings.HasPrefix(mt, "font/"):
		return "a font"
	case strings.Contains(mt, "zip"), strings.Contains(mt, "compressed"), strings.Contains(mt, "tar"),
		mt == "application/x-gzip", mt == "application/gzip", mt == "application/octet-stream":
		return "a download"
	}
	return "a file"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Constructors: each knows the one sentence for its case.

func errBadURL(raw, msg string, cause error) *Error {
	return &Error{Kind: KindBadURL, URL: raw, Err: cause, msg: msg}
}

func errTooLarge(u string, limit int64) *Error {
	e := &Error{Kind: KindTooLarge, URL: u}
	e.Err = fmt.Errorf("body exceeds %d bytes", limit)
	e.msg = fmt.Sprintf("The %s is larger than %s; Annals stops there to protect your computer.", e.thing(), SizeText(limit))
	return e
}

func errTimeout(u string, limit time.Duration, cause error) *Error {
	return &Error{Kind: KindTimeout, URL: u, Err: cause,
		msg: fmt.Sprintf("%s did not answer within %s; try again later.", upperFirst(Website(u)), DurationText(limit))}
}

func errCanceled(u string, cause error) *Error {
	return &Error{Kind: KindCanceled, URL: u, Err: cause}
}

func errNotHTML(u, contentType string) *Error {
	return &Error{Kind: KindNotHTML, URL: u, ContentType: contentType,
		Err: fmt.Errorf("content type %q is not HTML", contentType)}
}

// contextError turns a finished context into the matching *Error. parent is
// the caller's context; a deadline the caller set counts as a timeout too.
func contextError(parent context.Context, u string, cause error) *Error {
	if errors.Is(parent.Err(), context.DeadlineExceeded) {
		return &Error{Kind: KindTimeout, URL: u, Err: cause}
	}
	return errCanceled(u, cause)
}

// networkError classifies an error from net/http (connect, TLS, read).
// Context expiry is handled by the caller, which knows whose deadline it was.
func networkError(u string, timeout time.Duration, err error) *Error {
	site := Website(u)
	var redirects *redirectLimitError
	if errors.As(err, &redirects) {
		return &Error{Kind: KindTooManyRedirects, URL: u, Err: err,
			msg: fmt.Sprintf("The link keeps redirecting (more than %d times), so Annals gave up; the page may be broken.", redirects.max)}
	}
	switch NetFailureOf(err) {
	case NetNotFound:
		return &Error{Kind: KindNetwork, URL: u, Err: err,
			msg: fmt.Sprintf("%s could not be found; check the address and your internet connection.", upperFirst(site))}
	case NetRefused:
		return &Error{Kind: KindNetwork, URL: u, Err: err,
			msg: fmt.Sprintf("%s refused the connection; it may be down.", upperFirst(site))}
	case NetInterrupted:
		return &Error{Kind: KindNetwork, URL: u, Err: err,
			msg: fmt.Sprintf("The connection to %s was interrupted; try again.", site)}
	case NetUntrusted:
		return &Error{Kind: KindNetwork, URL: u, Err: err,
			msg: fmt.Sprintf("The secure connection to %s could not be verified, so Annals did not open the page.", site)}
	case NetTimeout:
		return errTimeout(u, timeout, err)
	case NetUnreachable:
		return &Error{Kind: KindNetwork, URL: u, Err: err,
			msg: fmt.Sprintf("Annals could not connect to %s; it may be down, or this computer may be offline.", site)}
	}
	return &Error{Kind: KindNetwork, URL: u, Err: err}
}
