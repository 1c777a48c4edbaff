// Package repo finds the repository the developer tools (tools/...) run
// in, so that they find bench/, assets/ and ../shared from any folder
// inside it.
package repo

import (
	"os"
	"path/filepath"
)

// Root walks up from the working directory to the folder with go.mod; it
// is the working directory itself when no folder above has one.
func Root() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
