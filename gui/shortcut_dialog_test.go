package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"annals/gui/fynedo"
)

// A shortcut typed in a dialog's text box that the box does not use goes
// on to the window; the window must not open a second dialog on top of
// the first (Ctrl+L in the Add link box), and works again once it closes.
func TestWindowShortcutsWaitForTheDialog(t *testing.T) {
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		c, first, entry := addLinkDialog(t, NewMainWindow(a, lib, quietLogger()))
		ctrlL := &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
		entry.TypedShortcut(ctrlL)
		if n := len(c.Overlays().List()); n != 1 || c.Overlays().Top() != first {
			t.Errorf("Ctrl+L in the dialog's text box: %d dialogs on screen, want the one", n)
		}
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if c.Overlays().Top() != nil {
			t.Fatal("Esc left the dialog open")
		}
		c.(fyne.Shortcutable).TypedShortcut(ctrlL)
		if c.Overlays().Top() == nil {
			t.Error("Ctrl+L with no dialog open did not open Add link")
		}
	})
}
