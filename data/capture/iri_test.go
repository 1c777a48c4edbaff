package capture

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Issue 15, item 8: a link with Arabic and spaces in its path and query
// used to be sent as is, and the server answered 400. It is sent as a URI
// and kept in its readable form.
func TestFetchSendsIRIAsURI(t *testing.T) {
	var got string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.RequestURI
		for i := 0; i < len(got); i++ {
			if got[i] >= 0x80 || got[i] == ' ' {
				http.Error(w, "bad request line", http.StatusBadRequest)
				return
			}
		}
		servePage("text/html; charset=utf-8", articleHTML)(w, r)
	})
	link := srv.URL + "/مقالات/خبر جديد?q=الصين اليوم&lang=ar#قسم"
	doc, err := NewFetcher().Fetch(context.Background(), link)
	if err != nil {
		t.Fatalf("Fetch(%q): %v", link, err)
	}
	want := "/%D9%85%D9%82%D8%A7%D9%84%D8%A7%D8%AA/%D8%AE%D8%A8%D8%B1%20%D8%AC%D8%AF%D9%8A%D8%AF?q=%D8%A7%D9%84%D8%B5%D9%8A%D9%86%20%D8%A7%D9%84%D9%8A%D9%88%D9%85&lang=ar"
	if got != want {
		t.Errorf("request URI = %q, want %q", got, want)
	}
	if doc.URL != srv.URL+"/مقالات/خبر%20جديد?q=الصين%20اليوم&lang=ar" {
		t.Errorf("kept URL = %q, want the readable form", doc.URL)
	}
}

func TestToURIAndReadable(t *testing.T) {
	cases := []struct{ in, uri, readable string }{
		{"https://مثال.إختبار/صفحة?ب=ج", "https://xn--mgbh0fb.xn--kgbechtv/%D8%B5%D9%81%D8%AD%D8%A9?%D8%A8=%D8%AC", "https://مثال.إختبار/صفحة?ب=ج"},
		{"http://example.com/a%20b?q=100%25&x=a b", "http://example.com/a%20b?q=100%25&x=a%20b", "http://example.com/a%20b?q=100%25&x=a%20b"},
		{"https://example.com:8443/x?q=\"<>\"", "https://example.com:8443/x?q=%22%3C%3E%22", "https://example.com:8443/x?q=%22%3C%3E%22"},
		{"https://example.com/%E2%80%AEevil", "https://example.com/%E2%80%AEevil", "https://example.com/%E2%80%AEevil"}, // a bidi override stays escaped
	}
	for _, c := range cases {
		u, err := url.Parse(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		uri := ToURI(u)
		if uri.String() != c.uri {
			t.Errorf("ToURI(%q) = %q, want %q", c.in, uri, c.uri)
		}
		if r := Readable(uri); r != c.readable {
			t.Errorf("Readable(%q) = %q, want %q", uri, r, c.readable)
		}
		if strings.ContainsAny(uri.String(), " ") {
			t.Errorf("URI holds a space: %q", uri)
		}
	}
}
