package library

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"annals/data/store"
)

// Pages given together are read on every core and stored in batches; the
// library must still hold them in the order given, each analysed, and a
// page that cannot be read must cost only itself.
func TestAddPagesStoresInOrderAnalysedAndIsolatesBadPages(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	const n = 2*saveBatch + 5
	var pages []Page
	for i := range n {
		html := fmt.Sprintf(`<html><head><title>Port report %d</title></head><body><article><h1>Port report %d</h1>
<p>On 20 January 2025 the port of Rotterdam announced a new terminal, number %d, after months of talks with shipping lines.</p>
<p>%s</p></article></body></html>`, i, i, i, strings.Repeat("Cranes and berths were described at length in the plan. ", 20))
		pages = append(pages, Page{URL: fmt.Sprintf("https://port.example/%d", i), HTML: []byte(html)})
	}
	bad := 7
	pages[bad].HTML = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
	res, err := l.AddPages(ctx, pages...).Wait()
	if err != nil {
		t.Fatalf("AddPages: %v", err)
	}
	if len(res.Failed) != 1 || res.Failed[0].Item != pages[bad].URL {
		t.Fatalf("failed = %+v, want only page %d", res.Failed, bad)
	}
	if len(res.IDs) != n-1 {
		t.Fatalf("saved %d, want %d", len(res.IDs), n-1)
	}
	for k := 1; k < len(res.IDs); k++ {
		if res.IDs[k] <= res.IDs[k-1] {
			t.Fatalf("ids %v are not in the order the pages were given", res.IDs)
		}
	}
	all, err := l.List(ctx, store.Filter{})
	if err != nil || len(all) != n-1 {
		t.Fatalf("list: %d, %v", len(all), err)
	}
	if all[0].Title != fmt.Sprintf("Port report %d", n-1) {
		t.Errorf("newest listed = %q, want the last page given", all[0].Title)
	}
	if need, _ := l.ArticlesNeedingAnalysis(ctx); len(need) != 0 {
		t.Errorf("%d saved pages were not analysed", len(need))
	}
	tl, err := l.Timeline(ctx, TimelineFilter{ArticleID: res.IDs[3]})
	if err != nil || len(tl) == 0 || tl[0].Date != "2025-01-20" {
		t.Errorf("events of page 3 = %+v, %v; want the 20 January 2025 announcement", tl, err)
	}
	// Saving the same pages again updates them: no copies.
	if _, err := l.AddPages(ctx, pages[:3]...).Wait(); err != nil {
		t.Fatal(err)
	}
	if c, _ := l.Count(ctx); c != n-1 {
		t.Errorf("count after saving 3 pages again = %d, want %d", c, n-1)
	}
}
