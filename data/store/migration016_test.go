package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 19: a batch of many mentions turns the trigger counting them off
// with a row in mentions_counted_by_writer (016) instead of dropping the
// trigger and creating it again, which changed the schema twice a batch
// and had every statement of every connection compiled again. These tests
// upgrade a real schema-15 file, save in batches that count and that do
// not, and check the counts, the row and the schema.
func TestMigration016CountsMentionsWithoutChangingTheSchema(t *testing.T) {
	ctx := context.Background()
	const before = 15
	if len(migrations) <= before || !strings.HasPrefix(migrations[before].name, "016_") {
		t.Fatalf("the migration after schema %d is not 016 (%d migrations)", before, len(migrations))
	}
	path := filepath.Join(t.TempDir(), "old.db")
	openAtVersion(t, path, before)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("version %d, %v; want %d", v, err, SchemaVersion())
	}

	as := bulkArticles()
	rs := analyseAll(t, as)
	ids, err := s.SaveArticles(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	schemaVersion := func() int {
		t.Helper()
		var v int
		if err := s.db.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	flagRows := func() int {
		t.Helper()
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM mentions_counted_by_writer").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	defer func(old int) { countMentionsFrom = old }(countMentionsFrom)
	for _, c := range []struct {
		name string
		from int // countMentionsFrom: 0, the batch counts; huge, the trigger does
		lo   int // articles [lo, lo+3) saved in this step
	}{{"batch counts", 0, 0}, {"trigger counts", 1 << 30, 3}, {"batch counts again", 0, 0}, {"trigger again", 1 << 30, 0}} {
		countMentionsFrom = c.from
		v := schemaVersion()
		if err := s.SaveAnalyses(ctx, ids[c.lo:c.lo+3], rs[c.lo:c.lo+3]); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if after := schemaVersion(); after != v {
			t.Errorf("%s: schema version %d → %d: the batch changed the schema", c.name, v, after)
		}
		if n := flagRows(); n != 0 {
			t.Errorf("%s: %d rows left in mentions_counted_by_writer: the trigger stays off", c.name, n)
		}
		countsAgree(t, s.db)
	}
	var mentions int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM mentions").Scan(&mentions); err != nil || mentions < 20 {
		t.Fatalf("%d mentions, %v: too few to tell counts apart", mentions, err)
	}

	// A batch that fails (an article that is not there) leaves the
	// trigger on: the row went with the rollback.
	countMentionsFrom = 0
	if err := s.SaveAnalyses(ctx, []int64{ids[0], ids[len(ids)-1] + 1000}, rs[:2]); err == nil {
		t.Fatal("a batch for a missing article was saved")
	}
	if n := flagRows(); n != 0 {
		t.Fatalf("%d rows left in mentions_counted_by_writer after a failed batch", n)
	}
	countMentionsFrom = 1 << 30
	if err := s.SaveAnalyses(ctx, ids[3:], rs[3:]); err != nil {
		t.Fatal(err)
	}
	countsAgree(t, s.db)
}
