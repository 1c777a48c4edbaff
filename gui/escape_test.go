package gui

import (
	"testing"

	"annals/gui/fynedo"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// addLinkDialog opens a main window, then its Add link dialog, and returns
// the window's canvas, the dialog and the dialog's text box with the focus.
// Call it on the UI thread (inside fynedo.Do).
func addLinkDialog(t *testing.T, m *MainWindow) (fyne.Canvas, fyne.CanvasObject, *widgets.Entry) {
	t.Helper()
	m.Window.Resize(fyne.NewSize(1000, 700))
	m.Window.Show()
	c := m.Window.Canvas()
	m.askLink()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("Add link showed no dialog")
	}
	var entry *widgets.Entry
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widgets.Entry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("the Add link dialog has no text box")
	}
	c.Focus(entry)
	return c, top, entry
}

// Esc closes a dialog even while the caret is in one of its text boxes
// (the box used to take the key for itself).
func TestEscClosesADialogFromItsTextBox(t *testing.T) {
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		c, _, _ := addLinkDialog(t, NewMainWindow(a, lib, quietLogger()))
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if c.Overlays().Top() != nil {
			t.Error("Esc in the dialog's text box left the dialog open")
		}
	})
}
