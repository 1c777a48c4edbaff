package capture

import (
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// jsonLDBody is a pipeline step after clean: some sites put only a teaser
// in the HTML and the whole story in the JSON-LD articleBody. The JSON-LD
// body replaces what was extracted when it is much longer and what was
// extracted is a prefix or a summary of it (most of its words are the
// body's), so that a wrong articleBody (another story's, a stub) never
// replaces a good extraction.
func jsonLDBody(j *job) error {
	if len(j.page.jsonLD) == 0 || j.article.Node == nil {
		return nil
	}
	body := jsonLDArticleBody(j.page.jsonLD)
	if body == "" {
		return nil
	}
	extracted := textContent(j.article.Node)
	bw, ew := countWords(body), countWords(extracted)
	switch {
	case bw < 2*ew || bw < ew+50:
		return nil
	case proseWords(j.article.Node) < minReadableWords:
		// The HTML had nothing to read (a page drawn by a script): the data
		// is all there is.
	case !mostWordsIn(extracted, body):
		return nil
	}
	root := j.article.Node
	for c := root.FirstChild; c != nil; c = root.FirstChild {
		root.RemoveChild(c)
	}
	for _, para := range jsonLDParagraphs(body) {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: para})
		root.AppendChild(p)
	}
	j.doc.Warn("The page showed only the start of the article; Annals took the whole text from the page's data.")
	return nil
}

// jsonLDArticleBody is the longest articleBody string in the JSON-LD
// scripts, searched through nested objects, arrays and @graph.
func jsonLDArticleBody(scripts []string) string {
	best := ""
	var find func(v any)
	find = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "articleBody" {
					if len(s) > len(best) {
						best = s
					}
					continue
				}
				find(x)
			}
		case []any:
			for _, x := range v {
				find(x)
			}
		}
	}
	for _, s := range scripts {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(s)), &v) == nil {
			find(v)
		}
	}
	return strings.TrimSpace(best)
}

// jsonLDParagraphs splits an articleBody into paragraphs: at blank lines
// or line breaks when it has them, at the tags of an HTML body otherwise.
func jsonLDParagraphs(body string) []string {
	if strings.Contains(body, "<") {
		if nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}); err == nil {
			var b strings.Builder
			var walk func(n *html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.TextNode {
					b.WriteString(n.Data)
				}
				if n.Type == html.ElementNode && (blockLevel[n.DataAtom] || n.DataAtom == atom.Br) {
					b.WriteString("\n")
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				if n.Type == html.ElementNode && blockLevel[n.DataAtom] {
					b.WriteString("\n")
				}
			}
			for _, n := range nodes {
				walk(n)
			}
			body = b.String()
		}
	}
	var out []string
	for _, line := range strings.Split(body, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// mostWordsIn reports whether at least 60% of the words of part (the first
// 300) are words of whole: part is its start or a summary of it.
func mostWordsIn(part, whole string) bool {
	isSep := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(whole, isSep) {
		words[strings.ToLower(w)] = true
	}
	var n, in int
	for _, w := range strings.FieldsFunc(part, isSep) {
		if n++; n > 300 {
			break
		}
		if words[strings.ToLower(w)] {
			in++
		}
	}
	return n > 0 && in*10 >= min(n, 300)*6
}
