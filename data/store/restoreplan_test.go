package store

import (
	"context"
	"strings"
	"testing"
)

// A restore in batches must read, per batch, only what the batch's
// articles hold: a step that scans a table of the backup would make a
// restore of 100,000 articles read the backup's tables 200 times.
func TestRestoreStepsReadOnlyTheBatch(t *testing.T) {
	ctx := context.Background()
	src := libraryWithArticles(t, 3)
	sp := src.Path()
	src.Close()
	dst := openTemp(t)
	conn, err := dst.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{"ATTACH DATABASE '" + sp + "' AS src",
		`CREATE TEMP TABLE IF NOT EXISTS amap (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, fresh INTEGER NOT NULL)`,
		`CREATE TEMP TABLE IF NOT EXISTS emap (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range restoreSteps() {
		if !strings.Contains(q, "SELECT") {
			continue
		}
		rows, err := conn.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var a, b, c int
			var d string
			if err := rows.Scan(&a, &b, &c, &d); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, d)
		}
		rows.Close()
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN") && step != "SCAN m" {
				t.Errorf("%.70s…\nscans %q:\n%s", strings.Join(strings.Fields(q), " "), step, strings.Join(plan, "\n"))
			}
		}
	}
}
