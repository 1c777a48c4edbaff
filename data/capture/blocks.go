package capture

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"annals/data/textnorm"
)

// blocksStep turns the clean article node into Blocks and Images.
func blocksStep(j *job) error {
	w := blockWriter{base: j.pageURL, seen: map[string]bool{}, captions: map[string]bool{}}
	w.visit(j.article.Node, BlockParagraph, 0)
	w.flush(BlockParagraph, 0)
	j.doc.Blocks = w.blocks
	j.doc.Images = w.images
	j.doc.Text = blocksText(w.blocks)
	return nil
}

// blocksText is the plain text of the article: every block but the images,
// separated by a blank line.
func blocksText(blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		if bl.Kind == BlockImage {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// blockWriter walks the article tree in document order. Inline content (text,
// links, emphasis) collects in buf; each block-level element first flushes
// what was collected as a Block of the enclosing kind, then is visited with its
// own kind. So "<blockquote><p>a</p><p>b</p></blockquote>" gives two quotes,
// "<li>a<ul><li>b</li></ul></li>" two list items, and a caption's <p> stays a
// caption.
type blockWriter struct {
	base   *url.URL
	buf    strings.Builder
	blocks []Block
	images []string
	seen   map[string]bool

	// captions already written: slideshows repeat each caption in a
	// thumbnail strip, a full-screen view and a "full caption" box.
	captions map[string]bool
}

func (w *blockWriter) visit(n *html.Node, kind BlockKind, level int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.buf.WriteString(c.Data)
		case html.ElementNode:
			switch {
			case skipped[c.DataAtom]:
			case c.DataAtom == atom.Br:
				w.buf.WriteRune(lineBreak)
			case c.DataAtom == atom.Img:
				w.flush(kind, level)
				w.image(c)
			case c.DataAtom == atom.Pre:
				w.flush(kind, level)
				if text := strings.Trim(textContent(c), "\n"); strings.TrimSpace(text) != "" {
					w.blocks = append(w.blocks, Block{Kind: BlockPre, Text: text})
				}
			case blockLevel[c.DataAtom]:
				w.flush(kind, level)
				k, l := childKind(c, kind, level)
				w.visit(c, k, l)
				w.flush(k, l)
			default: // inline: same buffer, same kind
				w.visit(c, kind, level)
			}
		}
	}
}

// childKind is the kind of the loose text inside block element c, found inside
// a block of kind parent. Quotes, captions and list items keep their kind for
// the paragraphs they contain.
func childKind(c *html.Node, parent BlockKind, level int) (BlockKind, int) {
	switch c.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return BlockHeading, int(c.Data[1] - '0')
	case atom.Blockquote:
		return BlockQuote, 0
	case atom.Figcaption:
		return BlockCaption, 0
	case atom.Li, atom.Dd, atom.Dt:
		return BlockListItem, 0
	}
	switch parent {
	case BlockQuote, BlockCaption, BlockListItem:
		return parent, 0
	}
	return BlockParagraph, 0
}

// flush emits the collected inline text as one Block, if there is any.
func (w *blockWriter) flush(kind BlockKind, level int) {
	text := normaliseSpace(w.buf.String())
	w.buf.Reset()
	if text == "" {
		return
	}
	if kind != BlockHeading {
		level = 0
	}
	if (kind == BlockParagraph || kind == BlockQuote) && linesAreParagraphs(text) {
		text = strings.ReplaceAll(text, "\n", paragraphBreak)
	}
	if strings.Contains(text, paragraphBreak) {
		if kind == BlockParagraph || kind == BlockQuote {
			for _, para := range strings.Split(text, paragraphBreak) {
				w.blocks = append(w.blocks, Block{Kind: kind, Text: para})
			}
			return
		}
		text = strings.ReplaceAll(text, paragraphBreak, "\n")
	}
	if kind == BlockCaption {
		if w.captions[text] {
			return
		}
		w.captions[text] = true
	}
	w.blocks = append(w.blocks, Block{Kind: kind, Level: level, Text: text})
}

func (w *blockWriter) image(img *html.Node) {
	src := imageSource(img)
	if src == "" || strings.HasPrefix(src, "data:") {
		return
	}
	if u, err := url.Parse(src); err == nil && w.base != nil {
		src = w.base.ResolveReference(u).String()
	}
	w.blocks = append(w.blocks, Block{Kind: BlockImage, Text: normaliseSpace(attr(img, "alt")), Src: src})
	if !w.seen[src] {
		w.seen[src] = true
		w.images = append(w.images, src)
	}
}

// imageSource is the img's src, or the largest candidate of its srcset.
func imageSource(img *html.Node) string {
	if src := strings.TrimSpace(attr(img, "src")); src != "" && !strings.HasPrefix(src, "data:") {
		return src
	}
	if set := strings.TrimSpace(attr(img, "srcset")); set != "" {
		cands := strings.Split(set, ",")
		if f := strings.Fields(cands[len(cands)-1]); len(f) > 0 {
			return f[0]
		}
	}
	return strings.TrimSpace(attr(img, "src"))
}

// lineBreak stands for a <br> in the collected text until normaliseSpace
// turns it into "\n"; a newline in the HTML source is only white space.
const lineBreak = '\u2028'

// normaliseSpace collapses runs of white space (and no-break spaces) to one
// space, turns the line breaks that <br> made into "\n" (a blank line or a
// line indented with ideographic spaces into paragraphBreak), and trims every
// line.
func normaliseSpace(s string) string {
	if isNormalSpace(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace, pendingLine, pendingPara, lineHasText := false, false, false, false
	prev := rune(0) // the last rune written
	for i, r := range s {
		switch {
		case textnorm.IsInvisible(r):
			continue
		case textnorm.IsJoiner(r):
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if !textnorm.JoinerNeeded(prev) && !textnorm.JoinerNeeded(next) {
				continue
			}
			b.WriteRune(r)
		case r == lineBreak:
			if lineHasText {
				pendingLine = true
			} else if pendingLine {
				pendingPara = true // a second <br>: a blank line
			}
			lineHasText, pendingSpace = false, false
		case isBlank(r):
			pendingSpace = lineHasText
			if r == ideographicSpace && pendingLine {
				pendingPara = true // a Chinese paragraph's indent
			}
		default:
			if pendingPara {
				b.WriteString(paragraphBreak)
			} else if pendingLine {
				b.WriteByte('\n')
			} else if pendingSpace {
				b.WriteByte(' ')
			}
			pendingLine, pendingPara, pendingSpace, lineHasText = false, false, false, true
			b.WriteRune(r)
			prev = r
		}
	}
	return b.String()
}

// linesAreParagraphs reports whether text is lines set off by single <br>s
// each of which is a paragraph: long, and ending a sentence, as portals write
// a story ("…الثلاث.<br>وقال الوزير…"). Lines of a poem or an address are
// short, and stay lines.
func linesAreParagraphs(text string) bool {
	if !strings.Contains(text, "\n") || strings.Contains(text, paragraphBreak) {
		return false
	}
	for line := range strings.SplitSeq(text, "\n") {
		if utf8.RuneCountInString(line) < minParagraphLine || !endsSentence(line) {
			return false
		}
	}
	return true
}

// minParagraphLine is the least length, in letters, of a line that is a
// paragraph of its own: two sentences or a long one.
const minParagraphLine = 120

// endsSentence reports whether s ends with a sentence's last mark, maybe
// followed by a closing quote or bracket.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '؟':
		return true
	}
	return false
}

// paragraphBreak is what normaliseSpace writes for a blank line (two
// <br>s) or a line indented as Chinese paragraphs are (with ideographic
// spaces): flush makes each such paragraph a block of its own, as old pages
// and portals write paragraphs that way rather than in <p>s.
const (
	paragraphBreak   = "\n\n"
	ideographicSpace = '\u3000'
)

// isBlank reports whether r is white space for labels. IsSpace knows
// NBSP; say it for the reader. Zero-width spaces and BOMs are invisible: a
// block of nothing else is empty (normaliseSpace drops them first).
func isBlank(r rune) bool {
	return isSpace(r) || r == '\u00A0' || r == '\u200B' || r == '\uFEFF'
}

// isNormalSpace reports whether s is already as normaliseSpace leaves it:
// most text nodes are, and need no copy.
func isNormalSpace(s string) bool {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); {
		c := s[i]
		if ' ' < c && c < utf8.RuneSelf {
			// Printable ASCII, most of a text: none of the cases below
			// (TestIsNormalSpaceASCII).
			prevSpace = false
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case r == lineBreak || isBlank(r) || textnorm.IsInvisible(r) || textnorm.IsJoiner(r):
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// blockLevel elements end the current run of inline text.
var blockLevel = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Dd: true,
	atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Picture: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Caption: true,
}

// skipped elements carry no article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true,
	atom.Form: true, atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Video: true,
	atom.Audio: true, atom.Source: true, atom.Head: true, atom.Title: true,
}
