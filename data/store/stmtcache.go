package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// preparer prepares a statement for one transaction: tx.PrepareContext, or
// the writer connection's statements kept across transactions (inBulkTx).
// Its statements are not closed by those who asked for them: they end
// with the transaction, or stay with the connection.
type preparer func(ctx context.Context, query string) (*sql.Stmt, error)

// QueryContext makes a preparer a querier (the statement stays the
// preparer's).
func (p preparer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// stmtCache holds the statements of the reads run for every saved page
// (readQuery).
type stmtCache struct {
	mu     sync.Mutex
	reads  map[string]*sql.Stmt
	closed bool
}

// sqlTx is what a write transaction runs its statements on: a *sql.Tx,
// or the writer connection inside BEGIN … COMMIT (inBulkTx).
type sqlTx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// writerConn is the connection a bulk save writes its batches on, kept
// from the first batch until Close with the statements compiled on it.
// Prepared inside each transaction, they were compiled again for every
// batch (two transactions of some sixty statements, the multi-row
// INSERTs of up to 256 rows among them), and database/sql watches the
// context of every query run in a *sql.Tx with a goroutine of its own
// (4,200 instructions a query, 30 to 50 queries a page); a query run on a
// *sql.Conn with a context that cannot be cancelled has none (issue 19).
// A change of the schema (a migration, ATTACH) only has SQLite compile a
// kept statement again, as it does any statement. Only used under
// writeMu.
type writerConn struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

// connCompiles counts the statements the writer connection compiled, for
// the test that a batch after the first compiles none.
var connCompiles atomic.Int64

// inBulkTx runs fn in one transaction on the writer connection, as inTx
// does on the pool: either all of its writes land or none. fn runs its
// statements on tx and gets those it prepares (kept: never to be closed)
// from prepare. database/sql does not know of this transaction, so it
// does not roll it back when ctx ends: fn checks ctx between its items,
// and a stop found before COMMIT rolls it back.
func (s *Store) inBulkTx(ctx context.Context, fn func(tx sqlTx, prepare preparer) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.writer.conn == nil {
		// A new connection of the pool runs the DSN's pragmas, which
		// can meet another process's lock: wait and try again.
		var conn *sql.Conn
		err := retryBusy(ctx, s.patience(), func() error {
			var err error
			conn, err = s.db.Conn(ctx)
			return err
		})
		if err != nil {
			if !errors.Is(err, ErrBusy) {
				err = fmt.Errorf("store: begin: %w", err)
			}
			return err
		}
		s.writer = writerConn{conn: conn, stmts: map[string]*sql.Stmt{}}
	}
	w := &s.writer
	// BEGIN IMMEDIATE takes the write lock at once, so a lock held by
	// another process shows here, where it is safe to wait and try again.
	err := retryBusy(ctx, s.patience(), func() error {
		_, err := w.conn.ExecContext(ctx, "BEGIN IMMEDIATE")
		return err
	})
	if err != nil {
		if !errors.Is(err, ErrBusy) && !errors.Is(err, ErrReadOnly) {
			s.dropWriter() // in a state not known: a fresh one next time
			err = fmt.Errorf("store: begin: %w", err)
		}
		return err
	}
	end := context.WithoutCancel(ctx)
	prepare := func(ctx context.Context, query string) (*sql.Stmt, error) {
		if st := w.stmts[query]; st != nil {
			return st, nil
		}
		connCompiles.Add(1)
		st, err := w.conn.PrepareContext(end, query)
		if err != nil {
			return nil, err
		}
		w.stmts[query] = st
		return st, nil
	}
	err = fn(w.conn, prepare)
	if err == nil {
		err = ctx.Err() // stopped: nothing of the batch is kept
	}
	if err == nil {
		if _, err = w.conn.ExecContext(end, "COMMIT"); err == nil {
			return nil
		}
		err = fmt.Errorf("store: commit: %w", err)
	}
	if _, rerr := w.conn.ExecContext(end, "ROLLBACK"); rerr != nil {
		s.dropWriter()
	}
	return asBusy(err)
}

// dropWriter discards the writer connection, whose transaction could not
// be ended: database/sql closes it instead of handing it to a reader.
func (s *Store) dropWriter() {
	w := &s.writer
	if w.conn == nil {
		return
	}
	for _, st := range w.stmts {
		st.Close()
	}
	_ = w.conn.Raw(func(any) error { return driver.ErrBadConn })
	w.conn.Close()
	s.writer = writerConn{}
}

// closeWriter gives the writer connection back to the pool with its
// statements closed (Close, before the database). A write still running
// keeps it: closing the database does not wait for that write either.
func (s *Store) closeWriter() {
	if !s.writeMu.TryLock() {
		return
	}
	defer s.writeMu.Unlock()
	w := &s.writer
	if w.conn == nil {
		return
	}
	for _, st := range w.stmts {
		st.Close()
	}
	w.conn.Close()
	s.writer = writerConn{}
}

// readQuery runs query, a read outside any transaction, on a statement
// kept for the store: a bulk save's after-save steps read each saved page
// (its highlights, its image records), and compiling each read again
// was most of what it cost. database/sql prepares the statement on each
// connection it runs on, once. The prepare is not under the cache's lock:
// it may open a new connection of the pool (the DSN's pragmas, a busy
// wait on another process's lock), and no other reader need wait for that.
func (s *Store) readQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c := &s.stmts
	c.mu.Lock()
	st, closed := c.reads[query], c.closed
	c.mu.Unlock()
	if closed {
		return s.db.QueryContext(ctx, query, args...)
	}
	if st == nil {
		var err error
		if st, err = s.db.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		c.mu.Lock()
		switch kept := c.reads[query]; {
		case c.closed:
			defer st.Close() // after this query
		case kept != nil: // another reader kept one first
			defer st.Close()
		default:
			if c.reads == nil {
				c.reads = map[string]*sql.Stmt{}
			}
			c.reads[query] = st
		}
		c.mu.Unlock()
	}
	return st.QueryContext(ctx, args...)
}

// scanOne is QueryRow's Scan for a query's rows: it reads the first row
// into dest and closes them; sql.ErrNoRows when there is none.
func scanOne(rows *sql.Rows, err error) func(dest ...any) error {
	return func(dest ...any) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return err
			}
			return sql.ErrNoRows
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		return rows.Close()
	}
}

// closeStmts closes the kept statements (Close, before the database).
func (s *Store) closeStmts() {
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.reads {
		st.Close()
	}
	c.reads, c.closed = nil, true
}
