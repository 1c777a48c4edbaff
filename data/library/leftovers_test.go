package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Issue 15 (degraded): a killed restore left a whole copy of a database
// (.annals-restore-*) beside the library that nothing removed. Opening the
// library removes those left long ago and keeps a fresh one (a restore may
// be running in another Annals).
func TestOpenRemovesLeftoversOfKilledRestores(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, DBFileName)
	old := filepath.Join(dir, restoreTempPrefix+"111")
	fresh := filepath.Join(dir, restoreTempPrefix+"222")
	oldBackup := filepath.Join(dir, backupTempPrefix+"333")
	for _, d := range []string{old, fresh, oldBackup} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, DBFileName), make([]byte, 1<<20), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-3 * time.Hour)
	for _, p := range []string{old, filepath.Join(old, DBFileName), oldBackup, filepath.Join(oldBackup, DBFileName)} {
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	l, err := Open(context.Background(), Options{DBPath: db})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the killed restore's copy is still there (%v)", err)
	}
	if _, err := os.Stat(oldBackup); !os.IsNotExist(err) {
		t.Errorf("the killed backup's copy is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(fresh, DBFileName)); err != nil {
		t.Errorf("a restore that may still be running lost its copy: %v", err)
	}
}
