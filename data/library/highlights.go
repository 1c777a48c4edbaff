package library

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"annals/data/capture"
	"annals/data/store"
)

// Highlights and notes, as the GUI and CLI see them.
type (
	Highlight       = store.Highlight
	HighlightFilter = store.HighlightFilter
	HighlightItem   = store.HighlightItem
)

var (
	// ErrHighlightNotFound is returned for a highlight id that does not exist.
	ErrHighlightNotFound = store.ErrHighlightNotFound
	// ErrBadHighlight wraps why a highlight was refused (offsets, quote, colour).
	ErrBadHighlight = store.ErrBadHighlight
)

// HighlightColours are the colours a highlight can have; the first is the
// default.
var HighlightColours = store.HighlightColours

// reanchorSaved is the after-save step for a page saved again, which may
// come back with a different text: it moves the article's highlights to
// where their quotes now are (the schema has already flagged those that
// moved, so a failure here only leaves them flagged).
func reanchorSaved(l *Library, ctx context.Context, id int64, _ *capture.Document) error {
	_, err := l.store.ReanchorHighlights(ctx, id)
	return err
}

// AddHighlight keeps a passage of an article (byte offsets into its Text and
// the quoted text) with a colour and an optional note, and returns its id.
func (l *Library) AddHighlight(ctx context.Context, h Highlight) (int64, error) {
	id, err := l.store.AddHighlight(ctx, h)
	return id, l.mutate(err)
}

// UpdateHighlight changes a highlight's colour ("" keeps it) and note.
func (l *Library) UpdateHighlight(ctx context.Context, id int64, colour, note string) error {
	return l.mutate(l.store.UpdateHighlight(ctx, id, colour, note))
}

// DeleteHighlight removes a highlight and its note.
func (l *Library) DeleteHighlight(ctx context.Context, id int64) error {
	return l.mutate(l.store.DeleteHighlight(ctx, id))
}

// Highlight returns one highlight.
func (l *Library) Highlight(ctx context.Context, id int64) (*Highlight, error) {
	return l.store.Highlight(ctx, id)
}

// Highlights lists an article's highlights in text order (orphaned ones,
// whose quote is no longer in the text, last).
func (l *Library) Highlights(ctx context.Context, articleID int64) ([]Highlight, error) {
	return l.store.Highlights(ctx, articleID)
}

// AllHighlights lists the highlights of every article, newest first.
func (l *Library) AllHighlights(ctx context.Context, f HighlightFilter) ([]HighlightItem, error) {
	return l.store.AllHighlights(ctx, f)
}

// ReanchorHighlights moves an article's highlights to where their quotes
// are in its current text and returns how many could not be found.
func (l *Library) ReanchorHighlights(ctx context.Context, articleID int64) (int, error) {
	n, err := l.store.ReanchorHighlights(ctx, articleID)
	return n, l.mutate(err)
}

// ExportHighlightsMarkdown writes an article's highlights as Markdown: the
// title as a heading, its link, then each highlight as a block quote
// followed by its note. Text is written as it is (Arabic included).
func (l *Library) ExportHighlightsMarkdown(ctx context.Context, articleID int64, w io.Writer) error {
	a, err := l.store.Get(ctx, articleID)
	if err != nil {
		return err
	}
	hs, err := l.store.Highlights(ctx, articleID)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	title := oneLineText(a.Title)
	if title == "" {
		title = a.URL
	}
	fmt.Fprintf(bw, "# %s\n\n", mdEscapeLine(title))
	fmt.Fprintf(bw, "<%s>\n", a.URL)
	for _, h := range hs {
		bw.WriteString("\n")
		for _, line := range strings.Split(strings.TrimSpace(h.Quote), "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				bw.WriteString(">\n")
				continue
			}
			fmt.Fprintf(bw, "> %s\n", mdEscapeLine(line))
		}
		if h.Orphaned {
			bw.WriteString(">\n> *(no longer found in the article's text)*\n")
		}
		if note := strings.TrimSpace(h.Note); note != "" {
			bw.WriteString("\n")
			for _, line := range strings.Split(note, "\n") {
				fmt.Fprintf(bw, "%s\n", mdEscapeLine(strings.TrimRight(line, " \t")))
			}
		}
	}
	return bw.Flush()
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// mdEscapeLine keeps a line of text from being read as Markdown structure
// (a heading, a list item, a quote, a rule) by escaping its first mark.
func mdEscapeLine(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '*', '=', '|', '`':
		return `\` + s
	}
	// "1. text" would become a numbered list.
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
