package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrBusy is returned when another program (or another Annals on the same
// library) kept the library locked for writing longer than Annals waits.
// Its message is plain words: SQLite's own ("database is locked") never
// reaches the user. Match it with errors.Is.
var ErrBusy = errors.New("the library is busy: another program is writing to it; please try again in a moment")

// maxBusyWait is how long a write keeps retrying while the library is
// locked by another connection, on top of SQLite's own 5 s busy timeout
// for each attempt: a restore or an import in another process writes in
// batches of a few seconds, so a minute covers many of them.
var maxBusyWait = time.Minute

// busyError keeps SQLite's error for errors.As and the log while saying
// ErrBusy's words.
type busyError struct{ cause error }

func (e *busyError) Error() string        { return ErrBusy.Error() }
func (e *busyError) Unwrap() error        { return e.cause }
func (e *busyError) Is(target error) bool { return target == ErrBusy }

// isBusy reports SQLite's "database is locked" (SQLITE_BUSY) and "database
// table is locked" (SQLITE_LOCKED).
func isBusy(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked
	}
	return false
}

// asBusy turns a busy error into ErrBusy, a read-only one into
// ErrReadOnly, and leaves others alone.
func asBusy(err error) error {
	switch {
	case err == nil:
		return nil
	case isBusy(err) && !errors.Is(err, ErrBusy):
		return &busyError{cause: err}
	case isReadOnlyErr(err) && !errors.Is(err, ErrReadOnly):
		return &readOnlyError{cause: err}
	}
	return err
}

// retryBusy runs op again while it fails because the library is locked,
// backing off from 50 ms to 2 s, for up to patience; then it returns
// ErrBusy. Other errors return at once.
func retryBusy(ctx context.Context, patience time.Duration, op func() error) error {
	deadline := time.Now().Add(patience)
	wait := 50 * time.Millisecond
	for {
		err := op()
		if err == nil || !isBusy(err) {
			return asBusy(err)
		}
		if time.Now().Add(wait).After(deadline) {
			return &busyError{cause: err}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, 2*time.Second)
	}
}

// patience is how long this store's writes retry while locked.
func (s *Store) patience() time.Duration {
	if s.busyWait > 0 {
		return s.busyWait
	}
	return maxBusyWait
}

// exec runs one writing statement outside a transaction, queued behind
// this process's other writers and retried while another process holds
// the lock.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	var res sql.Result
	err := retryBusy(ctx, s.patience(), func() error {
		var err error
		res, err = s.db.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

// beginTx starts an immediate (writing) transaction on conn or, when conn
// is nil, on the pool, retrying while the library is locked.
func (s *Store) beginTx(ctx context.Context, conn *sql.Conn) (*sql.Tx, error) {
	var tx *sql.Tx
	err := retryBusy(ctx, s.patience(), func() error {
		var err error
		if conn != nil {
			tx, err = conn.BeginTx(ctx, nil)
		} else {
			tx, err = s.db.BeginTx(ctx, nil)
		}
		return err
	})
	if err != nil {
		if errors.Is(err, ErrBusy) || errors.Is(err, ErrReadOnly) {
			return nil, err
		}
		return nil, fmt.Errorf("store: begin: %w", err)
	}
	return tx, nil
}
