package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"annals/internal/testenv"
)

func longHTML(words int) string {
	var b strings.Builder
	for i := 0; i < words/10; i++ {
		fmt.Fprintf(&b, "<p>The council met again on day %d and heard every side of the question before it voted.</p>", i)
	}
	return b.String()
}

const rssTmpl = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>أخبار الاقتصاد</title>
  <link>%[1]s/</link>
  <description>Test feed</description>
  <item>
    <title>نجاح نماذج بكين الرخيصة</title>
    <link>%[1]s/a/1</link>
    <guid isPermaLink="false">rss-1</guid>
    <pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate>
    <description>ملخص قصير &lt;b&gt;للمقال&lt;/b&gt;</description>
    <content:encoded><![CDATA[%[2]s]]></content:encoded>
  </item>
  <item>
    <title>Summary only</title>
    <link>%[1]s/a/2</link>
    <pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate>
    <description>Just a teaser.</description>
  </item>
</channel>
</rss>`

const atomTmpl = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Blog</title>
  <link href="%[1]s/"/>
  <id>urn:test:atom</id>
  <updated>2026-11-28T10:00:00Z</updated>
  <entry>
    <title>An English entry</title>
    <link href="/a/3"/>
    <id>urn:test:atom:1</id>
    <updated>2026-11-28T10:00:00Z</updated>
    <summary>Short.</summary>
  </entry>
</feed>`

const jsonTmpl = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON مدونة",
  "home_page_url": "%[1]s/",
  "items": [
    {"id": "j1", "url": "%[1]s/a/4", "title": "عنوان عربي", "content_html": "<p>قصير</p>", "date_published": "2026-11-26T08:00:00Z"},
    {"id": "j2", "url": "%[1]s/a/5", "title": "Second", "summary": "Teaser"}
  ]
}`

type server struct {
	*httptest.Server
	hits atomic.Int64
}

func newServer(t *testing.T) *server {
	s := &server{}
	mux := http.NewServeMux()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		const etag = `"rss-v1"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, rssTmpl, s.URL, longHTML(200))
	})
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprintf(w, atomTmpl, s.URL)
	})
	mux.HandleFunc("/feed.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		fmt.Fprintf(w, jsonTmpl, s.URL)
	})
	mux.HandleFunc("/blog", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>Blog</title>
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">
</head><body><p>Hello</p></body></html>`)
	})
	mux.HandleFunc("/nofeed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>x</title></head><body>no feed</body></html>`)
	})
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n0000"))
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "just some words")
	})
	mux.HandleFunc("/api.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status": "ok"}`)
	})
	mux.HandleFunc("/big.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss>"+strings.Repeat(" ", 3000)+"</rss>")
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestFetchFormats(t *testing.T) {
	srv := newServer(t)
	f := &Fetcher{Client: testenv.LoopbackClient()}
	ctx := context.Background()

	rss, err := f.Fetch(ctx, srv.URL+"/rss.xml", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if rss.Title != "أخبار الاقتصاد" || rss.SiteURL != srv.URL+"/" || len(rss.Items) != 2 || rss.ETag != `"rss-v1"` {
		t.Fatalf("rss = %+v", rss)
	}
	full, short := rss.Items[0], rss.Items[1]
	if full.GUID != "rss-1" || full.Title != "نجاح نماذج بكين الرخيصة" || len(strings.Fields(full.Content)) < 150 ||
		full.Summary != "ملخص قصير للمقال" || !full.Published.Equal(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("full item = %+v", full)
	}
	if short.GUID != srv.URL+"/a/2" || short.Content != "" || short.Summary != "Just a teaser." {
		t.Fatalf("summary-only item = %+v", short)
	}

	js, err := f.Fetch(ctx, srv.URL+"/feed.json", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if js.Title != "JSON مدونة" || len(js.Items) != 2 || js.Items[0].Title != "عنوان عربي" || js.Items[0].Summary != "قصير" {
		t.Fatalf("json = %+v", js)
	}

	// An HTML page: its announced feed is followed, relative links resolved.
	atom, err := f.Fetch(ctx, srv.URL+"/blog", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if atom.URL != srv.URL+"/atom.xml" || atom.Title != "Atom Blog" || len(atom.Items) != 1 ||
		atom.Items[0].URL != srv.URL+"/a/3" || atom.Items[0].GUID != "urn:test:atom:1" {
		t.Fatalf("discovered atom = %+v", atom)
	}
}

func TestConditionalGet(t *testing.T) {
	srv := newServer(t)
	f := &Fetcher{Client: testenv.LoopbackClient()}
	first, err := f.Fetch(context.Background(), srv.URL+"/rss.xml", "", "")
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.Fetch(context.Background(), srv.URL+"/rss.xml", first.ETag, first.LastModified)
	if err != nil || !again.NotModified || len(again.Items) != 0 || again.ETag != first.ETag {
		t.Fatalf("second fetch = %+v, %v; want 304", again, err)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := newServer(t)
	f := &Fetcher{Client: testenv.LoopbackClient(), MaxBytes: 1000, Timeout: 300 * time.Millisecond}
	for _, tc := range []struct{ path, want string }{
		{"/missing.xml", "no feed at"},
		{"/logo.png", "it is an image"},
		{"/text", "is not a feed"},
		{"/nofeed", "links to no feed"},
		{"/api.json", "not a JSON Feed"},
		{"/big.xml", "larger than"},
		{"/slow.xml", "did not answer within"},
	} {
		_, err := f.Fetch(context.Background(), srv.URL+tc.path, "", "")
		var fe *Error
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.want) || strings.Count(err.Error(), ". ") > 0 {
			t.Errorf("%s: err = %v; want one sentence containing %q", tc.path, err, tc.want)
		}
	}
	if _, err := f.Fetch(context.Background(), "ftp://example.com/feed", "", ""); err == nil || !strings.Contains(err.Error(), "http://") {
		t.Errorf("ftp: err = %v", err)
	}
	if _, err := f.Fetch(context.Background(), "http://192.0.2.1/feed", "", ""); err == nil {
		t.Errorf("an address off this machine was reached")
	}
}
