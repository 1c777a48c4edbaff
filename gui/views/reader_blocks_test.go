package views

import (
	"image/color"
	"strings"
	"testing"

	"annals/data/capture"
	"annals/data/library"
	"annals/gui/widgets"
)

func TestBlockOffsetsRoundTrip(t *testing.T) {
	blocks := []capture.Block{
		{Kind: capture.BlockParagraph, Text: "أطلقت علي بابا نموذج QwQ في نوفمبر 2024."},
		{Kind: capture.BlockImage, Src: "https://e.com/a.png"},
		{Kind: capture.BlockListItem, Text: "  DeepSeek released R1 on January 20.  "},
		{Kind: capture.BlockQuote, Text: "«نحن في سباق»"},
	}
	var texts []string
	for _, b := range blocks {
		if b.Kind != capture.BlockImage {
			texts = append(texts, b.Text)
		}
	}
	a := &library.Article{Title: "T", Blocks: blocks, Text: strings.Join(texts, "\n\n")}
	bs := articleBlocks(a, widgets.DirRTL)
	cases := []struct{ word string }{{"QwQ"}, {"نوفمبر 2024"}, {"R1 on January"}, {"سباق"}}
	for _, c := range cases {
		t.Run(c.word, func(t *testing.T) {
			start := strings.Index(a.Text, c.word)
			end := start + len(c.word)
			hl := append([]block(nil), bs...)
			highlight(hl, start, end, color.White)
			var row = -1
			var painted string
			for i, b := range hl {
				for _, sp := range b.spans {
					if sp.Highlight != nil {
						row, painted = i, painted+sp.Text
					}
				}
			}
			if painted != c.word {
				t.Fatalf("painted %q, want %q", painted, c.word)
			}
			// The same word selected in the row maps back to the same bytes.
			shown := []rune(spansText(hl[row].spans))
			rs := len([]rune(strings.SplitN(string(shown), c.word, 2)[0]))
			s, e, ok := textOffsets(hl[row], rs, rs+len([]rune(c.word)))
			if !ok || s != start || e != end {
				t.Errorf("textOffsets = %d, %d, %v; want %d, %d", s, e, ok, start, end)
			}
		})
	}
	if _, _, ok := textOffsets(bs[0], 0, 3); ok {
		t.Error("the title row maps into the article text")
	}
}

func TestPaintSpansOverlapping(t *testing.T) {
	spans := []widgets.Span{{Text: "abcdef"}}
	red, blue := color.RGBA{R: 255, A: 255}, color.RGBA{B: 255, A: 255}
	spans = paintSpans(spans, 1, 4, red)
	spans = paintSpans(spans, 3, 5, blue)
	var got []string
	for _, s := range spans {
		tag := "-"
		switch s.Highlight {
		case red:
			tag = "r"
		case blue:
			tag = "b"
		}
		got = append(got, s.Text+":"+tag)
	}
	if strings.Join(got, " ") != "a:- bc:r d:b e:b f:-" {
		t.Errorf("spans = %v", got)
	}
}

// A paragraph with no letter of the article's direction reads in the
// other one; a mixed paragraph keeps the article's (and the reader's
// choice of it); code stays left to right.
func TestParagraphsOfTheOtherScriptTakeTheirDirection(t *testing.T) {
	blocks := []capture.Block{
		{Kind: capture.BlockParagraph, Text: "On January 20, 2025, Donald Trump was sworn in. (160)"},
		{Kind: capture.BlockParagraph, Text: "DeepSeek أطلقت نموذج R1 في 20 يناير 2025."},
		{Kind: capture.BlockParagraph, Text: "أطلقت علي بابا نموذج QwQ."},
		{Kind: capture.BlockParagraph, Text: "2025 — 17 %"},
		{Kind: capture.BlockPre, Text: "مرحبا = hello"},
	}
	var texts []string
	for _, b := range blocks {
		texts = append(texts, b.Text)
	}
	a := &library.Article{Title: "How a week in January reshaped the AI race", Blocks: blocks, Text: strings.Join(texts, "\n\n")}
	want := []widgets.Direction{widgets.DirLTR, widgets.DirLTR, widgets.DirRTL, widgets.DirRTL, widgets.DirRTL, widgets.DirLTR}
	bs := articleBlocks(a, widgets.DirRTL)
	if len(bs) != len(want) {
		t.Fatalf("%d rows, want %d", len(bs), len(want))
	}
	for i, b := range bs {
		if b.dir != want[i] {
			t.Errorf("row %d %q: direction %v, want %v", i, spansText(b.spans), b.dir, want[i])
		}
	}
	// The other way round: an Arabic quote in an English article.
	en := &library.Article{Title: "T", Text: "Trump said it.\n\n«نحن في سباق»\n\nAlibaba released QwQ («كيو دبليو كيو»)."}
	got := articleBlocks(en, widgets.DirLTR)
	if got[2].dir != widgets.DirRTL || got[1].dir != widgets.DirLTR || got[3].dir != widgets.DirLTR {
		t.Errorf("English article: directions %v %v %v, want LTR RTL LTR", got[1].dir, got[2].dir, got[3].dir)
	}
}
