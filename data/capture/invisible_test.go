package capture

import "testing"

func TestInvisibleCharactersStripped(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"soft hyphens", "Donau\u00addampf\u00adschiff\u00adfahrt", "Donaudampfschifffahrt"},
		{"zero-width space and word joiner", "zero\u200bwidth and word\u2060joiner", "zerowidth and wordjoiner"},
		{"joiners between Latin letters", "ab\u200ccd ef\u200dgh", "abcd efgh"},
		{"BOM inside text", "\ufeffStart of text", "Start of text"},
		{"ZWNJ in Persian stays", "می\u200cخواهم", "می\u200cخواهم"},
		{"ZWJ in an emoji sequence stays", "family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧"},
		{"only invisible is empty", "\u200b\u00ad", ""},
		{"spaces still collapse", "a \u00ad b", "a b"},
	} {
		if got := normaliseSpace(tt.in); got != tt.want {
			t.Errorf("%s: normaliseSpace(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
