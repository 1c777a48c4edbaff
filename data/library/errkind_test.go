package library

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"annals/data/transfer"
)

// Failures of real saves come back with a kind the interface can put in
// the reader's language, and the site's name for its sentence.
func TestClassifyRealFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			http.NotFound(w, r)
		case "/login":
			w.WriteHeader(http.StatusForbidden)
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		case "/picture":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n0000"))
		}
	}))
	defer srv.Close()
	l := openTemp(t)
	missing := filepath.Join(t.TempDir(), "nowhere.html")
	items := []string{srv.URL + "/gone", srv.URL + "/login", srv.URL + "/broken", srv.URL + "/picture", missing, "ftp://example.com/x"}
	want := []ErrorKind{ErrorNotFoundOnSite, ErrorForbidden, ErrorHTTPStatus, ErrorNotHTML, ErrorFileMissing, ErrorBadURL}
	res, err := l.Add(context.Background(), items...).Wait()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ErrorInfo{}
	for _, f := range res.Failed {
		got[f.Item] = Classify(f.Err)
	}
	for i, item := range items {
		info, ok := got[item]
		if !ok {
			t.Errorf("%s did not fail", item)
			continue
		}
		if info.Kind != want[i] {
			t.Errorf("%s: kind %q, want %q (error %v)", item, info.Kind, want[i], info)
		}
	}
	if s := got[srv.URL+"/gone"].Site; s != "127.0.0.1" {
		t.Errorf("site %q, want 127.0.0.1", s)
	}
	if st := got[srv.URL+"/broken"].Status; st != 500 {
		t.Errorf("status %d, want 500", st)
	}
	if !got[missing].File {
		t.Error("a missing file is not marked as a file")
	}
}

func TestClassifyLibraryErrors(t *testing.T) {
	l := openTemp(t)
	_, err := l.Get(context.Background(), 424242)
	cases := []struct {
		err  error
		want ErrorKind
	}{
		{err, ErrorNoSuchArticle},
		{fmt.Errorf("import: %w", transfer.ErrUnknownFormat), ErrorUnknownFormat},
		{fmt.Errorf("restore: %w", transfer.ErrDamagedZip), ErrorDamagedFile},
		{context.Canceled, ErrorCanceled},
		{ErrRefreshRunning, ErrorBusy},
		{fmt.Errorf("store: set favourite on 1: %w", ErrLibraryBusy), ErrorLibraryLocked},
		{ErrReadOnly, ErrorReadOnly},
		{fmt.Errorf("%w; no backup was made", ErrLibraryDamaged), ErrorLibraryDamaged},
		{fmt.Errorf("store: %w", ErrNotWebLink), ErrorBadURL},
		{&os.PathError{Op: "open", Path: "/x", Err: os.ErrPermission}, ErrorFilePermission},
		{errors.New("sqlite: disk I/O error"), ErrorInternal},
		{nil, ErrorInternal},
	}
	for _, c := range cases {
		if got := Classify(c.err).Kind; got != c.want {
			t.Errorf("Classify(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
