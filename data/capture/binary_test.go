package capture

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// randomBytes is reproducible noise: what a broken download or a renamed
// binary looks like.
func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

func TestRandomBytesAreRefused(t *testing.T) {
	t.Run("file named .html", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "article.html")
		if err := os.WriteFile(path, randomBytes(4096, 1), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(context.Background(), path)
		var ce *Error
		if !errors.As(err, &ce) || ce.Kind != KindNotHTML {
			t.Fatalf("err = %v, want KindNotHTML", err)
		}
		if !strings.Contains(ce.Error(), "not a saved web page") {
			t.Errorf("message = %q", ce.Error())
		}
	})
	t.Run("200 KB served as text/html", func(t *testing.T) {
		body := randomBytes(200<<10, 2)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write(body)
		}))
		defer srv.Close()
		f := &Fetcher{Client: srv.Client(), Timeout: 10 * time.Second}
		_, err := f.Fetch(context.Background(), srv.URL+"/story.html")
		var ce *Error
		if !errors.As(err, &ce) || ce.Kind != KindNotHTML {
			t.Fatalf("err = %v, want KindNotHTML", err)
		}
	})
	t.Run("text noise after a clean start", func(t *testing.T) {
		// The first 512 bytes look like a page; the rest is noise in which
		// control characters are common.
		body := append([]byte("<html><body><p>"+strings.Repeat("a", 500)), randomBytes(64<<10, 3)...)
		_, err := Parse(context.Background(), body, "text/html; charset=windows-1252", nil)
		var ce *Error
		if !errors.As(err, &ce) || ce.Kind != KindNotHTML {
			t.Fatalf("err = %v, want KindNotHTML", err)
		}
	})
	t.Run("a page with a stray control byte stays", func(t *testing.T) {
		page := "<html><body><article><h1>Bridge</h1><p>The city council voted on Tuesday to close the old bridge\x01 to cars from March, after engineers found cracks in two of its piers.</p>" +
			"<p>The mayor said the crossing would reopen to cyclists and walkers once the repairs were finished, probably next year.</p></article></body></html>"
		if _, err := Parse(context.Background(), []byte(page), "text/html", nil); err != nil {
			t.Errorf("refused: %v", err)
		}
	})
}
