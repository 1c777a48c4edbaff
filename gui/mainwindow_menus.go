package gui

import (
	"annals/gui/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

func (m *MainWindow) menu() *fyne.MainMenu {
	file := fyne.NewMenu(i18n.T("File"),
		fyne.NewMenuItem(i18n.T("Add link…"), m.askLink),
		fyne.NewMenuItem(i18n.T("Open file…"), m.askFile),
		fyne.NewMenuItem(i18n.T("Import from another app…"), m.askImport),
		fyne.NewMenuItem(i18n.T("Export the library…"), m.askExport),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("Back up the library…"), m.askBackup),
		fyne.NewMenuItem(i18n.T("Restore from a backup…"), m.askRestore),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("Feeds…"), m.showFeeds),
		fyne.NewMenuItem(i18n.T("Fetch the pages that failed again"), m.retryFailed),
		fyne.NewMenuItem(i18n.T("Add the sample articles"), m.addSamples),
	)
	help := fyne.NewMenu(i18n.T("Help"), fyne.NewMenuItem(i18n.T("About Annals"), m.showAbout))
	help.Items = append(help.Items,
		fyne.NewMenuItem(i18n.T("Keyboard shortcuts"), m.showShortcuts),
		fyne.NewMenuItem(i18n.T("Open data folder"), m.openDataFolder),
		fyne.NewMenuItem(i18n.T("Report a problem"), m.reportProblem),
	)
	settings := fyne.NewMenu(i18n.T("Settings"), fyne.NewMenuItem(i18n.T("Language…"), m.askLanguage))
	m.addBrowserMenuItems(settings, help) // gui/pairing.go
	return fyne.NewMainMenu(file, settings, help)
}

func (m *MainWindow) shortcuts() {
	c := m.Window.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.askLink() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.askFile() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { c.Focus(m.Library.Search) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { m.Back() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { m.Forward() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Entities.Undo() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Reader.ChangeTextSize(+1) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPlus, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Reader.ChangeTextSize(+1) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { m.Reader.ChangeTextSize(-1) })
	// Reading keys work when nothing has the focus, and when the library
	// list or the article's text has it (they pass the keys on); Esc
	// closes the pop-up or dialog on top.
	readingKeys := func(ev *fyne.KeyEvent) bool {
		return m.section() == tabLibrary && m.Reader.TypedKey(ev)
	}
	m.Library.Keys.Handle = readingKeys
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			if top := c.Overlays().Top(); top != nil {
				top.Hide()
				c.Overlays().Remove(top)
			}
			return
		}
		readingKeys(ev)
	})
}
