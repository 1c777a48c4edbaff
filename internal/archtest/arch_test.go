package archtest

import (
	"bufio"
	"bytes"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const module = "annals"

// pkg is one package of the module as go list sees it.
type pkg struct {
	Path    string
	Imports []string // direct imports of its non-test files
	Deps    []string // everything it pulls in, transitively
}

// violations lists every broken rule, one sentence each.
func violations(pkgs []pkg) []string {
	var out []string
	for _, p := range pkgs {
		switch {
		case under(p.Path, module+"/gui"):
			for _, imp := range p.Imports {
				if under(imp, module+"/data") && imp != module+"/data/library" && imp != module+"/data/article" {
					out = append(out, p.Path+" imports "+imp+" (the GUI goes through data/library)")
				}
				if under(imp, module+"/cli") {
					out = append(out, p.Path+" imports "+imp+" (the GUI takes the version from internal/buildinfo)")
				}
			}
		case under(p.Path, module+"/data"):
			for _, dep := range p.Deps {
				if under(dep, "fyne.io") {
					out = append(out, p.Path+" depends on "+dep+" (nothing under data/ knows about Fyne)")
					break
				}
			}
		}
		if p.Path == module+"/data/article" {
			for _, imp := range p.Imports {
				if under(imp, module) {
					out = append(out, p.Path+" imports "+imp+" (the article model is a leaf)")
				}
			}
		}
		if under(p.Path, module+"/data/store") {
			for _, dep := range p.Deps {
				if dep == module+"/data/capture" {
					out = append(out, p.Path+" depends on "+dep+" (the SQLite layer needs only data/article)")
				}
			}
		}
	}
	return out
}

// under reports whether path is root or a package inside it.
func under(path, root string) bool {
	return path == root || strings.HasPrefix(path, root+"/")
}

// modulePackages is the module's import graph, read with go list.
func modulePackages(t *testing.T) []pkg {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	root, err := exec.Command(goTool, "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	// -e: a package another engineer is halfway through still lists its
	// imports; a rule must not pass because the graph could not be read.
	cmd := exec.Command(goTool, "list", "-e", "-tags", "sqlite_fts5 migrated_fynedo",
		"-f", `{{.ImportPath}}|{{join .Imports " "}}|{{join .Deps " "}}`, "./...")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(root)))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	outb, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	sc := bufio.NewScanner(bytes.NewReader(outb))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "|")
		if len(f) != 3 {
			t.Fatalf("go list line %q", sc.Text())
		}
		pkgs = append(pkgs, pkg{Path: f[0], Imports: strings.Fields(f[1]), Deps: strings.Fields(f[2])})
	}
	return pkgs
}

func TestImportRules(t *testing.T) {
	pkgs := modulePackages(t)
	seen := map[string]bool{}
	for _, p := range pkgs {
		seen[p.Path] = true
	}
	// The rules only mean something if go list saw the packages they are about.
	for _, want := range []string{module + "/gui", module + "/gui/views", module + "/data/store", module + "/data/library"} {
		if !seen[want] {
			t.Fatalf("go list did not list %s", want)
		}
	}
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
}

// TestRulesCatchLeaks feeds the rules the leaks issue 16 found, so a rule
// that stops firing is noticed even while the real graph is clean.
func TestRulesCatchLeaks(t *testing.T) {
	leaks := []pkg{
		{Path: "annals/gui/views", Imports: []string{"annals/data/capture", "annals/data/library"}},
		{Path: "annals/gui", Imports: []string{"annals/cli", "annals/data/article"}},
		{Path: "annals/data/images", Deps: []string{"image", "fyne.io/fyne/v2"}},
		{Path: "annals/data/store", Imports: []string{"annals/data/article"}, Deps: []string{"annals/data/article", "annals/data/capture"}},
		{Path: "annals/data/article", Imports: []string{"time", "annals/data/textnorm"}},
	}
	got := violations(leaks)
	for _, want := range []string{
		"annals/gui/views imports annals/data/capture",
		"annals/gui imports annals/cli",
		"annals/data/images depends on fyne.io/fyne/v2",
		"annals/data/store depends on annals/data/capture",
		"annals/data/article imports annals/data/textnorm",
	} {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, want)
		}
		if !found {
			t.Errorf("no violation %q in %q", want, got)
		}
	}
	if len(got) != 5 {
		t.Errorf("%d violations, want 5: %q", len(got), got)
	}
	clean := []pkg{
		{Path: "annals/gui/views", Imports: []string{"annals/data/library", "annals/data/article", "annals/gui/widgets"}},
		{Path: "annals/data/library", Deps: []string{"annals/data/capture", "annals/data/store"}},
	}
	if v := violations(clean); len(v) != 0 {
		t.Errorf("a clean graph broke rules: %q", v)
	}
}
