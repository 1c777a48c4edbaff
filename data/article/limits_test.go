package article

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClipCutsToRunesWithEllipsis(t *testing.T) {
	long := strings.Repeat("ب", 600)
	got := Clip(long, MaxTitleRunes)
	if n := utf8.RuneCountInString(got); n != MaxTitleRunes {
		t.Fatalf("clipped to %d runes, want %d", n, MaxTitleRunes)
	}
	if !strings.HasSuffix(got, "…") {
		t.Fatalf("clipped text %q does not end with an ellipsis", got[len(got)-10:])
	}
	if short := "Short title"; Clip(short, MaxTitleRunes) != short {
		t.Fatal("a short title was changed")
	}
}

func TestWarnKeepsOrder(t *testing.T) {
	var d Document
	d.Warn("first")
	d.Warn("second")
	if len(d.Warnings) != 2 || d.Warnings[0] != "first" || d.Warnings[1] != "second" {
		t.Fatalf("warnings = %q", d.Warnings)
	}
}
