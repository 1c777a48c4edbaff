package library

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// Issue 15, item 1: a 12 KB Omnivore zip whose metadata names one 900 KB
// page 1,500 times made an import read it 1,500 times and hold every copy
// (6.5 GB after 90 s). Now the page is read once: the import holds a small
// multiple of the page, not the page times the items.
func TestImportOfARepeatedPageStaysSmall(t *testing.T) {
	page := "<html><head><title>Big</title></head><body><article>" +
		strings.Repeat("<p>Annals keeps what you read, for years, on your own computer. </p>", 900<<10/68) + "</article></body></html>"
	const items = 1500
	p := filepath.Join(t.TempDir(), "omnivore.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	var meta strings.Builder
	meta.WriteString("[")
	for i := range items {
		if i > 0 {
			meta.WriteString(",")
		}
		fmt.Fprintf(&meta, `{"slug":"same","title":"t%d","url":"https://a.example/%d","state":"SUCCEEDED"}`, i, i)
	}
	meta.WriteString("]")
	w, _ := z.Create("metadata_0_to_1499.json")
	w.Write([]byte(meta.String()))
	w, _ = z.Create("content/same.html")
	w.Write([]byte(page))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	l := openTemp(t)
	ctx := context.Background()
	if _, err := l.gazetteer(ctx); err != nil {
		t.Fatal(err)
	}
	// The peak heap, not the bytes allocated: how much the store churns
	// through for 1,500 rows (its pooled compressors are dropped at every
	// collection) says nothing about how often the page is read, and
	// holding the page 1,500 times is what took 6.5 GB.
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	runtime.GC()
	before := heapInUse()
	heap := sampleHeap()
	job := l.Import(ctx, p)
	_, err = job.Wait()
	peak := heap.stop()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := ImportStats(job)
	if st.Items != items || st.Ready != 1 {
		t.Errorf("imported %d items, %d ready; want %d and 1 (the page read once)", st.Items, st.Ready, items)
	}
	grew := int64(peak) - int64(before)
	t.Logf("the import's heap grew by %d MB at most", grew>>20)
	if grew > 100<<20 {
		t.Errorf("the import's heap grew by %d MB for a %d KB page; it holds the page more than once", grew>>20, len(page)>>10)
	}
}
