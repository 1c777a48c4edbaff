package views

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/library"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// selected follows the user's text selection in the article.
func (r *Reader) selected(row, start, end int) {
	r.selection = nil
	if row < len(r.blocks) {
		if s, e, ok := textOffsets(r.blocks[row], start, end); ok {
			r.selection = &textRange{s, e}
		}
	}
	if r.selection != nil {
		r.hlBtn.Enable()
	} else {
		r.hlBtn.Disable()
	}
}

// addHighlight keeps the selected text as a highlight, with the colour and
// note the user picks.
func (r *Reader) addHighlight() {
	a, sel := r.article, r.selection
	if a == nil || sel == nil || sel.end > len(a.Text) {
		return
	}
	start, end := wholeWords(a.Text, sel.start, sel.end)
	quote := a.Text[start:end]
	save := func(colour, note string) {
		h := library.Highlight{ArticleID: a.ID, Start: start, End: end, Quote: quote, Colour: colour, Note: note}
		r.change(i18n.T("Could not keep the highlight"), func(ctx context.Context) error {
			_, err := r.lib.AddHighlight(ctx, h)
			return err
		}, func() {
			if r.article != a {
				return
			}
			r.selection = nil
			r.hlBtn.Disable()
			r.loadHighlights(a)
		})
	}
	if r.OnHighlight == nil {
		save("yellow", "")
		return
	}
	r.OnHighlight(quote, save)
}

// wholeWords widens the byte range [start, end) of text so that it cuts no
// word: a drag that stops inside «أميركا» or "DeepSeek's" keeps the whole
// word, as reading apps' highlights do; the spaces at its ends are left
// out. Letters, combining marks (Arabic vowel signs), digits, an
// apostrophe between letters and a separator between digits belong to a
// word.
func wholeWords(text string, start, end int) (int, int) {
	if start < 0 || end > len(text) || start >= end {
		return start, end
	}
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if start == end {
		return start, end
	}
	// only a selection that starts or ends inside a word is widened there:
	// one that starts at "(" or ends at "»" keeps it
	for widen := inWord(firstRune(text[start:])); widen && start > 0; {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if !inWord(r) && !joins(r, lastRune(text[:start-n]), firstRune(text[start:])) {
			break
		}
		start -= n
	}
	for widen := inWord(lastRune(text[:end])); widen && end < len(text); {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !inWord(r) && !joins(r, lastRune(text[:end]), firstRune(text[end+n:])) {
			break
		}
		end += n
	}
	return start, end
}

func inWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) }

// joins reports whether r, between before and after, is inside a word: an
// apostrophe between letters ("DeepSeek's"), a thousands or decimal
// separator between digits ("1,000", "2.5", and the Arabic ones).
func joins(r, before, after rune) bool {
	switch r {
	case '\'', '\u2019':
		return inWord(before) && inWord(after)
	case ',', '.', '\u066B', '\u066C':
		return unicode.IsDigit(before) && unicode.IsDigit(after)
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// loadHighlights reads the article's highlights and redraws it with them.
func (r *Reader) loadHighlights(a *library.Article) {
	r.highlightLoads.run(func(ctx context.Context) func() {
		hs, err := r.lib.Highlights(ctx, a.ID)
		return func() {
			if err != nil {
				r.log.WithError(err).Warn("load highlights")
				return
			}
			if r.article != a {
				return
			}
			had := len(r.highlights) > 0
			r.highlights = hs
			r.hlToggle.SetText(highlightsButtonText(len(hs)))
			r.fillHighlightPanel()
			if had || len(hs) > 0 {
				r.relayoutInPlace()
			}
		}
	})
}

// highlightsButtonText is the highlights panel button's label.
func highlightsButtonText(n int) string {
	return i18n.T("Highlights (%s)", i18n.Digits(strconv.Itoa(n)))
}

func (r *Reader) toggleHighlights() {
	if r.hlPanel.Visible() {
		r.hlPanel.Hide()
	} else {
		r.hlPanel.Show()
	}
	r.page.Refresh()
}

// fillHighlightPanel lists the article's highlights beside it: the quote,
// the note, and buttons to go there or remove it.
func (r *Reader) fillHighlightPanel() {
	r.hlList.Objects = nil
	dir := articleDirection(r.article.Dir)
	for _, h := range r.highlights {
		h := h
		quote := widgets.NewParagraph([]widgets.Span{{Text: h.Quote, Highlight: colourOf(h.Colour)}}, paragraphDirection(h.Quote, dir))
		items := []fyne.CanvasObject{quote}
		// A note keeps its lines, each read in its own direction (an Arabic
		// line and an English one), as the note box shows them.
		for _, line := range strings.Split(h.Note, "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			note := widgets.NewLabel(line)
			note.Wrap = true
			note.Italic = true
			items = append(items, note)
		}
		gotoBtn := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() {
			if !h.Orphaned {
				r.view.scrollToText(h.Start)
			}
		})
		gotoBtn.Importance = widget.LowImportance
		editBtn := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { r.editHighlight(h) })
		editBtn.Importance = widget.LowImportance
		delBtn := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { r.deleteHighlight(h.ID) })
		delBtn.Importance = widget.LowImportance
		items = append(items, container.NewHBox(gotoBtn, editBtn, delBtn), widget.NewSeparator())
		r.hlList.Objects = append(r.hlList.Objects, items...)
	}
	if len(r.highlights) == 0 {
		hint := widgets.NewLabel(i18n.T("Select text, then press Highlight."))
		hint.Wrap = true
		hint.Importance = widget.LowImportance
		r.hlList.Objects = []fyne.CanvasObject{hint}
	}
	r.hlList.Refresh()
}

// editHighlight changes a highlight's colour and note, as the user picks.
func (r *Reader) editHighlight(h library.Highlight) {
	if r.OnEditHighlight == nil {
		return
	}
	a := r.article
	r.OnEditHighlight(h, func(colour, note string) {
		r.change(i18n.T("Could not change the highlight"), func(ctx context.Context) error {
			return r.lib.UpdateHighlight(ctx, h.ID, colour, note)
		}, func() {
			if r.article == a {
				r.loadHighlights(a)
			}
		})
	})
}

func (r *Reader) deleteHighlight(id int64) {
	a := r.article
	r.change(i18n.T("Could not remove the highlight"), func(ctx context.Context) error {
		return r.lib.DeleteHighlight(ctx, id)
	}, func() {
		if r.article == a {
			r.loadHighlights(a)
		}
	})
}
