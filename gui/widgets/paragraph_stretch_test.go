package widgets

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// nonSpace counts the characters of s that are not spaces.
func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// The reader's first screen of the Arabic seed is drawn with a fraction of
// the texts it took with one per word, and still draws every character
// once.
func TestSeedFirstScreenDrawsFewTexts(t *testing.T) {
	newAnnalsApp(t)
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "samples", "majalla-china-ai.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const width, height = 760, 780
	box := container.NewVBox()
	var paras []*Paragraph
	total := float32(0)
	for _, s := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		p := NewParagraph([]Span{{Text: s}}, DirAuto)
		paras = append(paras, p)
		box.Add(p)
		if total += p.HeightForWidth(width); total >= height {
			break
		}
	}
	w := test.NewTempWindow(t, box)
	w.Resize(fyne.NewSize(width, total))
	texts, runs := 0, 0
	for _, p := range paras {
		lines, _ := p.layout(p.Size().Width)
		chars := 0
		for _, ln := range lines {
			runs += len(ln.Runs)
			for _, r := range ln.Runs {
				chars += nonSpace(r.Text)
			}
		}
		drawn := 0
		for _, tx := range paragraphTexts(t, p) {
			texts++
			drawn += nonSpace(tx.Text)
		}
		if drawn != chars {
			t.Errorf("paragraph %q…: %d characters drawn, %d laid out", p.Text()[:40], drawn, chars)
		}
	}
	t.Logf("first screen: %d paragraphs, %d runs, %d texts", len(paras), runs, texts)
	if runs < 200 {
		t.Fatalf("only %d runs on the first screen", runs)
	}
	if texts*4 > runs {
		t.Errorf("%d texts for %d runs, want at most a quarter", texts, runs)
	}
}

// drawnTexts lays out spans in a 600 px window and returns the texts drawn.
func drawnTexts(t *testing.T, spans []Span) []string {
	t.Helper()
	p := NewParagraph(spans, DirAuto)
	w := test.NewTempWindow(t, p)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 60))
	var out []string
	for _, o := range test.TempWidgetRenderer(t, p).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx.Text)
		}
	}
	return out
}

func TestStretchJoinsOnlyWhatLandsInPlace(t *testing.T) {
	newAnnalsApp(t)
	for _, tc := range []struct {
		name  string
		spans []Span
		want  string // texts drawn, left to right, joined by |
	}{
		{"one space", []Span{{Text: "alpha beta gamma"}}, "alpha beta gamma"},
		// the layout gives any number of spaces one space's width
		{"two spaces", []Span{{Text: "alpha  beta"}}, "alpha|beta"},
		{"tab", []Span{{Text: "alpha\tbeta"}}, "alpha|beta"},
		{"another span", []Span{{Text: "alpha "}, {Text: "beta", Style: StyleBold}, {Text: " gamma delta"}}, "alpha|beta|gamma delta"},
		{"a link", []Span{{Text: "see "}, {Text: "the docs", Style: StyleLink, Link: "https://example.invalid"}}, "see|the docs"},
		// logical order, the engine draws it from the right
		{"Arabic", []Span{{Text: "أطلقت الشركة نموذجا"}}, "أطلقت الشركة نموذجا"},
		// punctuation between Arabic letters is right-to-left for the
		// engine too; at the end of a stretch it is drawn alone, reversed
		// and mirrored, as are « » (drawn in the Latin face); numbers are
		// at another level
		{"Arabic comma", []Span{{Text: "نعم، بنسبة كبيرة"}}, "نعم، بنسبة كبيرة"},
		{"Arabic comma at the end", []Span{{Text: "قال نعم، 2024"}}, "2024|،|قال نعم"},
		{"Arabic quotes", []Span{{Text: "قال «هذا أفضل» في 2024"}}, "2024|في|«|هذا أفضل|»|قال"},
	} {
		if got := strings.Join(drawnTexts(t, tc.spans), "|"); got != tc.want {
			t.Errorf("%s: drawn %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A line whose words were spread apart (as justifying would) is drawn word
// by word: one text would put the words back at a space's distance.
func TestStretchKeepsSpreadWordsApart(t *testing.T) {
	newAnnalsApp(t)
	for _, s := range []string{"alpha beta gamma", "أطلقت الشركة نموذجا"} {
		p := NewParagraph([]Span{{Text: s}}, DirAuto)
		m := p.prepared()
		lines := m.prep.Layout(600)
		if len(lines) != 1 || len(lines[0].Runs) != 3 {
			t.Fatalf("%q: lines %+v", s, lines)
		}
		runs := lines[0].Runs
		style := m.prep.measureStyle(0) & (StyleBold | StyleItalic | styleInRTL)
		var faces []int
		for _, r := range runs {
			f, _ := m.ms.singleFace(r.Text, style)
			faces = append(faces, f)
		}
		if end, text := m.stretch(runs, faces, 0, style); end != 3 || text != s {
			t.Fatalf("%q laid out: stretch to %d %q, want the whole line", s, end, text)
		}
		spread := append([]Run(nil), runs...)
		for i := range spread {
			spread[i].X += 3 * float32(i)
		}
		if end, text := m.stretch(spread, faces, 0, style); end != 1 || text != spread[0].Text {
			t.Errorf("%q justified: stretch to %d %q, want the first word alone", s, end, text)
		}
		// a fraction of a pixel is too much too
		spread = append([]Run(nil), runs...)
		spread[2].X += 0.3
		if end, _ := m.stretch(spread, faces, 0, style); end != 2 {
			t.Errorf("%q, last word 0.3 px off: stretch to %d, want 2", s, end)
		}
	}
}

// A selection or highlight across several words of a line is one box, not
// a box per word and per space meeting at fractional x, where the
// translucent selection showed a seam.
func TestSelectionIsOneBoxPerLine(t *testing.T) {
	newAnnalsApp(t)
	yellow := color.NRGBA{R: 0xff, G: 0xd0, B: 0x40, A: 0x80}
	for _, s := range []string{"alpha beta gamma delta", "أطلقت الشركة نموذجا جديدا"} {
		p := NewParagraph([]Span{{Text: s, Highlight: yellow}}, DirAuto)
		w := test.NewTempWindow(t, p)
		w.SetPadded(false)
		w.Resize(fyne.NewSize(600, 60))
		p.setSelection(0, len([]rune(s)))
		var boxes []*canvas.Rectangle
		for _, o := range test.TempWidgetRenderer(t, p).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok {
				boxes = append(boxes, r)
			}
		}
		if len(boxes) != 2 {
			t.Fatalf("%q: %d boxes, want one highlight and one selection", s, len(boxes))
		}
		lines, _ := p.layout(600)
		runs := lines[0].Runs
		left, right := runs[0].X, runs[len(runs)-1].X+runs[len(runs)-1].Width
		for _, b := range boxes {
			if x, r := b.Position().X, b.Position().X+b.Size().Width; x != left || r < right-0.01 || r > right+0.01 {
				t.Errorf("%q: box %v–%v, want the line %v–%v", s, x, r, left, right)
			}
		}
	}
}
