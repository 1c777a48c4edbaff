package capture

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
)

// A listicle whose items are <article> cards (heading, picture, a paragraph)
// keeps every item, in order; the "More from" teasers below it do not come
// along. A news story keeps its paragraphs and loses the "Read next" cards
// at its end.
func TestListicleCardsAreKept(t *testing.T) {
	tests := []struct {
		file     string
		inOrder  []string // these blocks, in this order (others may come between)
		headings int      // how many heading blocks
		not      []string
	}{
		{"testdata/listicle-cards.html", []string{
			"Short days, dry air from the radiators",
			"1. Water less often", "A plant that barely grows in the dark months",
			"2. Move them closer to the light", "Winter light is weak",
			"3. Keep them off cold glass", "Leaves that touch a window",
			"4. Raise the humidity", "Central heating dries the air",
			"5. Stop feeding", "Fertiliser pushes a plant to grow",
			"6. Dust the leaves", "A film of dust can block",
			"7. Watch for pests", "Spider mites love warm, dry rooms",
			"8. Do not repot until spring", "Roots recover slowly",
			"Follow these and most plants will come through",
		}, 8, []string{"How to make an orchid flower again", "secateurs", "Privacy", "Indoor plants"}},
		{"testdata/news-related-cards.html", []string{
			"Councillors in Ashby voted on Monday night",
			"The new wall will cost about 14 million pounds",
			`"We were lucky nobody died last winter,"`,
			"Engineers told the meeting",
			"Some residents on the lower streets",
			"Shops on the riverside",
		}, 0, []string{"Read next", "Old bridge closed to cars", "Flooded homeowners", "Wettest autumn", "Regatta moves downstream"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			page, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse("https://www.example.org/story.html")
			doc, err := Parse(context.Background(), page, "text/html", u)
			if err != nil {
				t.Fatal(err)
			}
			next, headings := 0, 0
			for _, b := range doc.Blocks {
				if b.Kind == BlockHeading {
					headings++
				}
				if next < len(tt.inOrder) && strings.HasPrefix(b.Text, tt.inOrder[next]) {
					next++
				}
			}
			if next < len(tt.inOrder) {
				t.Errorf("block %q missing or out of order; blocks = %v", tt.inOrder[next], blockTexts(doc.Blocks))
			}
			if headings != tt.headings {
				t.Errorf("%d headings, want %d; blocks = %v", headings, tt.headings, blockTexts(doc.Blocks))
			}
			for _, s := range tt.not {
				if strings.Contains(doc.Text, s) {
					t.Errorf("kept %q; blocks = %v", s, blockTexts(doc.Blocks))
				}
			}
		})
	}
}

// The card rule judged on the candidate readability returns: cards that are
// a listicle's items stay, other stories' cards go even when together they
// hold most of the candidate's text.
func TestCardRuleKeepsOnlyListItems(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " It is a sentence long enough to be a paragraph of an item, with a clause or two more.</p>"
	}
	item := func(h, s string) string {
		return `<article class="card"><h2>` + h + `</h2><img src="/i.jpg" alt="">` + para(s) + `</article>`
	}
	product := func(h, s string) string { // a roundup's item links its product
		return `<article class="card"><h2>` + h[:3] + `<a href="https://shop.example/p">` + h[3:] + `</a></h2>` + para(s) + para(s+" More") + `</article>`
	}
	linkedTeaser := func(h, s string) string {
		return `<article class="card"><h3><a href="/other/">` + h + `</a></h3>` + para(s) + `</article>`
	}
	wholeLink := func(h, s string) string {
		return `<article class="card"><a href="/other/"><h3>` + h + `</h3>` + para(s) + `</a></article>`
	}
	post := func(s string) string { // another post shown in full: no heading of its own
		return `<article class="post">` + para(s) + para(s+" Again") + `</article>`
	}
	headless := func(s string) string { // an item whose heading readability took away, or a paragraph going on
		return `<article class="card">` + para(s) + `</article>`
	}
	teaserBox := `<article class="card"><p>You may also like these stories from our archive, which readers of this piece read most this week.</p><article><h3><a href="/x/">Orchids again</a></h3></article>` +
		`<article><h3><a href="/y/">Bulbs before the frost</a></h3></article></article>`
	intro := `<p>Our pick of the season, tried at home over a month of grey days and cold nights.</p>`
	// The story before other stories' cards is longer than any one card.
	longIntro := `<p>Our pick of the season, tried at home over a month of grey days and cold nights, ` +
		`on three window sills, in a bathroom and in a hall that gets no sun at all after October.</p>`
	story := `<article class="post">` + para("The story itself starts here.") + para("And the story goes on.") + `</article>`
	tests := []struct {
		name       string
		html       string
		keep, drop []string
	}{
		{"listicle items", intro + `<div class="list">` + item("1. Water less", "Alpha") + item("2. More light", "Bravo") +
			item("3. Off the glass", "Charlie") + item("4. Humidity", "Delta") + `</div>`,
			[]string{"1. Water less", "Alpha", "2. More light", "Bravo", "3. Off the glass", "Charlie", "4. Humidity", "Delta"}, nil},
		{"listicle with no intro", `<div class="list">` + item("1. Water less", "Alpha") + item("2. More light", "Bravo") +
			item("3. Off the glass", "Charlie") + item("4. Humidity", "Delta") + `</div>`,
			[]string{"Alpha", "Bravo", "Charlie", "Delta"}, nil},
		{"a list's cards of prose stay, a box of teasers in it does not", intro + item("1. Water less", "Alpha") + item("2. More light", "Bravo") +
			headless("Echo") + item("3. Off the glass", "Charlie") + teaserBox + item("4. Humidity", "Delta"),
			[]string{"Alpha", "Bravo", "Echo", "Charlie", "Delta"}, []string{"You may also like", "Orchids again", "Bulbs"}},
		{"a roundup's numbered items with linked products", intro + product("1. Acme Vac 3", "Alpha") + product("2. Dyson V15", "Bravo") +
			product("3. Shark Stratos", "Charlie") + product("4. Miele Triflex", "Delta"),
			[]string{"1. Acme Vac 3", "Alpha", "2. Dyson V15", "Bravo", "3. Shark Stratos", "Charlie", "4. Miele Triflex", "Delta"}, nil},
		{"teasers with linked headlines", longIntro + linkedTeaser("Other one", "Alpha") + linkedTeaser("Other two", "Bravo") +
			linkedTeaser("Other three", "Charlie") + linkedTeaser("Other four", "Delta"),
			[]string{"Our pick"}, []string{"Other one", "Alpha", "Delta"}},
		{"cards that are links as a whole", longIntro + wholeLink("Other one", "Alpha") + wholeLink("Other two", "Bravo") +
			wholeLink("Other three", "Charlie") + wholeLink("Other four", "Delta"),
			[]string{"Our pick"}, []string{"Other one", "Alpha", "Delta"}},
		{"other posts in full after the story", story + post("Alpha") + post("Bravo") + post("Charlie") + post("Delta"),
			[]string{"The story itself starts here", "And the story goes on"}, []string{"Alpha", "Delta"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &job{doc: &Document{}}
			j.article.Node = articleNode(t, tt.html)
			newCleaner(j, "Winter care").clean(j.article.Node)
			blocksStep(j)
			text := j.doc.Text
			at := 0
			for _, k := range tt.keep {
				i := strings.Index(text[at:], k)
				if i < 0 {
					t.Errorf("lost %q, or it came out of order; text = %q", k, text)
					continue
				}
				at += i
			}
			for _, d := range tt.drop {
				if strings.Contains(text, d) {
					t.Errorf("kept %q; text = %q", d, text)
				}
			}
		})
	}
}

func TestNumberedHeading(t *testing.T) {
	for heading, want := range map[string]bool{
		"3. Dyson V15": true, " 12) Shark": true, "#3 Miele": true, "No. 3 Miele": true, "3.": true,
		"3 Dyson V15": false, "7 ways to save energy": false, "2025 was a year of floods": false,
		"10,000 people marched": false, "3D printing": false, "3.5 million people": false, "10:30 meeting": false,
	} {
		if got := numbered(heading); got != want {
			t.Errorf("numbered(%q) = %v, want %v", heading, got, want)
		}
	}
}

func blockTexts(blocks []Block) []string {
	out := make([]string, len(blocks))
	for i, b := range blocks {
		out[i] = fmt.Sprintf("%v: %s", b.Kind, b.Text)
	}
	return out
}
