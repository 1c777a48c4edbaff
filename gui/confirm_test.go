package gui

import (
	"testing"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The window's questions are drawn through the bidi label (a title with a
// year inside an Arabic sentence kept its order), their buttons mirrored
// in Arabic, and the confirming one does what was asked.
func TestConfirmDialogReadsRightToLeft(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	a := newTestApp()
	fynedo.Do(func() {
		w := a.NewWindow("confirm")
		w.Resize(fyne.NewSize(800, 600))
		w.Show()
		yes := false
		confirmIn(w, "حذف المقالة؟", "حذف «أطلق نموذج QwQ في نوفمبر 2024» من مكتبتك؟", "حذف", func() { yes = true })
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no dialog")
		}
		var msg *widgets.Label
		var ok, cancel *widget.Button
		for _, o := range test.LaidOutObjects(top) {
			switch v := o.(type) {
			case *widgets.Label:
				if v.Text == "حذف «أطلق نموذج QwQ في نوفمبر 2024» من مكتبتك؟" {
					msg = v
				}
			case *widget.Button:
				switch v.Text {
				case "حذف":
					ok = v
				case i18n.T("Cancel"):
					cancel = v
				}
			}
		}
		if msg == nil {
			t.Fatal("the question is not drawn through the bidi label")
		}
		if ok == nil || cancel == nil {
			t.Fatal("the dialog lacks its buttons")
		}
		if x := func(o fyne.CanvasObject) float32 {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X
		}; !(x(ok) < x(cancel)) {
			t.Errorf("in Arabic the confirming button is on the left of Cancel (ok at %.0f, cancel at %.0f)", x(ok), x(cancel))
		}
		test.Tap(ok)
		if !yes {
			t.Error("confirming did not run the action")
		}
	})
}
