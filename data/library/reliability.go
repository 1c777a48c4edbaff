package library

import "annals/data/store"

// Errors the interface maps to plain words in the reader's language (see
// Classify); their Error() is English and never SQLite's own message.
var (
	// ErrLibraryBusy: another program (or another Annals) kept the library
	// locked for writing longer than Annals waits (about a minute, retried
	// with backoff). Nothing was changed; trying again later works.
	ErrLibraryBusy = store.ErrBusy
	// ErrNotWebLink: an address that is not an http(s) link (javascript:,
	// data:, …) was refused; such addresses are never stored or opened.
	ErrNotWebLink = store.ErrNotWebLink
	// ErrLibraryDamaged: the library failed its integrity check while being
	// backed up; no backup was made and the earlier ones were kept.
	// AutoBackup returns it once, then stays quiet until a backup works.
	ErrLibraryDamaged = store.ErrDamaged
	// ErrNotLibrary: Open was pointed at a file that is not an Annals
	// library (another program's database, or no database); it was left
	// untouched.
	ErrNotLibrary = store.ErrNotLibrary
	// ErrReadOnly: a change was asked of a library opened read-only (its
	// file or folder cannot be written); see Library.ReadOnly.
	ErrReadOnly = store.ErrReadOnly
	// ErrNewerSchema: the library was written by a newer Annals.
	ErrNewerSchema = store.ErrNewerSchema
)

// ReadOnly reports whether the library was opened read-only because its
// file or folder cannot be written: it can be read, listed and searched,
// and every change fails with ErrReadOnly. The interface says so.
func (l *Library) ReadOnly() bool { return l.store.ReadOnly() }

// IsWebLink reports whether raw is an http or https link: the only
// addresses the interface may hand to the system's opener ("Open the
// original page") or export as a link.
func IsWebLink(raw string) bool { return store.IsWebLink(raw) }
