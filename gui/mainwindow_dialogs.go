package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"annals/data/library"
	"annals/gui/filepick"
	"annals/gui/i18n"
	"annals/gui/views"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// askHighlight asks for a new highlight's colour and an optional note.
func (m *MainWindow) askHighlight(quote string, done func(colour, note string)) {
	m.highlightDialog(i18n.T("Highlight"), i18n.T("Keep"), quote, "", "", done)
}

// highlightDialog asks for a highlight's colour and note, starting from
// colour (a stored name; "" for the first) and note.
func (m *MainWindow) highlightDialog(title, confirm, quote, colourName, noteText string, done func(colour, note string)) {
	colours := views.HighlightColourLabels()
	colour := widget.NewRadioGroup(colours, nil)
	colour.Horizontal = true
	colour.Selected = views.HighlightColourLabel(colourName)
	// The bidi note box: widget.Entry draws mixed Arabic and English in
	// typing order (issue 13).
	note := widgets.NewNoteEntry()
	note.SetPlaceHolder(i18n.T("A note (optional)"))
	note.SetText(noteText)
	shown := []rune(quote)
	if len(shown) > 160 {
		quote = string(shown[:160]) + "…"
	}
	q := widgets.NewLabel(quote)
	q.Wrap = true
	m.showForm(title, confirm, []formField{
		{i18n.T("Text"), q},
		{i18n.T("Colour"), colour},
		{i18n.T("Note"), note},
	}, fyne.NewSize(560, 320), func() {
		done(views.HighlightColourName(colour.Selected), strings.TrimSpace(note.Text))
	})
}

// exportTimeline saves the timeline's events (or its picture) where the
// user chooses.
func (m *MainWindow) exportTimeline(format string) {
	names := map[string]string{"png": "timeline.png", "csv": "timeline.csv", "timelinejs": "timeline.json"}
	kinds := map[string]string{"png": i18n.T("Image (PNG)…"), "csv": i18n.T("Spreadsheet (CSV)…"), "timelinejs": i18n.T("TimelineJS (JSON)…")}
	req := filepick.Request{Kind: filepick.Save, Title: i18n.T("Export"), Name: names[format],
		Filters: []filepick.Filter{{Name: strings.TrimSuffix(kinds[format], "…"), Exts: []string{filepath.Ext(names[format])}}}}
	filepick.New(m.Window, m.log).Choose(req, func(path string, err error) {
		if err != nil {
			m.showError(i18n.T("Could not export the timeline"), err)
			return
		}
		if path == "" {
			return
		}
		w, err := os.Create(path)
		if err != nil {
			m.showError(i18n.T("Could not export the timeline"), err)
			return
		}
		if format == "png" { // drawn from the widget, on this thread
			defer w.Close()
			if err := m.Timeline.Widget.ExportPNG(w, m.Timeline.Widget.Size()); err != nil {
				m.showError(i18n.T("Could not export the timeline"), err)
			}
			return
		}
		// Every event of the library: seconds at 100,000 articles.
		f := library.FormatTimelineJS
		if format == "csv" {
			f = library.FormatCSV
		}
		job := m.lib.RunJob(context.Background(), library.StageExporting, filepath.Base(path), func(ctx context.Context) error {
			err := m.lib.ExportTimeline(ctx, library.TimelineFilter{}, f, w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		})
		m.jobs.track(job, func(_ library.Result, err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				m.showError(i18n.T("Could not export the timeline"), err)
			}
		})
	})
}

// ask asks for one line of text.
func (m *MainWindow) ask(title, label, initial string, done func(string)) {
	entry := widgets.NewEntry()
	entry.SetText(initial)
	m.showForm(title, i18n.T("OK"), []formField{{label, entry}}, fyne.NewSize(440, 160), func() {
		if strings.TrimSpace(entry.Text) != "" {
			done(strings.TrimSpace(entry.Text))
		}
	})
	m.Window.Canvas().Focus(entry)
}

// pick asks the user to choose one of options, the first chosen to
// begin with. The project's picker, not widget.Select: Select draws an
// Arabic option holding Latin words ("ملفات Markdown…") in typing order,
// from the left.
func (m *MainWindow) pick(title string, options []string, done func(int)) {
	sel := views.NewPicker(options, nil)
	if len(options) > 0 {
		sel.SetSelected(options[0])
	}
	d := dialog.NewCustomConfirm(title, i18n.T("OK"), i18n.T("Cancel"), sel.Content(), func(ok bool) {
		if i := slices.Index(options, sel.Selected); ok && i >= 0 {
			done(i)
		}
	}, m.Window)
	d.Resize(fyne.NewSize(440, 160))
	d.Show()
}

// pickFile asks for a file (of one of exts, or any when empty) and calls
// then with its path once the user has chosen one.
func (m *MainWindow) pickFile(exts []string, then func(path string)) {
	req := filepick.Request{Kind: filepick.Open, Title: i18n.T("Open a file")}
	if len(exts) > 0 {
		req.Filters = []filepick.Filter{{Name: fileKind(exts), Exts: exts}}
	}
	filepick.New(m.Window, m.log).Choose(req, func(path string, err error) {
		if err != nil {
			m.showError(i18n.T("Could not open the file"), err)
			return
		}
		if path != "" {
			then(path)
		}
	})
}

// fileKind names the files of exts in a dialog's filter.
func fileKind(exts []string) string {
	switch exts[0] {
	case ".html", ".htm":
		return i18n.T("Web page (HTML)")
	case ".annals":
		return i18n.T("Annals backup")
	}
	return strings.Join(exts, " ")
}

// showError tells the user what went wrong in plain words.
func (m *MainWindow) showError(title string, err error) {
	m.log.WithError(err).Warn(title)
	// The reader sees why in their language; the English details are in
	// the log.
	text := views.ErrorMessage(err)
	var many *failures
	var own said
	switch {
	case errors.As(err, &many):
		text = many.message()
	case errors.As(err, &own):
		text = string(own)
	}
	msg := widgets.NewLabel(text) // may quote an Arabic title
	msg.Wrap = true
	var d *dialog.CustomDialog
	d = m.newDialog(title, msg, widget.NewButton(i18n.T("OK"), func() { d.Hide() }))
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}

// askTags lets the user type an article's tags, separated by commas.
func (m *MainWindow) askTags(current []string, done func([]string)) {
	entry := widgets.NewEntry()
	entry.SetText(strings.Join(current, ", "))
	entry.SetPlaceHolder(i18n.T("china, ai, to read"))
	m.showForm(i18n.T("Tags"), i18n.T("Save"), []formField{{i18n.T("Tags"), entry}}, fyne.NewSize(480, 160), func() {
		done(ParseTags(entry.Text))
	})
	m.Window.Canvas().Focus(entry)
}

// ParseTags splits what the user typed at commas (Latin or Arabic), dropping
// blanks and repeats.
func ParseTags(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '،' || r == ';' }) {
		t = strings.TrimSpace(t)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

// askEventEdit lets the user correct an event's date (TIMEX3: 2025-01-20,
// 2024-11, 2023), precision, type and title.
func (m *MainWindow) askEventEdit(cur library.EventEdit, types []string, done func(library.EventEdit)) {
	date := widget.NewEntry()
	date.SetText(cur.Date)
	date.Validator = func(s string) error {
		if !validEventDate(strings.TrimSpace(s)) {
			return errors.New(i18n.T("Write the date as 2025-01-20, 2024-11 or 2023"))
		}
		return nil
	}
	var labels []string
	for _, t := range types {
		labels = append(labels, i18n.T(t))
	}
	kind := widget.NewSelect(labels, nil)
	kind.SetSelected(i18n.T(cur.Type))
	title := widgets.NewEntry()
	title.SetText(cur.Title)
	m.showForm(i18n.T("Correct the event"), i18n.T("Save"), []formField{
		{i18n.T("Date"), date},
		{i18n.T("Type"), kind},
		{i18n.T("Title"), title},
	}, fyne.NewSize(520, 260), func() {
		e := library.EventEdit{Date: strings.TrimSpace(date.Text), Title: strings.TrimSpace(title.Text)}
		e.Precision = map[int]string{4: "year", 7: "month", 10: "day"}[len(e.Date)]
		for i, l := range labels {
			if l == kind.Selected {
				e.Type = types[i]
			}
		}
		done(e)
	})
}

// validEventDate accepts the TIMEX3 dates a user writes: a day, a month or
// a year.
func validEventDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// failures are the items of a job that failed, shown one per line with
// the reason in the interface's language.
type failures struct {
	list []library.Failure
	of   int
}

func (f *failures) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d failed:", len(f.list), f.of)
	for _, x := range f.list {
		fmt.Fprintf(&b, " %s: %v;", x.Item, x.Err)
	}
	return b.String()
}

func (f *failures) message() string {
	var b strings.Builder
	b.WriteString(i18n.T("%d of %d could not be saved:", len(f.list), f.of) + "\n")
	for _, x := range f.list {
		fmt.Fprintf(&b, "\n• %s\n  %s", i18n.Isolate(x.Item), views.ErrorMessage(x.Err))
	}
	return b.String()
}

// said is a message the interface wrote itself, already in the reader's
// language, passed where an error goes.
type said string

func (s said) Error() string { return string(s) }
