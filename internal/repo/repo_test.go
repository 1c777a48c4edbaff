package repo

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRootFindsGoModAbove(t *testing.T) {
	top := t.TempDir()
	if err := os.WriteFile(filepath.Join(top, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(top, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(deep)
	got, _ := filepath.EvalSymlinks(Root())
	want, _ := filepath.EvalSymlinks(top)
	if got != want {
		t.Errorf("Root() = %q, want %q", got, want)
	}
}
