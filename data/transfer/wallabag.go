package transfer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// wallabag's JSON export: an array of entries with title, url, content
// (the article's HTML), is_archived, is_starred (0/1 or booleans), tags
// (strings, or objects with a label), created_at, published_at, language
// and annotations [{text, quote, ranges}], which become highlights. The
// array is read one entry at a time.

var _ Importer = wallabag{}

type wallabag struct{}

func (wallabag) Name() string { return "wallabag" }

func (wallabag) Detect(name string, head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	return len(h) > 0 && h[0] == '[' && bytes.Contains(head, []byte(`"is_archived"`))
}

type wallabagEntry struct {
	Title       string            `json:"title"`
	URL         string            `json:"url"`
	Content     string            `json:"content"`
	IsArchived  flexBool          `json:"is_archived"`
	IsStarred   flexBool          `json:"is_starred"`
	Tags        []json.RawMessage `json:"tags"`
	CreatedAt   string            `json:"created_at"`
	Annotations []struct {
		Text  string `json:"text"`
		Quote string `json:"quote"`
	} `json:"annotations"`
}

func (w wallabag) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	return jsonArray(ctx, bufio.NewReader(f), "wallabag", func(raw json.RawMessage) error {
		var e wallabagEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("the wallabag export has an entry Annals cannot read: %w", err)
		}
		if !validURL(e.URL) {
			return nil
		}
		it := Item{URL: strings.TrimSpace(e.URL), Title: strings.TrimSpace(e.Title), Archived: bool(e.IsArchived),
			Favourite: bool(e.IsStarred), Added: looseTime(e.CreatedAt), HTML: e.Content}
		var tags []string
		for _, t := range e.Tags {
			var s string
			if json.Unmarshal(t, &s) == nil {
				tags = append(tags, s)
				continue
			}
			var o struct{ Label, Slug string }
			if json.Unmarshal(t, &o) == nil {
				tags = append(tags, firstNonBlank(o.Label, o.Slug))
			}
		}
		it.Tags = cleanTags(tags)
		for _, a := range e.Annotations {
			if strings.TrimSpace(a.Quote) == "" {
				continue
			}
			it.Highlights = append(it.Highlights, ItemHighlight{Quote: strings.TrimSpace(a.Quote), Note: strings.TrimSpace(a.Text)})
		}
		return emit(it)
	})
}

// jsonArray streams the elements of a top-level JSON array to fn.
func jsonArray(ctx context.Context, r io.Reader, format string, fn func(json.RawMessage) error) error {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return jsonError(format, dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("this is not a %s export: it does not hold a list of entries", format)
	}
	for dec.More() {
		if err := canceled(ctx); err != nil {
			return err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return jsonError(format, dec, err)
		}
		if err := fn(raw); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return jsonError(format, dec, err)
	}
	return nil
}

// jsonError turns a decoding error into one sentence saying where.
func jsonError(format string, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("the %s export is not valid JSON (%v, near byte %d)", format, se, se.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("the %s export ends too early (the file is incomplete, near byte %d)", format, dec.InputOffset())
	}
	return fmt.Errorf("the %s export is not valid JSON near byte %d: %v", format, dec.InputOffset(), err)
}

// flexBool accepts true/false, 0/1 and "0"/"1".
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	s := strings.Trim(string(data), `"`)
	switch s {
	case "true", "1":
		*b = true
	case "false", "0", "", "null":
		*b = false
	default:
		return fmt.Errorf("%s is not a yes/no value", data)
	}
	return nil
}

func firstNonBlank(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
