package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"annals/data/library"
)

type highlightJSON struct {
	ID           int64  `json:"id"`
	ArticleID    int64  `json:"article_id"`
	ArticleTitle string `json:"article_title,omitempty"`
	ArticleURL   string `json:"article_url,omitempty"`
	Start        int    `json:"start"` // bytes into the article text
	End          int    `json:"end"`
	Quote        string `json:"quote"`
	Colour       string `json:"colour"`
	Note         string `json:"note"`
	Orphaned     bool   `json:"orphaned"` // the quote is no longer in the article's text
	Created      string `json:"created"`
	Updated      string `json:"updated"`
}

func toHighlightJSON(h library.Highlight) highlightJSON {
	return highlightJSON{ID: h.ID, ArticleID: h.ArticleID, Start: h.Start, End: h.End, Quote: h.Quote,
		Colour: h.Colour, Note: h.Note, Orphaned: h.Orphaned, Created: fmtDate(h.Created), Updated: fmtDate(h.Updated)}
}

func checkHighlightsArgs(rest []string) error {
	if len(rest) > 1 {
		return userErrorf("highlights takes at most one article id")
	}
	if len(rest) == 1 {
		if _, err := strconv.ParseInt(rest[0], 10, 64); err != nil {
			return userErrorf("%q is not an article id (a number, see 'annals list')", rest[0])
		}
	}
	return nil
}

// highlights lists the highlights of one article (in text order) or of the
// whole library (newest first).
func highlights(ctx context.Context, lib *library.Library, rest []string, out *printer) error {
	var items []library.HighlightItem
	if len(rest) == 1 {
		id, _ := strconv.ParseInt(rest[0], 10, 64)
		a, err := lib.Get(ctx, id)
		if errors.Is(err, library.ErrNotFound) {
			return userErrorf("no article with id %d", id)
		}
		if err != nil {
			return err
		}
		hs, err := lib.Highlights(ctx, id)
		if err != nil {
			return err
		}
		for _, h := range hs {
			items = append(items, library.HighlightItem{Highlight: h, ArticleTitle: a.Title, ArticleURL: a.URL})
		}
	} else {
		var err error
		if items, err = lib.AllHighlights(ctx, library.HighlightFilter{}); err != nil {
			return err
		}
	}
	js := []highlightJSON{}
	for _, it := range items {
		j := toHighlightJSON(it.Highlight)
		j.ArticleTitle, j.ArticleURL = it.ArticleTitle, it.ArticleURL
		js = append(js, j)
	}
	return out.emit(js, func(w io.Writer) {
		for _, it := range items {
			flag := ""
			if it.Orphaned {
				flag = "\t(no longer in the text)"
			}
			if len(rest) == 1 {
				fmt.Fprintf(w, "%d\t%s\t%s%s\n", it.ID, it.Colour, oneLineText(it.Quote), flag)
			} else {
				fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%s%s\n", it.ID, it.ArticleID, it.Colour, oneLineText(it.ArticleTitle), oneLineText(it.Quote), flag)
			}
			if it.Note != "" {
				fmt.Fprintf(w, "\t%s\n", oneLineText(it.Note))
			}
		}
	})
}
