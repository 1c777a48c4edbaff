package views

import (
	"strings"
	"testing"
	"time"

	"annals/gui/fynedo"
	"annals/gui/i18n"

	"fyne.io/fyne/v2"
)

// A search for "Trump" also lists the Arabic sample, which spells him
// «ترمب»: its row says why it is there, so the result does not look wrong.
func TestSearchSaysWhyAnEntityMatched(t *testing.T) {
	a := newTestApp()
	lib, _ := sampleLibrary(t)
	_, w, loaded := showLibrary(t, a, lib, fyne.NewSize(520, 600), func(v *Library) {
		v.Search.SetText("Trump")
	})
	var rows []string
	for len(rows) < 2 {
		rows = wait(t, loaded, "the search results")
	}
	var reason string
	deadline := time.Now().Add(10 * time.Second)
	for reason == "" {
		fynedo.Do(func() {
			if s := spanLabels(w.Content(), "Mentions Donald Trump"); len(s) > 0 {
				reason = s[0].Text()
			}
		})
		if time.Now().After(deadline) {
			t.Fatalf("no row says the Arabic article mentions Donald Trump; rows %q", rows)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(reason, "ترمب") && !strings.Contains(reason, "ترامب") {
		t.Errorf("the reason %q does not show the article's own spelling", reason)
	}
	// Isolated, or the date after it (" · 27 Jan 2025") is drawn inside
	// the spelling's right-to-left run: "“27 · ”ترمب Jan".
	_, quoted, _ := strings.Cut(reason, "“")
	quoted, _, _ = strings.Cut(quoted, "”")
	if spelling := strings.Trim(quoted, "\u2068\u2069"); spelling == "" || quoted != i18n.Isolate(spelling) {
		t.Errorf("the reason %q does not isolate the article's spelling", reason)
	}
	// The English sample says "Trump" itself: its row gives no such reason.
	fynedo.Do(func() {
		if n := len(spanLabels(w.Content(), "Mentions Donald Trump")); n != 1 {
			t.Errorf("%d rows give an entity reason, want only the Arabic one", n)
		}
	})
}
