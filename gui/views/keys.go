package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// ReadingKeys passes the reading keys (j/k, arrows, Space, Page Up/Down,
// Home/End) typed while a list has the focus on to the open article. Handle
// reports whether it used the key; when it did not (no article is open),
// the list moves its own focus as usual.
type ReadingKeys struct {
	Handle func(*fyne.KeyEvent) bool
}

// keyList is a widget.List that offers its keys to ReadingKeys first: a
// tapped list keeps the focus, and widget.List used ↑/↓/Space for itself and
// dropped j/k, so after picking an article the keys did not read it.
type keyList struct {
	widget.List
	keys *ReadingKeys
}

// newKeyList is widget.NewList whose keys go to keys first. It returns the
// embedded *widget.List, so callers keep using the ordinary API; the
// extended widget (and so the one that takes the focus) is the keyList.
func newKeyList(keys *ReadingKeys, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *widget.List {
	l := &keyList{keys: keys}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	keyLists[&l.List] = l
	return &l.List
}

// keyLists finds the keyList of a list made by newKeyList.
var keyLists = map[*widget.List]*keyList{}

// listObject is what to put in a container for list: its keyList when it
// has one. The tree must hold the extended widget: the focus manager only
// focuses an object it finds in the tree, and the list asks to focus its
// keyList when tapped.
func listObject(list *widget.List) fyne.CanvasObject {
	if l, ok := keyLists[list]; ok {
		return l
	}
	return list
}

// TypedKey is part of fyne.Focusable.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	if l.keys != nil && l.keys.Handle != nil && l.keys.Handle(ev) {
		return
	}
	if ev.Name == fyne.KeyEscape {
		toWindow(l, ev)
		return
	}
	l.List.TypedKey(ev)
}

// toWindow gives a key that a focused widget has no use for to the window's
// own key handler, as if nothing had the focus (Esc closes pop-ups there).
func toWindow(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}
