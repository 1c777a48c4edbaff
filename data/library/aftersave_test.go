package library

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"annals/data/capture"

	log "github.com/sirupsen/logrus"
)

// Every save path runs the after-save steps from the one list, in its
// order (analysis, highlights, images); a step that fails is logged with
// its name and the next still runs.
func TestAfterSaveStepsRunInOrderOnEverySavePath(t *testing.T) {
	var mu sync.Mutex
	ran := map[int64][]string{}
	real := afterSave
	t.Cleanup(func() { afterSave = real })
	afterSave = nil
	for _, step := range real {
		afterSave = append(afterSave, afterSaveStep{name: step.name, run: func(l *Library, ctx context.Context, id int64, doc *capture.Document) error {
			mu.Lock()
			ran[id] = append(ran[id], step.name)
			mu.Unlock()
			if step.name == highlightsStep {
				return errors.New("highlights broke on purpose")
			}
			return step.run(l, ctx, id, doc)
		}})
	}
	steps := func(id int64) string {
		mu.Lock()
		defer mu.Unlock()
		return strings.Join(ran[id], ",")
	}

	var logged bytes.Buffer
	logger := log.New()
	logger.SetOutput(&logged)
	ctx := context.Background()
	dir := t.TempDir()
	l, err := Open(ctx, Options{DBPath: filepath.Join(dir, "annals.db"), Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	page := func(i int) string {
		return fmt.Sprintf(`<html><head><title>Harbour note %d</title></head><body><article><h1>Harbour note %d</h1>
<p>On 3 March 2024 the harbour of Aden reopened berth %d after repairs that took a year.</p>
<p>%s</p></article></body></html>`, i, i, i, strings.Repeat("The quay walls were rebuilt with new stone and steel. ", 15))
	}

	// One link or file at a time (Add).
	file := filepath.Join(dir, "note.html")
	if err := os.WriteFile(file, []byte(page(1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := l.Add(ctx, file).Wait()
	if err != nil || len(res.IDs) != 1 {
		t.Fatalf("Add: %+v, %v", res, err)
	}
	if got := steps(res.IDs[0]); got != "analysis,highlights,images" {
		t.Errorf("Add ran %q", got)
	}

	// Pages in memory, stored in batches (AddPages): analysed for the whole
	// batch, then the other steps one article at a time.
	res, err = l.AddPages(ctx, Page{URL: "https://harbour.example/2", HTML: []byte(page(2))}).Wait()
	if err != nil || len(res.IDs) != 1 {
		t.Fatalf("AddPages: %+v, %v", res, err)
	}
	if got := steps(res.IDs[0]); got != "highlights,images" {
		t.Errorf("AddPages ran %q", got)
	}
	if need, _ := l.ArticlesNeedingAnalysis(ctx); len(need) != 0 {
		t.Errorf("%d saved articles were not analysed", len(need))
	}

	// An import whose export carries the pages (wallabag).
	job := l.Import(ctx, sample("wallabag.json"))
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	st, _ := ImportStats(job)
	mu.Lock()
	imported := 0
	for _, names := range ran {
		if strings.Join(names, ",") == "highlights,images" {
			imported++
		}
	}
	mu.Unlock()
	if imported-1 != st.Ready || st.Ready == 0 { // -1: the AddPages article
		t.Errorf("%d imported articles ran the steps, %d came with their page", imported-1, st.Ready)
	}

	if n := strings.Count(logged.String(), "step=highlights"); n < 2+st.Ready {
		t.Errorf("the failing step was logged %d times, want %d:\n%s", n, 2+st.Ready, logged.String())
	}
}
