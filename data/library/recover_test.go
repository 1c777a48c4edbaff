package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Issue 15 (degraded): when the library cannot be opened the window has
// somewhere to go: RecoverFromBackup sets the unreadable file aside and
// restores the latest backup into a new library.
func TestRecoverFromBackupAfterTheLibraryIsUnreadable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opts := Options{DBPath: filepath.Join(dir, DBFileName)}
	l, err := Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Import(ctx, sample("karakeep.json")).Wait(); err != nil {
		t.Fatal(err)
	}
	want, _ := l.Count(ctx)
	if _, err := l.AutoBackup(ctx, AutoBackupOptions{}); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if _, _, err := RecoverFromBackup(ctx, Options{DBPath: filepath.Join(t.TempDir(), DBFileName)}); !errors.Is(err, ErrNoBackup) {
		t.Errorf("with no backups: err = %v, want ErrNoBackup", err)
	}
	// The file is overwritten with junk: it no longer opens.
	junk := make([]byte, 8192)
	for i := range junk {
		junk[i] = byte(i * 7)
	}
	if err := os.WriteFile(opts.DBPath, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, opts); err == nil {
		t.Fatal("the damaged library opened")
	}
	l, used, err := RecoverFromBackup(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if n, _ := l.Count(ctx); n != want || n == 0 {
		t.Errorf("recovered %d articles, want %d", n, want)
	}
	if filepath.Dir(used) != filepath.Join(dir, BackupsDirName) {
		t.Errorf("used %s", used)
	}
	aside, _ := filepath.Glob(opts.DBPath + ".unreadable-*")
	if len(aside) != 1 {
		t.Fatalf("the unreadable file was not kept aside: %v", aside)
	}
	if b, _ := os.ReadFile(aside[0]); string(b) != string(junk) {
		t.Errorf("the file set aside is not the unreadable library")
	}
}
