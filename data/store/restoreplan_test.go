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
		plan := queryPlan(t, conn, q)
		for _, step := range strings.Split(plan, "\n") {
			if strings.HasPrefix(step, "SCAN") && step != "SCAN m" {
				t.Errorf("%.70s…\nscans %q:\n%s", strings.Join(strings.Fields(q), " "), step, plan)
			}
		}
	}
}
