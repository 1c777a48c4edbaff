package readability

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
)

// hasTextContent reports whether a node or any of its descendants have text content other than spaces.
func hasTextContent(node *html.Node) bool {
	if node.Type == html.TextNode {
		return hasContent(node.Data)
	}
	for child := range node.ChildNodes() {
		if hasTextContent(child) {
			return true
		}
	}
	return false
}

type charCounter struct {
	Total int

	lastCharWasSpace bool
	seenNonSpace     bool
}

// Count keeps a number of total characters (runes) it was passed. Leading and trailing whitespace
// are ignored, and consecutive runs of whitespace between words are counted as a single space.
func (c *charCounter) Count(r rune) {
	if unicode.IsSpace(r) {
		c.lastCharWasSpace = true
		return
	}
	if c.lastCharWasSpace && c.seenNonSpace {
		c.Total += 2
	} else {
		c.Total += 1
	}
	c.lastCharWasSpace = false
	c.seenNonSpace = true
}

// resetContext starts a new stretch of text (a counter shared by several
// elements, such as all the lists under a node). It returns a concrete
// counter (Annals: was an interface, called rune by rune).
func (c *charCounter) resetContext() *charCounter {
	c.lastCharWasSpace = false
	c.seenNonSpace = false
	return c
}

type commaCounter struct {
	Total int
}

func (c *commaCounter) Count(r rune) {
	switch r {
	// Commas as used in Latin, Sindhi, Chinese and various other scripts.
	// see: https://en.wikipedia.org/wiki/Comma#Comma_variants
	case '\u002C', '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C':
		c.Total++
	}
}

// countCharsAndCommas returns counts for both characters and commas in a node's
// text. Leading and trailing whitespace is not counted, nor are consecutive
// runs of whitespace.
func countCharsAndCommas(node *html.Node) (int, int) {
	chars := &charCounter{}
	commas := &commaCounter{}

	// Walk the node and its descendants to count all non-space characters and
	// different comma variants separately.
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			t := summarizeText(n.Data)
			chars.apply(&t)
			commas.Total += t.commas
			return
		}
		for child := range n.ChildNodes() {
			walk(child)
		}
	}
	walk(node)

	return chars.Total, commas.Total
}

// textRun sums up what a charCounter and a commaCounter would make of one
// string (Annals: counting a text node once, then applying the sum to every
// counter that reads it, instead of calling each counter rune by rune through
// an interface). The sums give exactly the per-rune counts: see apply.
type textRun struct {
	// chars is the number of non-space runes plus one for every run of
	// whitespace between two of them.
	chars int
	// commas is what commaCounter counts.
	commas int
	// hasNonSpace: the string holds a non-space rune; anySpace: it holds
	// whitespace; lead and trail: whitespace before the first and after the
	// last non-space rune.
	hasNonSpace, anySpace, lead, trail bool
}

// asciiPlain marks the ASCII bytes that are neither space nor a comma.
var asciiPlain = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		if asciiSpace[c] == 0 && c != ',' {
			t[c] = 1
		}
	}
	return t
}()

// summarizeText reads s as `for _, r := range s` does (an invalid byte is
// one U+FFFD rune, which is not space) and classifies each rune with
// unicode.IsSpace, as charCounter.Count does.
func summarizeText(s string) textRun {
	var t textRun
	lastSpace := false
	for i := 0; i < len(s); {
		c := s[i]
		if asciiPlain[c] != 0 {
			// A run of ASCII bytes that are neither space nor comma: each
			// is one character; only the first can follow a gap.
			j := i + 1
			for j < len(s) && asciiPlain[s[j]] != 0 {
				j++
			}
			if !t.hasNonSpace {
				t.lead = lastSpace
				t.hasNonSpace = true
			} else if lastSpace {
				t.chars++
			}
			t.chars += j - i
			lastSpace = false
			i = j
			continue
		}
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
			if asciiSpace[c] != 0 {
				lastSpace = true
				t.anySpace = true
				continue
			}
			if c == ',' {
				t.commas++
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			if isSpaceAbove127(r) {
				lastSpace = true
				t.anySpace = true
				continue
			}
			switch r {
			case '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C':
				t.commas++
			}
		}
		if !t.hasNonSpace {
			t.lead = lastSpace
			t.hasNonSpace = true
			t.chars++
		} else if lastSpace {
			t.chars += 2
		} else {
			t.chars++
		}
		lastSpace = false
	}
	t.trail = t.hasNonSpace && lastSpace
	return t
}

// isSpaceAbove127 is unicode.IsSpace for a rune outside ASCII (Annals:
// below U+1680 only U+0085 and U+00A0 are white space, and Arabic text
// asked unicode's table for every letter; TestIsSpaceAbove127).
func isSpaceAbove127(r rune) bool {
	if r < 0x1680 {
		return r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r)
}

// textRunMemo remembers summarizeText's sums of the texts it has read, by
// where their bytes are (Annals: cleanConditionally walks the subtree of
// every candidate, and candidates nest, so on the extraction benchmark's
// pages text was summed 6.7 times over: 8.0 MB for 1.2 MB of distinct
// text). Two strings with the same data pointer and length are the same
// bytes, since Go strings never change; a text node given new text has a
// new pointer. A nil memo remembers nothing.
type textRunMemo struct {
	runs map[textRunKey]textRun
}

type textRunKey struct {
	data *byte
	n    int
}

// memoMinText is the shortest text a textRunMemo remembers: summing a
// shorter one again costs less than finding it.
const memoMinText = 32

// of is summarizeText(s), remembered.
func (m *textRunMemo) of(s string) textRun {
	if m == nil || len(s) < memoMinText {
		return summarizeText(s)
	}
	k := textRunKey{unsafe.StringData(s), len(s)}
	if t, ok := m.runs[k]; ok {
		return t
	}
	t := summarizeText(s)
	if m.runs == nil {
		m.runs = make(map[textRunKey]textRun)
	}
	m.runs[k] = t
	return t
}

// apply gives c the state it would have after Count-ing every rune of the
// string t sums up.
func (c *charCounter) apply(t *textRun) {
	if !t.hasNonSpace {
		if t.anySpace {
			c.lastCharWasSpace = true
		}
		return
	}
	c.Total += t.chars
	if c.seenNonSpace && (c.lastCharWasSpace || t.lead) {
		c.Total++
	}
	c.lastCharWasSpace = t.trail
	c.seenNonSpace = true
}

// then is the sum of the text of t followed by the text of u, as if one
// string (Annals: to sum up a subtree from its children's sums).
func (t textRun) then(u textRun) textRun {
	switch {
	case !t.hasNonSpace:
		u.lead = u.lead || (u.hasNonSpace && t.anySpace)
		u.anySpace = u.anySpace || t.anySpace
		u.commas += t.commas
		return u
	case !u.hasNonSpace:
		t.trail = t.trail || u.anySpace
		t.anySpace = t.anySpace || u.anySpace
		t.commas += u.commas
		return t
	}
	t.chars += u.chars
	if t.trail || u.lead {
		t.chars++
	}
	t.trail = u.trail
	t.anySpace = t.anySpace || u.anySpace
	t.commas += u.commas
	return t
}

// linkDensities returns getLinkDensity of every node of nodes, all under
// root, from one walk of root instead of one walk of each node's subtree
// (Annals: grabArticle scores every ancestor of every paragraph, and the
// walks of nested candidates covered the same text again and again). The
// tree must not change between this and the uses of the result.
//
// It gives exactly getLinkDensity's figures: a node's text is the sum of its
// text nodes' sums (textRun.then); the link text of each <a> is its own text
// without the nested links', counted afresh; and the weighted link text of a
// node adds its links' weighted counts in the order getLinkDensity adds them
// (each link when its walk ends), so that even the float64 rounding is the
// same (each is added as float64(count) * coefficient, the expression
// getLinkDensity uses, so that a platform that fuses it does so in both).
// A node not under root is measured by getLinkDensity.
func (ps *Parser) linkDensities(root *html.Node, nodes []*html.Node) []float64 {
	index := make(map[*html.Node]int, len(nodes))
	for i, n := range nodes {
		if _, dup := index[n]; !dup {
			index[n] = i
		}
	}
	densities := make([]float64, len(nodes))
	found := make([]bool, len(nodes))
	type link struct {
		count       int
		coefficient float64
	}
	var links []link // each <a>'s count, in the order its walk ends

	// walk returns the sum of n's text and the sum of its text outside
	// any <a> within n (what an <a> around n would count as its own).
	var walk func(n *html.Node) (all, own textRun)
	walk = func(n *html.Node) (all, own textRun) {
		if n.Type == html.TextNode {
			t := ps.textRuns.of(n.Data)
			return t, t
		}
		firstLink := len(links)
		for child := n.FirstChild; child != nil; child = child.NextSibling {
			a, o := walk(child)
			all = all.then(a)
			own = own.then(o)
		}
		if n.Type == html.ElementNode && n.Data == "a" {
			var cc charCounter
			cc.apply(&own)
			links = append(links, link{cc.Total, getLinkDensityCoefficient(n)})
			own = textRun{}
		}
		if i, ok := index[n]; ok {
			var chars charCounter
			chars.apply(&all)
			var linkCharsWeighted float64
			for _, l := range links[firstLink:] {
				linkCharsWeighted += float64(l.count) * l.coefficient
			}
			if chars.Total != 0 {
				densities[i] = linkCharsWeighted / float64(chars.Total)
			}
			found[i] = true
		}
		return all, own
	}
	walk(root)
	for i, n := range nodes {
		switch j := index[n]; {
		case !found[j]:
			densities[i] = ps.getLinkDensity(n)
		case j != i:
			densities[i] = densities[j]
		}
	}
	return densities
}

// cloneTree is dom.Clone(src, true) with two allocations instead of one per
// node and one per attribute list (Annals: grabArticle clones the whole
// document on every pass). Like dom.Clone it copies Type, DataAtom, Data
// and the attributes, not Namespace, and gives every node its own, non-nil
// attribute slice; each slice is capped at its length, so that appending to
// one node's attributes never writes over the next node's.
func cloneTree(src *html.Node) *html.Node {
	nodes, attrs := 0, 0
	var count func(*html.Node)
	count = func(n *html.Node) {
		nodes++
		attrs += len(n.Attr)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			count(c)
		}
	}
	count(src)
	nodeSlab := make([]html.Node, nodes)
	attrSlab := make([]html.Attribute, attrs)

	var clone func(*html.Node) *html.Node
	clone = func(n *html.Node) *html.Node {
		c := &nodeSlab[0]
		nodeSlab = nodeSlab[1:]
		c.Type, c.DataAtom, c.Data = n.Type, n.DataAtom, n.Data
		k := copy(attrSlab, n.Attr)
		c.Attr = attrSlab[:k:k]
		attrSlab = attrSlab[k:]
		var prev *html.Node
		for child := n.FirstChild; child != nil; child = child.NextSibling {
			cc := clone(child)
			cc.Parent = c
			if prev == nil {
				c.FirstChild = cc
			} else {
				prev.NextSibling = cc
				cc.PrevSibling = prev
			}
			prev = cc
		}
		c.LastChild = prev
		return c
	}
	return clone(src)
}

// nextInTree is the node after n in a pre-order walk of root's descendants,
// or nil at the end. It walks by the tree's links (Annals: instead of a
// recursive closure).
func nextInTree(n, root *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != root; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// getElementsByTagName is dom.GetElementsByTagName: root's descendant
// elements named tag ("*": all of them), in document order.
func getElementsByTagName(root *html.Node, tag string) []*html.Node {
	var results []*html.Node
	for n := root.FirstChild; n != nil; n = nextInTree(n, root) {
		if n.Type == html.ElementNode && (tag == "*" || n.Data == tag) {
			results = append(results, n)
		}
	}
	return results
}

// elementsByTwoTags is getElementsByTagName(root, a) and
// getElementsByTagName(root, b) from one walk.
func elementsByTwoTags(root *html.Node, a, b string) (as, bs []*html.Node) {
	for n := root.FirstChild; n != nil; n = nextInTree(n, root) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case a:
				as = append(as, n)
			case b:
				bs = append(bs, n)
			}
		}
	}
	return as, bs
}

// documentElement is dom.DocumentElement: the first <html> element under
// doc, found without listing them all.
func documentElement(doc *html.Node) *html.Node {
	for n := doc.FirstChild; n != nil; n = nextInTree(n, doc) {
		if n.Type == html.ElementNode && n.Data == "html" {
			return n
		}
	}
	return nil
}

// charsAndCommas returns countCharsAndCommas of every node of nodes (Annals:
// grabArticle counts the text of every element it scores, and those nest —
// a <td> or <section> and the paragraphs in it — so the same text was read
// once per enclosing element). Each subtree is summed once, from its
// children's sums (textRun.then), and a node met inside another's walk
// takes its figures from there. The tree must not change between this and
// the uses of the result.
func charsAndCommas(nodes []*html.Node, runs *textRunMemo) (chars, commas []int) {
	index := make(map[*html.Node]int, len(nodes))
	for i, n := range nodes {
		if _, dup := index[n]; !dup {
			index[n] = i
		}
	}
	chars, commas = make([]int, len(nodes)), make([]int, len(nodes))
	done := make([]bool, len(nodes))
	var walk func(n *html.Node) textRun
	walk = func(n *html.Node) textRun {
		if n.Type == html.TextNode {
			return runs.of(n.Data)
		}
		var all textRun
		for child := n.FirstChild; child != nil; child = child.NextSibling {
			all = all.then(walk(child))
		}
		if i, ok := index[n]; ok {
			var c charCounter
			c.apply(&all)
			chars[i], commas[i], done[i] = c.Total, all.commas, true
		}
		return all
	}
	for i, n := range nodes {
		if j := index[n]; j != i {
			continue
		}
		if !done[i] {
			walk(n)
		}
	}
	for i, n := range nodes {
		if j := index[n]; j != i {
			chars[i], commas[i] = chars[j], commas[j]
		}
	}
	return chars, commas
}

// jsonLDScripts is dom.QuerySelectorAll(doc,
// `script[type="application/ld+json"]`) without parsing the selector on
// every call (Annals): doc's descendant <script> elements (in any namespace,
// as cascadia's type selector) with a type attribute exactly
// "application/ld+json", in document order.
func jsonLDScripts(doc *html.Node) []*html.Node {
	var scripts []*html.Node
	for n := doc.FirstChild; n != nil; n = nextInTree(n, doc) {
		if n.Type != html.ElementNode || n.Data != "script" {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "type" && a.Val == "application/ld+json" {
				scripts = append(scripts, n)
				break
			}
		}
	}
	return scripts
}
