package widgets

import (
	"image"
	"strings"
	"testing"

	"annals/gui/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// exportMessage is the Arabic interface's message after an export to a
// folder with Arabic names, the path inserted as the app inserts it.
func exportMessage() string {
	return i18n.TIn(i18n.Arabic, "%d articles written to %s.", 3, i18n.IsolatePath("/tmp/bidi/تصدير/مقالات Annals"))
}

// drawnRuns lists a line's run texts left to right, leaving out the runs of
// the (undrawn) explicit formatting characters.
func drawnRuns(ln Line) []string {
	var out []string
	for _, r := range ln.Runs {
		if r.Text != "" {
			out = append(out, r.Text)
		}
	}
	return out
}

func TestLayoutIsolatedPathInArabicSentence(t *testing.T) {
	p := Prepare(plain(exportMessage()), DirAuto, fixedMeasure)
	if !p.RTL() {
		t.Fatal("the Arabic message is not right to left")
	}
	lines := p.Layout(2000)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	// Left to right: the full stop at the sentence's end (left), the path
	// with its folders in order from the left (an Arabic folder name
	// reading right to left inside itself), then the sentence's words
	// from the right.
	want := []string{".", "/tmp/bidi/", "تصدير", "/", "Annals", "مقالات", "في", "مقالة", "3", "كُتبت"}
	if got := drawnRuns(lines[0]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("display order\n got %q\nwant %q", got, want)
	}
	for _, r := range lines[0].Runs {
		if r.Text == "" && r.Width != 0 {
			t.Errorf("the control at %d is %v wide", r.Start, r.Width)
		}
		if strings.ContainsAny(r.Text, "\u2066\u2067\u2068\u2069") {
			t.Errorf("run %q holds an isolate control", r.Text)
		}
	}

	// Without isolation (the left-to-right mark the messages used before)
	// the two Arabic folder names swap places and the sentence's full
	// stop lands inside the path's end.
	old := Prepare(plain(i18n.TIn(i18n.Arabic, "%d articles written to %s.", 3, "\u200e/tmp/bidi/تصدير/مقالات Annals")), DirAuto, fixedMeasure)
	if got := strings.Join(drawnRuns(old.Layout(2000)[0]), "|"); strings.Contains(got, "تصدير|/|Annals|مقالات") {
		t.Errorf("the unisolated path also reads in order (%q): the test shows nothing", got)
	}
}

// An override (RLO … PDF) draws Latin letters right to left: the layout
// reverses them, as the text engine would draw them as typed.
func TestLayoutOverrideReversesLatin(t *testing.T) {
	p := Prepare(plain("a \u202edef\u202c b"), DirLTR, fixedMeasure)
	if got := strings.Join(drawnRuns(p.Layout(1000)[0]), "|"); got != "a|fed|b" {
		t.Errorf("display order %q, want a|fed|b", got)
	}
}

// An English name embedded in an Arabic sentence with RLE … PDF, as word
// processors export it, and an Arabic name isolated in an English one.
func TestLayoutEmbeddingsAndIsolates(t *testing.T) {
	tests := []struct {
		name, text string
		dir        Direction
		want       string
	}{
		{"embedded English keeps its order", "قال \u202aNew York Times\u202c اليوم", DirRTL,
			"اليوم|New|York|Times|قال"},
		{"an isolated Arabic name keeps the number after it in place", "Saved \u2068تقرير\u2069 2 times", DirLTR,
			"Saved|تقرير|2|times"},
		{"without the isolate the number joins the Arabic", "Saved تقرير 2 times", DirLTR,
			"Saved|2|تقرير|times"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Prepare(plain(tc.text), tc.dir, fixedMeasure)
			if got := strings.Join(drawnRuns(p.Layout(1000)[0]), "|"); got != tc.want {
				t.Errorf("display order %q, want %q", got, tc.want)
			}
		})
	}
}

// The label draws the export message through real Fyne objects: the
// path's folders left to right, the sentence's words right to left, and
// no text holding a control character.
func TestLabelIsolatedPath(t *testing.T) {
	newTestApp(t)
	l := NewLabel(exportMessage())
	w := test.NewWindow(l)
	defer w.Close()
	w.Resize(fyne.NewSize(900, 100))
	ts := labelTexts(t, l)
	x := func(sub string) float32 {
		t.Helper()
		for _, tx := range ts {
			if strings.Contains(tx.Text, sub) {
				return tx.Position().X
			}
		}
		t.Fatalf("no text holds %q in %q", sub, joined(ts))
		return 0
	}
	for _, tx := range ts {
		if strings.ContainsAny(tx.Text, "\u2066\u2067\u2068\u2069") {
			t.Errorf("text %q holds an isolate control", tx.Text)
		}
	}
	order := []string{".", "tmp", "تصدير", "Annals", "مقالات", "في", "كُتبت"}
	for i := 1; i < len(order); i++ {
		if a, b := x(order[i-1]), x(order[i]); a >= b {
			t.Errorf("%q (x=%v) is not left of %q (x=%v); texts %q", order[i-1], a, order[i], b, joined(ts))
		}
	}
}

// The controls draw nothing: a label with them looks exactly like one
// without them (no missing-glyph box, no extra space).
func TestLabelDrawsNothingForControls(t *testing.T) {
	newTestApp(t)
	capture := func(text string) image.Image {
		l := NewLabel(text)
		w := test.NewWindow(l)
		defer w.Close()
		w.Resize(fyne.NewSize(200, 40))
		for _, tx := range labelTexts(t, l) {
			if strings.ContainsAny(tx.Text, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
				t.Errorf("%+q: text %+q holds a control", text, tx.Text)
			}
		}
		return w.Canvas().Capture()
	}
	plainImg := capture("ab")
	for _, text := range []string{"\u2068\u2069ab", "ab\u2066\u2069", "\u202aab\u202c", "\u2067ab\u2069"} {
		if !sameImage(plainImg, capture(text)) {
			t.Errorf("%+q is not drawn as \"ab\"", text)
		}
	}
	if sameImage(plainImg, capture("ab\u00a4")) {
		t.Error("the comparison sees no difference for a drawn character")
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// Letters inside an isolate do not give a paragraph a direction (P2): the
// reader asks HasStrong whether an English paragraph has Arabic letters.
func TestHasStrongSkipsIsolates(t *testing.T) {
	tests := []struct {
		text string
		rtl  bool
		want bool
	}{
		{"The report نجاح was cited", true, true},
		{"The report \u2068نجاح نماذج\u2069 was cited", true, false},
		{"The report \u2067نجاح\u2069 cited \u2066x\u2069", true, false},
		{"\u2068نجاح\u2069 then بكين", true, true},
		{"an unclosed \u2068نجاح", true, false},
		{"a stray PDI\u2069 then نجاح", true, true},
		{"\u2066abc\u2069 نجاح", false, false},
		{"\u2066abc\u2069 نجاح d", false, true},
		{"embedded \u202bنجاح\u202c counts", true, true}, // only isolates are skipped
	}
	for _, tc := range tests {
		if got := HasStrong(tc.text, tc.rtl); got != tc.want {
			t.Errorf("HasStrong(%+q, %v) = %v, want %v", tc.text, tc.rtl, got, tc.want)
		}
	}
}
