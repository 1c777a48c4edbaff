package store

import (
	"context"
	"strings"
	"testing"
)

// queryPlan is EXPLAIN QUERY PLAN's details of query, one line each, as db
// would run it.
func queryPlan(t *testing.T, db querier, query string, args ...any) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var a, b, c int
		var d string
		if err := rows.Scan(&a, &b, &c, &d); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, d)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}

// The queries run for every page or event of a bulk save take +?n where a
// bare ?n would have them compiled again at each run (candidateQuery);
// the plan must be the one the bare parameter gets.
func TestUnaryPlusParametersKeepThePlan(t *testing.T) {
	s := openTemp(t)
	for _, q := range []struct {
		plus string
		args []any
	}{
		{candidateQuery, []any{"2024", 1, "political", 10, 1}},
		{"SELECT " + imageCols + " FROM article_images WHERE article_id = +? ORDER BY src", []any{7}},
	} {
		bare := strings.ReplaceAll(q.plus, "+?", "?")
		if bare == q.plus {
			t.Fatalf("no +? in %s", q.plus)
		}
		if got, want := queryPlan(t, s.db, q.plus, q.args...), queryPlan(t, s.db, bare, q.args...); got != want {
			t.Errorf("plan of %s:\n%s\nwith bare parameters:\n%s", q.plus, got, want)
		}
	}
}
