package gui

import (
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// warnIfReadOnly tells the reader, once at start and in the window's
// title, that the library could only be opened for reading (its file or
// folder cannot be written: a read-only disk, another user's folder).
// Reading and searching work; saving, highlighting and changes do not, and
// without this the first failed click would be the only hint.
func (m *MainWindow) warnIfReadOnly() bool {
	if !m.lib.ReadOnly() {
		return false
	}
	m.Window.SetTitle(i18n.T("Annals (read-only)"))
	msg := widgets.NewLabel(i18n.T("This library can only be read: its file or folder cannot be written. You can read and search, but new articles, highlights and changes cannot be saved. To change it, copy the library to a folder you can write to, or ask whoever owns the folder."))
	msg.Wrap = true
	var d *dialog.CustomDialog
	d = m.newDialog(i18n.T("Read-only library"), msg, widget.NewButton(i18n.T("OK"), func() { d.Hide() }))
	d.Resize(fyne.NewSize(520, 220))
	d.Show()
	return true
}
