package library

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Issue 15, item 1: a 12 KB Omnivore zip whose metadata names one 900 KB
// page 1,500 times made an import read it 1,500 times and hold every copy
// (6.5 GB after 90 s). Now the page is read once: the import allocates a
// small multiple of the page, not of the page times the items.
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
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	job := l.Import(ctx, p)
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	st, _ := ImportStats(job)
	if st.Items != items || st.Ready != 1 {
		t.Errorf("imported %d items, %d ready; want %d and 1 (the page read once)", st.Items, st.Ready, items)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("the import allocated %d MB", allocated>>20)
	if allocated > 400<<20 {
		t.Errorf("the import allocated %d MB for a %d KB page; it reads the page more than once", allocated>>20, len(page)>>10)
	}
}
