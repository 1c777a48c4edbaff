package transfer

import (
	"archive/zip"
	"context"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"annals/data/capture"
	"annals/data/store"
)

var _ Exporter = epubExporter{}

// epubExporter writes the articles as one EPUB 3 book, a chapter each: the
// mimetype entry first and stored uncompressed, META-INF/container.xml, the
// package document (OEBPS/content.opf), a navigation document and one
// XHTML file per article, carrying the article's lang and dir (rtl for
// Arabic), so e-readers lay it out right to left. Images are left out
// (their alt text stays): the book must not depend on the network.
type epubExporter struct{}

func (epubExporter) Name() string { return "epub" }

func (epubExporter) Export(ctx context.Context, out string, arts []ExportArticle) error {
	return writeFile(out, func(w io.Writer) error { return WriteEPUB(ctx, w, "Annals", arts) })
}

func x(s string) string { return html.EscapeString(s) }

// WriteEPUB writes an EPUB book titled title to w.
func WriteEPUB(ctx context.Context, w io.Writer, title string, arts []ExportArticle) error {
	zw := zip.NewWriter(w)
	mt, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		return err
	}
	io.WriteString(mt, "application/epub+zip")
	put := func(name, content string) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, content)
		return err
	}
	if err := put("META-INF/container.xml", `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`); err != nil {
		return err
	}
	lang := "en"
	var manifest, spine, nav strings.Builder
	for i, a := range arts {
		if err := canceled(ctx); err != nil {
			return err
		}
		if i == 0 && a.Language != "" {
			lang = a.Language
		}
		name := fmt.Sprintf("chapter-%04d.xhtml", i+1)
		fmt.Fprintf(&manifest, "    <item id=\"c%d\" href=\"%s\" media-type=\"application/xhtml+xml\"/>\n", i+1, name)
		fmt.Fprintf(&spine, "    <itemref idref=\"c%d\"/>\n", i+1)
		fmt.Fprintf(&nav, "      <li><a href=\"%s\"%s>%s</a></li>\n", name, dirAttrs(a), x(chapterTitle(a)))
		if err := put("OEBPS/"+name, chapterXHTML(a)); err != nil {
			return err
		}
	}
	if err := put("OEBPS/nav.xhtml", fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="%s" xml:lang="%s">
<head><title>%s</title></head>
<body>
  <nav epub:type="toc" id="toc">
    <h1>%s</h1>
    <ol>
%s    </ol>
  </nav>
</body>
</html>
`, lang, lang, x(title), x(title), nav.String())); err != nil {
		return err
	}
	id := fmt.Sprintf("urn:annals:%d", time.Now().UnixNano())
	if err := put("OEBPS/content.opf", fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid" xml:lang="%s">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="bookid">%s</dc:identifier>
    <dc:title>%s</dc:title>
    <dc:language>%s</dc:language>
    <meta property="dcterms:modified">%s</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
%s  </manifest>
  <spine>
%s  </spine>
</package>
`, lang, id, x(title), lang, time.Now().UTC().Format("2006-01-02T15:04:05Z"), manifest.String(), spine.String())); err != nil {
		return err
	}
	return zw.Close()
}

func chapterTitle(a ExportArticle) string {
	if a.Title != "" {
		return a.Title
	}
	return a.URL
}

func dirAttrs(a ExportArticle) string {
	s := ""
	if a.Language != "" {
		s += fmt.Sprintf(` lang="%s" xml:lang="%s"`, x(a.Language), x(a.Language))
	}
	if a.Dir == "rtl" {
		s += ` dir="rtl"`
	}
	return s
}

func chapterXHTML(a ExportArticle) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"%s>
<head><title>%s</title></head>
<body%s>
<h1>%s</h1>
%s
`, dirAttrs(a), x(chapterTitle(a)), dirAttrs(a), x(chapterTitle(a)), sourceLine(a.URL))
	if len(a.Blocks) == 0 && a.Text != "" {
		for _, p := range strings.Split(a.Text, "\n\n") {
			fmt.Fprintf(&b, "<p>%s</p>\n", x(p))
		}
	}
	for _, bl := range a.Blocks {
		t := strings.ReplaceAll(x(bl.Text), "\n", "<br/>")
		switch bl.Kind {
		case capture.BlockHeading:
			lvl := min(max(bl.Level, 2), 6)
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", lvl, t, lvl)
		case capture.BlockQuote:
			fmt.Fprintf(&b, "<blockquote><p>%s</p></blockquote>\n", t)
		case capture.BlockListItem:
			fmt.Fprintf(&b, "<ul><li>%s</li></ul>\n", t)
		case capture.BlockPre:
			fmt.Fprintf(&b, "<pre>%s</pre>\n", x(bl.Text))
		case capture.BlockImage:
			if bl.Text != "" {
				fmt.Fprintf(&b, "<p><em>[%s]</em></p>\n", t)
			}
		case capture.BlockCaption:
			fmt.Fprintf(&b, "<p><em>%s</em></p>\n", t)
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", t)
		}
	}
	if len(a.Highlights) > 0 {
		b.WriteString("<h2>Highlights</h2>\n")
		for _, h := range a.Highlights {
			fmt.Fprintf(&b, "<blockquote><p>%s</p></blockquote>\n", strings.ReplaceAll(x(h.Quote), "\n", "<br/>"))
			if h.Note != "" {
				fmt.Fprintf(&b, "<p>%s</p>\n", x(h.Note))
			}
		}
	}
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

// sourceLine is the chapter's link to its page: a link only for an http(s)
// address, plain text otherwise (a javascript: address never becomes one).
func sourceLine(u string) string {
	if store.IsWebLink(u) {
		return fmt.Sprintf(`<p><a href="%s">%s</a></p>`, x(strings.TrimSpace(u)), x(u))
	}
	return fmt.Sprintf("<p>%s</p>", x(u))
}
