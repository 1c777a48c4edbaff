package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealGoTestOutput runs `go test -json` on a small module of real tests
// (one passing, one failing, one skipping with a reason, one with a failing
// subtest) and checks the report and the exit code.
func TestRealGoTestOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go tool not found: %v", err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module demo\n\ngo 1.22\n")
	write("demo_test.go", `package demo

import "testing"

func TestPasses(t *testing.T) {}
func TestFails(t *testing.T) { t.Error("two and two made five") }
func TestSkips(t *testing.T) { t.Skip("needs a printer") }
func TestParent(t *testing.T) {
	t.Run("child", func(t *testing.T) { t.Fatal("child broke") })
}
`)
	cmd := exec.Command(goTool, "test", "-json", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	raw, _ := cmd.Output() // exits 1: tests fail on purpose
	var out bytes.Buffer
	code := run(bytes.NewReader(raw), &out)
	got := out.String()
	if code != 1 {
		t.Errorf("exit %d with failing tests, want 1\n%s", code, got)
	}
	for _, want := range []string{
		"1 passed, 2 failed, 1 skipped",
		"demo.TestSkips: demo_test.go:7: needs a printer",
		"two and two made five",
		"child broke",
		"FAIL demo",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}

func TestNoTestsIsAFailure(t *testing.T) {
	var out bytes.Buffer
	if code := run(strings.NewReader(`{"Action":"skip","Package":"demo"}`+"\n"), &out); code != 1 {
		t.Errorf("exit %d when no test ran, want 1:\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "no test ran") {
		t.Errorf("report does not say no test ran:\n%s", out.String())
	}
}

func TestBuildFailureFails(t *testing.T) {
	in := `{"ImportPath":"demo","Action":"build-output","Output":"x.go:3: undefined: y\n"}
{"ImportPath":"demo","Action":"build-fail"}
{"Action":"run","Package":"other","Test":"TestA"}
{"Action":"pass","Package":"other","Test":"TestA"}
{"Action":"fail","Package":"demo","Elapsed":0}
`
	var out bytes.Buffer
	if code := run(strings.NewReader(in), &out); code != 1 {
		t.Errorf("exit %d on a build failure, want 1", code)
	}
	if !strings.Contains(out.String(), "undefined: y") {
		t.Errorf("build error not shown:\n%s", out.String())
	}
}
