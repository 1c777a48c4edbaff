package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"annals/data/library"

	_ "github.com/mattn/go-sqlite3"
)

func cp(from, to string) {
	in, _ := os.Open(from)
	defer in.Close()
	out, _ := os.Create(to)
	io.Copy(out, in)
	out.Close()
}

func main() {
	ctx := context.Background()
	for round := 0; round < 2; round++ {
		for _, db := range os.Args[1:] {
			dir, _ := os.MkdirTemp("", "ab")
			c := filepath.Join(dir, "annals.db")
			cp(db, c)
			raw, _ := sql.Open("sqlite3", c)
			raw.Exec("UPDATE article_analysis SET version = 0 WHERE article_id IN (SELECT id FROM articles ORDER BY id LIMIT 300)")
			raw.Close()
			lib, err := library.Open(ctx, library.Options{DBPath: c})
			if err != nil {
				panic(err)
			}
			t := time.Now()
			r, err := lib.Reanalyze(ctx).Wait()
			fmt.Println(db, time.Since(t), len(r.IDs), err)
			lib.Close()
			os.RemoveAll(dir)
		}
	}
}
