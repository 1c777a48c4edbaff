package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"annals/data/library"
	"annals/internal/testenv"
)

type runner struct {
	t  *testing.T
	db string
}

func (r runner) run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb, func() (*library.Library, error) {
		return library.Open(context.Background(), library.Options{DBPath: r.db, Client: testenv.LoopbackClient()})
	})
	return code, out.String(), errb.String()
}

func TestCommandsEndToEnd(t *testing.T) {
	seed := testenv.SeedHTML(t)
	page, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/seed":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/image.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n0000"))
		default:
			http.NotFound(w, req)
		}
	}))
	defer srv.Close()
	r := runner{t: t, db: filepath.Join(t.TempDir(), "annals.db")}

	code, out, errs := r.run("add", srv.URL+"/seed")
	if code != ExitOK || !strings.Contains(out, testenv.SeedTitle) {
		t.Fatalf("add: code %d, out %q, err %q", code, out, errs)
	}
	// The same page again, from the file: one article, not two.
	if code, _, errs := r.run("add", seed); code != ExitOK {
		t.Fatalf("add file: code %d, err %q", code, errs)
	}

	code, out, _ = r.run("list", "--json")
	var list []articleJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("list --json: code %d, out %q", code, out)
	}
	if len(list) == 0 {
		t.Fatal("list is empty after add")
	}
	id := list[0].ID
	if list[0].Language != "ar" || list[0].Dir != "rtl" {
		t.Errorf("list[0] = %+v, want an Arabic RTL article", list[0])
	}

	code, out, _ = r.run("show", "--json", itoa(id))
	var shown articleJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &shown) != nil || !strings.Contains(shown.Text, "ديفيد ساكس") {
		t.Fatalf("show: code %d, text %q", code, shown.Text)
	}

	code, out, _ = r.run("search", "ترمب")
	if code != ExitOK || !strings.Contains(out, "[ترمب]") {
		t.Errorf("search ترمب: code %d, out %q", code, out)
	}
	code, out, _ = r.run("search", "--json", "كوكاكولا")
	if code != ExitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("search with no hits: code %d, out %q", code, out)
	}

	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"dead link", []string{"add", srv.URL + "/missing"}, ExitUser, "404"},
		{"image", []string{"add", srv.URL + "/image.png"}, ExitUser, "image"},
		{"unknown id", []string{"show", "9999"}, ExitUser, "no article with id 9999"},
		{"not a number", []string{"delete", "abc"}, ExitUser, "not an article id"},
		{"unknown command", []string{"frobnicate"}, ExitUser, "unknown command"},
		{"no args", []string{"add"}, ExitUser, "at least one"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := r.run(c.args...)
			if code != c.code || !strings.Contains(errs, c.msg) {
				t.Errorf("code %d, stderr %q; want %d and %q", code, errs, c.code, c.msg)
			}
			if lines := strings.Count(strings.TrimSpace(errs), "\n"); c.name != "unknown command" && lines > 1 {
				t.Errorf("message is not short: %q", errs)
			}
		})
	}
	before := len(list)
	code, _, _ = r.run("delete", itoa(id))
	if code != ExitOK {
		t.Fatalf("delete: %d", code)
	}
	_, out, _ = r.run("list", "--json")
	json.Unmarshal([]byte(out), &list)
	if len(list) != before-1 {
		t.Errorf("after delete: %d articles, want %d", len(list), before-1)
	}
}

func TestOpenFailureIsInternal(t *testing.T) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"list"}, &out, &errb, func() (*library.Library, error) {
		return nil, os.ErrPermission
	})
	if code != ExitInternal || !strings.Contains(errb.String(), "cannot open the library") {
		t.Errorf("code %d, stderr %q", code, errb.String())
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
