package views

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"annals/data/capture"
	"annals/data/library"
	"annals/gui/i18n"
)

// Every failure the data side reports reaches the Arabic interface in
// Arabic: no English word but the site's name (err.Error() was shown as
// it was, in English).
func TestErrorMessagesSpeakArabic(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	errs := []error{
		context.Canceled,
		errors.New("sqlite: database disk image is malformed"),
		fmt.Errorf("open: %w", &os.PathError{Op: "open", Path: "/x", Err: os.ErrNotExist}),
		&os.PathError{Op: "open", Path: "/x", Err: os.ErrPermission},
		fmt.Errorf("store: set favourite on 1: %w", library.ErrLibraryBusy),
		library.ErrReadOnly,
		fmt.Errorf("%w; no backup was made", library.ErrLibraryDamaged),
	}
	for k := capture.KindInternal; k <= capture.KindTooManyRedirects; k++ {
		errs = append(errs,
			&capture.Error{Kind: k, URL: "https://www.majalla.com/node/1", Status: 502, Err: errors.New("boom")},
			&capture.Error{Kind: k, URL: "file:///home/r/page.html", Err: os.ErrNotExist})
	}
	errs = append(errs, &capture.Error{Kind: capture.KindHTTPStatus, URL: "https://e.test/", Status: 404})
	for _, err := range errs {
		msg := ErrorMessage(err)
		rest := strings.ReplaceAll(strings.ReplaceAll(msg, "majalla.com", ""), "JavaScript", "")
		for _, r := range rest {
			if unicode.In(r, unicode.Latin) {
				t.Errorf("%v → %q: not all Arabic", err, msg)
				break
			}
		}
		if msg == "" || strings.Contains(msg, err.Error()) {
			t.Errorf("%v → %q", err, msg)
		}
	}
	if msg := ErrorMessage(&capture.Error{Kind: capture.KindNetwork, URL: "https://www.majalla.com/x"}); !strings.Contains(msg, "majalla.com") {
		t.Errorf("network failure does not name the site: %q", msg)
	}
}
