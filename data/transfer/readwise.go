package transfer

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
)

// Readwise Reader's CSV export: Title,URL,ID,Document tags,Saved date,
// Reading progress,Location,Seen. Document tags is a Python list literal
// (['ai', "people's history"]); Location is new, later, shortlist, archive
// or feed (shortlist becomes a favourite, archive archived).

var _ Importer = readwise{}

type readwise struct{}

func (readwise) Name() string { return "readwise" }

func (readwise) Detect(name string, head []byte) bool {
	return !isZip(head) && csvHeaderHas(head, "title", "url", "document tags")
}

func (readwise) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	t, err := newCSVTable(f, "Readwise Reader", "url", "title", "document tags")
	if err != nil {
		return err
	}
	return t.each(ctx, "Readwise Reader", func(line int, get func(string) string) error {
		u := get("url")
		if !validURL(u) {
			return nil
		}
		it := Item{URL: u, Title: get("title"), Tags: cleanTags(pythonList(get("document tags"))),
			Added: looseTime(get("saved date"))}
		switch strings.ToLower(get("location")) {
		case "archive":
			it.Archived = true
		case "shortlist":
			it.Favourite = true
		}
		return emit(it)
	})
}

// pythonList reads a Python list of strings: ['a', "b's", 'c\'d']. Anything
// that is not a quoted string is skipped; an unfinished string is kept.
func pythonList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || s == "[]" {
		return nil
	}
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		q := rs[i]
		if q != '\'' && q != '"' {
			continue
		}
		var b strings.Builder
		i++
		for ; i < len(rs) && rs[i] != q; i++ {
			if rs[i] == '\\' && i+1 < len(rs) {
				i++
			}
			b.WriteRune(rs[i])
		}
		out = append(out, b.String())
	}
	if len(out) == 0 && !strings.HasPrefix(s, "[") {
		return strings.Split(s, ",") // a plain list
	}
	return out
}

// looseTime reads the many date shapes exports use (RFC 3339, "2024-03-01
// 12:34:56+00:00", Unix seconds), or returns zero.
func looseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC()
	}
	if t := unixTime(s); !t.IsZero() && !strings.ContainsAny(s, "-/:") {
		return t
	}
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}
