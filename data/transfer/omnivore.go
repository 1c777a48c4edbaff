package transfer

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Omnivore (closed in 2024) exported a zip of metadata_0_to_49.json…
// (arrays of {slug, title, url, state, labels, savedAt, …}) with
// content/{slug}.html holding each article and highlights/{slug}.md its
// highlights: "> quote [⤴️](link)" lines, each optionally followed by the
// user's note.

var _ Importer = omnivore{}

type omnivore struct{}

func (omnivore) Name() string { return "omnivore" }

var omnivoreMeta = regexp.MustCompile(`^metadata_\d+_to_\d+\.json$`)

func (omnivore) Detect(name string, head []byte) bool {
	first, ok := zipFirstName(head)
	if !ok {
		return false
	}
	b := path.Base(first)
	return omnivoreMeta.MatchString(b) || strings.HasPrefix(first, "content/") || strings.HasPrefix(first, "highlights/")
}

type omnivoreEntry struct {
	Slug     string          `json:"slug"`
	Title    string          `json:"title"`
	URL      string          `json:"url"`
	State    string          `json:"state"`
	Labels   json.RawMessage `json:"labels"`
	SavedAt  string          `json:"savedAt"`
	Archived *bool           `json:"isArchived"`
}

func (omnivore) Import(ctx context.Context, file string, emit func(Item) error) error {
	emit = cleanEmit(emit)
	z, err := openZip(file)
	if err != nil {
		return err
	}
	defer z.Close()
	var metas []string
	for _, n := range z.names {
		if omnivoreMeta.MatchString(path.Base(n)) {
			metas = append(metas, n)
		}
	}
	if len(metas) == 0 {
		return fmt.Errorf("this zip is not an Omnivore export: it holds no metadata_*.json")
	}
	sort.Slice(metas, func(i, j int) bool { return metaStart(metas[i]) < metaStart(metas[j]) })
	dir := func(n string) string { return path.Dir(n) }
	for _, m := range metas {
		r, err := z.open(m)
		if err != nil {
			return err
		}
		err = jsonArray(ctx, r, "Omnivore "+path.Base(m), func(raw json.RawMessage) error {
			var e omnivoreEntry
			if err := json.Unmarshal(raw, &e); err != nil {
				return fmt.Errorf("the Omnivore export has an entry Annals cannot read in %s: %w", path.Base(m), err)
			}
			if !validURL(e.URL) {
				return nil
			}
			it := Item{URL: strings.TrimSpace(e.URL), Title: strings.TrimSpace(e.Title), Added: looseTime(e.SavedAt),
				Tags: cleanTags(omnivoreLabels(e.Labels))}
			it.Archived = strings.EqualFold(e.State, "archived") || (e.Archived != nil && *e.Archived)
			if e.Slug != "" && !strings.ContainsAny(e.Slug, `/\`) {
				// Each page is read once: an entry named again (a slug
				// repeated in the metadata) leaves that item to be fetched,
				// so a small archive cannot cost its size many times over.
				base := dir(m)
				page := path.Join(base, "content", e.Slug+".html")
				if countOnly(ctx) {
					// Counting: the page is checked, not kept.
					if err := z.check(page); zipProblem(err) {
						return err
					}
				} else if b, err := z.read(page); err == nil {
					it.HTML = string(b)
				} else if zipProblem(err) {
					return err
				}
				if b, err := z.read(path.Join(base, "highlights", e.Slug+".md")); err == nil {
					it.Highlights = omnivoreHighlights(string(b))
				} else if zipProblem(err) {
					return err
				}
			}
			return emit(it)
		})
		if cerr := r.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func metaStart(name string) int {
	var a, b int
	fmt.Sscanf(path.Base(name), "metadata_%d_to_%d.json", &a, &b)
	return a
}

// omnivoreLabels reads labels given as strings or as {name} objects.
func omnivoreLabels(raw json.RawMessage) []string {
	var ss []string
	if json.Unmarshal(raw, &ss) == nil {
		return ss
	}
	var os []struct{ Name string }
	if json.Unmarshal(raw, &os) == nil {
		for _, o := range os {
			ss = append(ss, o.Name)
		}
	}
	return ss
}

var omnivoreLink = regexp.MustCompile(`\s*\[⤴️?\]\([^)]*\)\s*$`)

// omnivoreHighlights reads highlights/{slug}.md: each highlight is a block
// of "> " lines (the last ending in a link back to Omnivore), and the
// lines after it up to the next quote are its note.
func omnivoreHighlights(md string) []ItemHighlight {
	var out []ItemHighlight
	var quote, note []string
	flush := func() {
		if len(quote) > 0 {
			out = append(out, ItemHighlight{Quote: strings.TrimSpace(strings.Join(quote, "\n")),
				Note: strings.TrimSpace(strings.Join(note, "\n"))})
		}
		quote, note = nil, nil
	}
	inQuote := false
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		if strings.HasPrefix(line, ">") {
			if !inQuote {
				flush()
			}
			inQuote = true
			quote = append(quote, omnivoreLink.ReplaceAllString(strings.TrimSpace(strings.TrimPrefix(line, ">")), ""))
			continue
		}
		inQuote = false
		if strings.HasPrefix(line, "#") && len(quote) == 0 {
			continue // the "## Highlights" heading
		}
		if len(quote) > 0 && strings.TrimSpace(line) != "" {
			note = append(note, strings.TrimSpace(line))
		}
	}
	flush()
	return out
}
