package store

import (
	"context"
	"database/sql"
	"math/bits"
	"strings"
)

// multiRowMax is the most rows one INSERT of a multiRow carries: well
// under SQLite's 32766 variables for any table here, and past a few
// hundred rows a longer statement saves nothing more.
const multiRowMax = 1 << (multiRowSizes - 1)

// multiRowSizes is how many statement sizes a multiRow keeps: 1, 2, 4, …
// multiRowMax rows.
const multiRowSizes = 9

// multiRow inserts rows many to a statement: INSERT … VALUES (…), (…), ….
// Statements of 1, 2, 4, … multiRowMax rows are prepared the first time
// they are needed and kept for the transaction, so n rows take at most
// n/multiRowMax + log2(multiRowMax) statements and a batch prepares at most
// nine of them (compiled once for all batches when prepare keeps them:
// Store.txPrepare). SQLite runs a multi-row INSERT's rows, and their
// triggers, one after the other in the order written, as separate INSERTs
// would.
type multiRow struct {
	prepare preparer
	prefix  string // "INSERT … VALUES "
	suffix  string // after the rows, if anything
	cols    int
	stmts   [multiRowSizes]*sql.Stmt // [k]: 1<<k rows
	args    []any
}

func newMultiRow(prepare preparer, prefix string, cols int) *multiRow {
	return &multiRow{prepare: prepare, prefix: prefix, cols: cols}
}

// insert writes n rows; row(i, args) appends row i's values to args.
func (m *multiRow) insert(ctx context.Context, n int, row func(i int, args []any) []any) error {
	for i := 0; i < n; {
		k := min(bits.Len(uint(n-i))-1, len(m.stmts)-1) // the largest power of two that fits
		rows := 1 << k
		st, err := m.stmt(ctx, k)
		if err != nil {
			return err
		}
		args := m.args[:0]
		for j := i; j < i+rows; j++ {
			args = row(j, args)
		}
		err = execMany(ctx, st, args)
		clear(args) // let go of the strings until the next call
		m.args = args[:0]
		if err != nil {
			return err
		}
		i += rows
	}
	return nil
}

// fusedFrom is how many values a statement takes at least for execMany to
// run it as a query.
const fusedFrom = 16

// execMany runs st, a statement returning no rows, with args. go-sqlite3
// binds an Exec's values with a cgo call each, but a query's values and
// its first step with one; a multi-row INSERT of 256 mentions has 1,536
// values. On the writer connection (inBulkTx) a query costs database/sql
// no goroutine; a statement of a few values is executed all the same.
func execMany(ctx context.Context, st *sql.Stmt, args []any) error {
	if len(args) < fusedFrom {
		_, err := st.ExecContext(ctx, args...)
		return err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	for rows.Next() { // none; a driver that steps lazily runs it here
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}

func (m *multiRow) stmt(ctx context.Context, k int) (*sql.Stmt, error) {
	if st := m.stmts[k]; st != nil {
		return st, nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", m.cols), ", ") + ")"
	var b strings.Builder
	b.WriteString(m.prefix)
	for j := range 1 << k {
		if j > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	b.WriteString(m.suffix)
	st, err := m.prepare(ctx, b.String())
	if err != nil {
		return nil, err
	}
	m.stmts[k] = st
	return st, nil
}
