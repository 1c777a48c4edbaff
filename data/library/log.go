package library

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	log "github.com/sirupsen/logrus"
)

// LogFileName is the log Annals keeps in its data folder.
const LogFileName = "annals.log"

// maxLogSize bounds the log: past it the old log is kept as annals.log.1 and
// a new one started, so years of use never fill the disk.
const maxLogSize = 5 << 20

// NewLogger returns a logger writing to dir/annals.log, and to stderr too
// when verbose. Close the returned closer on exit.
func NewLogger(dir string, verbose bool) (*log.Logger, io.Closer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create data folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, LogFileName)
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLogSize {
		_ = os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		// A library in a folder that cannot be written still opens for
		// reading (the store notices and the window says so): its log goes
		// to the user's cache folder instead of stopping Annals at start.
		alt, aerr := fallbackLogPath()
		if aerr != nil {
			return nil, nil, fmt.Errorf("open log %s: %w", path, err)
		}
		f, aerr = os.OpenFile(alt, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if aerr != nil {
			return nil, nil, fmt.Errorf("open log %s: %w", path, err)
		}
	}
	l := log.New()
	l.SetFormatter(&log.TextFormatter{FullTimestamp: true, DisableColors: true})
	l.SetLevel(log.InfoLevel)
	l.SetOutput(f)
	if verbose {
		l.SetLevel(log.DebugLevel)
		l.SetOutput(io.MultiWriter(f, os.Stderr))
	}
	return l, f, nil
}

// fallbackLogPath is the log's place when the data folder cannot be
// written: annals.log in the user's cache folder.
func fallbackLogPath() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "annals")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(dir, LogFileName), nil
}
