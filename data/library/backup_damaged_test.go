package library

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// Issue 15, item 6: backing up a damaged library used to succeed, and the
// weekly backup kept only the newest four, so silent damage could push out
// every good copy. Now the copy is checked first: no backup of a damaged
// library is made, the earlier ones stay, and the user is told once.
func TestAutoBackupRefusesADamagedLibrary(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	if _, err := l.Import(ctx, sample("karakeep.json")).Wait(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "backups")
	good, err := l.AutoBackup(ctx, AutoBackupOptions{Dir: dir})
	if err != nil || good == "" {
		t.Fatalf("first AutoBackup = %q, %v", good, err)
	}
	// Damage the search index behind the library's back, as a bad disk
	// sector would.
	raw, err := sql.Open("sqlite3", "file:"+l.DBPath()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("UPDATE articles_fts_data SET block = zeroblob(length(block)) WHERE id > 10"); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	_, err = l.AutoBackup(ctx, AutoBackupOptions{Dir: dir, Every: time.Nanosecond, Keep: 1})
	if !errors.Is(err, ErrLibraryDamaged) {
		t.Fatalf("AutoBackup of a damaged library: err = %v, want ErrLibraryDamaged", err)
	}
	// Said once: the next attempts stay quiet (and still make nothing).
	for range 3 {
		if p, err := l.AutoBackup(ctx, AutoBackupOptions{Dir: dir, Every: time.Nanosecond, Keep: 1}); p != "" || err != nil {
			t.Errorf("a later AutoBackup = %q, %v; want nothing and no second warning", p, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"+BackupExt))
	if len(left) != 1 || left[0] != good {
		t.Errorf("backups left = %v, want only the good one %s", left, good)
	}
	if _, err := l.Backup(ctx, filepath.Join(t.TempDir(), "x"+BackupExt)); !errors.Is(err, ErrLibraryDamaged) {
		t.Errorf("Backup of a damaged library: err = %v", err)
	}
}
