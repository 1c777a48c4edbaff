package store

// #include "search_rank.h"
import "C"

import "fmt"

// rankFunc is the FTS5 function that ranks every match of a query keeping
// its best few (search_rank.c): annals_rank(articles_fts, limit,
// wholeWords, weights…) is bm25(articles_fts, weights…) for the rows that
// can be among the best limit, and +1 for those that cannot. wholeWords
// is 1 when every phrase is whole words (no prefix, no column filter).
// Only for articles_fts, in ORDER BY that score LIMIT limit (issue 19).
const rankFunc = "annals_rank"

// SQLite runs its auto-extensions on every connection opened after this,
// the store's included: they all have annals_rank.
func init() {
	if rc := C.annals_register_rank(); rc != 0 {
		panic(fmt.Sprintf("store: registering %s with SQLite failed (%d)", rankFunc, rc))
	}
}

// setRankLoadAfter sets how many lengths a query looks up one by one
// before annals_rank reads them all (search_rank.c), and returns the old
// value: tests make small libraries take that path.
func setRankLoadAfter(n int) int {
	old := int(C.annals_rank_load_after)
	C.annals_rank_load_after = C.int(n)
	return old
}
