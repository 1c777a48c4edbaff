package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as the app: started with ANNALS_TEST_MAIN=1 it
// runs main's code with the arguments in ANNALS_TEST_ARGS, so the window
// test exercises exactly what users run, built with the Makefile's tags.
func TestMain(m *testing.M) {
	if os.Getenv("ANNALS_TEST_MAIN") == "1" {
		os.Exit(run(strings.Fields(os.Getenv("ANNALS_TEST_ARGS"))))
	}
	os.Exit(m.Run())
}

// windowScript starts the app under the X server xvfb-run made, waits for
// its window to be mapped, asks it to quit like a desktop session would
// (SIGTERM), and reports how it exited.
const windowScript = `
"$APP" &
pid=$!
for i in $(seq 1 150); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"Annals"'; then
    echo window-found
    kill -TERM $pid
    wait $pid
    echo "exit=$?"
    exit 0
  fi
  if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "died=$?"; exit 1; fi
  sleep 0.2
done
echo no-window
kill -9 $pid
exit 1
`

func TestWindowOpensAndQuitsCleanly(t *testing.T) {
	for _, tool := range []string{"xvfb-run", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (make test installs it): %v", tool, err)
		}
	}
	if testing.Short() {
		t.Skip("opens a real window")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "annals.db")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", "-c", windowScript)
	cmd.Env = append(os.Environ(), "APP="+os.Args[0], "ANNALS_TEST_MAIN=1", "ANNALS_TEST_ARGS=--db "+db)
	out, err := cmd.CombinedOutput()
	got := string(out)
	if err != nil || !strings.Contains(got, "window-found") || !strings.Contains(got, "exit=0") {
		t.Fatalf("window test failed (%v):\n%s", err, got)
	}
	logText, err := os.ReadFile(filepath.Join(dir, "annals.log"))
	if err != nil {
		t.Fatalf("no log written beside the library: %v", err)
	}
	for _, want := range []string{"library opened", "window shown", "window closed"} {
		if !strings.Contains(string(logText), want) {
			t.Errorf("log lacks %q:\n%s", want, logText)
		}
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("library file not created: %v", err)
	}
}

func TestCommandWithoutWindow(t *testing.T) {
	dir := t.TempDir()
	code := run([]string{"--db", filepath.Join(dir, "annals.db"), "list"})
	if code != 0 {
		t.Fatalf("annals list on an empty library: exit %d", code)
	}
	if code := run([]string{"--db", filepath.Join(dir, "annals.db"), "show", "1"}); code != 1 {
		t.Errorf("annals show 1 on an empty library: exit %d, want 1", code)
	}
}

func TestVersionFlag(t *testing.T) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ANNALS_TEST_MAIN=1", "ANNALS_TEST_ARGS=--version")
	out, err := cmd.Output()
	if err != nil || !strings.HasPrefix(string(out), "Annals ") {
		t.Fatalf("annals --version: %q, %v", out, err)
	}
}

// TestCommandPrintsNothingUnasked: under the C.UTF-8 locale of containers,
// cron and CI a command prints only its own output (Fyne used to log
// "Error parsing user locale C" three times).
func TestCommandPrintsNothingUnasked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "annals.db")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ANNALS_TEST_MAIN=1", "ANNALS_TEST_ARGS=--db "+db+" list",
		"LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("annals list: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("annals list printed to stderr unasked:\n%s", stderr.String())
	}
	if strings.Contains(string(out), "Fyne") {
		t.Errorf("annals list printed Fyne's messages:\n%s", out)
	}
}
