package capture

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

var fullStory = []string{
	"The city council voted on Tuesday to close the old bridge to cars from March, after engineers found cracks in two of its piers.",
	"The mayor said the crossing would reopen to cyclists and walkers once the repairs were finished, probably late next year.",
	"Shopkeepers on both banks fear the closure will cost them customers; the council promised a ferry during the works.",
	"Engineers will first shore up the piers with steel sleeves, then replace the deck, which dates from 1931.",
	"A public meeting on the ferry timetable is planned for the second week of February in the town hall.",
}

func ldPage(teaser string, body string) string {
	ld, _ := json.Marshal(map[string]any{"@context": "https://schema.org", "@graph": []any{
		map[string]any{"@type": "WebPage", "name": "Bridge"},
		map[string]any{"@type": "NewsArticle", "headline": "Council closes the old bridge", "articleBody": body},
	}})
	return `<html><head><title>Council closes the old bridge</title><script type="application/ld+json">` + string(ld) +
		`</script></head><body><article><h1>Council closes the old bridge</h1>` + teaser + `</article></body></html>`
}

func TestJSONLDBodyReplacesTeaser(t *testing.T) {
	teaser := `<p>` + fullStory[0] + `</p><p><a href="/subscribe">Subscribe to read on</a></p>`
	doc, err := Parse(context.Background(), []byte(ldPage(teaser, strings.Join(fullStory, "\n\n"))), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range fullStory {
		if !strings.Contains(doc.Text, p) {
			t.Errorf("missing %q; text = %q", p, doc.Text)
		}
	}
	if n := len(doc.Blocks); n < len(fullStory) {
		t.Errorf("%d blocks, want one paragraph each", n)
	}
}

func TestJSONLDBodyOfAnotherStoryIgnored(t *testing.T) {
	// The HTML's text is not a part of the JSON-LD body: keep the HTML.
	html := `<p>` + strings.Join(fullStory[:2], "</p><p>") + `</p>`
	other := strings.Repeat("Quarterly results of the regional brewery beat expectations as exports to Asia grew again. ", 20)
	doc, err := Parse(context.Background(), []byte(ldPage(html, other)), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Text, "brewery") || !strings.Contains(doc.Text, fullStory[1]) {
		t.Errorf("text = %q", doc.Text)
	}
}

func TestMicrodataBodyWhenReadabilityMisses(t *testing.T) {
	// readability drops the body as unlikely (its class says "community")
	// and keeps the links; the page marks its body.
	var links strings.Builder
	for i := range 40 {
		links.WriteString(`<li><a href="/n/` + strings.Repeat("x", i+1) + `">Another headline about the weather and the markets today</a></li>`)
	}
	page := `<html><body><div class="teasers"><ul>` + links.String() + `</ul></div>` +
		`<div class="community" itemprop="articleBody"><p>` + strings.Join(fullStory[:3], "</p><p>") + `</p></div></body></html>`
	doc, err := Parse(context.Background(), []byte(page), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, fullStory[2]) {
		t.Errorf("text = %q", doc.Text)
	}
}
