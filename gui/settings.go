package gui

import (
	"fmt"
	"net/url"
	"path/filepath"

	"annals/gui/i18n"
	"annals/gui/widgets"
	"annals/internal/buildinfo"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// askLanguage lets the user choose the interface language and digits; the
// change applies at the next start, when every window is built anew.
// Fyne's RadioGroup and Check draw their text in typing order with the
// box on the left, which scrambled «(٠١٢٣)» in the Arabic sentence; the
// choices here are drawn through the bidi label, the box on the side the
// sentence starts.
func (m *MainWindow) askLanguage() {
	prefs := fyne.CurrentApp().Preferences()
	choices := []string{i18n.System, i18n.English, i18n.Arabic}
	labels := []string{i18n.T("Follow the system"), "English", "العربية"}
	current := prefs.StringWithFallback(i18n.PrefLanguage, i18n.System)
	choice := newChoiceList(labels, -1, true)
	for i, c := range choices {
		if c == current {
			choice.set(i)
		}
	}
	digits := newChoiceList([]string{i18n.T("Eastern Arabic digits (٠١٢٣) in the Arabic interface")}, -1, false)
	if prefs.BoolWithFallback(i18n.PrefEasternDigits, false) {
		digits.set(0)
	}
	note := widgets.NewLabel(i18n.T("The new language is used the next time Annals starts."))
	note.Wrap = true
	note.Direction = uiDirection()
	d := dialog.NewCustomConfirm(i18n.T("Language"), i18n.T("Save"), i18n.T("Cancel"),
		container.NewVBox(choice.root, digits.root, note), func(ok bool) {
			if !ok {
				return
			}
			if i := choice.selected; i >= 0 {
				prefs.SetString(i18n.PrefLanguage, choices[i])
			}
			prefs.SetBool(i18n.PrefEasternDigits, digits.selected == 0)
		}, m.Window)
	d.Resize(fyne.NewSize(460, 300))
	d.Show()
}

// uiDirection is the direction of the interface's own sentences.
func uiDirection() widgets.Direction {
	if i18n.RTL() {
		return widgets.DirRTL
	}
	return widgets.DirLTR
}

// choiceList is a set of options drawn through the bidi label, each with
// a radio button (one of them chosen) or a check box (on or off), the box
// on the side the interface's sentences start.
type choiceList struct {
	labels   []*widgets.Label
	icons    []*widget.Icon
	selected int
	radio    bool
	root     fyne.CanvasObject
}

func newChoiceList(options []string, selected int, radio bool) *choiceList {
	c := &choiceList{selected: selected, radio: radio}
	var rows []fyne.CanvasObject
	for i, o := range options {
		l := widgets.NewLabel(o)
		l.Wrap = true
		l.Direction = uiDirection()
		icon := widget.NewIcon(nil)
		c.labels = append(c.labels, l)
		c.icons = append(c.icons, icon)
		var row fyne.CanvasObject
		if i18n.RTL() {
			row = container.NewBorder(nil, nil, nil, icon, l)
		} else {
			row = container.NewBorder(nil, nil, icon, nil, l)
		}
		rows = append(rows, widgets.LabelButton(widgets.NewLabel(""), func() { c.tap(i) }))
		rows[len(rows)-1].(*fyne.Container).Add(row)
	}
	c.root = container.NewVBox(rows...)
	c.refresh()
	return c
}

// Options is the text of each option, for tests.
func (c *choiceList) Options() []string {
	out := make([]string, len(c.labels))
	for i, l := range c.labels {
		out[i] = l.Text
	}
	return out
}

func (c *choiceList) tap(i int) {
	if !c.radio && c.selected == i {
		c.set(-1)
		return
	}
	c.set(i)
}

func (c *choiceList) set(i int) {
	c.selected = i
	c.refresh()
}

func (c *choiceList) refresh() {
	for i, icon := range c.icons {
		on := i == c.selected
		switch {
		case c.radio && on:
			icon.SetResource(theme.RadioButtonCheckedIcon())
		case c.radio:
			icon.SetResource(theme.RadioButtonIcon())
		case on:
			icon.SetResource(theme.CheckButtonCheckedIcon())
		default:
			icon.SetResource(theme.CheckButtonIcon())
		}
	}
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

// showShortcuts lists the keys with what they do, the description through
// the bidi label: widget.Label drew the Arabic descriptions that hold a
// Latin word or a number out of order. In Arabic the description is on
// the right and the keys on the left.
func (m *MainWindow) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, s := range shortcuts {
		k := widget.NewLabel(s[0])
		k.TextStyle = fyne.TextStyle{Monospace: true}
		what := widgets.NewLabel(i18n.T(s[1]))
		what.Direction = uiDirection()
		grid.Add(k)
		grid.Add(what)
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
	info := fmt.Sprintf("Annals %s\nlog: %s", buildinfo.Version, filepath.Join(filepath.Dir(m.lib.DBPath()), "annals.log"))
	fyne.CurrentApp().Clipboard().SetContent(info)
	informIn(m.Window, i18n.T("Report a problem"),
		i18n.T("The version and the location of the log were copied:\n\n%s\n\nPaste them into your message, and attach the log if you can.", info))
}
