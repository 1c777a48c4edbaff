package transfer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pocket (closed in 2025) left its users two export shapes: the CSV export,
// a zip of part_000000.csv, part_000001.csv… with the header
// title,url,time_added,tags,status (a later variant adds cursor; columns are
// found by name), tags separated by "|", status unread or archive; and the
// older HTML export, handled by pocketHTML below.

var _ Importer = pocketCSV{}

type pocketCSV struct{}

func (pocketCSV) Name() string { return "pocket" }

var pocketPart = regexp.MustCompile(`^part_\d+\.csv$`)

func (pocketCSV) Detect(name string, head []byte) bool {
	if first, ok := zipFirstName(head); ok {
		return pocketPart.MatchString(path.Base(first))
	}
	return !isZip(head) && csvHeaderHas(head, "title", "url", "time_added")
}

func (p pocketCSV) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	head, err := readHead(file)
	if err != nil {
		return err
	}
	if !isZip(head) {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		return p.importCSV(ctx, f, file, emit)
	}
	z, err := openZip(file)
	if err != nil {
		return err
	}
	defer z.Close()
	var parts []string
	for _, n := range z.names {
		if pocketPart.MatchString(path.Base(n)) {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return fmt.Errorf("this zip is not a Pocket export: it holds no part_000000.csv")
	}
	sort.Strings(parts)
	for _, n := range parts {
		r, err := z.open(n)
		if err != nil {
			return err
		}
		err = p.importCSV(ctx, r, n, emit)
		if cerr := r.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (pocketCSV) importCSV(ctx context.Context, r io.Reader, name string, emit func(Item) error) error {
	t, err := newCSVTable(r, "Pocket", "url", "title")
	if err != nil {
		return err
	}
	return t.each(ctx, "Pocket "+path.Base(name), func(line int, get func(string) string) error {
		u := get("url")
		if !validURL(u) {
			return nil // Pocket kept some entries without a usable link
		}
		it := Item{URL: u, Title: uncsvCell(get("title")), Added: unixTime(get("time_added"))}
		it.Tags = cleanTags(strings.Split(uncsvCell(get("tags")), "|"))
		switch strings.ToLower(get("status")) {
		case "archive", "archived", "read":
			it.Archived = true
		}
		if f := strings.ToLower(get("favorite")); f == "1" || f == "true" {
			it.Favourite = true
		}
		if it.Title == u {
			it.Title = "" // Pocket fills a missing title with the link
		}
		return emit(it)
	})
}

var _ Importer = pocketHTML{}

// pocketHTML reads the older export: <h1>Unread</h1> and <h1>Read
// Archive</h1>, each followed by a <ul> of <a href time_added tags>.
type pocketHTML struct{}

func (pocketHTML) Name() string { return "pocket-html" }

func (pocketHTML) Detect(name string, head []byte) bool {
	h := bytes.ToLower(head)
	return bytes.Contains(h, []byte("<title>pocket export</title>")) ||
		(bytes.Contains(h, []byte("<h1>unread</h1>")) && bytes.Contains(h, []byte("time_added")))
}

func (pocketHTML) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	z := html.NewTokenizer(f)
	archived, inH1, inA := false, false, false
	var h1 strings.Builder
	var cur Item
	var title strings.Builder
	sawSection := false
	for {
		if err := canceled(ctx); err != nil {
			return err
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				if !sawSection {
					return fmt.Errorf("this is not a Pocket HTML export: it has no Unread or Read Archive list")
				}
				return nil
			}
			return fmt.Errorf("cannot read the Pocket HTML export: %w", z.Err())
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.H1:
				inH1 = true
				h1.Reset()
			case atom.A:
				cur = Item{}
				title.Reset()
				inA = true
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "href":
						cur.URL = strings.TrimSpace(string(v))
					case "time_added":
						cur.Added = unixTime(string(v))
					case "tags":
						cur.Tags = cleanTags(strings.Split(string(v), ","))
					}
				}
			}
		case html.TextToken:
			if inH1 {
				h1.Write(z.Text())
			}
			if inA {
				title.Write(z.Text())
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.H1:
				inH1 = false
				sec := strings.ToLower(strings.TrimSpace(h1.String()))
				archived = strings.Contains(sec, "archive") || strings.Contains(sec, "read")
				if sec == "unread" {
					archived = false
				}
				sawSection = true
			case atom.A:
				if !inA {
					continue
				}
				inA = false
				if !validURL(cur.URL) {
					continue
				}
				cur.Title = strings.Join(strings.Fields(title.String()), " ")
				if cur.Title == cur.URL {
					cur.Title = ""
				}
				cur.Archived = archived
				if err := emit(cur); err != nil {
					return err
				}
			}
		}
	}
}
