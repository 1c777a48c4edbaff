package store

/*
int sqlite3_config(int, ...);
long long sqlite3_memory_used(void);

// SQLITE_CONFIG_MEMSTATUS is 9 in sqlite3.h (not on this package's include
// path; see search_rank.h). sqlite3_config is variadic, which cgo cannot
// call directly.
static int annals_memstatus_off(void) { return sqlite3_config(9, 0); }
*/
import "C"

// SQLite keeps memory statistics by default: every allocation and free it
// makes takes a process-wide mutex to count bytes (sqlite3_memory_used),
// and a bulk save makes thousands a page. Nothing here reads them (no soft
// heap limit is set), so they are turned off. sqlite3_config only works
// before SQLite initialises, which registering annals_rank (an init
// function, search_rank.go) does: a package variable's initialiser runs
// before any init function. When something initialised SQLite earlier
// the statistics simply stay on (sqliteMemStatusOff is false).
var sqliteMemStatusOff = C.annals_memstatus_off() == 0

// sqliteMemoryUsed is what SQLite counts as allocated now: 0 while its
// statistics are off.
func sqliteMemoryUsed() int64 { return int64(C.sqlite3_memory_used()) }
