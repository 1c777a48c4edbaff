package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Item is one article an export file lists. Only URL is required.
type Item struct {
	URL        string
	Title      string
	Tags       []string
	Archived   bool
	Favourite  bool
	Added      time.Time // when the user saved it in the other app; zero when unknown
	HTML       string    // the page's content when the export carries it
	Highlights []ItemHighlight
}

// ItemHighlight is a passage the user marked in the other app, with an
// optional note.
type ItemHighlight struct {
	Quote string
	Note  string
}

// Importer reads one export format. Detect looks at a file's name and its
// first bytes (HeadSize of them, fewer for a short file); Import reads the
// whole file, calls emit once per item in file order and stops at the first
// error emit returns or when ctx ends. An importer never writes anywhere:
// the caller decides what to keep.
type Importer interface {
	Name() string
	Detect(name string, head []byte) bool
	Import(ctx context.Context, path string, emit func(Item) error) error
}

// HeadSize is how many leading bytes Detect is given.
const HeadSize = 4096

// importers is the registry, most specific first: Detect returns the first
// that recognises a file.
var importers = []Importer{
	pocketCSV{},
	omnivore{},
	pocketHTML{},
	netscape{},
	instapaper{},
	readwise{},
	karakeep{},
	wallabag{},
}

// Importers lists the formats known, in the order Detect tries them.
func Importers() []Importer { return append([]Importer(nil), importers...) }

// FormatNames lists the importers' names ("pocket", "instapaper", …).
func FormatNames() []string {
	var names []string
	for _, im := range importers {
		names = append(names, im.Name())
	}
	return names
}

// ByName returns the importer called name.
func ByName(name string) (Importer, bool) {
	for _, im := range importers {
		if im.Name() == name {
			return im, true
		}
	}
	return nil, false
}

// Detect returns the importer that recognises a file from its name and
// first bytes, or nil.
func Detect(name string, head []byte) Importer {
	for _, im := range importers {
		if im.Detect(name, head) {
			return im
		}
	}
	return nil
}

// ErrUnknownFormat is returned when no importer recognises a file.
var ErrUnknownFormat = errors.New("this file is not an export Annals can read (Pocket, Instapaper, wallabag, Omnivore, Readwise Reader, Karakeep or browser bookmarks)")

// Open picks the importer for path: format is an importer's name, or "" or
// "auto" to detect it from the file.
func Open(path, format string) (Importer, error) {
	if format != "" && format != "auto" {
		im, ok := ByName(format)
		if !ok {
			return nil, fmt.Errorf("unknown import format %q (known: auto, %s)", format, strings.Join(FormatNames(), ", "))
		}
		return im, nil
	}
	head, err := readHead(path)
	if err != nil {
		return nil, err
	}
	im := Detect(filepath.Base(path), head)
	if im == nil {
		return nil, ErrUnknownFormat
	}
	return im, nil
}

func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", filepath.Base(path), errors.Unwrap(err))
	}
	defer f.Close()
	head := make([]byte, HeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("cannot read %s: %w", filepath.Base(path), err)
	}
	return head[:n], nil
}

// ReadAll runs im over path and returns every item, or the first error:
// a file that cannot be read to its end yields nothing.
func ReadAll(ctx context.Context, im Importer, path string) ([]Item, error) {
	var items []Item
	err := im.Import(ctx, path, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

// Count reads the whole file as Import does, checking every part of it,
// and returns how many items it holds, keeping none of them: the pages an
// export carries are checked (a zip entry against its checksum) but not
// kept or converted. On an error, n is the items read before it.
func Count(ctx context.Context, im Importer, path string) (n int, err error) {
	err = im.Import(context.WithValue(ctx, countOnlyKey{}, true), path, func(Item) error {
		n++
		return nil
	})
	return n, err
}

// countOnlyKey marks the context of a Count: the importers that carry
// pages check their bytes and leave Item.HTML empty.
type countOnlyKey struct{}

func countOnly(ctx context.Context) bool {
	v, _ := ctx.Value(countOnlyKey{}).(bool)
	return v
}

// PreviewInfo is what the import dialog shows before anything is written.
type PreviewInfo struct {
	Format string
	Items  int      // items in the file, duplicates included
	Unique int      // distinct URLs
	Tags   []string // every tag found, sorted, once each
}

// Preview detects path's format and reads it whole without importing.
func Preview(ctx context.Context, path string) (format string, items int, tags []string, err error) {
	p, err := PreviewFile(ctx, path, "auto")
	if err != nil {
		return "", 0, nil, err
	}
	return p.Format, p.Items, p.Tags, nil
}

// PreviewFile is Preview with a chosen format ("auto" to detect).
func PreviewFile(ctx context.Context, path, format string) (PreviewInfo, error) {
	im, err := Open(path, format)
	if err != nil {
		return PreviewInfo{}, err
	}
	info := PreviewInfo{Format: im.Name()}
	seenTag := map[string]string{}
	seenURL := map[string]bool{}
	// The preview needs no page: they are checked, not kept.
	err = im.Import(context.WithValue(ctx, countOnlyKey{}, true), path, func(it Item) error {
		info.Items++
		if !seenURL[it.URL] {
			seenURL[it.URL] = true
			info.Unique++
		}
		for _, t := range it.Tags {
			if _, ok := seenTag[strings.ToLower(t)]; !ok {
				seenTag[strings.ToLower(t)] = t
			}
		}
		return nil
	})
	if err != nil {
		return PreviewInfo{}, err
	}
	for _, t := range seenTag {
		info.Tags = append(info.Tags, t)
	}
	sort.Slice(info.Tags, func(i, j int) bool { return strings.ToLower(info.Tags[i]) < strings.ToLower(info.Tags[j]) })
	return info, nil
}

// Helpers shared by the importers.

// cleanTags trims, drops empty and repeated (case-insensitively) tags.
func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

// unixTime reads seconds (or milliseconds, for 13-digit values) since 1970.
func unixTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f > 0 {
			n = int64(f)
		} else {
			return time.Time{}
		}
	}
	if n > 1e12 {
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}

// validURL reports whether s is a link worth keeping: an http or https
// URL with a host, in valid UTF-8 (a crafted export can hold any bytes).
func validURL(s string) bool {
	s = strings.TrimSpace(s)
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return false
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// cleanEmit wraps an importer's emit so that whatever the file held, the
// caller gets only items with a web link and text in valid UTF-8: items
// without one are skipped, invalid bytes become U+FFFD.
func cleanEmit(emit func(Item) error) func(Item) error {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	return func(it Item) error {
		it.URL = strings.TrimSpace(it.URL)
		if !validURL(it.URL) {
			return nil
		}
		it.Title = fix(it.Title)
		for i, t := range it.Tags {
			it.Tags[i] = fix(t)
		}
		for i, h := range it.Highlights {
			it.Highlights[i] = ItemHighlight{Quote: fix(h.Quote), Note: fix(h.Note)}
		}
		return emit(it)
	}
}

// lineError says where in a file a problem is.
func lineError(format string, line int, msg string) error {
	return fmt.Errorf("%s export, line %d: %s", format, line, msg)
}

// canceled checks ctx between items.
func canceled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("import cancelled: %w", err)
	}
	return nil
}
