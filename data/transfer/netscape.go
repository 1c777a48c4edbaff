package transfer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Browser bookmarks in the Netscape format every browser exports:
// <DT><H3>folder</H3><DL><p><DT><A HREF ADD_DATE TAGS>title</A>…</DL>.
// Folders become tags (the browsers' own roots such as "Bookmarks bar"
// excepted), ADD_DATE is the saved date, TAGS (Firefox, Pinboard) adds
// comma-separated tags. Parsing is lenient: browsers rarely close <DT> or
// <p>, and only <DL> nesting is trusted for folder depth.

var _ Importer = netscape{}

type netscape struct{}

func (netscape) Name() string { return "bookmarks" }

func (netscape) Detect(name string, head []byte) bool {
	h := bytes.ToLower(head)
	if bytes.Contains(h, []byte("netscape-bookmark-file")) {
		return true
	}
	return bytes.Contains(h, []byte("<dl>")) && bytes.Contains(h, []byte("add_date"))
}

// browserRoots are folders every browser has; they say nothing about a link.
var browserRoots = map[string]bool{
	"bookmarks": true, "bookmarks bar": true, "bookmarks toolbar": true, "bookmarks menu": true,
	"other bookmarks": true, "mobile bookmarks": true, "favorites bar": true, "favourites bar": true,
	"favorites": true, "unsorted bookmarks": true, "imported": true,
}

func (netscape) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	z := html.NewTokenizer(f)
	var (
		folders   []string // folder names by <DL> depth
		pending   string   // an <H3> seen, waiting for its <DL>
		inH3, inA bool
		text      strings.Builder
		cur       Item
		found     bool
	)
	for {
		if err := canceled(ctx); err != nil {
			return err
		}
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				if !found {
					return fmt.Errorf("this bookmarks file holds no links")
				}
				return nil
			}
			return fmt.Errorf("cannot read the bookmarks file: %w", z.Err())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.H3:
				inH3 = true
				text.Reset()
			case atom.Dl:
				folders = append(folders, pending)
				pending = ""
			case atom.A:
				inA = true
				text.Reset()
				cur = Item{}
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "href":
						cur.URL = strings.TrimSpace(string(v))
					case "add_date":
						cur.Added = unixTime(string(v))
					case "tags":
						cur.Tags = strings.Split(string(v), ",")
					}
				}
			}
		case html.TextToken:
			if inH3 || inA {
				text.Write(z.Text())
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.H3:
				inH3 = false
				pending = strings.Join(strings.Fields(text.String()), " ")
			case atom.Dl:
				if len(folders) > 0 {
					folders = folders[:len(folders)-1]
				}
			case atom.A:
				if !inA {
					continue
				}
				inA = false
				if !validURL(cur.URL) {
					continue // javascript:, place:, file: and friends
				}
				found = true
				cur.Title = strings.Join(strings.Fields(text.String()), " ")
				if cur.Title == cur.URL {
					cur.Title = ""
				}
				tags := cur.Tags
				for _, fo := range folders {
					if fo != "" && !browserRoots[strings.ToLower(fo)] {
						tags = append(tags, fo)
					}
				}
				cur.Tags = cleanTags(tags)
				if err := emit(cur); err != nil {
					return err
				}
			}
		}
	}
}
