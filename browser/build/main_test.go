package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func readZip(t *testing.T, p string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		out[f.Name] = b
	}
	return out
}

// TestPackages: both packages hold the whole extension with its version;
// the Firefox one has the add-on id and an event page, the Chromium one a
// service worker; neither carries the build tool or the e2e test.
func TestPackages(t *testing.T) {
	zipPath, xpiPath, err := Build("..", t.TempDir(), "9.8.7")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path      string
		firefox   bool
		wantInBg  string
		wantNoKey string
	}{{zipPath, false, "service_worker", "browser_specific_settings"}, {xpiPath, true, "scripts", ""}} {
		files := readZip(t, c.path)
		for _, want := range []string{"manifest.json", "background.js", "options.html", "options.js", "_locales/en/messages.json", "_locales/ar/messages.json", "icons/icon-128.png"} {
			if _, ok := files[want]; !ok {
				t.Errorf("%s lacks %s", filepath.Base(c.path), want)
			}
		}
		for name := range files {
			if strings.HasPrefix(name, "build/") || strings.HasPrefix(name, "e2e/") {
				t.Errorf("%s carries %s", filepath.Base(c.path), name)
			}
		}
		var m map[string]any
		if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
			t.Fatal(err)
		}
		if m["version"] != "9.8.7" || m["manifest_version"] != float64(3) {
			t.Errorf("%s: version %v, manifest %v", filepath.Base(c.path), m["version"], m["manifest_version"])
		}
		if _, ok := m["background"].(map[string]any)[c.wantInBg]; !ok {
			t.Errorf("%s: background %v lacks %s", filepath.Base(c.path), m["background"], c.wantInBg)
		}
		_, gecko := m["browser_specific_settings"]
		if gecko != c.firefox {
			t.Errorf("%s: gecko settings present %v", filepath.Base(c.path), gecko)
		}
	}
}

// TestEveryMessageInBothLanguages: each message the manifest and the
// scripts ask for exists in English and Arabic, with the same
// placeholders.
func TestEveryMessageInBothLanguages(t *testing.T) {
	load := func(lang string) map[string]struct {
		Message      string
		Placeholders map[string]any
	} {
		b, err := os.ReadFile("../_locales/" + lang + "/messages.json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]struct {
			Message      string
			Placeholders map[string]any
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		return m
	}
	en, ar := load("en"), load("ar")
	used := map[string]bool{}
	for _, f := range []string{"../manifest.json", "../background.js", "../options.js", "../options.html"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range []*regexp.Regexp{regexp.MustCompile(`__MSG_(\w+)__`), regexp.MustCompile(`\bt\("(\w+)"`), regexp.MustCompile(`data-i18n="(\w+)"`)} {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = true
			}
		}
	}
	if len(used) < 20 {
		t.Fatalf("found only %d message keys in use; the patterns miss some", len(used))
	}
	for k := range used {
		e, ok1 := en[k]
		a, ok2 := ar[k]
		if !ok1 || !ok2 || strings.TrimSpace(a.Message) == "" {
			t.Errorf("message %q: in en %v, in ar %v", k, ok1, ok2)
			continue
		}
		if len(e.Placeholders) != len(a.Placeholders) {
			t.Errorf("message %q: %d placeholders in en, %d in ar", k, len(e.Placeholders), len(a.Placeholders))
		}
		for p := range e.Placeholders {
			if !strings.Contains(strings.ToLower(a.Message), "$"+p+"$") {
				t.Errorf("message %q: the Arabic lacks $%s$", k, strings.ToUpper(p))
			}
		}
	}
}
