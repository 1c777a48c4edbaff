package images

import (
	"context"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"annals/internal/testenv"
)

// Issue 15 (degraded): a saved .html page could pull an image from
// anywhere on the disk into the library. Only files in the page's own
// folder (its _files folder included) are read; a path leaving it, or a
// symbolic link inside it pointing out, is refused.
func TestSavedPageImagesStayInTheirFolder(t *testing.T) {
	root := t.TempDir()
	pageDir := filepath.Join(root, "saved")
	secret := filepath.Join(root, "private", "passport.png")
	for _, d := range []string{filepath.Join(pageDir, "Page_files"), filepath.Dir(secret)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	img := testenv.PNG(t, 3, 3, color.White)
	os.WriteFile(secret, img, 0o644)
	inside := filepath.Join(pageDir, "Page_files", "ok.png")
	os.WriteFile(inside, testenv.PNG(t, 2, 2, color.Black), 0o644)
	link := filepath.Join(pageDir, "Page_files", "link.png")
	if err := os.Symlink(secret, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	fileURL := func(p string) string { return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String() }
	page := fileURL(filepath.Join(pageDir, "Page.html"))
	f := NewFolder(t.TempDir(), Options{})
	dotdot := (&url.URL{Scheme: "file", Path: filepath.ToSlash(pageDir) + "/Page_files/../../private/passport.png"}).String()
	urls := []string{fileURL(inside), fileURL(secret), dotdot, fileURL(link)}
	res := f.Fetch(context.Background(), Request{Page: page, URLs: urls})
	if len(res) != len(urls) {
		t.Fatalf("%d results for %d images", len(res), len(urls))
	}
	if res[0].Err != nil {
		t.Errorf("the page's own image: %v", res[0].Err)
	}
	for i, r := range res[1:] {
		if r.Err == nil || kindOf(r.Err) != KindBadURL {
			t.Errorf("%s: err = %v, want it refused (KindBadURL)", urls[i+1], r.Err)
		}
	}
}
