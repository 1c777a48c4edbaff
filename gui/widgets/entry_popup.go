package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ShowList opens a pop-up list of content on c at pos, size wide and at
// most size high, that Esc closes as Fyne's own menus do (a plain
// widget.PopUp ignores the keyboard). It returns the pop-up so a choice
// can close it.
func ShowList(c fyne.Canvas, content fyne.CanvasObject, pos fyne.Position, size fyne.Size) *widget.PopUp {
	keys := &escapeCloser{}
	keys.ExtendBaseWidget(keys)
	pop := widget.NewPopUp(container.NewStack(keys, content), c)
	keys.close = pop.Hide
	pop.ShowAtPosition(pos)
	pop.Resize(size)
	c.Focus(keys)
	return pop
}

// escapeCloser takes the keyboard focus while a pop-up list is open and
// closes it on Esc.
type escapeCloser struct {
	widget.BaseWidget
	close func()
}

func (e *escapeCloser) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (e *escapeCloser) FocusGained()   {}
func (e *escapeCloser) FocusLost()     {}
func (e *escapeCloser) TypedRune(rune) {}

// TypedKey closes the pop-up on Esc.
func (e *escapeCloser) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.close != nil {
		e.close()
	}
}
