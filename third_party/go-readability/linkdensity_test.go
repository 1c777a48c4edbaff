package readability

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

// TestLinkDensitiesMatchGetLinkDensity compares linkDensities (one walk for
// all nodes) with getLinkDensity node by node, bit for bit, on every element
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
		for i, n := range nodes {
			if want := ps.getLinkDensity(n); got[i] != want {
				t.Fatalf("%s: node %d <%s>: linkDensities %v, getLinkDensity %v", f, i, n.Data, got[i], want)
			}
		}
		checked += len(nodes)
	}
	t.Logf("%d nodes of %d pages", checked, len(files))
}
