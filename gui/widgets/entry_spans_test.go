package widgets

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// over is c drawn over an opaque background.
func over(c, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

// Meta lines and hints reach WCAG AA (4.5:1) on the background, a hovered
// row and a selected row, in the light and the dark theme. The colour
// Label's LowImportance uses (the theme's disabled colour) does not: that
// is what the list showed before.
func TestMutedColourContrast(t *testing.T) {
	th := theme.DefaultTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		backs := map[string]color.Color{
			"background": bg,
			"hovered":    over(th.Color(theme.ColorNameHover, v), bg),
			"selected":   over(th.Color(theme.ColorNameSelection, v), bg),
		}
		for name, back := range backs {
			if r := ContrastRatio(MutedColor(th, v), back); r < 4.5 {
				t.Errorf("variant %d, %s: muted text contrast %.2f:1, want ≥ 4.5", v, name, r)
			}
		}
		if r := ContrastRatio(th.Color(theme.ColorNameDisabled, v), bg); r >= 4.5 {
			t.Errorf("variant %d: the disabled colour reaches %.2f:1; the check cannot tell", v, r)
		}
	}
	if r := ContrastRatio(color.White, color.Black); r < 20.9 || r > 21.1 {
		t.Errorf("white on black = %.2f, want 21", r)
	}
}

// A muted SpanLabel draws its plain text in MutedColor and keeps a
// highlighted span's emphasis.
func TestSpanLabelMutedDrawsTheMutedColour(t *testing.T) {
	test.NewTempApp(t)
	l := NewSpanLabel([]Span{{Text: "27 Jan 2025 · 6 min"}}, DirLTR)
	l.Muted = true
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(300, 60))
	want := MutedColor(l.Theme(), fyne.CurrentApp().Settings().ThemeVariant())
	n := 0
	for _, o := range test.LaidOutObjects(l) {
		if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
			n++
			if tx.Color != want {
				t.Errorf("%q drawn in %v, want %v", tx.Text, tx.Color, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("nothing drawn")
	}
}
