package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// PrefVariant is the preference holding "System", "Light" or "Dark".
const PrefVariant = "theme.variant"

// FromPreferences returns the app theme with the user's light/dark choice.
func FromPreferences(p fyne.Preferences) fyne.Theme {
	t := New()
	switch p.StringWithFallback(PrefVariant, "System") {
	case "Light":
		v := theme.VariantLight
		t.force = &v
	case "Dark":
		v := theme.VariantDark
		t.force = &v
	}
	return t
}

// readerTheme is the app theme with the reader's choice of Arabic face:
// Naskh (a book face) or Sans.
type readerTheme struct {
	serif bool
}

// Reader returns the theme the article body is drawn with. It defers to the
// current app theme for everything but fonts, so light/dark still apply.
func Reader(serif bool) fyne.Theme {
	return &readerTheme{serif: serif}
}

func (t *readerTheme) app() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().Theme()
	}
	return New()
}

// Font is the app's: the reader's text is drawn by Annals' widgets, which
// take Naskh from TextFaces. Fyne's own widgets inside the reader keep Sans:
// their texts carry no FontSource, and Fyne's GL painter caches such a
// texture by its text, size and colour only, so a word drawn in Naskh here
// would be shown in Naskh everywhere else too (and vice versa).
func (t *readerTheme) Font(s fyne.TextStyle) fyne.Resource {
	return t.app().Font(s)
}

// TextFaces is part of FaceTheme: the reader's choice changes the Arabic
// face only; Latin text looks the same with Sans and Naskh.
func (t *readerTheme) TextFaces(s fyne.TextStyle) Faces {
	return Faces{Latin: LatinFont(s), Arabic: arabicFont(s, t.serif), Symbols: Symbols}
}

// Color hides the list's hover shading: the reader is a list of
// paragraphs, and shading the one under the pointer distracts from reading.
func (t *readerTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameHover {
		return color.Transparent
	}
	return t.app().Color(n, v)
}

func (t *readerTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.app().Icon(n) }

func (t *readerTheme) Size(n fyne.ThemeSizeName) float32 { return t.app().Size(n) }
