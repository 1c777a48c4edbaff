// Command testreport reads `go test -json` on stdin and prints what a person
// needs from a test run: one line per package, the output of every failing
// test, every skipped test with its reason, and a closing count
// ("N passed, N failed, N skipped"). It exits 1 when a test, a package or a
// build failed, or when no test ran at all, so `make test` cannot pass
// silently.
//
//	go test -json ./... | go run ./tools/testreport
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output and build-fail events
	Test       string
	Output     string
	Elapsed    float64
}

type testKey struct{ pkg, test string }

type report struct {
	passed, failed, skipped int
	output                  map[testKey][]string // output per test while it runs
	failures                []string
	skips                   []string
	packages                []string
	pkgOutput               map[string][]string // package-level output (build errors, panics outside tests)
	buildOutput             map[string][]string
	broken                  bool // a package or build failed
}

func newReport() *report {
	return &report{output: map[testKey][]string{}, pkgOutput: map[string][]string{}, buildOutput: map[string][]string{}}
}

func (r *report) add(e event) {
	k := testKey{e.Package, e.Test}
	switch e.Action {
	case "build-output":
		r.buildOutput[e.ImportPath] = append(r.buildOutput[e.ImportPath], e.Output)
	case "build-fail":
		r.broken = true
		r.failures = append(r.failures, fmt.Sprintf("build failed: %s\n%s", e.ImportPath, strings.Join(r.buildOutput[e.ImportPath], "")))
	case "output":
		if e.Test == "" {
			r.pkgOutput[e.Package] = append(r.pkgOutput[e.Package], e.Output)
			return
		}
		r.output[k] = append(r.output[k], e.Output)
	case "pass", "fail", "skip":
		if e.Test == "" {
			r.endPackage(e)
			return
		}
		subtest := strings.Contains(e.Test, "/")
		switch e.Action {
		case "pass":
			if !subtest {
				r.passed++
			}
		case "fail":
			if !subtest {
				r.failed++
			}
			r.failures = append(r.failures, fmt.Sprintf("--- FAIL: %s.%s (%.2fs)\n%s", e.Package, e.Test, e.Elapsed, strings.Join(r.output[k], "")))
		case "skip":
			if !subtest {
				r.skipped++
			}
			r.skips = append(r.skips, fmt.Sprintf("%s.%s: %s", short(e.Package), e.Test, skipReason(r.output[k])))
		}
		delete(r.output, k)
	}
}

func (r *report) endPackage(e event) {
	out := r.pkgOutput[e.Package]
	delete(r.pkgOutput, e.Package)
	switch e.Action {
	case "pass":
		r.packages = append(r.packages, fmt.Sprintf("ok   %s\t%.1fs", e.Package, e.Elapsed))
	case "skip":
		r.packages = append(r.packages, fmt.Sprintf("-    %s\t[no test files]", e.Package))
	case "fail":
		r.broken = true
		r.packages = append(r.packages, fmt.Sprintf("FAIL %s\t%.1fs", e.Package, e.Elapsed))
		// Output outside any test (a panic, a timeout, a failed TestMain)
		// is the only clue to why the package failed.
		var keep []string
		for _, l := range out {
			if !strings.HasPrefix(l, "FAIL") && !strings.HasPrefix(l, "ok ") && strings.TrimSpace(l) != "" {
				keep = append(keep, l)
			}
		}
		if len(keep) > 0 {
			r.failures = append(r.failures, fmt.Sprintf("package %s:\n%s", e.Package, strings.Join(keep, "")))
		}
	}
}

// skipReason is the message a test gave to t.Skip: the indented lines it
// logged before "--- SKIP".
func skipReason(lines []string) string {
	var msg []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		msg = append(msg, t)
	}
	if len(msg) == 0 {
		return "(no reason given)"
	}
	return strings.Join(msg, " ")
}

func short(pkg string) string { return strings.TrimPrefix(pkg, "annals/") }

func (r *report) print(w io.Writer) {
	sort.Strings(r.packages)
	for _, p := range r.packages {
		fmt.Fprintln(w, p)
	}
	if len(r.failures) > 0 {
		fmt.Fprintf(w, "\nFailures (%d):\n", len(r.failures))
		for _, f := range r.failures {
			fmt.Fprintln(w, strings.TrimRight(f, "\n"))
		}
	}
	fmt.Fprintf(w, "\nSkipped tests (%d):\n", len(r.skips))
	sort.Strings(r.skips)
	for _, s := range r.skips {
		fmt.Fprintln(w, "  "+s)
	}
	fmt.Fprintf(w, "\n%d passed, %d failed, %d skipped\n", r.passed, r.failed, r.skipped)
}

func (r *report) ok() bool { return !r.broken && r.failed == 0 && r.passed > 0 }

func run(in io.Reader, out io.Writer) int {
	r := newReport()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			// Not an event: go vet or the toolchain printing on its own.
			fmt.Fprintln(out, string(line))
			continue
		}
		r.add(e)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(out, "testreport: reading go test output: %v\n", err)
		r.broken = true
	}
	r.print(out)
	if !r.ok() {
		if r.passed == 0 && r.failed == 0 && !r.broken {
			fmt.Fprintln(out, "testreport: no test ran")
		}
		return 1
	}
	return 0
}

func main() { os.Exit(run(os.Stdin, os.Stdout)) }
