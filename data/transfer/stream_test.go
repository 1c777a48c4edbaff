package transfer

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
