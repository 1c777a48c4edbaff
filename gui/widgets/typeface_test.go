package widgets

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/unicodedata"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	annalstheme "annals/gui/theme"
)

// newAnnalsApp is a test app with Annals' own theme, whose Font puts the
// Arabic face first.
func newAnnalsApp(t *testing.T) {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, annalstheme.New())
}

// paragraphTexts returns the canvas.Texts a paragraph draws.
func paragraphTexts(t *testing.T, p *Paragraph) []*canvas.Text {
	t.Helper()
	var out []*canvas.Text
	for _, o := range test.TempWidgetRenderer(t, p).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx)
		}
	}
	return out
}

const (
	englishWithNumbers = "On January 20, 2025, Donald Trump was sworn in as the 47th president of the United States; −3% (A−) → ‘next’ … “done” — end."
	arabicMixed        = "أطلقت «علي بابا» نموذج (QwQ) في نوفمبر 2024، وقال: «هذا أفضل» ٪٣٠ ؟"
)

// Every text the paragraph draws names the face it is drawn with
// (FontSource): Fyne's GL painter keys its texture cache by FontSource, and
// without one a word drawn in one face was shown in another. The face is
// the one the text's characters are meant for, all of them are in it, and
// the Arabic face follows the reader's choice while Latin text does not.
func TestParagraphDrawsEachTextWithItsFace(t *testing.T) {
	newAnnalsApp(t)
	en := NewParagraph([]Span{{Text: englishWithNumbers}}, DirAuto)
	ar := NewParagraph([]Span{{Text: arabicMixed}, {Text: " نموذج QwQ", Style: StyleBold}}, DirAuto)
	override := container.NewThemeOverride(container.NewVBox(en, ar), annalstheme.Reader(false))
	w := test.NewTempWindow(t, override)
	w.Resize(fyne.NewSize(1400, 200))

	check := func(naskh bool) {
		t.Helper()
		for _, p := range []*Paragraph{en, ar} {
			texts := paragraphTexts(t, p)
			if len(texts) < 5 { // words of one face are drawn together: paragraph_stretch.go
				t.Fatalf("only %d texts", len(texts))
			}
			for _, tx := range texts {
				if tx.FontSource == nil {
					t.Errorf("%q is drawn without a FontSource", tx.Text)
					continue
				}
				name := tx.FontSource.Name()
				f := parsedFont(tx.FontSource)
				for _, r := range tx.Text {
					if _, ok := f.NominalGlyph(r); !ok {
						t.Errorf("%q: %q is not in %s, which draws it", tx.Text, r, name)
					}
				}
				first := []rune(tx.Text)[0]
				arabicFace := "NotoSansArabic-"
				if naskh {
					arabicFace = "NotoNaskhArabic-"
				}
				switch {
				case strings.ContainsAny(tx.Text, "−→"):
					if name != "NotoSansMath-Regular.ttf" {
						t.Errorf("%q is drawn with %s, want the symbols face", tx.Text, name)
					}
				case first >= 0x600 && first <= 0x6ff:
					if !strings.HasPrefix(name, arabicFace) {
						t.Errorf("%q is drawn with %s, want %s…", tx.Text, name, arabicFace)
					}
				default: // Latin letters, digits, punctuation
					if !strings.HasPrefix(name, "NotoSans-") {
						t.Errorf("%q is drawn with %s, want Noto Sans", tx.Text, name)
					}
				}
				// Latin inside Naskh is scaled to Naskh's smaller body
				// (measurer.latinScale); nothing else is
				base := p.prepared().textSize
				latinFace := !strings.HasPrefix(name, "NotoNaskh") && !strings.HasPrefix(name, "NotoSansArabic")
				if p == ar && naskh && latinFace {
					if tx.TextSize < 0.8*base || tx.TextSize > 0.9*base {
						t.Errorf("%q inside Naskh drawn at %v, want about 0.87 × %v", tx.Text, tx.TextSize, base)
					}
				} else if tx.TextSize != base {
					t.Errorf("%q drawn at %v, want %v", tx.Text, tx.TextSize, base)
				}
				if tx.TextStyle.Bold != strings.Contains(name, "Bold") {
					t.Errorf("%q: bold %v drawn with %s", tx.Text, tx.TextStyle.Bold, name)
				}
			}
		}
	}
	check(false)
	override.Theme = annalstheme.Reader(true)
	override.Refresh()
	check(true)
	override.Theme = annalstheme.Reader(false)
	override.Refresh()
	check(false)
}

// Widths are cached per face and size: after switching to Naskh the
// measurer returns Naskh's widths (what is drawn), Latin widths stay.
func TestMeasureFollowsFace(t *testing.T) {
	newAnnalsApp(t)
	d := fyne.CurrentApp().Driver()
	sans, naskh := NewMeasure(annalstheme.Reader(false), 16), NewMeasure(annalstheme.Reader(true), 16)
	for _, tc := range []struct {
		word string
		face fyne.Resource // with Naskh
	}{{"الذكاء", annalstheme.NaskhRegular}, {"في", annalstheme.NaskhRegular}, {"DeepSeek", annalstheme.LatinFont(fyne.TextStyle{})}} {
		sans(tc.word, StylePlain) // fill the cache first
		want, _ := d.RenderedTextSize(tc.word, 16, fyne.TextStyle{}, tc.face)
		if got := naskh(tc.word, StylePlain); got != want.Width {
			t.Errorf("Naskh width of %q = %v, want %v", tc.word, got, want.Width)
		}
	}
	if a, b := sans("الذكاء", StylePlain), naskh("الذكاء", StylePlain); a == b {
		t.Errorf("Sans and Naskh widths of an Arabic word are both %v", a)
	}
	if a, b := sans("DeepSeek", StylePlain), naskh("DeepSeek", StylePlain); a != b {
		t.Errorf("Naskh changed the width of a Latin word: %v → %v", a, b)
	}
	if a, b := sans("DeepSeek", StylePlain), NewMeasure(annalstheme.Reader(false), 20)("DeepSeek", StylePlain); b <= a {
		t.Errorf("width at 20 (%v) not above width at 16 (%v)", b, a)
	}
}

// A paragraph's layout follows its text size and line spacing even when
// the caller sets them without Refresh.
func TestParagraphLayoutFollowsSize(t *testing.T) {
	newAnnalsApp(t)
	text := "قد لا تكون النماذج اللغوية الكبيرة الصينية الأفضل على الإطلاق، لكنها الأرخص بما لا يقاس."
	p := NewParagraph([]Span{{Text: text}}, DirAuto)
	p.TextSize = 14
	small := p.HeightForWidth(300)
	smallLines, _ := p.layout(300)
	p.TextSize = 28
	fresh := NewParagraph([]Span{{Text: text}}, DirAuto)
	fresh.TextSize = 28
	if got, want := p.HeightForWidth(300), fresh.HeightForWidth(300); got != want || got <= small {
		t.Errorf("height after the size changed = %v, a fresh paragraph's %v (before %v)", got, want, small)
	}
	lines, m := p.layout(300)
	freshLines, _ := fresh.layout(300)
	if m.textSize != 28 || len(lines) != len(freshLines) || len(lines) <= len(smallLines) {
		t.Errorf("lines after the size changed: %d at size %v, fresh %d, before %d", len(lines), m.textSize, len(freshLines), len(smallLines))
	}
	p.LineSpacing = 3
	if got := p.HeightForWidth(300); got != float32(len(lines))*28*3 {
		t.Errorf("height with line spacing 3 = %v, want %v", got, float32(len(lines))*28*3)
	}
}

// Neutral characters at a right-to-left level are drawn mirrored (UAX #9
// rule L4): the page's «ستارغيت» must not come out as »ستارغيت«.
func TestMirroredInRightToLeft(t *testing.T) {
	prep := Prepare([]Span{{Text: "أعلن «ستارغيت» اليوم و(QwQ) <ب>"}}, DirRTL, fixedMeasure)
	lines := prep.Layout(2000)
	var visual []string
	for _, r := range lines[0].Runs {
		visual = append(visual, r.Text)
	}
	got := strings.Join(visual, "|")
	// left to right: the last word first; quotes and brackets point
	// outwards as on the page
	want := "<|ب|>|(|QwQ|)|و|اليوم|«|ستارغيت|»|أعلن"
	if got != want {
		t.Errorf("runs left to right\n got %s\nwant %s", got, want)
	}
}

// The mirroring table is the Unicode Character Database's. Debian's
// unicode-data package ships it; the test is skipped without it.
func TestMirrorTableMatchesUCD(t *testing.T) {
	f, err := os.Open("/usr/share/unicode/BidiMirroring.txt")
	if err != nil {
		t.Skip("no BidiMirroring.txt (apt-get install unicode-data):", err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		a, b, ok := strings.Cut(line, ";")
		if !ok {
			continue
		}
		from, err1 := strconv.ParseUint(strings.TrimSpace(a), 16, 32)
		to, err2 := strconv.ParseUint(strings.TrimSpace(b), 16, 32)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad line %q", sc.Text())
		}
		n++
		if got, ok := unicodedata.LookupMirrorChar(rune(from)); !ok || got != rune(to) {
			t.Errorf("mirror of %U = %U, BidiMirroring.txt says %U", from, got, to)
		}
		if s := reverseMirrored(string(rune(from))); s != string(rune(to)) {
			t.Errorf("reverseMirrored(%U) = %q", from, s)
		}
	}
	if n < 400 {
		t.Errorf("only %d mirrored pairs read", n)
	}
}

// typography is what the reader meets besides letters and digits.
const typography = "−–—…«»“”‘’،؛؟٪٠١٢٣٤٥٦٧٨٩0123456789.,;:!?()[]%&@#'\"/-"

// interfaceRunes are the characters of the interface's strings.
func interfaceRunes(t *testing.T) map[rune]string {
	t.Helper()
	out := map[rune]string{}
	files, _ := filepath.Glob("../../translations/*.json")
	if len(files) < 2 {
		t.Fatalf("translations not found: %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(f, err)
		}
		for k, v := range m {
			for _, r := range v {
				if r != '\n' {
					out[r] = filepath.Base(f) + " " + k
				}
			}
		}
	}
	return out
}

// Every character of the interface and of the reader's typography has a
// glyph in the face that draws it, with the bundled fonts only (Windows
// has no system font Fyne would fall back to): in Annals' widgets, which
// choose a face per character, and in Fyne's own (buttons, menus), which
// take the theme's font and then Fyne's Latin face.
func TestEveryCharacterHasAGlyph(t *testing.T) {
	newAnnalsApp(t)
	ui := interfaceRunes(t)
	runes := map[rune]string{}
	for r, where := range ui {
		runes[r] = where
	}
	for _, r := range typography {
		runes[r] = "typography"
	}
	for _, serif := range []bool{false, true} {
		for _, st := range []SpanStyle{StylePlain, StyleBold} {
			ms := newMeasurer(annalstheme.Reader(serif), 16)
			for r, where := range runes {
				fc := ms.faceOf(r, st, faceNone)
				if fc == faceNone || fc == faceEmoji {
					t.Errorf("Naskh %v, style %v: no bundled face has %q (%U, %s)", serif, st, r, r, where)
				}
			}
		}
	}
	th := annalstheme.New()
	for _, ts := range []fyne.TextStyle{{}, {Bold: true}} {
		chain := []fyne.Resource{th.Font(ts), annalstheme.LatinFont(ts)}
		for r, where := range ui {
			found := false
			for _, res := range chain {
				if _, ok := parsedFont(res).NominalGlyph(r); ok {
					found = true
				}
			}
			if !found {
				t.Errorf("bold %v: Fyne's widgets draw %q (%U, %s) with no bundled face", ts.Bold, r, r, where)
			}
		}
	}
}
