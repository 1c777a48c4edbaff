package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"
)

// The highlight dialog's note is the bidi note box (widget.Entry drew a
// mixed note in typing order): a mixed line, Enter and an English line
// reach the caller as typed, line break included.
func TestHighlightNoteIsBidiAndKeepsLines(t *testing.T) {
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1000, 700))
		m.Window.Show()
		var gotNote string
		kept := false
		m.askHighlight("Stargate", func(_, note string) { gotNote, kept = note, true })
		over := m.Window.Canvas().Overlays().Top()
		var note *widgets.NoteEntry
		for _, c := range test.LaidOutObjects(over) {
			if e, ok := c.(*widgets.NoteEntry); ok {
				note = e
			}
		}
		if note == nil {
			t.Fatal("no bidi note box in the highlight dialog")
		}
		m.Window.Canvas().Focus(note)
		test.Type(note, "مهم - Stargate, 21 Jan 2025")
		note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		test.Type(note, "second line")
		if over != m.Window.Canvas().Overlays().Top() {
			t.Fatal("Enter in the note closed the dialog")
		}
		keep := buttonsIn(over)[i18n.T("Keep")]
		if keep == nil {
			t.Fatal("no Keep button")
		}
		test.Tap(keep)
		if want := "مهم - Stargate, 21 Jan 2025\nsecond line"; !kept || gotNote != want {
			t.Errorf("note %q (kept %v), want %q", gotNote, kept, want)
		}
	})
}
