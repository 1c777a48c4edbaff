package localeenv

import "testing"

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "POSIX.utf8", "LANG": "ar_EG.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, ""},                                // Fyne reads plain C itself
		{map[string]string{"LANG": "ar_EG.UTF-8"}, ""},                      // a real locale is left alone
		{map[string]string{"LC_ALL": "ar_SA.UTF-8", "LANG": "C.UTF-8"}, ""}, // LC_ALL wins
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "fr"},
		{map[string]string{}, ""},
	} {
		env := map[string]string{}
		for k, v := range tc.env {
			env[k] = v
		}
		apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if got := env["LANGUAGE"]; got != tc.want {
			t.Errorf("%v: LANGUAGE=%q, want %q", tc.env, got, tc.want)
		}
	}
}
