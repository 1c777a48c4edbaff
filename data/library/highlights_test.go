package library

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"annals/data/textnorm"
	"annals/internal/testenv"
)

// TestSeedHighlightSurvivesAnalysisAndResave puts an Arabic highlight with a
// note on the seed article, then re-analyses it, saves it again with a
// changed text, exports it, and deletes it.
func TestSeedHighlightSurvivesAnalysisAndResave(t *testing.T) {
	page, err := os.ReadFile(testenv.SeedHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	serve := page
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/seed" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(serve)
	}))
	defer srv.Close()
	l := openTemp(t)
	ctx := context.Background()
	var changes atomic.Int32
	l.OnChange(func() { changes.Add(1) })

	res, err := l.Add(ctx, srv.URL+"/seed").Wait()
	if err != nil {
		t.Fatal(err)
	}
	id := res.IDs[0]
	a, err := l.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	const quote = "استضافة ترمب لليوم التالي"
	const note = "قارن مع مكتبة الإسكندرية"
	start := strings.Index(a.Text, quote)
	if start < 0 {
		t.Fatalf("the seed text lacks %q", quote)
	}
	before := changes.Load()
	hid, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Start: start, End: start + len(quote), Quote: quote, Colour: "green", Note: note})
	if err != nil {
		t.Fatal(err)
	}
	if changes.Load() != before+1 {
		t.Errorf("AddHighlight did not signal a change")
	}
	if _, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Start: start, End: start + 3}); !errors.Is(err, ErrBadHighlight) {
		t.Errorf("a range cutting a letter: err = %v, want ErrBadHighlight", err)
	}

	check := func(step string, wantQuote string) Highlight {
		t.Helper()
		hs, err := l.Highlights(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		a, err := l.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) != 1 || hs[0].ID != hid || hs[0].Orphaned || hs[0].Note != note {
			t.Fatalf("%s: highlights = %+v", step, hs)
		}
		h := hs[0]
		if got := a.Text[h.Start:h.End]; got != wantQuote || h.Quote != wantQuote {
			t.Errorf("%s: text at %d-%d = %q, quote %q, want %q", step, h.Start, h.End, got, h.Quote, wantQuote)
		}
		// The note is searchable, with another spelling of its alef and ta marbuta.
		hits, err := l.Search(ctx, "الاسكندريه", 10)
		if err != nil || len(hits) != 1 || hits[0].ID != id || !hits[0].FromHighlight || !strings.Contains(hits[0].Snippet, "الإسكندرية") {
			t.Errorf("%s: search for the note = %+v, %v", step, hits, err)
		}
		return h
	}
	check("added", quote)
	if _, err := l.Analyze(ctx, id); err != nil {
		t.Fatal(err)
	}
	check("re-analysed", quote)

	// Saved again: a paragraph added at the top and the highlighted words
	// respelt (alef with hamza below): the highlight follows its words.
	mu.Lock()
	serve = bytes.Replace(page, []byte("<p>إن كانت"), []byte("<p>فقرة جديدة أضيفت في أول المقالة بعد التحديث.</p><p>إن كانت"), 1)
	serve = bytes.Replace(serve, []byte(quote), []byte("إستضافة ترمب لليوم التالي"), 1)
	mu.Unlock()
	res, err = l.Add(ctx, srv.URL+"/seed").Wait()
	if err != nil || res.IDs[0] != id {
		t.Fatalf("re-save: %+v, %v", res, err)
	}
	h := check("re-saved", "إستضافة ترمب لليوم التالي")
	if h.Start <= start {
		t.Errorf("highlight start %d did not move past the added paragraph (was %d)", h.Start, start)
	}
	if textnorm.Fold(h.Quote) != textnorm.Fold(quote) {
		t.Errorf("quote %q is not the old one %q folded", h.Quote, quote)
	}

	var md bytes.Buffer
	if err := l.ExportHighlightsMarkdown(ctx, id, &md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# " + testenv.SeedTitle + "\n", "<" + srv.URL + "/seed>", "> إستضافة ترمب لليوم التالي\n", "\n" + note + "\n"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}

	if err := l.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 0 {
		t.Errorf("highlights after deleting the article: %+v", hs)
	}
	if all, _ := l.AllHighlights(ctx, HighlightFilter{}); len(all) != 0 {
		t.Errorf("all highlights after deleting the article: %+v", all)
	}
	if hits, _ := l.Search(ctx, "الاسكندريه", 10); len(hits) != 0 {
		t.Errorf("the note still finds %+v", hits)
	}
	if _, err := l.Highlight(ctx, hid); !errors.Is(err, ErrHighlightNotFound) {
		t.Errorf("Highlight after delete: %v", err)
	}
}

func TestHighlightFacadeSignalsChanges(t *testing.T) {
	l := openTemp(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "en.html")
	html := `<html><head><title>Cheap models</title></head><body><article><h1>Cheap models</h1>
<p>DeepSeek released a reasoning model on Inauguration Day, and the markets noticed within hours of the launch.</p>
<p>Alibaba answered with QwQ, a smaller model that reasons step by step and costs very little to run.</p>
</article></body></html>`
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := l.ImportFile(ctx, path).Wait()
	if err != nil {
		t.Fatal(err)
	}
	id := res.IDs[0]
	var changes atomic.Int32
	l.OnChange(func() { changes.Add(1) })
	hid, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Quote: "a smaller model", Note: "# not a heading\n1. not a list"})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		run  func() error
		ok   bool // the call succeeds and signals
	}{
		{"update", func() error { return l.UpdateHighlight(ctx, hid, "purple", "# not a heading\n1. not a list") }, true},
		{"bad colour", func() error { return l.UpdateHighlight(ctx, hid, "red", "") }, false},
		{"reanchor", func() error { _, err := l.ReanchorHighlights(ctx, id); return err }, true},
		{"delete unknown", func() error { return l.DeleteHighlight(ctx, hid+100) }, false},
	}
	for _, s := range steps {
		before := changes.Load()
		err := s.run()
		if (err == nil) != s.ok {
			t.Errorf("%s: err = %v", s.name, err)
		}
		if signalled := changes.Load() > before; signalled != s.ok {
			t.Errorf("%s: signalled = %v, want %v", s.name, signalled, s.ok)
		}
	}
	var md bytes.Buffer
	if err := l.ExportHighlightsMarkdown(ctx, id, &md); err != nil {
		t.Fatal(err)
	}
	want := "# Cheap models\n\n<" + "file://"
	if !strings.HasPrefix(md.String(), "# Cheap models\n\n<") {
		t.Errorf("Markdown starts %q, want %q…", md.String(), want)
	}
	for _, w := range []string{"\n> a smaller model\n", "\n\\# not a heading\n1\\. not a list\n"} {
		if !strings.Contains(md.String(), w) {
			t.Errorf("Markdown lacks %q:\n%s", w, md.String())
		}
	}
	if err := l.ExportHighlightsMarkdown(ctx, id+100, &md); !errors.Is(err, ErrNotFound) {
		t.Errorf("export of a missing article: %v", err)
	}
}

func TestMarkdownEscapeLine(t *testing.T) {
	cases := map[string]string{
		"":                   "",
		"plain":              "plain",
		"# heading":          `\# heading`,
		"> quote":            `\> quote`,
		"- item":             `\- item`,
		"12. item":           `12\. item`,
		"2024 was a year":    "2024 was a year",
		"أطلق نموذج QwQ":     "أطلق نموذج QwQ",
		"* ترمب":             `\* ترمب`,
		"١. رقم عربي لا يضر": "١. رقم عربي لا يضر",
	}
	for in, want := range cases {
		if got := mdEscapeLine(in); got != want {
			t.Errorf("mdEscapeLine(%q) = %q, want %q", in, got, want)
		}
	}
}
