package capture

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// articleHTML is a small page that readability accepts as an article.
var articleHTML = []byte(`<!DOCTYPE html><html lang="en"><head><title>A small article</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>A small article</h1>
<p>This paragraph is long enough for readability to take it as the body of an article, and it says
nothing of importance at all, which makes it a fine thing to test with on a quiet afternoon.</p>
<p>A second paragraph follows the first one, so that the page has the shape of a real article with more
than one block of prose in it, and enough words to be read.</p></article></body></html>`)

var (
	pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	pdfBytes = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
)

const thirtyMB = 30 << 20

// TestFetchErrors: every way a link can fail gives the right Kind, a plain
// message, no Document, and a cause.
func TestFetchErrors(t *testing.T) {
	refused := func() string { // a port that was open a moment ago
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		return "http://" + addr + "/story"
	}()
	wait := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}

	tests := []struct {
		name    string
		handler http.HandlerFunc // nil: rawURL is used as is
		rawURL  string
		timeout time.Duration
		want    ErrorKind
		status  int
		ctype   string
		message string // a part of Error()
	}{
		{name: "not found", want: KindHTTPStatus, status: 404, message: "could not be found (HTTP 404)",
			handler: func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }},
		{name: "server error", want: KindHTTPStatus, status: 500, message: "HTTP 500",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) }},
		{name: "forbidden", want: KindHTTPStatus, status: 403, message: "refused",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", 403) }},
		{name: "image", want: KindNotHTML, ctype: "image/png", message: "an image (image/png)",
			handler: servePage("image/png", pngBytes)},
		{name: "pdf", want: KindNotHTML, ctype: "application/pdf", message: "a PDF document",
			handler: servePage("application/pdf", pdfBytes)},
		{name: "json", want: KindNotHTML, ctype: "application/json", message: "data (application/json)",
			handler: servePage("application/json", []byte(`{"title": "not a page"}`))},
		{name: "plain text", want: KindNotHTML, ctype: "text/plain", message: "plain-text file",
			handler: servePage("text/plain; charset=utf-8", []byte("Just some words, no markup at all."))},
		{name: "png labelled html", want: KindNotHTML, ctype: "image/png",
			handler: servePage("text/html", pngBytes)},
		{name: "png without type", want: KindNotHTML, ctype: "image/png",
			handler: servePage("-", pngBytes)},
		{name: "empty", want: KindEmpty, message: "empty",
			handler: servePage("text/html", nil)},
		{name: "no article", want: KindNoArticle, message: "could not find any article text",
			handler: servePage("text/html", []byte(`<html><head><title>Menu</title></head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav><footer>© 2025</footer></body></html>`))},
		{name: "javascript shell", want: KindNeedsBrowser, message: "needs its browser",
			handler: servePage("text/html", []byte(`<html><body><div id="root"></div><noscript>Please enable JavaScript.</noscript><script src="/app.js"></script></body></html>`))},
		{name: "30 MB streamed", want: KindTooLarge, message: "larger than 20 MB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				chunk := []byte("<p>" + strings.Repeat("word ", 13106) + "</p>\n") // 64 KiB
				for written := 0; written < thirtyMB; written += len(chunk) {
					if _, err := w.Write(chunk); err != nil {
						return // the client stopped reading
					}
					w.(http.Flusher).Flush() // no Content-Length: only the read limit can stop it
				}
			}},
		{name: "30 MB announced", want: KindTooLarge, message: "larger than 20 MB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Header().Set("Content-Length", strconv.Itoa(thirtyMB))
				w.Write([]byte("<p>"))
			}},
		{name: "timeout before headers", want: KindTimeout, timeout: 200 * time.Millisecond,
			message: "did not answer within 200 milliseconds", handler: wait},
		{name: "timeout in body", want: KindTimeout, timeout: 300 * time.Millisecond,
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte("<html><body><p>The start of a page that never ends"))
				w.(http.Flusher).Flush()
				wait(w, r)
			}},
		{name: "redirect loop", want: KindTooManyRedirects, message: "more than 10 times",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path, http.StatusFound) }},
		{name: "connection refused", rawURL: refused, want: KindNetwork, message: "refused the connection"},
		{name: "ftp", rawURL: "ftp://example.org/a.html", want: KindBadURL, message: "http:// or https://"},
		{name: "file link", rawURL: "file:///etc/passwd", want: KindBadURL, message: "not file:"},
		{name: "no scheme", rawURL: "example.org/story", want: KindBadURL, message: "start with http://"},
		{name: "no host", rawURL: "https:///story", want: KindBadURL, message: "no website name"},
		{name: "blank", rawURL: "  ", want: KindBadURL, message: "enter a web address"},
		{name: "malformed", rawURL: "http://exa mple.org/%zz", want: KindBadURL, message: "not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rawURL := tt.rawURL
			if tt.handler != nil {
				rawURL = serve(t, tt.handler).URL + "/story"
			}
			f := NewFetcher()
			if tt.timeout > 0 {
				f.Timeout = tt.timeout
			}
			start := time.Now()
			doc, err := f.Fetch(context.Background(), rawURL)
			if doc != nil {
				t.Errorf("got a Document, want none")
			}
			e := wantError(t, err, tt.want)
			if e.Status != tt.status || e.ContentType != tt.ctype {
				t.Errorf("Status, ContentType = %d, %q, want %d, %q", e.Status, e.ContentType, tt.status, tt.ctype)
			}
			if !strings.Contains(e.Error(), tt.message) {
				t.Errorf("message %q lacks %q", e.Error(), tt.message)
			}
			if e.Unwrap() == nil {
				t.Errorf("no cause wrapped")
			}
			if tt.timeout > 0 && time.Since(start) > 3*time.Second {
				t.Errorf("took %v with a timeout of %v", time.Since(start), tt.timeout)
			}
		})
	}
}

// TestFetchCanceled: the caller's cancellation is KindCanceled, its deadline
// KindTimeout, both before and during the request.
func TestFetchCanceled(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want ErrorKind
	}{
		{"canceled before", func() (context.Context, context.CancelFunc) { return canceled, func() {} }, KindCanceled},
		{"canceled during", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			return ctx, cancel
		}, KindCanceled},
		{"caller deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 100*time.Millisecond)
		}, KindTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			doc, err := NewFetcher().Fetch(ctx, srv.URL)
			if doc != nil {
				t.Errorf("got a Document")
			}
			wantError(t, err, tt.want)
		})
	}
	t.Run("ReadFile canceled", func(t *testing.T) {
		_, err := ReadFile(canceled, "testdata/english.html")
		wantError(t, err, KindCanceled)
	})
}

// TestFetchRedirectsAndHeaders: up to MaxRedirects redirects are followed,
// the Document has the final URL, and the request looks like a browser's.
func TestFetchRedirectsAndHeaders(t *testing.T) {
	var got http.Header
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/")); err == nil && n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
			return
		}
		got = r.Header.Clone()
		servePage("text/html; charset=utf-8", articleHTML)(w, r)
	})
	tests := []struct {
		hops int
		want ErrorKind // KindInternal: success
	}{
		{0, KindInternal}, {3, KindInternal}, {10, KindInternal}, {11, KindTooManyRedirects},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.hops), func(t *testing.T) {
			doc, err := NewFetcher().Fetch(context.Background(), fmt.Sprintf("%s/hop/%d", srv.URL, tt.hops))
			if tt.want != KindInternal {
				wantError(t, err, tt.want)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.URL != srv.URL+"/hop/0" {
				t.Errorf("URL = %q, want the final URL", doc.URL)
			}
		})
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "Mozilla/5.0") || !strings.Contains(ua, "Firefox/") {
		t.Errorf("User-Agent = %q, want a desktop browser's", ua)
	}
	if a := got.Get("Accept"); !strings.HasPrefix(a, "text/html") {
		t.Errorf("Accept = %q", a)
	}
	if got.Get("Accept-Language") == "" {
		t.Errorf("no Accept-Language")
	}
}

// TestFetchAcceptsMislabelledHTML: servers that send HTML as text/plain,
// octet-stream or without a type still give an article.
func TestFetchAcceptsMislabelledHTML(t *testing.T) {
	for _, ct := range []string{"-", "text/plain", "application/octet-stream", "application/xhtml+xml", "TEXT/HTML; Charset=UTF-8"} {
		t.Run(ct, func(t *testing.T) {
			srv := serve(t, servePage(ct, articleHTML))
			doc, err := NewFetcher().Fetch(context.Background(), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != "A small article" || doc.Language != "en" || doc.Direction != "ltr" {
				t.Errorf("Title, Language, Direction = %q, %q, %q", doc.Title, doc.Language, doc.Direction)
			}
		})
	}
}

// TestNetworkErrorMessages covers the causes a loopback server cannot
// produce (DNS, resets, certificates).
func TestNetworkErrorMessages(t *testing.T) {
	const link = "https://news.example.org/story"
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: link, Err: err} }
	tests := []struct {
		name    string
		err     error
		want    ErrorKind
		message string
	}{
		{"dns", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "news.example.org", IsNotFound: true}}),
			KindNetwork, "The website news.example.org could not be found"},
		{"other", wrap(fmt.Errorf("tls: handshake failure")), KindNetwork, "could not reach the website news.example.org"},
		{"reset", wrap(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}),
			KindNetwork, "interrupted"},
		{"refused", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}),
			KindNetwork, "refused"},
		{"certificate", wrap(x509.UnknownAuthorityError{}), KindNetwork, "could not be verified"},
		{"unreachable", wrap(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}),
			KindNetwork, "could not connect to the website news.example.org"},
		{"deadline", wrap(context.DeadlineExceeded), KindTimeout, "within 20 seconds"},
		{"redirects", wrap(&redirectLimitError{max: 10}), KindTooManyRedirects, "more than 10 times"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := wantError(t, networkError(link, DefaultTimeout, tt.err), tt.want)
			if !strings.Contains(e.Error(), tt.message) {
				t.Errorf("message %q lacks %q", e.Error(), tt.message)
			}
		})
	}
}

// TestErrorDefaults: an *Error built elsewhere (without a constructor's
// sentence) still reads as one plain sentence for every kind, and only
// KindInternal is not the user's problem.
func TestErrorDefaults(t *testing.T) {
	for k := KindInternal; int(k) < len(kindNames); k++ {
		for _, u := range []string{"https://example.org/a", "file:///home/a/page.html", ""} {
			e := &Error{Kind: k, URL: u, Status: 502, ContentType: "application/pdf"}
			checkPlainSentence(t, e.Error())
			if got := IsUserError(fmt.Errorf("saving: %w", e)); got != (k != KindInternal) {
				t.Errorf("IsUserError(%v) = %v", k, got)
			}
		}
	}
	if IsUserError(fmt.Errorf("plain")) || IsUserError(nil) {
		t.Errorf("IsUserError is true for a non-capture error")
	}
}
