package store

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"annals/data/article"
)

// ErrNotWebLink is returned for an article whose address is not an http or
// https link (nor a saved page's file:// address).
var ErrNotWebLink = errors.New("only web links (http:// or https://) can be saved")

// storableURL reports whether raw may be an article's address: a web link,
// or the file:// address of a page saved on this computer.
func storableURL(raw string) bool {
	if len(raw) > article.MaxURLBytes || !utf8.ValidString(raw) {
		return false
	}
	return IsWebLink(raw) || strings.HasPrefix(strings.ToLower(strings.TrimSpace(raw)), "file:///")
}

// checkArticle refuses an article whose address could run or open
// something when followed, drops secondary addresses that are not web
// links, and cuts its metadata to the lengths capture uses, whatever wrote
// it (capture, an importer, a feed).
func checkArticle(a *Article) error {
	if a.URL == "" {
		return errors.New("store: article without URL")
	}
	if !storableURL(a.URL) {
		return fmt.Errorf("store: %w: %.80q", ErrNotWebLink, a.URL)
	}
	if a.CanonicalURL != "" && !IsWebLink(a.CanonicalURL) {
		a.CanonicalURL = ""
	}
	if a.LeadImage != "" && !IsWebLink(a.LeadImage) && !strings.HasPrefix(a.LeadImage, "file:///") {
		a.LeadImage = ""
	}
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	a.Title = article.Clip(fix(a.Title), article.MaxTitleRunes)
	a.Byline = article.Clip(fix(a.Byline), article.MaxBylineRunes)
	a.Site = article.Clip(fix(a.Site), article.MaxSiteRunes)
	a.Excerpt = article.Clip(fix(a.Excerpt), article.MaxExcerptRunes)
	a.Tags = clipTags(a.Tags)
	return nil
}

// clipTags cuts each tag and the number of tags.
func clipTags(tags []string) []string {
	if len(tags) > article.MaxTags {
		tags = tags[:article.MaxTags]
	}
	out, copied := tags, false
	for i, t := range tags {
		if c := article.Clip(t, article.MaxTagRunes); c != t {
			if !copied { // the caller's slice stays as it was
				out, copied = append([]string(nil), tags...), true
			}
			out[i] = c
		}
	}
	return out
}

// clipSQL is the SQL that cuts column col to n characters, for rows copied
// in SQL (restore).
func clipSQL(col string, n int) string {
	return fmt.Sprintf("CASE WHEN length(%[1]s) > %[2]d THEN substr(%[1]s, 1, %[3]d) || '…' ELSE %[1]s END", col, n, n-1)
}

// clipNote trims a highlight's note and cuts it to MaxNoteRunes.
func clipNote(n string) string { return article.Clip(strings.TrimSpace(n), article.MaxNoteRunes) }
