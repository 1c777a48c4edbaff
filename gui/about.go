package gui

import (
	"annals/gui/i18n"
	"annals/gui/widgets"
	"annals/internal/buildinfo"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showAbout names the version, the library's file and the licences. Its
// text goes through the bidi label (Fyne's information dialog drew an
// Arabic sentence holding a path or a version in typing order).
func (m *MainWindow) showAbout() {
	paragraphs := []string{
		i18n.T("Annals %s", buildinfo.Version),
		i18n.T("Annals keeps a readable copy of the articles you save, offline.\nYour library: %s", m.lib.DBPath()),
		i18n.T("Annals is free software under the Apache License 2.0."),
		i18n.T("Fonts: Noto Sans Arabic and Noto Naskh Arabic (SIL Open Font License 1.1). Built with Fyne (BSD 3-Clause), go-sqlite3 and SQLite (MIT, public domain), go-readability (Apache 2.0), logrus (MIT)."),
	}
	box := container.NewVBox()
	for _, p := range paragraphs {
		l := widgets.NewLabel(p)
		l.Wrap = true
		box.Add(l)
	}
	var d *dialog.CustomDialog
	d = m.newDialog(i18n.T("About Annals"), box, widget.NewButton(i18n.T("OK"), func() { d.Hide() }))
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}
