package i18n

import "testing"

func TestIsolate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty stays empty", "", ""},
		{"a path", "/tmp/bidi/تصدير", "\u2068/tmp/bidi/تصدير\u2069"},
		{"a title", "نموذج QwQ", "\u2068نموذج QwQ\u2069"},
		{"a stray PDI would close the isolate early", "a\u2069b", "\u2068ab\u2069"},
		{"an unclosed initiator is closed inside", "a\u2067b", "\u2068a\u2067b\u2069\u2069"},
		{"balanced isolates are kept", "a\u2066b\u2069c", "\u2068a\u2066b\u2069c\u2069"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Isolate(tc.in); got != tc.want {
				t.Errorf("Isolate(%+q) = %+q, want %+q", tc.in, got, tc.want)
			}
		})
	}
}

func TestIsolatePath(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty stays empty", "", ""},
		{"ASCII names are not wrapped", "/tmp/x.md", "\u2066/tmp/x.md\u2069"},
		{"each Arabic name is isolated by itself",
			"/tmp/bidi/تصدير/مقالات Annals",
			"\u2066/tmp/bidi/\u2068تصدير\u2069/\u2068مقالات Annals\u2069\u2069"},
		{"Windows separators", `C:\Users\تصدير\a.md`, "\u2066C:\\Users\\\u2068تصدير\u2069\\a.md\u2069"},
		{"a stray PDI in a name is dropped", "/x\u2069y/z", "\u2066/\u2068xy\u2069/z\u2069"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsolatePath(tc.in); got != tc.want {
				t.Errorf("IsolatePath(%+q) = %+q, want %+q", tc.in, got, tc.want)
			}
		})
	}
}
