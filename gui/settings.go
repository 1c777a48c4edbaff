package gui

import (
	"fmt"
	"net/url"
	"path/filepath"

	"annals/cli"
	"annals/gui/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// askLanguage lets the user choose the interface language and digits; the
// change applies at the next start, when every window is built anew.
func (m *MainWindow) askLanguage() {
	prefs := fyne.CurrentApp().Preferences()
	choices := []string{i18n.System, i18n.English, i18n.Arabic}
	labels := []string{i18n.T("Follow the system"), "English", "العربية"}
	current := prefs.StringWithFallback(i18n.PrefLanguage, i18n.System)
	choice := widget.NewRadioGroup(labels, nil)
	for i, c := range choices {
		if c == current {
			choice.Selected = labels[i]
		}
	}
	digits := widget.NewCheck(i18n.T("Eastern Arabic digits (٠١٢٣) in the Arabic interface"), nil)
	digits.Checked = prefs.BoolWithFallback(i18n.PrefEasternDigits, false)
	note := widget.NewLabel(i18n.T("The new language is used the next time Annals starts."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	d := dialog.NewCustomConfirm(i18n.T("Language"), i18n.T("Save"), i18n.T("Cancel"),
		container.NewVBox(choice, digits, note), func(ok bool) {
			if !ok {
				return
			}
			for i, l := range labels {
				if l == choice.Selected {
					prefs.SetString(i18n.PrefLanguage, choices[i])
				}
			}
			prefs.SetBool(i18n.PrefEasternDigits, digits.Checked)
		}, m.Window)
	d.Resize(fyne.NewSize(460, 280))
	d.Show()
}

// shortcuts lists the keyboard shortcuts, as Help shows them.
var shortcuts = [][2]string{
	{"Ctrl+L", "Add a link"},
	{"Ctrl+O", "Open a saved page"},
	{"Ctrl+F", "Search the library"},
	{"Ctrl+ + / Ctrl+ −", "Larger / smaller text"},
	{"J, K, ↓, ↑", "Scroll the article"},
	{"Space, Page Down / Page Up", "Page through the article"},
	{"Alt+← / Alt+→", "Back / forward"},
	{"Ctrl+Z", "Undo the last entity correction"},
	{"Ctrl+C", "Copy the selected text"},
}

func (m *MainWindow) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, s := range shortcuts {
		k := widget.NewLabel(s[0])
		k.TextStyle = fyne.TextStyle{Monospace: true}
		grid.Add(k)
		grid.Add(widget.NewLabel(i18n.T(s[1])))
	}
	d := dialog.NewCustom(i18n.T("Keyboard shortcuts"), i18n.T("OK"), grid, m.Window)
	d.Show()
}

func (m *MainWindow) openDataFolder() {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Dir(m.lib.DBPath()))}
	if err := fyne.CurrentApp().OpenURL(u); err != nil {
		m.showError(i18n.T("Could not open the data folder"), err)
	}
}

// reportProblem copies what a bug report needs (version and where the log
// is) and says so.
func (m *MainWindow) reportProblem() {
	info := fmt.Sprintf("Annals %s\nlog: %s", cli.Version, filepath.Join(filepath.Dir(m.lib.DBPath()), "annals.log"))
	fyne.CurrentApp().Clipboard().SetContent(info)
	dialog.ShowInformation(i18n.T("Report a problem"),
		i18n.T("The version and the location of the log were copied:\n\n%s\n\nPaste them into your message, and attach the log if you can.", info), m.Window)
}
