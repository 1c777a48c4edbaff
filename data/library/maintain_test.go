package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// maintainClock is a clock the test drives: each wait maintenance starts
// is sent on waits, and it ends when the test sends on ticks.
func maintainClock() (clock func(time.Duration) <-chan time.Time, waits chan time.Duration, ticks chan time.Time) {
	waits, ticks = make(chan time.Duration, 1), make(chan time.Time)
	return func(d time.Duration) <-chan time.Time {
		waits <- d
		return ticks
	}, waits, ticks
}

func receive[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

func backupsOf(l *Library) []string {
	b, _ := filepath.Glob(filepath.Join(filepath.Dir(l.DBPath()), BackupsDirName, "*"+BackupExt))
	return b
}

// endsWithOneBackup waits for maintenance to end and checks it wrote the
// weekly backup.
func endsWithOneBackup(t *testing.T, l *Library, done <-chan struct{}) {
	t.Helper()
	receive(t, done, "maintenance to end")
	if b := backupsOf(l); len(b) != 1 {
		t.Errorf("%d backups after maintenance, want 1", len(b))
	}
}

func backupsDirExists(l *Library) bool {
	_, err := os.Stat(filepath.Join(filepath.Dir(l.DBPath()), BackupsDirName))
	return err == nil
}

func TestMaintainWaitsBeforeTheBackup(t *testing.T) {
	l := openTemp(t)
	clock, waits, ticks := maintainClock()
	done := l.Maintain(context.Background(), MaintainOptions{Clock: clock})
	if d := receive(t, waits, "maintenance to wait"); d != MaintainAfter {
		t.Errorf("maintenance waits %v, want %v", d, MaintainAfter)
	}
	// Nothing has been done yet: the weekly backup reads the whole
	// database, which must not happen while the window opens.
	if backupsDirExists(l) {
		t.Fatal("the backup began before the delay")
	}
	ticks <- time.Now()
	endsWithOneBackup(t, l, done)
}

func TestMaintainWaitsForRunningJobs(t *testing.T) {
	l := openTemp(t)
	// An export the user started, still writing.
	release := make(chan struct{})
	export := l.RunJob(context.Background(), StageExporting, "out.csv", func(context.Context) error {
		<-release
		return nil
	})
	clock, waits, ticks := maintainClock()
	done := l.Maintain(context.Background(), MaintainOptions{After: time.Minute, Clock: clock})
	receive(t, waits, "maintenance to wait")
	ticks <- time.Now()
	if d := receive(t, waits, "maintenance to wait again while a job runs"); d != 15*time.Second {
		t.Errorf("maintenance waits again for %v, want 15s", d)
	}
	if backupsDirExists(l) {
		t.Fatal("a backup began while a job was running")
	}
	close(release)
	if _, err := export.Wait(); err != nil {
		t.Fatal(err)
	}
	ticks <- time.Now()
	endsWithOneBackup(t, l, done)
}

func TestMaintainStopsWhenTheAppQuits(t *testing.T) {
	l := openTemp(t)
	clock, waits, _ := maintainClock()
	ctx, quit := context.WithCancel(context.Background())
	done := l.Maintain(ctx, MaintainOptions{Clock: clock})
	receive(t, waits, "maintenance to wait")
	quit()
	receive(t, done, "maintenance to stop")
	if backupsDirExists(l) {
		t.Error("maintenance ran after the app quit")
	}
}

// TestMaintainReanalysesOldArticles: articles saved before analysis
// existed are analysed again after the backup, through a job handed to
// whoever shows progress.
func TestMaintainReanalysesOldArticles(t *testing.T) {
	l := openTemp(t)
	ids := saveUnanalysed(t, l, 3, 200)
	clock, waits, ticks := maintainClock()
	jobs := make(chan *Job, 1)
	done := l.Maintain(context.Background(), MaintainOptions{Clock: clock, Reanalysing: func(j *Job) { jobs <- j }})
	receive(t, waits, "maintenance to wait")
	ticks <- time.Now()
	job := receive(t, jobs, "the re-analysis job")
	receive(t, done, "maintenance to end")
	if len(backupsOf(l)) != 1 {
		t.Error("no backup before the re-analysis")
	}
	res, err := job.Wait()
	if err != nil || len(res.IDs) != len(ids) {
		t.Fatalf("re-analysis: %d articles, %v; want %d", len(res.IDs), err, len(ids))
	}
	if need, _ := l.ArticlesNeedingAnalysis(context.Background()); len(need) != 0 {
		t.Errorf("still needing analysis after maintenance: %v", need)
	}
}
