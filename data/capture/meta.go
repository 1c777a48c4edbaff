package capture

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/itlightning/dateparse"
)

// metadataStep fills the Document's metadata from readability's reading of the
// page (og:, dc:, twitter: and JSON-LD metadata) and from the scan step.
func metadataStep(j *job) error {
	d, a := j.doc, j.article
	d.Title = headlineOf(normaliseSpace(a.Title()), j.page.headlines)
	if d.Title == "" {
		for _, b := range d.Blocks {
			if b.Kind == BlockHeading {
				d.Title = b.Text
				break
			}
		}
	}
	if d.Title == "" {
		d.Warn("The page has no title.")
	}
	d.Byline = cleanByline(a.Byline())
	d.Excerpt = a.Excerpt()

	// A browser-saved page lives at a file:// URL; its own relative links
	// (canonical, og:image) were written for the site it came from.
	bases := []*url.URL{j.pageURL}
	if saved, err := url.Parse(j.page.savedFrom); err == nil && isWeb(saved) {
		bases = append(bases, saved)
	}
	d.CanonicalURL = firstNonEmpty(
		webURL(j.page.canonical, bases), webURL(j.page.ogURL, bases), webURL(j.page.savedFrom, bases), d.URL)

	d.SiteName = normaliseSpace(a.SiteName())
	if d.SiteName == "" {
		if u, err := url.Parse(d.CanonicalURL); err == nil && isWeb(u) {
			d.SiteName = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}

	d.LeadImage = webURL(a.ImageURL(), bases)
	if d.LeadImage == "" && len(d.Images) > 0 {
		d.LeadImage = d.Images[0]
	}

	d.Published = published(j)
	clipMetadata(d)
	return nil
}

// titleSeparators part a page title into the headline and the names of the
// section and the site: "Headline | Site", "Site - Headline", and the
// underscores of Chinese portals ("标题_新闻中心_网站").
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", "｜", "_"}

// headlineOf returns the part of title that the page shows as its headline
// (an <h1> of the same words), or title when no part is.
func headlineOf(title string, headlines []string) string {
	if len(headlines) == 0 {
		return title
	}
	for _, sep := range titleSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		for _, part := range parts {
			l := label(part)
			if l == "" {
				continue
			}
			for _, h := range headlines {
				if label(h) == l {
					return strings.TrimSpace(part)
				}
			}
		}
	}
	return title
}

// bylinePrefixes are the words before an author's name in a byline.
var bylinePrefixes = []string{"by ", "written by ", "بقلم:", "بقلم ", "كتب:", "كتبت:", "كتب ", "كتبت "}

// cleanByline drops "By" / "بقلم" before the name, and a byline that is only
// a date (readability takes a "dateline" for a byline).
func cleanByline(s string) string {
	s = normaliseSpace(s)
	for _, p := range bylinePrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	if _, isDate := parseDate(s); isDate {
		return ""
	}
	return s
}

// published tries the publication-date sources best first: readability's
// (JSON-LD datePublished, article:published_time, dcterms, parsely), then the
// scan step's (itemprop=datePublished, other date metas, <time datetime>).
func published(j *job) time.Time {
	t, err := j.article.PublishedTime()
	if err == nil && plausibleDate(t) {
		return t
	}
	var unread []string
	if err != nil && !errors.Is(err, readability.ErrTimestampMissing) {
		unread = append(unread, err.Error())
	}
	for _, s := range j.page.dates {
		if t, ok := parseDate(s); ok {
			return t
		}
		unread = append(unread, s)
	}
	if len(unread) > 0 {
		j.doc.Warn(fmt.Sprintf("The publication date could not be read (%s).", unread[0]))
	}
	return time.Time{}
}

var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05", "2006-01-02",
}

// parseDate reads a machine date (ISO 8601 first, then whatever dateparse
// recognises), with Eastern Arabic digits accepted. The offset given in the
// page is kept; a date without one is UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(westernDigits(s))
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, plausibleDate(t)
		}
	}
	t, err := dateparse.ParseAny(s)
	return t, err == nil && plausibleDate(t)
}

// plausibleDate rejects the placeholder dates some sites print (0001-01-01,
// 1970-01-01) and dates far in the future.
func plausibleDate(t time.Time) bool {
	return t.Year() > 1970 && t.Before(time.Now().AddDate(1, 0, 0))
}

func westernDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}

func isWeb(u *url.URL) bool {
	return u != nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// webURL resolves ref against the first base that gives an http(s) URL.
func webURL(ref string, bases []*url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if isWeb(r) {
		return r.String()
	}
	for _, b := range bases {
		if b == nil {
			continue
		}
		if u := b.ResolveReference(r); isWeb(u) {
			return u.String()
		}
	}
	return ""
}
