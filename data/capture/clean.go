package capture

import (
	"strings"
	"unicode"

	"annals/data/textnorm"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Labels of related-article boxes ("Read also") and of ads and share bars,
// folded with textnorm.Fold so that اقرأ أيضاً, إقرأ أيضا and اقرا ايضا match.
var (
	readAlsoLabels = foldSet(
		"اقرأ أيضا", "اقرأ المزيد", "اقرأ أكثر", "مواضيع ذات صلة", "مقالات ذات صلة", "أخبار ذات صلة",
		"شاهد أيضا", "read also", "read more", "see also", "related", "related articles",
		"related stories", "more on this story", "recommended", "you may also like")
	junkLabels = foldSet(
		"إعلان", "محتوى مدفوع", "شارك", "شارك المقال", "مشاركة", "advertisement", "advert", "ad",
		"sponsored", "sponsored content", "share", "share this", "share this article")
)

func foldSet(labels ...string) map[string]bool {
	m := make(map[string]bool, len(labels))
	for _, l := range labels {
		m[textnorm.Fold(l)] = true
	}
	return m
}

// label folds a short text for comparison with the label sets: trimmed of
// spaces and of the punctuation that ends a label ("Read also:", "اقرأ أيضا …").
func label(s string) string {
	s = textnorm.Fold(strings.Join(strings.Fields(s), " "))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
}

// cleanArticle removes what readability keeps but a reader does not want:
//   - a lone label such as "Advertisement" / "إعلان" / "Share";
//   - a "Read also" / "اقرأ أيضا" heading or paragraph, with the list of links
//     that follows it;
//   - an in-text teaser such as "اقرأ أيضا: <a>another story</a>": a short
//     block that starts with such a label and is mostly link text;
//   - a dateline: a block holding nothing but a <time> (the date is kept in
//     Document.Published).
func cleanArticle(j *job) error {
	var remove []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if junk, withNext := isJunkBlock(c); junk {
				remove = append(remove, c)
				if next := nextElement(c); withNext && next != nil && isLinkList(next) {
					remove = append(remove, next)
				}
				continue
			}
			walk(c)
		}
	}
	walk(j.article.Node)
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	return nil
}

// isJunkBlock reports whether n is boilerplate, and whether the list after it
// belongs to it (a "Read also" heading).
func isJunkBlock(n *html.Node) (junk, withNext bool) {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Span, atom.Section, atom.Strong, atom.B, atom.Li,
		atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	default:
		return false, false
	}
	text := textContent(n)
	if len(text) > 300 { // a label or a teaser is short; a paragraph is not junk
		return false, false
	}
	l := label(text)
	if t := firstElement(n, atom.Time); t != nil && l == label(textContent(t)) {
		return true, false
	}
	if junkLabels[l] {
		return true, false
	}
	if readAlsoLabels[l] {
		return true, true
	}
	for prefix := range readAlsoLabels {
		rest, ok := strings.CutPrefix(l, prefix)
		if ok && rest != "" && strings.IndexFunc(rest, unicode.IsLetter) > 0 && linkShare(n) >= 0.5 {
			return true, false // "Read also: <a>…</a>": prefix, punctuation, then the link
		}
	}
	return false, false
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return nil
		}
	}
	return nil
}

// isLinkList reports whether n is a list or box made of links.
func isLinkList(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Div, atom.P:
		return linkShare(n) >= 0.5
	}
	return false
}

// linkShare is the fraction of n's letters that sit inside links.
func linkShare(n *html.Node) float64 {
	var all, linked int
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			c := len(strings.TrimSpace(n.Data))
			all += c
			if inLink {
				linked += c
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink || (c.Type == html.ElementNode && c.DataAtom == atom.A))
		}
	}
	walk(n, false)
	if all == 0 {
		return 0
	}
	return float64(linked) / float64(all)
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
