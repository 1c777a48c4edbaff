package views

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// pickerGeometry is where a picker draws its text and its arrow, in
// window coordinates.
type pickerGeometry struct {
	labelLeft, labelRight float32 // the label's box
	textLeft, textRight   float32 // the drawn text
	arrowX                float32 // the arrow's left edge
	text                  string  // the pieces of text in reading order, without spaces
}

func measurePicker(t *testing.T, p *Picker) pickerGeometry {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	g := pickerGeometry{textLeft: 1e9, textRight: -1}
	type piece struct {
		x float32
		s string
	}
	var pieces []piece
	var label *widgets.Label
	for _, o := range test.LaidOutObjects(p.Content()) {
		if !o.Visible() {
			continue
		}
		x := d.AbsolutePositionForObject(o).X
		switch o := o.(type) {
		case *widgets.Label:
			label = o
			g.labelLeft, g.labelRight = x, x+o.Size().Width
		case *widget.Icon:
			g.arrowX = x
		}
	}
	if label == nil {
		t.Fatal("the picker has no bidi label")
	}
	// The label draws its runs in a box of its renderer, replaced at each
	// layout; positions add up from the label's.
	for _, box := range test.WidgetRenderer(label).Objects() {
		for _, o := range box.(*fyne.Container).Objects {
			txt, ok := o.(*canvas.Text)
			if !ok || strings.TrimSpace(txt.Text) == "" {
				continue
			}
			x := g.labelLeft + box.Position().X + txt.Position().X
			g.textLeft = min(g.textLeft, x)
			g.textRight = max(g.textRight, x+txt.MinSize().Width)
			pieces = append(pieces, piece{x, txt.Text})
		}
	}
	slices.SortFunc(pieces, func(a, b piece) int { return cmp.Compare(a.x, b.x) })
	if i18n.RTL() {
		slices.Reverse(pieces)
	}
	for _, p := range pieces {
		g.text += strings.TrimSpace(p.s)
	}
	return g
}

// TestTimelinePickersMirrorAndTakeKeys: the Timeline's type and lane
// pickers draw their text from the right with the arrow on the left in the
// Arabic interface (from the left, arrow right, in English); Tab reaches
// them from the search box in reading order; Enter opens the list on the
// option shown, Down and Enter pick another (which filters or regroups),
// and Esc closes the list without a change.
func TestTimelinePickersMirrorAndTakeKeys(t *testing.T) {
	for _, lang := range []string{i18n.English, i18n.Arabic} {
		t.Run(lang, func(t *testing.T) {
			i18n.Setup(lang)
			defer i18n.Setup(i18n.English)
			lib := samplesLibrary(t)
			v, w := openTimeline(t, lib)
			rtl := lang == i18n.Arabic
			c := w.Canvas()
			pad := float32(8) // the label's inner padding, and a pixel or two
			fynedo.Do(func() {
				for _, p := range []*Picker{v.Type, v.Group} {
					g := measurePicker(t, p)
					if g.textRight < 0 {
						t.Fatalf("picker %q draws no text", p.Selected)
					}
					if rtl {
						if g.arrowX > g.textLeft {
							t.Errorf("%q: the arrow (x=%v) is right of the text (x=%v)", p.Selected, g.arrowX, g.textLeft)
						}
						if g.labelRight-g.textRight > pad || g.textLeft-g.labelLeft < pad {
							t.Errorf("%q is not right-aligned: text %v–%v in the label %v–%v", p.Selected, g.textLeft, g.textRight, g.labelLeft, g.labelRight)
						}
					} else {
						if g.arrowX < g.textRight {
							t.Errorf("%q: the arrow (x=%v) is left of the text's end (x=%v)", p.Selected, g.arrowX, g.textRight)
						}
						if g.textLeft-g.labelLeft > pad {
							t.Errorf("%q is not left-aligned: text from %v in the label from %v", p.Selected, g.textLeft, g.labelLeft)
						}
					}
					if g.text != strings.ReplaceAll(p.Selected, " ", "") {
						t.Errorf("picker draws %q, shows %q", g.text, p.Selected)
					}
				}
				d := fyne.CurrentApp().Driver()
				sx, tx, gx := d.AbsolutePositionForObject(v.Search).X, d.AbsolutePositionForObject(v.Type.Content()).X, d.AbsolutePositionForObject(v.Group.Content()).X
				if rtl != (sx > tx && tx > gx) {
					t.Errorf("search, type, lanes at x = %v, %v, %v (Arabic: %v)", sx, tx, gx, rtl)
				}
				// Tab goes search → type → lanes in both languages.
				c.Focus(v.Search)
				test.FocusNext(c)
				if c.Focused() != v.Type.button {
					t.Fatalf("Tab from the search box focuses %T, not the type picker", c.Focused())
				}
				test.FocusNext(c)
				if c.Focused() != v.Group.button {
					t.Fatalf("Tab from the type picker focuses %T, not the lane picker", c.Focused())
				}
				// Enter opens the list on the option shown.
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				if c.Overlays().Top() == nil {
					t.Fatal("Enter on the lane picker opens no list")
				}
				if b, ok := c.Focused().(*pickerButton); !ok || b == v.Group.button {
					t.Fatalf("the open list does not take the keyboard (focused %T)", c.Focused())
				}
				// Down, Enter: lanes by type.
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				if c.Overlays().Top() != nil {
					t.Error("the list stays open after Enter picked")
				}
				if v.Group.Selected != i18n.T(GroupType) {
					t.Errorf("Down, Enter picked %q, want %q", v.Group.Selected, i18n.T(GroupType))
				}
				lanes := map[string]bool{}
				for _, e := range v.Widget.Events() {
					lanes[e.Lane] = true
				}
				for l := range lanes {
					if l != "" && !slicesContains(eventTypeNames(v), l) {
						t.Errorf("lane %q is not an event type (picked %q)", l, v.Group.Selected)
					}
				}
				if len(lanes) < 2 {
					t.Errorf("lanes by type: %v", lanes)
				}
				if c.Focused() != v.Group.button {
					t.Errorf("after picking, the keyboard is on %T, not back on the picker", c.Focused())
				}
				// Enter, Down, Esc: closed, nothing changed.
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
				if c.Overlays().Top() == nil {
					t.Fatal("Enter (keypad) opens no list")
				}
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
				if c.Overlays().Top() != nil {
					t.Error("Esc leaves the list open")
				}
				if v.Group.Selected != i18n.T(GroupType) {
					t.Errorf("Esc changed the lanes to %q", v.Group.Selected)
				}
			})
			// The type picker by keys: the first type after "All types"
			// filters the events to it.
			loaded := make(chan bool, 8)
			fynedo.Do(func() {
				v.OnLoaded = func() { loaded <- true }
				c.Focus(v.Type.button)
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				if v.Type.Selected != i18n.T(eventTypes[0]) {
					t.Errorf("type picked %q, want %q", v.Type.Selected, i18n.T(eventTypes[0]))
				}
			})
			wait(t, loaded, "the timeline of one type")
			fynedo.Do(func() {
				if len(v.events) == 0 {
					t.Errorf("no %s events in the samples", eventTypes[0])
				}
				for _, ev := range v.events {
					if ev.Type != eventTypes[0] {
						t.Errorf("filtered to %s, %q is %s", eventTypes[0], ev.Title, ev.Type)
					}
				}
			})
		})
	}
}

// eventTypeNames are the event types as the timeline names its lanes.
func eventTypeNames(v *Timeline) []string {
	var out []string
	for _, t := range eventTypes {
		out = append(out, v.Widget.Locale.TypeName(t))
	}
	return out
}
