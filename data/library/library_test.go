package library

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"annals/data/capture"
	"annals/internal/testenv"
)

func openTemp(t *testing.T) *Library {
	t.Helper()
	l, err := Open(context.Background(), Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestAddReportsProgressAndKeepsGoingPastFailures(t *testing.T) {
	page, err := os.ReadFile(testenv.SeedHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/seed" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	}))
	defer srv.Close()
	l := openTemp(t)
	var changes atomic.Int32
	l.OnChange(func() { changes.Add(1) })

	job := l.Add(context.Background(), srv.URL+"/seed", srv.URL+"/gone")
	var reports []Progress
	for p := range job.Progress() {
		reports = append(reports, p)
	}
	res, err := job.Wait()
	if err != nil {
		t.Fatalf("a batch with one failure should not fail as a whole: %v", err)
	}
	if len(res.IDs) != 1 || len(res.Failed) != 1 || res.Failed[0].Item != srv.URL+"/gone" {
		t.Fatalf("result = %+v", res)
	}
	var ce *capture.Error
	if !errors.As(res.Failed[0].Err, &ce) || ce.Kind != capture.KindHTTPStatus {
		t.Errorf("failure error = %v, want an HTTP status error", res.Failed[0].Err)
	}
	if len(reports) == 0 || reports[0].Total != 2 {
		t.Fatalf("progress reports = %+v", reports)
	}
	sawDone := false
	for _, p := range reports {
		if p.Stage == StageDone && p.Done == 1 {
			sawDone = true
		}
	}
	if !sawDone {
		t.Errorf("no 'done' report for the first item: %+v", reports)
	}
	if changes.Load() != 1 {
		t.Errorf("OnChange called %d times, want 1", changes.Load())
	}
	a, err := l.Get(context.Background(), res.IDs[0])
	if err != nil || a.Title != testenv.SeedTitle || a.Dir != "rtl" {
		t.Fatalf("saved article = %+v, %v", a, err)
	}
}

func TestCancelStopsAFetchAndWritesNothing(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	l := openTemp(t)
	job := l.Save(context.Background(), srv.URL+"/slow")
	for p := range job.Progress() {
		if p.Stage == StageFetching {
			break
		}
	}
	job.Cancel()
	select {
	case <-job.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("job did not stop after Cancel")
	}
	_, err := job.Wait()
	var ce *capture.Error
	if !errors.As(err, &ce) || ce.Kind != capture.KindCanceled {
		t.Fatalf("err = %v, want a canceled capture error", err)
	}
	if n, _ := l.Count(context.Background()); n != 0 {
		t.Fatalf("cancelled save left %d articles", n)
	}
}

func TestLocalPathAndLinks(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "page.html")
	os.WriteFile(file, []byte("<p>x</p>"), 0o644)
	cases := []struct {
		in     string
		local  bool
		target string
	}{
		{file, true, file},
		{"file://" + filepath.ToSlash(file), true, file},
		{"https://example.com/a", false, "https://example.com/a"},
		{"example.com/story", false, "https://example.com/story"},
		{filepath.Join(dir, "missing.htm"), true, filepath.Join(dir, "missing.htm")},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			p, ok := localPath(c.in)
			if ok != c.local {
				t.Fatalf("localPath(%q) = %v, want %v", c.in, ok, c.local)
			}
			got := p
			if !ok {
				got = normaliseLink(c.in)
			}
			if got != c.target {
				t.Errorf("got %q, want %q", got, c.target)
			}
		})
	}
}

func TestDefaultDirIsPerUser(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg-test")
	d, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	if d != "/tmp/xdg-test/annals" && filepath.Base(d) != "Annals" {
		t.Errorf("DefaultDir = %q", d)
	}
}

// RunJob reports its stage, hands Cancel to the work through its context
// and returns the work's error.
func TestRunJobReportsAndCancels(t *testing.T) {
	l := openTemp(t)
	started := make(chan struct{})
	job := l.RunJob(context.Background(), StageBackingUp, "x.annals", func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	p := <-job.Progress()
	if p.Stage != StageBackingUp || p.Item != "x.annals" || p.Done != 0 {
		t.Errorf("first report = %+v", p)
	}
	<-started
	if !l.Busy() {
		t.Error("the library is not busy while a job runs")
	}
	job.Cancel()
	if _, err := job.Wait(); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled job err = %v", err)
	}
	if l.Busy() {
		t.Error("the library is still busy once its only job has ended")
	}
	ok := l.RunJob(context.Background(), StageExporting, "out.csv", func(context.Context) error { return nil })
	var last Progress
	for p := range ok.Progress() {
		last = p
	}
	if _, err := ok.Wait(); err != nil || last.Done != 1 {
		t.Errorf("finished job: err %v, last report %+v", err, last)
	}
}
