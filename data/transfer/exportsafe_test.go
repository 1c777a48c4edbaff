package transfer

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"annals/data/capture"
	"annals/data/store"

	"golang.org/x/net/html"
)

// A crafted article: markup the page showed as text, a <pre> holding a
// fence, a javascript: image and address, formula cells.
func craftedArticle() ExportArticle {
	return ExportArticle{Article: store.Article{ID: 7, URL: "javascript:alert(1)", Title: `<img src=x onerror=alert(1)> =cmd|' /C calc'!A0`,
		Tags: []string{"@SUM(1+1)", "ok"},
		Blocks: []capture.Block{
			{Kind: capture.BlockParagraph, Text: `Write <script>alert("x")</script> and [click](javascript:alert(2)) here.`},
			{Kind: capture.BlockPre, Text: "before\n```\n<script>alert(3)</script>\n````\nafter"},
			{Kind: capture.BlockImage, Src: "javascript:alert(4)", Text: "pic"},
			{Kind: capture.BlockImage, Src: "https://img.example/a b.png", Text: "real"},
			{Kind: capture.BlockQuote, Text: "<iframe src=//evil>"},
		}},
		Highlights: []ItemHighlight{{Quote: "<b>q</b>", Note: "<svg onload=alert(5)>"}}}
}

// Issue 15, item 4: the Markdown export escapes HTML, and a code block
// cannot be closed early by the backticks it holds; item 5: only http(s)
// addresses become links.
func TestMarkdownExportIsInert(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, craftedArticle()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	body := md[strings.Index(md[4:], "---")+7:] // after the front matter
	// Outside the code block no "<" may remain: everything the page showed
	// as text is text.
	pre := "before\n```\n<script>alert(3)</script>\n````\nafter"
	i := strings.Index(body, pre)
	if i < 0 {
		t.Fatalf("the <pre> text is not kept byte for byte:\n%s", body)
	}
	fenceLine := body[strings.LastIndex(body[:i-1], "\n")+1 : i-1]
	if fenceLine != "`````" {
		t.Errorf("fence = %q, want five backticks (longer than the 4 inside)", fenceLine)
	}
	if !strings.HasPrefix(body[i+len(pre):], "\n`````\n") {
		t.Errorf("the code block is not closed by the same fence right after its text")
	}
	outside := body[:i] + body[i+len(pre):]
	for _, bad := range []string{"<img", "<script", "<iframe", "<svg", "<b>", "(javascript:alert(4)"} {
		if strings.Contains(outside, bad) {
			t.Errorf("Markdown outside code holds %q:\n%s", bad, outside)
		}
	}
	if regexp.MustCompile(`(^|[^\\])\]\(javascript`).MatchString(outside) {
		t.Errorf("Markdown holds a live javascript: link:\n%s", outside)
	}
	if !strings.Contains(outside, "![real](https://img.example/a%20b.png)") {
		t.Errorf("the web image is not a Markdown image:\n%s", outside)
	}
}

// Issue 15, item 4: CSV cells that a spreadsheet would run as formulas
// start with an apostrophe; Annals reads its own CSV back unchanged.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	a := craftedArticle()
	a.URL = "https://a.example/1"
	var b bytes.Buffer
	if err := WriteCSV(context.Background(), &b, []ExportArticle{a}); err != nil {
		t.Fatal(err)
	}
	written := append([]byte(nil), b.Bytes()...)
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q starts a formula", c)
			}
		}
	}
	if recs[1][3] != "'@SUM(1+1)|ok" {
		t.Errorf("tags cell = %q", recs[1][3])
	}
	for _, c := range []string{"-1", "+x", "=1", "@a", "\tx", "−2", "plain"} {
		if got := uncsvCell(csvCell(c)); got != c {
			t.Errorf("round trip of %q = %q", c, got)
		}
	}
	// The Pocket importer reads the title back as written.
	p := filepath.Join(t.TempDir(), "out.csv")
	if err := os.WriteFile(p, written, 0o644); err != nil {
		t.Fatal(err)
	}
	var got []Item
	if err := (pocketCSV{}).Import(context.Background(), p, func(it Item) error { got = append(got, it); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Title != a.Title || strings.Join(got[0].Tags, "|") != "@SUM(1+1)|ok" {
		t.Errorf("read back %+v", got)
	}

	var tb bytes.Buffer
	ev := store.TimelineEvent{Date: "2025-01-23", Precision: "day", Type: "other", Title: "=HYPERLINK(\"http://evil\")"}
	if err := WriteTimelineCSV(&tb, []store.TimelineEvent{ev}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tb.String(), `'=HYPERLINK`) {
		t.Errorf("timeline CSV: %s", tb.String())
	}
}

// Issue 15, item 5: the EPUB and bookmarks exports make links of http(s)
// addresses only.
func TestExportsLinkOnlyWebAddresses(t *testing.T) {
	a := craftedArticle()
	x := chapterXHTML(a)
	doc, err := html.Parse(strings.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for _, at := range n.Attr {
			if at.Key == "href" || at.Key == "src" {
				hrefs = append(hrefs, at.Val)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, h := range hrefs {
		if !store.IsWebLink(h) {
			t.Errorf("EPUB chapter links to %q", h)
		}
	}
	a.URL = "https://ok.example/"
	if !strings.Contains(chapterXHTML(a), `<a href="https://ok.example/">`) {
		t.Errorf("a web address is no longer a link")
	}
	var nb bytes.Buffer
	bad := craftedArticle()
	if err := WriteNetscape(context.Background(), &nb, []ExportArticle{bad, a}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(nb.String(), "javascript:") || !strings.Contains(nb.String(), "https://ok.example/") {
		t.Errorf("bookmarks:\n%s", nb.String())
	}
}
