package widgets

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// press sends key with mods to the focused widget of w the way Fyne's
// desktop driver does (internal/driver/glfw/window.go, triggersShortcut):
// Ctrl+Z/Y/C/X/V/A as Fyne's shortcut types, any other key with Ctrl, Alt
// or Super as a desktop.CustomShortcut, a key alone or with Shift as
// TypedKey between KeyDown and KeyUp of Shift.
func press(t *testing.T, w fyne.Window, cb fyne.Clipboard, key fyne.KeyName, mods fyne.KeyModifier) {
	t.Helper()
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatal("nothing has the focus")
	}
	if mods&^fyne.KeyModifierShift == 0 {
		k, _ := f.(desktop.Keyable)
		if mods != 0 && k != nil {
			k.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
		f.TypedKey(&fyne.KeyEvent{Name: key})
		if mods != 0 && k != nil {
			k.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
		return
	}
	var s fyne.Shortcut
	if mods == fyne.KeyModifierShortcutDefault {
		switch key {
		case fyne.KeyZ:
			s = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			s = &fyne.ShortcutRedo{}
		case fyne.KeyC:
			s = &fyne.ShortcutCopy{Clipboard: cb}
		case fyne.KeyX:
			s = &fyne.ShortcutCut{Clipboard: cb}
		case fyne.KeyV:
			s = &fyne.ShortcutPaste{Clipboard: cb}
		case fyne.KeyA:
			s = &fyne.ShortcutSelectAll{}
		}
	}
	if s == nil {
		s = &desktop.CustomShortcut{KeyName: key, Modifier: mods}
	}
	sc, ok := f.(fyne.Shortcutable)
	if !ok {
		t.Fatalf("%T takes no shortcuts", f)
	}
	sc.TypedShortcut(s)
}

const (
	ctrl      = fyne.KeyModifierControl
	ctrlShift = fyne.KeyModifierControl | fyne.KeyModifierShift
	shift     = fyne.KeyModifierShift
	undoMod   = fyne.KeyModifierShortcutDefault
)

// Typing is undone a word at a time, redone with Ctrl+Shift+Z and Ctrl+Y,
// in English and in Arabic; the caret goes back to where it was.
func TestEntryUndoRedoByWord(t *testing.T) {
	for _, tc := range []struct{ first, second string }{
		{"hello ", "world"},
		{"مهم ", "جدًا"},
	} {
		e, w := typedEntry(t, tc.first+tc.second)
		press(t, w, nil, fyne.KeyZ, undoMod)
		if e.Text != tc.first || e.CursorPosition() != len([]rune(tc.first)) {
			t.Errorf("one undo of %q: %q caret %d, want %q", tc.first+tc.second, e.Text, e.CursorPosition(), tc.first)
		}
		press(t, w, nil, fyne.KeyZ, undoMod)
		if e.Text != "" {
			t.Errorf("two undos left %q", e.Text)
		}
		press(t, w, nil, fyne.KeyZ, undoMod) // nothing more to undo
		press(t, w, nil, fyne.KeyZ, ctrlShift)
		if e.Text != tc.first {
			t.Errorf("Ctrl+Shift+Z gave %q, want %q", e.Text, tc.first)
		}
		press(t, w, nil, fyne.KeyY, undoMod)
		if e.Text != tc.first+tc.second || e.CursorPosition() != len([]rune(e.Text)) {
			t.Errorf("Ctrl+Y gave %q caret %d", e.Text, e.CursorPosition())
		}
		// A new edit after an undo drops what could be redone.
		press(t, w, nil, fyne.KeyZ, undoMod)
		test.Type(e, "x")
		press(t, w, nil, fyne.KeyY, undoMod)
		if e.Text != tc.first+"x" {
			t.Errorf("redo after a new edit gave %q", e.Text)
		}
	}
}

// Cut, paste, deleting a selection and deleting a word are one step each,
// and undo brings the selection back as it was.
func TestEntryUndoRestoresSelection(t *testing.T) {
	e, w := typedEntry(t, mixedLine)
	cb := test.NewClipboard()
	selectWord := func() {
		press(t, w, cb, fyne.KeyHome, 0)
		for range 3 { // ← in the Arabic line goes on in the text
			press(t, w, cb, fyne.KeyLeft, shift)
		}
		if e.SelectedText() != "مهم" {
			t.Fatalf("selected %q, want مهم", e.SelectedText())
		}
	}
	selectWord()
	press(t, w, cb, fyne.KeyX, undoMod)
	if e.Text != " - Stargate, 21 Jan 2025" || cb.Content() != "مهم" {
		t.Fatalf("cut gave %q, clipboard %q", e.Text, cb.Content())
	}
	press(t, w, cb, fyne.KeyZ, undoMod)
	if e.Text != mixedLine || e.SelectedText() != "مهم" {
		t.Errorf("undo of cut: %q selected %q", e.Text, e.SelectedText())
	}
	if a, b := e.para.Selection(); a != 0 || b != 3 {
		t.Errorf("drawn selection after undo [%d,%d), want [0,3)", a, b)
	}
	cb.SetContent("عاجل جدا")
	press(t, w, cb, fyne.KeyV, undoMod)
	if e.Text != "عاجل جدا - Stargate, 21 Jan 2025" {
		t.Fatalf("paste gave %q", e.Text)
	}
	press(t, w, cb, fyne.KeyZ, undoMod)
	if e.Text != mixedLine || e.SelectedText() != "مهم" {
		t.Errorf("undo of paste: %q selected %q", e.Text, e.SelectedText())
	}
	press(t, w, cb, fyne.KeyDelete, 0)
	press(t, w, cb, fyne.KeyEnd, 0)
	press(t, w, cb, fyne.KeyBackspace, ctrl)
	if e.Text != " - Stargate, 21 Jan " {
		t.Fatalf("Delete then Ctrl+Backspace gave %q", e.Text)
	}
	press(t, w, cb, fyne.KeyZ, undoMod)
	if e.Text != " - Stargate, 21 Jan 2025" {
		t.Errorf("undo of Ctrl+Backspace gave %q", e.Text)
	}
	press(t, w, cb, fyne.KeyZ, undoMod)
	if e.Text != mixedLine || e.SelectedText() != "مهم" {
		t.Errorf("undo of Delete: %q selected %q", e.Text, e.SelectedText())
	}
}

// Backspaces are grouped as typing is: back over a word and the space
// before it in one step.
func TestEntryUndoGroupsBackspaces(t *testing.T) {
	e, w := typedEntry(t, "abc مهم")
	for range 4 {
		press(t, w, nil, fyne.KeyBackspace, 0)
	}
	press(t, w, nil, fyne.KeyBackspace, 0)
	if e.Text != "ab" {
		t.Fatalf("5 Backspaces left %q", e.Text)
	}
	press(t, w, nil, fyne.KeyZ, undoMod)
	if e.Text != "abc" {
		t.Errorf("first undo gave %q, want abc", e.Text)
	}
	press(t, w, nil, fyne.KeyZ, undoMod)
	if e.Text != "abc مهم" || e.CursorPosition() != 7 {
		t.Errorf("second undo gave %q caret %d", e.Text, e.CursorPosition())
	}
}

// The history is bounded: of 300 words typed, undoLimit come back off.
func TestEntryUndoHistoryBounded(t *testing.T) {
	var words []string
	for i := range 300 {
		words = append(words, fmt.Sprintf("w%d ", i))
	}
	e, w := typedEntry(t, strings.Join(words, ""))
	for range 400 {
		press(t, w, nil, fyne.KeyZ, undoMod)
	}
	if want := strings.Join(words[:300-undoLimit], ""); e.Text != want {
		t.Errorf("after 400 undos %d runes left, want %d", len([]rune(e.Text)), len([]rune(want)))
	}
	if len(e.history.steps) > undoLimit {
		t.Errorf("%d steps kept", len(e.history.steps))
	}
}

// Ctrl+← and Ctrl+→ jump by word; with Shift they select by word. Like
// the plain arrows they move visually: in an English line ← goes back; in
// an Arabic line ← goes on in the text, toward the line's left end, word
// edge by word edge as drawn, through the English name inside it too.
func TestEntryWordMoves(t *testing.T) {
	e, w := typedEntry(t, "Stargate, 21 Jan 2025")
	press(t, w, nil, fyne.KeyLeft, ctrl)
	if e.CursorPosition() != 17 {
		t.Errorf("Ctrl+← from the end: %d, want 17 (before 2025)", e.CursorPosition())
	}
	press(t, w, nil, fyne.KeyLeft, ctrl)
	press(t, w, nil, fyne.KeyLeft, ctrl)
	press(t, w, nil, fyne.KeyRight, ctrlShift)
	if e.SelectedText() != "21" {
		t.Errorf("Ctrl+Shift+→ selected %q, want 21", e.SelectedText())
	}
	press(t, w, nil, fyne.KeyHome, 0)
	press(t, w, nil, fyne.KeyRight, ctrl)
	press(t, w, nil, fyne.KeyRight, ctrl)
	if e.CursorPosition() != 9 { // "Stargate" then ","
		t.Errorf("Ctrl+→ twice from Home: %d, want 9", e.CursorPosition())
	}

	// "مهم - Stargate, 21 Jan 2025" is drawn "Stargate, 21 Jan 2025 - مهم".
	// From Home (the right end) Ctrl+← stops at each word's left edge,
	// right to left: after مهم, after "-", then before 2025, Jan, 21,
	// the comma's left (after "Stargate") and S.
	a, w := typedEntry(t, mixedLine)
	walk := func(key fyne.KeyName, want []int) {
		t.Helper()
		for _, i := range want {
			from := a.CaretX(a.CursorPosition())
			press(t, w, nil, key, ctrl)
			got := a.CursorPosition()
			if got != i || (a.CaretX(got)-from)*dirOf(key) <= 0 {
				t.Fatalf("Ctrl+%s: caret %d at x %.0f (from %.0f), want %d further that way", key, got, a.CaretX(got), from, i)
			}
		}
		press(t, w, nil, key, ctrl) // at the line's edge it stays
		if got := a.CursorPosition(); got != want[len(want)-1] {
			t.Errorf("Ctrl+%s at the edge moved to %d", key, got)
		}
	}
	press(t, w, nil, fyne.KeyHome, 0)
	walk(fyne.KeyLeft, []int{3, 5, 23, 19, 16, 14, 6})
	// And back: each word's right edge, left to right.
	walk(fyne.KeyRight, []int{14, 15, 18, 22, 27, 4, 0})

	press(t, w, nil, fyne.KeyLeft, ctrlShift)
	press(t, w, nil, fyne.KeyLeft, ctrlShift)
	if a.SelectedText() != "مهم -" {
		t.Errorf("Ctrl+Shift+← twice selected %q, want \"مهم -\"", a.SelectedText())
	}
	press(t, w, nil, fyne.KeyRight, ctrl)
	if a.CursorPosition() != 4 || a.SelectedText() != "" {
		t.Errorf("Ctrl+→: %d, want 4", a.CursorPosition())
	}
	// Alt+→ is the word modifier on macOS only; elsewhere it goes on to
	// the window (Annals' "forward"), as do shortcuts the box does not use.
	var passed []string
	for _, s := range []fyne.Shortcut{
		&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt},
		&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault},
	} {
		w.Canvas().AddShortcut(s, func(s fyne.Shortcut) { passed = append(passed, s.ShortcutName()) })
	}
	press(t, w, nil, fyne.KeyRight, fyne.KeyModifierAlt)
	press(t, w, nil, fyne.KeyL, undoMod)
	if runtime.GOOS == "darwin" {
		if a.CursorPosition() != 0 || len(passed) != 1 {
			t.Errorf("Alt+→ on macOS: caret %d, to the window %v", a.CursorPosition(), passed)
		}
	} else if a.CursorPosition() != 4 || len(passed) != 2 {
		t.Errorf("Alt+→ and Ctrl+L: caret %d (want 4, unmoved), to the window %v (want both)", a.CursorPosition(), passed)
	}
}

func dirOf(k fyne.KeyName) float32 {
	if k == fyne.KeyLeft {
		return -1
	}
	return 1
}

// Words keep their Arabic diacritics and tatweel; a Latin word written
// against an Arabic one is a word of its own; Ctrl+Backspace and
// Ctrl+Delete delete a word each.
func TestEntryWordDeletesArabic(t *testing.T) {
	const line = "كَتَبَ الـكتاب عن OpenAI"
	e, w := typedEntry(t, line)
	press(t, w, nil, fyne.KeyBackspace, ctrl)
	press(t, w, nil, fyne.KeyBackspace, ctrl)
	if e.Text != "كَتَبَ الـكتاب " {
		t.Errorf("Ctrl+Backspace twice gave %q", e.Text)
	}
	press(t, w, nil, fyne.KeyHome, 0)
	press(t, w, nil, fyne.KeyDelete, ctrl)
	if e.Text != " الـكتاب " {
		t.Errorf("Ctrl+Delete at Home gave %q, want the first word gone with its harakat", e.Text)
	}
	press(t, w, nil, fyne.KeyDelete, ctrl)
	if e.Text != " " {
		t.Errorf("Ctrl+Delete gave %q, want the tatweel word gone", e.Text)
	}
	if s, end := wordAround([]rune("مهمStargate"), 1); s != 0 || end != 3 {
		t.Errorf("مهمStargate: the word at 1 is [%d,%d), want [0,3)", s, end)
	}
	if got := wordEnd([]rune("https://example.com"), 5); got != 8 {
		t.Errorf("punctuation stop: %d, want 8", got)
	}
}

// A double click selects the word under it, a third click the line;
// Ctrl+A all.
func TestEntryDoubleAndTripleClick(t *testing.T) {
	e, w := typedEntry(t, mixedLine)
	y := e.Size().Height / 2
	pos := fyne.NewPos((e.CaretX(8)+e.CaretX(9))/2, y) // inside Stargate
	e.DoubleTapped(&fyne.PointEvent{Position: pos})
	wantSelected(t, e, "Stargate", "double click")
	pos = fyne.NewPos((e.CaretX(1)+e.CaretX(2))/2, y) // inside مهم
	e.DoubleTapped(&fyne.PointEvent{Position: pos})
	wantSelected(t, e, "مهم", "double click")
	e.Tapped(&fyne.PointEvent{Position: pos})
	wantSelected(t, e, mixedLine, "triple click")
	e.Tapped(&fyne.PointEvent{Position: pos}) // a later tap is a plain one
	if e.SelectedText() != "" || e.CursorPosition() > 3 {
		t.Errorf("tap after the triple click: selected %q caret %d", e.SelectedText(), e.CursorPosition())
	}
	press(t, w, nil, fyne.KeyA, undoMod)
	wantSelected(t, e, mixedLine, "Ctrl+A")
}

// Shift+Home and Shift+End select to the line's logical start and end.
func TestEntryShiftHomeEnd(t *testing.T) {
	e, w := typedEntry(t, mixedLine)
	e.SetCursorPosition(6) // before Stargate
	press(t, w, nil, fyne.KeyHome, shift)
	wantSelected(t, e, "مهم - ", "Shift+Home")
	e.SetCursorPosition(6)
	press(t, w, nil, fyne.KeyEnd, shift)
	wantSelected(t, e, "Stargate, 21 Jan 2025", "Shift+End")
}

// The note box shares all of it: undo over Enter, word moves by the
// direction of the caret's line, Ctrl+Backspace at a line's start joins
// the lines, a triple click selects the line of text, Shift+End.
func TestNoteEntryUndoWordsAndClicks(t *testing.T) {
	e, w := typedNote(t, "مهم جدا\nStargate plan", 300)
	press(t, w, nil, fyne.KeyZ, undoMod)
	if e.Text != "مهم جدا\nStargate " {
		t.Errorf("undo gave %q", e.Text)
	}
	press(t, w, nil, fyne.KeyZ, undoMod)
	press(t, w, nil, fyne.KeyZ, undoMod)
	if e.Text != "مهم جدا" {
		t.Errorf("three undos gave %q, want the line break gone", e.Text)
	}
	press(t, w, nil, fyne.KeyY, undoMod)
	press(t, w, nil, fyne.KeyY, undoMod)
	press(t, w, nil, fyne.KeyY, undoMod)
	if e.Text != "مهم جدا\nStargate plan" {
		t.Fatalf("three redos gave %q", e.Text)
	}

	// In the Arabic first line Ctrl+← goes on in the text.
	press(t, w, nil, fyne.KeyHome, ctrl)
	press(t, w, nil, fyne.KeyLeft, ctrl)
	if e.CursorPosition() != 3 {
		t.Errorf("Ctrl+← in the Arabic line: %d, want 3", e.CursorPosition())
	}
	press(t, w, nil, fyne.KeyLeft, ctrl)
	press(t, w, nil, fyne.KeyLeft, ctrl) // the line break is a stop
	press(t, w, nil, fyne.KeyRight, ctrl)
	if e.CursorPosition() != 16 {
		t.Errorf("Ctrl+→ in the English line: %d, want 16 (after Stargate)", e.CursorPosition())
	}
	press(t, w, nil, fyne.KeyHome, 0)
	press(t, w, nil, fyne.KeyBackspace, ctrl)
	if e.Text != "مهم جداStargate plan" {
		t.Errorf("Ctrl+Backspace at a line's start gave %q", e.Text)
	}
	press(t, w, nil, fyne.KeyZ, undoMod)

	_ = e.layoutNow()
	p := e.CaretPos(10)
	pos := fyne.NewPos(p.X+2, p.Y+4)
	e.DoubleTapped(&fyne.PointEvent{Position: pos})
	wantSelected(t, e, "Stargate", "double click")
	e.Tapped(&fyne.PointEvent{Position: pos})
	wantSelected(t, e, "Stargate plan", "triple click")
	e.SetCursorPosition(1)
	press(t, w, nil, fyne.KeyEnd, shift)
	wantSelected(t, e, "هم جدا", "Shift+End")
}

// A space typed after an English name at the end of an Arabic line goes
// to the line's end, left of the name: the caret waits there, where the
// next word will appear, not between the name and the Arabic before it.
func TestTrailingSpaceCaretInArabicLine(t *testing.T) {
	e, _ := typedEntry(t, "مهم جدا Stargate ")
	if x, s := e.CaretX(e.CursorPosition()), entryRunX(t, e, "Stargate"); x >= s {
		t.Errorf("caret after the trailing space at %.0f, not left of Stargate at %.0f", x, s)
	}
	test.Type(e, "plan")
	if x, p := e.CaretX(e.CursorPosition()), entryRunX(t, e, "plan"); x <= p {
		t.Errorf("caret after plan at %.0f, not right of its start %.0f", x, p)
	}

	n, _ := typedNote(t, "مهم Stargate ", 300)
	if x, _ := noteRunX(t, n, 0, "Stargate"); n.CaretPos(n.CursorPosition()).X >= x {
		t.Errorf("note: caret after the trailing space at %.0f, not left of Stargate at %.0f", n.CaretPos(n.CursorPosition()).X, x)
	}
}

// wantSelected fails the test when e's selection is not want after what.
func wantSelected(t *testing.T, e interface{ SelectedText() string }, want, what string) {
	t.Helper()
	if got := e.SelectedText(); got != want {
		t.Errorf("%s selected %q, want %q", what, got, want)
	}
}

// An apostrophe inside a word and a point or comma inside a number do not
// split them for word moves, word deletes and double clicks; at a word's
// end they stay stops of their own.
func TestWordsKeepInnerApostrophesAndNumbers(t *testing.T) {
	for _, c := range []struct {
		text       string
		at         int
		start, end int
	}{
		{"don't stop", 1, 0, 5},
		{"O’Brien said", 3, 0, 7},
		{"version 3.5 now", 9, 8, 11},
		{"1,000 words", 0, 0, 5},
		{"٣٫٥ مليار", 0, 0, 3},
		{"the users' data", 5, 4, 9},  // the possessive apostrophe ends the word
		{"said 'yes' twice", 6, 6, 9}, // quotes around a word are not inside it
		{"example.com", 0, 0, 7},      // a point between letters stays a stop
	} {
		rs := []rune(c.text)
		if s, e := wordAround(rs, c.at); s != c.start || e != c.end {
			t.Errorf("%q at %d: word [%d,%d) %q, want [%d,%d) %q", c.text, c.at, s, e, string(rs[s:e]), c.start, c.end, string(rs[c.start:c.end]))
		}
		if got := wordEnd(rs, c.start); got != c.end {
			t.Errorf("%q: Ctrl+→ from %d stops at %d, want %d", c.text, c.start, got, c.end)
		}
		if got := wordStart(rs, c.end); got != c.start {
			t.Errorf("%q: Ctrl+← from %d stops at %d, want %d", c.text, c.end, got, c.start)
		}
	}
}
