package library

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"annals/data/capture"
	"annals/data/images"
	"annals/internal/testenv"
)

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// webServer is an httptest TLS server on 127.0.0.1 that answers for every
// host name: the library's client dials it whatever the link says, so an
// article's absolute links (https://example.org/...) stay on this machine.
func webServer(t *testing.T, h http.Handler) (*httptest.Server, Options) {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	addr := srv.Listener.Addr().String()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	tr.DialTLSContext = nil
	tr.TLSClientConfig = &tls.Config{RootCAs: tr.TLSClientConfig.RootCAs, ServerName: "example.com"} // the test certificate's name
	client := &http.Client{Transport: tr}
	return srv, Options{
		DBPath:  filepath.Join(t.TempDir(), "data", DBFileName),
		Fetcher: &capture.Fetcher{Client: client},
	}
}

func openWith(t *testing.T, opts Options) *Library {
	t.Helper()
	l, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func addOne(t *testing.T, l *Library, item string) int64 {
	t.Helper()
	res, err := l.Add(context.Background(), item).Wait()
	if err != nil || len(res.IDs) != 1 {
		t.Fatalf("Add(%s) = %+v, %v", item, res, err)
	}
	return res.IDs[0]
}

// imageFiles lists the files in the library's image folder.
func imageFiles(t *testing.T, l *Library) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(l.ImagesDir(), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// articlePage is an English article with a figure per image.
func articlePage(title string, imgs ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=en><head><title>%s</title></head><body><article><h1>%s</h1>", title, title)
	para := "<p>The committee met on Tuesday to discuss the budget for the coming year, and the members agreed that the schools needed more teachers, better buildings and new books for every class in the district.</p>"
	b.WriteString(para + para)
	for i, src := range imgs {
		fmt.Fprintf(&b, `<figure><img src="%s" alt="picture %d"><figcaption>Picture %d of the meeting</figcaption></figure>`, src, i, i)
		if i%10 == 0 {
			b.WriteString(para)
		}
	}
	b.WriteString(para + "</article></body></html>")
	return []byte(b.String())
}

func TestSeedArticleImageIsKeptOffline(t *testing.T) {
	seed, err := os.ReadFile(testenv.SeedHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	photo := testenv.PNG(t, 8, 6, color.RGBA{200, 30, 30, 255})
	var imageRequests atomic.Int32
	var referer atomic.Value
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/china-ai":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(seed)
		case "/images/sacks-trump.jpg": // where both <img src> and og:image point
			imageRequests.Add(1)
			referer.Store(r.Header.Get("Referer"))
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(photo)
		default:
			http.NotFound(w, r)
		}
	}))
	l := openWith(t, opts)
	page := "https://example.org/china-ai"
	id := addOne(t, l, page)

	const src = "https://example.org/images/sacks-trump.jpg"
	a, err := l.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	inBlocks := false
	for _, b := range a.Blocks {
		inBlocks = inBlocks || (b.Kind == capture.BlockImage && b.Src == src)
	}
	if !inBlocks || a.LeadImage != src {
		t.Fatalf("the seed's image is not where expected: lead %q, blocks %+v", a.LeadImage, a.Blocks)
	}
	if n := imageRequests.Load(); n != 1 {
		t.Errorf("the image was requested %d times, want once (og:image and <img> are the same)", n)
	}
	if referer.Load() != page {
		t.Errorf("Referer = %v, want the article URL", referer.Load())
	}
	recs, err := l.Images(context.Background(), id)
	if err != nil || len(recs) != 1 {
		t.Fatalf("records = %+v, %v", recs, err)
	}
	r := recs[0]
	if r.Src != src || r.Hash != hashOf(photo) || r.MIME != "image/png" || r.Size != int64(len(photo)) || r.Width != 8 || r.Height != 6 || r.Error != "" {
		t.Errorf("record = %+v", r)
	}
	want := filepath.Join(filepath.Dir(l.DBPath()), "images", r.Hash[:2], r.Hash+".png")
	if got := imageFiles(t, l); len(got) != 1 || got[0] != want {
		t.Errorf("image files = %v, want [%s]", got, want)
	}
	data, mime, err := l.Image(context.Background(), id, src)
	if err != nil || mime != "image/png" || !bytes.Equal(data, photo) {
		t.Fatalf("Image = %d bytes, %q, %v", len(data), mime, err)
	}

	// Saving the article again does not download what is already kept.
	addOne(t, l, page)
	if n := imageRequests.Load(); n != 1 {
		t.Errorf("re-saving downloaded the image again (%d requests)", n)
	}
}

func TestFailingImagesAreRecordedAndDoNotBlockTheSave(t *testing.T) {
	good := testenv.PNG(t, 2, 2, color.White)
	huge := append(testenv.PNG(t, 1, 1, color.Black), make([]byte, 11<<20)...)
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/story":
			w.Header().Set("Content-Type", "text/html")
			w.Write(articlePage("Budget meeting", "/img/good.png", "/img/missing.png", "/img/login.jpg", "/img/huge.png", "/img/slow.png"))
		case r.URL.Path == "/img/good.png":
			w.Write(good)
		case r.URL.Path == "/img/login.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write([]byte("<!DOCTYPE html><html><body><form>Please sign in</form></body></html>"))
		case r.URL.Path == "/img/huge.png":
			w.Write(huge)
		case r.URL.Path == "/img/slow.png":
			<-r.Context().Done()
		default:
			http.NotFound(w, r)
		}
	}))
	l := openWith(t, opts)
	l.SetImageOptions(images.Options{Timeout: 2 * time.Second})
	start := time.Now()
	id := addOne(t, l, "https://example.org/story")
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("saving took %s", took)
	}
	want := map[string]string{
		"good.png":    "",
		"missing.png": "HTTP 404",
		"login.jpg":   "text/html instead of an image",
		"huge.png":    "larger than 10 MB",
		"slow.png":    "did not arrive within 2 seconds",
	}
	recs, err := l.Images(context.Background(), id)
	if err != nil || len(recs) != len(want) {
		t.Fatalf("records = %+v, %v", recs, err)
	}
	for _, r := range recs {
		says, ok := want[filepath.Base(r.Src)]
		switch {
		case !ok:
			t.Errorf("unexpected record %+v", r)
		case says == "" && !r.Kept():
			t.Errorf("%s not kept: %s", r.Src, r.Error)
		case says != "" && (r.Kept() || !strings.Contains(r.Error, says)):
			t.Errorf("%s: error %q, want one saying %q", r.Src, r.Error, says)
		}
		if _, _, err := l.Image(context.Background(), id, r.Src); (err == nil) != (says == "") {
			t.Errorf("Image(%s) err = %v", r.Src, err)
		} else if err != nil && (!errors.Is(err, ErrImageUnavailable) || err.Error() != r.Error) {
			t.Errorf("Image(%s) err = %v, want the recorded reason as an unavailable-image error", r.Src, err)
		}
	}
	if got := imageFiles(t, l); len(got) != 1 {
		t.Errorf("image files = %v, want only the good one", got)
	}
	var unavailable *ImageUnavailableError
	if _, _, err := l.Image(context.Background(), id, "https://example.org/never-seen.png"); !errors.As(err, &unavailable) {
		t.Errorf("Image of an unknown src: %v", err)
	}
}

func TestAtMostAHundredImagesPerArticle(t *testing.T) {
	img := testenv.PNG(t, 1, 1, color.White)
	var srcs []string
	for i := range 104 {
		srcs = append(srcs, fmt.Sprintf("/img/%03d.png", i))
	}
	var imageRequests atomic.Int32
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gallery" {
			w.Write(articlePage("Gallery", srcs...))
			return
		}
		imageRequests.Add(1)
		w.Write(img)
	}))
	l := openWith(t, opts)
	id := addOne(t, l, "https://example.org/gallery")
	recs, err := l.Images(context.Background(), id)
	if err != nil || len(recs) != 104 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	for _, r := range recs { // by src: 000..103
		n := 0
		fmt.Sscanf(filepath.Base(r.Src), "%03d.png", &n)
		if n < 100 && !r.Kept() || n >= 100 && (r.Kept() || !strings.Contains(r.Error, "more than 100 images")) {
			t.Errorf("image %d: %+v", n, r)
		}
	}
	if n := imageRequests.Load(); n != 100 {
		t.Errorf("%d image requests, want 100", n)
	}
}

func TestCancelStopsImageDownloadsButKeepsTheArticle(t *testing.T) {
	started := make(chan struct{}, 10)
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/story" {
			w.Write(articlePage("Slow pictures", "/a.png", "/b.png", "/c.png", "/d.png", "/e.png", "/f.png"))
			return
		}
		started <- struct{}{}
		<-r.Context().Done()
	}))
	l := openWith(t, opts)
	job := l.Save(context.Background(), "https://example.org/story")
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("no image download started")
	}
	job.Cancel()
	select {
	case <-job.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("image downloads went on after Cancel")
	}
	list, err := l.List(context.Background(), Filter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("the article should stay saved: %+v, %v", list, err)
	}
	recs, err := l.Images(context.Background(), list[0].ID)
	if err != nil || len(recs) != 6 {
		t.Fatalf("records = %+v, %v", recs, err)
	}
	for _, r := range recs {
		if r.Kept() || !strings.Contains(r.Error, "canceled") {
			t.Errorf("%s: %+v, want a canceled error", r.Src, r)
		}
	}
	if len(started) > images.DefaultConcurrency {
		t.Errorf("%d more downloads started after cancel", len(started))
	}
}

func TestSavedPageImagesAreCopied(t *testing.T) {
	dir := t.TempDir()
	photo := testenv.PNG(t, 5, 4, color.RGBA{0, 0, 255, 255})
	html := articlePage("A saved page", "Story_files/photo.png", "Story_files/absent.png")
	if err := os.WriteFile(filepath.Join(dir, "Story.html"), html, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "Story_files"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "Story_files", "photo.png"), photo, 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := capture.ReadFile(context.Background(), filepath.Join(dir, "Story_files"))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Images) != 2 || !strings.HasPrefix(doc.Images[0], "file://") {
		t.Fatalf("capture gave images %v", doc.Images)
	}
	l := openWith(t, Options{DBPath: filepath.Join(t.TempDir(), DBFileName)})
	id := addOne(t, l, filepath.Join(dir, "Story.html"))
	data, mime, err := l.Image(context.Background(), id, doc.Images[0])
	if err != nil || mime != "image/png" || !bytes.Equal(data, photo) {
		t.Fatalf("Image(%s) = %d bytes, %q, %v", doc.Images[0], len(data), mime, err)
	}
	_, _, err = l.Image(context.Background(), id, doc.Images[1])
	if !errors.Is(err, ErrImageUnavailable) || !strings.Contains(err.Error(), "missing") {
		t.Errorf("absent saved-page image: %v", err)
	}
	// The copy does not depend on the saved page any more.
	os.RemoveAll(dir)
	if _, _, err := l.Image(context.Background(), id, doc.Images[0]); err != nil {
		t.Errorf("after the saved page was removed: %v", err)
	}
}

func TestSharedImagesAreStoredOnceAndCollectedWhenUnused(t *testing.T) {
	logo := testenv.PNG(t, 4, 4, color.RGBA{0, 128, 0, 255})
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/one":
			w.Write(articlePage("First story", "/static/logo.png"))
		case "/two":
			w.Write(articlePage("Second story", "https://cdn.example.net/copy-of-logo.png"))
		default:
			w.Write(logo)
		}
	}))
	l := openWith(t, opts)
	ctx := context.Background()
	one := addOne(t, l, "https://example.org/one")
	two := addOne(t, l, "https://example.org/two")
	files := imageFiles(t, l)
	if len(files) != 1 || filepath.Base(files[0]) != hashOf(logo)+".png" {
		t.Fatalf("image files = %v, want the logo once", files)
	}
	if err := l.Delete(ctx, one); err != nil {
		t.Fatal(err)
	}
	if n, err := l.CollectGarbage(ctx); err != nil || n != 0 {
		t.Fatalf("CollectGarbage = %d, %v; the other article still uses the file", n, err)
	}
	if _, _, err := l.Image(ctx, two, "https://cdn.example.net/copy-of-logo.png"); err != nil {
		t.Fatalf("the second article lost its image: %v", err)
	}
	if err := l.Delete(ctx, two); err != nil {
		t.Fatal(err)
	}
	// Delete collects the files no article uses any more.
	if files := imageFiles(t, l); len(files) != 0 {
		t.Errorf("files left: %v", files)
	}
	if n, err := l.CollectGarbage(ctx); err != nil || n != 0 {
		t.Errorf("second CollectGarbage = %d, %v", n, err)
	}
}

func TestRefetchImagesBringsBackMissingOnes(t *testing.T) {
	photo := testenv.PNG(t, 3, 3, color.Black)
	var fail atomic.Bool
	fail.Store(true)
	var requests atomic.Int32
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story":
			w.Write(articlePage("Flaky pictures", "/kept.png", "/flaky.png"))
		case "/kept.png":
			requests.Add(1)
			w.Write(photo)
		case "/flaky.png":
			requests.Add(1)
			if fail.Load() {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			w.Write(testenv.PNG(t, 1, 2, color.White))
		}
	}))
	l := openWith(t, opts)
	ctx := context.Background()
	id := addOne(t, l, "https://example.org/story")
	const flaky = "https://example.org/flaky.png"
	if _, _, err := l.Image(ctx, id, flaky); !errors.Is(err, ErrImageUnavailable) || !strings.Contains(err.Error(), "503") {
		t.Fatalf("flaky image: %v", err)
	}
	fail.Store(false)
	var changes atomic.Int32
	l.OnChange(func() { changes.Add(1) })
	job := l.RefetchImages(ctx, id)
	var last Progress
	for p := range job.Progress() {
		last = p
	}
	res, err := job.Wait()
	if err != nil || len(res.Failed) != 0 || len(res.IDs) != 1 {
		t.Fatalf("RefetchImages = %+v, %v", res, err)
	}
	if last.Stage != StageDone || last.Total != 2 || changes.Load() != 1 {
		t.Errorf("last progress %+v, %d changes", last, changes.Load())
	}
	if requests.Load() != 3 {
		t.Errorf("%d image requests, want 3 (the kept image is not downloaded again)", requests.Load())
	}
	data, _, err := l.Image(ctx, id, flaky)
	if err != nil || len(data) == 0 {
		t.Fatalf("after refetch: %v", err)
	}

	// A file removed behind Annals' back: a placeholder, then refetched.
	recs, _ := l.Images(ctx, id)
	for _, r := range recs {
		os.Remove(filepath.Join(l.ImagesDir(), r.Hash[:2], r.Hash+".png"))
	}
	if _, _, err := l.Image(ctx, id, flaky); !errors.Is(err, ErrImageUnavailable) || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("removed file: %v", err)
	}
	if _, err := l.RefetchImages(ctx, id).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.Image(ctx, id, flaky); err != nil {
		t.Errorf("after the second refetch: %v", err)
	}
	if _, err := l.RefetchImages(ctx, 9999).Wait(); !errors.Is(err, ErrNotFound) {
		t.Errorf("RefetchImages(unknown) = %v", err)
	}
}

func TestImageSourcesPutTheLeadFirstOnce(t *testing.T) {
	blocks := []capture.Block{{Kind: capture.BlockImage, Src: "b"}, {Kind: capture.BlockParagraph, Text: "x"}, {Kind: capture.BlockImage, Src: "c"}}
	got := imageSources("c", []string{"a", "b"}, blocks)
	if strings.Join(got, ",") != "c,a,b" {
		t.Errorf("imageSources = %v", got)
	}
}

// A page saved again without the images it had loses their records (and
// the file nothing else uses); one that never had any records none. Saving
// a page without images skips the images' transaction only when there is
// nothing to take back.
func TestPageSavedAgainWithoutImagesLosesThem(t *testing.T) {
	logo := testenv.PNG(t, 4, 4, color.RGBA{0, 0, 128, 255})
	var withImage atomic.Bool
	withImage.Store(true)
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story":
			if withImage.Load() {
				w.Write(articlePage("The story", "/static/logo.png"))
			} else {
				w.Write(articlePage("The story"))
			}
		case "/plain":
			w.Write(articlePage("A story without pictures"))
		default:
			w.Write(logo)
		}
	}))
	l := openWith(t, opts)
	ctx := context.Background()
	id := addOne(t, l, "https://example.org/story")
	if recs, err := l.store.Images(ctx, id); err != nil || len(recs) != 1 || recs[0].Hash == "" {
		t.Fatalf("first save: records %+v, %v", recs, err)
	}
	withImage.Store(false)
	if again := addOne(t, l, "https://example.org/story"); again != id {
		t.Fatalf("saved again as %d, was %d", again, id)
	}
	if recs, err := l.store.Images(ctx, id); err != nil || len(recs) != 0 {
		t.Errorf("saved without its image: records %+v, %v", recs, err)
	}
	if _, err := l.CollectGarbage(ctx); err != nil {
		t.Fatal(err)
	}
	if files := imageFiles(t, l); len(files) != 0 {
		t.Errorf("files left: %v", files)
	}
	plain := addOne(t, l, "https://example.org/plain")
	if recs, err := l.store.Images(ctx, plain); err != nil || len(recs) != 0 {
		t.Errorf("a page without images: records %+v, %v", recs, err)
	}
}
