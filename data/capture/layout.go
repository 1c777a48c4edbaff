package capture

import (
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
	// minColumnPieces is the least number of separate pieces of text (menu
	// entries, box titles, briefs) of a page's side column.
	minColumnPieces = 3
)

func layoutCellStep(j *job) error {
	root := j.article.Node
	if root == nil {
		return nil
	}
	cell := storyCell(root)
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

// storyCell returns the table cell of n that holds the story, or nil when n
// is not a table layout: the deepest cell holding at least cellShare of n's
// paragraph weight, which sits (itself or a cell around it) in a row beside
// a column of links or boxes.
func storyCell(n *html.Node) *html.Node {
	if !hasCell(n) {
		return nil
	}
	m := cellMeter{weight: map[*html.Node]int{}, pieces: map[*html.Node]int{}}
	m.walk(n, false)
	m.endRun()
	total := m.total
	if total < minLayoutWeight {
		return nil
	}
	var best *html.Node
	var find func(n *html.Node, inRow bool)
	find = func(n *html.Node, inRow bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isCell(c) {
				if float64(m.weight[c]) < cellShare*float64(total) {
					continue // neither this cell nor one inside it is the story
				}
				beside := inRow || m.hasFurnitureBeside(c)
				if beside {
					best = c
				}
				find(c, beside)
				return // no other cell can hold the share too
			}
			find(c, inRow)
		}
	}
	find(n, false)
	return best
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
