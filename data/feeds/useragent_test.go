package feeds

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"annals/internal/buildinfo"
)

// The feed reader names the app and its version, and no web address the
// project does not own.
func TestUserAgentNamesTheAppOnly(t *testing.T) {
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.UserAgent()
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`))
	}))
	defer srv.Close()
	f := &Fetcher{Client: srv.Client()}
	if _, err := f.Fetch(t.Context(), srv.URL, "", ""); err != nil {
		t.Fatal(err)
	}
	ua := <-got
	if !strings.HasPrefix(ua, "Annals/"+buildinfo.Version) || strings.Contains(ua, "://") {
		t.Errorf("User-Agent %q: want Annals/<version> and no address", ua)
	}
}
