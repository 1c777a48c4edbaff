package capture

import (
	"context"
	"strings"
	"testing"
)

func TestStandfirstInTheHeaderLeadsTheArticle(t *testing.T) {
	const lead = "Lower Saxony's council closed the old bridge to cars on Tuesday: engineers found cracks in two of its piers."
	page := `<html><head><title>Council closes the old bridge</title><meta name="description" content="` + lead + `"></head><body>` +
		`<div class="stage"><header class="page-intro"><h1>Council closes the old bridge</h1><div class="intro-text"><p>` + lead + `</p></div></header></div>` +
		`<div class="columns"><div class="main"><article><div class="article-body"><p>` + strings.Join(fullStory[1:], "</p><p>") + `</p></div></article></div>` +
		`<div class="side"><p>Weather: sunny, 21 degrees.</p></div></div></body></html>`
	doc, err := Parse(context.Background(), []byte(page), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) == 0 || doc.Blocks[0].Text != lead {
		t.Fatalf("first block is not the standfirst; text = %q", doc.Text)
	}
	if strings.Count(doc.Text, "engineers found cracks in two") != 1 {
		t.Errorf("the lead is there more than once: %q", doc.Text)
	}
	// A description shown nowhere in the page adds nothing.
	page = strings.Replace(page, `<div class="intro-text"><p>`+lead+`</p></div>`, "", 1)
	doc, err = Parse(context.Background(), []byte(page), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Text, "Lower Saxony") {
		t.Errorf("a meta description became text: %q", doc.Text)
	}
}
