// Package localeenv quiets Fyne's locale lookup for the "C.UTF-8" locale of
// containers, cron and CI. Fyne's lang package reads the locale when it is
// initialised and logs "Error parsing user locale C" three times for
// LANG=C.UTF-8 (it understands plain "C" but not "C.<codeset>"), so every
// CLI command printed lines nobody asked for.
//
// Imported for its side effect by main. Go initialises packages in the order
// of their import paths once their own imports are done, and this package
// imports nothing of Fyne, so "annals/internal/localeenv" runs before
// "fyne.io/fyne/v2/lang".
package localeenv

import (
	"os"
	"strings"
)

func init() { apply(os.Getenv, os.Setenv) }

// apply sets LANGUAGE=en when the locale in force is C or POSIX with a
// codeset: the locale library Fyne uses then reads LANGUAGE, which libc
// ignores for the C locale, so nothing else changes (the codeset stays
// UTF-8 for the program and anything it starts).
func apply(getenv func(string) string, setenv func(string, string) error) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		base, _, hasCodeset := strings.Cut(v, ".")
		if hasCodeset && (base == "C" || base == "POSIX") && getenv("LANGUAGE") == "" {
			_ = setenv("LANGUAGE", "en")
		}
		return
	}
}
