package gui

import (
	"strings"

	"annals/gui/i18n"
	"annals/gui/views"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs draw their title with a left-aligned widget.Label and
// widget.Form puts its labels in a left column, in every language. The
// window's own dialogs go through newDialog and showForm instead: in the
// Arabic interface the title is right-aligned (drawn through the bidi
// label), each field's label is on its right, and the buttons are
// mirrored, the confirming one on the left.

// newDialog is a dialog showing body under title with buttons (given in
// English order, left to right; mirrored in Arabic). The dialog is not
// shown.
func (m *MainWindow) newDialog(title string, body fyne.CanvasObject, buttons ...fyne.CanvasObject) *dialog.CustomDialog {
	return newDialogIn(m.Window, title, body, buttons...)
}

// newDialogIn is newDialog over any window (the feeds window, the window
// shown when the library cannot be opened).
func newDialogIn(win fyne.Window, title string, body fyne.CanvasObject, buttons ...fyne.CanvasObject) *dialog.CustomDialog {
	fyneTitle := title
	if i18n.RTL() {
		fyneTitle = ""
		t := widgets.NewLabel(title)
		t.Bold = true
		t.Direction = widgets.DirRTL
		body = container.NewBorder(t, nil, nil, nil, body)
		for i, j := 0, len(buttons)-1; i < j; i, j = i+1, j-1 {
			buttons[i], buttons[j] = buttons[j], buttons[i]
		}
	}
	d := dialog.NewCustomWithoutButtons(fyneTitle, body, win)
	d.SetButtons(buttons)
	return d
}

// messageBody is text for a dialog, drawn through the bidi label: one
// label per line, so a path or a title inside an Arabic sentence stays in
// order (Fyne's confirm and information dialogs drew it in typing order).
func messageBody(text string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, line := range strings.Split(text, "\n") {
		l := widgets.NewLabel(line)
		l.Wrap = true
		box.Add(l)
	}
	return box
}

// confirmIn asks a yes/no question over win; yes runs on confirm.
func confirmIn(win fyne.Window, title, text, confirm string, yes func()) {
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), func() { d.Hide(); yes() })
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(i18n.T("Cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = newDialogIn(win, title, messageBody(text), cancel, ok)
	d.Resize(fyne.NewSize(480, 0).Max(d.MinSize()))
	d.Show()
}

// informIn tells the user something over win, with OK.
func informIn(win fyne.Window, title, text string) {
	var d *dialog.CustomDialog
	d = newDialogIn(win, title, messageBody(text), widget.NewButton(i18n.T("OK"), func() { d.Hide() }))
	d.Resize(fyne.NewSize(480, 0).Max(d.MinSize()))
	d.Show()
}

// showErrorIn tells the user in plain words, in their language, what went
// wrong: Fyne's dialog.ShowError showed err.Error(), English and raw.
func showErrorIn(win fyne.Window, title string, err error) {
	msg := widgets.NewLabel(views.ErrorMessage(err))
	msg.Wrap = true
	var d *dialog.CustomDialog
	d = newDialogIn(win, title, msg, widget.NewButton(i18n.T("OK"), func() { d.Hide() }))
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}

// formField is one labelled field of a form.
type formField struct {
	label string
	field fyne.CanvasObject
}

// showForm shows a dialog of labelled fields with Cancel and confirm.
// confirm stays off while a field that validates (a widgets.Entry with a
// Validator) is invalid; Enter in a widgets.Entry confirms. done is called
// after the user confirmed; the dialog is returned shown.
func (m *MainWindow) showForm(title, confirm string, fields []formField, size fyne.Size, done func()) *dialog.CustomDialog {
	rows := container.New(&formLayout{rtl: i18n.RTL()})
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), nil)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(i18n.T("Cancel"), theme.CancelIcon(), func() { d.Hide() })
	submit := func() {
		if ok.Disabled() {
			return
		}
		d.Hide()
		done()
	}
	ok.OnTapped = submit
	check := func(error) {
		for _, f := range fields {
			if v, is := f.field.(fyne.Validatable); is && v.Validate() != nil {
				ok.Disable()
				return
			}
		}
		ok.Enable()
	}
	for _, f := range fields {
		l := widgets.NewLabel(f.label)
		l.Bold = true
		l.Direction = uiDirection()
		rows.Add(l)
		rows.Add(f.field)
		if e, is := f.field.(*widgets.Entry); is {
			e.OnSubmitted = func(string) { submit() }
		}
		if v, is := f.field.(fyne.Validatable); is {
			v.SetOnValidationChanged(check)
		}
	}
	check(nil)
	d = m.newDialog(title, rows, cancel, ok)
	d.Resize(size)
	d.Show()
	return d
}

// formLayout lays out label and field pairs, one pair a row: the labels in
// a column as wide as the widest, the fields filling the rest, the labels
// on the right in a right-to-left interface.
type formLayout struct{ rtl bool }

func (f *formLayout) widths(objects []fyne.CanvasObject) (label, field float32) {
	for i := 0; i+1 < len(objects); i += 2 {
		label = max(label, objects[i].MinSize().Width)
		field = max(field, objects[i+1].MinSize().Width)
	}
	return label, field
}

func (f *formLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lw, _ := f.widths(objects)
	fw := max(0, size.Width-lw-pad)
	y := float32(0)
	for i := 0; i+1 < len(objects); i += 2 {
		l, fd := objects[i], objects[i+1]
		h := max(l.MinSize().Height, fd.MinSize().Height)
		lx, fx := float32(0), lw+pad
		if f.rtl {
			lx, fx = fw+pad, 0
		}
		l.Move(fyne.NewPos(lx, y+(h-l.MinSize().Height)/2))
		l.Resize(fyne.NewSize(lw, l.MinSize().Height))
		fd.Move(fyne.NewPos(fx, y))
		fd.Resize(fyne.NewSize(fw, h))
		y += h + pad
	}
}

func (f *formLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	lw, fw := f.widths(objects)
	var h float32
	for i := 0; i+1 < len(objects); i += 2 {
		if i > 0 {
			h += pad
		}
		h += max(objects[i].MinSize().Height, objects[i+1].MinSize().Height)
	}
	return fyne.NewSize(lw+pad+fw, h)
}
