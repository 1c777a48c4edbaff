package transfer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// expectedItem is one row of testdata/expected.json: what each sample file
// must yield, item by item, in file order.
type expectedItem struct {
	URL        string   `json:"url"`
	Title      string   `json:"title"`
	Tags       []string `json:"tags"`
	Archived   bool     `json:"archived"`
	Favourite  bool     `json:"favourite"`
	Added      int64    `json:"added"`
	HTML       bool     `json:"html"`
	Highlights int      `json:"highlights"`
}

func asExpected(it Item) expectedItem {
	tags := append([]string{}, it.Tags...)
	sort.Strings(tags)
	var added int64
	if !it.Added.IsZero() {
		added = it.Added.Unix()
	}
	return expectedItem{URL: it.URL, Title: it.Title, Tags: tags, Archived: it.Archived, Favourite: it.Favourite,
		Added: added, HTML: it.HTML != "", Highlights: len(it.Highlights)}
}

func TestImportersOnSamples(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string][]expectedItem
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	formats := map[string]string{
		"pocket.zip": "pocket", "pocket.html": "pocket-html", "instapaper.csv": "instapaper",
		"wallabag.json": "wallabag", "omnivore.zip": "omnivore", "bookmarks.html": "bookmarks",
		"readwise.csv": "readwise", "karakeep.json": "karakeep",
	}
	for file, format := range formats {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join("testdata", file)
			im, err := Open(path, "auto")
			if err != nil {
				t.Fatal(err)
			}
			if im.Name() != format {
				t.Fatalf("detected %q, want %q", im.Name(), format)
			}
			items, err := ReadAll(context.Background(), im, path)
			if err != nil {
				t.Fatal(err)
			}
			exp := want[file]
			if len(exp) < 20 {
				t.Fatalf("sample has %d items, want at least 20", len(exp))
			}
			if len(items) != len(exp) {
				t.Fatalf("got %d items, want %d", len(items), len(exp))
			}
			var arabic, dup int
			seen := map[string]bool{}
			for i, it := range items {
				got := asExpected(it)
				if !reflect.DeepEqual(got, exp[i]) {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, got, exp[i])
				}
				if strings.ContainsAny(it.Title, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي") {
					arabic++
				}
				if seen[it.URL] {
					dup++
				}
				seen[it.URL] = true
			}
			if arabic == 0 || dup == 0 {
				t.Errorf("sample lacks Arabic titles (%d) or duplicate URLs (%d)", arabic, dup)
			}
		})
	}
}

// A few facts spelled out, so a wrong expected.json cannot hide a bug.
func TestImporterSpotChecks(t *testing.T) {
	ctx := context.Background()
	items, err := ReadAll(ctx, instapaper{}, filepath.Join("testdata", "instapaper.csv"))
	if err != nil {
		t.Fatal(err)
	}
	it := items[2]
	if it.Title != "الصين، أمريكا, والرقائق: من يربح سباق الذكاء الاصطناعي؟" || !it.Favourite ||
		!reflect.DeepEqual(it.Tags, []string{"عربي", "politics, world"}) || it.Added.Format(time.DateOnly) != "2023-11-16" {
		t.Errorf("instapaper item 2 = %+v", it)
	}
	if items[1].Title != `Hello, "World": commas, quotes and more` || !items[1].Archived {
		t.Errorf("instapaper item 1 = %+v", items[1])
	}
	if !reflect.DeepEqual(items[6].Tags, []string{"Research", "news"}) {
		t.Errorf("custom folder not kept as a tag: %v", items[6].Tags)
	}
	rw, err := ReadAll(ctx, readwise{}, filepath.Join("testdata", "readwise.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rw[6].Tags, []string{"people's history"}) {
		t.Errorf("readwise python list: %v", rw[6].Tags)
	}
	om, err := ReadAll(ctx, omnivore{}, filepath.Join("testdata", "omnivore.zip"))
	if err != nil {
		t.Fatal(err)
	}
	want := []ItemHighlight{{Quote: "first passage, with a comma", Note: "my note on it"}, {Quote: "second passage"}}
	if !reflect.DeepEqual(om[2].Highlights, want) {
		t.Errorf("omnivore highlights = %+v", om[2].Highlights)
	}
	if got := pythonList(`['a', "b's", 'c\'d']`); !reflect.DeepEqual(got, []string{"a", "b's", "c'd"}) {
		t.Errorf("pythonList = %q", got)
	}
}

func TestPreview(t *testing.T) {
	format, n, tags, err := Preview(context.Background(), filepath.Join("testdata", "pocket.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if format != "pocket" || n != 21 || !reflect.DeepEqual(tags, []string{"ai", "china", "duplicate", "news", "politics, world", "عربي"}) {
		t.Errorf("Preview = %q, %d, %q", format, n, tags)
	}
}

func writeZip(t *testing.T, build func(z *zip.Writer)) string {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	build(z)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	whole, err := os.ReadFile(filepath.Join("testdata", "pocket.zip"))
	if err != nil {
		t.Fatal(err)
	}
	truncated := write("truncated.zip", string(whole[:len(whole)/2]))
	slip := writeZip(t, func(z *zip.Writer) {
		w, _ := z.Create("part_000000.csv")
		w.Write([]byte("title,url,time_added,tags,status\nx,https://a.example/,1,,unread\n"))
		w, _ = z.Create("../../evil.csv")
		w.Write([]byte("x"))
	})
	// A bomb that claims 2 GB: refused from its directory, nothing inflated.
	claimed := writeZip(t, func(z *zip.Writer) {
		w, _ := z.CreateRaw(&zip.FileHeader{Name: "part_000000.csv", Method: zip.Deflate,
			CompressedSize64: 10, UncompressedSize64: 2 << 30})
		w.Write(make([]byte, 10))
	})
	// A real one: 20 MB of zeros, about 20 KB packed.
	ratio := writeZip(t, func(z *zip.Writer) {
		w, _ := z.Create("part_000000.csv")
		zeros := make([]byte, 1<<20)
		for range 20 {
			w.Write(zeros)
		}
	})
	cases := []struct {
		name, path, format, want string
		unsafe                   bool
	}{
		{"truncated zip", truncated, "pocket", "not a complete zip archive", false},
		{"zip slip", slip, "pocket", "points outside its folder", true},
		{"claimed bomb", claimed, "pocket", "more than 1024 MB", true},
		{"ratio bomb", ratio, "pocket", "zip bomb", true},
		{"wrong header", write("wrong.csv", "name,link\nx,https://a.example/\n"), "instapaper", "lacks the url, title, folder columns", false},
		{"invalid json", write("bad.json", `[{"url": "https://a.example/", "title": "x",}]`), "wallabag", "not valid JSON", false},
		{"cut json", write("cut.json", `[{"url": "https://a.example/", "is_archived": 0}, {"url": "https://b`), "wallabag", "ends too early", false},
		{"karakeep not json", write("k.json", `{"bookmarks": [}`), "karakeep", "not valid JSON", false},
		{"unknown", write("notes.txt", "hello"), "auto", "not an export Annals can read", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			im, err := Open(c.path, c.format)
			if err == nil {
				var n int
				err = im.Import(context.Background(), c.path, func(Item) error { n++; return nil })
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if errors.Is(err, ErrUnsafeZip) != c.unsafe {
				t.Errorf("errors.Is(err, ErrUnsafeZip) = %v", !c.unsafe)
			}
		})
	}
}

func TestImportRespectsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := wallabag{}.Import(ctx, filepath.Join("testdata", "wallabag.json"), func(Item) error {
		n++
		if n == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 3 {
		t.Fatalf("err = %v after %d items", err, n)
	}
}

func TestSafeName(t *testing.T) {
	for name, ok := range map[string]bool{
		"part_000000.csv": true, "content/a.html": true, "./a/../b.html": false,
		"../x": false, "a/../../x": false, "/etc/passwd": false, `..\x`: false, `C:\x`: false, "a/..": false,
	} {
		if _, got := safeName(name); got != ok {
			t.Errorf("safeName(%q) = %v, want %v", name, got, ok)
		}
	}
}
