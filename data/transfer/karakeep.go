package transfer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
)

// Karakeep (formerly Hoarder) exports {"bookmarks": […], "lists": […]}.
// A bookmark has createdAt (Unix seconds or an ISO date), title, tags,
// content {type: link, url} (text notes and uploaded files have no link and
// are skipped), note, archived and favourited. A list may name its
// bookmarks' ids; its name then becomes a tag on them.

var _ Importer = karakeep{}

type karakeep struct{}

func (karakeep) Name() string { return "karakeep" }

func (karakeep) Detect(name string, head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	return len(h) > 0 && h[0] == '{' && bytes.Contains(head, []byte(`"bookmarks"`))
}

type karakeepExport struct {
	Bookmarks *[]struct {
		ID         string          `json:"id"`
		CreatedAt  json.RawMessage `json:"createdAt"`
		Title      *string         `json:"title"`
		Tags       []string        `json:"tags"`
		Archived   bool            `json:"archived"`
		Favourited bool            `json:"favourited"`
		Note       *string         `json:"note"`
		Content    struct {
			Type  string  `json:"type"`
			URL   string  `json:"url"`
			Title *string `json:"title"`
		} `json:"content"`
	} `json:"bookmarks"`
	Lists []struct {
		Name      string   `json:"name"`
		Bookmarks []string `json:"bookmarks"`
	} `json:"lists"`
}

func (karakeep) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	var doc karakeepExport
	if err := dec.Decode(&doc); err != nil {
		return jsonError("Karakeep", dec, err)
	}
	if doc.Bookmarks == nil {
		return fmt.Errorf("this is not a Karakeep export: it has no bookmarks list")
	}
	inList := map[string][]string{}
	for _, l := range doc.Lists {
		for _, id := range l.Bookmarks {
			inList[id] = append(inList[id], l.Name)
		}
	}
	for _, b := range *doc.Bookmarks {
		if err := canceled(ctx); err != nil {
			return err
		}
		if b.Content.Type != "" && b.Content.Type != "link" || !validURL(b.Content.URL) {
			continue
		}
		it := Item{URL: strings.TrimSpace(b.Content.URL), Archived: b.Archived, Favourite: b.Favourited,
			Added: karakeepTime(b.CreatedAt)}
		if b.Title != nil {
			it.Title = strings.TrimSpace(*b.Title)
		} else if b.Content.Title != nil {
			it.Title = strings.TrimSpace(*b.Content.Title)
		}
		it.Tags = cleanTags(append(append([]string(nil), b.Tags...), inList[b.ID]...))
		if b.Note != nil && strings.TrimSpace(*b.Note) != "" {
			it.Highlights = []ItemHighlight{{Note: strings.TrimSpace(*b.Note)}}
		}
		if err := emit(it); err != nil {
			return err
		}
	}
	return nil
}

func karakeepTime(raw json.RawMessage) time.Time {
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return unixTime(n.String())
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return looseTime(s)
	}
	return time.Time{}
}
