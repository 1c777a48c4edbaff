package transfer

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// OPML is how feed readers exchange subscription lists: <outline> elements
// with an xmlUrl, possibly nested in folders.

// OPMLFeed is one subscription of an OPML file.
type OPMLFeed struct {
	Title   string
	FeedURL string // xmlUrl
	SiteURL string // htmlUrl
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Outlines []opmlOutline `xml:"outline"`
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title       string `xml:"title"`
		DateCreated string `xml:"dateCreated,omitempty"`
	} `xml:"head"`
	Body struct {
		Outlines []opmlOutline `xml:"outline"`
	} `xml:"body"`
}

// maxOPMLBytes bounds what ReadOPML reads: subscription lists are small.
const maxOPMLBytes = 10 << 20

// ReadOPML lists the feeds of an OPML file, folders flattened, each feed
// URL once, in document order.
func ReadOPML(r io.Reader) ([]OPMLFeed, error) {
	lr := &io.LimitedReader{R: r, N: maxOPMLBytes + 1}
	dec := xml.NewDecoder(lr)
	dec.Strict = false
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) { return in, nil }
	var doc opmlDoc
	if err := dec.Decode(&doc); err != nil {
		if lr.N <= 0 {
			return nil, errors.New("this OPML file is larger than 10 MB; it is not a list of subscriptions")
		}
		return nil, fmt.Errorf("this file is not an OPML list of feeds: %w", err)
	}
	var out []OPMLFeed
	seen := map[string]bool{}
	var walk func([]opmlOutline)
	walk = func(outlines []opmlOutline) {
		for _, o := range outlines {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				title := strings.TrimSpace(o.Title)
				if title == "" {
					title = strings.TrimSpace(o.Text)
				}
				out = append(out, OPMLFeed{Title: title, FeedURL: u, SiteURL: strings.TrimSpace(o.HTMLURL)})
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body.Outlines)
	return out, nil
}

// WriteOPML writes feeds as an OPML 2.0 file titled title.
func WriteOPML(w io.Writer, title string, feeds []OPMLFeed) error {
	var doc opmlDoc
	doc.Version = "2.0"
	doc.Head.Title = title
	doc.Head.DateCreated = time.Now().UTC().Format(time.RFC1123Z)
	for _, f := range feeds {
		doc.Body.Outlines = append(doc.Body.Outlines, opmlOutline{Text: f.Title, Title: f.Title, Type: "rss",
			XMLURL: f.FeedURL, HTMLURL: f.SiteURL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
