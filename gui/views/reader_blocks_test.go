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
