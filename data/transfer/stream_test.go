package transfer

import (
	"archive/zip"
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The importers yield items one by one as they read (issue 15, item 1: the
// library stores them in batches as they come, never holding the export):
// an item reaches the caller before the rest of the file is read, and the
// caller can stop the reading at any item.

// Every importer stops at the first item when the caller says so, with the
// caller's error, having read no further item.
func TestImportersStopWhenTheCallerSaysSo(t *testing.T) {
	errStop := errors.New("enough")
	files := []string{"pocket.zip", "pocket.html", "instapaper.csv", "wallabag.json", "omnivore.zip",
		"bookmarks.html", "readwise.csv", "karakeep.json"}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join("testdata", file)
			im, err := Open(path, "auto")
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			err = im.Import(context.Background(), path, func(Item) error {
				n++
				return errStop
			})
			if !errors.Is(err, errStop) || n != 1 {
				t.Errorf("%s: %d items given, err = %v; want 1 and the caller's error", im.Name(), n, err)
			}
		})
	}
}

// A cancelled context stops every importer between items.
func TestImportersStopWhenCancelled(t *testing.T) {
	files := []string{"pocket.zip", "pocket.html", "instapaper.csv", "wallabag.json", "omnivore.zip",
		"bookmarks.html", "readwise.csv", "karakeep.json"}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join("testdata", file)
			im, err := Open(path, "auto")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n := 0
			err = im.Import(ctx, path, func(Item) error {
				n++
				if n == 2 {
					cancel()
				}
				return nil
			})
			if !errors.Is(err, context.Canceled) || n > 3 {
				t.Errorf("%s: %d items given after cancelling at the 2nd, err = %v; want context.Canceled", im.Name(), n, err)
			}
		})
	}
}

// The formats that carry pages give each page as its entry is read: the
// items before a damaged part reach the caller before the damage is found.
func TestPagesArriveBeforeTheRestIsRead(t *testing.T) {
	page := func(i int) string {
		return fmt.Sprintf("<html><body><article><p>Page %d, long enough to be a page. %s</p></article></body></html>", i, strings.Repeat("Words. ", 50))
	}
	t.Run("wallabag", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("[")
		for i := range 3 {
			fmt.Fprintf(&b, `{"url":"https://a.example/%d","title":"t%d","is_archived":0,"content":%q},`, i, i, page(i))
		}
		b.WriteString(`{"url":"https://a.example/3","title":`) // the file ends here
		p := filepath.Join(t.TempDir(), "wallabag.json")
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		var got []string
		err := wallabag{}.Import(context.Background(), p, func(it Item) error {
			got = append(got, it.HTML)
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "ends too early") {
			t.Fatalf("err = %v, want the file's end named", err)
		}
		if len(got) != 3 || got[2] != page(2) {
			t.Errorf("%d pages given before the error, want the 3 complete ones", len(got))
		}
	})
	t.Run("omnivore", func(t *testing.T) {
		p := writeZip(t, func(z *zip.Writer) {
			w, _ := z.Create("metadata_0_to_3.json")
			var meta []string
			for i := range 4 {
				meta = append(meta, fmt.Sprintf(`{"slug":"p%d","title":"t%d","url":"https://a.example/%d","state":"SUCCEEDED"}`, i, i, i))
			}
			w.Write([]byte("[" + strings.Join(meta, ",") + "]"))
			for i := range 4 {
				w, _ := z.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("content/p%d.html", i), Method: zip.Store})
				w.Write([]byte(page(i)))
			}
		})
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// The last page's bytes no longer match its checksum.
		damaged := flipIn(t, raw, "Page 3,")
		p = writeTemp(t, "omnivore.zip", damaged)
		var got []string
		err = omnivore{}.Import(context.Background(), p, func(it Item) error {
			got = append(got, it.HTML)
			return nil
		})
		if !errors.Is(err, ErrDamagedZip) || !strings.Contains(err.Error(), "content/p3.html") {
			t.Fatalf("err = %v, want the damaged entry named", err)
		}
		if len(got) != 3 || got[0] != page(0) || got[2] != page(2) {
			t.Errorf("%d pages given before the damaged one, want the 3 sound ones", len(got))
		}
	})
}

// A Karakeep export is read one bookmark at a time, not decoded whole:
// reading 40 MB of bookmarks (with notes) holds a small part of it, and the
// lists, which come after the bookmarks they tag, still tag them.
func TestKarakeepIsReadOneBookmarkAtATime(t *testing.T) {
	const n = 16000
	note := strings.Repeat("A note the reader kept about this page. ", 60)
	p := filepath.Join(t.TempDir(), "karakeep.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(`{"bookmarks": [`)
	for i := range n {
		if i > 0 {
			w.WriteString(",")
		}
		fmt.Fprintf(w, `{"id":"b%d","createdAt":1700000000,"title":"Page %d","tags":["t%d"],"archived":false,"favourited":false,"note":%q,"content":{"type":"link","url":"https://k.example/%d"}}`,
			i, i, i%7, note, i)
	}
	w.WriteString(`], "lists": [{"name": "Later", "bookmarks": ["b0", "b15999"]}]}`)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(p)

	defer debug.SetGCPercent(debug.SetGCPercent(20))
	runtime.GC()
	base := heapObjects()
	var peak atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if v := heapObjects(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	got, later := 0, 0
	err = karakeep{}.Import(context.Background(), p, func(it Item) error {
		got++
		if slices.Contains(it.Tags, "Later") {
			later++
		}
		return nil
	})
	close(done)
	<-sampled
	if err != nil {
		t.Fatal(err)
	}
	if got != n || later != 2 {
		t.Errorf("%d bookmarks, %d tagged by the list; want %d and 2", got, later, n)
	}
	grew := int64(peak.Load()) - int64(base)
	t.Logf("a %d MB export: the heap grew by %d KB at most", fi.Size()>>20, grew>>10)
	if grew > fi.Size()/4 {
		t.Errorf("reading a %d MB export grew the heap by %d MB; it is held whole", fi.Size()>>20, grew>>20)
	}
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// Count reads a file as Import does, checking every page, and counts its
// items: as many as Import gives, and a damaged page is found, named, with
// the items before it counted.
func TestCountChecksEveryPage(t *testing.T) {
	for _, file := range []string{"pocket.zip", "wallabag.json", "omnivore.zip", "karakeep.json"} {
		path := filepath.Join("testdata", file)
		im, err := Open(path, "auto")
		if err != nil {
			t.Fatal(err)
		}
		items, err := ReadAll(context.Background(), im, path)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := Count(context.Background(), im, path); n != len(items) || err != nil {
			t.Errorf("%s: Count = %d, %v; Import gives %d", file, n, err, len(items))
		}
	}
	p := writeZip(t, func(z *zip.Writer) {
		w, _ := z.Create("metadata_0_to_2.json")
		w.Write([]byte(`[{"slug":"p0","url":"https://a.example/0"},{"slug":"p1","url":"https://a.example/1"},{"slug":"p2","url":"https://a.example/2"}]`))
		for i := range 3 {
			w, _ := z.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("content/p%d.html", i), Method: zip.Store})
			fmt.Fprintf(w, "<html><body><p>Page number %d.</p></body></html>", i)
		}
	})
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	p = writeTemp(t, "omnivore.zip", flipIn(t, raw, "Page number 2"))
	n, err := Count(context.Background(), omnivore{}, p)
	if !errors.Is(err, ErrDamagedZip) || !strings.Contains(err.Error(), "content/p2.html") || n != 2 {
		t.Errorf("Count of a damaged archive = %d, %v; want 2 and the damaged entry named", n, err)
	}
}
