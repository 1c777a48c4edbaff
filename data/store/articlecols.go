package store

import (
	"encoding/json"
	"strings"
	"time"
)

// articleWriteCols are the article columns a save writes both when it
// inserts and when it updates, in the order of articleWriteArgs. SaveArticle
// and SaveArticles share them, so a column cannot be written by one save
// path and forgotten by the other.
var articleWriteCols = []string{"url", "canonical_url", "title", "byline", "site", "excerpt",
	"published", "updated", "language", "dir", "html", "text", "blocks", "lead_image", "word_count",
	"reading_minutes", "status", "error", "warnings"}

// articleInsertOnlyCols are set only when the article is new: an update keeps
// its saved date, flags and URL key. Their values follow articleWriteArgs.
var articleInsertOnlyCols = []string{"url_key", "saved", "archived", "favourite"}

var (
	// updateArticleSQL takes articleWriteArgs, then the id.
	updateArticleSQL = "UPDATE articles SET " + strings.Join(articleWriteCols, " = ?, ") + " = ? WHERE id = ?"
	// insertArticleSQL takes articleWriteArgs, then articleInsertOnlyCols' values.
	insertArticleSQL = func() string {
		cols := append(append([]string{}, articleWriteCols...), articleInsertOnlyCols...)
		return "INSERT INTO articles (" + strings.Join(cols, ", ") + ") VALUES (?" +
			strings.Repeat(", ?", len(cols)-1) + ")"
	}()
)

// articleWriteArgs are a's values for articleWriteCols, stamped as updated
// at now: the title without invisible characters (storedTitle), html, text
// and blocks encoded as stored (compress.go), warnings
// as JSON, an unset status ready and an unset direction left-to-right.
func articleWriteArgs(a *Article, now time.Time) ([]any, error) {
	page, err := encodePage(a.HTML, a.Text, a.Blocks)
	if err != nil {
		return nil, err
	}
	warnings, _ := json.Marshal(nonNilStrings(a.Warnings))
	status := a.Status
	if status == "" {
		status = StatusReady
	}
	dir := a.Dir
	if dir == "" {
		dir = "ltr"
	}
	return []any{a.URL, a.CanonicalURL, storedTitle(a.Title), a.Byline, a.Site, a.Excerpt, fmtTime(a.Published),
		fmtTime(now), a.Language, dir, page.html, page.text, page.blocks, a.LeadImage, a.WordCount,
		a.ReadingMinutes, string(status), a.Error, string(warnings)}, nil
}

// articleInsertArgs are articleWriteArgs followed by the values of
// articleInsertOnlyCols for a new article: an unset saved date is now.
func articleInsertArgs(args []any, a *Article, urlKey string, now time.Time) []any {
	saved := a.Saved
	if saved.IsZero() {
		saved = now
	}
	return append(args, urlKey, fmtTime(saved.UTC()), a.Archived, a.Favourite)
}
