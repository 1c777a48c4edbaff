// Package theme is Annals' Fyne theme: Fyne's default look with an Arabic
// face bundled, so Arabic never shows as boxes on machines without an Arabic
// system font.
package theme

import (
	"image/color"

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
)

// Theme returns the Arabic face first for text. Fyne resolves each rune to
// the first face that has it, then the default theme's face (Latin), so one
// label can mix both scripts. The Arabic face carries digits and basic
// punctuation too, which keeps them the same size inside Arabic text.
type Theme struct {
	base  fyne.Theme
	force *fyne.ThemeVariant // light or dark regardless of the system
}

var _ fyne.Theme = (*Theme)(nil)

// New returns the Annals theme on top of Fyne's default.
func New() *Theme { return &Theme{base: theme.DefaultTheme()} }

// Font picks the bundled Arabic face for text styles; monospace and symbol
// text keep Fyne's faces.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.base.Font(s)
	}
	if s.Bold {
		return ArabicBold
	}
	return ArabicRegular
}

func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.force != nil {
		v = *t.force
	}
	return t.base.Color(n, v)
}

func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *Theme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
