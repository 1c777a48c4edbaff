package transfer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for every importer: whatever bytes a file holds, an import
// returns items or an error, never panics, and every item it yields has an
// http(s) link and valid UTF-8 text. Not run in CI beyond the seeds:
//
//	go test -tags 'sqlite_fts5 migrated_fynedo' -run '^$' -fuzz FuzzImportPocket$ -fuzztime 60s ./data/transfer/

func fuzzImporter(f *testing.F, im Importer, name string, seeds ...string) {
	for _, s := range seeds {
		if b, err := os.ReadFile(filepath.Join("testdata", s)); err == nil {
			f.Add(b)
		} else {
			f.Add([]byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		n := 0
		err := im.Import(context.Background(), p, func(it Item) error {
			n++
			if !validURL(it.URL) {
				t.Errorf("item %d has the link %q", n, it.URL)
			}
			for _, s := range append([]string{it.URL, it.Title}, it.Tags...) {
				if !utf8.ValidString(s) {
					t.Errorf("item %d holds invalid UTF-8: %q", n, s)
				}
			}
			return nil
		})
		if err != nil && strings.Contains(err.Error(), "\n") && !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("error is not one line: %q", err)
		}
	})
}

func FuzzImportPocket(f *testing.F) {
	fuzzImporter(f, pocketCSV{}, "part_000000.csv", "pocket.zip", "title,url,time_added,tags,status\nA,https://a.example/,1700000000,x|y,unread\n")
}
func FuzzImportPocketHTML(f *testing.F) {
	fuzzImporter(f, pocketHTML{}, "ril_export.html", "pocket.html")
}
func FuzzImportOmnivore(f *testing.F) { fuzzImporter(f, omnivore{}, "omnivore.zip", "omnivore.zip") }
func FuzzImportBookmarks(f *testing.F) {
	fuzzImporter(f, netscape{}, "bookmarks.html", "bookmarks.html")
}
func FuzzImportInstapaper(f *testing.F) {
	fuzzImporter(f, instapaper{}, "instapaper.csv", "instapaper.csv")
}
func FuzzImportReadwise(f *testing.F) { fuzzImporter(f, readwise{}, "readwise.csv", "readwise.csv") }
func FuzzImportKarakeep(f *testing.F) { fuzzImporter(f, karakeep{}, "karakeep.json", "karakeep.json") }
func FuzzImportWallabag(f *testing.F) { fuzzImporter(f, wallabag{}, "wallabag.json", "wallabag.json") }
