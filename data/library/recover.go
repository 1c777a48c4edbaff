package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// When the library cannot be opened (damaged, or not a library at all)
// the interface offers to start again from the latest automatic backup.

// ErrNoBackup is returned by RecoverFromBackup when the backups folder
// holds no backup.
var ErrNoBackup = errors.New("there is no backup of the library to restore")

// dbPathOf is where Open puts the library for opts.
func dbPathOf(opts Options) (string, error) {
	if opts.DBPath != "" {
		return opts.DBPath, nil
	}
	dir := opts.Dir
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return "", err
		}
		dir = d
	}
	return filepath.Join(dir, DBFileName), nil
}

// Backups lists the automatic backups of the library opts names, newest
// first (they are in BackupsDirName beside the database).
func Backups(opts Options) ([]string, error) {
	db, err := dbPathOf(opts)
	if err != nil {
		return nil, err
	}
	found, err := filepath.Glob(filepath.Join(filepath.Dir(db), BackupsDirName, "annals-*"+BackupExt))
	if err != nil {
		return nil, err
	}
	slices.Sort(found) // the names sort by date
	slices.Reverse(found)
	return found, nil
}

// RecoverFromBackup sets the library that cannot be opened aside (renamed
// annals.db.unreadable-<date>, never deleted), creates a new one in its
// place and restores the newest backup that can be restored into it. It
// returns the open library and the backup used.
func RecoverFromBackup(ctx context.Context, opts Options) (*Library, string, error) {
	backups, err := Backups(opts)
	if err != nil {
		return nil, "", err
	}
	if len(backups) == 0 {
		return nil, "", ErrNoBackup
	}
	db, err := dbPathOf(opts)
	if err != nil {
		return nil, "", err
	}
	aside := db + ".unreadable-" + time.Now().Format("20060102-150405")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(db+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("could not set the unreadable library aside: %w", err)
		}
	}
	opts.DBPath = db
	var lastErr error
	for _, b := range backups {
		l, err := Open(ctx, opts)
		if err != nil {
			return nil, "", err
		}
		if _, err := l.Restore(ctx, b); err != nil {
			// A damaged backup: start again from an empty library and
			// try the one before it.
			lastErr = fmt.Errorf("%s: %w", filepath.Base(b), err)
			l.log.WithError(err).WithField("backup", b).Warn("recover: this backup cannot be restored")
			l.Close()
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
			continue
		}
		l.log.WithFields(map[string]any{"backup": b, "set_aside": aside}).Info("library recovered from a backup")
		return l, b, nil
	}
	return nil, "", fmt.Errorf("no backup could be restored: %w", lastErr)
}
