package readability

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// TestLinkDensitiesMatchGetLinkDensity compares linkDensities (one walk for
// all nodes) with getLinkDensity node by node, bit for bit, and
// charsAndCommas with countCharsAndCommas, on every element
// of upstream's test pages and, when present, a third of the benchmark
// pages.
func TestLinkDensitiesMatchGetLinkDensity(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("test-pages", "*", "source.html"))
	for _, set := range goldenSets {
		bench, _ := filepath.Glob(filepath.Join(benchDir(), set, "*.html.gz"))
		for i := 0; i < len(bench); i += 3 { // a third of them: every element of a page is walked again per element
			files = append(files, bench[i])
		}
	}
	if len(files) == 0 {
		t.Fatal("no pages")
	}
	ps := NewParser()
	checked := 0
	for _, f := range files {
		var raw []byte
		var err error
		if filepath.Ext(f) == ".gz" {
			raw, err = readGz(f)
		} else {
			raw, err = os.ReadFile(f)
		}
		if err != nil {
			t.Fatal(err)
		}
		doc, err := parseBenchPage(raw)
		if err != nil {
			t.Fatal(err)
		}
		var nodes []*html.Node
		var collect func(*html.Node)
		collect = func(n *html.Node) {
			if n.Type == html.ElementNode {
				nodes = append(nodes, n)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				collect(c)
			}
		}
		collect(doc)
		// A repeated node and a node outside the tree are answered too.
		outside := &html.Node{Type: html.ElementNode, Data: "a"}
		outside.AppendChild(&html.Node{Type: html.TextNode, Data: "link text"})
		nodes = append(nodes, nodes[len(nodes)/2], outside)
		got := ps.linkDensities(doc, nodes)
		// One memo for both calls: the second finds every long text in it.
		var memo textRunMemo
		chars, commas := charsAndCommas(nodes, &memo)
		for i, n := range nodes {
			if want := ps.getLinkDensity(n); got[i] != want {
				t.Fatalf("%s: node %d <%s>: linkDensities %v, getLinkDensity %v", f, i, n.Data, got[i], want)
			}
			if wantChars, wantCommas := countCharsAndCommas(n); chars[i] != wantChars || commas[i] != wantCommas {
				t.Fatalf("%s: node %d <%s>: charsAndCommas %d, %d; countCharsAndCommas %d, %d", f, i, n.Data, chars[i], commas[i], wantChars, wantCommas)
			}
		}
		// Inner nodes listed before the ones around them.
		slices.Reverse(nodes)
		chars, commas = charsAndCommas(nodes, &memo)
		for i, n := range nodes {
			if wantChars, wantCommas := countCharsAndCommas(n); chars[i] != wantChars || commas[i] != wantCommas {
				t.Fatalf("%s: reversed, node %d <%s>: charsAndCommas %d, %d; countCharsAndCommas %d, %d", f, i, n.Data, chars[i], commas[i], wantChars, wantCommas)
			}
		}
		checked += len(nodes)
	}
	t.Logf("%d nodes of %d pages", checked, len(files))
}

// TestCloneTreeMatchesDomClone compares cloneTree with dom.Clone field by
// field on upstream's test pages, and checks that the clone shares nothing
// the parser could change with its source.
func TestCloneTreeMatchesDomClone(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("test-pages", "*", "source.html"))
	if len(files) == 0 {
		t.Fatal("no pages")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := parseBenchPage(raw)
		if err != nil {
			t.Fatal(err)
		}
		want, got := dom.Clone(doc, true), cloneTree(doc)
		var compare func(w, g, src *html.Node, path string)
		compare = func(w, g, src *html.Node, path string) {
			if g == src {
				t.Fatalf("%s %s: the clone is the source node", f, path)
			}
			if w.Type != g.Type || w.DataAtom != g.DataAtom || w.Data != g.Data || w.Namespace != g.Namespace ||
				len(w.Attr) != len(g.Attr) || (w.Attr == nil) != (g.Attr == nil) {
				t.Fatalf("%s %s: dom.Clone %+v, cloneTree %+v", f, path, w, g)
			}
			for i := range w.Attr {
				if w.Attr[i] != g.Attr[i] {
					t.Fatalf("%s %s: attribute %d: %+v, %+v", f, path, i, w.Attr[i], g.Attr[i])
				}
			}
			if len(g.Attr) > 0 && &g.Attr[0] == &src.Attr[0] {
				t.Fatalf("%s %s: attributes shared with the source", f, path)
			}
			if cap(g.Attr) != len(g.Attr) {
				t.Fatalf("%s %s: attribute slice has room to grow into its neighbour's", f, path)
			}
			wc, gc, sc := w.FirstChild, g.FirstChild, src.FirstChild
			for i := 0; wc != nil || gc != nil; i++ {
				if wc == nil || gc == nil {
					t.Fatalf("%s %s: children differ in number", f, path)
				}
				if gc.Parent != g || (gc.PrevSibling == nil) != (i == 0) || (gc.PrevSibling != nil && gc.PrevSibling.NextSibling != gc) {
					t.Fatalf("%s %s/%d: links broken", f, path, i)
				}
				compare(wc, gc, sc, fmt.Sprintf("%s/%d", path, i))
				if gc.NextSibling == nil && g.LastChild != gc {
					t.Fatalf("%s %s: LastChild", f, path)
				}
				wc, gc, sc = wc.NextSibling, gc.NextSibling, sc.NextSibling
			}
		}
		compare(want, got, doc, "")
		if got.Parent != nil || got.PrevSibling != nil || got.NextSibling != nil {
			t.Fatalf("%s: the clone's root is linked", f)
		}
	}
}

// TestTagListsMatchDom compares the walks that replace dom's tag lists with
// dom's, node for node, on upstream's test pages.
func TestTagListsMatchDom(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("test-pages", "*", "source.html"))
	if len(files) == 0 {
		t.Fatal("no pages")
	}
	ps := NewParser()
	same := func(f, what string, got, want []*html.Node) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s %s: %d nodes, dom gives %d", f, what, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s %s: node %d differs", f, what, i)
			}
		}
	}
	// JSON-LD scripts written every way a page may write them.
	tricky := `<html><head><script type="application/ld+json">{}</script><script type="APPLICATION/LD+JSON">{}</script>
<script type="application/ld+json " >{}</script><script data-x="1" type="application/ld+json">{}</script>
<script type="text/javascript" type="application/ld+json">{}</script></head><body><svg><script type="application/ld+json">{}</script></svg>
<div><script type="application/ld+json">{"a":1}</script></div><noscript><img src="a.jpg"></noscript></body></html>`
	tdoc, err := html.Parse(strings.NewReader(tricky))
	if err != nil {
		t.Fatal(err)
	}
	same("tricky", "json-ld", jsonLDScripts(tdoc), dom.QuerySelectorAll(tdoc, `script[type="application/ld+json"]`))
	if n := len(jsonLDScripts(tdoc)); n != 4 {
		t.Fatalf("tricky: %d JSON-LD scripts, want 4", n)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := parseBenchPage(raw)
		if err != nil {
			t.Fatal(err)
		}
		same(f, "json-ld", jsonLDScripts(doc), dom.QuerySelectorAll(doc, `script[type="application/ld+json"]`))
		if documentElement(doc) != dom.DocumentElement(doc) {
			t.Fatalf("%s: documentElement", f)
		}
		body := getElementByTagName(doc, "body")
		for _, root := range []*html.Node{doc, body} {
			for _, tag := range []string{"*", "p", "a", "div", "img", "html", "nosuchtag"} {
				same(f, tag, getElementsByTagName(root, tag), dom.GetElementsByTagName(root, tag))
			}
			for _, tags := range [][]string{{"img", "picture", "figure"}, {"h1", "h2"}, {"script", "noscript"}, {"p", "p"}, {"a"}} {
				same(f, fmt.Sprint(tags), ps.getAllNodesWithTag(root, tags...), dom.GetAllNodesWithTag(root, tags...))
			}
			for _, pair := range [][2]string{{"style", "font"}, {"p", "div"}, {"a", "img"}} {
				as, bs := elementsByTwoTags(root, pair[0], pair[1])
				same(f, pair[0]+" of two", as, dom.GetElementsByTagName(root, pair[0]))
				same(f, pair[1]+" of two", bs, dom.GetElementsByTagName(root, pair[1]))
			}
		}
		if n := documentElement(&html.Node{Type: html.DocumentNode}); n != nil {
			t.Fatal("documentElement of an empty document")
		}
	}
}
