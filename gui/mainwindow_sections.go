package gui

import (
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sectionTabs is the strip of section tabs with the section shown under
// it. container.AppTabs lays its tabs out from the left whatever the
// language (its bar is an HBox in Fyne's internal renderer, with no
// alignment to set); in the Arabic interface the strip must start from
// the right, as the page does. It keeps AppTabs' names (Items,
// SelectedIndex, SelectIndex, OnSelected) so the window uses it the same
// way.
type sectionTabs struct {
	Items      []*container.TabItem
	OnSelected func(*container.TabItem)

	selected int
	buttons  []*widget.Button
	marks    []*canvas.Rectangle
	stack    *fyne.Container
	root     fyne.CanvasObject
}

// newSectionTabs builds the strip for items, in the order given (left to
// right on screen); rtl puts the strip against the right edge.
func newSectionTabs(rtl bool, items ...*container.TabItem) *sectionTabs {
	t := &sectionTabs{Items: items, stack: container.NewStack()}
	var tabs []fyne.CanvasObject
	if rtl {
		tabs = append(tabs, layout.NewSpacer())
	}
	for i, it := range items {
		b := widget.NewButtonWithIcon(it.Text, it.Icon, func() { t.SelectIndex(i) })
		b.Importance = widget.LowImportance
		mark := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		mark.SetMinSize(fyne.NewSize(0, 3))
		mark.Hide()
		t.buttons = append(t.buttons, b)
		t.marks = append(t.marks, mark)
		tabs = append(tabs, container.NewBorder(nil, mark, nil, nil, b))
		t.stack.Add(it.Content)
		if i > 0 {
			it.Content.Hide()
		}
	}
	if !rtl {
		tabs = append(tabs, layout.NewSpacer())
	}
	bar := container.NewBorder(nil, widget.NewSeparator(), nil, nil, container.NewHBox(tabs...))
	t.root = container.NewBorder(bar, nil, nil, nil, t.stack)
	t.show(0)
	return t
}

// SelectedIndex is the position of the tab shown, left to right.
func (t *sectionTabs) SelectedIndex() int { return t.selected }

// Selected is the tab shown.
func (t *sectionTabs) Selected() *container.TabItem { return t.Items[t.selected] }

// SelectIndex shows tab i and reports it when it changed.
func (t *sectionTabs) SelectIndex(i int) {
	if i < 0 || i >= len(t.Items) || i == t.selected {
		return
	}
	t.show(i)
	if t.OnSelected != nil {
		t.OnSelected(t.Items[i])
	}
}

func (t *sectionTabs) show(i int) {
	t.selected = i
	for k, it := range t.Items {
		if k == i {
			it.Content.Show()
			t.marks[k].FillColor = theme.Color(theme.ColorNamePrimary)
			t.marks[k].Show()
			t.buttons[k].Importance = widget.MediumImportance
		} else {
			it.Content.Hide()
			t.marks[k].Hide()
			t.buttons[k].Importance = widget.LowImportance
		}
		t.buttons[k].Refresh()
	}
	t.stack.Refresh()
}

// menuRow stands in for the main menu in the Arabic interface. Fyne draws
// the main menu itself on Linux and Windows (glfw.NewMenuBar: an HBox of
// the menus from the left, not configurable) and its menus' items as
// left-aligned labels, and it adds an English-keyed "Quit"; it cannot be
// mirrored. So the Arabic window has a row of menu buttons from the
// right, each opening a list of the same commands, right-aligned, drawn
// through the bidi label. The shortcuts are the canvas's, in both
// interfaces, so they are the same.
func menuRow(c fyne.Canvas, menus *fyne.MainMenu) fyne.CanvasObject {
	objs := []fyne.CanvasObject{layout.NewSpacer()}
	// Right to left: the first menu is the rightmost.
	for i := len(menus.Items) - 1; i >= 0; i-- {
		menu := menus.Items[i]
		var b *widget.Button
		b = widget.NewButton(menu.Label, func() { showMenu(c, b, menu) })
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	return container.NewBorder(nil, widget.NewSeparator(), nil, nil, container.NewHBox(objs...))
}

// showMenu opens menu's items under the button that opened it, its right
// edge on the button's right edge.
func showMenu(c fyne.Canvas, from fyne.CanvasObject, menu *fyne.Menu) {
	var pop *widget.PopUp
	var rows []fyne.CanvasObject
	for _, it := range menu.Items {
		if it.IsSeparator {
			rows = append(rows, widget.NewSeparator())
			continue
		}
		l := widgets.NewLabel(it.Label)
		l.Direction = widgets.DirRTL
		action := it.Action
		rows = append(rows, widgets.LabelButton(l, func() {
			pop.Hide()
			if action != nil {
				action()
			}
		}))
	}
	list := container.NewVBox(rows...)
	size := list.MinSize()
	size.Width = max(size.Width, 260)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(from)
	x := pos.X + from.Size().Width - size.Width
	pop = widgets.ShowList(c, list, fyne.NewPos(max(0, x), pos.Y+from.Size().Height), size)
}

// withQuit adds Quit to the end of the first menu, as Fyne's own menu
// bar does.
func withQuit(menus *fyne.MainMenu, quit func()) *fyne.MainMenu {
	items := append([]*fyne.Menu(nil), menus.Items...)
	first := *items[0]
	first.Items = append(append([]*fyne.MenuItem(nil), first.Items...), fyne.NewMenuItemSeparator(), fyne.NewMenuItem(i18n.T("Quit"), quit))
	items[0] = &first
	return fyne.NewMainMenu(items...)
}
