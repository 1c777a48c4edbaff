package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"annals/data/library"
	"annals/internal/testenv"
)

// syncBuffer is stdout written by serve's goroutines and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServePairsFromTheTerminal: `annals serve` prints the code a browser
// asks with, typing it allows the browser, and the token it gets saves a
// page into the library.
func TestServePairsFromTheTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "annals.db")
	typed, typing := io.Pipe()
	serveInput, servePorts = typed, []int{0}
	t.Cleanup(func() { serveInput, servePorts = os.Stdin, nil; typing.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"serve"}, out, io.Discard, func() (*library.Library, error) {
			return library.Open(context.Background(), library.Options{DBPath: db, Client: testenv.LoopbackClient()})
		})
	}()
	waitFor := func(re *regexp.Regexp) []string {
		t.Helper()
		for i := 0; i < 200; i++ {
			if m := re.FindStringSubmatch(out.String()); m != nil {
				return m
			}
			time.Sleep(25 * time.Millisecond)
		}
		t.Fatalf("serve never printed %v; it printed:\n%s", re, out.String())
		return nil
	}
	port := waitFor(regexp.MustCompile(`127\.0\.0\.1:(\d+)`))[1]
	base := "http://127.0.0.1:" + port
	post := func(path, token string, body any, into any) int {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Annals-Request", "1")
		req.Header.Set("Origin", "moz-extension://5a1e2b3c-0000-4000-8000-000000000001")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if into != nil {
			json.NewDecoder(resp.Body).Decode(into)
		}
		return resp.StatusCode
	}
	var asked struct{ Pairing, Code string }
	if st := post("/pair", "", map[string]string{"browser": "Firefox"}, &asked); st != 202 {
		t.Fatalf("pair: %d", st)
	}
	shown := waitFor(regexp.MustCompile(`Firefox asks to save pages to Annals\. Code: (\d{3} \d{3})`))[1]
	if shown != asked.Code {
		t.Fatalf("terminal shows %q, the browser %q", shown, asked.Code)
	}
	io.WriteString(typing, "999 999x\n")
	waitFor(regexp.MustCompile(`no browser is waiting with this code`))
	io.WriteString(typing, shown+"\n")
	waitFor(regexp.MustCompile(`Allowed`))
	var st struct{ State, Token string }
	post("/pair/status", "", map[string]string{"pairing": asked.Pairing}, &st)
	if st.State != "allowed" || st.Token == "" {
		t.Fatalf("status after typing the code: %+v", st)
	}
	page, err := os.ReadFile("../assets/samples/annals-sample-en.html")
	if err != nil {
		t.Fatal(err)
	}
	var saved struct{ Status string }
	if code := post("/save", st.Token, library.PageFromTab{URL: "https://example.org/sample", HTML: string(page)}, &saved); code != 200 || saved.Status != "saved" {
		t.Fatalf("save: %d %+v", code, saved)
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Fatalf("serve exited %d", code)
	}
	lib, err := library.Open(context.Background(), library.Options{DBPath: db})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if n, _ := lib.Count(context.Background()); n != 1 {
		t.Fatalf("%d articles after one save", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "bridge.port")); !os.IsNotExist(err) {
		t.Fatalf("bridge.port left behind after serve stopped: %v", err)
	}
	if !strings.Contains(out.String(), "Stopped.") {
		t.Fatalf("serve did not say it stopped:\n%s", out.String())
	}
}
