package capture

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what the scan step reads from the page before readability
// mutates it: things readability ignores (dir, canonical, <time>, the "saved
// from" comment of a browser-saved page) or only half reports (lang).
type pageMeta struct {
	langs     []string   // <html lang>, <body lang>, Content-Language, og:locale: declared first
	dirs      []string   // <html dir>, <body dir>
	canonical string     // <link rel=canonical href>, as written
	ogURL     string     // og:url, as written
	savedFrom string     // from "<!-- saved from url=(0042)https://... -->"
	dates     []string   // publication-date candidates readability does not read, best first
	jsonLD    []string   // the JSON-LD scripts that hold an "articleBody"
	bodyProp  *html.Node // the first element marked itemprop=articleBody (microdata)
	cells     int        // <td> elements: a page laid out with tables has several
	headlines []string   // the texts of the first <h1>s, to tell the headline in a "headline_section_site" title
}

// maxHeadlines bounds the <h1>s the scan keeps: a page's headline is among
// its first.
const maxHeadlines = 3

// dateMetaNames are meta name/property/itemprop values (lower case) that hold a
// publication date and that readability's own metadata reader does not cover.
var dateMetaNames = map[string]bool{
	"datepublished": true, "date": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"publish_date": true, "publication_date": true, "dc.date": true, "dc.date.issued": true,
	"dcterms.date": true, "dcterms.issued": true, "dcterms.created": true, "sailthru.date": true,
	"article.published": true, "og:published_time": true, "citation_publication_date": true,
	"citation_date": true,
}

func scanPage(j *job) error {
	var m pageMeta
	var (
		metaDates          []string
		timePreferred      []string // <time itemprop=datePublished> / <time pubdate>
		timeInArticle      []string // first <time datetime> inside <article> or <main>
		timeAnywhere       []string
		contentLang, ogLoc string
	)
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		switch n.Type {
		case html.CommentNode:
			if m.savedFrom == "" {
				m.savedFrom = savedFromURL(n.Data)
			}
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Html, atom.Body:
				if l := attr(n, "lang"); l != "" {
					m.langs = append(m.langs, l)
				} else if l := attr(n, "xml:lang"); l != "" {
					m.langs = append(m.langs, l)
				}
				if d := attr(n, "dir"); d != "" {
					m.dirs = append(m.dirs, d)
				}
			case atom.Td:
				m.cells++
			case atom.H1:
				if len(m.headlines) < maxHeadlines {
					m.headlines = append(m.headlines, textContent(n))
				}
			case atom.Div, atom.Section:
				if m.bodyProp == nil && strings.EqualFold(attr(n, "itemprop"), "articleBody") {
					m.bodyProp = n
				}
			case atom.Script:
				// Kept for the JSON-LD body step: readability drops scripts.
				if c := n.FirstChild; c != nil && c.Type == html.TextNode && strings.Contains(c.Data, `"articleBody"`) &&
					strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					m.jsonLD = append(m.jsonLD, c.Data)
				}
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = attr(n, "href")
				}
			case atom.Meta:
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				content := strings.TrimSpace(attr(n, "content"))
				switch {
				case content == "":
				case key == "og:url" && m.ogURL == "":
					m.ogURL = content
				case key == "og:locale" && ogLoc == "":
					ogLoc = content
				case strings.EqualFold(attr(n, "http-equiv"), "content-language") && contentLang == "":
					contentLang = content
				case dateMetaNames[key]:
					metaDates = append(metaDates, content)
				}
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					switch {
					case strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate"):
						timePreferred = append(timePreferred, dt)
					case inArticle && len(timeInArticle) == 0:
						timeInArticle = append(timeInArticle, dt)
					case len(timeAnywhere) == 0:
						timeAnywhere = append(timeAnywhere, dt)
					}
				}
			case atom.Article, atom.Main:
				inArticle = true
				if m.bodyProp == nil && strings.EqualFold(attr(n, "itemprop"), "articleBody") {
					m.bodyProp = n
				}
			default:
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					if c := firstNonEmpty(attr(n, "content"), attr(n, "datetime")); c != "" {
						metaDates = append(metaDates, c)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(j.root, false)

	// Content-Language may list several languages; only a single one says
	// anything about this page.
	if contentLang != "" && !strings.Contains(contentLang, ",") {
		m.langs = append(m.langs, contentLang)
	}
	if ogLoc != "" {
		m.langs = append(m.langs, ogLoc)
	}
	m.dates = append(append(append(append(m.dates, metaDates...), timePreferred...), timeInArticle...), timeAnywhere...)
	j.page = m
	return nil
}

// savedFromURL reads the URL a browser records when it saves a page:
// "<!-- saved from url=(0042)https://example.com/... -->".
func savedFromURL(comment string) string {
	_, rest, ok := strings.Cut(comment, "saved from url=")
	if !ok {
		return ""
	}
	if strings.HasPrefix(rest, "(") {
		if _, after, ok := strings.Cut(rest, ")"); ok {
			rest = after
		}
	}
	if f := strings.Fields(rest); len(f) > 0 {
		return f[0]
	}
	return ""
}

// pullOrCaption are in every class siteFixes changes an element for.
var pullOrCaption = newFoldWords("pull", "caption")

// siteFixes rewrites common markup that readability would otherwise drop or
// flatten, so the reader keeps it as the right kind of block:
//   - pull quotes marked by class (aside.pullquote, div.pull-quote) become
//     <blockquote> (readability removes every <aside>);
//   - image captions marked by class (p.wp-caption-text, div.caption,
//     span.image-caption) become <figcaption>.
func siteFixes(j *job) error {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			class := attr(c, "class")
			if class != "" && pullOrCaption.in(class) {
				class = strings.ToLower(class)
			} else {
				class = "" // most classes name neither: skip the token tests
			}
			switch {
			case c.DataAtom == atom.Blockquote || c.DataAtom == atom.Figcaption || class == "":
			case anyToken(class, isPullQuoteClass):
				if firstElement(c, atom.Blockquote) != nil {
					setTag(c, atom.Div) // keep the inner blockquote, save it from the aside cleaner
				} else {
					setTag(c, atom.Blockquote)
				}
			case anyToken(class, isCaptionClass) && firstElement(c, atom.Img) == nil && firstElement(c, atom.Picture) == nil:
				setTag(c, atom.Figcaption)
			}
			walk(c)
		}
	}
	walk(j.root)
	return nil
}

// classSeparators is built once: class names are tested for every element.
var classSeparators = strings.NewReplacer("-", "", "_", "")

func isPullQuoteClass(tok string) bool {
	t := classSeparators.Replace(tok)
	return t == "pullquote" || t == "pullout" || t == "quotepull" || strings.HasSuffix(t, "pullquote")
}

func isCaptionClass(tok string) bool {
	return tok == "caption" || tok == "wp-caption-text" || tok == "caption-text" ||
		strings.HasSuffix(tok, "-caption") || strings.HasSuffix(tok, "_caption") ||
		strings.HasSuffix(tok, "__caption")
}

// DOM helpers shared by the steps.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func setTag(n *html.Node, a atom.Atom) {
	n.DataAtom = a
	n.Data = a.String()
}

// firstElement is the first descendant element a of n, or nil.
func firstElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == a {
			return c
		}
		if f := firstElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

func hasToken(list, token string) bool {
	return anyToken(strings.ToLower(list), func(t string) bool { return t == token })
}

// anyToken reports whether pred holds for one of the space-separated tokens
// of list. It runs for many elements of every page, so it does not allocate.
func anyToken(list string, pred func(string) bool) bool {
	start := -1
	for i := 0; i <= len(list); i++ {
		if i == len(list) || list[i] == ' ' || list[i] == '\t' || list[i] == '\n' || list[i] == '\r' || list[i] == '\f' {
			if start >= 0 && pred(list[start:i]) {
				return true
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// containsFold reports whether s holds the lower-case ASCII word sub in any
// case, without building a lower-cased copy of s. It is asked of every text
// node and class outside the story, so it does not compare at every byte:
// the places where sub's first byte (in either case) occurs are found with
// strings.IndexByte, and a sub without ASCII letters is strings.Contains.
func containsFold(s, sub string) bool {
	if !hasASCIILetter(sub) {
		return strings.Contains(s, sub) // lowerASCII changes none of its bytes
	}
	end := len(s) - len(sub) + 1 // a match starts before end
	if end <= 0 {
		return false
	}
	lo, up := sub[0], sub[0]
	if 'a' <= lo && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	// The next index at or after i holding lo, and up; end when none. Each
	// is searched for again only once i has passed it, so a text full of
	// one case and none of the other is still scanned once.
	nextLo, nextUp := -1, -1
	if up == lo {
		nextUp = end
	}
	for i := 0; i < end; i++ {
		if nextLo < i {
			nextLo = indexByteFrom(s[:end], lo, i)
		}
		if nextUp < i {
			nextUp = indexByteFrom(s[:end], up, i)
		}
		i = min(nextLo, nextUp)
		if i >= end {
			return false
		}
		if hasPrefixFoldString(s[i:], sub) {
			return true
		}
	}
	return false
}

// hasASCIILetter reports whether s holds a byte in A–Z or a–z.
func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; 'a' <= c && c <= 'z' {
			return true
		}
	}
	return false
}

// indexByteFrom is the index of the first c in s at or after i, or len(s).
func indexByteFrom(s string, c byte, i int) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// hasPrefixFoldString reports whether s starts with the lower-case sub in
// any ASCII case.
func hasPrefixFoldString(s, sub string) bool {
	if len(s) < len(sub) {
		return false
	}
	for j := 0; j < len(sub); j++ {
		if lowerASCII(s[j]) != sub[j] {
			return false
		}
	}
	return true
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
