package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// savedFilesSuffix is the folder a browser writes beside "Page.html" when it
// saves a complete page: "Page_files/" holds its images and styles.
const savedFilesSuffix = "_files"

// ReadFile captures a page saved on disk. path is a .html/.htm file, or a
// saved-page folder: the "<name>_files" folder a browser writes beside
// "<name>.html", or a folder holding one saved page. Images that point into the
// "_files" folder become file:// URLs; missing ones are listed as a warning.
// A file with another extension is accepted when its bytes are HTML. Files
// over DefaultMaxBytes are refused.
func ReadFile(ctx context.Context, path string) (*Document, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &Error{Kind: KindFile, URL: "file://" + filepath.ToSlash(path), Err: err}
	}
	if ctx.Err() != nil {
		return nil, contextError(ctx, fileURL(abs).String(), ctx.Err())
	}
	fi, err := os.Stat(abs)
	if err == nil && fi.IsDir() {
		if abs, err = savedPageIn(abs); err == nil {
			fi, err = os.Stat(abs)
		}
	}
	pageURL := fileURL(abs)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, e
		}
		return nil, &Error{Kind: KindFile, URL: pageURL.String(), Err: err}
	}
	if fi.Size() > DefaultMaxBytes {
		return nil, errTooLarge(pageURL.String(), DefaultMaxBytes)
	}
	body, err := readAtMost(abs, DefaultMaxBytes)
	if err != nil {
		if errors.Is(err, errFileTooLarge) {
			return nil, errTooLarge(pageURL.String(), DefaultMaxBytes)
		}
		return nil, &Error{Kind: KindFile, URL: pageURL.String(), Err: err}
	}

	contentType := "" // unknown extension: the bytes decide
	if isHTMLFileName(abs) {
		contentType = "text/html"
	}
	doc, err := Parse(ctx, body, contentType, pageURL)
	if err != nil {
		return nil, err
	}
	if missing := missingLocalImages(doc.Images); missing > 0 {
		doc.Warn(fmt.Sprintf("%d of the saved page's images could not be found on this computer.", missing))
	}
	return doc, nil
}

var errFileTooLarge = errors.New("file is over the size limit")

// readAtMost reads the file, refusing it when it holds more than limit bytes
// (it may have grown since it was measured).
func readAtMost(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, errFileTooLarge
	}
	return body, nil
}

func isHTMLFileName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return true
	}
	return false
}

// savedPageIn finds the page of a saved-page folder: for "<name>_files", the
// "<name>.html" beside it; for any other folder, its only .html file, or the
// only one that has a "_files" folder.
func savedPageIn(dir string) (string, error) {
	if stem, ok := strings.CutSuffix(dir, savedFilesSuffix); ok {
		for _, ext := range []string{".html", ".htm"} {
			if fi, err := os.Stat(stem + ext); err == nil && !fi.IsDir() {
				return stem + ext, nil
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var pages, withFiles []string
	for _, e := range entries {
		if e.IsDir() || !isHTMLFileName(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		pages = append(pages, p)
		stem := strings.TrimSuffix(p, filepath.Ext(p))
		if fi, err := os.Stat(stem + savedFilesSuffix); err == nil && fi.IsDir() {
			withFiles = append(withFiles, p)
		}
	}
	switch {
	case len(pages) == 1:
		return pages[0], nil
	case len(withFiles) == 1:
		return withFiles[0], nil
	case len(pages) == 0:
		return "", &Error{Kind: KindFile, URL: fileURL(dir).String(), Err: errors.New("no .html file in folder"),
			msg: "That folder does not contain a saved web page."}
	}
	return "", &Error{Kind: KindFile, URL: fileURL(dir).String(), Err: fmt.Errorf("%d .html files in folder", len(pages)),
		msg: "That folder holds several web pages; open one of its .html files instead."}
}

// fileURL is the file:// URL of an absolute path, on any system
// ("C:\x\a.html" → "file:///C:/x/a.html").
func fileURL(abs string) *url.URL {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// localPath is the inverse of fileURL.
func localPath(u *url.URL) string {
	p := u.Path
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

// missingLocalImages counts the file:// images that are not on disk.
func missingLocalImages(images []string) int {
	n := 0
	for _, src := range images {
		u, err := url.Parse(src)
		if err != nil || u.Scheme != "file" {
			continue
		}
		if _, err := os.Stat(localPath(u)); err != nil {
			n++
		}
	}
	return n
}
