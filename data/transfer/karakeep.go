package transfer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
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

// karakeepBookmark is one entry of the bookmarks list.
type karakeepBookmark struct {
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
}

type karakeepList struct {
	Name      string   `json:"name"`
	Bookmarks []string `json:"bookmarks"`
}

// Import reads the export twice, one entry at a time, so a large export is
// never held whole: first the lists (they may come after the bookmarks
// they tag; the rest is only checked), then the bookmarks, each given as
// it is read.
func (karakeep) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	inList := map[string][]string{}
	sawBookmarks := false
	err := karakeepWalk(ctx, file, func(key string, dec *json.Decoder) error {
		switch key {
		case "lists":
			_, err := karakeepArray(ctx, dec, "lists", func() error {
				var l karakeepList
				if err := dec.Decode(&l); err != nil {
					return karakeepError(dec, err)
				}
				for _, id := range l.Bookmarks {
					inList[id] = append(inList[id], l.Name)
				}
				return nil
			})
			return err
		case "bookmarks":
			var err error
			sawBookmarks, err = karakeepArray(ctx, dec, "bookmarks", func() error { return skipJSONValue(dec) })
			return err
		}
		return skipJSONValue(dec)
	})
	if err != nil {
		return err
	}
	if !sawBookmarks {
		return fmt.Errorf("this is not a Karakeep export: it has no bookmarks list")
	}
	return karakeepWalk(ctx, file, func(key string, dec *json.Decoder) error {
		if key != "bookmarks" {
			return skipJSONValue(dec)
		}
		_, err := karakeepArray(ctx, dec, "bookmarks", func() error {
			var b karakeepBookmark
			if err := dec.Decode(&b); err != nil {
				return karakeepError(dec, err)
			}
			if b.Content.Type != "" && b.Content.Type != "link" || !validURL(b.Content.URL) {
				return nil
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
			return emit(it)
		})
		return err
	})
}

// karakeepWalk reads the export's top-level object, calling fn for each key
// with dec at its value; fn reads the value whole.
func karakeepWalk(ctx context.Context, file string, fn func(key string, dec *json.Decoder) error) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	tok, err := dec.Token()
	if err != nil {
		return karakeepError(dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("this is not a Karakeep export: it does not hold an object")
	}
	for dec.More() {
		if err := canceled(ctx); err != nil {
			return err
		}
		tok, err := dec.Token()
		if err != nil {
			return karakeepError(dec, err)
		}
		key, _ := tok.(string)
		if err := fn(key, dec); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return karakeepError(dec, err)
	}
	return nil
}

// karakeepArray calls each once per element of the array at dec; each
// reads the element. A null is an empty list, and list is false for it.
func karakeepArray(ctx context.Context, dec *json.Decoder, name string, each func() error) (list bool, err error) {
	tok, err := dec.Token()
	if err != nil {
		return false, karakeepError(dec, err)
	}
	if tok == nil {
		return false, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return false, fmt.Errorf("the Karakeep export's %s is not a list (near byte %d)", name, dec.InputOffset())
	}
	for dec.More() {
		if err := canceled(ctx); err != nil {
			return true, err
		}
		if err := each(); err != nil {
			return true, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return true, karakeepError(dec, err)
	}
	return true, nil
}

// skipJSONValue reads the value at dec token by token, holding none of
// it (Decode into a json.RawMessage would hold it whole).
func skipJSONValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return karakeepError(dec, err)
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// karakeepError is a decoding error in one sentence; a value of the wrong
// kind (a number for a title) is one too.
func karakeepError(dec *json.Decoder, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("the Karakeep export has an entry Annals cannot read (%s should not be a %s, near byte %d)", te.Field, te.Value, te.Offset)
	}
	return jsonError("Karakeep", dec, err)
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
