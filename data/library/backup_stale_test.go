package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// leftBackup makes a backup temporary folder as a killed backup leaves it:
// a database copy inside, everything last written age ago.
func leftBackup(t *testing.T, dir, name string, age time.Duration) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(p, 0o700); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(p, DBFileName)
	if err := os.WriteFile(f, []byte("half a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Now().Add(-age)
	for _, x := range []string{f, p} {
		if err := os.Chtimes(x, when, when); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func TestAutoBackupRemovesBackupsLeftByACrash(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	dir := filepath.Join(t.TempDir(), "backups")
	old := leftBackup(t, dir, backupTempPrefix+"123", 3*time.Hour)
	// Another Annals may be writing this one right now.
	recent := leftBackup(t, dir, backupTempPrefix+"456", time.Minute)
	// A folder whose own date is old but with a file written just now is
	// a backup in progress too.
	busy := leftBackup(t, dir, backupTempPrefix+"789", 3*time.Hour)
	if err := os.WriteFile(filepath.Join(busy, "backup.zip"), []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Not a backup's: left alone however old.
	other := leftBackup(t, dir, "notes", 3*time.Hour)

	p, err := l.AutoBackup(ctx, AutoBackupOptions{Dir: dir})
	if err != nil || p == "" {
		t.Fatalf("AutoBackup = %q, %v", p, err)
	}
	if exists(old) {
		t.Errorf("%s was left by a crash hours ago and is still there", old)
	}
	for _, keep := range []string{recent, busy, other, p} {
		if !exists(keep) {
			t.Errorf("%s was removed", keep)
		}
	}

	// A backup not due still clears what a crash left.
	old = leftBackup(t, dir, backupTempPrefix+"321", 2*time.Hour)
	if p, err := l.AutoBackup(ctx, AutoBackupOptions{Dir: dir}); p != "" || err != nil {
		t.Fatalf("a backup a week early: %q, %v", p, err)
	}
	if exists(old) {
		t.Errorf("%s is still there when no backup was due", old)
	}
}

func TestBackupCancelledLeavesNothing(t *testing.T) {
	l := openTemp(t)
	if _, err := l.Import(context.Background(), sample("karakeep.json")).Wait(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Backup(ctx, filepath.Join(dir, "x"+BackupExt)); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled backup: err = %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a cancelled backup left %d files: %v", len(left), left[0].Name())
	}
}

func TestCtxReaderStopsTheCopy(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := ctxReader{ctx, zeros{}}
	buf := make([]byte, 8)
	if n, err := r.Read(buf); n != 8 || err != nil {
		t.Fatalf("Read = %d, %v", n, err)
	}
	cancel()
	if n, err := r.Read(buf); n != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("Read after cancel = %d, %v", n, err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }
