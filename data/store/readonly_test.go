package store

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// makeReadOnly makes dir and the files in it unwritable for this process:
// by permissions, or for root (whom permissions do not stop) with the
// immutable attribute. The test is skipped where neither works.
func makeReadOnly(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	if os.Getuid() != 0 {
		for _, e := range ents {
			os.Chmod(filepath.Join(dir, e.Name()), 0o444)
		}
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	args := []string{"+i", dir}
	for _, e := range ents {
		args = append(args, filepath.Join(dir, e.Name()))
	}
	if out, err := exec.Command("chattr", args...).CombinedOutput(); err != nil {
		t.Skipf("cannot make a folder read-only here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", append([]string{"-i"}, args[1:]...)...).Run() })
}

// Issue 15 (degraded): a library in a read-only folder could not even be
// listed. It opens read-only: listing and searching work, every change is
// ErrReadOnly in plain words, and nothing is written.
func TestReadOnlyLibraryCanBeRead(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "lib")
	s, err := Open(ctx, filepath.Join(dir, "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.SaveArticle(ctx, &Article{URL: "https://a.example/1", Title: "Read me", Text: "words about the moon"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(filepath.Join(dir, "annals.db"))
	makeReadOnly(t, dir)

	s, err = Open(ctx, filepath.Join(dir, "annals.db"))
	if err != nil {
		t.Fatalf("Open of a read-only library: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Errorf("ReadOnly() = false")
	}
	list, err := s.List(ctx, Filter{})
	if err != nil || len(list) != 1 {
		t.Errorf("List = %d articles, %v", len(list), err)
	}
	if hits, err := s.Search(ctx, "moon", 10); err != nil || len(hits) != 1 {
		t.Errorf("Search = %v, %v", hits, err)
	}
	err = s.SetFavourite(ctx, id, true)
	if !errors.Is(err, ErrReadOnly) || strings.Contains(err.Error(), "attempt to write") {
		t.Errorf("SetFavourite: err = %v, want ErrReadOnly in plain words", err)
	}
	if _, _, err := s.SaveArticle(ctx, &Article{URL: "https://a.example/2", Title: "x", Text: "x"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveArticle: err = %v, want ErrReadOnly", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "annals.db"))
	if string(before) != string(after) {
		t.Errorf("the read-only library's file changed")
	}
}
