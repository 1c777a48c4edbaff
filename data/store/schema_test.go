package store

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateSchema = flag.Bool("update", false, "rewrite schema.sql from a fresh library")

// schemaFile is the schema after all migrations, for a reader who wants the
// tables without replaying migrations/ in their head.
const schemaFile = "schema.sql"

// TestSchemaFile opens a fresh library and compares its schema with the
// committed schema.sql, so a migration cannot land without the file showing
// what it changed. `go test ./data/store -run TestSchemaFile -update`
// rewrites the file.
func TestSchemaFile(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := dumpSchema(s)
	if err != nil {
		t.Fatal(err)
	}
	if *updateSchema {
		if err := os.WriteFile(schemaFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatalf("%v; run: go test -tags 'sqlite_fts5 migrated_fynedo' ./data/store -run TestSchemaFile -update", err)
	}
	if string(want) != got {
		line, inFile, inSchema := firstDiff(string(want), got)
		t.Fatalf("data/store/schema.sql does not match the schema after all migrations (%d migrations); "+
			"a migration was added or changed without it. Run:\n\tgo test -tags 'sqlite_fts5 migrated_fynedo' ./data/store -run TestSchemaFile -update\n"+
			"and commit schema.sql.\nfirst difference at line %d: file %q, schema %q",
			len(migrations), line, inFile, inSchema)
	}
}

// dumpSchema writes every statement of sqlite_master, ordered by type and
// name, with trailing spaces and blank lines removed so only meaning shows.
func dumpSchema(s *Store) (string, error) {
	rows, err := s.db.Query(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	b.WriteString("-- The schema of an Annals library after all migrations (data/store/migrations).\n" +
		"-- Written by: go test -tags 'sqlite_fts5 migrated_fynedo' ./data/store -run TestSchemaFile -update\n" +
		"-- Do not edit by hand; the test fails when it no longer matches.\n")
	for rows.Next() {
		var typ, name, sql string
		if err := rows.Scan(&typ, &name, &sql); err != nil {
			return "", err
		}
		var lines []string
		for _, line := range strings.Split(sql, "\n") {
			if line = strings.TrimRight(line, " \t\r"); line != "" {
				lines = append(lines, line)
			}
		}
		b.WriteString("\n-- " + typ + " " + name + "\n" + strings.TrimRight(strings.Join(lines, "\n"), ";") + ";\n")
	}
	return b.String(), rows.Err()
}

func firstDiff(a, b string) (int, string, string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return i + 1, x, y
		}
	}
	return 0, "", ""
}
