package capture

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leadStep is a pipeline step after clean: the standfirst (the lead in bold
// under the headline) often sits in the page's header, outside the node
// readability picks. The page's description (meta or og:description, which
// readability reports as the excerpt) is usually that lead: when the
// extracted text does not hold it but a block of the page shows it, that
// block's text becomes the article's first paragraph.
func leadStep(j *job) error {
	if j.article.Node == nil || j.root == nil {
		return nil
	}
	key := leadKey(j.article.Excerpt())
	if key == "" || strings.Contains(collapse(textContent(j.article.Node)), key) {
		return nil
	}
	block := findShownText(j.root, j.article.Node, key)
	if block == nil {
		return nil
	}
	lead := collapse(textContent(block))
	if n := countWords(lead); n < 8 || len(lead) > 1000 {
		return nil
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: lead})
	j.article.Node.InsertBefore(p, j.article.Node.FirstChild)
	return nil
}

// leadKey is the start of a description that is worth looking for: its
// first 60 bytes (at a word's end), when it is at least eight words long.
func leadKey(desc string) string {
	desc = collapse(desc)
	if countWords(desc) < 8 {
		return ""
	}
	if len(desc) > 60 {
		cut := strings.LastIndexByte(desc[:60], ' ')
		if cut < 30 {
			return ""
		}
		desc = desc[:cut]
	}
	return desc
}

// findShownText finds the block element of root whose text starts with key
// and lies outside article, nav, header menus and footers; nil when none.
func findShownText(root, article *html.Node, key string) *html.Node {
	var found *html.Node
	// Most text nodes lack the key's longest word: test that first, without
	// collapsing their white space.
	probe := ""
	for _, w := range strings.Fields(key[:min(len(key), 30)]) {
		if len(w) > len(probe) {
			probe = w
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != nil || n == article {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Head, atom.Nav, atom.Footer, atom.Aside, atom.Script, atom.Style, atom.Noscript, atom.A:
				return
			}
		}
		if n.Type == html.TextNode && strings.Contains(n.Data, probe) && strings.Contains(collapse(n.Data), key[:min(len(key), 30)]) {
			for b := n.Parent; b != nil; b = b.Parent {
				if b.Type == html.ElementNode && (b.DataAtom == atom.P || b.DataAtom == atom.Div ||
					b.DataAtom == atom.H2 || b.DataAtom == atom.Section || b.DataAtom == atom.Header) {
					if strings.HasPrefix(collapse(textContent(b)), key) {
						found = b
					}
					return
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}
