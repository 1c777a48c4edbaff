// Package testenv finds the shared fixtures that live beside every checkout
// (../shared), so tests can point at them instead of copying them.
package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Shared returns the path of name inside the shared folder, or skips the
// test with a clear message when the folder is absent.
func Shared(t testing.TB, name ...string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	p := filepath.Join(append([]string{root}, name...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared fixture %s is absent (expected ../shared beside the checkout): %v", p, err)
	}
	return p
}

// SeedHTML is the first real article: an Arabic analysis from al-Majalla.
func SeedHTML(t testing.TB) string {
	return Shared(t, "fixtures", "seed", "majalla-china-ai.html")
}

// SeedTitle is the seed article's title.
const SeedTitle = "نجاح نماذج بكين الرخيصة يهدد التفوق التكنولوجي لواشنطن"
