package library

import (
	"context"
	"runtime"
	"testing"
	"time"
	"weak"
)

// gone reports whether the object behind p has been collected, giving the
// collector a few rounds (a finished job's goroutine may still be leaving).
func gone[T any](p weak.Pointer[T]) bool {
	for range 20 {
		runtime.GC()
		if p.Value() == nil {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// A finished import or refresh job, and the counts it carries, are freed
// once nobody holds the job: the counts used to sit in package maps keyed
// by the job, so every job lived as long as the process.
func TestFinishedJobsAndTheirCountsAreFreed(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)

	importJob := l.Import(ctx, sample("instapaper.csv"))
	st, ok := ImportStats(importJob)
	if !ok || st.Format != "instapaper" || st.Created != 20 {
		t.Fatalf("import stats = %+v, %v", st, ok)
	}
	if _, ok := FeedRefreshStats(importJob); ok {
		t.Error("an import job gave refresh counts")
	}
	importRef := weak.Make(importJob)
	importJob = nil

	refreshJob := l.RefreshFeeds(ctx) // no feeds: ends at once, counting nothing
	rst, ok := FeedRefreshStats(refreshJob)
	if !ok || rst != (RefreshResult{}) {
		t.Fatalf("refresh stats = %+v, %v", rst, ok)
	}
	if _, ok := ImportStats(refreshJob); ok {
		t.Error("a refresh job gave import counts")
	}
	refreshRef := weak.Make(refreshJob)
	refreshJob = nil

	if !gone(importRef) {
		t.Error("the finished import job is still held")
	}
	if !gone(refreshRef) {
		t.Error("the finished refresh job is still held")
	}
}
