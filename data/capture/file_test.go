package capture

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes body to dir/name (creating folders) and returns the path.
func writeFile(t *testing.T, dir, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadFileErrors: files that are not saved pages.
func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	huge := writeFile(t, dir, "huge.html", nil)
	if err := os.Truncate(huge, thirtyMB); err != nil { // sparse: instant
		t.Fatal(err)
	}
	writeFile(t, dir, "several/a.html", articleHTML)
	writeFile(t, dir, "several/b.html", articleHTML)
	writeFile(t, dir, "nopage/notes.txt", []byte("notes"))

	tests := []struct {
		name    string
		path    string
		want    ErrorKind
		ctype   string
		message string
	}{
		{"empty file", writeFile(t, dir, "empty.html", nil), KindEmpty, "", "The file is empty."},
		{"only spaces", writeFile(t, dir, "blank.htm", []byte(" \n\t\r\n ")), KindEmpty, "", "empty"},
		{"png named .html", writeFile(t, dir, "photo.html", pngBytes), KindNotHTML, "image/png", "That file is an image (image/png)"},
		{"pdf", writeFile(t, dir, "paper.pdf", pdfBytes), KindNotHTML, "application/pdf", "a PDF document"},
		{"pdf named .html", writeFile(t, dir, "paper.html", pdfBytes), KindNotHTML, "application/pdf", "PDF"},
		{"plain text", writeFile(t, dir, "notes.txt", []byte("Shopping list: eggs, milk.")), KindNotHTML, "text/plain", "plain-text"},
		{"binary", writeFile(t, dir, "blob.bin", []byte{0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0x10}), KindNotHTML, "application/octet-stream", "a download"},
		{"mhtml", writeFile(t, dir, "page.mhtml", []byte("From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\"\r\n\r\n")),
			KindNotHTML, "multipart/related", "web archive"},
		{"missing", filepath.Join(dir, "missing.html"), KindFile, "", "could not be found"},
		{"30 MB", huge, KindTooLarge, "", "The file is larger than 20 MB"},
		{"folder without page", filepath.Join(dir, "nopage"), KindFile, "", "does not contain a saved web page"},
		{"folder with several pages", filepath.Join(dir, "several"), KindFile, "", "several web pages"},
		{"no article", writeFile(t, dir, "menu.html", []byte(`<html><body><nav><a href="/">Home</a> <a href="/x">More</a></nav></body></html>`)),
			KindNoArticle, "", "in this file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ReadFile(context.Background(), tt.path)
			if doc != nil {
				t.Errorf("got a Document, want none")
			}
			e := wantError(t, err, tt.want)
			if e.ContentType != tt.ctype {
				t.Errorf("ContentType = %q, want %q", e.ContentType, tt.ctype)
			}
			if !strings.Contains(e.Error(), tt.message) {
				t.Errorf("message %q lacks %q", e.Error(), tt.message)
			}
			if !strings.HasPrefix(e.URL, "file:///") {
				t.Errorf("URL = %q, want a file:// URL", e.URL)
			}
		})
	}
}

// TestReadFileSavedPage: a browser's "Web page, complete" save: Story.html
// beside Story_files/. Images that point into the folder become file:// URLs,
// missing ones are a warning, the "saved from" comment gives the canonical
// URL, and the page can be opened through its file or either folder.
func TestReadFileSavedPage(t *testing.T) {
	dir := t.TempDir()
	page := strings.Replace(string(articleHTML), "<article>", `<article><img src="./Story_files/photo%201.jpg" alt="First">`, 1)
	page = strings.Replace(page, "</article>", `<p><img src="Story_files/gone.png" alt="Gone"></p></article>`, 1)
	page = "<!-- saved from url=(0041)https://news.example.org/2025/story.html -->\n" +
		strings.Replace(page, "<title>", `<meta property="og:image" content="/media/lead.jpg"><title>`, 1)
	htmlPath := writeFile(t, dir, "saved/Story.html", []byte(page))
	writeFile(t, dir, "saved/Story_files/photo 1.jpg", pngBytes)
	writeFile(t, dir, "saved/Story_files/style.css", []byte("p{}"))
	writeFile(t, dir, "saved/Other_files/x.css", []byte("p{}")) // a folder without its page

	for _, path := range []string{htmlPath, filepath.Join(dir, "saved", "Story_files"), filepath.Join(dir, "saved")} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			d, err := ReadFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if want := fileURL(htmlPath).String(); d.URL != want {
				t.Errorf("URL = %q, want %q", d.URL, want)
			}
			photo := fileURL(filepath.Join(dir, "saved", "Story_files", "photo 1.jpg")).String()
			if len(d.Images) != 2 || d.Images[0] != photo {
				t.Errorf("Images = %q, want %q first", d.Images, photo)
			}
			if d.CanonicalURL != "https://news.example.org/2025/story.html" {
				t.Errorf("CanonicalURL = %q, want the saved-from URL", d.CanonicalURL)
			}
			if d.LeadImage != "https://news.example.org/media/lead.jpg" {
				t.Errorf("LeadImage = %q, want og:image against the saved-from URL", d.LeadImage)
			}
			if d.SiteName != "news.example.org" {
				t.Errorf("SiteName = %q", d.SiteName)
			}
			if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "1 of the saved page's images") {
				t.Errorf("Warnings = %q, want one about the missing image", d.Warnings)
			}
		})
	}
}

// TestBrokenHTML: truncated, unclosed markup still gives the text before the
// cut, from a file and from memory.
func TestBrokenHTML(t *testing.T) {
	page, _ := readSeed(t)
	cut := strings.Index(string(page), "ديفيد ساكس") // inside the figcaption, tags left open
	broken := page[:cut]
	path := writeFile(t, t.TempDir(), "broken.html", broken)
	d, err := ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"كيو دبليو كيو", "خلق أسواق “الفائز يأخذ كل شيء”"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("Text lacks %q", want)
		}
	}
	if d.Title != seedTitle || d.Direction != "rtl" {
		t.Errorf("Title, Direction = %q, %q", d.Title, d.Direction)
	}
	// Mismatched and stray tags.
	mangled := []byte(strings.NewReplacer("</p>", "</div></span>", "<p>", "<p><b><i>").Replace(string(articleHTML)))
	if _, err := Parse(context.Background(), mangled, "text/html", nil); err != nil {
		t.Errorf("mangled HTML: %v", err)
	}
}

// TestReadFileOtherExtension: HTML saved under another name is sniffed.
func TestReadFileOtherExtension(t *testing.T) {
	path := writeFile(t, t.TempDir(), "article.txt", articleHTML)
	d, err := ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "A small article" {
		t.Errorf("Title = %q", d.Title)
	}
}
