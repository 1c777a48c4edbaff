package library

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// bridgeFixture is a real library in a temp dir with its endpoint on a
// real 127.0.0.1 port and one paired extension.
type bridgeFixture struct {
	lib    *Library
	srv    *BridgeServer
	base   string // http://127.0.0.1:PORT
	host   string // 127.0.0.1:PORT
	token  string
	origin string
	page   string // a real article's HTML
}

const testOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"

func newBridgeFixture(t *testing.T) *bridgeFixture {
	t.Helper()
	dir := t.TempDir()
	lib, err := Open(context.Background(), Options{Dir: dir, Client: &http.Client{Transport: offline{}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	codes := make(chan string, 1)
	srv, err := lib.StartBridge(BridgeOptions{Ports: []int{0}, OnPair: func(p Pairing) { codes <- p.Code }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	port := strconv.Itoa(srv.Port())
	if b, err := os.ReadFile(filepath.Join(dir, "bridge.port")); err != nil || strings.TrimSpace(string(b)) != port {
		t.Fatalf("bridge.port holds %q (%v), want %s", b, err, port)
	}
	page, err := os.ReadFile("../../assets/samples/annals-sample-en.html")
	if err != nil {
		t.Fatal(err)
	}
	f := &bridgeFixture{lib: lib, srv: srv, base: "http://127.0.0.1:" + port, host: "127.0.0.1:" + port, origin: testOrigin, page: string(page)}

	// Pair the way the extension does: ask, the reader allows the code,
	// the extension collects its token.
	var asked struct{ Pairing, Code string }
	f.postJSON(t, "/pair", map[string]string{"browser": "Chromium"}, http.StatusAccepted, &asked)
	code := <-codes
	if code != asked.Code || len(strings.ReplaceAll(code, " ", "")) != 6 {
		t.Fatalf("the app shows code %q, the extension %q", code, asked.Code)
	}
	var st struct{ State, Token string }
	f.postJSON(t, "/pair/status", map[string]string{"pairing": asked.Pairing}, http.StatusOK, &st)
	if st.State != "waiting" || st.Token != "" {
		t.Fatalf("before Allow: %+v", st)
	}
	if err := srv.Allow(code); err != nil {
		t.Fatal(err)
	}
	f.postJSON(t, "/pair/status", map[string]string{"pairing": asked.Pairing}, http.StatusOK, &st)
	if st.State != "allowed" || len(st.Token) < 32 {
		t.Fatalf("after Allow: %+v", st)
	}
	f.token = st.Token
	// The token is handed over once.
	f.postJSON(t, "/pair/status", map[string]string{"pairing": asked.Pairing}, http.StatusNotFound, nil)
	return f
}

func (f *bridgeFixture) postJSON(t *testing.T, path string, body any, want int, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, f.base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Annals-Request", "1")
	req.Header.Set("Origin", f.origin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("POST %s: status %d (%s), want %d", path, resp.StatusCode, got, want)
	}
	if out != nil {
		if err := json.Unmarshal(got, out); err != nil {
			t.Fatalf("POST %s: %v in %s", path, err, got)
		}
	}
}

// goodSave is a save request the endpoint takes; each bad request below
// differs from it in one way.
func (f *bridgeFixture) goodSave(pageURL string) *http.Request {
	b, _ := json.Marshal(PageFromTab{URL: pageURL, Title: "Sample", HTML: f.page})
	req, _ := http.NewRequest(http.MethodPost, f.base+"/save", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Annals-Request", "1")
	req.Header.Set("Origin", f.origin)
	req.Header.Set("Authorization", "Bearer "+f.token)
	return req
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (f *bridgeFixture) count(t *testing.T) int {
	t.Helper()
	n, err := f.lib.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBridgeRefusesBadRequests: every check the endpoint makes, each as a
// request that passes all the others. Each must be refused with its status
// and a sentence, and leave the library as it was.
func TestBridgeRefusesBadRequests(t *testing.T) {
	f := newBridgeFixture(t)
	body := func(r *http.Request, s string) {
		r.Body = io.NopCloser(strings.NewReader(s))
		r.ContentLength = int64(len(s))
	}
	huge := bytes.Repeat([]byte("a"), 60<<20)
	hugeJSON := append(append([]byte(`{"url":"https://example.org/huge","html":"`), huge...), `"}`...)
	cases := []struct {
		name   string
		status int
		change func(*http.Request)
	}{
		{"no token", 401, func(r *http.Request) { r.Header.Del("Authorization") }},
		{"wrong token", 401, func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+strings.Repeat("0", 64)) }},
		{"foreign Host (DNS rebinding)", 421, func(r *http.Request) { r.Host = "evil.example:" + strconv.Itoa(f.srv.Port()) }},
		{"loopback Host, other port", 421, func(r *http.Request) { r.Host = "127.0.0.1:80" }},
		{"web page Origin", 403, func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") }},
		{"Origin null (a sandboxed frame or a file)", 403, func(r *http.Request) { r.Header.Set("Origin", "null") }},
		{"CORS preflight from a web page", 403, func(r *http.Request) {
			r.Method = http.MethodOptions
			r.Header.Set("Origin", "https://evil.example")
			r.Header.Set("Access-Control-Request-Method", "POST")
			r.Header.Set("Access-Control-Request-Headers", "x-annals-request, content-type")
		}},
		{"another extension's Origin", 403, func(r *http.Request) {
			r.Header.Set("Origin", "chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
		}},
		{"form-encoded POST without the header", 403, func(r *http.Request) {
			r.Header.Del("X-Annals-Request")
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			body(r, "url=https%3A%2F%2Fexample.org%2Fform&html=%3Cp%3Ehi")
		}},
		{"header but text/plain body", 415, func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }},
		{"GET", 405, func(r *http.Request) { r.Method = http.MethodGet }},
		{"60 MB body", 413, func(r *http.Request) { body(r, string(hugeJSON)) }},
		{"60 MB body, no length given", 413, func(r *http.Request) {
			r.Body = io.NopCloser(bytes.NewReader(hugeJSON))
			r.ContentLength = -1
		}},
		{"broken JSON", 400, func(r *http.Request) { body(r, `{"url":"https://example.org/broken","html":"<p>`) }},
		{"javascript: URL", 422, func(r *http.Request) {
			b, _ := json.Marshal(PageFromTab{URL: "javascript:alert(1)", HTML: f.page})
			body(r, string(b))
		}},
		{"file: URL", 422, func(r *http.Request) {
			b, _ := json.Marshal(PageFromTab{URL: "file:///etc/passwd", HTML: f.page})
			body(r, string(b))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := f.count(t)
			req := f.goodSave("https://example.org/" + strings.ReplaceAll(c.name, " ", "-"))
			c.change(req)
			status, msg := do(t, req)
			if status != c.status {
				t.Fatalf("status %d (%s), want %d", status, msg, c.status)
			}
			var e struct{ Error string }
			if json.Unmarshal([]byte(msg), &e) != nil || !strings.HasSuffix(e.Error, ".") {
				t.Errorf("the refusal does not say why in a sentence: %s", msg)
			}
			if after := f.count(t); after != before {
				t.Fatalf("the library went from %d to %d articles", before, after)
			}
		})
	}
	// The control: the same request unchanged is taken, and so is the
	// localhost name; without these the refusals above prove nothing.
	if status, msg := do(t, f.goodSave("https://example.org/good")); status != 200 || !strings.Contains(msg, `"saved"`) {
		t.Fatalf("good request: %d %s", status, msg)
	}
	req := f.goodSave("https://example.org/good-localhost")
	req.Host = "localhost:" + strconv.Itoa(f.srv.Port())
	if status, msg := do(t, req); status != 200 {
		t.Fatalf("localhost Host: %d %s", status, msg)
	}
	if n := f.count(t); n != 2 {
		t.Fatalf("%d articles after two good saves", n)
	}
	// A revoked browser's token stops working at once.
	bs := f.srv.Browsers()
	if len(bs) != 1 || bs[0].Origin != testOrigin {
		t.Fatalf("paired browsers: %+v", bs)
	}
	if err := f.srv.Revoke(bs[0].ID); err != nil {
		t.Fatal(err)
	}
	if status, msg := do(t, f.goodSave("https://example.org/after-revoke")); status != 401 {
		t.Fatalf("after revoke: %d %s", status, msg)
	}
}

// TestBridgePairingFromWebPageRefused: a web page cannot even ask to pair
// (it would put a dialog in front of the reader).
func TestBridgePairingFromWebPageRefused(t *testing.T) {
	f := newBridgeFixture(t)
	f.origin = "http://127.0.0.1:8080"
	f.postJSON(t, "/pair", map[string]string{"browser": "evil"}, http.StatusForbidden, nil)
	if err := f.srv.Allow("000 000"); err == nil {
		t.Fatal("Allow took a code no browser asked with")
	}
}

// TestBridgeSaveAgainKeepsHighlights: the page is captured from the HTML
// sent (the article's text is there though the URL is unreachable: the
// fixture's client refuses every request), and a second save of the same
// URL updates the same article, keeping its highlights.
func TestBridgeSaveAgainKeepsHighlights(t *testing.T) {
	f := newBridgeFixture(t)
	ctx := context.Background()
	const pageURL = "https://news.example/story"
	html := `<html><head><title>Harbour</title></head><body><article><h1>Harbour reopens</h1>` +
		strings.Repeat(`<p>The old harbour of the town reopened on 3 March 2025 after two years of repairs, and the fishing boats came back the same week.</p>`, 4) +
		`</article></body></html>`
	saved, err := f.lib.SavePage(ctx, PageFromTab{URL: pageURL, HTML: html, Selection: "fishing boats came back"})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Existed {
		t.Fatal("a first save reported as already saved")
	}
	a, err := f.lib.Get(ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "old harbour of the town reopened") {
		t.Fatalf("the text sent is not what was kept: %q", a.Text)
	}
	hs, err := f.lib.Highlights(ctx, saved.ID)
	if err != nil || len(hs) != 1 || hs[0].Quote != "fishing boats came back" {
		t.Fatalf("the selection did not become a highlight: %+v %v", hs, err)
	}
	html2 := strings.Replace(html, "<article>", "<article><p>Updated: the ferry runs again too, from the north quay, twice a day.</p>", 1)
	again, err := f.lib.SavePage(ctx, PageFromTab{URL: pageURL, HTML: html2, Selection: "fishing boats came back"})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Existed || again.ID != saved.ID {
		t.Fatalf("second save: %+v, want the same article %d marked existed", again, saved.ID)
	}
	a, _ = f.lib.Get(ctx, saved.ID)
	if !strings.Contains(a.Text, "the ferry runs again") {
		t.Fatal("the second save did not update the text")
	}
	hs, _ = f.lib.Highlights(ctx, saved.ID)
	if len(hs) != 1 || hs[0].Orphaned || a.Text[hs[0].Start:hs[0].End] != "fishing boats came back" {
		t.Fatalf("highlights after saving again: %+v", hs)
	}
	if n := f.count(t); n != 1 {
		t.Fatalf("%d articles, want 1", n)
	}
}

// offline is the fixture's HTTP transport: nothing leaves the machine, so
// a save that fetched the page again would fail.
type offline struct{}

func (offline) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, &urlRefused{r.URL.String()}
}

type urlRefused struct{ url string }

func (e *urlRefused) Error() string { return "test: no network: " + e.url }
