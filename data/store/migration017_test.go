package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"annals/data/analysis"
)

// Issue 19: migration 017 drops the sentence spans from mentions; the
// entity page cuts the sentence of an article's first mention from the
// article's text instead. These tests write a real SQLite file as schema
// 16 left it (the rows as the writer of ff8034e wrote them, the sentence
// columns filled), note what those columns said, open it as a user would
// (Open migrates) or restore it as a backup, and check that every mention,
// every count and every snippet the entity page shows are what they were.

// v16Page is an article written into a schema-16 library with its
// analysis (a real one: analysis.Analyze on the text).
type v16Page struct {
	url, title, text string
	res              analysis.Result
}

func v16Pages(t *testing.T) []v16Page {
	t.Helper()
	var ps []v16Page
	add := func(url, title, text string) {
		res, err := analysis.Analyze(context.Background(), analysis.Input{Text: text, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, v16Page{url, title, text, res})
	}
	for _, sample := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		a := capturedArticle(t, sample)
		add(a.URL, a.Title, a.Text)
	}
	add("https://ar.example/1", "تنصيب", arText)
	add("https://en.example/1", "Inauguration", enText)
	add("https://mixed.example/1", "Meeting", mixedText)
	// Line breaks of both kinds, abbreviations and initials: where
	// sentences end is not only at a full stop.
	add("https://en.example/2", "Long", analysis.SyntheticArticle(400)+"\r\nMr. J. Smith met Donald Trump in the U.S. Senate.\nقال ترامب.لذلك التقى ساكس")
	return ps
}

// writeV16 makes a schema-16 library at path holding pages, written with
// the SQL of that version's analysis writer (bulk.go before 017):
// compressed text, the mentions in key order with their sentences' spans
// (sentenceAround on the analysis's sentences), counted by the trigger
// of 016.
func writeV16(t *testing.T, path string, pages []v16Page) {
	t.Helper()
	openAtVersion(t, path, 16)
	db, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec := func(q string, args ...any) sql.Result {
		t.Helper()
		r, err := db.Exec(q, args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
		return r
	}
	for _, p := range pages {
		r := exec(`INSERT INTO articles (url_key, url, title, text, language, saved, updated)
			VALUES (?, ?, ?, ?, ?, '2026-11-30T00:00:00Z', '2026-11-30T00:00:00Z')`, URLKey(p.url), p.url, p.title, encodeText(p.text), p.res.Language)
		id, _ := r.LastInsertId()
		type row struct {
			start, end int
			entity     int64
		}
		var ms []row
		for _, e := range p.res.Entities {
			var rowID int64
			if err := db.QueryRow(`INSERT INTO entities (key, name, name_ar, type, from_gazetteer) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id`, e.ID, e.Name, e.NameAr, e.Type, e.FromGazetteer).Scan(&rowID); err != nil {
				t.Fatal(err)
			}
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				exec(`INSERT OR IGNORE INTO entity_aliases (entity_id, folded, alias) VALUES (?, annals_fold(?), ?)`, rowID, a, a)
			}
			for _, m := range e.Mentions {
				ms = append(ms, row{m.Start, m.End, rowID})
			}
		}
		slices.SortFunc(ms, func(a, b row) int {
			if a.start != b.start {
				return a.start - b.start
			}
			if a.end != b.end {
				return a.end - b.end
			}
			return int(a.entity - b.entity)
		})
		for _, m := range slices.Compact(ms) {
			ss, se := sentenceAround(p.res.Sentences, m.start, m.end)
			exec(`INSERT INTO mentions (article_id, byte_start, byte_end, entity_id, sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?)`,
				id, m.start, m.end, m.entity, ss, se)
		}
		exec(`INSERT INTO article_analysis (article_id, version, analysed_at, language, sentences) VALUES (?, ?, '2026-11-30T00:00:00Z', ?, ?)`,
			id, p.res.Version, p.res.Language, len(p.res.Sentences))
	}
}

// v16State is what a library says of its mentions: every row, the counts
// on the entities, and the snippet the entity page shows for each entity
// and article (the sentence of the first mention).
type v16State struct {
	Mentions []string          // article URL, entity key, span
	Counts   map[string][2]int // entity key: mention_count, article_count
	Snippets map[string]string // "entity key @ article URL": sentence span and text
}

// readV16State reads the state of the schema-16 library at path through
// its sentence columns, in SQL, as ff8034e's EntityArticles read them: the
// first mention by the primary key's order.
func readV16State(t *testing.T, path string) v16State {
	t.Helper()
	db, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := readCounts(t, db)
	st.Snippets = map[string]string{}
	rows, err := db.Query(`SELECT a.url, n.key, m.sentence_start, m.sentence_end, annals_text(a.text)
		FROM mentions m JOIN entities n ON n.id = m.entity_id JOIN articles a ON a.id = m.article_id
		ORDER BY m.article_id, m.byte_start, m.byte_end, m.entity_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var url, key, text string
		var ss, se int
		if err := rows.Scan(&url, &key, &ss, &se, &text); err != nil {
			t.Fatal(err)
		}
		k := key + " @ " + url
		if _, ok := st.Snippets[k]; !ok {
			st.Snippets[k] = fmt.Sprintf("%d-%d %q", ss, se, text[ss:se])
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return st
}

func readCounts(t *testing.T, db *sql.DB) v16State {
	t.Helper()
	st := v16State{Counts: map[string][2]int{}}
	rows, err := db.Query(`SELECT a.url, n.key, m.byte_start, m.byte_end
		FROM mentions m JOIN entities n ON n.id = m.entity_id JOIN articles a ON a.id = m.article_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var url, key string
		var bs, be int
		if err := rows.Scan(&url, &key, &bs, &be); err != nil {
			t.Fatal(err)
		}
		st.Mentions = append(st.Mentions, fmt.Sprintf("%s %s %d-%d", url, key, bs, be))
	}
	rows.Close()
	slices.Sort(st.Mentions)
	rows, err = db.Query(`SELECT key, mention_count, article_count FROM entities`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var c [2]int
		if err := rows.Scan(&key, &c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		st.Counts[key] = c
	}
	return st
}

// readState reads the same through this version's Store: every entity's
// page, each of its articles' snippet read by EntityArticles (all rows,
// not only the first ones the page reads itself).
func readState(t *testing.T, s *Store) v16State {
	t.Helper()
	ctx := context.Background()
	st := readCounts(t, s.db)
	st.Snippets = map[string]string{}
	urls := map[int64]string{}
	rows, err := s.db.Query("SELECT id, url FROM articles")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var url string
		if err := rows.Scan(&id, &url); err != nil {
			t.Fatal(err)
		}
		urls[id] = url
	}
	rows.Close()
	for key := range st.Counts {
		d, err := s.Entity(ctx, key)
		if err != nil {
			t.Fatalf("Entity(%q): %v", key, err)
		}
		if d.Key != key {
			continue // merged into another: its page is that one's
		}
		if err := s.EntityArticles(ctx, d.MentionedIn); err != nil {
			t.Fatal(err)
		}
		for _, a := range d.MentionedIn {
			st.Snippets[key+" @ "+urls[a.ArticleID]] = fmt.Sprintf("%d-%d %q", a.Sentence.Start, a.Sentence.End, a.SentenceText)
		}
	}
	return st
}

// compareStates fails on any difference of what the library says.
func compareStates(t *testing.T, before, after v16State) {
	t.Helper()
	if !reflect.DeepEqual(before.Mentions, after.Mentions) {
		t.Errorf("the mentions differ: %d before, %d after", len(before.Mentions), len(after.Mentions))
	}
	if !reflect.DeepEqual(before.Counts, after.Counts) {
		t.Errorf("the entities' counts differ:\nbefore %v\nafter  %v", before.Counts, after.Counts)
	}
	differ := 0
	for k, want := range before.Snippets {
		if got := after.Snippets[k]; got != want {
			if differ++; differ <= 5 {
				t.Errorf("snippet of %s:\nstored %s\nnow    %s", k, want, got)
			}
		}
	}
	if differ > 0 || len(after.Snippets) != len(before.Snippets) {
		t.Errorf("%d of %d snippets differ; %d now", differ, len(before.Snippets), len(after.Snippets))
	}
}

// checkCase fails when the library written is too small to tell anything:
// the snippets must come from Arabic and English pages alike.
func checkCase(t *testing.T, st v16State) {
	t.Helper()
	langs := map[string]int{}
	for k, v := range st.Snippets {
		switch {
		case strings.Contains(k, "majalla-china-ai"):
			langs["ar"]++
		case strings.Contains(k, "annals-sample-en") || strings.Contains(k, "en.example/2"):
			langs["en"]++
		}
		if strings.HasPrefix(v, "0-0 ") {
			t.Fatalf("the schema-16 writer stored an empty sentence for %s", k)
		}
	}
	if len(st.Mentions) < 100 || langs["ar"] < 10 || langs["en"] < 10 {
		t.Fatalf("%d mentions, snippets by language %v: the case is not set up", len(st.Mentions), langs)
	}
}

func TestMigration017KeepsEveryMentionAndSnippet(t *testing.T) {
	ctx := context.Background()
	const before = 16
	if len(migrations) <= before || !strings.HasPrefix(migrations[before].name, "017_") {
		t.Fatalf("the migration after schema %d is not 017 (%d migrations)", before, len(migrations))
	}
	path := filepath.Join(t.TempDir(), "old.db")
	pages := v16Pages(t)
	writeV16(t, path, pages)
	old := readV16State(t, path)
	checkCase(t, old)

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
		t.Fatalf("version %d, %v; want %d", v, err, SchemaVersion())
	}
	compareStates(t, old, readState(t, s))

	// The table 017 makes: no sentence columns, nothing left of the old
	// one, and the schema a new library has (its index and triggers).
	var cols []string
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM pragma_table_info('mentions') ORDER BY cid")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	rows.Close()
	if want := []string{"article_id", "byte_start", "byte_end", "entity_id"}; !slices.Equal(cols, want) {
		t.Errorf("mentions has the columns %v, want %v", cols, want)
	}
	fresh := openTemp(t)
	if got, want := schemaRows(t, s.db), schemaRows(t, fresh.db); !slices.Equal(got, want) {
		t.Errorf("the upgraded library's schema differs from a new library's:\nupgraded %v\nnew      %v", got, want)
	}
	var ok string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity after the upgrade: %q %v", ok, err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA foreign_key_check").Scan(); err != sql.ErrNoRows {
		t.Errorf("foreign keys after the upgrade: %v", err)
	}

	// The triggers made again keep the counts as the app writes: a
	// re-analysis (one article and a batch), a merge, a deleted article.
	ids, err := s.db.QueryContext(ctx, "SELECT a.id FROM articles a JOIN article_analysis x ON x.article_id = a.id ORDER BY a.id")
	if err != nil {
		t.Fatal(err)
	}
	var byPage []int64
	for ids.Next() {
		var id int64
		ids.Scan(&id)
		byPage = append(byPage, id)
	}
	ids.Close()
	if len(byPage) != len(pages) {
		t.Fatalf("%d analysed articles, want %d", len(byPage), len(pages))
	}
	if err := s.SaveAnalysis(ctx, byPage[0], pages[0].res); err != nil {
		t.Fatal(err)
	}
	rs := make([]analysis.Result, len(pages))
	for i, p := range pages {
		rs[i] = p.res
	}
	if err := s.SaveAnalyses(ctx, byPage, rs); err != nil {
		t.Fatal(err)
	}
	countsAgree(t, s.db)
	// Saved anew by this version: the same snippets still.
	again := readState(t, s)
	compareStates(t, old, again)
	list, err := s.Entities(ctx, EntityFilter{})
	if err != nil || len(list) < 2 {
		t.Fatalf("%d entities, %v", len(list), err)
	}
	if err := s.MergeEntities(ctx, list[1].Key, list[0].Key); err != nil {
		t.Fatal(err)
	}
	countsAgree(t, s.db)
	if err := s.Delete(ctx, byPage[1]); err != nil {
		t.Fatal(err)
	}
	countsAgree(t, s.db)
}

// schemaRows lists a database's tables, indexes and triggers with their
// SQL, but for the names SQLite makes itself.
func schemaRows(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var typ, name, tbl, q string
		if err := rows.Scan(&typ, &name, &tbl, &q); err != nil {
			t.Fatal(err)
		}
		out = append(out, typ+" "+name+" on "+tbl+": "+q)
	}
	return out
}

// A backup written by schema 16 (its mentions with sentence columns) is
// brought to this schema when it is restored and its mentions come over
// without them: every one, the counts, and the same snippets.
func TestRestoreOfASchema16BackupKeepsEveryMentionAndSnippet(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	writeV16(t, backup, v16Pages(t))
	old := readV16State(t, backup)
	checkCase(t, old)

	s, err := Open(ctx, filepath.Join(dir, "library", "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.MergeFrom(ctx, backup)
	if err != nil {
		t.Fatalf("MergeFrom: %v", err)
	}
	if want := len(v16Pages(t)) + 1; st.Articles != want { // openAtVersion's article too
		t.Errorf("restored %d articles, want the backup's %d", st.Articles, want)
	}
	compareStates(t, old, readState(t, s))
	countsAgree(t, s.db)
}

// sentenceOf splits only the mention's line; it must find the sentence
// the writer found splitting the whole text, at every offset of the
// sample pages and of a text made of the cases where a line's end and a
// full stop meet (abbreviations before a break, quotes, \r\n, U+2029, a
// stop opening a line, glued Arabic).
func TestSentenceOfIsTheWriters(t *testing.T) {
	texts := map[string]string{
		"edges": "He met the U.S.\nThe Senate agreed. Then the U.S. \n  President spoke!\u201d\r\n.Next line\u2029" +
			"قال ترامب.لذلك التقى ساكس؟ «نعم.»\n\nMr. J. Smith rose 3.5% to 1.8.\r\rEnd of the U.K.\u2029\u2029 last …",
		"synthetic": analysis.SyntheticArticle(300),
	}
	for _, sample := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		texts[sample] = capturedArticle(t, sample).Text
	}
	for name, text := range texts {
		ss := analysis.Sentences(text)
		if len(ss) < 5 || !strings.ContainsAny(text, "\n\u2029") {
			t.Fatalf("%s: %d sentences, a line break: %v: the case is not set up", name, len(ss), strings.ContainsAny(text, "\n\u2029"))
		}
		for p := 0; p <= len(text)+2; p++ {
			m := Range{p, min(p+7, len(text)+2)}
			ws, we := sentenceAround(ss, m.Start, m.End)
			ws = max(min(ws, len(text)), 0)
			want := Range{ws, max(min(we, len(text)), ws)}
			if got := sentenceOf(text, m); got != want {
				t.Fatalf("%s at %d: sentence %v %q, the writer's %v %q", name, p, got, text[got.Start:got.End], want, text[want.Start:want.End])
			}
		}
	}
}
