// Package images keeps the pictures of saved articles on disk so the reader
// needs no network: it downloads them (or copies them out of a saved page's
// "_files" folder), checks by their bytes that they are images, and stores
// them in a content-addressed folder, <dir>/ab/abcdef….ext named by the
// SHA-256 of the bytes, so an image used by several articles is stored once.
// It knows nothing of SQL or the GUI: the caller records the Results.
package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"annals/data/capture"

	log "github.com/sirupsen/logrus"
)

// Defaults for an Options' zero fields: the same limits as for pages, made
// for images.
const (
	DefaultMaxBytes     = 10 << 20
	DefaultMaxImages    = 100
	DefaultTimeout      = 10 * time.Second
	DefaultTotalTimeout = 3 * time.Minute
	DefaultConcurrency  = 4
)

// acceptHeader is what Firefox sends for an <img>.
const acceptHeader = "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"

// Options set the limits of a Folder. Zero fields take the defaults.
type Options struct {
	Client       *http.Client  // nil: a default client
	UserAgent    string        // default: capture.DefaultUserAgent
	MaxBytes     int64         // per image, measured while reading; default 10 MB
	MaxImages    int           // per call of Fetch (one article); default 100
	Timeout      time.Duration // per image, body included; default 10 s
	TotalTimeout time.Duration // for one call of Fetch; default 3 min
	Concurrency  int           // downloads at once; default 4
	// Log receives why an image was not kept (debug level); the library
	// passes its own, so it reaches annals.log. nil: logrus's standard logger.
	Log *log.Logger
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = capture.DefaultUserAgent
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxImages <= 0 {
		o.MaxImages = DefaultMaxImages
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.TotalTimeout <= 0 {
		o.TotalTimeout = DefaultTotalTimeout
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Log == nil {
		o.Log = log.StandardLogger()
	}
	return o
}

// defaultClient shares one transport so connections are reused.
var defaultClient = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}

// Folder is a content-addressed image folder. It is safe for concurrent use.
type Folder struct {
	dir  string
	opts Options
}

// NewFolder returns the image folder at dir (created on first write).
func NewFolder(dir string, opts Options) *Folder {
	return &Folder{dir: dir, opts: opts.withDefaults()}
}

// Dir is the folder's location.
func (f *Folder) Dir() string { return f.dir }

// Result is what became of one image URL. On success Hash, MIME and Size are
// set (Width and Height too when the format says); otherwise Err is an *Error.
type Result struct {
	URL           string
	Hash          string // hex SHA-256 of the bytes
	MIME          string // image/jpeg, image/png, image/gif, image/webp or image/svg+xml
	Size          int64
	Width, Height int // 0 when unknown
	Err           error
}

// Request is one article's images.
type Request struct {
	// Page is the article's URL: the Referer for http(s) images, and what
	// allows file:// images (only a page read from disk may use them).
	Page string
	// URLs are the image URLs, http(s) or file://. Duplicates and blanks are
	// dropped; past Options.MaxImages the rest get a KindTooMany error.
	URLs []string
	// Stored, when set, gives what an earlier run kept for a URL: when ok and
	// the file is still there, it is reused without downloading.
	Stored func(url string) (Result, bool)
	// Progress, when set, is called after each image with the number done
	// and the total; calls never overlap.
	Progress func(done, total int)
}

// batch is one call of Fetch.
type batch struct {
	outer context.Context // the caller's
	ctx   context.Context // outer bounded by TotalTimeout
	total time.Duration
	page  *url.URL
}

// Fetch downloads (or copies) the images of one article into the folder, at
// most Concurrency at once, and returns one Result per distinct URL in the
// order given. It never fails as a whole: each problem is in its Result.
// When ctx is done, the images not finished get a KindCanceled error.
func (f *Folder) Fetch(ctx context.Context, req Request) []Result {
	urls := distinct(req.URLs)
	results := make([]Result, len(urls))
	bctx, cancel := context.WithTimeout(ctx, f.opts.TotalTimeout)
	defer cancel()
	b := &batch{outer: ctx, ctx: bctx, total: f.opts.TotalTimeout}
	b.page, _ = url.Parse(req.Page)

	var mu sync.Mutex
	done := 0
	finish := func(i int, r Result) {
		mu.Lock()
		defer mu.Unlock()
		results[i] = r
		done++
		if req.Progress != nil {
			req.Progress(done, len(urls))
		}
	}
	sem := make(chan struct{}, f.opts.Concurrency)
	var wg sync.WaitGroup
	for i, u := range urls {
		if i >= f.opts.MaxImages {
			finish(i, Result{URL: u, Err: errTooMany(u, f.opts.MaxImages)})
			continue
		}
		if req.Stored != nil {
			if r, ok := req.Stored(u); ok && f.reuse(r) {
				r.URL, r.Err = u, nil
				finish(i, r)
				continue
			}
		}
		select {
		case sem <- struct{}{}:
		case <-bctx.Done():
			finish(i, Result{URL: u, Err: b.stopped(u, bctx.Err())})
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := f.one(b, u)
			if r.Err != nil {
				f.opts.Log.WithError(r.Err).WithField("url", u).Debug("images: not kept")
			}
			finish(i, r)
		}()
	}
	wg.Wait()
	return results
}

func distinct(urls []string) []string {
	seen := make(map[string]bool, len(urls))
	out := make([]string, 0, len(urls))
	for _, u := range urls {
		u = strings.TrimSpace(u)
		if u == "" || seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, u)
	}
	return out
}

// reuse reports whether r's file is still in the folder, and marks it as in
// use (its time is refreshed, so Collect's grace period protects it).
func (f *Folder) reuse(r Result) bool {
	if r.Err != nil || !validHash(r.Hash) || extOf(r.MIME) == "" {
		return false
	}
	p := f.Path(r.Hash, r.MIME)
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() || (r.Size > 0 && fi.Size() != r.Size) {
		return false
	}
	now := time.Now()
	_ = os.Chtimes(p, now, now)
	return true
}

// one fetches and stores a single image.
func (f *Folder) one(b *batch, raw string) Result {
	res := Result{URL: raw}
	if err := b.ctx.Err(); err != nil {
		res.Err = b.stopped(raw, err)
		return res
	}
	u, err := url.Parse(raw)
	if err != nil {
		res.Err = &Error{Kind: KindBadURL, URL: raw, Err: err}
		return res
	}
	var data []byte
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Hostname() == "" {
			res.Err = &Error{Kind: KindBadURL, URL: raw, Err: errors.New("URL has no host")}
			return res
		}
		data, err = f.download(b, u)
	case "file":
		if b.page == nil || !strings.EqualFold(b.page.Scheme, "file") {
			// A web page must not make Annals copy files off this computer.
			res.Err = &Error{Kind: KindBadURL, URL: raw, Err: errors.New("file:// image in a web page"),
				msg: "A web page cannot use images stored on this computer."}
			return res
		}
		data, err = f.readLocal(raw, u, b.page)
	default:
		res.Err = &Error{Kind: KindBadURL, URL: raw, Err: fmt.Errorf("unsupported scheme %q", u.Scheme)}
		return res
	}
	if err != nil {
		res.Err = err
		return res
	}
	return f.keep(raw, data)
}

func (f *Folder) download(b *batch, u *url.URL) ([]byte, error) {
	link := u.String()
	timeout := f.opts.Timeout
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	// An image named in Arabic or with spaces is asked for as a URI.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, capture.ToURI(u).String(), nil)
	if err != nil {
		return nil, &Error{Kind: KindBadURL, URL: link, Err: err}
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", acceptHeader)
	if b.page != nil && (b.page.Scheme == "http" || b.page.Scheme == "https") {
		req.Header.Set("Referer", b.page.String())
	}
	client := f.opts.Client
	if client == nil {
		client = defaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, b.requestError(link, timeout, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &Error{Kind: KindHTTPStatus, URL: link, Status: resp.StatusCode,
			Err: fmt.Errorf("HTTP status %s", resp.Status)}
	}
	if resp.ContentLength > f.opts.MaxBytes {
		return nil, errTooLarge(link, f.opts.MaxBytes)
	}
	// One byte more than allowed: getting it means the image is too large.
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, b.requestError(link, timeout, err)
	}
	if int64(len(data)) > f.opts.MaxBytes {
		return nil, errTooLarge(link, f.opts.MaxBytes)
	}
	return data, nil
}

// filePath is the local path of a file:// URL.
func filePath(u *url.URL) string {
	p := u.Path
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

// insideFolder reports whether file lies in folder or below it, once both
// are resolved (a symbolic link inside the folder pointing elsewhere is
// outside).
func insideFolder(folder, file string) bool {
	realFolder, err := filepath.EvalSymlinks(folder)
	if err != nil {
		return false
	}
	realFile, err := filepath.EvalSymlinks(file)
	if err != nil {
		realFile = filepath.Clean(file) // a missing file: said so below
	}
	rel, err := filepath.Rel(realFolder, realFile)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// readLocal reads an image of a saved page. Only files in the page's own
// folder (its "_files" folder included) are read: a crafted page must not
// pull an arbitrary file of this computer into the library.
func (f *Folder) readLocal(raw string, u *url.URL, page *url.URL) ([]byte, error) {
	p := filePath(u)
	fail := func(err error) error {
		e := &Error{Kind: KindFile, URL: raw, Err: err}
		if errors.Is(err, fs.ErrNotExist) {
			e.msg = "The saved page's image file is missing."
		}
		return e
	}
	if page == nil || !insideFolder(filepath.Dir(filePath(page)), p) {
		return nil, &Error{Kind: KindBadURL, URL: raw, Err: errors.New("file:// image outside the saved page's folder"),
			msg: "A saved page can only use images from its own folder."}
	}
	file, err := os.Open(p)
	if err != nil {
		return nil, fail(err)
	}
	defer file.Close()
	fi, err := file.Stat()
	if err != nil {
		return nil, fail(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fail(fmt.Errorf("%s is not a regular file", p))
	}
	if fi.Size() > f.opts.MaxBytes {
		return nil, errTooLarge(raw, f.opts.MaxBytes)
	}
	data, err := io.ReadAll(io.LimitReader(file, f.opts.MaxBytes+1))
	if err != nil {
		return nil, fail(err)
	}
	if int64(len(data)) > f.opts.MaxBytes {
		return nil, errTooLarge(raw, f.opts.MaxBytes)
	}
	return data, nil
}

// keep checks that data is an image and stores it under its hash.
func (f *Folder) keep(raw string, data []byte) Result {
	res := Result{URL: raw}
	if len(bytes.TrimSpace(data)) == 0 {
		res.Err = &Error{Kind: KindEmpty, URL: raw}
		return res
	}
	info, err := sniff(data)
	if err != nil {
		res.Err = &Error{Kind: KindNotImage, URL: raw, ContentType: info.mime, Err: err}
		return res
	}
	sum := sha256.Sum256(data)
	res.Hash = hex.EncodeToString(sum[:])
	res.MIME, res.Size, res.Width, res.Height = info.mime, int64(len(data)), info.width, info.height
	p := f.Path(res.Hash, res.MIME)
	if f.reuse(res) {
		return res // the same bytes are stored already
	}
	if err := writeAtomic(p, data); err != nil {
		res = Result{URL: raw, Err: errDisk(raw, p, err)}
	}
	return res
}

// tempPrefix starts the name of a file being written; Collect removes old
// ones a crash left behind.
const tempPrefix = ".tmp-"

// writeData writes the bytes; tests replace it to simulate a full disk.
var writeData = func(w io.Writer, data []byte) error {
	_, err := w.Write(data)
	return err
}

// writeAtomic writes data to path through a temporary file in the same
// folder, renamed into place once complete and synced: a reader (or a crash)
// never sees a half-written image, and a failure leaves no file behind.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	err = writeData(tmp, data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// ErrMissing is returned by Read when the image's file is not in the folder.
var ErrMissing = errors.New("image file is missing")

// Path is where the image with this hash and media type lives (whether or
// not it is there). An invalid hash gives "".
func (f *Folder) Path(hash, mime string) string {
	if !validHash(hash) {
		return ""
	}
	return filepath.Join(f.dir, hash[:2], hash+extOf(mime))
}

// Read returns a stored image's bytes. A file that is not there gives an
// error wrapping ErrMissing.
func (f *Folder) Read(hash, mime string) ([]byte, error) {
	p := f.Path(hash, mime)
	if p == "" || extOf(mime) == "" {
		return nil, fmt.Errorf("images: %q (%s): %w", hash, mime, ErrMissing)
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("images: %s: %w", p, ErrMissing)
	}
	if err != nil {
		return nil, fmt.Errorf("images: read %s: %w", p, err)
	}
	return data, nil
}

// Collect removes the files of images nobody uses. inUse reports whether a
// hash is still referenced; such files stay. A file whose hash is in
// released (its last reference was just dropped) goes at once; any other
// unreferenced file, and any temporary file, only when older than grace, so
// an image being downloaded right now by another process is spared. It
// returns the hashes whose files it removed.
func (f *Folder) Collect(ctx context.Context, inUse func(hash string) bool, released map[string]bool, grace time.Duration) ([]string, error) {
	subdirs, err := os.ReadDir(f.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("images: list %s: %w", f.dir, err)
	}
	cutoff := time.Now().Add(-grace)
	var removed []string
	var errs []error
	for _, sd := range subdirs {
		if !sd.IsDir() || len(sd.Name()) != 2 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return removed, err
		}
		dir := filepath.Join(f.dir, sd.Name())
		entries, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range entries {
			name := e.Name()
			old := false
			if fi, err := e.Info(); err == nil {
				old = fi.ModTime().Before(cutoff)
			}
			if strings.HasPrefix(name, tempPrefix) {
				if old {
					_ = os.Remove(filepath.Join(dir, name))
				}
				continue
			}
			hash, _, _ := strings.Cut(name, ".")
			if !validHash(hash) || hash[:2] != sd.Name() || inUse(hash) {
				continue
			}
			if !released[hash] && !old {
				continue
			}
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
				continue
			}
			removed = append(removed, hash)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("images: collect garbage: %w", err)
	}
	return removed, nil
}

func validHash(h string) bool {
	if len(h) != sha256.Size*2 {
		return false
	}
	for _, c := range h {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
