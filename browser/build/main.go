// Command build packs the browser extension in browser/ into
// dist/annals-browser-<version>.zip (Chromium: Chrome, Edge, Brave…) and
// dist/annals-browser-<version>.xpi (Firefox, unsigned). One code base:
// the Firefox package differs only in its manifest (an event page instead
// of a service worker, and the add-on id Firefox requires). Pure Go, so
// `make browser-ext` needs neither zip nor node.
//
//	go run ./browser/build -version 0.1.0 -src browser -out dist
package main

import (
	"archive/zip"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// GeckoID is the Firefox add-on id; it must never change once published.
const GeckoID = "{6f1c3b2e-8d4a-4e0b-9c57-2a1d9e7f4b63}"

func main() {
	version := flag.String("version", "0.1.0", "extension version (from FyneApp.toml)")
	src := flag.String("src", "browser", "the extension's folder")
	out := flag.String("out", "dist", "where the packages go")
	flag.Parse()
	zipPath, xpiPath, err := Build(*src, *out, *version)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser-ext:", err)
		os.Exit(1)
	}
	fmt.Println(zipPath)
	fmt.Println(xpiPath)
}

// Build writes both packages and returns their paths.
func Build(src, out, version string) (string, string, error) {
	files, err := extensionFiles(src)
	if err != nil {
		return "", "", err
	}
	raw, err := os.ReadFile(filepath.Join(src, "manifest.json"))
	if err != nil {
		return "", "", err
	}
	var chromium map[string]any
	if err := json.Unmarshal(raw, &chromium); err != nil {
		return "", "", fmt.Errorf("manifest.json: %w", err)
	}
	chromium["version"] = version
	firefox := map[string]any{}
	for k, v := range chromium {
		firefox[k] = v
	}
	// Firefox runs MV3 backgrounds as event pages, not service workers.
	firefox["background"] = map[string]any{"scripts": []string{"background.js"}}
	firefox["browser_specific_settings"] = map[string]any{"gecko": map[string]any{"id": GeckoID, "strict_min_version": "121.0"}}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", "", err
	}
	zipPath := filepath.Join(out, "annals-browser-"+version+".zip")
	xpiPath := filepath.Join(out, "annals-browser-"+version+".xpi")
	if err := pack(zipPath, src, files, chromium); err != nil {
		return "", "", err
	}
	if err := pack(xpiPath, src, files, firefox); err != nil {
		return "", "", err
	}
	return zipPath, xpiPath, nil
}

// extensionFiles lists what goes in the package: everything in src but
// the build tool, the end-to-end test and the manifest (written apart).
func extensionFiles(src string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "build" || rel == "e2e" || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if rel == "manifest.json" || strings.HasSuffix(rel, ".go") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	sort.Strings(files)
	return files, err
}

// pack writes a zip with fixed times, so the same sources give the same
// bytes.
func pack(dest, src string, files []string, manifest map[string]any) error {
	f, err := os.Create(dest + ".tmp")
	if err != nil {
		return err
	}
	defer os.Remove(dest + ".tmp")
	zw := zip.NewWriter(f)
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(name string, b []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	m, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	if err := add("manifest.json", m); err != nil {
		return err
	}
	for _, rel := range files {
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if err := add(path.Clean(rel), b); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(dest+".tmp", dest)
}
