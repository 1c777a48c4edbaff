// Package overlay prepares the build of Annals with its patched copies of
// Fyne files (third_party/fyne/_overlay) compiled in place of the upstream
// ones, so one fix to Fyne ships without vendoring all of Fyne. Every build
// that ships or is measured uses it: the Makefile (through cmd/fyneoverlay)
// and the tools that build the app themselves (tools/uitiming,
// tools/benchharness).
//
// Go's build overlay (go build -overlay) refuses to replace files beneath
// GOMODCACHE ("Files beneath GOMODCACHE must not be replaced",
// cmd/go/internal/work/init.go), which is where Fyne is. So Prepare mirrors
// the module's directory, unchanged, into a build folder outside the cache
// (dist/fyne-overlay, ignored by git, made once per Fyne version), writes a
// copy of go.mod that replaces Fyne by that mirror (used with -modfile, so
// go.mod itself is untouched) and an overlay JSON that swaps the mirror's
// file for the patched copy. The build flags are Flags(dir).
//
// A patched file is only right for the exact upstream file it was derived
// from, so Prepare refuses when the upstream file's SHA-256 is not the
// recorded one (Fyne was bumped in go.mod): the build then fails and says to
// re-derive the patch, instead of silently compiling an old copy of Fyne's
// file into a new Fyne, or silently losing the fix.
package overlay

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Module is the module the patched files belong to.
const Module = "fyne.io/fyne/v2"

// File is one upstream file replaced by a patched copy.
type File struct {
	// Upstream is the file's path inside Module's directory.
	Upstream string
	// UpstreamSHA256 is the hex SHA-256 of the upstream file the patch was
	// derived from (Fyne v2.7.1).
	UpstreamSHA256 string
	// Patched is the patched copy's path from the repository's root.
	Patched string
}

// Files are the files the overlay replaces (see third_party/fyne/README.md).
var Files = []File{{
	Upstream:       "internal/painter/font.go",
	UpstreamSHA256: "7cfee822db37023e1a0d73b20acc34306318a6327d1c99377f6849d65fa3ca73",
	Patched:        "third_party/fyne/_overlay/internal/painter/font.go",
}}

// StaleError says an upstream file is not the one its patch was derived from.
type StaleError struct {
	Path, Got, Want string
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("the Fyne overlay no longer matches Fyne: %s has SHA-256 %s, the patch in third_party/fyne was derived from %s "+
		"(was Fyne bumped in go.mod?). Re-derive the patch from the new file, or drop it if the new Fyne has the fix, "+
		"and record the new SHA-256 in third_party/fyne/overlay/overlay.go and third_party/fyne/README.md", e.Path, e.Got, e.Want)
}

// ModuleDir is the directory of Module's version the build in root uses, as
// `go list -m` says (downloading the module first when it is not in the cache).
func ModuleDir(root string) (string, error) {
	list := func() (string, error) {
		cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", Module)
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("go list -m %s: %v: %s", Module, err, strings.TrimSpace(stderr.String()))
		}
		return strings.TrimSpace(string(out)), nil
	}
	dir, err := list()
	if err != nil || dir != "" {
		return dir, err
	}
	// A fresh clone: go list -m names no directory until the module is downloaded.
	dl := exec.Command("go", "mod", "download", Module)
	dl.Dir = root
	if out, err := dl.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go mod download %s: %v: %s", Module, err, strings.TrimSpace(string(out)))
	}
	if dir, err = list(); err == nil && dir == "" {
		err = fmt.Errorf("go list -m %s names no directory", Module)
	}
	return dir, err
}

// The files Prepare writes into its folder.
const (
	ModFile     = "annals-fyne.mod"  // go.mod with Fyne replaced by the mirror (-modfile)
	SumFile     = "annals-fyne.sum"  // go.sum beside it, as -modfile wants
	OverlayFile = "overlay.json"     // the mirror's files replaced by the patched copies (-overlay)
	mirrorDir   = "mirror"           // the module's directory, copied unchanged
	doneMark    = ".annals-complete" // written last into a finished mirror
)

// Dir is the folder the Makefile and the tools prepare, in the repository
// at root (dist/ is ignored by git). Prepare is safe to run there from
// several builds at once.
func Dir(root string) string {
	return filepath.Join(root, "dist", "fyne-overlay")
}

// Flags are the go build flags that compile the patched Fyne, given the
// folder Prepare wrote into; a relative dir is made absolute, so the flags
// work from any directory.
func Flags(dir string) []string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return []string{"-modfile=" + filepath.Join(dir, ModFile), "-overlay=" + filepath.Join(dir, OverlayFile)}
}

// BuildArgs prepares Dir(root) and returns the go build flags that use it,
// for the tools that build the app themselves.
func BuildArgs(root string) ([]string, error) {
	if err := Prepare(root, Dir(root)); err != nil {
		return nil, err
	}
	return Flags(Dir(root)), nil
}

// Prepare checks every upstream file against its recorded SHA-256 (a
// mismatch is a *StaleError and nothing is written), mirrors the module
// into dir unless it is there already, and writes the go.mod copy, its
// go.sum and the overlay JSON. Several builds may run it at once: each
// file appears whole, by rename.
func Prepare(root, dir string) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return err
	}
	modDir, err := ModuleDir(root)
	if err != nil {
		return err
	}
	if err := CheckUpstream(modDir); err != nil {
		return err
	}
	version := filepath.Base(modDir) // v2@v2.7.1
	mirror := filepath.Join(dir, mirrorDir, version)
	if err := mirrorModule(modDir, mirror); err != nil {
		return err
	}
	replace := make(map[string]string, len(Files))
	for _, f := range Files {
		patched := filepath.Join(root, filepath.FromSlash(f.Patched))
		if _, err := os.Stat(patched); err != nil {
			return err
		}
		replace[filepath.Join(mirror, filepath.FromSlash(f.Upstream))] = patched
	}
	js, err := json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "\t")
	if err != nil {
		return err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	mod = fmt.Appendf(mod, "\n// Written by third_party/fyne/overlay: Fyne from a mirror outside the module cache.\nreplace %s => %s\n", Module, mirror)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	for name, data := range map[string][]byte{ModFile: mod, SumFile: sum, OverlayFile: append(js, '\n')} {
		if err := writeWhole(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

// CheckUpstream compares every upstream file in the module directory modDir
// with its recorded SHA-256.
func CheckUpstream(modDir string) error {
	for _, f := range Files {
		upstream := filepath.Join(modDir, filepath.FromSlash(f.Upstream))
		data, err := os.ReadFile(upstream)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		if got := hex.EncodeToString(sum[:]); got != f.UpstreamSHA256 {
			return &StaleError{Path: upstream, Got: got, Want: f.UpstreamSHA256}
		}
	}
	return nil
}

// mirrorModule copies the module directory src to dst (files only, made
// writable so the folder can be removed) unless dst is complete already. It
// copies into a temporary sibling and renames it, so a build running beside
// it never sees half a mirror.
func mirrorModule(src, dst string) error {
	if _, err := os.Stat(filepath.Join(dst, doneMark)); err == nil {
		return CheckUpstream(dst) // a mirror somebody edited is no mirror
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dst), ".mirror-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, doneMark), []byte(src+"\n"), 0o644); err != nil {
		return err
	}
	// dst is absent or complete: it only ever appears whole, by this rename.
	if err := os.Rename(tmp, dst); err != nil {
		if _, statErr := os.Stat(filepath.Join(dst, doneMark)); statErr == nil {
			return nil // another build finished the same mirror first
		}
		return err
	}
	return nil
}

// writeWhole writes data to path through a temporary file and a rename.
func writeWhole(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// IsStale says whether err is (or wraps) a *StaleError.
func IsStale(err error) bool {
	var stale *StaleError
	return errors.As(err, &stale)
}
