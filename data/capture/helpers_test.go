package capture

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The seed article: the committed copy in assets/samples, by its absolute
// path (the file test compares the file:// URL a capture reports).
var (
	seedHTML = mustAbs("../../assets/samples/majalla-china-ai.html")
	seedText = mustAbs("../../assets/samples/majalla-china-ai.txt")
)

func mustAbs(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		panic(err)
	}
	return abs
}

// readSeed returns the seed article and its expected text, or skips the test
// when the committed copy is missing.
func readSeed(tb testing.TB) (page []byte, text string) {
	tb.Helper()
	page, err := os.ReadFile(seedHTML)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("seed article missing (%s)", seedHTML)
	}
	if err != nil {
		tb.Fatal(err)
	}
	txt, err := os.ReadFile(seedText)
	if err != nil {
		tb.Fatal(err)
	}
	return page, string(txt)
}

// serve starts a loopback server for one test.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// servePage answers every request with body and the given Content-Type
// (none at all when contentType is "-").
func servePage(contentType string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if contentType == "-" {
			w.Header()["Content-Type"] = nil // stop net/http from sniffing one
		} else {
			w.Header().Set("Content-Type", contentType)
		}
		w.Write(body)
	}
}

// wantError checks that err is a *Error of kind want whose message is one
// plain sentence, and returns it.
func wantError(t *testing.T, err error, want ErrorKind) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want *Error of kind %v", err, err, want)
	}
	if e.Kind != want {
		t.Fatalf("kind = %v (%q, cause %v), want %v", e.Kind, e.Error(), e.Err, want)
	}
	checkPlainSentence(t, e.Error())
	if want != KindInternal && !IsUserError(err) {
		t.Errorf("IsUserError(%v) = false", err)
	}
	return e
}

// checkPlainSentence fails when msg is not one plain English sentence: it
// must start with a capital, end with a full stop, hold no line break or
// second sentence, and carry no Go or network jargon.
func checkPlainSentence(t *testing.T, msg string) {
	t.Helper()
	first, _ := utf8.DecodeRuneInString(msg)
	switch {
	case msg == "", !unicode.IsUpper(first), !strings.HasSuffix(msg, "."), strings.Contains(msg, "\n"),
		strings.Contains(strings.TrimSuffix(msg, "."), ". "):
		t.Errorf("message %q is not one plain sentence", msg)
	}
	for _, jargon := range []string{"dial tcp", "Get \"", "context", "EOF", "%!", "<nil>", "x509", "errno", "readability"} {
		if strings.Contains(msg, jargon) {
			t.Errorf("message %q contains jargon %q", msg, jargon)
		}
	}
}
