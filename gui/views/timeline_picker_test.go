package views

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pickerGeometry is where a picker draws its text and its arrow, in
// window coordinates.
type pickerGeometry struct {
	labelLeft, labelRight float32 // the label's box
	textLeft, textRight   float32 // the drawn text
	arrowX                float32 // the arrow's left edge
	text                  string  // the text as seen left to right, without spaces
}

func measurePicker(t *testing.T, p *Picker) pickerGeometry {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	var g pickerGeometry
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
	g.textLeft, g.textRight, g.text = drawnText(label, g.labelLeft)
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
					want := strings.ReplaceAll(p.Selected, " ", "")
					if rtl { // Arabic words only: seen from the last
						want = reversedWords(p.Selected)
					}
					if g.text != want {
						t.Errorf("picker draws %q left to right, want %q (%q)", g.text, want, p.Selected)
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

// drawnText is where label (at x = left in the window) draws its text,
// and the pieces of text as seen, left to right, without spaces.
func drawnText(label *widgets.Label, left float32) (from, to float32, seen string) {
	type piece struct {
		x float32
		s string
	}
	var pieces []piece
	from, to = 1e9, -1
	// The label draws its runs in a box of its renderer, replaced at each
	// layout; positions add up from the label's.
	for _, box := range test.WidgetRenderer(label).Objects() {
		for _, o := range box.(*fyne.Container).Objects {
			txt, ok := o.(*canvas.Text)
			if !ok || strings.TrimSpace(txt.Text) == "" {
				continue
			}
			x := left + box.Position().X + txt.Position().X
			from = min(from, x)
			to = max(to, x+txt.MinSize().Width)
			pieces = append(pieces, piece{x, txt.Text})
		}
	}
	slices.SortFunc(pieces, func(a, b piece) int { return cmp.Compare(a.x, b.x) })
	for _, p := range pieces {
		// one text holds a stretch of words of one level (widgets'
		// paragraph_stretch.go): Arabic ones are seen from the last word
		if r := []rune(p.s); unicode.Is(unicode.Arabic, r[0]) {
			seen += reversedWords(p.s)
			continue
		}
		seen += strings.ReplaceAll(p.s, " ", "")
	}
	return from, to, seen
}

// reversedWords is how a right-to-left line of words without Latin
// letters or brackets is seen, left to right: the last word first.
func reversedWords(s string) string {
	w := strings.Fields(s)
	slices.Reverse(w)
	return strings.Join(w, "")
}

// TestTimelineExportListReadsInOrder: the Export button lists the formats
// through the bidi label (Fyne's menu drew «صورة (PNG)…» from the left, in
// typing order), right-aligned in Arabic; Down and Enter choose one.
func TestTimelineExportListReadsInOrder(t *testing.T) {
	for _, lang := range []string{i18n.English, i18n.Arabic} {
		t.Run(lang, func(t *testing.T) {
			i18n.Setup(lang)
			defer i18n.Setup(i18n.English)
			v, w := openTimeline(t, samplesLibrary(t))
			c := w.Canvas()
			fynedo.Do(func() {
				var exported []string
				v.OnExport = func(format string) { exported = append(exported, format) }
				var export *widget.Button
				for _, o := range test.LaidOutObjects(v.Content()) {
					if b, ok := o.(*widget.Button); ok && b.Text == i18n.T("Export") {
						export = b
					}
				}
				if export == nil {
					t.Fatal("no Export button")
				}
				test.Tap(export)
				top := c.Overlays().Top()
				if top == nil {
					t.Fatal("Export lists nothing")
				}
				d := fyne.CurrentApp().Driver()
				var labels []*widgets.Label
				for _, o := range test.LaidOutObjects(top) {
					if l, ok := o.(*widgets.Label); ok {
						labels = append(labels, l)
					}
				}
				want := []string{i18n.T("Image (PNG)…"), i18n.T("Spreadsheet (CSV)…"), i18n.T("TimelineJS (JSON)…")}
				// As seen left to right: in Arabic the line starts at the
				// right with the Arabic word, the Latin part reads left to
				// right with its brackets, and the ellipsis ends it at the
				// left (Fyne's menu drew these in typing order).
				seen := []string{"Image(PNG)…", "Spreadsheet(CSV)…", "TimelineJS(JSON)…"}
				if lang == i18n.Arabic {
					seen = []string{"…(PNG)صورة", "…(CSV)جدول", "…TimelineJS(JSON)"}
				}
				if len(labels) != len(want) {
					t.Fatalf("the list has %d labels, want %d", len(labels), len(want))
				}
				for i, l := range labels {
					left := d.AbsolutePositionForObject(l).X
					from, to, text := drawnText(l, left)
					if l.Text != want[i] || text != seen[i] {
						t.Errorf("entry %d is %q seen as %q, want %q", i, l.Text, text, seen[i])
					}
					if i18n.RTL() && left+l.Size().Width-to > theme.InnerPadding()+2 {
						t.Errorf("%q is not right-aligned: text %v–%v in %v–%v", l.Text, from, to, left, left+l.Size().Width)
					}
				}
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				if c.Overlays().Top() != nil || len(exported) != 1 || exported[0] != "csv" {
					t.Errorf("Down, Enter exported %v (list open: %v), want [csv]", exported, c.Overlays().Top() != nil)
				}
			})
		})
	}
}
