package library

import (
	"context"
	"fmt"
	"strings"

	"annals/data/transfer"

	log "github.com/sirupsen/logrus"
)

// ExportFormats lists the formats ExportArticles writes: markdown (a
// folder, one file per article), csv, netscape (bookmarks) and epub files.
func ExportFormats() []string { return transfer.ExportFormats() }

// ExportArticles writes every article, newest first, to out in format and
// returns how many were written. Markdown and EPUB include the text and the
// highlights; csv and netscape the links, titles, tags, dates and flags.
func (l *Library) ExportArticles(ctx context.Context, format, out string) (int, error) {
	return l.ExportSelection(ctx, format, out, nil)
}

// ExportSelection is ExportArticles for the articles ids only (all when
// ids is nil), in the order given.
func (l *Library) ExportSelection(ctx context.Context, format, out string, ids []int64) (int, error) {
	ex, ok := transfer.ExporterByName(format)
	if !ok {
		return 0, fmt.Errorf("unknown export format %q (known: %s)", format, strings.Join(ExportFormats(), ", "))
	}
	if ids == nil {
		sums, err := l.store.List(ctx, Filter{})
		if err != nil {
			return 0, err
		}
		for _, s := range sums {
			ids = append(ids, s.ID)
		}
	}
	arts := make([]transfer.ExportArticle, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		a, err := l.store.Get(ctx, id)
		if err != nil {
			return 0, err
		}
		ea := transfer.ExportArticle{Article: *a}
		if format == "markdown" || format == "epub" {
			hs, err := l.store.Highlights(ctx, id)
			if err != nil {
				return 0, err
			}
			for _, h := range hs {
				ea.Highlights = append(ea.Highlights, transfer.ItemHighlight{Quote: h.Quote, Note: h.Note})
			}
		} else {
			ea.HTML, ea.Text, ea.Blocks = "", "", nil // not needed: keep memory low
		}
		arts = append(arts, ea)
	}
	if err := ex.Export(ctx, out, arts); err != nil {
		return 0, err
	}
	l.log.WithFields(log.Fields{"format": format, "out": out, "articles": len(arts)}).Info("exported")
	return len(arts), nil
}
