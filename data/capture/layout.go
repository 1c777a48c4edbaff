package capture

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pages laid out with tables (old sites, many Chinese and Arabic portals)
// put the story in one cell beside cells of menus, adverts and news briefs.
// readability scores elements, not cells: when the story's paragraphs are
// loose text in its cell, the row or the whole layout table often scores
// best, and the menu and the briefs come along. layoutCellStep narrows such
// a pick to the one cell that holds the story's paragraphs.

// Thresholds of the layout cell rule.
const (
	// minRunWeight is the least weight (see runWeight) a run of text outside
	// links, between two blocks or <br>s, must have to count at all: menu
	// entries and labels fall below it.
	minRunWeight = 25
	// minLayoutWeight is the least paragraph weight the pick must hold for
	// the rule to judge it: a paragraph or two of prose.
	minLayoutWeight = 150 * 150
	// cellShare is the share of the pick's paragraph weight one cell must
	// hold to be the story.
	cellShare = 0.8
	// pageShare is the share of the whole page's paragraph weight the story's
	// cell must hold for layoutPageStep: the rest of the page is other
	// columns, a header and a footer.
	pageShare = 0.5
	// minColumnPieces is the least number of separate pieces of text (menu
	// entries, box titles, briefs) of a page's side column.
	minColumnPieces = 3
)

// layoutPageStep runs before readability: on a page laid out with tables
// it finds the cell that holds most of the page's paragraph weight (at least
// pageShare) beside a column of links or boxes, and keeps a copy of it.
// readability may pick the wrong column altogether (the story's paragraphs
// are loose lines in one cell, each brief of the next column is a <p>);
// layoutCellStep then puts the story back.
func layoutPageStep(j *job) error {
	if j.page.cells < 2 {
		return nil // no columns of cells: most pages
	}
	body := firstElement(j.root, atom.Body)
	if body == nil {
		return nil
	}
	if cell, weight := storyCellOf(body, pageShare); cell != nil {
		j.layoutStory, j.layoutWeight = cloneStory(cell), weight
	}
	return nil
}

// layoutCellStep runs after readability: when readability picked another
// column (its pick weighs less than the story's cell, and its longest
// paragraph is not in that cell), the story's cell becomes the article; when
// the pick holds the story's cell and other columns, it is narrowed to that
// cell.
func layoutCellStep(j *job) error {
	root := j.article.Node
	if root == nil {
		return nil
	}
	cell := storyCell(root)
	if j.layoutStory != nil && paragraphWeight(root) < j.layoutWeight && !holdsLongestRun(j.layoutStory, root) {
		cell = j.layoutStory
	}
	if cell == nil {
		return nil
	}
	if j.log != nil {
		j.log.WithField("url", j.url()).Debug("capture: table layout, the story's cell kept")
	}
	// The cell becomes the article, under readability's wrapper (which
	// finishStep marks with dir and lang).
	if cell.Parent != nil {
		cell.Parent.RemoveChild(cell)
	}
	for c := root.FirstChild; c != nil; c = root.FirstChild {
		root.RemoveChild(c)
	}
	cell.Data, cell.DataAtom, cell.Attr = "div", atom.Div, nil
	root.AppendChild(cell)
	return nil
}

// cloneStory copies the story's cell out of the page before readability
// changes it, as readability would leave it: without scripts, forms and
// frames, and without attributes but those the later steps read.
func cloneStory(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace}
	if n.DataAtom == atom.Font {
		c.Data, c.DataAtom = "span", atom.Span // as readability renames it
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "href", "src", "srcset", "alt", "title", "lang", "dir", "class", "id", "datetime":
			c.Attr = append(c.Attr, a)
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && droppedFromStory[k.DataAtom] {
			continue
		}
		if k.Type == html.ElementNode || k.Type == html.TextNode {
			c.AppendChild(cloneStory(k))
		}
	}
	return c
}

// droppedFromStory are the elements readability drops from an article.
var droppedFromStory = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Form: true, atom.Input: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Link: true, atom.Meta: true,
}

// storyCell returns the table cell of n that holds the story, or nil when n
// is not a table layout: the deepest cell holding at least cellShare of n's
// paragraph weight, which sits (itself or a cell around it) in a row beside
// a column of links or boxes.
func storyCell(n *html.Node) *html.Node {
	cell, _ := storyCellOf(n, cellShare)
	return cell
}

// storyCellOf is storyCell with the share the cell must hold; weight is the
// cell's paragraph weight.
func storyCellOf(n *html.Node, share float64) (cell *html.Node, weight int) {
	if !hasCell(n) {
		return nil, 0
	}
	m := cellMeter{weight: map[*html.Node]int{}, pieces: map[*html.Node]int{}}
	m.walk(n, false)
	m.endRun()
	total := m.total
	if total < minLayoutWeight {
		return nil, 0
	}
	var find func(n *html.Node, inRow bool)
	find = func(n *html.Node, inRow bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isCell(c) {
				if float64(m.weight[c]) < share*float64(total) {
					continue // neither this cell nor one inside it is the story
				}
				beside := inRow || m.hasFurnitureBeside(c)
				if beside {
					cell = c
				}
				find(c, beside)
				return // no other cell can hold the share too
			}
			find(c, inRow)
		}
	}
	find(n, false)
	if cell != nil {
		weight = m.weight[cell]
	}
	return cell, weight
}

// paragraphWeight is the paragraph weight of n (see cellMeter).
func paragraphWeight(n *html.Node) int {
	m := cellMeter{weight: map[*html.Node]int{}, pieces: map[*html.Node]int{}}
	m.walk(n, false)
	m.endRun()
	return m.total
}

// cellMeter weighs the paragraph text of every cell: it walks the tree in
// order, collecting runs of text outside links, and credits each run to all
// the cells open around it. A run weighs the square of its length, so that
// the story's long paragraphs outweigh many one-line briefs of the same
// total length (a brief's summary is a sentence, a story's paragraph several).
type cellMeter struct {
	weight map[*html.Node]int // paragraph weight per cell
	pieces map[*html.Node]int // runs holding any text, links too, per cell
	open   []*html.Node       // cells around the current run
	run    int                // length of the current run, outside links (runLength)
	text   bool               // the current run holds text, maybe only links'
	total  int
}

func (m *cellMeter) walk(n *html.Node, inLink bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if !inLink {
				m.run += runLength(c.Data)
			}
			if !m.text && !isBlankText(c.Data) {
				m.text = true
			}
		case html.ElementNode:
			fixAtom(c)
			switch {
			case skipped[c.DataAtom]:
			case c.DataAtom == atom.Br:
				m.endRun()
			case blockLevel[c.DataAtom]:
				m.endRun()
				cell := isCell(c)
				if cell {
					m.open = append(m.open, c)
				}
				m.walk(c, inLink)
				m.endRun()
				if cell {
					m.open = m.open[:len(m.open)-1]
				}
			default:
				m.walk(c, inLink || c.DataAtom == atom.A)
			}
		}
	}
}

func (m *cellMeter) endRun() {
	if m.text {
		for _, c := range m.open {
			m.pieces[c]++
		}
	}
	m.text = false
	if m.run >= minRunWeight {
		w := m.run * m.run
		m.total += w
		for _, c := range m.open {
			m.weight[c] += w
		}
	}
	m.run = 0
}

// runLength is the length of s without its spaces, a Han or kana letter
// counting as two: it says as much as a short word of Latin or Arabic
// letters, and Chinese paragraphs are short in letters.
func runLength(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x80:
			if r > ' ' {
				n++
			}
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			n += 2
		case !unicode.IsSpace(r):
			n++
		}
	}
	return n
}

func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
}

func hasCell(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			fixAtom(c)
			if isCell(c) || hasCell(c) {
				return true
			}
		}
	}
	return false
}

// hasFurnitureBeside reports whether another cell of cell's row is a
// page's column: mostly links (a menu, other stories) or several short
// pieces (boxes of a sidebar). A table inside the story (a long cell beside
// its label) has neither.
func (m *cellMeter) hasFurnitureBeside(cell *html.Node) bool {
	if cell.Parent == nil {
		return false
	}
	for c := cell.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != cell && isCell(c) && (m.pieces[c] >= minColumnPieces || (m.pieces[c] > 0 && linkShare(c) >= 0.5)) {
			return true
		}
	}
	return false
}

func isBlankText(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// holdsLongestRun reports whether the text of cell holds the longest run of
// text (between blocks and <br>s, outside links) of n: n is part of cell.
func holdsLongestRun(cell, n *html.Node) bool {
	var longest, run strings.Builder
	end := func() {
		if run.Len() > longest.Len() {
			longest.Reset()
			longest.WriteString(run.String())
		}
		run.Reset()
	}
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && !inLink:
				run.WriteString(c.Data)
			case c.Type != html.ElementNode || skipped[c.DataAtom]:
			case c.DataAtom == atom.Br || blockLevel[c.DataAtom]:
				end()
				walk(c, inLink)
				end()
			default:
				walk(c, inLink || c.DataAtom == atom.A)
			}
		}
	}
	walk(n, false)
	end()
	want := strings.Join(strings.Fields(longest.String()), " ")
	return want != "" && strings.Contains(strings.Join(strings.Fields(textContent(cell)), " "), want)
}
