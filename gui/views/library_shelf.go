package views

import (
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Picker chooses one of a few options, like widget.Select, but draws the
// options through the bidi label and mirrors in Arabic: widget.Select puts
// its text on the left and its arrow on the right in every language, and
// draws a tag such as «وسم: Stargate 2025» in typing order.
type Picker struct {
	// Selected is the option shown; set it with SetSelected.
	Selected string
	// OnChanged is called when the user picks another option.
	OnChanged func(string)

	options []string
	label   *widgets.Label
	button  *pickerButton
	root    *fyne.Container
}

// NewPicker returns a picker of options.
func NewPicker(options []string, changed func(string)) *Picker {
	p := &Picker{options: options, OnChanged: changed}
	p.label = widgets.NewLabel("")
	p.label.Truncate = true
	p.label.Direction = uiDirection()
	p.button = newPickerButton(p.open)
	arrow := widget.NewIcon(theme.MenuDropDownIcon())
	row := container.NewBorder(nil, nil, nil, arrow, p.label)
	if i18n.RTL() {
		row = container.NewBorder(nil, nil, arrow, nil, p.label)
	}
	// The label is shorter than the button: centred on it, as Select's text.
	p.root = container.NewStack(p.button, container.NewVBox(layout.NewSpacer(), row, layout.NewSpacer()))
	return p
}

// Content is the picker's canvas object.
func (p *Picker) Content() fyne.CanvasObject { return p.root }

// Options are the choices offered.
func (p *Picker) Options() []string { return p.options }

// SetOptions replaces the choices; the selection stays.
func (p *Picker) SetOptions(options []string) { p.options = options }

// SetSelected shows option s without reporting it.
func (p *Picker) SetSelected(s string) {
	p.Selected = s
	p.label.SetText(s)
}

// Pick chooses option s as the user would.
func (p *Picker) Pick(s string) {
	changed := s != p.Selected
	p.SetSelected(s)
	if changed && p.OnChanged != nil {
		p.OnChanged(s)
	}
}

// open lists the options under the picker, as wide as it is.
func (p *Picker) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.root)
	if c == nil {
		return
	}
	var pop *widget.PopUp
	var rows []fyne.CanvasObject
	var current *pickerButton
	for _, o := range p.options {
		l := widgets.NewLabel(o)
		l.Direction = uiDirection()
		l.Bold = o == p.Selected
		b := newPickerButton(func() {
			pop.Hide()
			p.Pick(o)
		})
		b.Importance = widget.LowImportance
		b.escape = func() { pop.Hide() }
		b.canvas = c
		if o == p.Selected {
			current = b
		}
		rows = append(rows, container.NewStack(b, l))
	}
	list := container.NewVBox(rows...)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.root)
	size := p.root.Size()
	h := min(list.MinSize().Height, c.Size().Height-pos.Y-size.Height-8)
	pop = widgets.ShowList(c, container.NewVScroll(list), fyne.NewPos(pos.X, pos.Y+size.Height), fyne.NewSize(size.Width, max(h, 40)))
	// The keyboard starts on the option shown, so Enter keeps it and the
	// arrows move from it.
	if current != nil {
		c.Focus(current)
	}
}

// pickerButton is the picker's button and each option's: a drop-down
// opens and picks on Enter as well as Space (widget.Button knows only
// Space), an open list closes on Esc, and the arrows move between options.
type pickerButton struct {
	widget.Button
	escape func()      // closes the open list; nil on the picker itself
	canvas fyne.Canvas // the canvas of the open list, for the arrows
}

func newPickerButton(tapped func()) *pickerButton {
	b := &pickerButton{}
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey adds Enter, Esc and the arrows to the button's Space.
func (b *pickerButton) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter:
		if b.OnTapped != nil {
			b.OnTapped()
		}
	case ev.Name == fyne.KeyEscape && b.escape != nil:
		b.escape()
	case ev.Name == fyne.KeyDown && b.canvas != nil:
		b.canvas.FocusNext()
	case ev.Name == fyne.KeyUp && b.canvas != nil:
		b.canvas.FocusPrevious()
	default:
		b.Button.TypedKey(ev)
	}
}
