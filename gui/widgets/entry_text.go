package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// textBuffer is what the one-line Entry and the several-line NoteEntry
// share: the text as runes, the caret, and the other end of the
// selection. The widgets keep Text themselves (their exported field) and
// hand it in where it matters.
type textBuffer struct {
	runes  []rune
	cursor int  // caret, a rune offset in runes
	anchor int  // other end of the selection; == cursor when none
	shift  bool // Shift is held: the caret keys select

	focused bool // the entry has the keyboard focus: the caret shows
	dragged bool // a drag is selecting

	history    undoHistory // for undo and redo (entry_edit.go)
	lastDouble time.Time   // when the last double click was, to tell a triple one
}

// buffer is how the shared editing (entry_edit.go) reaches the buffer.
func (t *textBuffer) buffer() *textBuffer { return t }

// KeyDown notes Shift, which makes the caret keys select.
func (t *textBuffer) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shift = true
	}
}

// KeyUp notes Shift released.
func (t *textBuffer) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shift = false
	}
}

// Selection returns the selected rune range [start, end); start == end
// when nothing is selected.
func (t *textBuffer) Selection() (start, end int) {
	return min(t.cursor, t.anchor), max(t.cursor, t.anchor)
}

// SelectedText is the selected text, "" when there is none.
func (t *textBuffer) SelectedText() string {
	a, b := t.Selection()
	if a == b {
		return ""
	}
	return string(t.runes[a:b])
}

// syncTo picks up a text set directly rather than through SetText.
func (t *textBuffer) syncTo(text string) {
	if string(t.runes) != text {
		t.runes = []rune(text)
		t.cursor = min(t.cursor, len(t.runes))
		t.anchor = min(t.anchor, len(t.runes))
		t.history.clear() // the steps no longer fit the text
	}
}

// reset holds text with the caret at its end and nothing selected.
func (t *textBuffer) reset(text string) {
	t.runes = []rune(text)
	t.cursor, t.anchor = len(t.runes), len(t.runes)
	t.history.clear() // a text set by the program is not the user's to undo
}

// caretTo puts the caret before rune i, with nothing selected.
func (t *textBuffer) caretTo(i int) {
	t.cursor = max(0, min(i, len(t.runes)))
	t.anchor = t.cursor
	t.history.seal()
}

// selectRange selects the runes [start, end), the caret at end.
func (t *textBuffer) selectRange(start, end int) {
	t.anchor = max(0, min(start, len(t.runes)))
	t.cursor = max(0, min(end, len(t.runes)))
	t.history.seal()
}
