package transfer

import (
	"context"
	"encoding/json"
	"os"
	"strings"
)

// Instapaper's CSV export: URL,Title,Selection,Folder[,Timestamp][,Tags].
// Folder is Unread, Archive, Starred or a folder of the user's (kept as a
// tag); Tags, in newer exports, is a JSON array in one cell; Selection is
// text the user selected when saving, kept as a highlight.

var _ Importer = instapaper{}

type instapaper struct{}

func (instapaper) Name() string { return "instapaper" }

func (instapaper) Detect(name string, head []byte) bool {
	return !isZip(head) && csvHeaderHas(head, "url", "title", "selection", "folder")
}

func (instapaper) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	t, err := newCSVTable(f, "Instapaper", "url", "title", "folder")
	if err != nil {
		return err
	}
	return t.each(ctx, "Instapaper", func(line int, get func(string) string) error {
		u := get("url")
		if !validURL(u) {
			return nil
		}
		it := Item{URL: u, Title: get("title"), Added: unixTime(get("timestamp"))}
		if it.Title == u {
			it.Title = ""
		}
		var tags []string
		switch folder := get("folder"); strings.ToLower(folder) {
		case "", "unread":
		case "archive":
			it.Archived = true
		case "starred":
			it.Favourite = true
		default:
			tags = append(tags, folder)
		}
		if raw := get("tags"); raw != "" {
			var list []string
			if err := json.Unmarshal([]byte(raw), &list); err != nil {
				// Not JSON: an older export with comma-separated tags.
				list = strings.Split(strings.Trim(raw, "[]"), ",")
			}
			tags = append(tags, list...)
		}
		it.Tags = cleanTags(tags)
		if sel := get("selection"); sel != "" {
			it.Highlights = []ItemHighlight{{Quote: sel}}
		}
		return emit(it)
	})
}
