package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"annals/data/store"
)

// replicateLibrary builds the library at dst as times copies of the one at
// src (store.Replicate: new ids, shifted dates and titles, the same texts),
// instead of generating and analysing times as many articles: a generated
// 100k library took 1 h 41 min on two cores, a 10× copy of a 10k one takes
// minutes. Figures measured on it say so (see -replicate in main.go).
func replicateLibrary(src, dst string, times int) error {
	if abs(src) == abs(dst) {
		return fmt.Errorf("-replicate-from and -library are the same file")
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	t0 := time.Now()
	if err := copyFile(src, dst); err != nil {
		return err
	}
	if _, err := os.Stat(src + "-wal"); err == nil {
		if err := copyFile(src+"-wal", dst+"-wal"); err != nil {
			return err
		}
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dst)
	if err != nil {
		return err
	}
	defer st.Close()
	n0, _ := st.Count(ctx)
	err = st.Replicate(ctx, times, func(k int) {
		fmt.Printf("bench: replicate: copy %d of %d written (%s)\n", k, times-1, time.Since(t0).Round(time.Second))
	})
	if err != nil {
		return err
	}
	n, _ := st.Count(ctx)
	logf("library %s replicated %d× from %s (%d → %d articles) in %s: new ids, urls, titles, saved dates and event dates per copy, the same texts",
		dst, times, src, n0, n, time.Since(t0).Round(time.Second))
	return nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
