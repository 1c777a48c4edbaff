package widgets

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

const mixedLine = "مهم - Stargate, 21 Jan 2025"

// typedEntry is an entry in a test window with text typed into it, as a
// user would (rune by rune, focused).
func typedEntry(t *testing.T, text string) (*Entry, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	e := NewEntry()
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(420, 60))
	w.Canvas().Focus(e)
	test.Type(e, text)
	return e, w
}

// runX is where the drawn run holding text starts, relative to the entry.
func entryRunX(t *testing.T, e *Entry, text string) float32 {
	t.Helper()
	tl := e.layoutText()
	for _, r := range tl.line.Runs {
		if strings.Contains(r.Text, text) {
			return e.textX(tl) + tl.dx + r.X
		}
	}
	t.Fatalf("no run holds %q; runs %+v", text, tl.line.Runs)
	return 0
}

// A line whose first strong letter is Arabic is drawn right to left and
// right-aligned, with the Latin name and the date in their own order:
// on screen, from the left, "Stargate, 21 Jan 2025 - مهم".
func TestEntryDrawsMixedLineInVisualOrder(t *testing.T) {
	e, _ := typedEntry(t, mixedLine)
	if e.Text != mixedLine {
		t.Fatalf("text %q", e.Text)
	}
	order := []string{"Stargate", "21", "Jan", "2025", "-", "مهم"}
	for i := 1; i < len(order); i++ {
		if a, b := entryRunX(t, e, order[i-1]), entryRunX(t, e, order[i]); a >= b {
			t.Errorf("%q at %.0f is not left of %q at %.0f", order[i-1], a, order[i], b)
		}
	}
	tl := e.layoutText()
	last := tl.line.Runs[len(tl.line.Runs)-1]
	right := e.textX(tl) + tl.dx + last.X + last.Width
	if want := e.Size().Width - e.pad(); right < want-1 || right > want+1 {
		t.Errorf("text ends at %.0f, want right-aligned at %.0f", right, want)
	}

	// An English line stays left to right, on the left.
	en, _ := typedEntry(t, "Stargate - مهم")
	if a, b := entryRunX(t, en, "Stargate"), entryRunX(t, en, "مهم"); a >= b || a > en.pad()+1 {
		t.Errorf("English line: Stargate at %.0f, مهم at %.0f", a, b)
	}
}

// The caret stays on the characters it belongs to: after typing it is at
// the logical end (right after "2025", drawn in the middle of the box);
// Home puts it right of "مهم", End back after "2025".
func TestEntryCaretAfterTypingHomeEnd(t *testing.T) {
	e, _ := typedEntry(t, mixedLine)
	n := len([]rune(mixedLine))
	if e.CursorPosition() != n {
		t.Fatalf("caret at %d after typing, want %d", e.CursorPosition(), n)
	}
	tl := e.layoutText()
	var year, word Run
	for _, r := range tl.line.Runs {
		switch r.Text {
		case "2025":
			year = r
		case "مهم":
			word = r
		}
	}
	base := e.textX(tl) + tl.dx
	if got, want := e.CaretX(n), base+year.X+year.Width; abs32(got-want) > 1 {
		t.Errorf("caret at the end drawn at %.1f, want right after 2025 at %.1f", got, want)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if e.CursorPosition() != 0 {
		t.Errorf("Home: caret %d", e.CursorPosition())
	}
	if got, want := e.CaretX(0), base+word.X+word.Width; abs32(got-want) > 1 {
		t.Errorf("caret at the start drawn at %.1f, want right of مهم at %.1f", got, want)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if e.CursorPosition() != n {
		t.Errorf("End: caret %d", e.CursorPosition())
	}
	// Typing goes where the caret is: after مهم.
	e.SetCursorPosition(3)
	test.Type(e, "ة")
	if e.Text != "مهمة - Stargate, 21 Jan 2025" || e.CursorPosition() != 4 {
		t.Errorf("typed in the middle: %q, caret %d", e.Text, e.CursorPosition())
	}
}

// The arrow keys move the caret visually: ← from the right end walks
// left one drawn position at a time to the left end, through the Arabic
// and the Latin text, and → walks back.
func TestEntryArrowsMoveVisually(t *testing.T) {
	e, _ := typedEntry(t, mixedLine)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	tl := e.layoutText()
	minX, maxX := float32(1e9), float32(-1e9)
	for i := range tl.carets {
		minX, maxX = min(minX, e.CaretX(i)), max(maxX, e.CaretX(i))
	}
	if x := e.CaretX(e.CursorPosition()); abs32(x-maxX) > 0.5 {
		t.Fatalf("Home caret at %.1f, want the right end %.1f", x, maxX)
	}
	visited := map[int]bool{e.CursorPosition(): true}
	x := maxX
	for step := 0; step < 100; step++ {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		nx := e.CaretX(e.CursorPosition())
		if nx >= x {
			break
		}
		x = nx
		visited[e.CursorPosition()] = true
	}
	if abs32(x-minX) > 0.5 {
		t.Errorf("← stopped at %.1f, want the left end %.1f", x, minX)
	}
	if n := len([]rune(mixedLine)); len(visited) < n-3 {
		t.Errorf("← visited %d of %d caret positions", len(visited), n+1)
	}
	// "Stargate" is on the far left: walking left passed through it in
	// reverse order, so the caret is now before its S.
	if rs := []rune(mixedLine); e.CursorPosition() >= len(rs) || rs[e.CursorPosition()] != 'S' {
		t.Errorf("at the left end the caret is at %d, not before the S of Stargate", e.CursorPosition())
	}
	for step := 0; step < 100; step++ {
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	if x := e.CaretX(e.CursorPosition()); abs32(x-maxX) > 0.5 {
		t.Errorf("→ ended at %.1f, want the right end %.1f", x, maxX)
	}
}

// Shift with the arrows selects; typing replaces the selection; Backspace
// and Delete remove one character; the selection is drawn over the
// characters it holds.
func TestEntrySelectionAndEditing(t *testing.T) {
	e, _ := typedEntry(t, mixedLine)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for i := 0; i < 3; i++ { // ← in Arabic goes forward in the text
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if got := e.SelectedText(); got != "مهم" {
		t.Fatalf("Shift+←×3 from Home selected %q, want مهم", got)
	}
	if a, b := e.para.Selection(); a != 0 || b != 3 {
		t.Errorf("the drawn selection is [%d,%d), want [0,3)", a, b)
	}
	test.Type(e, "عاجل")
	if e.Text != "عاجل - Stargate, 21 Jan 2025" {
		t.Errorf("typing over the selection gave %q", e.Text)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "عاج - Stargate, 21 Jan 2025" || e.CursorPosition() != 3 {
		t.Errorf("Backspace gave %q, caret %d", e.Text, e.CursorPosition())
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if e.Text != "عاج- Stargate, 21 Jan 2025" {
		t.Errorf("Delete gave %q", e.Text)
	}
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if e.SelectedText() != e.Text {
		t.Errorf("select all selected %q", e.SelectedText())
	}
	cb := test.NewClipboard()
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: cb})
	if e.Text != "" || cb.Content() != "عاج- Stargate, 21 Jan 2025" {
		t.Errorf("cut left %q, clipboard %q", e.Text, cb.Content())
	}
	cb.SetContent("https://example.com/a\n")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if e.Text != "https://example.com/a" {
		t.Errorf("paste gave %q", e.Text)
	}
}

// A tap puts the caret at the drawn position nearest to it.
func TestEntryTapPlacesTheCaret(t *testing.T) {
	e, _ := typedEntry(t, mixedLine)
	want := len([]rune("مهم - Star"))
	x := e.CaretX(want)
	test.TapAt(e, fyne.NewPos(x+0.4, e.Size().Height/2))
	if e.CursorPosition() != want {
		t.Errorf("tap at %.1f put the caret at %d, want %d", x, e.CursorPosition(), want)
	}
}

// The form learns when the text becomes valid or invalid; Enter submits.
func TestEntryValidationAndSubmit(t *testing.T) {
	e, _ := typedEntry(t, "")
	var states []bool
	e.Validator = func(s string) error {
		if !strings.HasPrefix(s, "https://") {
			return errors.New("not a link")
		}
		return nil
	}
	e.SetOnValidationChanged(func(err error) { states = append(states, err == nil) })
	if e.Validate() == nil {
		t.Error("empty text is valid")
	}
	test.Type(e, "https://e.test/")
	if len(states) == 0 || !states[len(states)-1] {
		t.Errorf("validation changes %v, want it to end valid", states)
	}
	var submitted string
	e.OnSubmitted = func(s string) { submitted = s }
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if submitted != "https://e.test/" {
		t.Errorf("submitted %q", submitted)
	}
}

// Text wider than the box scrolls to keep the caret inside it.
func TestEntryKeepsTheCaretInView(t *testing.T) {
	long := "https://www.majalla.com/node/324089/business-economy/" + strings.Repeat("long-path-", 12)
	e, _ := typedEntry(t, long)
	in := func() bool {
		x := e.CaretX(e.CursorPosition())
		return x >= 0 && x <= e.Size().Width
	}
	if !in() {
		t.Errorf("caret at the end drawn at %.0f, outside the box of %.0f", e.CaretX(e.CursorPosition()), e.Size().Width)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if !in() {
		t.Errorf("caret at the start drawn at %.0f, outside the box", e.CaretX(0))
	}
}

// Dragging the pointer across "Stargate" selects it; the drag reaches the
// entry in the window (the container clipping the text took it before).
func TestEntryDragSelects(t *testing.T) {
	e, w := typedEntry(t, mixedLine)
	start := len([]rune("مهم - "))
	end := start + len("Stargate")
	x0, x1 := e.CaretX(start), e.CaretX(end)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	y := e.Size().Height / 2
	// Fyne's test.Drag finds the draggable under the pointer, as the
	// window does; it sends one event at the start position.
	test.Drag(w.Canvas(), fyne.NewPos(pos.X+x1, pos.Y+y), x0-x1, 0)
	if a, b := e.Selection(); a == b {
		t.Fatal("a drag in the window did not reach the entry")
	}
	// The window's events: the pointer's position and the move since the
	// last event.
	var area fyne.Draggable
	for _, o := range test.WidgetRenderer(e).Objects() {
		if d, ok := o.(fyne.Draggable); ok {
			area = d
		}
	}
	area.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x0+5, y)}, Dragged: fyne.Delta{DX: 5}})
	area.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x1, y)}, Dragged: fyne.Delta{DX: x1 - x0 - 5}})
	area.DragEnd()
	if got := e.SelectedText(); got != "Stargate" {
		t.Errorf("dragging from %.0f to %.0f selected %q, want Stargate", x0, x1, got)
	}
}
