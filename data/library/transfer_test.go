package library

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/data/transfer"
)

func TestExportsReadBack(t *testing.T) {
	ctx := context.Background()
	src, _ := seededLibrary(t)
	dir := t.TempDir()
	for _, c := range []struct{ format, file, importAs string }{
		{"csv", "out.csv", "pocket"},
		{"netscape", "out.html", "bookmarks"},
	} {
		t.Run(c.format, func(t *testing.T) {
			out := filepath.Join(dir, c.file)
			n, err := src.ExportArticles(ctx, c.format, out)
			if err != nil || n != 22 {
				t.Fatalf("export: %d, %v", n, err)
			}
			p, err := transfer.PreviewFile(ctx, out, "auto")
			if err != nil || p.Format != c.importAs || p.Items != 22 {
				t.Fatalf("the export does not read back: %+v, %v", p, err)
			}
			// Imported into a new library, it gives the same links, tags and flags.
			dst := openTemp(t)
			if _, err := dst.Import(ctx, out).Wait(); err != nil {
				t.Fatal(err)
			}
			if n, _ := dst.Count(ctx); n != 22 {
				t.Errorf("%d articles read back", n)
			}
			if tags, _ := dst.Tags(ctx); len(tags) < 5 {
				t.Errorf("tags read back: %v", tags)
			}
		})
	}
	t.Run("markdown", func(t *testing.T) {
		out := filepath.Join(dir, "md")
		n, err := src.ExportArticles(ctx, "markdown", out)
		if err != nil || n != 22 {
			t.Fatalf("export: %d, %v", n, err)
		}
		files, _ := filepath.Glob(filepath.Join(out, "*.md"))
		if len(files) != 22 {
			t.Fatalf("%d files", len(files))
		}
		var arabic string
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if strings.Contains(string(b), "ديفيد ساكس") {
				arabic = string(b)
			}
		}
		for _, want := range []string{"---\ntitle: \"", "url: \"https://example.org/china-ai\"", `tags: ["ai", "الصين"]`,
			"favourite: true", "dir: rtl", "## Highlights\n\n> ديفيد ساكس\n\nمهم\n"} {
			if !strings.Contains(arabic, want) {
				t.Errorf("the Arabic article's Markdown lacks %q", want)
			}
		}
	})
	if _, err := src.ExportArticles(ctx, "pdf", filepath.Join(dir, "x")); err == nil {
		t.Error("an unknown format was accepted")
	}
}

// The EPUB passes a structural check: mimetype first and stored, the
// container pointing at the package, a nav document, every XHTML well
// formed, and the Arabic chapter right to left.
func TestEPUBStructure(t *testing.T) {
	ctx := context.Background()
	src, _ := seededLibrary(t)
	out := filepath.Join(t.TempDir(), "annals.epub")
	ready, err := src.List(ctx, Filter{Status: "ready"})
	if err != nil || len(ready) != 2 {
		t.Fatalf("ready = %d, %v", len(ready), err)
	}
	ids := []int64{ready[0].ID, ready[1].ID}
	if n, err := src.ExportSelection(ctx, "epub", out, ids); err != nil || n != 2 {
		t.Fatalf("export: %d, %v", n, err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store {
		t.Fatalf("first entry %q method %d, want mimetype stored", first.Name, first.Method)
	}
	read := func(name string) string {
		for _, f := range zr.File {
			if f.Name == name {
				r, _ := f.Open()
				b, _ := io.ReadAll(r)
				r.Close()
				return string(b)
			}
		}
		t.Fatalf("no %s in the EPUB", name)
		return ""
	}
	if read("mimetype") != "application/epub+zip" {
		t.Error("wrong mimetype")
	}
	if !strings.Contains(read("META-INF/container.xml"), `full-path="OEBPS/content.opf"`) {
		t.Error("container.xml does not point at the package")
	}
	opf := read("OEBPS/content.opf")
	if !strings.Contains(opf, `properties="nav"`) || strings.Count(opf, "<itemref") != 2 {
		t.Errorf("content.opf = %s", opf)
	}
	rtl := 0
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") && !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		doc := read(f.Name)
		dec := xml.NewDecoder(strings.NewReader(doc))
		dec.Strict = true
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				break
			}
		}
		if strings.HasPrefix(f.Name, "OEBPS/chapter-") && strings.Contains(doc, "ديفيد ساكس") {
			if !strings.Contains(doc, `<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" xml:lang="ar" dir="rtl">`) {
				t.Errorf("the Arabic chapter is not marked rtl:\n%.300s", doc)
			}
			rtl++
		}
	}
	if rtl != 1 {
		t.Errorf("%d Arabic chapters, want 1", rtl)
	}
}
