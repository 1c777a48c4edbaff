package capture

import (
	"context"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestEnglishArticle captures testdata/english.html: a page with navigation,
// an article (h2, blockquote, figure, list, class-marked pull quote and
// caption, pre, an ad label, a "Read more" teaser, a dateline) and a footer.
func TestEnglishArticle(t *testing.T) {
	page, err := os.ReadFile("testdata/english.html")
	if err != nil {
		t.Fatal(err)
	}
	pageURL, _ := url.Parse("http://127.0.0.1:8080/2025/01/story.html")
	withoutJSONLD := regexp.MustCompile(`(?s)<script type="application/ld\+json">.*?</script>`).ReplaceAll(page, nil)

	tests := []struct {
		name       string
		page       []byte
		byline     string
		published  time.Time
		wantBlocks []Block // in this order, other blocks may come between
	}{
		{"json-ld", page, "Jane Doe", time.Date(2025, 1, 28, 10, 30, 0, 0, time.UTC), []Block{
			{Kind: BlockParagraph, Text: "For two years the story of artificial intelligence was a story about money."},
			{Kind: BlockHeading, Level: 2, Text: "A new kind of competition"},
			{Kind: BlockQuote, Text: "Cheap models change who can compete, and where the money in this industry will be made."},
			{Kind: BlockImage, Text: "Chart of model prices", Src: "http://127.0.0.1:8080/2025/images/chart.png"},
			{Kind: BlockCaption, Text: "Prices charged for the leading models fell sharply during 2024."},
			{Kind: BlockListItem, Text: "Training a capable model no longer needs a giant budget."},
			{Kind: BlockListItem, Text: "Answering each question costs more, because reasoning models think at length."},
			{Kind: BlockListItem, Text: "Open models spread quickly once their weights are published."},
			{Kind: BlockQuote, Text: "Reasoning models trade cheap training for expensive answers."}, // aside.pull-quote
			{Kind: BlockImage, Text: "A data centre", Src: "http://127.0.0.1:8080/2025/01/photo.jpg"},
			{Kind: BlockCaption, Text: "A data centre outside Beijing, photographed in December."}, // p.wp-caption-text
			{Kind: BlockPre, Text: "ollama run qwq\n>>> Why is the sky blue?"},
		}},
		{"time element", withoutJSONLD, "", time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(context.Background(), tt.page, "text/html; charset=utf-8", pageURL)
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != "The quiet rise of cheap AI models" || d.SiteName != "Example Review" {
				t.Errorf("Title, SiteName = %q, %q", d.Title, d.SiteName)
			}
			if d.Byline != tt.byline {
				t.Errorf("Byline = %q, want %q", d.Byline, tt.byline)
			}
			if !d.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", d.Published, tt.published)
			}
			if d.Language != "en" || d.Direction != "ltr" {
				t.Errorf("Language, Direction = %q, %q", d.Language, d.Direction)
			}
			if d.CanonicalURL != "http://127.0.0.1:8080/2025/01/cheap-ai-models" {
				t.Errorf("CanonicalURL = %q", d.CanonicalURL)
			}
			if d.LeadImage != "http://127.0.0.1:8080/media/lead.jpg" {
				t.Errorf("LeadImage = %q, want og:image made absolute", d.LeadImage)
			}
			if want := []string{"http://127.0.0.1:8080/2025/images/chart.png", "http://127.0.0.1:8080/2025/01/photo.jpg"}; strings.Join(d.Images, " ") != strings.Join(want, " ") {
				t.Errorf("Images = %q, want %q", d.Images, want)
			}
			if !strings.HasPrefix(d.Excerpt, "Cheap models trained in China") {
				t.Errorf("Excerpt = %q", d.Excerpt)
			}
			for _, junk := range []string{"World", "Business", "Opinion", "All rights reserved", "Privacy", "Related articles",
				"Europe's cloud", "Advertisement", "Read more", "27 January 2025", "The quiet rise"} {
				if strings.Contains(d.Text, junk) {
					t.Errorf("Text contains %q", junk)
				}
			}
			checkBlocksInOrder(t, d.Blocks, tt.wantBlocks)
			if d.WordCount < 300 || d.ReadingMinutes != (d.WordCount+199)/200 {
				t.Errorf("WordCount, ReadingMinutes = %d, %d; want > 300 words at 200 wpm", d.WordCount, d.ReadingMinutes)
			}
			if len(d.Warnings) > 0 {
				t.Errorf("Warnings = %q", d.Warnings)
			}
		})
	}
}

// checkBlocksInOrder checks that want is a subsequence of got (matching a
// paragraph by its start).
func checkBlocksInOrder(t *testing.T, got, want []Block) {
	t.Helper()
	i := 0
	for _, b := range got {
		if i < len(want) && b.Kind == want[i].Kind && b.Level == want[i].Level && b.Src == want[i].Src &&
			strings.HasPrefix(b.Text, want[i].Text) {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("block %d %+v not found in order; blocks:", i, want[i])
		for _, b := range got {
			t.Logf("  %s%d %.50q %s", b.Kind, b.Level, b.Text, b.Src)
		}
	}
}
