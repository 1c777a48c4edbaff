package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestAnchor(t *testing.T) {
	const ar = "أطلقت شركة ديب سيك الصينيّة نموذجاً. ثم أطلقت علي بابا نموذج QwQ."
	cases := []struct {
		name       string
		text       string
		quote      string
		start, end int
		want       string // text[start:end] expected; "" means not found
		wantStart  int    // -1: do not check
	}{
		{"unchanged", "The model is small.", "model", 4, 9, "model", 4},
		{"moved by an insertion", "Breaking: The model is small.", "model", 4, 9, "model", 14},
		{"old offsets past the end", "model", "model", 40, 45, "model", 0},
		{"nearest of two, second", "model one, model two", "model", 9, 14, "model", 11},
		{"nearest of two, first", "model one, model two", "model", 2, 7, "model", 0},
		{"arabic moved", "مقدمة. " + ar, "ديب سيك", len("أطلقت شركة "), len("أطلقت شركة ديب سيك"), "ديب سيك", -1},
		{"arabic folded: shadda added in the text", ar, "الصينية", 0, 0, "الصينيّة", -1},
		{"arabic folded: hamza dropped in the text", strings.ReplaceAll(ar, "أطلقت", "اطلقت"), "أطلقت علي", 70, 80, "اطلقت علي", -1},
		{"arabic folded: ta marbuta written as ha", "قالت الشركه إن", "الشركة", 0, 12, "الشركه", -1},
		{"latin folded: case", "deepseek released", "DeepSeek", 0, 8, "deepseek", 0},
		{"gone", "Nothing here.", "model", 4, 9, "", -1},
		{"empty quote", "Nothing here.", "", 0, 0, "", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, e, ok := anchor(c.text, c.quote, c.start, c.end)
			if c.want == "" {
				if ok {
					t.Fatalf("anchor found %q at %d-%d, want not found", c.text[s:e], s, e)
				}
				if s != c.start || e != c.end {
					t.Errorf("not found should keep the old offsets %d-%d, got %d-%d", c.start, c.end, s, e)
				}
				return
			}
			if !ok {
				t.Fatalf("anchor did not find %q in %q", c.quote, c.text)
			}
			if got := c.text[s:e]; got != c.want {
				t.Errorf("anchored at %d-%d = %q, want %q", s, e, got, c.want)
			}
			if c.wantStart >= 0 && s != c.wantStart {
				t.Errorf("start = %d, want %d", s, c.wantStart)
			}
		})
	}
}

func TestAnchorFoldedPicksNearest(t *testing.T) {
	text := "الصينيه أولاً، ثم كلام كثير، ثم الصينيّة مرة أخرى"
	second := strings.LastIndex(text, "الصينيّة")
	s, e, ok := anchor(text, "الصينية", second+3, second+10)
	if !ok || s != second || text[s:e] != "الصينيّة" {
		t.Fatalf("anchor = %d-%d %v, want the second occurrence at %d", s, e, ok, second)
	}
}

func saveHLText(t *testing.T, s *Store, url, title, text string) int64 {
	t.Helper()
	id, _, err := s.SaveArticle(context.Background(), &Article{URL: url, Title: title, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAddHighlightValidates(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	text := "وعد الرئيس دونالد ترمب في خطاب تنصيبه. DeepSeek released a model."
	id := saveHLText(t, s, "https://e.com/v", "t", text)
	trump := strings.Index(text, "ترمب")
	ds := strings.Index(text, "DeepSeek")
	cases := []struct {
		name    string
		h       Highlight
		wantErr error // nil: accepted
		quote   string
	}{
		{"arabic", Highlight{ArticleID: id, Start: trump, End: trump + len("ترمب"), Quote: "ترمب", Note: "ملاحظة"}, nil, "ترمب"},
		{"english, colour", Highlight{ArticleID: id, Start: ds, End: ds + 8, Quote: "DeepSeek", Colour: "green"}, nil, "DeepSeek"},
		{"quote taken from the text", Highlight{ArticleID: id, Start: ds, End: ds + 8}, nil, "DeepSeek"},
		{"placed by its quote (import)", Highlight{ArticleID: id, Quote: "خطاب تنصيبه"}, nil, "خطاب تنصيبه"},
		{"placed by folded quote", Highlight{ArticleID: id, Quote: "خطاب تنصيبة"}, nil, "خطاب تنصيبه"},
		{"quote not in the text", Highlight{ArticleID: id, Quote: "كوكاكولا"}, ErrBadHighlight, ""},
		{"quote differs", Highlight{ArticleID: id, Start: ds, End: ds + 8, Quote: "deepseek"}, ErrBadHighlight, ""},
		{"past the end", Highlight{ArticleID: id, Start: ds, End: len(text) + 1}, ErrBadHighlight, ""},
		{"negative", Highlight{ArticleID: id, Start: -1, End: 3}, ErrBadHighlight, ""},
		{"empty range", Highlight{ArticleID: id, Start: ds, End: ds}, ErrBadHighlight, ""},
		{"cuts an arabic letter", Highlight{ArticleID: id, Start: trump + 1, End: trump + 4}, ErrBadHighlight, ""},
		{"unknown colour", Highlight{ArticleID: id, Start: ds, End: ds + 8, Colour: "red"}, ErrBadHighlight, ""},
		{"unknown article", Highlight{ArticleID: id + 99, Start: 0, End: 3}, ErrNotFound, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hid, err := s.AddHighlight(ctx, c.h)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("AddHighlight: %v", err)
			}
			h, err := s.Highlight(ctx, hid)
			if err != nil {
				t.Fatal(err)
			}
			if h.Quote != c.quote || text[h.Start:h.End] != c.quote || h.Orphaned {
				t.Errorf("stored %+v, want quote %q at its place", h, c.quote)
			}
			if c.h.Colour == "" && h.Colour != "yellow" {
				t.Errorf("default colour = %q, want yellow", h.Colour)
			}
		})
	}
}

func TestHighlightsListUpdateDelete(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	text := "أطلقت شركة ديب سيك الصينية نموذجاً لغوياً."
	id := saveHLText(t, s, "https://e.com/l", "t", text)
	other := saveHLText(t, s, "https://e.com/o", "o", "other text")
	late := strings.Index(text, "نموذجاً")
	h2, err := s.AddHighlight(ctx, Highlight{ArticleID: id, Start: late, End: late + len("نموذجاً")})
	if err != nil {
		t.Fatal(err)
	}
	h1, err := s.AddHighlight(ctx, Highlight{ArticleID: id, Start: 0, End: len("أطلقت"), Colour: "pink", Note: "  first  "})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddHighlight(ctx, Highlight{ArticleID: other, Start: 0, End: 5}); err != nil {
		t.Fatal(err)
	}
	hs, err := s.Highlights(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0].ID != h1 || hs[1].ID != h2 {
		t.Fatalf("Highlights = %+v, want %d then %d (text order)", hs, h1, h2)
	}
	if hs[0].Note != "first" || hs[0].Colour != "pink" || hs[0].Created.IsZero() {
		t.Errorf("first = %+v", hs[0])
	}
	if hs[1].RuneStart != len([]rune(text[:late])) || hs[1].RuneEnd != hs[1].RuneStart+len([]rune("نموذجاً")) {
		t.Errorf("rune offsets = %d-%d", hs[1].RuneStart, hs[1].RuneEnd)
	}

	if err := s.UpdateHighlight(ctx, h1, "", "ملاحظة جديدة"); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateHighlight(ctx, h2, "blue", ""); err != nil {
		t.Fatal(err)
	}
	g1, _ := s.Highlight(ctx, h1)
	g2, _ := s.Highlight(ctx, h2)
	if g1.Colour != "pink" || g1.Note != "ملاحظة جديدة" || g2.Colour != "blue" || g2.Note != "" {
		t.Errorf("after update: %+v / %+v", g1, g2)
	}
	if err := s.UpdateHighlight(ctx, h1, "red", ""); !errors.Is(err, ErrBadHighlight) {
		t.Errorf("bad colour: err = %v", err)
	}
	if err := s.UpdateHighlight(ctx, 9999, "", "x"); !errors.Is(err, ErrHighlightNotFound) {
		t.Errorf("unknown id: err = %v", err)
	}

	if err := s.DeleteHighlight(ctx, h1); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHighlight(ctx, h1); !errors.Is(err, ErrHighlightNotFound) {
		t.Errorf("second delete: err = %v", err)
	}
	if _, err := s.Highlight(ctx, h1); !errors.Is(err, ErrHighlightNotFound) {
		t.Errorf("deleted highlight still there: %v", err)
	}
	hs, _ = s.Highlights(ctx, id)
	if len(hs) != 1 || hs[0].ID != h2 {
		t.Errorf("after delete: %+v", hs)
	}
}

func TestHighlightsFollowTextChanges(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	url := "https://e.com/re"
	text := "أطلقت شركة ديب سيك نموذجاً. The model is small. فقرة ستحذف لاحقاً."
	id := saveHLText(t, s, url, "t", text)
	add := func(quote string) int64 {
		t.Helper()
		i := strings.Index(text, quote)
		hid, err := s.AddHighlight(ctx, Highlight{ArticleID: id, Start: i, End: i + len(quote), Quote: quote, Note: "n"})
		if err != nil {
			t.Fatal(err)
		}
		return hid
	}
	same, moved, folded, gone := add("أطلقت"), add("small"), add("ديب سيك نموذجاً"), add("ستحذف")

	// Re-saved: a heading before, a harakat-free spelling, a sentence gone.
	// «أطلقت» stays at 0 only if nothing is inserted: keep it first.
	newText := "أطلقت شركة ديب سيك نموذجا. Update: The model is small."
	saveHLText(t, s, url, "t", newText)
	flagged := map[int64]bool{}
	hs, _ := s.Highlights(ctx, id)
	for _, h := range hs {
		flagged[h.ID] = h.Orphaned
	}
	want := map[int64]bool{same: false, moved: true, folded: true, gone: true}
	for hid, w := range want {
		if flagged[hid] != w {
			t.Errorf("before re-anchoring, highlight %d orphaned = %v, want %v (the trigger flags moved ones)", hid, flagged[hid], w)
		}
	}

	orphans, err := s.ReanchorHighlights(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if orphans != 1 {
		t.Errorf("orphans = %d, want 1", orphans)
	}
	cases := []struct {
		id       int64
		quote    string // "" = orphaned
		original string
	}{
		{same, "أطلقت", ""},
		{moved, "small", ""},
		{folded, "ديب سيك نموذجا", ""}, // the text's new spelling
		{gone, "", "ستحذف"},
	}
	for _, c := range cases {
		h, err := s.Highlight(ctx, c.id)
		if err != nil {
			t.Fatal(err)
		}
		if c.quote == "" {
			if !h.Orphaned || h.Quote != c.original || h.Note != "n" {
				t.Errorf("gone highlight = %+v, want kept, orphaned, with its quote and note", h)
			}
			continue
		}
		if h.Orphaned || h.End > len(newText) || newText[h.Start:h.End] != c.quote || h.Quote != c.quote {
			t.Errorf("highlight %d = %+v, want %q at its new place", c.id, h, c.quote)
		}
	}
	// The old text back: the orphan is found again.
	saveHLText(t, s, url, "t", text)
	if orphans, err = s.ReanchorHighlights(ctx, id); err != nil || orphans != 0 {
		t.Errorf("after restoring the text: orphans %d, %v", orphans, err)
	}
	if _, err := s.ReanchorHighlights(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown article: %v", err)
	}
}

// An article without highlights (every page a bulk save stores) is
// re-anchored without a write transaction: with the write lock held
// elsewhere (a bulk save's batch), it returns at once; one with
// highlights still waits its turn.
func TestReanchorWithoutHighlightsTakesNoWriteLock(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	plain := saveHLText(t, s, "https://e.com/plain", "t", "A text with nothing highlighted.")
	marked := saveHLText(t, s, "https://e.com/marked", "t", "A text with a passage highlighted.")
	if _, err := s.AddHighlight(ctx, Highlight{ArticleID: marked, Quote: "passage"}); err != nil {
		t.Fatal(err)
	}
	reanchor := func(id int64) chan error {
		done := make(chan error, 1)
		go func() { _, err := s.ReanchorHighlights(ctx, id); done <- err }()
		return done
	}
	s.writeMu.Lock()
	plainDone, markedDone := reanchor(plain), reanchor(marked)
	select {
	case err := <-plainDone:
		if err != nil {
			t.Errorf("article without highlights: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the article without highlights waited for the write lock")
	}
	select {
	case err := <-markedDone:
		t.Errorf("the article with a highlight was re-anchored while the write lock was held elsewhere (%v)", err)
	case <-time.After(200 * time.Millisecond):
	}
	s.writeMu.Unlock()
	if err := <-markedDone; err != nil {
		t.Errorf("article with a highlight: %v", err)
	}
}

func TestDeletingArticleRemovesHighlights(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id := saveHLText(t, s, "https://e.com/d", "t", "نص عن الصين")
	if _, err := s.AddHighlight(ctx, Highlight{ArticleID: id, Quote: "الصين", Note: "زومبي"}); err != nil {
		t.Fatal(err)
	}
	var n, nf int
	s.db.QueryRow("SELECT count(*) FROM highlights_fts WHERE highlights_fts MATCH 'زومبي'").Scan(&nf)
	if nf != 1 {
		t.Fatalf("the note is not indexed before the delete (%d entries)", nf)
	}
	if err := s.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	s.db.QueryRow("SELECT count(*) FROM highlights").Scan(&n)
	s.db.QueryRow("SELECT count(*) FROM highlights_fts WHERE highlights_fts MATCH 'زومبي'").Scan(&nf)
	if n != 0 || nf != 0 {
		t.Errorf("after deleting the article: %d highlights, %d index entries", n, nf)
	}
}

func TestSearchFindsHighlightNotes(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ar := saveHLText(t, s, "https://ar.example/h", "نجاح نماذج بكين", "أطلقت شركة ديب سيك الصينية نموذجاً لغوياً.")
	en := saveHLText(t, s, "https://en.example/h", "Cheap models", "DeepSeek released a reasoning model.")
	arH, err := s.AddHighlight(ctx, Highlight{ArticleID: ar, Quote: "ديب سيك", Note: "قارن مع شركة أنثروبيك في الإمارات والمملكة المتحدة"})
	if err != nil {
		t.Fatal(err)
	}
	enH, err := s.AddHighlight(ctx, Highlight{ArticleID: en, Quote: "reasoning model", Note: "Compare with Mistral's pricing"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query         string
		want          int64
		fromHighlight bool
		mark          string
	}{
		{"mistral", en, true, "Mistral"},
		{"pricing compare", en, true, "pricing"},
		{"الامارات", ar, true, "الإمارات"},    // alef with hamza in the note
		{"المملكه", ar, true, "المملكة"},      // ta marbuta written as ha
		{"وأنثروبيك", ar, true, "أنثروبيك"},   // attached conjunction in the query
		{"reasoning", en, false, "reasoning"}, // in the text too: the article's own snippet
		{"ديب", ar, false, "ديب"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			hits, err := s.Search(ctx, c.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != 1 || hits[0].ID != c.want {
				t.Fatalf("hits = %+v, want article %d only", hits, c.want)
			}
			h := hits[0]
			if h.FromHighlight != c.fromHighlight {
				t.Errorf("FromHighlight = %v, want %v", h.FromHighlight, c.fromHighlight)
			}
			wantH := map[int64]int64{ar: arH, en: enH}[c.want]
			if h.HighlightID != wantH {
				t.Errorf("HighlightID = %d, want %d", h.HighlightID, wantH)
			}
			marked := false
			for _, m := range h.Matches {
				if strings.Contains(h.Snippet[m.Start:m.End], c.mark) {
					marked = true
				}
			}
			if !marked {
				t.Errorf("snippet %q marks %v, want %q marked", h.Snippet, h.Matches, c.mark)
			}
		})
	}

	// Changing the note changes what finds the article; deleting the
	// highlight removes it from search.
	if err := s.UpdateHighlight(ctx, enH, "", "Compare with Qwen"); err != nil {
		t.Fatal(err)
	}
	for q, n := range map[string]int{"mistral": 0, "qwen": 1} {
		if hits, _ := s.Search(ctx, q, 10); len(hits) != n {
			t.Errorf("after editing the note, %q finds %d, want %d", q, len(hits), n)
		}
	}
	for _, hid := range []int64{arH, enH} {
		if err := s.DeleteHighlight(ctx, hid); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"qwen", "الامارات", "أنثروبيك"} {
		if hits, _ := s.Search(ctx, q, 10); len(hits) != 0 {
			t.Errorf("after deleting the highlight, %q still finds %+v", q, hits)
		}
	}
	if hits, _ := s.Search(ctx, "reasoning", 10); len(hits) != 1 || hits[0].HighlightID != 0 {
		t.Errorf("the article's own text must still match: %+v", hits)
	}
}

func TestSearchRanksTextAndNoteMatchFirst(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := saveHLText(t, s, "https://e.com/a", "One", "A text about Alibaba and its models.")
	b := saveHLText(t, s, "https://e.com/b", "Two", "A text about Alibaba and its models.")
	if _, err := s.AddHighlight(ctx, Highlight{ArticleID: b, Quote: "models", Note: "Alibaba again"}); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "alibaba", 10)
	if err != nil || len(hits) != 2 {
		t.Fatalf("hits = %+v, %v", hits, err)
	}
	if hits[0].ID != b || hits[1].ID != a {
		t.Errorf("order = %d, %d; want %d (text and note) before %d", hits[0].ID, hits[1].ID, b, a)
	}
	if hits, _ := s.Search(ctx, "alibaba", 1); len(hits) != 1 || hits[0].ID != b {
		t.Errorf("limit 1 = %+v", hits)
	}
}

func TestAllHighlights(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ar := saveHLText(t, s, "https://ar.example/all", "نجاح نماذج بكين", "أطلقت شركة ديب سيك الصينية نموذجاً لغوياً.")
	en := saveHLText(t, s, "https://en.example/all", "Cheap models", "DeepSeek released a reasoning model.")
	base := time.Date(2025, 1, 20, 12, 0, 0, 0, time.UTC)
	add := func(article int64, quote, colour, note string, day int) int64 {
		t.Helper()
		id, err := s.AddHighlight(ctx, Highlight{ArticleID: article, Quote: quote, Colour: colour, Note: note, Created: base.AddDate(0, 0, day)})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	h1 := add(ar, "ديب سيك", "yellow", "شركة صينية", 0)
	h2 := add(en, "reasoning", "green", "", 1)
	h3 := add(ar, "نموذجاً", "green", "", 2)
	h4 := add(en, "DeepSeek", "blue", "the company", 3)
	ids := func(items []HighlightItem) []int64 {
		var out []int64
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	cases := []struct {
		name string
		f    HighlightFilter
		want []int64
	}{
		{"all newest first", HighlightFilter{}, []int64{h4, h3, h2, h1}},
		{"colour", HighlightFilter{Colour: "green"}, []int64{h3, h2}},
		{"query in a note, folded", HighlightFilter{Query: "صينيه"}, []int64{h1}},
		{"query in a quote", HighlightFilter{Query: "deepseek"}, []int64{h4}},
		{"query and colour", HighlightFilter{Query: "deepseek", Colour: "green"}, nil},
		{"page", HighlightFilter{Limit: 2, Offset: 1}, []int64{h3, h2}},
		{"punctuation only", HighlightFilter{Query: "\"*)("}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, err := s.AllHighlights(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(items); !equalIDs(got, c.want) {
				t.Errorf("ids = %v, want %v", got, c.want)
			}
		})
	}
	items, _ := s.AllHighlights(ctx, HighlightFilter{Colour: "yellow"})
	if len(items) != 1 || items[0].ArticleTitle != "نجاح نماذج بكين" || items[0].ArticleURL != "https://ar.example/all" ||
		!items[0].Created.Equal(base) {
		t.Errorf("item = %+v", items)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
