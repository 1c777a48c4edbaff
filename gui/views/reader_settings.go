package views

import (
	"annals/gui/i18n"

	annalstheme "annals/gui/theme"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// readerSettings are the reader's typography choices, remembered in the
// app's preferences.
type readerSettings struct {
	prefs   fyne.Preferences
	size    float64 // body text size in points
	spacing float64 // line height in text sizes
	width   float64 // reading column width
	serif   bool    // Naskh instead of Sans for Arabic
}

const (
	prefSize    = "reader.textSize"
	prefSpacing = "reader.lineSpacing"
	prefWidth   = "reader.width"
	prefSerif   = "reader.serif"

	minTextSize = 10
	maxTextSize = 32
)

func loadReaderSettings(p fyne.Preferences) *readerSettings {
	return &readerSettings{
		prefs:   p,
		size:    p.FloatWithFallback(prefSize, 16),
		spacing: p.FloatWithFallback(prefSpacing, 1.75),
		width:   p.FloatWithFallback(prefWidth, 760),
		serif:   p.BoolWithFallback(prefSerif, false),
	}
}

func (s *readerSettings) save() {
	s.prefs.SetFloat(prefSize, s.size)
	s.prefs.SetFloat(prefSpacing, s.spacing)
	s.prefs.SetFloat(prefWidth, s.width)
	s.prefs.SetBool(prefSerif, s.serif)
}

func (s *readerSettings) metrics(m rowMetrics) rowMetrics {
	m.textSize = float32(s.size)
	m.lineSpacing = float32(s.spacing)
	m.maxWidth = float32(s.width)
	return m
}

func (s *readerSettings) theme() fyne.Theme {
	return annalstheme.Reader(s.serif)
}

// apply relays the article out with the current settings.
func (r *Reader) applySettings() {
	r.settings.save()
	th := r.settings.theme()
	r.view.setMetrics(r.settings.metrics(r.view.metrics), th)
}

// ChangeTextSize makes the text one step larger (+1) or smaller (-1).
func (r *Reader) ChangeTextSize(step int) {
	s := r.settings
	s.size = min(max(s.size+float64(step), minTextSize), maxTextSize)
	r.applySettings()
}

// showSettings opens the typography pop-up.
func (r *Reader) showSettings() {
	c := fyne.CurrentApp().Driver().CanvasForObject(r.root)
	if c == nil {
		return
	}
	s := r.settings
	size := widget.NewLabel(i18n.T("%.0f pt", s.size))
	sizeSlider := widget.NewSlider(minTextSize, maxTextSize)
	sizeSlider.Value = s.size
	sizeSlider.OnChangeEnded = func(v float64) {
		s.size = v
		size.SetText(i18n.T("%.0f pt", v))
		r.applySettings()
	}
	spacing := widget.NewSlider(1.2, 2.4)
	spacing.Step = 0.05
	spacing.Value = s.spacing
	spacing.OnChangeEnded = func(v float64) { s.spacing = v; r.applySettings() }
	width := widget.NewSlider(480, 1400)
	width.Step = 20
	width.Value = s.width
	width.OnChangeEnded = func(v float64) { s.width = v; r.applySettings() }
	sans, serif := i18n.T("Sans"), i18n.T("Serif (Naskh)")
	face := widget.NewRadioGroup([]string{sans, serif}, func(v string) {
		s.serif = v == serif
		r.applySettings()
	})
	face.Horizontal = true
	if s.serif {
		face.Selected = serif
	} else {
		face.Selected = sans
	}
	variants := []string{"System", "Light", "Dark"} // stored in English
	var labels []string
	for _, v := range variants {
		labels = append(labels, i18n.T(v))
	}
	variant := widget.NewRadioGroup(labels, func(label string) {
		v := variants[0]
		for i, l := range labels {
			if l == label {
				v = variants[i]
			}
		}
		fyne.CurrentApp().Preferences().SetString(annalstheme.PrefVariant, v)
		fyne.CurrentApp().Settings().SetTheme(annalstheme.FromPreferences(fyne.CurrentApp().Preferences()))
	})
	variant.Horizontal = true
	variant.Selected = i18n.T(fyne.CurrentApp().Preferences().StringWithFallback(annalstheme.PrefVariant, "System"))
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("Text size"), container.NewBorder(nil, nil, nil, size, sizeSlider)),
		widget.NewFormItem(i18n.T("Line spacing"), spacing),
		widget.NewFormItem(i18n.T("Reading width"), width),
		widget.NewFormItem(i18n.T("Arabic face"), face),
		widget.NewFormItem(i18n.T("Theme"), variant),
	)
	pop := widget.NewPopUp(container.NewPadded(form), c)
	pop.Resize(fyne.NewSize(420, form.MinSize().Height+2*theme.Padding()))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(r.root)
	pop.ShowAtPosition(fyne.NewPos(pos.X+r.root.Size().Width-440, pos.Y+48))
}
