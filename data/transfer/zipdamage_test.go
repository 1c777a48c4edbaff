package transfer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A 12 KB Omnivore zip whose metadata names one 900 KB page 1,500 times
// must not inflate it 1,500 times (issue 15, item 1): the page is read once,
// the other items are left to be fetched.
func TestOmnivoreReadsEachPageOnce(t *testing.T) {
	page := "<html><body><article>" + strings.Repeat("<p>Annals keeps what you read, for years. </p>", 900<<10/48) + "</article></body></html>"
	const items = 1500
	p := writeZip(t, func(z *zip.Writer) {
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
	})
	if fi, _ := os.Stat(p); fi.Size() > 64<<10 {
		t.Fatalf("the crafted archive is %d bytes; the case is a small one", fi.Size())
	}
	var n, withPage, pageBytes int
	err := omnivore{}.Import(context.Background(), p, func(it Item) error {
		n++
		if it.HTML != "" {
			withPage++
			pageBytes += len(it.HTML)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != items {
		t.Errorf("%d items, want %d", n, items)
	}
	if withPage != 1 || pageBytes != len(page) {
		t.Errorf("%d items carry the page (%d bytes in all); want 1 (%d bytes)", withPage, pageBytes, len(page))
	}
}

// Reading the same entry twice is refused, and an archive never inflates
// more than it declares in all, whatever is asked of it.
func TestZipEntryReadOnceAndBudget(t *testing.T) {
	p := writeZip(t, func(z *zip.Writer) {
		w, _ := z.Create("a.txt")
		w.Write(bytes.Repeat([]byte("x"), 1000))
	})
	a, err := OpenArchive(p, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if b, err := a.ReadFile("a.txt"); err != nil || len(b) != 1000 {
		t.Fatalf("first read: %d bytes, %v", len(b), err)
	}
	if _, err := a.ReadFile("a.txt"); !errors.Is(err, ErrEntryReadTwice) {
		t.Errorf("second read: err = %v, want ErrEntryReadTwice", err)
	}
	if a.z.budget != 0 {
		t.Errorf("budget left = %d, want 0 after reading everything once", a.z.budget)
	}
}

// storedZip writes entries uncompressed, so a test can find an entry's
// bytes in the file and flip one.
func storedZip(t *testing.T, entries map[string]string, order ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range order {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[name]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func flipIn(t *testing.T, b []byte, marker string) []byte {
	t.Helper()
	i := bytes.Index(b, []byte(marker))
	if i < 0 {
		t.Fatalf("marker %q not in archive", marker)
	}
	out := append([]byte(nil), b...)
	out[i] ^= 0x20
	return out
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// One flipped byte in an entry read as a stream (a backup's image, a
// Pocket CSV part) is an error that names the entry (issue 15, item 7).
func TestFlippedByteIsNamed(t *testing.T) {
	img := "images/ab/" + strings.Repeat("ab", 32) + ".png"
	b := storedZip(t, map[string]string{"manifest.json": "{}", img: "PNGDATA-0123456789-PIXELS"}, "manifest.json", img)
	p := writeTemp(t, "backup.annals", flipIn(t, b, "PIXELS"))
	a, err := OpenArchive(p, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	r, err := a.Open(img)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.Copy(io.Discard, r)
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	if !errors.Is(err, ErrDamagedZip) || !strings.Contains(err.Error(), img) {
		t.Errorf("streaming a damaged entry: err = %v, want ErrDamagedZip naming %s", err, img)
	}

	csv := "title,url,time_added,tags,status\nOne,https://a.example/1,1700000000,,unread\nTwo,https://a.example/2,1700000000,,unread\n"
	pb := storedZip(t, map[string]string{"part_000000.csv": csv}, "part_000000.csv")
	pp := writeTemp(t, "pocket.zip", flipIn(t, pb, "Two"))
	err = pocketCSV{}.Import(context.Background(), pp, func(Item) error { return nil })
	if !errors.Is(err, ErrDamagedZip) || !strings.Contains(err.Error(), "part_000000.csv") {
		t.Errorf("importing a damaged Pocket part: err = %v, want ErrDamagedZip naming part_000000.csv", err)
	}
}

// A Pocket zip that claims its CSV is shorter than it is used to import
// "0 items" and succeed; now it is an error naming the part.
func TestPocketZipLyingAboutSizes(t *testing.T) {
	csv := "title,url,time_added,tags,status\nOne,https://a.example/1,1700000000,,unread\n"
	p := writeZip(t, func(z *zip.Writer) {
		w, err := z.CreateRaw(&zip.FileHeader{Name: "part_000000.csv", Method: zip.Store,
			CRC32: crc32.ChecksumIEEE([]byte(csv)), CompressedSize64: uint64(len(csv)), UncompressedSize64: 10})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(csv))
	})
	var n int
	err := pocketCSV{}.Import(context.Background(), p, func(Item) error { n++; return nil })
	if err == nil || !strings.Contains(err.Error(), "part_000000.csv") {
		t.Errorf("err = %v (%d items), want an error naming part_000000.csv", err, n)
	}
}
