package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// preparer prepares a statement for one transaction: tx.PrepareContext, or
// Store.txPrepare's statements kept across transactions.
type preparer func(ctx context.Context, query string) (*sql.Stmt, error)

// QueryContext makes a preparer a querier (its statements end with the
// transaction).
func (p preparer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// stmtCache holds the statements a bulk save runs in every batch, each
// prepared on the database (database/sql keeps it compiled once per
// connection) and handed to each transaction through tx.StmtContext,
// which reuses the connection's compiled statement. Prepared inside each
// transaction, they were compiled again for every batch (two
// transactions of some sixty statements, the multi-row INSERTs of up to
// 256 rows among them; issue 19). A change of the schema (a migration,
// ATTACH) only has SQLite compile them again where they run, as it does
// any statement.
//
// A statement is prepared on the database only between transactions
// (prepareWanted, before BEGIN): database/sql prepares it on a connection
// of the pool, which it opens when none is free, and opening one runs the
// DSN's PRAGMA auto_vacuum, a write that waits for the lock a transaction
// of this store would be holding. The first transaction to ask for a
// statement compiles it for itself, as before; the next ones reuse it.
type stmtCache struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted []string // asked for in a transaction, not prepared yet
	// reads: queries run outside transactions for every saved page
	// (readQuery)
	reads  map[string]*sql.Stmt
	closed bool
}

// txCompiles counts the statements txPrepare had compiled for one
// transaction only, for the test that a batch after the first compiles
// none.
var txCompiles atomic.Int64

// txPrepare is a preparer for tx that reuses the statements kept
// (stmtCache) and asks for those it does not have to be kept. A statement
// it gives is the transaction's: it ends with it, and closing it leaves
// the kept one alone.
func (s *Store) txPrepare(tx *sql.Tx) preparer {
	return func(ctx context.Context, query string) (*sql.Stmt, error) {
		c := &s.stmts
		c.mu.Lock()
		st := c.stmts[query]
		if st == nil && !c.closed {
			if c.stmts == nil {
				c.stmts = map[string]*sql.Stmt{}
			}
			if _, asked := c.stmts[query]; !asked {
				c.stmts[query] = nil // asked once, not again for each batch
				c.wanted = append(c.wanted, query)
			}
		}
		c.mu.Unlock()
		if st == nil {
			txCompiles.Add(1)
			return tx.PrepareContext(ctx, query)
		}
		return tx.StmtContext(ctx, st), nil
	}
}

// prepareWanted prepares on the database the statements transactions asked
// for, when a connection of the pool is free to prepare them on without
// opening one (see stmtCache). It runs before a transaction begins,
// under writeMu; database/sql's pool hands out its most recently freed
// connection first, so the transaction usually gets the one they were
// just compiled on. A statement that fails to prepare is dropped: the
// transactions compile it for themselves, as before.
func (s *Store) prepareWanted(ctx context.Context) {
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.wanted) == 0 || c.closed || s.db.Stats().Idle == 0 {
		return
	}
	for _, q := range c.wanted {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			delete(c.stmts, q) // to be asked for again
			continue
		}
		c.stmts[q] = st
	}
	c.wanted = c.wanted[:0]
}

// readQuery runs query, a read outside any transaction, on a statement
// kept for the store: a bulk save's after-save steps read each saved page
// (its highlights, its image records), and compiling each read again
// was most of what it cost. database/sql prepares the statement on each
// connection it runs on, once. The prepare is not under the cache's lock:
// on a new connection of the pool it can wait for the write lock (see
// stmtCache), and the writer must not wait for it.
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
	for _, m := range []map[string]*sql.Stmt{c.stmts, c.reads} {
		for _, st := range m {
			if st != nil {
				st.Close()
			}
		}
	}
	c.stmts, c.wanted, c.reads, c.closed = nil, nil, nil, true
}
