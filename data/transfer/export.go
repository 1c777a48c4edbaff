package transfer

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"annals/data/capture"
	"annals/data/store"
)

// Exporters write a library out for other apps, mirroring the importers:
// one per format, each with a `var _ Exporter = …` line, one registry.

// ExportArticle is an article with its tags (in Article.Tags) and
// highlights.
type ExportArticle struct {
	store.Article
	Highlights []ItemHighlight
}

// Exporter writes articles to out: a file, or for Markdown a folder.
// Articles come newest first.
type Exporter interface {
	Name() string
	Export(ctx context.Context, out string, articles []ExportArticle) error
}

var exporters = []Exporter{markdownExporter{}, csvExporter{}, netscapeExporter{}, epubExporter{}}

// ExportFormats lists the export format names.
func ExportFormats() []string {
	var out []string
	for _, e := range exporters {
		out = append(out, e.Name())
	}
	return out
}

// ExporterByName returns the exporter called name.
func ExporterByName(name string) (Exporter, bool) {
	for _, e := range exporters {
		if e.Name() == name {
			return e, true
		}
	}
	return nil, false
}

// writeFile writes out through fn, atomically.
func writeFile(out string, fn func(w io.Writer) error) error {
	tmp := out + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	bw := bufio.NewWriter(f)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, out)
}

var _ Exporter = csvExporter{}

// csvExporter writes Pocket's CSV columns first (title, url, time_added,
// tags separated by "|", status unread or archive), so the file can be read
// back by Annals and by apps that took Pocket exports, then Annals' own.
type csvExporter struct{}

func (csvExporter) Name() string { return "csv" }

func (csvExporter) Export(ctx context.Context, out string, arts []ExportArticle) error {
	return writeFile(out, func(w io.Writer) error { return WriteCSV(ctx, w, arts) })
}

// WriteCSV writes the CSV export to w.
func WriteCSV(ctx context.Context, w io.Writer, arts []ExportArticle) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"title", "url", "time_added", "tags", "status", "favorite", "published", "language", "word_count"})
	for _, a := range arts {
		if err := canceled(ctx); err != nil {
			return err
		}
		status := "unread"
		if a.Archived {
			status = "archive"
		}
		fav := "0"
		if a.Favourite {
			fav = "1"
		}
		added := ""
		if !a.Saved.IsZero() {
			added = strconv.FormatInt(a.Saved.Unix(), 10)
		}
		pub := ""
		if !a.Published.IsZero() {
			pub = a.Published.Format(time.RFC3339)
		}
		cw.Write(csvCells([]string{a.Title, a.URL, added, strings.Join(a.Tags, "|"), status, fav, pub, a.Language, strconv.Itoa(a.WordCount)}))
	}
	cw.Flush()
	return cw.Error()
}

var _ Exporter = netscapeExporter{}

// netscapeExporter writes browser bookmarks: one folder, each link with
// ADD_DATE and TAGS, which browsers, Pinboard and Annals read back.
type netscapeExporter struct{}

func (netscapeExporter) Name() string { return "netscape" }

func (netscapeExporter) Export(ctx context.Context, out string, arts []ExportArticle) error {
	return writeFile(out, func(w io.Writer) error { return WriteNetscape(ctx, w, arts) })
}

// WriteNetscape writes the bookmarks file to w.
func WriteNetscape(ctx context.Context, w io.Writer, arts []ExportArticle) error {
	fmt.Fprint(w, `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- Exported by Annals. -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3>Annals</H3>
    <DL><p>
`)
	for _, a := range arts {
		if err := canceled(ctx); err != nil {
			return err
		}
		if !store.IsWebLink(a.URL) {
			continue // a saved page's file:// address is no bookmark
		}
		attrs := ""
		if !a.Saved.IsZero() {
			attrs += fmt.Sprintf(` ADD_DATE="%d"`, a.Saved.Unix())
		}
		if len(a.Tags) > 0 {
			var tags []string
			for _, t := range a.Tags {
				tags = append(tags, strings.ReplaceAll(t, ",", " "))
			}
			attrs += fmt.Sprintf(` TAGS="%s"`, html.EscapeString(strings.Join(tags, ",")))
		}
		title := a.Title
		if title == "" {
			title = a.URL
		}
		if _, err := fmt.Fprintf(w, "        <DT><A HREF=\"%s\"%s>%s</A>\n", html.EscapeString(a.URL), attrs, html.EscapeString(title)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprint(w, "    </DL><p>\n</DL><p>\n")
	return err
}

var _ Exporter = markdownExporter{}

// markdownExporter writes one .md file per article into a folder: YAML
// front matter (title, url, tags, dates, flags), the text with headings,
// quotes and lists, then the highlights as quotes with their notes.
type markdownExporter struct{}

func (markdownExporter) Name() string { return "markdown" }

func (markdownExporter) Export(ctx context.Context, out string, arts []ExportArticle) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create the folder %s: %w", out, err)
	}
	for _, a := range arts {
		if err := canceled(ctx); err != nil {
			return err
		}
		p := filepath.Join(out, MarkdownFileName(a.Article))
		if err := writeFile(p, func(w io.Writer) error { return WriteMarkdown(w, a) }); err != nil {
			return err
		}
	}
	return nil
}

// MarkdownFileName is a file name made of the article's title (Arabic
// letters kept) and its id, so two articles never share one.
func MarkdownFileName(a store.Article) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range a.Title {
		if n >= 60 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(unicode.ToLower(r))
			dash = false
			n++
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "article"
	}
	return fmt.Sprintf("%s-%d.md", slug, a.ID)
}

func yamlString(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a YAML string
	return string(b)
}

// WriteMarkdown writes one article as Markdown with front matter.
func WriteMarkdown(w io.Writer, a ExportArticle) error {
	bw := &errWriter{w: w}
	bw.printf("---\n")
	bw.printf("title: %s\n", yamlString(a.Title))
	bw.printf("url: %s\n", yamlString(a.URL))
	tags := make([]string, len(a.Tags))
	for i, t := range a.Tags {
		tags[i] = yamlString(t)
	}
	bw.printf("tags: [%s]\n", strings.Join(tags, ", "))
	if !a.Saved.IsZero() {
		bw.printf("saved: %s\n", a.Saved.UTC().Format(time.RFC3339))
	}
	if !a.Published.IsZero() {
		bw.printf("published: %s\n", a.Published.Format(time.RFC3339))
	}
	if a.Byline != "" {
		bw.printf("byline: %s\n", yamlString(a.Byline))
	}
	if a.Site != "" {
		bw.printf("site: %s\n", yamlString(a.Site))
	}
	if a.Language != "" {
		bw.printf("language: %s\ndir: %s\n", a.Language, a.Dir)
	}
	bw.printf("archived: %t\nfavourite: %t\nstatus: %s\n---\n\n", a.Archived, a.Favourite, a.Status)
	bw.printf("# %s\n\n", mdText(oneLine(a.Title)))
	if len(a.Blocks) == 0 && a.Text != "" {
		bw.printf("%s\n\n", mdText(a.Text))
	}
	for _, b := range a.Blocks {
		writeBlock(bw, b)
	}
	if len(a.Highlights) > 0 {
		bw.printf("## Highlights\n\n")
		for _, h := range a.Highlights {
			for _, line := range strings.Split(h.Quote, "\n") {
				bw.printf("> %s\n", mdText(line))
			}
			if h.Note != "" {
				bw.printf("\n%s\n", mdText(h.Note))
			}
			bw.printf("\n")
		}
	}
	return bw.err
}

// writeBlock writes one block as Markdown. Text is escaped (the page
// showed "<script>" as text; the .md file must not make it live), code
// keeps its bytes inside a fence longer than any backtick run in it, and
// an image is a link only when its address is a web link.
func writeBlock(w *errWriter, b capture.Block) {
	switch b.Kind {
	case capture.BlockHeading:
		lvl := min(max(b.Level, 2), 6)
		w.printf("%s %s\n\n", strings.Repeat("#", lvl), mdText(oneLine(b.Text)))
	case capture.BlockQuote:
		for _, line := range strings.Split(b.Text, "\n") {
			w.printf("> %s\n", mdText(line))
		}
		w.printf("\n")
	case capture.BlockListItem:
		w.printf("- %s\n\n", mdText(oneLine(b.Text)))
	case capture.BlockPre:
		fence := mdFence(b.Text)
		w.printf("%s\n%s\n%s\n\n", fence, b.Text, fence)
	case capture.BlockImage:
		if src := linkTarget(b.Src); src != "" {
			w.printf("![%s](%s)\n\n", mdText(oneLine(b.Text)), src)
		} else if b.Text != "" {
			w.printf("*%s*\n\n", mdText(oneLine(b.Text)))
		}
	case capture.BlockCaption:
		w.printf("*%s*\n\n", mdText(oneLine(b.Text)))
	default:
		w.printf("%s\n\n", mdText(b.Text))
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, a ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, a...)
	}
}
