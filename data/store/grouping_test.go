package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals/data/analysis"
)

// groupMismatch checks the groups against what the events imply: "" when
// group_entities equals a GROUP BY over the events' types and non-place
// entities, no group's id is more than its smallest event id or is the id
// of an event outside it or is used on two dates, no group holds two
// events of one article or two event types and no event is left unplaced.
func groupMismatch(t *testing.T, s *Store) string {
	t.Helper()
	return groupMismatchSince(t, s, 0)
}

// groupMismatchSince is groupMismatch for a library migrated to 011 when
// its largest event id was legacy: groups up to that id may be groups of
// 010 holding several types (011 keeps them), the others may not (a
// group's id is never more than a member's, so those hold only events
// placed by the rule of 011).
func groupMismatchSince(t *testing.T, s *Store, legacy int64) string {
	t.Helper()
	ctx := context.Background()
	read := func(q string) []string {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals...))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	got := read("SELECT date, '/', entity_id, '/', type, '/', group_id, ':', members FROM group_entities ORDER BY date, entity_id, type, group_id")
	want := read(`SELECT e.date, '/', ee.entity_id, '/', e.type, '/', e.group_id, ':', count(*) FROM events e
		JOIN event_entities ee ON ee.event_id = e.id JOIN entities n ON n.id = ee.entity_id
		WHERE e.group_id <> 0 AND n.type <> 'place' GROUP BY e.date, ee.entity_id, e.type, e.group_id
		ORDER BY e.date, ee.entity_id, e.type, e.group_id`)
	if !slices.Equal(got, want) {
		return fmt.Sprintf("group_entities\n  %v\nwant\n  %v", got, want)
	}
	for _, c := range []struct{ what, q string }{
		{"events never placed", "SELECT id FROM events WHERE group_id = 0"},
		{"groups whose id is more than their smallest event id (date, group, smallest)",
			"SELECT date, group_id, min(id) FROM events GROUP BY date, group_id HAVING min(id) < group_id"},
		{"group ids that are the id of an event outside the group (event, its group, group)",
			"SELECT f.id, f.group_id, e.group_id FROM events e JOIN events f ON f.id = e.group_id WHERE f.group_id <> e.group_id"},
		{"group ids on two dates", "SELECT group_id FROM events GROUP BY group_id HAVING count(DISTINCT date) > 1"},
		{"groups holding two events of one article (group, article)",
			"SELECT group_id, article_id FROM events GROUP BY group_id, article_id HAVING count(*) > 1"},
		{"group_entities rows of entities that are gone", "SELECT entity_id FROM group_entities WHERE entity_id NOT IN (SELECT id FROM entities)"},
		{"groups made under 011 holding two event types (group, types)", fmt.Sprintf(
			"SELECT group_id, group_concat(DISTINCT type) FROM events WHERE group_id > %d GROUP BY group_id HAVING count(DISTINCT type) > 1", legacy)},
	} {
		if bad := read(c.q); len(bad) > 0 {
			return fmt.Sprintf("%s: %v", c.what, bad)
		}
	}
	return ""
}

// greedyGroups groups the stored events from scratch by the rule of 011:
// on each date, in id order, an event joins the oldest group of its type
// sharing a non-place entity with it that holds no event of its article.
// It returns each event's group id (the group's smallest event id).
func greedyGroups(t *testing.T, s *Store) map[int64]int64 {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT e.id, e.article_id, e.date, e.type, n.id FROM events e
		LEFT JOIN event_entities ee ON ee.event_id = e.id
		LEFT JOIN entities n ON n.id = ee.entity_id AND n.type <> 'place' ORDER BY e.id`)
	if err != nil {
		t.Fatal(err)
	}
	type event struct {
		id, article int64
		date, typ   string
		ents        []int64
	}
	var evs []*event
	for rows.Next() {
		var id, art int64
		var date, typ string
		var ent sql.NullInt64
		if err := rows.Scan(&id, &art, &date, &typ, &ent); err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 || evs[len(evs)-1].id != id {
			evs = append(evs, &event{id: id, article: art, date: date, typ: typ})
		}
		if ent.Valid {
			evs[len(evs)-1].ents = append(evs[len(evs)-1].ents, ent.Int64)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	type group struct {
		id       int64
		typ      string
		ents     map[int64]bool
		articles map[int64]bool
	}
	byDate := map[string][]*group{} // in the order they were made: oldest first
	out := map[int64]int64{}
	for _, e := range evs {
		var into *group
	find:
		for _, g := range byDate[e.date] {
			if g.typ != e.typ || g.articles[e.article] {
				continue
			}
			for _, n := range e.ents {
				if g.ents[n] {
					into = g
					break find
				}
			}
		}
		if into == nil {
			into = &group{id: e.id, typ: e.typ, ents: map[int64]bool{}, articles: map[int64]bool{}}
			byDate[e.date] = append(byDate[e.date], into)
		}
		into.articles[e.article] = true
		for _, n := range e.ents {
			into.ents[n] = true
		}
		out[e.id] = into.id
	}
	return out
}

// storedGroups is each event's group_id.
func storedGroups(t *testing.T, s *Store) map[int64]int64 {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), "SELECT id, group_id FROM events")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, g int64
		if err := rows.Scan(&id, &g); err != nil {
			t.Fatal(err)
		}
		out[id] = g
	}
	return out
}

// greedyMismatch compares the stored groups with greedyGroups.
func greedyMismatch(t *testing.T, s *Store) string {
	t.Helper()
	got, want := storedGroups(t, s), greedyGroups(t, s)
	var diff []string
	for id, g := range want {
		if got[id] != g {
			diff = append(diff, fmt.Sprintf("event %d in %d, greedy %d", id, got[id], g))
		}
	}
	slices.Sort(diff)
	return strings.Join(diff, "; ")
}

func saveTLArticle(t *testing.T, l *tlLib, url string, events int) (int64, analysis.Result) {
	t.Helper()
	text, res := l.article(t, events)
	return saveText(t, l.s, url, "a", text), res
}

// TestIncrementalGroupsEqualGreedy adds articles one by one and in batches
// (only additions) and compares the groups kept incrementally with the
// greedy grouping of all events from scratch, in id order.
func TestIncrementalGroupsEqualGreedy(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			s := openTemp(t)
			ctx := context.Background()
			l := newTLLib(t, s, seed)
			for i := range 40 {
				id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/%d", i), 1+l.rng.Intn(6))
				if err := s.SaveAnalysis(ctx, id, res); err != nil {
					t.Fatal(err)
				}
			}
			var ids []int64
			var rs []analysis.Result
			for i := range 30 {
				id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/batch/%d", i), 1+l.rng.Intn(6))
				ids, rs = append(ids, id), append(rs, res)
			}
			if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
				t.Fatal(err)
			}
			if m := greedyMismatch(t, s); m != "" {
				t.Fatal(m)
			}
			if m := groupMismatch(t, s); m != "" {
				t.Fatal(m)
			}
			var multi, skipped int
			if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT group_id FROM events GROUP BY group_id HAVING count(*) > 2)`).Scan(&multi); err != nil {
				t.Fatal(err)
			}
			// groups of one date sharing an entity kept apart by an article
			if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM group_entities a JOIN group_entities b
				ON b.date = a.date AND b.entity_id = a.entity_id AND b.group_id > a.group_id`).Scan(&skipped); err != nil {
				t.Fatal(err)
			}
			if multi == 0 || skipped == 0 {
				t.Fatalf("groups of three or more: %d, groups kept apart: %d; the test would miss them", multi, skipped)
			}
		})
	}
}

// TestReanalysisMovesOnlyItsEvents re-analyses articles in the middle of a
// library: every other event stays in the group it was in, under the same
// id even when the group's first event was one of theirs, and the dates
// they have no events on keep their group_entities rows as they were.
func TestReanalysisMovesOnlyItsEvents(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 5)
	var ids []int64
	for i := range 50 {
		id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/%d", i), 2+l.rng.Intn(5))
		if err := s.SaveAnalysis(ctx, id, res); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	type row struct {
		article, group int64
		date           string
	}
	snapshot := func() map[int64]row {
		rows, err := s.db.QueryContext(ctx, "SELECT id, article_id, group_id, date FROM events")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int64]row{}
		for rows.Next() {
			var id int64
			var r row
			if err := rows.Scan(&id, &r.article, &r.group, &r.date); err != nil {
				t.Fatal(err)
			}
			out[id] = r
		}
		return out
	}
	dateRows := func(dates map[string]bool) []string {
		var out []string
		rows, err := s.db.QueryContext(ctx, "SELECT date, entity_id, group_id, members FROM group_entities ORDER BY 1, 2, 3")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var d string
			var e, g, m int64
			if err := rows.Scan(&d, &e, &g, &m); err != nil {
				t.Fatal(err)
			}
			if !dates[d] {
				out = append(out, fmt.Sprint(d, e, g, m))
			}
		}
		return out
	}
	founders := 0
	for _, moved := range [][]int64{{ids[20]}, {ids[10], ids[30], ids[31]}} {
		before := snapshot()
		mine := map[int64]bool{}
		touched := map[string]bool{} // dates their old or new events are on
		for _, r := range before {
			if slices.Contains(moved, r.article) {
				touched[r.date] = true
			}
		}
		var rs []analysis.Result
		for _, id := range moved {
			mine[id] = true
			var text string
			if err := s.db.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", id).Scan(&text); err != nil {
				t.Fatal(err)
			}
			date := l.dates[len(rs)]
			touched[date] = true
			rs = append(rs, mkResult(t, text, l.pool, ev{date, "market", "re-read", text[:8], []string{l.pool[0].id, l.pool[1].id}}))
		}
		untouched := dateRows(touched)
		if err := s.SaveAnalyses(ctx, moved, rs); err != nil {
			t.Fatal(err)
		}
		after := snapshot()
		for id, r := range before {
			if mine[r.article] {
				if _, ok := after[id]; ok {
					t.Fatalf("old event %d of a re-analysed article is still there", id)
				}
				continue
			}
			if f, ok := before[r.group]; ok && mine[f.article] {
				founders++
			}
			if got := after[id]; got.group != r.group || got.date != r.date {
				t.Errorf("event %d (article %d) moved from group %d to %d", id, r.article, r.group, got.group)
			}
		}
		if got := dateRows(touched); !slices.Equal(got, untouched) {
			t.Errorf("group_entities of dates the articles have no events on changed:\n  %v\nwas\n  %v", got, untouched)
		}
		if m := groupMismatch(t, s); m != "" {
			t.Fatal(m)
		}
		if m := summaryMismatch(t, s); m != "" {
			t.Fatal(m)
		}
	}
	if founders == 0 {
		t.Error("no group with other members lost its first event: the test would miss them")
	}
}

// TestPlacingReadsNoDate checks that finding an event's group is index
// probes by its own entities, never a scan of the date's events.
func TestPlacingReadsNoDate(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	all := queryPlan(t, tx, candidateQuery, "2024", 1, "political", 10, 1)
	// "SCAN c" reads the at most maxCandidates groups the bounded
	// subquery found; any other scan would read the date.
	if !strings.Contains(all, "ge USING PRIMARY KEY (date=? AND entity_id=? AND type=? AND group_id<?)") ||
		!strings.Contains(all, "events_group_article (group_id=? AND article_id=?)") ||
		strings.Contains(strings.ReplaceAll(all, "SCAN c\n", ""), "SCAN") || strings.Contains(all, "TEMP B-TREE") {
		t.Errorf("placing reads:\n%s", all)
	}
}

// groupsOf lists the group ids of date's events in id order.
func groupsOf(t *testing.T, s *Store, date string) []int64 {
	return int64s(t, s, "SELECT group_id FROM events WHERE date = ? ORDER BY id", date)
}

// eventsOf lists an article's event ids in order.
func eventsOf(t *testing.T, s *Store, article int64) []int64 {
	return int64s(t, s, "SELECT id FROM events WHERE article_id = ? ORDER BY id", article)
}

// int64s runs a query of one integer column.
func int64s(t *testing.T, s *Store, query string, args ...any) []int64 {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sameDay saves an article whose events all fall on 2024-05-01, each
// political, with the entities given.
func sameDay(t *testing.T, s *Store, url string, evEnts ...[]ent) int64 {
	t.Helper()
	return typedDay(t, s, url, "political", evEnts...)
}

// typedDay is sameDay with events of type typ.
func typedDay(t *testing.T, s *Store, url, typ string, evEnts ...[]ent) int64 {
	t.Helper()
	var sb strings.Builder
	var evs []ev
	seen := map[string]bool{}
	var ents []ent
	for i, es := range evEnts {
		stamp := fmt.Sprintf("on day %d", i)
		var names, keys []string
		for _, e := range es {
			names = append(names, e.name)
			keys = append(keys, e.id)
			if !seen[e.id] {
				seen[e.id] = true
				ents = append(ents, e)
			}
		}
		fmt.Fprintf(&sb, "%s met %s. ", strings.Join(names, " and "), stamp)
		evs = append(evs, ev{"2024-05-01", typ, "met", stamp, keys})
	}
	text := sb.String()
	id := saveText(t, s, url, "a", text)
	if err := s.SaveAnalysis(context.Background(), id, mkResult(t, text, ents, evs...)); err != nil {
		t.Fatal(err)
	}
	return id
}

var (
	gPer   = ent{id: "person:grace", name: "Grace", spellings: []string{"Grace"}}
	gOrg   = ent{id: "organisation:acme", name: "Acme", spellings: []string{"Acme"}}
	gPlace = ent{id: "place:paris", name: "Paris", spellings: []string{"Paris"}}
)

// TestGroupHoldsOneEventPerArticle: the second event of an article sharing
// the group's entity starts, or joins, another group.
func TestGroupHoldsOneEventPerArticle(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := sameDay(t, s, "https://g.example/a", []ent{gPer}, []ent{gPer})
	b := sameDay(t, s, "https://g.example/b", []ent{gPer, gPlace})
	c := sameDay(t, s, "https://g.example/c", []ent{gPer}, []ent{gPer})
	d := sameDay(t, s, "https://g.example/d", []ent{gPlace}) // a place links nothing
	ea, eb, ec, ed := eventsOf(t, s, a), eventsOf(t, s, b), eventsOf(t, s, c), eventsOf(t, s, d)
	want := []int64{ea[0], ea[1], ea[0], ea[0], ea[1], ed[0]}
	if got := groupsOf(t, s, "2024-05-01"); !slices.Equal(got, want) {
		t.Fatalf("groups = %v, want %v (events a %v, b %v, c %v, d %v)", got, want, ea, eb, ec, ed)
	}
	if m := greedyMismatch(t, s); m != "" {
		t.Fatal(m)
	}
	// The first event goes: the others of its group stay together under
	// its id.
	if err := s.DeleteEvent(ctx, ea[0]); err != nil {
		t.Fatal(err)
	}
	want = []int64{ea[1], ea[0], ea[0], ea[1], ed[0]}
	if got := groupsOf(t, s, "2024-05-01"); !slices.Equal(got, want) {
		t.Fatalf("after delete, groups = %v, want %v", got, want)
	}
	if m := groupMismatch(t, s); m != "" {
		t.Fatal(m)
	}
}

// TestGroupFounderLeaves takes the first event of a group of five out and
// back, by every way an event leaves: the group is never split, takes the
// smallest remaining id when its first event leaves to be placed again,
// and keeps its id when its first event is deleted.
func TestGroupFounderLeaves(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var arts, evs []int64
	for i := range 5 {
		a := sameDay(t, s, fmt.Sprintf("https://g.example/%d", i), []ent{gPer, gOrg})
		arts = append(arts, a)
		evs = append(evs, eventsOf(t, s, a)[0])
	}
	check := func(step string, want ...int64) {
		t.Helper()
		if got := groupsOf(t, s, "2024-05-01"); !slices.Equal(got, want) {
			t.Fatalf("after %s: groups = %v, want %v", step, got, want)
		}
		if m := groupMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
		if m := summaryMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
	}
	e := evs
	check("saves", e[0], e[0], e[0], e[0], e[0])
	if err := s.EditEvent(ctx, e[0], EventEdit{Date: "2024-06-01"}); err != nil {
		t.Fatal(err)
	}
	check("first event moved to another date", e[1], e[1], e[1], e[1])
	if got := groupsOf(t, s, "2024-06-01"); !slices.Equal(got, []int64{e[0]}) {
		t.Fatalf("moved event: %v", got)
	}
	if err := s.EditEvent(ctx, e[0], EventEdit{Date: "2024-05-01"}); err != nil {
		t.Fatal(err)
	}
	check("older event moved back", e[0], e[0], e[0], e[0], e[0])
	if err := s.DeleteEvent(ctx, e[0]); err != nil {
		t.Fatal(err)
	}
	check("first event deleted", e[0], e[0], e[0], e[0])
	// The entities become places one at a time: the group stays whole
	// while Acme still links it, then every event is placed again alone.
	if err := s.SetEntityType(ctx, gPer.id, "place"); err != nil {
		t.Fatal(err)
	}
	check("one entity a place", e[1], e[1], e[1], e[1])
	if err := s.SetEntityType(ctx, gOrg.id, "place"); err != nil {
		t.Fatal(err)
	}
	check("both entities places", e[1], e[2], e[3], e[4])
	if err := s.SetEntityType(ctx, gPer.id, "person"); err != nil {
		t.Fatal(err)
	}
	check("a person again", e[1], e[1], e[1], e[1])
	if err := s.Delete(ctx, arts[1]); err != nil {
		t.Fatal(err)
	}
	check("article of the first event deleted", e[1], e[1], e[1])
	// A changed text drops the analysis by a trigger, without Go.
	if _, err := s.db.ExecContext(ctx, "UPDATE articles SET text = text || ' More.' WHERE id = ?", arts[2]); err != nil {
		t.Fatal(err)
	}
	check("text of an article changed", e[1], e[1])
	// Placed again without Grace (Acme is a place): apart, under their
	// own ids.
	if err := s.MarkNotEntity(ctx, gPer.id); err != nil {
		t.Fatal(err)
	}
	check("entity not an entity", e[3], e[4])
	// A new event of the same date never takes a deleted event's id.
	f := sameDay(t, s, "https://g.example/new", []ent{gPer})
	if ef := eventsOf(t, s, f); len(ef) != 1 || ef[0] <= e[4] {
		t.Fatalf("new event ids %v", ef)
	}
}

// TestMergeAndPlacesKeepGroupEntities merges entities and turns them into
// places and back, checking group_entities after each.
func TestMergeAndPlacesKeepGroupEntities(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	other := ent{id: "person:grace-h", name: "GraceH", spellings: []string{"GraceH"}}
	a := sameDay(t, s, "https://g.example/a", []ent{gPer, gPlace})
	b := sameDay(t, s, "https://g.example/b", []ent{other, gOrg})
	c := sameDay(t, s, "https://g.example/c", []ent{gOrg, gPlace})
	ea, eb, ec := eventsOf(t, s, a)[0], eventsOf(t, s, b)[0], eventsOf(t, s, c)[0]
	check := func(step string, want ...int64) {
		t.Helper()
		if got := groupsOf(t, s, "2024-05-01"); !slices.Equal(got, want) {
			t.Fatalf("after %s: groups = %v, want %v", step, got, want)
		}
		if m := groupMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
	}
	check("saves", ea, eb, eb)
	// b's GraceH is Grace: b's event is placed again and joins a's group,
	// the oldest it shares an entity with; c stays in the group b left,
	// which takes c's id.
	if err := s.MergeEntities(ctx, other.id, gPer.id); err != nil {
		t.Fatal(err)
	}
	check("merge", ea, ea, ec)
	if err := s.SetEntityType(ctx, gOrg.id, "place"); err != nil {
		t.Fatal(err)
	}
	// c shares only places now: it is placed again, alone.
	check("organisation becomes a place", ea, ea, ec)
	if err := s.MergeEntities(ctx, gPlace.id, gOrg.id); err != nil {
		t.Fatal(err)
	}
	check("place merged into a place", ea, ea, ec)
	if err := s.SetEntityType(ctx, gOrg.id, "organisation"); err != nil {
		t.Fatal(err)
	}
	check("a place becomes an organisation", ea, ea, ea)
	// Re-analysis re-applies the corrections (type and merges) without
	// the groups' rows drifting.
	for _, id := range []int64{a, b, c} {
		var text string
		if err := s.db.QueryRowContext(ctx, "SELECT annals_text(text) FROM articles WHERE id = ?", id).Scan(&text); err != nil {
			t.Fatal(err)
		}
		res := mkResult(t, text, []ent{gPer, other, gOrg, gPlace}, ev{"2024-05-01", "political", "met", "on day 0",
			[]string{gPer.id, other.id, gOrg.id, gPlace.id}})
		if err := s.SaveAnalysis(ctx, id, res); err != nil {
			t.Fatal(err)
		}
		if m := groupMismatch(t, s); m != "" {
			t.Fatalf("after re-analysis of %d: %s", id, m)
		}
	}
}

// TestGroupEntitiesFollowRawChanges changes entities and event_entities
// behind Go's back, as a future writer might: the triggers keep
// group_entities exact (the groups themselves stay as they were).
func TestGroupEntitiesFollowRawChanges(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 13)
	for i := range 25 {
		id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/%d", i), 1+l.rng.Intn(5))
		if err := s.SaveAnalysis(ctx, id, res); err != nil {
			t.Fatal(err)
		}
	}
	var ev, other int64
	if err := s.db.QueryRowContext(ctx, `SELECT ee.event_id, (SELECT min(id) FROM entities WHERE id NOT IN
		(SELECT entity_id FROM event_entities WHERE event_id = ee.event_id) AND type <> 'place')
		FROM event_entities ee JOIN events e ON e.id = ee.event_id ORDER BY e.group_id = e.id, ee.event_id LIMIT 1`).Scan(&ev, &other); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		name string
		q    string
		args []any
	}{
		{"a person becomes a place", "UPDATE entities SET type = 'place' WHERE key = ?", []any{l.pool[0].id}},
		{"and a person again", "UPDATE entities SET type = 'person' WHERE key = ?", []any{l.pool[0].id}},
		{"a place becomes a product", "UPDATE entities SET type = 'product' WHERE key = ?", []any{l.pool[3].id}},
		{"an entity added to a placed event", "INSERT INTO event_entities (event_id, entity_id) VALUES (?, ?)", []any{ev, other}},
		{"and taken away", "DELETE FROM event_entities WHERE event_id = ? AND entity_id = ?", []any{ev, other}},
		{"an entity deleted", "DELETE FROM entities WHERE key = ?", []any{l.pool[1].id}},
	} {
		before := storedGroups(t, s)
		if _, err := s.db.ExecContext(ctx, step.q, step.args...); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if m := groupMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step.name, m)
		}
		if after := storedGroups(t, s); !maps.Equal(before, after) {
			t.Fatalf("after %s: the groups changed", step.name)
		}
	}
}

// TestRestorePlacesBackupEvents merges a backup into a library: the new
// articles' events join the groups of their dates as new events.
func TestRestorePlacesBackupEvents(t *testing.T) {
	ctx := context.Background()
	src := openTemp(t)
	dst := openTemp(t)
	ls, ld := newTLLib(t, src, 21), newTLLib(t, dst, 22)
	for i := range 20 {
		for _, l := range []*tlLib{ls, ld} {
			id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/%p/%d", l, i), 1+l.rng.Intn(5))
			if err := l.s.SaveAnalysis(ctx, id, res); err != nil {
				t.Fatal(err)
			}
		}
	}
	// One article both have: the library's copy stays.
	id, res := saveTLArticle(t, ls, "https://g.example/both", 3)
	if err := src.SaveAnalysis(ctx, id, res); err != nil {
		t.Fatal(err)
	}
	id, res = saveTLArticle(t, ld, "https://g.example/both", 3)
	if err := dst.SaveAnalysis(ctx, id, res); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := src.BackupTo(ctx, backup); err != nil {
		t.Fatal(err)
	}
	st, err := dst.MergeFrom(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 20 {
		t.Fatalf("restored %d articles, want 20", st.Articles)
	}
	if m := groupMismatch(t, dst); m != "" {
		t.Fatal(m)
	}
	if m := summaryMismatch(t, dst); m != "" {
		t.Fatal(m)
	}
	// Only additions: the greedy grouping of everything.
	if m := greedyMismatch(t, dst); m != "" {
		t.Fatal(m)
	}
}

// TestGroupEntitiesBackfill runs migration 010 on a library written before
// it, with a group whose first event the old code deleted without
// regrouping (a changed text): the table is filled from the events and
// every group is kept as it was.
func TestGroupEntitiesBackfill(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 9)
	var ids []int64
	var rs []analysis.Result
	for i := range 30 {
		id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/%d", i), 4)
		ids, rs = append(ids, id), append(rs, res)
	}
	if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	want := storedGroups(t, s)
	backBefore010(t, s)
	var founder int64
	if err := s.db.QueryRowContext(ctx, `SELECT group_id FROM events GROUP BY group_id HAVING count(*) > 2
		ORDER BY group_id LIMIT 1`).Scan(&founder); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM events WHERE id = ?", founder); err != nil {
		t.Fatal(err)
	}
	// 010, then 011 (groupMismatch reads 011's group_entities).
	runMigration(t, s, "010_")
	runMigration(t, s, "011_")
	if m := groupMismatch(t, s); m != "" {
		t.Fatal(m)
	}
	if m := summaryMismatch(t, s); m != "" {
		t.Fatal(m)
	}
	got := storedGroups(t, s)
	delete(want, founder)
	for id, g := range want {
		if got[id] != g {
			t.Errorf("event %d: group %d, want %d", id, got[id], g)
		}
	}
}

// backBefore010 takes a library back to its schema before 010 (and 011,
// which changes only what 010 made): no group_entities, no triggers
// keeping it, 009's indexes.
func backBefore010(t *testing.T, s *Store) {
	t.Helper()
	_, err := s.db.ExecContext(context.Background(), `DROP TRIGGER events_group_entities_update; DROP TRIGGER events_group_founder_leaves;
		DROP TRIGGER events_group_delete; DROP TRIGGER event_entities_group_insert; DROP TRIGGER event_entities_group_delete;
		DROP TRIGGER entities_group_type; DROP TABLE group_entities; DROP INDEX events_group_article;
		CREATE INDEX events_group ON events (group_id); CREATE INDEX events_date_article ON events (date, article_id, id)`)
	if err != nil {
		t.Fatal(err)
	}
}

// runMigration runs the migration whose file name starts with prefix.
func runMigration(t *testing.T, s *Store, prefix string) {
	t.Helper()
	i := slices.IndexFunc(migrations, func(m migration) bool { return strings.HasPrefix(m.name, prefix) })
	if i < 0 {
		t.Fatalf("no migration %s", prefix)
	}
	if _, err := s.db.ExecContext(context.Background(), migrations[i].sql); err != nil {
		t.Fatalf("migration %s: %v", migrations[i].name, err)
	}
}

// mixTypes makes up to n groups holding two event types, as the rule of
// 010 made them and 011 keeps them, by joining pairs of groups of one
// date, of different types, sharing an entity and no article (the
// triggers keep group_entities and the summary). The code of 011 never
// makes such groups, but libraries migrated to it hold them. It returns
// the largest event id: groups started after it hold one type.
func mixTypes(t *testing.T, s *Store, n int) (legacy int64) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.db.QueryContext(ctx, `WITH g AS (SELECT DISTINCT date, group_id, type FROM events)
		SELECT DISTINCT a.group_id, b.group_id FROM g a JOIN g b ON b.date = a.date AND b.group_id > a.group_id AND b.type <> a.type
		WHERE NOT EXISTS (SELECT 1 FROM events x JOIN events y ON y.article_id = x.article_id
			WHERE x.group_id = a.group_id AND y.group_id = b.group_id)
		AND EXISTS (SELECT 1 FROM group_entities ga JOIN group_entities gb ON gb.date = ga.date AND gb.entity_id = ga.entity_id
			WHERE ga.date = a.date AND ga.group_id = a.group_id AND gb.group_id = b.group_id)
		ORDER BY a.group_id, b.group_id`)
	if err != nil {
		t.Fatal(err)
	}
	var pairs [][2]int64
	used := map[int64]bool{}
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			t.Fatal(err)
		}
		if len(pairs) < n && !used[a] && !used[b] {
			used[a], used[b] = true, true
			pairs = append(pairs, [2]int64{a, b})
		}
	}
	rows.Close()
	if len(pairs) == 0 {
		t.Fatal("mixTypes: no two groups to join")
	}
	for _, p := range pairs {
		if _, err := s.db.ExecContext(ctx, "UPDATE events SET group_id = ? WHERE group_id = ?", p[0], p[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.db.QueryRowContext(ctx, "SELECT max(id) FROM events").Scan(&legacy); err != nil {
		t.Fatal(err)
	}
	return legacy
}

// TestGroupTypesBackfill runs migration 011 on a library at schema 10
// holding groups of several types: every group is kept, group_entities is
// filled per member type, and events placed afterwards join a group only
// through a member of their own type.
func TestGroupTypesBackfill(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	l := newTLLib(t, s, 11)
	var ids []int64
	var rs []analysis.Result
	for i := range 30 {
		id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/%d", i), 4)
		ids, rs = append(ids, id), append(rs, res)
	}
	if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	// Political Grace and an announcement by Acme on one day: apart
	// under any rule (no shared entity), joined below as 010 might have.
	a := typedDay(t, s, "https://g.example/a", "political", []ent{gPer})
	b := typedDay(t, s, "https://g.example/b", "announcement", []ent{gOrg})
	ea, eb := eventsOf(t, s, a)[0], eventsOf(t, s, b)[0]
	// Schema 10: 010's table and triggers.
	backBefore010(t, s)
	runMigration(t, s, "010_")
	if _, err := s.db.ExecContext(ctx, "UPDATE events SET group_id = ? WHERE id = ?", ea, eb); err != nil {
		t.Fatal(err)
	}
	legacy := mixTypes(t, s, 4)
	want := storedGroups(t, s)
	runMigration(t, s, "011_")
	if m := groupMismatchSince(t, s, legacy); m != "" {
		t.Fatal(m)
	}
	if m := summaryMismatch(t, s); m != "" {
		t.Fatal(m)
	}
	if got := storedGroups(t, s); !maps.Equal(got, want) {
		t.Fatal("011 changed the groups")
	}
	var mixed int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT group_id FROM events GROUP BY group_id
		HAVING count(DISTINCT type) > 1)`).Scan(&mixed); err != nil || mixed < 2 {
		t.Fatalf("groups of two types after 011: %d (%v), want them kept", mixed, err)
	}
	// New events: an announcement with Grace does not join the group
	// through its political member; one with Acme does, and so does a
	// political event with Grace.
	c := typedDay(t, s, "https://g.example/c", "announcement", []ent{gPer})
	typedDay(t, s, "https://g.example/d", "announcement", []ent{gOrg})
	typedDay(t, s, "https://g.example/e", "political", []ent{gPer})
	ec := eventsOf(t, s, c)[0]
	if got, want := groupsOf(t, s, "2024-05-01"), []int64{ea, ea, ec, ea, ea}; !slices.Equal(got, want) {
		t.Fatalf("groups = %v, want %v", got, want)
	}
	// More articles and re-analyses under 011.
	ids, rs = ids[:0], rs[:0]
	for i := range 20 {
		id, res := saveTLArticle(t, l, fmt.Sprintf("https://g.example/new/%d", i), 3)
		ids, rs = append(ids, id), append(rs, res)
	}
	if err := s.SaveAnalyses(ctx, ids, rs); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalyses(ctx, ids[:5], rs[:5]); err != nil {
		t.Fatal(err)
	}
	if m := groupMismatchSince(t, s, legacy); m != "" {
		t.Fatal(m)
	}
	if m := summaryMismatch(t, s); m != "" {
		t.Fatal(m)
	}
}

// TestGroupsHoldOneType: events of one date sharing a person are one
// group only when they have one type; an edit of the type moves the event
// to a group of its new type, or to one of its own.
func TestGroupsHoldOneType(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	// Trump's inauguration speech and DeepSeek's R1 announced on the day
	// he took office: two timeline items.
	a := typedDay(t, s, "https://g.example/speech", "political", []ent{gPer})
	b := typedDay(t, s, "https://g.example/r1", "announcement", []ent{gPer, gOrg})
	ea, eb := eventsOf(t, s, a)[0], eventsOf(t, s, b)[0]
	check := func(step string, want ...int64) {
		t.Helper()
		if got := groupsOf(t, s, "2024-05-01"); !slices.Equal(got, want) {
			t.Fatalf("after %s: groups = %v, want %v", step, got, want)
		}
		if m := groupMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
		if m := summaryMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
		if m := greedyMismatch(t, s); m != "" {
			t.Fatalf("after %s: %s", step, m)
		}
	}
	check("two types", ea, eb)
	// Another report of the speech joins it.
	c := typedDay(t, s, "https://g.example/speech2", "political", []ent{gPer})
	ec := eventsOf(t, s, c)[0]
	check("same type", ea, eb, ea)
	// The second report was the announcement after all: it leaves the
	// speech's group for the announcement's.
	if err := s.EditEvent(ctx, ec, EventEdit{Type: "announcement"}); err != nil {
		t.Fatal(err)
	}
	check("type edited to the other group's", ea, eb, eb)
	// A type no other event has: a group of its own.
	if err := s.EditEvent(ctx, ec, EventEdit{Type: "market"}); err != nil {
		t.Fatal(err)
	}
	check("type edited to a new one", ea, eb, ec)
	// The announcement becomes political: it joins the speech, and the
	// market event stays alone.
	if err := s.EditEvent(ctx, eb, EventEdit{Type: "political"}); err != nil {
		t.Fatal(err)
	}
	check("first event of a group edited", ea, ea, ec)
	// Its title alone changes nothing.
	if err := s.EditEvent(ctx, eb, EventEdit{Title: "R1"}); err != nil {
		t.Fatal(err)
	}
	check("title edit", ea, ea, ec)
}

// largeDateLibrary stores articles × 10 events, all on the year-only date
// "2024", each of one of five types with two entities of a pool of 300 (a
// quarter of them places), in batches as Reanalyze writes them.
func largeDateLibrary(b *testing.B, s *Store, articles int) ([]int64, []analysis.Result) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(1))
	pool := make([]ent, 300)
	for i := range pool {
		typ := []string{"person", "organisation", "product", "place"}[i%4]
		name := fmt.Sprintf("Entity%03d", i)
		pool[i] = ent{id: typ + ":" + strings.ToLower(name), name: name, spellings: []string{name}}
	}
	var ids []int64
	var rs []analysis.Result
	for start := 0; start < articles; start += 500 {
		var as []*Article
		var batch []analysis.Result
		for a := start; a < min(articles, start+500); a++ {
			var sb strings.Builder
			var ents []ent
			var evs []ev
			seen := map[int]bool{}
			for e := range 10 {
				p1, p2 := rng.Intn(len(pool)), rng.Intn(len(pool))
				stamp := fmt.Sprintf("in 2024 #%d", e)
				fmt.Fprintf(&sb, "%s met %s %s. ", pool[p1].name, pool[p2].name, stamp)
				for _, p := range []int{p1, p2} {
					if !seen[p] {
						seen[p] = true
						ents = append(ents, pool[p])
					}
				}
				typ := []string{"political", "release", "regulation", "market", "agreement"}[rng.Intn(5)]
				evs = append(evs, ev{"2024", typ, pool[p1].name + " met " + pool[p2].name, stamp, []string{pool[p1].id, pool[p2].id}})
			}
			text := sb.String()
			as = append(as, &Article{URL: fmt.Sprintf("https://bench.example/%d", a), Title: "a", Text: text})
			batch = append(batch, mkResult(b, text, ents, evs...))
		}
		got, err := s.SaveArticles(ctx, as)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.SaveAnalyses(ctx, got, batch); err != nil {
			b.Fatal(err)
		}
		ids, rs = append(ids, got...), append(rs, batch...)
	}
	return ids, rs
}

// BenchmarkReanalyseLargeDate re-analyses articles of a library whose
// year-only date holds 20,000 events, most of them in a few groups of
// nearly one event per article (greedy grouping on a small pool of
// entities). "middle" re-analyses one article in the middle of the
// library; "inOrder" one after the other in id order, as a new analysis
// version does, so that each one's events started the groups they are in;
// "batch128" 128 at a time in id order, as Reanalyze writes them (ns/op
// is per batch). Whole-date regrouping cost about 130 ms per article here.
func BenchmarkReanalyseLargeDate(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	ids, rs := largeDateLibrary(b, s, 2000)
	var biggest int
	if err := s.db.QueryRowContext(ctx, "SELECT max(n) FROM (SELECT count(*) AS n FROM events GROUP BY group_id)").Scan(&biggest); err != nil {
		b.Fatal(err)
	}
	b.Run("middle", func(b *testing.B) {
		i := len(ids) / 2
		for b.Loop() {
			if err := s.SaveAnalysis(ctx, ids[i], rs[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("inOrder", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if err := s.SaveAnalysis(ctx, ids[i%len(ids)], rs[i%len(ids)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(biggest), "biggest-group")
	})
	b.Run("batch128", func(b *testing.B) {
		i := 0
		for b.Loop() {
			lo := i % (len(ids) / 128) * 128
			if err := s.SaveAnalyses(ctx, ids[lo:lo+128], rs[lo:lo+128]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
