// Package feeds fetches and reads web feeds (RSS, Atom, JSON Feed) with
// github.com/mmcdole/gofeed: one conditional GET with a size cap and a time
// limit, and, when the address is a web page, the feed it links to. It
// knows nothing of the library; data/library stores what it returns.
package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"annals/data/capture"
	"annals/internal/buildinfo"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// Limits.
const (
	DefaultMaxBytes = 10 << 20
	DefaultTimeout  = 20 * time.Second
	acceptHeader    = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
	summaryRunes    = 600
)

// UserAgent names the app and its version, and no address: the project
// has no web site of its own to point to.
func UserAgent() string { return "Annals/" + buildinfo.Version + " (feed reader)" }

// Feed is what a fetch found.
type Feed struct {
	URL          string // the feed document's address (after redirects and discovery)
	Title        string
	SiteURL      string
	Items        []Item
	ETag         string // validators for the next conditional GET
	LastModified string
	NotModified  bool // the server answered 304: nothing new, Items is empty
}

// Item is one entry of a feed.
type Item struct {
	GUID      string // the feed's id for it; its link when it has none
	URL       string
	Title     string
	Published time.Time // zero when the feed does not say
	Summary   string    // plain text, at most a few sentences
	Content   string    // the full HTML when the feed carries it ("" otherwise)
}

// Error is a fetch that failed, with a one-sentence message for the user.
type Error struct {
	URL    string
	Msg    string
	Status int // the HTTP status, when the server answered with an error
	Err    error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Fetcher fetches feeds. The zero value is ready to use.
type Fetcher struct {
	Client   *http.Client  // nil: http.DefaultClient
	MaxBytes int64         // 0: DefaultMaxBytes
	Timeout  time.Duration // 0: DefaultTimeout, for the whole fetch
}

// Fetch gets the feed at rawURL. etag and lastModified, from an earlier
// fetch, make the request conditional: a 304 answer returns a Feed with
// NotModified set. When rawURL is a web page that links a feed
// (<link rel="alternate" type="application/rss+xml">), that feed is fetched
// instead, once.
func (f *Fetcher) Fetch(ctx context.Context, rawURL, etag, lastModified string) (*Feed, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	fd, page, err := f.get(ctx, u, etag, lastModified, timeout)
	if err != nil || page == nil {
		return fd, err
	}
	// A web page: look for the feed it announces and follow it once.
	link := discover(page.body, page.url)
	if link == "" {
		return nil, &Error{URL: page.url.String(), Msg: fmt.Sprintf("%s is a web page, not a feed, and it links to no feed.", page.url)}
	}
	lu, err := checkURL(link)
	if err != nil {
		return nil, err
	}
	fd, page, err = f.get(ctx, lu, "", "", timeout)
	if err != nil {
		return nil, err
	}
	if page != nil {
		return nil, &Error{URL: link, Msg: fmt.Sprintf("The feed %s links to (%s) is a web page, not a feed.", u, link)}
	}
	return fd, nil
}

type htmlPage struct {
	url  *url.URL
	body []byte
}

// get fetches u once: a feed, or an HTML page to look for a feed in.
func (f *Fetcher) get(ctx context.Context, u *url.URL, etag, lastModified string, timeout time.Duration) (*Feed, *htmlPage, error) {
	link := u.String()
	// A feed address with Arabic or spaces in it is asked for as a URI.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, capture.ToURI(u).String(), nil)
	if err != nil {
		return nil, nil, &Error{URL: link, Msg: fmt.Sprintf("%q is not a valid web address.", link), Err: err}
	}
	req.Header.Set("User-Agent", UserAgent())
	req.Header.Set("Accept", acceptHeader)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, requestError(ctx, link, timeout, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL
	link = final.String()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &Feed{URL: link, NotModified: true, ETag: orElse(resp.Header.Get("ETag"), etag),
			LastModified: orElse(resp.Header.Get("Last-Modified"), lastModified)}, nil, nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, nil, &Error{URL: link, Status: resp.StatusCode,
			Msg: fmt.Sprintf("There is no feed at %s any more (the site answered %s).", link, resp.Status)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, nil, &Error{URL: link, Status: resp.StatusCode,
			Msg: fmt.Sprintf("The feed at %s could not be read: the site answered %s.", link, resp.Status)}
	}
	maxBytes := f.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	tooLarge := &Error{URL: link, Msg: fmt.Sprintf("The feed at %s is larger than %d MB; Annals does not read it.", link, maxBytes>>20)}
	if resp.ContentLength > maxBytes {
		return nil, nil, tooLarge
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	mt = strings.ToLower(mt)
	if notFeedType(mt) {
		return nil, nil, notAFeed(link, mt)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, nil, requestError(ctx, link, timeout, err)
	}
	if int64(len(body)) > maxBytes {
		return nil, nil, tooLarge
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil, &Error{URL: link, Msg: fmt.Sprintf("The feed at %s is empty.", link)}
	}
	if looksLikeHTML(mt, body) {
		return nil, &htmlPage{url: final, body: body}, nil
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, nil, notAFeed(link, mt)
		}
		return nil, nil, &Error{URL: link, Msg: fmt.Sprintf("The feed at %s is damaged and cannot be read.", link), Err: err}
	}
	if parsed.FeedType == "json" && parsed.FeedVersion == "" && parsed.Title == "" && len(parsed.Items) == 0 {
		return nil, nil, notAFeed(link, "application/json") // JSON, but not a JSON Feed
	}
	fd := convert(parsed, final)
	fd.URL = link
	fd.ETag = resp.Header.Get("ETag")
	fd.LastModified = resp.Header.Get("Last-Modified")
	return fd, nil, nil
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func checkURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return nil, &Error{URL: raw, Msg: fmt.Sprintf("%q is not a valid web address.", raw), Err: err}
	}
	if s := strings.ToLower(u.Scheme); (s != "http" && s != "https") || u.Hostname() == "" {
		return nil, &Error{URL: raw, Msg: fmt.Sprintf("%q is not a web address: a feed address starts with http:// or https://.", raw)}
	}
	return u, nil
}

func requestError(ctx context.Context, link string, timeout time.Duration, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return &Error{URL: link, Msg: fmt.Sprintf("The site of %s did not answer within %s.", link, timeout), Err: err}
	case ctx.Err() != nil:
		return &Error{URL: link, Msg: "Stopped before the feed was read.", Err: ctx.Err()}
	}
	return &Error{URL: link, Msg: fmt.Sprintf("The site of %s could not be reached; check the address and the connection.", link), Err: err}
}

// notFeedType: media types that are never a feed, refused before reading.
func notFeedType(mt string) bool {
	for _, p := range []string{"image/", "audio/", "video/", "font/"} {
		if strings.HasPrefix(mt, p) {
			return true
		}
	}
	switch mt {
	case "application/pdf", "application/zip", "application/gzip", "application/octet-stream":
		return true
	}
	return false
}

func notAFeed(link, mt string) error {
	what := "something else"
	switch {
	case strings.HasPrefix(mt, "image/"):
		what = "an image"
	case strings.HasPrefix(mt, "audio/"), strings.HasPrefix(mt, "video/"):
		what = "a sound or video file"
	case mt == "application/pdf":
		what = "a PDF document"
	case mt == "application/json":
		what = "JSON data, not a JSON Feed"
	case mt != "":
		what = mt
	}
	return &Error{URL: link, Msg: fmt.Sprintf("%s is not a feed (RSS, Atom or JSON Feed): it is %s.", link, what)}
}

func looksLikeHTML(mt string, body []byte) bool {
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// discover returns the first feed a page announces, made absolute.
func discover(body []byte, base *url.URL) string {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "link" || !hasAttr {
				continue
			}
			var rel, typ, href string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "rel":
					rel = strings.ToLower(string(v))
				case "type":
					typ = strings.ToLower(strings.TrimSpace(string(v)))
				case "href":
					href = strings.TrimSpace(string(v))
				}
				if !more {
					break
				}
			}
			if href == "" || !hasWord(rel, "alternate") {
				continue
			}
			switch typ {
			case "application/rss+xml", "application/atom+xml", "application/feed+json":
				ref, err := url.Parse(href)
				if err != nil {
					continue
				}
				return base.ResolveReference(ref).String()
			}
		}
	}
}

func hasWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

func convert(p *gofeed.Feed, base *url.URL) *Feed {
	fd := &Feed{Title: clean(p.Title), SiteURL: absolute(base, p.Link)}
	for _, it := range p.Items {
		if it == nil {
			continue
		}
		link := absolute(base, it.Link)
		if link == "" && len(it.Links) > 0 {
			link = absolute(base, it.Links[0])
		}
		item := Item{GUID: strings.TrimSpace(it.GUID), URL: link, Title: clean(it.Title), Content: strings.TrimSpace(it.Content)}
		if item.GUID == "" {
			item.GUID = link
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		desc := strings.TrimSpace(it.Description)
		if item.Content == "" && len(strings.Fields(plainText(desc))) >= 150 {
			item.Content = desc // an RSS description holding the whole article
		}
		if item.Summary = plainText(desc); item.Summary == "" {
			item.Summary = plainText(item.Content)
		}
		item.Summary = cut(item.Summary, summaryRunes)
		if item.Title == "" {
			item.Title = cut(item.Summary, 80)
		}
		fd.Items = append(fd.Items, item)
	}
	return fd
}

func absolute(base *url.URL, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	ref, err := url.Parse(s)
	if err != nil {
		return s
	}
	return base.ResolveReference(ref).String()
}

func clean(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = plainText(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// plainText is the text of an HTML fragment, spaces folded.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if n, _ := z.TagName(); (string(n) == "script" || string(n) == "style") && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	s = string(r[:n])
	if i := strings.LastIndexByte(s, ' '); i > n/2 {
		s = s[:i]
	}
	return s + "…"
}
