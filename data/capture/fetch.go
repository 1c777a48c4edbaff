package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	log "github.com/sirupsen/logrus"
)

// Defaults for a Fetcher's zero fields (and for ReadFile's size cap).
const (
	DefaultMaxBytes     = 20 << 20
	DefaultTimeout      = 20 * time.Second
	DefaultMaxRedirects = 10
	// DefaultUserAgent is a current desktop Firefox: some sites refuse or
	// strip pages for clients that do not look like a browser.
	DefaultUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0"
	// DefaultAcceptLanguage asks for English or Arabic when a site offers a choice.
	DefaultAcceptLanguage = "en-US,en;q=0.8,ar;q=0.6"
)

// acceptHeader is what Firefox sends for a page.
const acceptHeader = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

// Fetcher downloads web pages and captures them. Its zero fields take the
// defaults above; a Fetcher is safe for concurrent use once set up.
type Fetcher struct {
	Client         *http.Client  // nil: a default client built from the limits below
	UserAgent      string        // default: DefaultUserAgent
	AcceptLanguage string        // default: DefaultAcceptLanguage
	MaxBytes       int64         // default 20 MB; the body is cut off and refused beyond it
	Timeout        time.Duration // default 20 s, for the whole request including the body
	MaxRedirects   int           // default 10; negative: follow none
}

// NewFetcher returns a Fetcher with the defaults filled in.
func NewFetcher() *Fetcher {
	return &Fetcher{
		UserAgent:      DefaultUserAgent,
		AcceptLanguage: DefaultAcceptLanguage,
		MaxBytes:       DefaultMaxBytes,
		Timeout:        DefaultTimeout,
		MaxRedirects:   DefaultMaxRedirects,
	}
}

// transport is shared by every default client so connections are reused.
// Its own timeouts only bound the stages that a context deadline already
// covers; they are there for a Client used without one.
var transport = func() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = DefaultTimeout
	return t
}()

// redirectLimitError stops a chain of redirects; networkError turns it into
// KindTooManyRedirects.
type redirectLimitError struct{ max int }

func (e *redirectLimitError) Error() string { return fmt.Sprintf("stopped after %d redirects", e.max) }

// Fetch downloads an http or https page and captures it. The whole request,
// body included, must finish within Timeout; the body may not exceed
// MaxBytes; at most MaxRedirects redirects are followed. The Document's URL is
// the final URL after redirects.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Document, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	// An IRI (Arabic or spaces in the path or query, a non-ASCII host) is
	// sent as a URI; the Document keeps the readable form.
	link := ToURI(u).String()
	timeout := orDefault(f.Timeout, DefaultTimeout)
	maxBytes := orDefault(f.MaxBytes, DefaultMaxBytes)

	reqCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(reqCtx, http.MethodGet, link, nil)
	if err != nil {
		return nil, errBadURL(rawURL, "That web address is not valid.", err)
	}
	req.Header.Set("User-Agent", orDefault(f.UserAgent, DefaultUserAgent))
	req.Header.Set("Accept", acceptHeader)
	req.Header.Set("Accept-Language", orDefault(f.AcceptLanguage, DefaultAcceptLanguage))
	// No Accept-Encoding: net/http then asks for gzip and unpacks it itself.

	start := time.Now()
	resp, err := f.client().Do(req)
	if err != nil {
		return nil, f.requestError(ctx, link, timeout, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL
	link = final.String()
	loggerOf(ctx).WithFields(log.Fields{"url": link, "status": resp.StatusCode, "type": resp.Header.Get("Content-Type"),
		"took": time.Since(start)}).Debug("capture: response")

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &Error{Kind: KindHTTPStatus, URL: link, Status: resp.StatusCode,
			Err: fmt.Errorf("HTTP status %s", resp.Status)}
	}
	contentType := resp.Header.Get("Content-Type")
	if mt := mediaTypeOf(contentType); !isHTMLType(mt) && !mayBeHTML(mt) {
		return nil, errNotHTML(link, mt) // refused before downloading the body
	}
	if resp.ContentLength > maxBytes {
		return nil, errTooLarge(link, maxBytes)
	}

	// Read one byte more than allowed: getting it means the page is too large.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, f.requestError(ctx, link, timeout, err)
	}
	if int64(len(body)) > maxBytes {
		return nil, errTooLarge(link, maxBytes)
	}
	doc, err := Parse(ctx, body, contentType, final)
	if err != nil {
		return nil, err
	}
	doc.URL = Readable(final)
	return doc, nil
}

// checkURL accepts absolute http and https links only.
func checkURL(rawURL string) (*url.URL, error) {
	raw := strings.TrimSpace(rawURL)
	if raw == "" {
		return nil, errBadURL(rawURL, "Please enter a web address.", errors.New("empty URL"))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errBadURL(rawURL, "That web address is not valid.", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, errBadURL(rawURL, "Annals can only save web links that start with http:// or https://.",
			errors.New("URL has no scheme"))
	default:
		return nil, errBadURL(rawURL, fmt.Sprintf(
			"Annals can only save web links that start with http:// or https://, not %s:.", u.Scheme),
			fmt.Errorf("unsupported scheme %q", u.Scheme))
	}
	if u.Hostname() == "" {
		return nil, errBadURL(rawURL, "That web address has no website name in it.", errors.New("URL has no host"))
	}
	return u, nil
}

// client returns the client for one Fetch: the given one or a default one,
// with the redirect limit added when the client has no policy of its own, and
// a fresh cookie jar (some sites set a cookie, then redirect to check it).
func (f *Fetcher) client() *http.Client {
	var c http.Client
	if f.Client != nil {
		c = *f.Client
	} else {
		c.Transport = transport
	}
	if c.CheckRedirect == nil {
		limit := orDefault(f.MaxRedirects, DefaultMaxRedirects)
		c.CheckRedirect = func(_ *http.Request, via []*http.Request) error {
			if len(via) > limit { // via holds the requests made so far: len(via) is this redirect's number
				return &redirectLimitError{max: limit}
			}
			return nil
		}
	}
	if c.Jar == nil {
		c.Jar, _ = cookiejar.New(nil) // never fails without options
	}
	return &c
}

// requestError classifies an error from sending the request or reading the
// body. ctx is the caller's context: when it is done, the caller canceled
// (or its own deadline passed); otherwise our Timeout may have expired.
func (f *Fetcher) requestError(ctx context.Context, link string, timeout time.Duration, err error) *Error {
	if ctx.Err() != nil {
		return contextError(ctx, link, err)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return errTimeout(link, timeout, err)
	}
	return networkError(link, timeout, err)
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
