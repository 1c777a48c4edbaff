package gui

import (
	"errors"
	"strings"
	"testing"

	"annals/gui/i18n"
)

// An import that stops partway keeps the batches it saved; the reader must
// not be told that nothing was imported.
func TestImportFailureSaysWhatWasKept(t *testing.T) {
	defer i18n.Setup("en")
	cause := errors.New("database or disk is full")
	for _, tc := range []struct {
		lang        string
		saved       int
		title, text string
	}{
		{"en", 0, "nothing was imported", "disk is full"},
		{"en", 1, "stopped partway", "1 article was imported before the problem"},
		{"en", 64, "stopped partway", "64 articles were imported before the problem"},
		{"ar", 0, "لم يُستورد شيء", ""},
		{"ar", 2, "توقف الاستيراد", "استُوردت مقالتان قبل المشكلة"},
		{"ar", 64, "توقف الاستيراد", "مقالةً قبل المشكلة"},
	} {
		i18n.Setup(tc.lang)
		title, shown := importFailure(tc.saved, cause)
		if !strings.Contains(title, tc.title) {
			t.Errorf("%s, %d saved: title %q, want it to say %q", tc.lang, tc.saved, title, tc.title)
		}
		if tc.text != "" && !strings.Contains(shown.Error(), tc.text) {
			t.Errorf("%s, %d saved: message %q, want it to say %q", tc.lang, tc.saved, shown.Error(), tc.text)
		}
		if tc.saved > 0 && strings.Contains(title+shown.Error(), "nothing") {
			t.Errorf("%s, %d saved: told nothing was imported: %q / %q", tc.lang, tc.saved, title, shown)
		}
	}
}
