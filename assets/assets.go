// Package assets embeds the files Annals ships inside its binary: the fonts
// (Noto Sans and Naskh Arabic, Noto Sans Math), the icon, the gazetteer and
// given-name lists the analysis reads, the Arabic names tagger's weights and
// the sample articles. It holds plain bytes so that data/ packages can use it
// without importing Fyne.
package assets

import _ "embed"

// Noto Sans Arabic carries the Arabic script only; Fyne falls back to its own
// Latin face for other letters, so these fonts are used as the theme's first
// choice rather than as a replacement.
var (
	//go:embed fonts/NotoSansArabic-Regular.ttf
	SansArabicRegular []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	SansArabicBold []byte
	//go:embed fonts/NotoNaskhArabic-Regular.ttf
	NaskhArabicRegular []byte
	//go:embed fonts/NotoNaskhArabic-Bold.ttf
	NaskhArabicBold []byte
	// Noto Sans Math has the minus sign (U+2212), arrows and other symbols
	// that neither Fyne's Noto Sans nor the Arabic faces have; Windows has
	// no system font Fyne falls back to, so without it they show as boxes.
	//go:embed fonts/NotoSansMath-Regular.ttf
	SymbolsRegular []byte
)

// Icon is the application icon (512×512 PNG; icon.svg is its source).
//
//go:embed icon.png
var Icon []byte
