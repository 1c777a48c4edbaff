package theme

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The reader's Naskh reaches a widget inside a ThemeOverride, which hands
// its widgets the theme wrapped in a type of Fyne's own; Fyne's widgets
// keep Sans (their textures carry no face; see readerTheme.Font).
func TestReaderFacesThroughThemeOverride(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, New())
	l := widget.NewLabel("x")
	container.NewThemeOverride(l, Reader(true))
	th := theme.CurrentForWidget(l)
	if _, ok := th.(FaceTheme); ok {
		t.Fatal("Fyne no longer wraps the override theme: Unwrap can go")
	}
	for _, ts := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
		f := TextFaces(th, ts)
		want := NaskhRegular
		if ts.Bold {
			want = NaskhBold
		}
		if f.Arabic != want || f.Latin != LatinFont(ts) || f.Symbols != Symbols {
			t.Errorf("style %+v: faces %s, %s, %v", ts, f.Latin.Name(), f.Arabic.Name(), f.Symbols)
		}
		if got := th.Font(ts); got == NaskhRegular || got == NaskhBold {
			t.Errorf("style %+v: Fyne's widgets in the reader get %s", ts, got.Name())
		}
	}
	if f := TextFaces(Reader(false), fyne.TextStyle{}); f.Arabic != ArabicRegular {
		t.Errorf("Sans reader: Arabic face %s", f.Arabic.Name())
	}
	// a theme that says nothing about faces: its font for Arabic
	if f := TextFaces(theme.DefaultTheme(), fyne.TextStyle{}); f.Arabic != theme.DefaultTheme().Font(fyne.TextStyle{}) || f.Latin != theme.DefaultTextFont() {
		t.Errorf("default theme: faces %s, %s", f.Latin.Name(), f.Arabic.Name())
	}
}
