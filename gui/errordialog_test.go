package gui

import (
	"errors"
	"strings"
	"testing"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// An error in a window other than the main one (feeds, the cannot-open
// window) reads in the user's language, never as Go's raw message.
func TestErrorDialogSpeaksTheUsersLanguage(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	a := newTestApp()
	raw := errors.New("dial tcp 127.0.0.1:9: connect: connection refused")
	fynedo.Do(func() {
		w := a.NewWindow("feeds")
		w.Resize(fyne.NewSize(700, 500))
		w.Show()
		showErrorIn(w, i18n.T("Could not subscribe"), raw)
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no dialog")
		}
		var texts []string
		for _, o := range test.LaidOutObjects(top) {
			if l, ok := o.(*widgets.Label); ok {
				texts = append(texts, l.Text)
			}
		}
		all := strings.Join(texts, "\n")
		if strings.Contains(all, "connection refused") {
			t.Errorf("the dialog shows Go's raw message:\n%s", all)
		}
		if !strings.Contains(all, "تعذّر الاشتراك") {
			t.Errorf("the dialog's title is not in Arabic:\n%s", all)
		}
	})
}
