package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// typedNote is a note entry in a test window with keys typed into it as a
// user would: runes through test.Type, "\n" as the Enter key.
func typedNote(t *testing.T, text string, width float32) (*NoteEntry, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	e := NewNoteEntry()
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(width, 200))
	w.Canvas().Focus(e)
	for i, part := range strings.Split(text, "\n") {
		if i > 0 {
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
		test.Type(e, part)
	}
	return e, w
}

// noteRunX is where the run holding text starts on drawn line k, relative
// to the entry.
func noteRunX(t *testing.T, e *NoteEntry, k int, text string) (float32, Run) {
	t.Helper()
	nl := e.layoutNow()
	if k >= len(nl.lines) {
		t.Fatalf("no drawn line %d; %d lines", k, len(nl.lines))
	}
	for _, r := range nl.lines[k].line.Runs {
		if strings.Contains(r.Text, text) {
			return e.pad() + r.X, r
		}
	}
	t.Fatalf("line %d: no run holds %q; runs %+v", k, text, nl.lines[k].line.Runs)
	return 0, Run{}
}

// The mixed Arabic line, Enter, then an English line: two drawn lines, the
// first right to left and right-aligned with the Latin name and date in
// their order ("Stargate, 21 Jan 2025 - مهم" from the left), the second
// left to right on the left; Text keeps the line break.
func TestNoteEntryTwoLinesEachInItsDirection(t *testing.T) {
	e, _ := typedNote(t, mixedLine+"\nsecond line", 420)
	if want := mixedLine + "\nsecond line"; e.Text != want {
		t.Fatalf("text %q, want %q", e.Text, want)
	}
	nl := e.layoutNow()
	if len(nl.lines) != 2 {
		t.Fatalf("%d drawn lines, want 2", len(nl.lines))
	}
	if !nl.lines[0].rtl || nl.lines[1].rtl {
		t.Errorf("directions: first rtl=%v, second rtl=%v", nl.lines[0].rtl, nl.lines[1].rtl)
	}
	if nl.lines[1].y <= nl.lines[0].y {
		t.Errorf("second line at y %.0f is not below the first at %.0f", nl.lines[1].y, nl.lines[0].y)
	}
	order := []string{"Stargate", "21", "Jan", "2025", "-", "مهم"}
	for i := 1; i < len(order); i++ {
		a, _ := noteRunX(t, e, 0, order[i-1])
		b, _ := noteRunX(t, e, 0, order[i])
		if a >= b {
			t.Errorf("%q at %.0f is not left of %q at %.0f", order[i-1], a, order[i], b)
		}
	}
	x, r := noteRunX(t, e, 0, "مهم")
	if right, want := x+r.Width, e.Size().Width-e.pad(); abs32(right-want) > 1 {
		t.Errorf("first line ends at %.0f, want right-aligned at %.0f", right, want)
	}
	if x, _ := noteRunX(t, e, 1, "second"); abs32(x-e.pad()) > 1 {
		t.Errorf("second line starts at %.0f, want left-aligned at %.0f", x, e.pad())
	}
	// The caret at the end of the Arabic line sits right after "2025",
	// in the middle of the drawn line, not at its left end.
	yx, year := noteRunX(t, e, 0, "2025")
	if got, want := e.CaretPos(len([]rune(mixedLine))).X, yx+year.Width; abs32(got-want) > 1 {
		t.Errorf("caret at the end of line 1 drawn at %.1f, want right after 2025 at %.1f", got, want)
	}
	// Set from outside, the same text comes back unchanged.
	e.SetText("")
	e.SetText(mixedLine + "\nsecond line")
	if got := len(e.layoutNow().lines); got != 2 || e.Text != mixedLine+"\nsecond line" {
		t.Errorf("SetText: %q, %d lines", e.Text, got)
	}
}

// ↑ and ↓ move between the drawn lines: from the end of "second line" up
// onto the Arabic line, at about the same x, and back down.
func TestNoteEntryUpDownBetweenLines(t *testing.T) {
	e, _ := typedNote(t, mixedLine+"\nsecond line", 420)
	n0 := len([]rune(mixedLine))
	end := len([]rune(e.Text))
	if e.CursorPosition() != end {
		t.Fatalf("caret at %d after typing, want %d", e.CursorPosition(), end)
	}
	x := e.CaretPos(end).X
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	up := e.CursorPosition()
	if up > n0 {
		t.Fatalf("↑: caret at %d, want on the first line (≤ %d)", up, n0)
	}
	p := e.CaretPos(up)
	if p.Y >= e.CaretPos(end).Y {
		t.Errorf("↑: caret drawn at y %.0f, not above %.0f", p.Y, e.CaretPos(end).Y)
	}
	// "second line" ends left of where the right-aligned Arabic line
	// starts, so the nearest place is that line's left end: before
	// "Stargate" (offset 6), not the logical end after "2025".
	if want := len([]rune("مهم - ")); up != want || p.X <= x {
		t.Errorf("↑: caret at %d (x %.0f), want %d, the left end of the line right of %.0f", up, p.X, want, x)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if e.CursorPosition() != end {
		t.Errorf("↓: caret at %d, want back at %d", e.CursorPosition(), end)
	}
	// Home on the Arabic line is its logical start, drawn at the right.
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if e.CursorPosition() != 0 {
		t.Errorf("Home on line 1: caret %d", e.CursorPosition())
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if e.CursorPosition() != n0 {
		t.Errorf("End on line 1: caret %d, want %d", e.CursorPosition(), n0)
	}
}

// On a right-to-left line the carets go leftwards as the offset grows,
// however the letters join: a tap left of "سطر رابع" puts the caret at its
// end (after ع), so Backspace takes the ع, not the ب before it.
func TestNoteEntryArabicCaretsMonotonic(t *testing.T) {
	e, _ := typedNote(t, "first\nسطر رابع", 420)
	nl := e.layoutNow()
	l := nl.lines[1]
	for j := 1; j < len(l.carets); j++ {
		if l.carets[j] >= l.carets[j-1] {
			t.Errorf("caret %d at %.1f is not left of caret %d at %.1f", l.first+j, l.carets[j], l.first+j-1, l.carets[j-1])
		}
	}
	test.TapAt(e, fyne.NewPos(e.pad()+4, e.CaretPos(l.first).Y+nl.lineHeight/2))
	if want := len([]rune(e.Text)); e.CursorPosition() != want {
		t.Fatalf("tap left of the Arabic line: caret %d, want its end %d", e.CursorPosition(), want)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "first\nسطر راب" {
		t.Errorf("Backspace at the end: %q", e.Text)
	}
}

// Backspace at the start of the second line joins it to the first.
func TestNoteEntryBackspaceJoinsLines(t *testing.T) {
	e, _ := typedNote(t, "first\nsecond", 420)
	e.SetCursorPosition(len("first\n"))
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "firstsecond" {
		t.Fatalf("after Backspace: %q", e.Text)
	}
	if n := len(e.layoutNow().lines); n != 1 {
		t.Errorf("%d drawn lines after joining, want 1", n)
	}
	if e.CursorPosition() != len("first") {
		t.Errorf("caret at %d, want %d", e.CursorPosition(), len("first"))
	}
}

// A long line wraps at the box's width (the paragraph's own breaking), and
// ↓ walks the wrapped lines before the next paragraph; the box keeps its
// height and scrolls the caret into view.
func TestNoteEntryWrapsAndScrolls(t *testing.T) {
	long := strings.Repeat("مهم جدا Stargate ", 12)
	e, w := typedNote(t, long+"\nend", 300)
	nl := e.layoutNow()
	if len(nl.lines) < 4 {
		t.Fatalf("%d drawn lines for a long line at 300 wide, want it wrapped", len(nl.lines))
	}
	for k, l := range nl.lines[:len(nl.lines)-1] {
		for _, r := range l.line.Runs {
			if r.X < -0.5 || r.X+r.Width > nl.width+0.5 {
				t.Errorf("line %d: run %q at %.0f..%.0f outside 0..%.0f", k, r.Text, r.X, r.X+r.Width, nl.width)
			}
		}
	}
	if h := e.Size().Height; h > e.MinSize().Height+1 && w.Canvas().Size().Height < h {
		t.Errorf("height %.0f", h)
	}
	// The caret is on the last line, scrolled into view.
	if p := e.CaretPos(e.CursorPosition()); p.Y < 0 || p.Y+nl.lineHeight > e.Size().Height {
		t.Errorf("caret drawn at y %.0f, outside the box of %.0f", p.Y, e.Size().Height)
	}
	e.SetCursorPosition(0)
	seen := map[int]bool{}
	for i := 0; i < len(nl.lines)-1; i++ {
		seen[nl.lineOf(e.CursorPosition())] = true
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	if len(seen) != len(nl.lines)-1 {
		t.Errorf("↓ visited %d of the %d wrapped lines", len(seen), len(nl.lines)-1)
	}
	if p := e.CaretPos(e.CursorPosition()); p.Y < 0 || p.Y+nl.lineHeight > e.Size().Height+1 {
		t.Errorf("after ↓: caret drawn at y %.0f, outside the box of %.0f", p.Y, e.Size().Height)
	}
}

// Validator and OnChanged work as on the one-line entry; an empty box
// shows its placeholder.
func TestNoteEntryValidatorOnChanged(t *testing.T) {
	test.NewTempApp(t)
	e := NewNoteEntry()
	e.SetPlaceHolder("A note (optional)")
	var changes []string
	e.OnChanged = func(s string) { changes = append(changes, s) }
	e.Validator = func(s string) error {
		if len([]rune(s)) > 3 {
			return errTooLong
		}
		return nil
	}
	var seen error
	e.SetOnValidationChanged(func(err error) { seen = err })
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(300, 200))
	w.Canvas().Focus(e)
	test.Type(e, "abcd")
	if len(changes) != 4 || changes[3] != "abcd" {
		t.Errorf("OnChanged: %q", changes)
	}
	if seen == nil || e.Validate() == nil {
		t.Errorf("validator not run: %v", seen)
	}
}

var errTooLong = &noteErr{"too long"}

type noteErr struct{ s string }

func (e *noteErr) Error() string { return e.s }

// The one-line entry's carets are in order on shaped Arabic too: the
// caret after ع is left of the caret before it.
func TestEntryArabicCaretsMonotonic(t *testing.T) {
	e, _ := typedEntry(t, "سطر رابع")
	for i := 1; i <= len([]rune(e.Text)); i++ {
		if e.CaretX(i) >= e.CaretX(i-1) {
			t.Errorf("caret %d at %.1f is not left of caret %d at %.1f", i, e.CaretX(i), i-1, e.CaretX(i-1))
		}
	}
}
