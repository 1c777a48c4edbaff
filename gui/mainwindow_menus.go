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
	// The window's shortcuts act on the window, not through a dialog: the
	// text boxes pass on the shortcuts they do not use (gui/widgets), so
	// Ctrl+L typed in the note dialog would otherwise open Add link on top
	// of it, and Alt+← would leave the article the note is for.
	behindNoDialog := func(f func()) func(fyne.Shortcut) {
		return func(fyne.Shortcut) {
			if c.Overlays().Top() == nil {
				f()
			}
		}
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}, behindNoDialog(m.askLink))
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, behindNoDialog(m.askFile))
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, behindNoDialog(func() { c.Focus(m.Library.Search) }))
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}, behindNoDialog(m.Back))
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}, behindNoDialog(m.Forward))
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}, behindNoDialog(m.Entities.Undo))
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
