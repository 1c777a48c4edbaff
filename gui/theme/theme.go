// Package theme is Annals' Fyne theme: Fyne's default look with bundled
// Arabic faces (Noto Sans Arabic for the interface, Noto Naskh Arabic for the
// reader, Noto Sans Math for symbols), so Arabic never shows as boxes on
// machines without an Arabic system font.
package theme

import (
	"image/color"
	"reflect"

	"annals/assets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Fonts bundled with the app, for widgets that pick a face themselves.
var (
	ArabicRegular = fyne.NewStaticResource("NotoSansArabic-Regular.ttf", assets.SansArabicRegular)
	ArabicBold    = fyne.NewStaticResource("NotoSansArabic-Bold.ttf", assets.SansArabicBold)
	NaskhRegular  = fyne.NewStaticResource("NotoNaskhArabic-Regular.ttf", assets.NaskhArabicRegular)
	NaskhBold     = fyne.NewStaticResource("NotoNaskhArabic-Bold.ttf", assets.NaskhArabicBold)
	Symbols       = fyne.NewStaticResource("NotoSansMath-Regular.ttf", assets.SymbolsRegular)
)

// Faces are the typefaces Annals' own text widgets choose from, character
// by character: Arabic script from Arabic, everything else from Latin
// first, then Symbols for what Latin lacks (−, arrows). Unlike Fyne's
// widgets, which take one face per string from Theme.Font and fall back per
// character, they draw each run with exactly one face, so English digits
// never come from the Arabic face and Naskh changes only Arabic letters.
type Faces struct {
	Latin, Arabic, Symbols fyne.Resource
}

// FaceTheme is a theme that says which faces its text uses.
type FaceTheme interface {
	TextFaces(fyne.TextStyle) Faces
}

// TextFaces returns th's faces for text of style s. A theme that is not a
// FaceTheme (Fyne's own, or a test theme) gets its Font as the Arabic face
// and Fyne's face as the Latin one, as Fyne's fallback order would.
func TextFaces(th fyne.Theme, s fyne.TextStyle) Faces {
	if ft, ok := Unwrap(th).(FaceTheme); ok {
		return ft.TextFaces(s)
	}
	return Faces{Latin: LatinFont(s), Arabic: th.Font(s), Symbols: Symbols}
}

// Unwrap returns the theme a widget's theme wraps. Fyne's ThemeOverride
// hands its widgets the theme it was given wrapped in a struct of its own
// (container.featureTheme, which embeds it as the field Theme), a new one
// at every Refresh: the wrapper hides the theme's other methods, such as
// TextFaces, and its identity changes when nothing else did.
func Unwrap(th fyne.Theme) fyne.Theme {
	for range 4 { // wrappers of wrappers, but never a cycle
		if _, ok := th.(FaceTheme); ok || th == nil {
			return th
		}
		v := reflect.ValueOf(th)
		if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
			return th
		}
		f := v.Elem().FieldByName("Theme")
		if !f.IsValid() || f.Kind() != reflect.Interface || f.IsNil() || !f.CanInterface() {
			return th
		}
		inner, ok := f.Interface().(fyne.Theme)
		if !ok {
			return th
		}
		th = inner
	}
	return th
}

// LatinFont is the face Latin text of style s is drawn with: Fyne's Noto
// Sans, the face Fyne falls back to for what the theme's font lacks.
func LatinFont(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Bold && s.Italic:
		return theme.DefaultTextBoldItalicFont()
	case s.Bold:
		return theme.DefaultTextBoldFont()
	case s.Italic:
		return theme.DefaultTextItalicFont()
	}
	return theme.DefaultTextFont()
}

// arabicFont is the Sans (or, for the reader's choice, Naskh) Arabic face
// for style s. Arabic has no italic; italic text uses the upright face.
func arabicFont(s fyne.TextStyle, naskh bool) fyne.Resource {
	switch {
	case naskh && s.Bold:
		return NaskhBold
	case naskh:
		return NaskhRegular
	case s.Bold:
		return ArabicBold
	}
	return ArabicRegular
}

// Theme returns the Arabic face first for text drawn by Fyne's own widgets
// (buttons, menus, entries): Fyne resolves each rune to the first face that
// has it, then its own Latin face, so one string can mix both scripts. Annals'
// widgets (Paragraph, Label) do not use Font: they choose a face per
// character from TextFaces, so English digits come from the Latin face.
type Theme struct {
	base  fyne.Theme
	force *fyne.ThemeVariant // light or dark regardless of the system
}

var (
	_ fyne.Theme = (*Theme)(nil)
	_ FaceTheme  = (*Theme)(nil)
)

// New returns the Annals theme on top of Fyne's default.
func New() *Theme { return &Theme{base: theme.DefaultTheme()} }

// Font picks the bundled Arabic face for text styles; monospace and symbol
// text keep Fyne's faces.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.base.Font(s)
	}
	return arabicFont(s, false)
}

// TextFaces is part of FaceTheme: Fyne's Noto Sans for Latin, Noto Sans
// Arabic for Arabic.
func (t *Theme) TextFaces(s fyne.TextStyle) Faces {
	return Faces{Latin: LatinFont(s), Arabic: arabicFont(s, false), Symbols: Symbols}
}

func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.force != nil {
		v = *t.force
	}
	return t.base.Color(n, v)
}

func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *Theme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
