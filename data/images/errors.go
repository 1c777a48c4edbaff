package images

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"time"

	"annals/data/capture"
)

// Kind classifies why an image could not be kept. Store Kind.String(), not
// the number: new kinds may be added.
type Kind int

// The kinds of image failure. KindInternal is the zero value: an *Error
// whose kind was never set counts as a bug.
const (
	KindInternal   Kind = iota
	KindBadURL          // not http/https (or file:// outside a saved page), or not a valid URL
	KindNetwork         // DNS, connection or TLS failure
	KindTimeout         // the image did not arrive in time
	KindHTTPStatus      // the site answered 4xx/5xx
	KindNotImage        // the bytes are a web page, text, or an image format Annals does not show
	KindTooLarge        // over MaxBytes
	KindEmpty           // no bytes
	KindTooMany         // past MaxImages for one article
	KindCanceled        // the caller's context was canceled
	KindFile            // a saved page's image file is missing or unreadable
	KindDisk            // the image could not be written (disk full, permissions)
)

var kindNames = [...]string{
	KindInternal:   "internal",
	KindBadURL:     "bad-url",
	KindNetwork:    "network",
	KindTimeout:    "timeout",
	KindHTTPStatus: "http-status",
	KindNotImage:   "not-image",
	KindTooLarge:   "too-large",
	KindEmpty:      "empty",
	KindTooMany:    "too-many",
	KindCanceled:   "canceled",
	KindFile:       "file",
	KindDisk:       "disk",
}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is the only error type in Result.Err. Error() is one plain sentence
// fit for a tooltip; the technical cause is behind Unwrap.
type Error struct {
	Kind        Kind
	URL         string // the image URL
	Status      int    // HTTP status, for KindHTTPStatus
	ContentType string // sniffed media type, for KindNotImage
	Err         error  // the cause, may be nil

	msg string
}

func (e *Error) Error() string {
	if e.msg != "" {
		return e.msg
	}
	switch e.Kind {
	case KindBadURL:
		return "The image address is not a web link Annals can download."
	case KindNetwork:
		return fmt.Sprintf("Annals could not reach %s to download this image.", capture.Website(e.URL))
	case KindTimeout:
		return fmt.Sprintf("The image from %s did not arrive in time.", capture.Website(e.URL))
	case KindHTTPStatus:
		return fmt.Sprintf("The website did not give the image (HTTP %d).", e.Status)
	case KindNotImage:
		if e.ContentType != "" {
			return fmt.Sprintf("The link gave %s instead of an image.", e.ContentType)
		}
		return "The link did not give an image."
	case KindTooLarge:
		return "The image is too large; Annals did not keep it."
	case KindEmpty:
		return "The image is empty."
	case KindTooMany:
		return "The article has too many images; Annals kept the first ones only."
	case KindCanceled:
		return "Downloading the image was canceled."
	case KindFile:
		return "The saved page's image file could not be read."
	case KindDisk:
		return "Annals could not store the image on this computer."
	}
	return "Something went wrong inside Annals while keeping this image."
}

func (e *Error) Unwrap() error { return e.Err }

func errTooLarge(u string, limit int64) *Error {
	return &Error{Kind: KindTooLarge, URL: u, Err: fmt.Errorf("image exceeds %d bytes", limit),
		msg: fmt.Sprintf("The image is larger than %s; Annals did not keep it.", capture.SizeText(limit))}
}

func errTimeout(u string, limit time.Duration, cause error) *Error {
	return &Error{Kind: KindTimeout, URL: u, Err: cause,
		msg: fmt.Sprintf("The image from %s did not arrive within %s.", capture.Website(u), capture.DurationText(limit))}
}

func errTooMany(u string, limit int) *Error {
	return &Error{Kind: KindTooMany, URL: u, Err: fmt.Errorf("more than %d images", limit),
		msg: fmt.Sprintf("The article has more than %d images; Annals keeps the first %d only.", limit, limit)}
}

func errCanceled(u string, cause error) *Error {
	return &Error{Kind: KindCanceled, URL: u, Err: cause}
}

// stopped is the error for an image the batch stopped: the caller canceled
// (outer is done), or the whole batch ran past Options.TotalTimeout.
func (b *batch) stopped(u string, cause error) *Error {
	if b.outer.Err() != nil {
		return errCanceled(u, cause)
	}
	return &Error{Kind: KindTimeout, URL: u, Err: cause,
		msg: fmt.Sprintf("Annals stopped downloading this article's images after %s.", capture.DurationText(b.total))}
}

func errDisk(u, path string, cause error) *Error {
	e := &Error{Kind: KindDisk, URL: u, Err: fmt.Errorf("write %s: %w", path, cause)}
	switch {
	case errors.Is(cause, syscall.ENOSPC):
		e.msg = "The disk is full, so Annals could not keep this image."
	case errors.Is(cause, fs.ErrPermission), errors.Is(cause, syscall.EROFS):
		e.msg = "Annals is not allowed to write the image into its data folder."
	}
	return e
}

// requestError classifies an error from sending the request or reading the
// body: stopped from outside (the batch's context is done), the per-image
// timeout, or the network.
func (b *batch) requestError(u string, timeout time.Duration, err error) *Error {
	if b.ctx.Err() != nil {
		return b.stopped(u, err)
	}
	switch capture.NetFailureOf(err) {
	case capture.NetTimeout:
		return errTimeout(u, timeout, err)
	case capture.NetNotFound:
		return &Error{Kind: KindNetwork, URL: u, Err: err,
			msg: fmt.Sprintf("Annals could not find %s to download this image.", capture.Website(u))}
	}
	return &Error{Kind: KindNetwork, URL: u, Err: err}
}
