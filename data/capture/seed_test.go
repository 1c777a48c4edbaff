package capture

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const seedTitle = "نجاح نماذج بكين الرخيصة يهدد التفوق التكنولوجي لواشنطن"

// TestSeed captures the Arabic seed article from a file, over HTTP, and over
// HTTP with gzip, and compares it with the expected text.
func TestSeed(t *testing.T) {
	page, _ := readSeed(t)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Query().Has("gzip") {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				t.Errorf("client did not ask for gzip")
			}
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write(page)
			zw.Close()
			return
		}
		w.Write(page)
	})
	const path = "/2025/01/27/china-ai.html"

	tests := []struct {
		name      string
		capture   func() (*Document, error)
		wantURL   string
		wantImage string
	}{
		{"file", func() (*Document, error) { return ReadFile(context.Background(), seedHTML) },
			"file://" + seedHTML, "file://" + filepath.Dir(seedHTML) + "/images/sacks-trump.jpg"},
		{"http", func() (*Document, error) { return NewFetcher().Fetch(context.Background(), srv.URL+path) },
			srv.URL + path, srv.URL + "/2025/01/27/images/sacks-trump.jpg"},
		{"http gzip", func() (*Document, error) { return NewFetcher().Fetch(context.Background(), srv.URL+path+"?gzip") },
			srv.URL + path + "?gzip", srv.URL + "/2025/01/27/images/sacks-trump.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.capture()
			if err != nil {
				t.Fatal(err)
			}
			checkSeed(t, d)
			if d.URL != tt.wantURL || d.CanonicalURL != tt.wantURL {
				t.Errorf("URL, CanonicalURL = %q, %q, want %q", d.URL, d.CanonicalURL, tt.wantURL)
			}
			if len(d.Images) != 1 || d.Images[0] != tt.wantImage {
				t.Errorf("Images = %q, want [%q] (relative src resolved against the page)", d.Images, tt.wantImage)
			}
		})
	}
}

// checkSeed holds what every capture of the seed article must give.
func checkSeed(t *testing.T, d *Document) {
	t.Helper()
	_, expected := readSeed(t)
	if d.Title != seedTitle {
		t.Errorf("Title = %q, want %q", d.Title, seedTitle)
	}
	if d.Language != "ar" || d.Direction != "rtl" {
		t.Errorf("Language, Direction = %q, %q, want ar, rtl", d.Language, d.Direction)
	}
	if got := d.Published.Format(time.DateOnly); got != "2025-01-27" {
		t.Errorf("Published = %v, want 2025-01-27", d.Published)
	}
	if want := time.Date(2025, 1, 27, 6, 0, 0, 0, time.UTC); !d.Published.Equal(want) {
		t.Errorf("Published = %v, want 09:00 +03:00", d.Published)
	}
	if d.Byline != "المجلة" || d.SiteName != "المجلة" {
		t.Errorf("Byline, SiteName = %q, %q", d.Byline, d.SiteName)
	}
	if d.LeadImage != "https://example.org/images/sacks-trump.jpg" {
		t.Errorf("LeadImage = %q, want og:image", d.LeadImage)
	}
	for _, want := range []string{"كيو دبليو كيو", "ديفيد ساكس"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("Text lacks %q", want)
		}
	}
	// Navigation, header, share bar, tags, related box, comments, ads, footer.
	for _, junk := range []string{"اقرأ أيضا", "جميع الحقوق محفوظة", "الرئيسية", "فيسبوك", "التعليقات", "قراءة 6 دقائق", "ابحث"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("Text contains %q", junk)
		}
	}
	for _, b := range d.Blocks {
		if b.Text == "إعلان" { // the ad slots; the word itself ("announcement") is in the article
			t.Errorf("an ad label survived as a block")
		}
	}
	// The expected text: its first line is the title, every other line a
	// paragraph that must appear whole in Text.
	lines := strings.Split(strings.TrimSpace(expected), "\n")
	if lines[0] != d.Title {
		t.Errorf("expected text starts with %q, Title is %q", lines[0], d.Title)
	}
	paragraphs := 0
	for _, line := range lines[1:] {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		paragraphs++
		if !strings.Contains(d.Text, line) {
			t.Errorf("Text lacks the paragraph %.60q…", line)
		}
	}
	if paragraphs < 15 {
		t.Errorf("only %d paragraphs in the expected text", paragraphs)
	}
	if !hasBlock(d.Blocks, BlockQuote, "الانتشار العالمي للذكاء الاصطناعي الصيني") {
		t.Errorf("the pull quote is not a BlockQuote")
	}
	if !hasBlock(d.Blocks, BlockCaption, "ديفيد ساكس") {
		t.Errorf("the photo caption is not a BlockCaption")
	}
	if d.WordCount < 800 || d.ReadingMinutes != (d.WordCount+179)/180 {
		t.Errorf("WordCount, ReadingMinutes = %d, %d; want > 800 words at 180 wpm", d.WordCount, d.ReadingMinutes)
	}
	if !strings.Contains(d.HTML, `dir="rtl"`) || !strings.Contains(d.HTML, "ديفيد ساكس") {
		t.Errorf("HTML lacks dir=rtl or the article text")
	}
}

func hasBlock(blocks []Block, kind BlockKind, prefix string) bool {
	for _, b := range blocks {
		if b.Kind == kind && strings.HasPrefix(b.Text, prefix) {
			return true
		}
	}
	return false
}

// TestSeedCharsets serves the seed in windows-1256: declared by <meta>, by the
// HTTP header, by both, by the header against a lying <meta>, and by nothing.
func TestSeedCharsets(t *testing.T) {
	page, _ := readSeed(t)
	const utf8Meta = `<meta charset="utf-8">`
	if !bytes.Contains(page, []byte(utf8Meta)) {
		t.Fatalf("seed has no %s", utf8Meta)
	}
	encode := func(meta string) []byte {
		b, err := charmap.Windows1256.NewEncoder().Bytes(bytes.Replace(page, []byte(utf8Meta), []byte(meta), 1))
		if err != nil {
			t.Fatalf("seed does not fit windows-1256: %v", err)
		}
		return b
	}
	tests := []struct {
		name        string
		meta        string
		contentType string
		wantWarning string
	}{
		{"meta only", `<meta charset="windows-1256">`, "text/html", ""},
		{"header and meta", `<meta charset="windows-1256">`, "text/html; charset=windows-1256", ""},
		{"header only", "", "text/html; charset=windows-1256", ""},
		{"header wins over meta", utf8Meta, "text/html; charset=windows-1256", ""},
		{"http-equiv meta", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`, "text/html", ""},
		{"undeclared", "", "text/html", "guessed windows-1256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, servePage(tt.contentType, encode(tt.meta)))
			d, err := NewFetcher().Fetch(context.Background(), srv.URL+"/a.html")
			if err != nil {
				t.Fatal(err)
			}
			checkSeed(t, d)
			if strings.ContainsRune(d.Text, '\uFFFD') {
				t.Errorf("Text holds replacement characters")
			}
			warnings := strings.Join(d.Warnings, " ")
			if tt.wantWarning != "" && !strings.Contains(warnings, tt.wantWarning) {
				t.Errorf("Warnings = %q, want one with %q", d.Warnings, tt.wantWarning)
			}
			if tt.wantWarning == "" && strings.Contains(warnings, "encoding") {
				t.Errorf("unexpected warning: %q", d.Warnings)
			}
		})
	}
}

// TestUTF8AfterPrescan: a UTF-8 page that declares nothing and whose first
// kilobyte is ASCII must not be read as windows-1252 (DetermineEncoding's
// answer from the first 1024 bytes alone).
func TestUTF8AfterPrescan(t *testing.T) {
	page, _ := readSeed(t)
	page = bytes.Replace(page, []byte(`<meta charset="utf-8">`), nil, 1)
	page = append([]byte("<!-- "+strings.Repeat("ascii padding ", 150)+"-->\n"), page...)
	d, err := Parse(context.Background(), page, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != seedTitle {
		t.Errorf("Title = %q, want %q", d.Title, seedTitle)
	}
	if len(d.Warnings) > 0 {
		t.Errorf("Warnings = %q, want none", d.Warnings)
	}
}

func BenchmarkParseSeed(b *testing.B) {
	page, _ := readSeed(b)
	u, _ := url.Parse("https://www.majalla.com/node/china-ai")
	ctx := context.Background()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(ctx, page, "text/html; charset=utf-8", u); err != nil {
			b.Fatal(err)
		}
	}
}
