package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
)

// appID marks a SQLite file as an Annals library (PRAGMA application_id,
// four bytes in the file's header): "ANNL".
const appID = 0x414E4E4C

// ErrNotLibrary is returned by Open for a file that is not an Annals
// library: another program's database, or not a database at all. The file
// is left exactly as it was.
var ErrNotLibrary = errors.New("this file is not an Annals library")

type notLibraryError struct {
	path, why  string
	unreadable bool // not a database at all
}

func (e *notLibraryError) Error() string {
	return fmt.Sprintf("%s is not an Annals library (%s); Annals left it untouched", filepath.Base(e.path), e.why)
}
func (e *notLibraryError) Is(target error) bool {
	// A file SQLite cannot read at all, where a library is expected, is
	// most often a damaged library: the interface offers its backups.
	return target == ErrNotLibrary || (target == ErrDamaged && e.unreadable)
}

// checkOwnFile looks at an existing file before Open touches it (opening
// it as a library would switch it to WAL and add Annals' tables): it must
// be empty, marked as an Annals library, or an Annals library from before
// the mark (its schema version and articles table tell). It reads only,
// through a connection that sets no pragmas.
func checkOwnFile(ctx context.Context, path string, readOnly bool) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 {
		return nil // a new library
	}
	q := url.Values{}
	q.Set("mode", "ro")
	if readOnly {
		// No shared-memory file can be made beside a WAL library here.
		q.Set("immutable", "1")
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	var id, version, tables, articles int
	err = db.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master),
		(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles')`).Scan(&id, &version, &tables, &articles)
	if err != nil {
		if isBusy(err) {
			return nil // another Annals is writing to it: Open waits for it
		}
		return &notLibraryError{path: path, why: "it is not a database Annals can read", unreadable: true}
	}
	switch {
	case id == appID:
		return nil
	case id != 0:
		return &notLibraryError{path: path, why: "it belongs to another program"}
	case tables == 0:
		return nil // an empty database: it becomes a library
	case version >= 1 && articles == 1:
		return nil // written by an Annals from before the mark
	default:
		return &notLibraryError{path: path, why: "it belongs to another program"}
	}
}

// markLibrary sets the application id of a library that lacks it.
func (s *Store) markLibrary(ctx context.Context) error {
	var id int
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return err
	}
	if id == appID {
		return nil
	}
	_, err := s.exec(ctx, fmt.Sprintf("PRAGMA application_id = %d", appID))
	return err
}
