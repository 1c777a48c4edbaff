package library

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"strings"
	"syscall"

	"annals/data/capture"
	"annals/data/store"
	"annals/data/transfer"
)

// ErrorKind says why something failed in terms the interface can put in
// the reader's language. Error() of the data packages is English; the GUI
// maps a kind to a translated sentence instead of showing it.
type ErrorKind string

// The kinds of failure the interface explains. ErrorInternal is everything
// else: a bug, or a failure the reader cannot act on (the log has the
// details).
const (
	ErrorInternal         ErrorKind = "internal"
	ErrorCanceled         ErrorKind = "canceled"
	ErrorBadURL           ErrorKind = "bad-url"
	ErrorNetwork          ErrorKind = "network"
	ErrorTimeout          ErrorKind = "timeout"
	ErrorHTTPStatus       ErrorKind = "http-status"
	ErrorNotFoundOnSite   ErrorKind = "http-not-found" // 404 or 410: the page is gone
	ErrorForbidden        ErrorKind = "http-forbidden" // 401 or 403: a login or a paywall
	ErrorNotHTML          ErrorKind = "not-html"
	ErrorTooLarge         ErrorKind = "too-large"
	ErrorEmpty            ErrorKind = "empty"
	ErrorNoArticle        ErrorKind = "no-article"
	ErrorFile             ErrorKind = "file"            // a file that cannot be found or read
	ErrorFileMissing      ErrorKind = "file-missing"    // no such file
	ErrorFilePermission   ErrorKind = "file-permission" // not allowed to read or write it
	ErrorDiskFull         ErrorKind = "disk-full"
	ErrorTooManyRedirects ErrorKind = "too-many-redirects"
	ErrorUnknownFormat    ErrorKind = "unknown-format" // an import Annals cannot read
	ErrorDamagedFile      ErrorKind = "damaged-file"   // a zip or backup that is damaged or unsafe
	ErrorNoSuchArticle    ErrorKind = "no-such-article"
	ErrorBusy             ErrorKind = "busy" // the same work is already running
	// ErrorLibraryLocked: another program kept the library locked for
	// writing longer than Annals waits (ErrLibraryBusy); nothing changed.
	ErrorLibraryLocked  ErrorKind = "library-locked"
	ErrorReadOnly       ErrorKind = "read-only"       // the library was opened read-only (ErrReadOnly)
	ErrorLibraryDamaged ErrorKind = "library-damaged" // the library failed its integrity check (ErrLibraryDamaged)
)

// ErrorInfo is what the interface needs to explain a failure: its kind and
// the few details its sentence names.
type ErrorInfo struct {
	Kind ErrorKind
	// Site is the host of the link that failed ("example.com"), if any.
	Site string
	// Status is the HTTP status of an ErrorHTTPStatus.
	Status int
	// File reports that what failed was a local file, not a link.
	File bool
}

// Classify tells why err happened, for the interface to say it in the
// reader's language. A nil error is ErrorInternal; so is anything not
// recognised.
func Classify(err error) ErrorInfo {
	if err == nil {
		return ErrorInfo{Kind: ErrorInternal}
	}
	var ce *capture.Error
	if errors.As(err, &ce) {
		info := ErrorInfo{Site: siteOf(ce.URL), Status: ce.Status, File: strings.HasPrefix(ce.URL, "file:")}
		info.Kind = captureKinds[ce.Kind]
		switch {
		case ce.Kind == capture.KindHTTPStatus && (ce.Status == 404 || ce.Status == 410):
			info.Kind = ErrorNotFoundOnSite
		case ce.Kind == capture.KindHTTPStatus && (ce.Status == 401 || ce.Status == 403):
			info.Kind = ErrorForbidden
		case ce.Kind == capture.KindFile:
			if k := fileKind(ce.Err); k != "" {
				info.Kind = k
			}
		}
		if info.Kind == "" {
			info.Kind = ErrorInternal
		}
		return info
	}
	switch {
	case errors.Is(err, context.Canceled):
		return ErrorInfo{Kind: ErrorCanceled}
	case errors.Is(err, context.DeadlineExceeded):
		return ErrorInfo{Kind: ErrorTimeout}
	case errors.Is(err, transfer.ErrUnknownFormat):
		return ErrorInfo{Kind: ErrorUnknownFormat, File: true}
	case errors.Is(err, transfer.ErrUnsafeZip), errors.Is(err, transfer.ErrDamagedZip):
		return ErrorInfo{Kind: ErrorDamagedFile, File: true}
	case errors.Is(err, store.ErrNotFound):
		return ErrorInfo{Kind: ErrorNoSuchArticle}
	case errors.Is(err, ErrRefreshRunning), errors.Is(err, ErrFetchRunning):
		return ErrorInfo{Kind: ErrorBusy}
	case errors.Is(err, store.ErrBusy):
		return ErrorInfo{Kind: ErrorLibraryLocked}
	case errors.Is(err, store.ErrReadOnly):
		return ErrorInfo{Kind: ErrorReadOnly}
	case errors.Is(err, store.ErrDamaged):
		return ErrorInfo{Kind: ErrorLibraryDamaged}
	case errors.Is(err, store.ErrNotWebLink):
		return ErrorInfo{Kind: ErrorBadURL}
	}
	if k := fileKind(err); k != "" {
		return ErrorInfo{Kind: k, File: true}
	}
	return ErrorInfo{Kind: ErrorInternal}
}

var captureKinds = map[capture.ErrorKind]ErrorKind{
	capture.KindInternal:         ErrorInternal,
	capture.KindBadURL:           ErrorBadURL,
	capture.KindNetwork:          ErrorNetwork,
	capture.KindTimeout:          ErrorTimeout,
	capture.KindHTTPStatus:       ErrorHTTPStatus,
	capture.KindNotHTML:          ErrorNotHTML,
	capture.KindTooLarge:         ErrorTooLarge,
	capture.KindEmpty:            ErrorEmpty,
	capture.KindNoArticle:        ErrorNoArticle,
	capture.KindFile:             ErrorFile,
	capture.KindCanceled:         ErrorCanceled,
	capture.KindTooManyRedirects: ErrorTooManyRedirects,
	// Until the interface has its own sentence for it, a cookie wall or a
	// page drawn by JavaScript reads as "no article; may need JavaScript".
	capture.KindNeedsBrowser: ErrorNoArticle,
}

// fileKind is the kind of a file system failure, "" when err is none.
func fileKind(err error) ErrorKind {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return ErrorFileMissing
	case errors.Is(err, fs.ErrPermission):
		return ErrorFilePermission
	case errors.Is(err, syscall.ENOSPC):
		return ErrorDiskFull
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return ErrorFile
	}
	return ""
}

// siteOf is the host of a link, without "www.", or "" for a file or junk.
func siteOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "file" {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
