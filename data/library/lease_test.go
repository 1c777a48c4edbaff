package library

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"annals/internal/testenv"
)

// Issue 15 (degraded): two processes on one library fetched the same
// waiting pages, doubling the requests to a site. Each page is claimed
// before it is fetched. Two Library values on one file stand for the two
// processes (their paths are spelt differently, so this process's own
// one-fetch-at-a-time guard does not stop the second).
func TestTwoProcessesFetchEachWaitingPageOnce(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		time.Sleep(30 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(articlePage("Page " + r.URL.Path))
	}))
	defer srv.Close()
	dir := t.TempDir()
	const pages = 12
	var b strings.Builder
	b.WriteString("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n")
	for i := range pages {
		fmt.Fprintf(&b, "<DT><A HREF=\"%s/p%d\" ADD_DATE=\"1700000000\">Page %d</A>\n", srv.URL, i, i)
	}
	b.WriteString("</DL><p>\n")
	bookmarks := filepath.Join(dir, "bookmarks.html")
	if err := os.WriteFile(bookmarks, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	one, err := Open(ctx, Options{DBPath: filepath.Join(dir, "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	two, err := Open(ctx, Options{DBPath: dir + string(filepath.Separator) + "." + string(filepath.Separator) + "annals.db", Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	if one.DBPath() == two.DBPath() {
		t.Fatal("the two libraries share the in-process fetch guard")
	}
	if _, err := one.Import(ctx, bookmarks).Wait(); err != nil {
		t.Fatal(err)
	}
	lim := FetchLimits{PerHost: time.Millisecond, Hosts: 1}
	a, b2 := one.FetchPendingWith(ctx, lim), two.FetchPendingWith(ctx, lim)
	ra, errA := a.Wait()
	rb, errB := b2.Wait()
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	for i := range pages {
		if n := hits[fmt.Sprintf("/p%d", i)]; n != 1 {
			t.Errorf("/p%d was requested %d times, want once", i, n)
		}
	}
	if got := len(ra.IDs) + len(rb.IDs); got != pages {
		t.Errorf("fetched %d + %d pages, want %d in all", len(ra.IDs), len(rb.IDs), pages)
	}
	q, _ := one.FetchQueue(ctx)
	if q.Pending != 0 || q.Failed != 0 {
		t.Errorf("queue after both: %+v", q)
	}
}
