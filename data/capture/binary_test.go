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
	"unicode/utf8"
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

// textCountsByRune is textCounts as it was before its eight-byte steps:
// one rune at a time.
func textCountsByRune(text []byte) (runes, controls, replaced int) {
	for len(text) > 0 {
		runes++
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			controls++
		case r == utf8.RuneError:
			replaced++
		}
	}
	return runes, controls, replaced
}

// The eight-byte steps count what the rune-by-rune loop counts, wherever the
// controls, DEL, multi-byte runes and invalid bytes fall in a word.
func TestTextCountsMatchesRuneByRune(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	pieces := []string{"a", "Z", " ", "~", "\x1f", "\x20", "\x7f", "\x7e", "\t", "\n", "\r", "\f", "\x00", "\x01",
		"é", "ع", "\u0085", "\u009f", "\u00a0", "\ufffd", "\xff", "\xc3", "\xe2\x82", "😀", "abcdefgh", "0123456789abcdef"}
	for i := range 20000 {
		var b []byte
		for range r.IntN(40) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if i%3 == 0 {
			b = randomBytes(r.IntN(64), uint64(i))
		}
		gr, gc, gf := textCounts(b)
		wr, wc, wf := textCountsByRune(b)
		if gr != wr || gc != wc || gf != wf {
			t.Fatalf("%q: textCounts %d %d %d, rune by rune %d %d %d", b, gr, gc, gf, wr, wc, wf)
		}
	}
}
