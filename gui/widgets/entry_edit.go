package widgets

import (
	"image/color"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// The editing Entry and NoteEntry share: the keys and shortcuts that do
// the same in one line as in several (Backspace, Delete, copy, cut, paste,
// select all, undo, redo, moving and deleting by word), double- and
// triple-click selection, all in one place so the two boxes cannot drift
// apart. What differs (how a paste is cleaned, which drawn line the caret
// is on, what a triple click selects) each entry says through editHost.
//
// Shortcuts reach a widget the way Fyne's desktop driver sends them
// (internal/driver/glfw/window.go, triggersShortcut): Ctrl+Z and Ctrl+Y
// (Cmd on macOS) as fyne.ShortcutUndo and fyne.ShortcutRedo, and every
// other key pressed with Ctrl, Alt or Super as a desktop.CustomShortcut
// whose Modifier includes Shift when it is held, never as a TypedKey.
//
// An input method's preedit (the text being composed, before it is
// committed) is not shown: Fyne 2.7.1 gives widgets no way to see it. Its
// GLFW window registers only SetCharCallback (window_desktop.go), which
// delivers committed characters as TypedRune, and no interface in fyne or
// driver/desktop carries composition text; committed characters arrive and
// are inserted as typed.

// editHost is what the shared editing needs of an entry.
type editHost interface {
	focusWidget
	buffer() *textBuffer
	// sync picks up a Text the program set directly, not by SetText.
	sync()
	// changed is called after the user changed the text: the entry takes
	// the new Text, redraws, validates and calls OnChanged.
	changed()
	// caretMoved is called after the caret or selection moved.
	caretMoved()
	// caretLine is the drawn line holding the caret: its first caret
	// offset and the x of each caret position on it, from there on.
	caretLine() (first int, carets []float32)
	// arrowStep is where the plain ← (dir < 0) or → moves the caret.
	arrowStep(dir int) int
	// cleanPaste is the clipboard's text as the entry takes it.
	cleanPaste(string) string
	// lineAround is what a triple click at offset i selects.
	lineAround(i int) (start, end int)
	// offsetAtPoint is the caret position nearest pos, in the entry.
	offsetAtPoint(pos fyne.Position) int
}

// editKind tells how an edit may merge with the one before it in the undo
// history.
type editKind int

const (
	editOther      editKind = iota // paste, cut, a replaced selection, a deleted word: a step of its own
	editTyping                     // one character typed
	editBackspace                  // one character removed by Backspace
	editDeleteNext                 // one character removed by Delete
)

// caretState is the caret and the other end of the selection.
type caretState struct{ cursor, anchor int }

// undoStep is one undoable change: at rune offset at, del was replaced by
// ins; before and after are the caret and selection either side of it.
type undoStep struct {
	at            int
	del, ins      []rune
	before, after caretState
	kind          editKind
}

// undoLimit bounds the history: notes are short, a few hundred steps back
// is more than anyone undoes, and the oldest go first.
const undoLimit = 200

// undoHistory is the buffer's undo and redo steps.
type undoHistory struct {
	steps  []undoStep
	pos    int  // steps[:pos] are done, steps[pos:] were undone and can be redone
	sealed bool // the next edit starts a step of its own (the caret moved)
}

// seal ends the current step: typing after the caret moved is a new one.
func (h *undoHistory) seal() { h.sealed = true }

func (h *undoHistory) clear() { *h = undoHistory{} }

// record adds s, merging it into the last step when both are typing (or
// both Backspace, or both Delete) at the same place and no word boundary
// lies between: undo then takes back a word, not a letter.
func (h *undoHistory) record(s undoStep) {
	h.steps = h.steps[:h.pos]
	if n := len(h.steps); n > 0 && !h.sealed && merge(&h.steps[n-1], s) {
		return
	}
	h.sealed = false
	h.steps = append(h.steps, s)
	if len(h.steps) > undoLimit {
		h.steps = append(h.steps[:0], h.steps[len(h.steps)-undoLimit:]...)
	}
	h.pos = len(h.steps)
}

// merge folds s into last when it continues it, and reports whether it did.
func merge(last *undoStep, s undoStep) bool {
	if last.kind != s.kind || hasBreak(last.ins) || hasBreak(last.del) || hasBreak(s.ins) || hasBreak(s.del) {
		return false // a line break is a step of its own
	}
	switch s.kind {
	case editTyping:
		// A letter after a space starts the next word's step.
		if len(s.del) > 0 || s.at != last.at+len(last.ins) ||
			isBlank(last.ins[len(last.ins)-1]) && !isBlank(s.ins[0]) {
			return false
		}
		last.ins = append(last.ins, s.ins...)
	case editBackspace:
		// Going back, a letter before a space starts the next step.
		if len(last.ins) > 0 || s.at+len(s.del) != last.at ||
			!isBlank(s.del[0]) && isBlank(last.del[0]) {
			return false
		}
		last.at = s.at
		last.del = append(append([]rune{}, s.del...), last.del...)
	case editDeleteNext:
		if len(last.ins) > 0 || s.at != last.at ||
			!isBlank(s.del[0]) && isBlank(last.del[len(last.del)-1]) {
			return false
		}
		last.del = append(last.del, s.del...)
	default:
		return false
	}
	last.after = s.after
	return true
}

func hasBreak(rs []rune) bool {
	for _, r := range rs {
		if r == '\n' {
			return true
		}
	}
	return false
}

// change replaces the runes [a, b) with s, leaves the caret after it and
// records the step for undo.
func (t *textBuffer) change(a, b int, s string, kind editKind) {
	a, b = max(0, min(a, len(t.runes))), max(0, min(b, len(t.runes)))
	if a > b {
		a, b = b, a
	}
	ins := []rune(s)
	step := undoStep{at: a, del: append([]rune{}, t.runes[a:b]...), ins: ins,
		before: caretState{t.cursor, t.anchor}, kind: kind}
	rs := make([]rune, 0, len(t.runes)-(b-a)+len(ins))
	t.runes = append(append(append(rs, t.runes[:a]...), ins...), t.runes[b:]...)
	t.cursor = a + len(ins)
	t.anchor = t.cursor
	step.after = caretState{t.cursor, t.anchor}
	if len(step.del) > 0 || len(step.ins) > 0 {
		t.history.record(step)
	}
}

// undo takes back the last step, caret and selection as they were before
// it; false when there is nothing to undo.
func (t *textBuffer) undo() bool {
	h := &t.history
	if h.pos == 0 {
		return false
	}
	s := h.steps[h.pos-1]
	if !t.holds(s.at, s.ins) {
		h.clear() // the text was replaced from outside; the steps no longer fit
		return false
	}
	t.splice(s.at, len(s.ins), s.del)
	t.cursor, t.anchor = s.before.cursor, s.before.anchor
	h.pos--
	h.seal()
	return true
}

// redo does again the last undone step; false when there is none.
func (t *textBuffer) redo() bool {
	h := &t.history
	if h.pos == len(h.steps) {
		return false
	}
	s := h.steps[h.pos]
	if !t.holds(s.at, s.del) {
		h.clear()
		return false
	}
	t.splice(s.at, len(s.del), s.ins)
	t.cursor, t.anchor = s.after.cursor, s.after.anchor
	h.pos++
	h.seal()
	return true
}

// holds reports whether the text has rs at offset at.
func (t *textBuffer) holds(at int, rs []rune) bool {
	if at < 0 || at+len(rs) > len(t.runes) {
		return false
	}
	for i, r := range rs {
		if t.runes[at+i] != r {
			return false
		}
	}
	return true
}

func (t *textBuffer) splice(at, n int, rs []rune) {
	out := make([]rune, 0, len(t.runes)-n+len(rs))
	t.runes = append(append(append(out, t.runes[:at]...), rs...), t.runes[at+n:]...)
}

// typedRune inserts r in place of the selection, as typing.
func typedRune(h editHost, r rune) {
	h.sync()
	t := h.buffer()
	a, b := t.Selection()
	t.change(a, b, string(r), editTyping)
	h.changed()
}

// editKey handles the keys the two entries treat alike (Backspace,
// Delete, Esc) and reports whether ev was one of them.
func editKey(h editHost, ev *fyne.KeyEvent) bool {
	t := h.buffer()
	a, b := t.Selection()
	switch ev.Name {
	case fyne.KeyBackspace:
		if a < b {
			t.change(a, b, "", editOther)
		} else if a > 0 {
			t.change(a-1, a, "", editBackspace)
		} else {
			return true
		}
	case fyne.KeyDelete:
		if a < b {
			t.change(a, b, "", editOther)
		} else if a < len(t.runes) {
			t.change(a, a+1, "", editDeleteNext)
		} else {
			return true
		}
	case fyne.KeyEscape:
		// Esc belongs to the window, which closes the dialog or pop-up
		// on top: typing in one of its boxes must not swallow it.
		if c := fyne.CurrentApp().Driver().CanvasForObject(h); c != nil {
			if k := c.OnTypedKey(); k != nil {
				k(ev)
			}
		}
		return true
	default:
		return false
	}
	h.changed()
	return true
}

// moveCaret puts the caret at i, extending the selection while Shift is
// held.
func moveCaret(h editHost, i int) {
	t := h.buffer()
	t.cursor = i
	if !t.shift {
		t.anchor = i
	}
	t.history.seal()
	h.caretMoved()
}

// focusChanged shows or hides the caret; Shift let go while the focus was
// elsewhere is not seen, so it is taken as released.
func focusChanged(h editHost, focused bool) {
	t := h.buffer()
	t.focused = focused
	if !focused {
		t.shift = false
	}
	h.Refresh()
}

// focusWidget is a widget that takes the keyboard focus.
type focusWidget interface {
	fyne.Widget
	fyne.Focusable
}

// focusFromPointer gives f the keyboard focus when the pointer acts on it.
func focusFromPointer(f focusWidget) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil && c.Focused() != f {
		c.Focus(f)
	}
}

// tapped puts the caret where the pointer is, or selects the line when
// the tap is a double click's third.
func tapped(h editHost, pos fyne.Position) {
	h.sync()
	focusFromPointer(h)
	if h.buffer().dragged {
		return
	}
	i := h.offsetAtPoint(pos)
	if tripleTapped(h, i) {
		return
	}
	moveCaret(h, i)
}

// dragged selects from where the drag started to the pointer.
func dragged(h editHost, ev *fyne.DragEvent) {
	h.sync()
	t := h.buffer()
	if !t.dragged {
		t.dragged = true
		t.anchor = h.offsetAtPoint(ev.Position.Subtract(ev.Dragged))
	}
	t.cursor = h.offsetAtPoint(ev.Position)
	t.history.seal()
	h.Refresh()
}

// editShortcut handles the shortcuts both entries share and hands any
// other to the window: Fyne's driver gives a shortcut to the focused
// widget alone when it takes shortcuts, so without this the window's own
// (Ctrl+L, Ctrl+F, Alt+← for back) would do nothing while a box has the
// focus.
func editShortcut(h editHost, s fyne.Shortcut) {
	h.sync()
	if handleShortcut(h, s) {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(h); c != nil {
		if w, ok := c.(fyne.Shortcutable); ok {
			w.TypedShortcut(s)
		}
	}
}

// handleShortcut does what s asks of the text and reports whether s was
// one of the entries' shortcuts.
func handleShortcut(h editHost, s fyne.Shortcut) bool {
	t := h.buffer()
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		if txt := t.SelectedText(); txt != "" && sc.Clipboard != nil {
			sc.Clipboard.SetContent(txt)
		}
	case *fyne.ShortcutCut:
		if txt := t.SelectedText(); txt != "" && sc.Clipboard != nil {
			sc.Clipboard.SetContent(txt)
			a, b := t.Selection()
			t.change(a, b, "", editOther)
			h.changed()
		}
	case *fyne.ShortcutPaste:
		if sc.Clipboard != nil {
			if txt := h.cleanPaste(sc.Clipboard.Content()); txt != "" {
				a, b := t.Selection()
				t.change(a, b, txt, editOther)
				h.changed()
			}
		}
	case *fyne.ShortcutSelectAll:
		t.selectRange(0, len(t.runes))
		t.history.seal()
		h.caretMoved()
	case *fyne.ShortcutUndo:
		if t.undo() {
			h.changed()
		}
	case *fyne.ShortcutRedo:
		if t.redo() {
			h.changed()
		}
	case *desktop.CustomShortcut:
		return customShortcut(h, sc)
	default:
		return false
	}
	return true
}

// customShortcut handles the keys pressed with a modifier that Fyne has no
// shortcut type for: Ctrl+Shift+Z (redo), and with the word modifier ←
// and → by word, Backspace and Delete of a word, Home and End of the
// whole text. Shift with the moves extends the selection.
func customShortcut(h editHost, sc *desktop.CustomShortcut) bool {
	t := h.buffer()
	mod := sc.Modifier &^ fyne.KeyModifierShift
	extend := sc.Modifier&fyne.KeyModifierShift != 0
	if sc.KeyName == fyne.KeyZ && extend && mod == fyne.KeyModifierShortcutDefault {
		if t.redo() {
			h.changed()
		}
		return true
	}
	if !isWordModifier(mod) {
		return false
	}
	move := func(i int) {
		t.cursor = i
		if !extend {
			t.anchor = i
		}
		t.history.seal()
		h.caretMoved()
	}
	switch sc.KeyName {
	case fyne.KeyLeft, fyne.KeyRight:
		dir := 1
		if sc.KeyName == fyne.KeyLeft {
			dir = -1
		}
		move(visualWordStep(h, dir))
	case fyne.KeyHome:
		move(0)
	case fyne.KeyEnd:
		move(len(t.runes))
	case fyne.KeyBackspace, fyne.KeyDelete:
		a, b := t.Selection()
		if a == b && sc.KeyName == fyne.KeyBackspace {
			a = wordStart(t.runes, a)
		} else if a == b {
			b = wordEnd(t.runes, b)
		}
		if a == b {
			return true
		}
		t.change(a, b, "", editOther)
		h.changed()
	default:
		return false
	}
	return true
}

// visualWordStep is where Ctrl+← (dir < 0) or Ctrl+→ moves the caret: as
// the plain arrows do, visually, to the nearest word edge drawn on that
// side on the caret's line. ← stops at words' left edges and → at their
// right edges, whichever end of the word that is in the text: in an
// Arabic line ← goes on in the text, toward the line's left end, and in an
// English name inside it ← goes back to the name's start. Past the last
// word the caret goes to the line's edge, and from there on as the plain
// arrow goes (to the next or previous line in a note).
func visualWordStep(h editHost, dir int) int {
	t := h.buffer()
	first, carets := h.caretLine()
	last := first + len(carets) - 1
	x := func(i int) float32 { return carets[max(0, min(i-first, len(carets)-1))] }
	cur := x(t.cursor)
	best, bestD := -1, float32(0)
	consider := func(i int) {
		d := (x(i) - cur) * float32(dir)
		if i == t.cursor || d < 0.5 {
			return
		}
		if best < 0 || d < bestD-0.01 || d < bestD+0.01 && abs(i-t.cursor) < abs(best-t.cursor) {
			best, bestD = i, d
		}
	}
	for a := first; a < min(last, len(t.runes)); {
		if c := classOf(t.runes[a]); c == classBlank || c == classBreak {
			a++
			continue
		}
		b := a + 1
		for b < min(last, len(t.runes)) && inOneWord(t.runes, b) {
			b++
		}
		// The word's edge on the side the key points to.
		if (x(b)-x(a))*float32(dir) > 0 {
			consider(b)
		} else {
			consider(a)
		}
		a = b
	}
	if best >= 0 {
		return best
	}
	for i := first; i <= last; i++ { // the line's edge that way
		consider(i)
	}
	if best >= 0 {
		return best
	}
	return h.arrowStep(dir)
}

// isWordModifier reports whether m is the modifier of the word keys: Ctrl,
// and on macOS Alt (Option) as well, as there. Elsewhere Alt+← and Alt+→
// stay the window's (back and forward in Annals).
func isWordModifier(m fyne.KeyModifier) bool {
	return m == fyne.KeyModifierControl || runtime.GOOS == "darwin" && m == fyne.KeyModifierAlt
}

// tripleClickWindow is how soon after a double click a tap counts as the
// third click: Fyne sends no triple tap, and its driver holds a tap back
// for its double-tap delay (300 ms) before delivering it.
const tripleClickWindow = 700 * time.Millisecond

// doubleTapped selects the word at pos and notes the time, so that a
// tap soon after selects the line.
func doubleTapped(h editHost, pos fyne.Position) {
	h.sync()
	t := h.buffer()
	i := h.offsetAtPoint(pos)
	t.selectRange(wordAround(t.runes, i))
	t.lastDouble = time.Now()
	t.history.seal()
	h.caretMoved()
}

// tripleTapped selects the line around i when a tap follows a double click
// closely enough to be its third click, and reports whether it did.
func tripleTapped(h editHost, i int) bool {
	t := h.buffer()
	if t.lastDouble.IsZero() || time.Since(t.lastDouble) > tripleClickWindow {
		return false
	}
	t.lastDouble = time.Time{}
	t.selectRange(h.lineAround(i))
	t.history.seal()
	h.caretMoved()
	return true
}

// textValidation is an entry's Validator and what it last said.
type textValidation struct {
	// Validator checks the text; the form the entry sits in shows its
	// error and keeps its confirm button off while there is one.
	Validator fyne.StringValidator

	validationErr error
	onValidation  func(error)
}

// SetOnValidationChanged is how a form learns that the text became valid
// or invalid.
func (v *textValidation) SetOnValidationChanged(f func(error)) { v.onValidation = f }

// check runs the Validator on text, tells the form when its verdict
// changed, and reports whether it did (the border then changes colour).
func (v *textValidation) check(text string) bool {
	if v.Validator == nil {
		return false
	}
	err := v.Validator(text)
	changed := (err == nil) != (v.validationErr == nil) || err != nil && v.validationErr != nil && err.Error() != v.validationErr.Error()
	v.validationErr = err
	if changed && v.onValidation != nil {
		v.onValidation(err)
	}
	return changed
}

// drawBox lays out an entry's background and border, the border in the
// error colour while the text is invalid and in the primary colour while
// the entry has the focus; it returns the border's width.
func drawBox(w fyne.Widget, bg, border *canvas.Rectangle, size fyne.Size, focused, invalid bool) float32 {
	th := theme.CurrentForWidget(w)
	v := fyne.CurrentApp().Settings().ThemeVariant()
	radius := theme.SizeForWidget(theme.SizeNameInputRadius, w)
	bw := theme.SizeForWidget(theme.SizeNameInputBorder, w)
	bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	bg.CornerRadius = radius
	bg.Resize(size)
	borderCol := th.Color(theme.ColorNameInputBorder, v)
	switch {
	case invalid:
		borderCol = th.Color(theme.ColorNameError, v)
	case focused:
		borderCol = th.Color(theme.ColorNamePrimary, v)
	}
	border.FillColor = color.Transparent
	border.StrokeColor = borderCol
	border.StrokeWidth = bw
	border.CornerRadius = radius
	border.Resize(size)
	bg.Refresh()
	border.Refresh()
	return bw
}

// placeholderRTL reports whether a placeholder reads right to left.
func placeholderRTL(s string) bool {
	_, rtl := resolveLevels([]rune(s), DirAuto)
	return rtl
}
