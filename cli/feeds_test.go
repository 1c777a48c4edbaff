package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/library"
)

func TestFeedCommands(t *testing.T) {
	body := "<p>" + strings.Repeat("This is a long paragraph about the subject that explains the idea in enough detail for a reader. ", 6) + "</p>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("ETag", `"1"`)
			if r.Header.Get("If-None-Match") == `"1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>مدونة</title><link>%[1]s/</link>
<item><title>One</title><link>%[1]s/one</link><guid>1</guid></item>
<item><title>اثنان</title><link>%[1]s/two</link><guid>2</guid></item></channel></rss>`, "http://"+r.Host)
		case "/logo.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n"))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1>%s%s%s</article></body></html>", r.URL.Path, r.URL.Path, body, body, body)
		}
	}))
	defer srv.Close()
	saved := library.FeedFetchLimits
	library.FeedFetchLimits = library.FetchLimits{PerHost: time.Millisecond, Hosts: 2}
	defer func() { library.FeedFetchLimits = saved }()
	dir := t.TempDir()
	r := runner{t: t, db: filepath.Join(dir, "lib", "annals.db")}

	code, out, errs := r.run("subscribe", srv.URL+"/feed.xml", "--auto")
	if code != ExitOK || !strings.Contains(out, "مدونة") || !strings.Contains(out, "2 items, 2 saved") {
		t.Fatalf("subscribe: code %d, out %q, err %q", code, out, errs)
	}
	if code, out, _ := r.run("list"); code != ExitOK || strings.Count(out, "\n") != 2 {
		t.Fatalf("list after subscribe: %q", out)
	}
	code, out, errs = r.run("refresh")
	if code != ExitOK || !strings.Contains(out, "1 feeds checked (1 unchanged), 0 new items") {
		t.Fatalf("refresh: code %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = r.run("feeds", "--json")
	var fs []feedJSON
	if err := json.Unmarshal([]byte(out), &fs); code != ExitOK || err != nil || len(fs) != 1 || !fs[0].AutoSave || fs[0].Items != 2 || fs[0].Unsaved != 0 {
		t.Fatalf("feeds --json: code %d, %q, %v", code, out, err)
	}
	// Export-free OPML import through subscribe.
	opml := filepath.Join(dir, "subs.opml")
	os.WriteFile(opml, []byte(`<opml version="2.0"><body><outline text="X" xmlUrl="`+srv.URL+`/feed.xml"/><outline text="Y" xmlUrl="`+srv.URL+`/other.xml"/></body></opml>`), 0o644)
	if code, out, errs := r.run("subscribe", opml); code != ExitOK || !strings.Contains(out, "1 feeds added, 1 already followed") {
		t.Fatalf("subscribe opml: code %d, out %q, err %q", code, out, errs)
	}
	if code, _, errs := r.run("subscribe", srv.URL+"/logo.png"); code != ExitUser || !strings.Contains(errs, "image") {
		t.Fatalf("subscribe png: code %d, err %q", code, errs)
	}
	if code, _, errs := r.run("unsubscribe", "x"); code != ExitUser || !strings.Contains(errs, "not a feed id") {
		t.Fatalf("unsubscribe x: code %d, err %q", code, errs)
	}
	if code, _, errs := r.run("unsubscribe", "999"); code != ExitUser || !strings.Contains(errs, "no feed with id 999") {
		t.Fatalf("unsubscribe 999: code %d, err %q", code, errs)
	}
	if code, out, _ := r.run("unsubscribe", fmt.Sprint(fs[0].ID)); code != ExitOK || !strings.Contains(out, "unsubscribed") {
		t.Fatalf("unsubscribe: code %d, %q", code, out)
	}
	if code, _, _ := r.run("refresh", "extra"); code != ExitUser {
		t.Fatalf("refresh with an argument: code %d", code)
	}
}
