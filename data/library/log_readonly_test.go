package library

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Annals starts on a library in a folder it cannot write: the log goes to
// the user's cache folder instead of stopping the program ("open log …:
// operation not permitted" left no window at all).
func TestLoggerFallsBackWhenTheFolderIsReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lib")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, LogFileName), []byte("old\n"), 0o644)
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	if os.Getuid() == 0 {
		args := []string{"+i", dir, filepath.Join(dir, LogFileName)}
		if out, err := exec.Command("chattr", args...).CombinedOutput(); err != nil {
			t.Skipf("cannot make a folder read-only here: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", append([]string{"-i"}, args[1:]...)...).Run() })
	} else {
		os.Chmod(filepath.Join(dir, LogFileName), 0o444)
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	}

	logger, closer, err := NewLogger(dir, false)
	if err != nil {
		t.Fatalf("NewLogger on a read-only folder: %v", err)
	}
	logger.Info("opened read-only")
	closer.Close()
	got, err := os.ReadFile(filepath.Join(cache, "annals", LogFileName))
	if err != nil || !strings.Contains(string(got), "opened read-only") {
		t.Errorf("fallback log: %q, %v", got, err)
	}
}
