// Package store keeps the Annals library in one SQLite file: the schema and
// its migrations, the queries, and full-text search. It knows nothing of
// HTTP, HTML or the GUI. schema.sql is the schema after all migrations,
// kept current by TestSchemaFile (run it with -update after adding one).
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
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"annals/data/textnorm"

	"github.com/mattn/go-sqlite3"
)

// driverName is a go-sqlite3 driver with the SQL functions the schema's
// triggers call. Every pooled connection gets them through the ConnectHook.
const driverName = "sqlite3_annals"

var registerOnce sync.Once

func registerDriver() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				for name, fn := range map[string]any{
					"annals_fold":  foldForIndex,
					"annals_stems": stemsOf,
					// The article's page as saved, from its stored form
					// (compress.go): annals_text(text),
					// annals_html(html, text), annals_blocks(blocks, text).
					"annals_text": decodeText,
					"annals_html": func(html, text any) (string, error) {
						t, err := decodeText(text)
						if err != nil {
							return "", err
						}
						return decodeHTML(html, t)
					},
					"annals_blocks": func(blocks, text any) (string, error) {
						t, err := decodeText(text)
						if err != nil {
							return "", err
						}
						return blocksJSON(blocks, t)
					},
				} {
					if err := c.RegisterFunc(name, fn, true); err != nil {
						return err
					}
				}
				return nil
			},
		})
	})
}

// stemsOf lists, once each, the words of s whose stem differs from the word
// itself; the body column already holds the rest. The words are those of
// textnorm.Tokens (letters, digits and non-spacing marks), found here in
// place instead of in a slice of every word of the page: the FTS triggers
// call this for each saved article, on the writer's critical path (issue
// 19). Stem returns a word without Arabic letters as it is, so only words
// with a byte past ASCII are stemmed.
func stemsOf(s string) string {
	folded := foldReusing(s)
	var seen map[string]struct{}
	var b []byte
	start, nonASCII := -1, false
	emit := func(end int) {
		tok := folded[start:end]
		start = -1
		if !nonASCII {
			return
		}
		st := textnorm.Stem(tok)
		if st == tok {
			return
		}
		if _, ok := seen[st]; ok {
			return
		}
		if seen == nil {
			seen = make(map[string]struct{}, 64)
			b = make([]byte, 0, len(folded)/8)
		}
		seen[st] = struct{}{}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, st...)
	}
	for i := 0; i < len(folded); {
		c := folded[i]
		size, inWord := 1, false
		switch {
		case c < utf8.RuneSelf:
			inWord = wordRune2[c]
		case c >= 0xC2 && c <= 0xDF && i+1 < len(folded) && folded[i+1]&0xC0 == 0x80:
			// Two bytes (Arabic, accented Latin): the table, not a search
			// of unicode's ranges.
			size, inWord = 2, wordRune2[rune(c&0x1F)<<6|rune(folded[i+1]&0x3F)]
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(folded[i:])
			inWord = isWordRune(r)
		}
		switch {
		case inWord && start < 0:
			start, nonASCII = i, c >= utf8.RuneSelf
		case inWord:
			nonASCII = nonASCII || c >= utf8.RuneSelf
		case start >= 0:
			emit(i)
		}
		i += size
	}
	if start >= 0 {
		emit(len(folded))
	}
	return string(b)
}

// lastFolded is the last long text annals_fold folded, and its folded
// form. The search index's triggers fold an article's text for its body
// column (annals_fold) and then again, with the title in front, for its
// stems column (annals_stems(title || ' ' || text)): the second fold of
// the whole text was a fortieth of what storing a page costs the writer
// (issue 19). Several connections may fold at once; one that finds
// another's text here only folds in full.
var lastFolded atomic.Pointer[foldedText]

type foldedText struct{ in, out string }

// foldReuses counts the folds foldReusing saved, for the tests.
var foldReuses atomic.Int64

// foldMemoFrom is how long a text has to be for foldForIndex to keep it:
// titles, names and queries are folded in full, and would only push an
// article's text out.
const foldMemoFrom = 1024

// foldForIndex is annals_fold: textnorm.Fold, keeping a long text's
// folded form for foldReusing.
func foldForIndex(s string) string {
	out := textnorm.Fold(s)
	if len(s) >= foldMemoFrom {
		lastFolded.Store(&foldedText{in: s, out: out})
	}
	return out
}

// foldReusing is textnorm.Fold(s), reusing lastFolded when s ends with a
// space and that text. Fold maps each rune on its own and a space to
// itself, and a space never continues an earlier rune's bytes, so
// Fold(a + " " + b) is Fold(a) + " " + Fold(b) (tested on random and
// invalid UTF-8).
func foldReusing(s string) string {
	if m := lastFolded.Load(); m != nil && len(s) > len(m.in) {
		head := len(s) - len(m.in) - 1
		if s[head] == ' ' && s[head+1:] == m.in {
			foldReuses.Add(1)
			return textnorm.Fold(s[:head]) + " " + m.out
		}
	}
	return textnorm.Fold(s)
}

// wordRune2 is isWordRune (search.go; textnorm.Tokens' test) of each rune
// of one or two bytes in UTF-8.
var wordRune2 = func() (t [0x800]bool) {
	for r := range rune(len(t)) {
		t[r] = isWordRune(r)
	}
	return t
}()

// ErrNotFound is returned when an article id does not exist.
var ErrNotFound = errors.New("article not found")

// Store is an open library database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	// writeMu lets one write transaction run at a time. SQLite allows one
	// writer anyway; queueing here instead of in SQLite's busy handler
	// means a long transaction (an import, a re-analysis) makes the others
	// wait rather than fail with "database is locked" after the timeout.
	writeMu sync.Mutex
	// busyWait, when set, replaces maxBusyWait (tests).
	busyWait time.Duration
	// readOnly: the file or its folder cannot be written (see ReadOnly).
	readOnly bool
	// stmts: the statements of the reads run for every saved page.
	stmts stmtCache
	// writer: the connection bulk saves write on (inBulkTx).
	writer writerConn
}

// Open opens (creating if needed) the library at path and brings its schema
// up to date. ":memory:" is not supported: the library is always a file, so
// tests exercise the same WAL and locking behaviour users get.
func Open(ctx context.Context, path string) (*Store, error) {
	registerDriver()
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store: create folder for %s: %w", path, err)
	}
	// Another program's database must not be switched to WAL or given
	// Annals' tables: look before opening it as a library.
	readOnly := cannotWrite(path)
	if err := checkOwnFile(ctx, path, readOnly); err != nil {
		return nil, err
	}
	// A library on a read-only disk or in someone else's folder can still
	// be read: open it read-only rather than not at all.
	if readOnly {
		return openReadOnly(ctx, path)
	}
	// Pragmas live in the DSN so every pooled connection gets them.
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	// A new library can give freed pages back without copying itself
	// (ReclaimSpace): a connection of its own makes the file with
	// incremental auto-vacuum, before anything else writes it. The pool's
	// connections do not ask for it: on an existing file it changes
	// nothing, but PRAGMA auto_vacuum = INCREMENTAL is a write, and a
	// connection opened while a save held the write lock waited for it
	// (5 s at most, then failed with "database is locked"): a reader's
	// query, during a bulk save (issue 19).
	if err := createIncremental(ctx, path, q); err != nil {
		return nil, err
	}
	dsn := "file:" + filepath.ToSlash(path) + "?" + q.Encode()
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	// A library written by an older Annals is copied before its schema
	// changes, so a failed update never costs the user their reading.
	if _, err := s.BackupBeforeMigration(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(ctx, len(migrations)); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.markLibrary(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: mark %s as a library: %w", path, err)
	}
	return s, nil
}

// createIncremental makes the library at path, when there is none yet (or
// an empty file), as a database in incremental auto-vacuum mode, with the
// pragmas of q: go-sqlite3 sets auto_vacuum before journal_mode, which
// writes the file's first page.
func createIncremental(ctx context.Context, path string, q url.Values) error {
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 || err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	cq := url.Values{}
	for k, v := range q {
		cq[k] = v
	}
	cq.Set("_auto_vacuum", "incremental")
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?"+cq.Encode())
	if err != nil {
		return fmt.Errorf("store: create %s: %w", path, err)
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: create %s: %w", path, err)
	}
	return db.Close()
}

// Path is the database file's location.
func (s *Store) Path() string { return s.path }

// Close checkpoints the WAL and closes the database.
func (s *Store) Close() error {
	s.closeWriter()
	s.closeStmts()
	if !s.readOnly {
		_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return s.db.Close()
}

// inTx runs fn in one transaction: either all of its writes land or none.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	// BEGIN IMMEDIATE takes the write lock at once, so a lock held by
	// another process shows here, where it is safe to wait and try again.
	tx, err := s.beginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return asBusy(err)
	}
	if err := tx.Commit(); err != nil {
		return asBusy(fmt.Errorf("store: commit: %w", err))
	}
	return nil
}
