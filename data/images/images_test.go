package images

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"image/color"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"annals/internal/testenv"
)

// webp1x1 is the 1×1 lossless WebP browsers' feature tests use.
const webp1x1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

const svgWithComment = `<!-- drawn by hand -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><rect width="40" height="30"/></svg>`

const svgWithDecl = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg width="120px" height="80" xmlns="http://www.w3.org/2000/svg"></svg>`

func kindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return -1
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// files lists every file under dir (relative paths).
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestFetchStoresImagesByContent(t *testing.T) {
	red := testenv.PNG(t, 3, 2, color.RGBA{255, 0, 0, 255})
	webp, _ := base64.StdEncoding.DecodeString(webp1x1)
	var sawReferer, sawAgent atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sawReferer.Store(r.Header.Get("Referer"))
		sawAgent.Store(r.Header.Get("User-Agent"))
		switch r.URL.Path {
		case "/red.png", "/same-red":
			w.Header().Set("Content-Type", "application/octet-stream") // the label does not matter
			w.Write(red)
		case "/pic.webp":
			w.Write(webp)
		case "/comment.svg":
			w.Write([]byte(svgWithComment))
		case "/decl.svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			w.Write([]byte(svgWithDecl))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "images")
	f := NewFolder(dir, Options{})
	page := srv.URL + "/article"
	urls := []string{srv.URL + "/red.png", srv.URL + "/pic.webp", srv.URL + "/comment.svg", srv.URL + "/decl.svg",
		srv.URL + "/same-red", srv.URL + "/red.png", " "}
	var progress []int
	res := f.Fetch(context.Background(), Request{Page: page, URLs: urls, Progress: func(done, total int) {
		if total != 5 {
			t.Errorf("progress total = %d, want 5 distinct URLs", total)
		}
		progress = append(progress, done)
	}})
	if len(res) != 5 || len(progress) != 5 || progress[4] != 5 {
		t.Fatalf("results = %+v, progress = %v", res, progress)
	}
	want := []struct {
		mime string
		w, h int
	}{{"image/png", 3, 2}, {"image/webp", 1, 1}, {"image/svg+xml", 40, 30}, {"image/svg+xml", 120, 80}, {"image/png", 3, 2}}
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.URL, r.Err)
		}
		if r.URL != strings.TrimSpace(urls[i]) || r.MIME != want[i].mime || r.Width != want[i].w || r.Height != want[i].h {
			t.Errorf("result %d = %+v, want %+v", i, r, want[i])
		}
		data, err := f.Read(r.Hash, r.MIME)
		if err != nil || sha(data) != r.Hash || int64(len(data)) != r.Size {
			t.Errorf("Read(%s) = %d bytes, %v", r.Hash, len(data), err)
		}
	}
	if res[0].Hash != sha(red) || res[4].Hash != res[0].Hash {
		t.Errorf("hashes = %s, %s; want both %s", res[0].Hash, res[4].Hash, sha(red))
	}
	wantPath := filepath.Join(dir, sha(red)[:2], sha(red)+".png")
	if f.Path(res[0].Hash, res[0].MIME) != wantPath {
		t.Errorf("Path = %s, want %s", f.Path(res[0].Hash, res[0].MIME), wantPath)
	}
	if got := files(t, dir); len(got) != 4 {
		t.Errorf("files = %v, want 4 (the two identical PNGs stored once)", got)
	}
	if sawReferer.Load() != page {
		t.Errorf("Referer = %v, want %s", sawReferer.Load(), page)
	}
	if ua, _ := sawAgent.Load().(string); !strings.Contains(ua, "Mozilla/5.0") {
		t.Errorf("User-Agent = %q, want a browser's", ua)
	}
}

func TestFetchRecordsEachFailure(t *testing.T) {
	big := make([]byte, 11<<20)
	copy(big, testenv.PNG(t, 1, 1, color.Black))
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing.png":
			http.NotFound(w, r)
		case "/page.jpg":
			w.Header().Set("Content-Type", "image/jpeg") // lies
			w.Write([]byte("<!DOCTYPE html><html><head><title>Login</title></head><body>Sign in</body></html>"))
		case "/big.png": // no Content-Length: the cap must hold while reading
			w.Header().Set("Content-Type", "image/png")
			for off := 0; off < len(big); off += 1 << 20 {
				if _, err := w.Write(big[off : off+1<<20]); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		case "/big-declared.png":
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			w.Write(big)
		case "/slow.png":
			select {
			case <-r.Context().Done():
			case <-release:
			}
		case "/empty.png":
		case "/icon.bmp":
			w.Write(append([]byte("BM"), make([]byte, 64)...))
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	f := NewFolder(dir, Options{Timeout: 2 * time.Second})
	cases := []struct {
		path string
		kind Kind
		says string
	}{
		{"/missing.png", KindHTTPStatus, "HTTP 404"},
		{"/page.jpg", KindNotImage, "text/html"},
		{"/big.png", KindTooLarge, "10 MB"},
		{"/big-declared.png", KindTooLarge, "10 MB"},
		{"/slow.png", KindTimeout, "did not arrive within 2 seconds"},
		{"/empty.png", KindEmpty, "empty"},
		{"/icon.bmp", KindNotImage, "image/bmp"},
	}
	var urls []string
	for _, c := range cases {
		urls = append(urls, srv.URL+c.path)
	}
	urls = append(urls, "ftp://example.org/a.png", "file:///etc/hostname", "data:image/png;base64,AAAA")
	start := time.Now()
	res := f.Fetch(context.Background(), Request{Page: srv.URL + "/a", URLs: urls})
	if took := time.Since(start); took > 8*time.Second {
		t.Errorf("Fetch took %s", took)
	}
	for i, c := range cases {
		r := res[i]
		if kindOf(r.Err) != c.kind || !strings.Contains(r.Err.Error(), c.says) || r.Hash != "" {
			t.Errorf("%s: err = %v (kind %v), want %v saying %q", c.path, r.Err, kindOf(r.Err), c.kind, c.says)
		}
	}
	for _, r := range res[len(cases):] {
		if kindOf(r.Err) != KindBadURL {
			t.Errorf("%s: err = %v, want bad-url", r.URL, r.Err)
		}
	}
	if strings.Contains(res[len(cases)+1].Err.Error(), "hostname") || !strings.Contains(res[len(cases)+1].Err.Error(), "web page cannot") {
		t.Errorf("file:// from a web page: %v", res[len(cases)+1].Err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("failures left files: %v", got)
	}
}

func TestFetchCapsImagesAndConcurrency(t *testing.T) {
	img := testenv.PNG(t, 1, 1, color.White)
	var now, peak, requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		n := now.Add(1)
		defer now.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
		w.Write(img)
	}))
	defer srv.Close()
	var urls []string
	for i := range 130 {
		urls = append(urls, fmt.Sprintf("%s/img/%d.png", srv.URL, i))
	}
	f := NewFolder(t.TempDir(), Options{Concurrency: 3})
	res := f.Fetch(context.Background(), Request{Page: srv.URL, URLs: urls})
	if len(res) != 130 {
		t.Fatalf("%d results", len(res))
	}
	for i, r := range res {
		if i < DefaultMaxImages && r.Err != nil {
			t.Fatalf("image %d: %v", i, r.Err)
		}
		if i >= DefaultMaxImages && (kindOf(r.Err) != KindTooMany || !strings.Contains(r.Err.Error(), "more than 100 images")) {
			t.Fatalf("image %d: err = %v, want too-many", i, r.Err)
		}
	}
	if requests.Load() != DefaultMaxImages {
		t.Errorf("%d requests, want %d", requests.Load(), DefaultMaxImages)
	}
	if peak.Load() > 3 {
		t.Errorf("%d downloads at once, want at most 3", peak.Load())
	}
}

func TestFetchStopsWhenCanceled(t *testing.T) {
	started := make(chan struct{}, 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-r.Context().Done()
	}))
	defer srv.Close()
	var urls []string
	for i := range 20 {
		urls = append(urls, fmt.Sprintf("%s/%d.png", srv.URL, i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	start := time.Now()
	res := NewFolder(t.TempDir(), Options{}).Fetch(ctx, Request{Page: srv.URL, URLs: urls})
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("Fetch went on for %s after cancel", took)
	}
	for _, r := range res {
		if kindOf(r.Err) != KindCanceled {
			t.Errorf("%s: err = %v, want canceled", r.URL, r.Err)
		}
	}
	if len(started) > DefaultConcurrency {
		t.Errorf("%d downloads started after cancel", len(started))
	}
}

func TestFetchTotalTimeoutStopsTheRest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	urls := []string{srv.URL + "/1", srv.URL + "/2", srv.URL + "/3"}
	f := NewFolder(t.TempDir(), Options{Concurrency: 1, TotalTimeout: 200 * time.Millisecond})
	res := f.Fetch(context.Background(), Request{Page: srv.URL, URLs: urls})
	for _, r := range res {
		if kindOf(r.Err) != KindTimeout || !strings.Contains(r.Err.Error(), "stopped downloading") {
			t.Errorf("%s: %v", r.URL, r.Err)
		}
	}
}

func TestFetchCopiesSavedPageImagesOnly(t *testing.T) {
	src := t.TempDir()
	img := testenv.PNG(t, 2, 2, color.Black)
	p := filepath.Join(src, "Page_files", "photo.png")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, img, 0o644)
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
	missing := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(src, "Page_files", "gone.png"))}).String()
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(src, "Page.html"))}).String()
	f := NewFolder(t.TempDir(), Options{})
	res := f.Fetch(context.Background(), Request{Page: pageURL, URLs: []string{fileURL, missing}})
	if res[0].Err != nil || res[0].Hash != sha(img) || res[0].Width != 2 {
		t.Errorf("saved-page image: %+v", res[0])
	}
	if kindOf(res[1].Err) != KindFile || !strings.Contains(res[1].Err.Error(), "missing") {
		t.Errorf("missing saved-page image: %v", res[1].Err)
	}
}

func TestFullDiskLeavesNoFile(t *testing.T) {
	img := testenv.PNG(t, 4, 4, color.White)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(img) }))
	defer srv.Close()
	orig := writeData
	writeData = func(w io.Writer, data []byte) error {
		w.Write(data[:len(data)/2])
		return &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	}
	defer func() { writeData = orig }()
	dir := t.TempDir()
	res := NewFolder(dir, Options{}).Fetch(context.Background(), Request{Page: srv.URL, URLs: []string{srv.URL + "/a.png"}})
	if kindOf(res[0].Err) != KindDisk || !strings.Contains(res[0].Err.Error(), "disk is full") || res[0].Hash != "" {
		t.Fatalf("err = %v, want a disk-full error", res[0].Err)
	}
	if !errors.Is(res[0].Err, syscall.ENOSPC) {
		t.Errorf("cause lost: %v", res[0].Err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("a failed write left %v", got)
	}
}

func TestStoredImagesAreReusedWithoutDownload(t *testing.T) {
	img := testenv.PNG(t, 1, 1, color.White)
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write(img)
	}))
	defer srv.Close()
	f := NewFolder(t.TempDir(), Options{})
	u := srv.URL + "/a.png"
	first := f.Fetch(context.Background(), Request{URLs: []string{u}})[0]
	stored := func(string) (Result, bool) { return first, true }
	again := f.Fetch(context.Background(), Request{URLs: []string{u}, Stored: stored})[0]
	if requests.Load() != 1 || again.Hash != first.Hash || again.Err != nil {
		t.Fatalf("reuse: %d requests, %+v", requests.Load(), again)
	}
	os.Remove(f.Path(first.Hash, first.MIME))
	again = f.Fetch(context.Background(), Request{URLs: []string{u}, Stored: stored})[0]
	if requests.Load() != 2 || again.Err != nil {
		t.Fatalf("a stored image whose file is gone is downloaded again: %d requests, %+v", requests.Load(), again)
	}
	if _, err := f.Read(strings.Repeat("0", 64), "image/png"); !errors.Is(err, ErrMissing) {
		t.Errorf("Read of an absent image: %v", err)
	}
	if _, err := f.Read("../../etc/passwd", "image/png"); !errors.Is(err, ErrMissing) {
		t.Errorf("Read of a bad hash: %v", err)
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	f := NewFolder(dir, Options{})
	var hashes []string
	for i := range 4 {
		data := testenv.PNG(t, i+1, 1, color.White)
		r := f.keep(fmt.Sprint(i), data)
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		hashes = append(hashes, r.Hash)
	}
	used, released, stale, fresh := hashes[0], hashes[1], hashes[2], hashes[3]
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(f.Path(stale, "image/png"), old, old)
	os.Chtimes(f.Path(used, "image/png"), old, old)
	tmpOld := filepath.Join(dir, used[:2], tempPrefix+"old")
	tmpNew := filepath.Join(dir, used[:2], tempPrefix+"new")
	os.WriteFile(tmpOld, []byte("x"), 0o644)
	os.WriteFile(tmpNew, []byte("x"), 0o644)
	os.Chtimes(tmpOld, old, old)

	removed, err := f.Collect(context.Background(), func(h string) bool { return h == used },
		map[string]bool{released: true}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 {
		t.Errorf("removed %v, want the released and the stale one", removed)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	for h, want := range map[string]bool{used: true, released: false, stale: false, fresh: true} {
		if exists(f.Path(h, "image/png")) != want {
			t.Errorf("%s exists = %v, want %v", h[:8], !want, want)
		}
	}
	if exists(tmpOld) || !exists(tmpNew) {
		t.Errorf("temp files: old kept = %v, new kept = %v", exists(tmpOld), exists(tmpNew))
	}
}
