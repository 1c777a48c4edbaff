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
	box := container.NewVBox()
	add := func(text string, dir widgets.Direction) {
		l := widgets.NewLabel(text)
		l.Wrap = true
		l.Direction = dir
		box.Add(l)
	}
	add(i18n.T("Annals %s", buildinfo.Version), widgets.DirAuto)
	add(i18n.T("Annals keeps a readable copy of the articles you save, offline."), widgets.DirAuto)
	add(i18n.T("Your library:"), widgets.DirAuto)
	// A path reads left to right in either interface; inside an Arabic
	// sentence its leading "/" was drawn at the far end.
	add(m.lib.DBPath(), widgets.DirLTR)
	add(i18n.T("Annals is free software under the Apache License 2.0."), widgets.DirAuto)
	add(i18n.T("Fonts: Noto Sans Arabic and Noto Naskh Arabic (SIL Open Font License 1.1). Built with Fyne (BSD 3-Clause), go-sqlite3 and SQLite (MIT, public domain), go-readability (Apache 2.0), logrus (MIT)."), widgets.DirAuto)
	add(i18n.T("Data: place names from CLDR and GeoNames (CC BY 4.0); the Arabic names tagger's word lists are derived from Ayaspell (MPL 1.1)."), widgets.DirAuto)
	var d *dialog.CustomDialog
	d = m.newDialog(i18n.T("About Annals"), box, widget.NewButton(i18n.T("OK"), func() { d.Hide() }))
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}
