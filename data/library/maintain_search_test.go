package library

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestMaintainMergesAwayDeletedArticles (issue 19): articles the user
// deleted stay in the search index, each behind a tombstone every search
// checks its matches against, until a merge drops them. Maintenance
// merges the index when one row in a hundred or more is deleted, searches
// find what they found before it, and a maintenance with nothing changed
// since leaves the index as it is.
func TestMaintainMergesAwayDeletedArticles(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	ids := saveUnanalysed(t, l, 30, 150)
	maintain := func() {
		t.Helper()
		clock, waits, ticks := maintainClock()
		jobs := make(chan *Job, 1)
		done := l.Maintain(ctx, MaintainOptions{Clock: clock, Reanalysing: func(j *Job) { jobs <- j }})
		receive(t, waits, "maintenance to wait")
		ticks <- time.Now()
		receive(t, done, "maintenance to end")
		select {
		case j := <-jobs:
			if _, err := j.Wait(); err != nil {
				t.Fatal(err)
			}
		default:
		}
	}
	raw, err := sql.Open("sqlite3", "file:"+l.DBPath()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// index is the search index's segments, its segments' tombstone
	// pages (FTS5 numbers them segid+65536<<37 + page) and its structure
	// record, which every merge rewrites.
	index := func() (segments, tombstonePages int, structure []byte) {
		t.Helper()
		if err := raw.QueryRow(`SELECT
			(SELECT count(DISTINCT id >> 37) FROM articles_fts_data WHERE id >> 37 BETWEEN 1 AND 65535),
			(SELECT count(*) FROM articles_fts_data WHERE id >> 37 > 65535),
			(SELECT block FROM articles_fts_data WHERE id = 10)`).Scan(&segments, &tombstonePages, &structure); err != nil {
			t.Fatal(err)
		}
		return segments, tombstonePages, structure
	}
	queries := []string{"old", "Nvidia", "trade agreement", "Texas"}
	results := func() map[string][]string {
		t.Helper()
		got := map[string][]string{}
		for _, q := range queries {
			hits, err := l.Search(ctx, q, 100)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				got[q] = append(got[q], fmt.Sprintf("%d %.6f %q", h.ID, h.Rank, h.Snippet))
			}
		}
		return got
	}

	maintain() // merges the 30 saves' segments
	if segs, tombs, _ := index(); segs != 1 || tombs != 0 {
		t.Fatalf("after the first maintenance: %d segments, %d tombstone pages; want 1, 0", segs, tombs)
	}
	for _, id := range ids[10:13] {
		if err := l.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	segs, tombs, _ := index()
	if segs != 1 || tombs == 0 {
		t.Fatalf("after 3 deletions: %d segments, %d tombstone pages; want the one segment with tombstones", segs, tombs)
	}
	want := results()
	if len(want["old"]) != 27 {
		t.Fatalf("'old' finds %d of the 27 articles left", len(want["old"]))
	}
	maintain()
	segs, tombs, merged := index()
	if segs != 1 || tombs != 0 {
		t.Errorf("after maintenance: %d segments, %d tombstone pages; want the deleted rows merged away", segs, tombs)
	}
	if got := results(); !reflect.DeepEqual(got, want) {
		t.Errorf("searches after the merge:\n%v\nbefore:\n%v", got, want)
	}
	maintain()
	if _, _, again := index(); !bytes.Equal(again, merged) {
		t.Error("a maintenance with nothing changed since rewrote the search index")
	}
}
