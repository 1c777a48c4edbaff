package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// ErrReadOnly is returned for a change to a library opened read-only (its
// file or folder cannot be written: a read-only disk, another user's
// folder). Reading, listing and searching work.
var ErrReadOnly = errors.New("the library is read-only: its file or folder cannot be written, so nothing can be changed")

type readOnlyError struct{ cause error }

func (e *readOnlyError) Error() string        { return ErrReadOnly.Error() }
func (e *readOnlyError) Unwrap() error        { return e.cause }
func (e *readOnlyError) Is(target error) bool { return target == ErrReadOnly }

// ReadOnly reports whether the library was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// cannotWrite reports whether an existing library at path cannot be
// written: the file itself, or its folder (SQLite writes its WAL and
// shared-memory files there). A missing file is not read-only: creating it
// says what is wrong.
func cannotWrite(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return deniedWrite(err)
	}
	f.Close()
	probe, err := os.CreateTemp(filepath.Dir(path), ".annals-probe-*")
	if err != nil {
		return deniedWrite(err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return false
}

func deniedWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EPERM)
}

// openReadOnly opens a library that cannot be written. SQLite is told the
// file is immutable, since it can create no WAL or shared-memory file
// beside it; a library whose schema would need updating cannot be opened.
func openReadOnly(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("immutable", "1")
	q.Set("_foreign_keys", "on")
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	s := &Store{db: db, path: path, readOnly: true}
	v, err := s.Version(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	switch {
	case v > SchemaVersion():
		db.Close()
		return nil, newerSchema(v)
	case v < SchemaVersion():
		db.Close()
		return nil, fmt.Errorf("store: %w, and it was written by an older Annals whose format must be updated before it can be read", ErrReadOnly)
	}
	return s, nil
}

// isReadOnlyErr reports SQLite's "attempt to write a readonly database".
func isReadOnlyErr(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrReadonly
}
