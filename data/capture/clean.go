package capture

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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
		"related stories", "more on this story", "recommended", "you may also like",
		"see more", "don't miss", "also", "also on", "more", "more from", "more stories",
		"latest news", "most popular", "trending", "tags", "tagged", "topics", "filed under",
		"leggi anche", "leia também", "leia mais", "veja também", "lire aussi", "lea también",
		"mehr zum thema",
		// German, Spanish, French, Polish and Portuguese boxes of other stories.
		"lesen sie auch", "lesen sie mehr", "auch interessant", "das könnte sie auch interessieren",
		"weitere artikel", "neueste artikel", "schon gelesen", "beiträge zum thema", "verwandte artikel",
		"ähnliche artikel", "passend dazu", "zum thema", "lee también", "lea más", "lea", "mire", "mira",
		"puedes ver", "te puede interesar", "también te puede interesar", "noticias relacionadas",
		"artículos relacionados", "à lire aussi", "à lire également", "a lire aussi", "voir aussi",
		"sur le même sujet", "lire la suite", "czytaj także", "czytaj też", "zobacz także",
		"przeczytaj także", "przeczytaj też", "polecamy", "leia também", "saiba mais",
		"weiterführende links", "empfohlene beiträge", "mehr themen", "weitere beiträge",
		"heute empfehlen wir", "das könnte dich auch interessieren", "mehr aus", "mehr news",
		"weitere nachrichten", "más noticias", "otras noticias", "plus d'articles", "dans la même rubrique")
	junkLabels = foldSet(
		"إعلان", "محتوى مدفوع", "شارك", "شارك المقال", "مشاركة", "advertisement", "advert", "ad",
		"sponsored", "sponsored content", "share", "share this", "share this article",
		// Widget and gallery controls that readability keeps as text.
		"caption", "close", "image caption", "media caption", "continue reading below",
		"continue reading", "skip to content", "comments", "comment", "text size", "print article",
		"order reprints", "print", "sign in", "log in", "subscribe", "breaking news",
		"this slideshow requires javascript", "media playback is unsupported on your device",
		"tell us what you think", "want more stories like this", "about the author",
		"newsletter", "loading", "advertisement - continue reading below", "story continues below",
		// German, Spanish, French and Polish.
		"anzeige", "werbung", "publicidad", "publicité", "reklama", "kommentare", "keine kommentare",
		"comentarios", "commentaires", "komentarze", "zurück", "teilen", "artikel teilen", "compartir",
		"partager", "udostępnij", "externer inhalt", "drucken", "imprimir", "imprimer", "drukuj",
		"artikel drucken", "zum seitenanfang", "nach oben", "volver arriba", "haut de page",
		"kommentar verfassen", "noch keine bewertungen", "kontakt", "pdf", "zurück zur übersicht")
)

// plainWordLabels are the read-also labels that also begin plain sentences
// ("More than <a>200 people</a>…", "Also, <a>the report</a>…"): as a prefix
// they count only when a colon or an arrow follows them.
var plainWordLabels = foldSet("also", "more", "tags", "tagged", "topics", "trending", "more from",
	"see more", "latest news", "most popular", "also on", "lea", "mire", "mira", "zum thema", "polecamy",
	"passend dazu", "saiba mais")

// readAlsoPrefixes are readAlsoLabels as a slice, for the prefix test.
var readAlsoPrefixes = func() []string {
	out := make([]string, 0, len(readAlsoLabels))
	for l := range readAlsoLabels {
		out = append(out, l)
	}
	return out
}()

func foldSet(labels ...string) map[string]bool {
	m := make(map[string]bool, len(labels))
	for _, l := range labels {
		m[textnorm.Fold(l)] = true
	}
	return m
}

// foldList folds phrases for a substring search, kept in a slice because
// ranging over a map is slower.
func foldList(phrases ...string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = textnorm.Fold(p)
	}
	return out
}

// label folds a short text for comparison with the label sets: white space
// collapsed, trimmed of spaces and of the punctuation that ends a label
// ("Read also:", "اقرأ أيضا …").
func label(s string) string {
	return string(appendLabel(nil, s))
}

// appendLabel appends label(s) to dst; the cleaner reuses one buffer for the
// many short elements of an article.
func appendLabel(dst []byte, s string) []byte {
	start := len(dst)
	word := -1 // start of the current word in s
	for i := 0; i < len(s); {
		c := s[i]
		if ' ' < c && c < utf8.RuneSelf {
			// Printable ASCII is neither blank nor a line break.
			if word < 0 {
				word = i
			}
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isBlank(r) || r == lineBreak {
			if word >= 0 {
				if len(dst) > start {
					dst = append(dst, ' ')
				}
				dst = textnorm.AppendFold(dst, s[word:i])
				word = -1
			}
		} else if word < 0 {
			word = i
		}
		i += size
	}
	if word >= 0 {
		if len(dst) > start {
			dst = append(dst, ' ')
		}
		dst = textnorm.AppendFold(dst, s[word:])
	}
	trimmed := bytes.TrimFunc(dst[start:], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	n := copy(dst[start:], trimmed)
	return dst[:start+n]
}

// cleaner holds what the cleaning rules compare blocks with.
type cleaner struct {
	title       string   // the article title, as a label
	articleLen  int      // bytes of text in the article node
	pageURLs    []string // the page's own addresses, trimmed by trimURL
	remove      []removal
	seenArticle bool   // an <article> element was met inside the article node
	seenText    int    // bytes of text kept so far, in document order
	buf, lbuf   []byte // shortText's and label's buffers, reused across elements
	trace       func(rule string, n *html.Node)

	group        string          // the name group of the removal being decided (see removal)
	notFurniture map[string]bool // name groups overruled on this page (see overruled)
}

// traceCleaning, when set (by tests), is told of every removal and its rule.
var traceCleaning func(rule string, n *html.Node)

// removal is one element a rule wants gone.
type removal struct {
	rule  string
	n     *html.Node
	group string // for the rules that judge by name alone: "card", or the furniture word of the class
}

func (cl *cleaner) drop(rule string, n *html.Node) {
	cl.remove = append(cl.remove, removal{rule: rule, n: n, group: cl.group})
	cl.group = ""
}

// overruled finds the groups of removals by name alone (a class's
// furniture word, or the <article> cards) whose boxes together hold most of
// the article: a live ticker made of "live-match-comment" blocks, a
// listicle whose items are <article> cards, sections styled "Ads". Each box
// is small, but the story is their sum, so such a rule must not fire on
// this page. The groups' words are marked as no furniture here, and the
// boxes are returned to be kept.
func (cl *cleaner) overruled() map[*html.Node]bool {
	var sum map[string]int
	for _, r := range cl.remove {
		if r.group != "" {
			if sum == nil {
				sum = map[string]int{}
			}
			sum[r.group] += textLen(r.n)
		}
	}
	var keep map[*html.Node]bool
	for _, r := range cl.remove {
		// Cards are judged apart (listItems): on a page listing several posts
		// in full the later ones are other stories, and counting every card
		// hurt the article benchmark.
		if r.group != "" && r.group != "card" && 2*sum[r.group] > cl.articleLen {
			if keep == nil {
				keep = map[*html.Node]bool{}
				cl.notFurniture = map[string]bool{}
			}
			keep[r.n] = true
			cl.notFurniture[r.group] = true
		}
	}
	if sum["card"] > 0 {
		for _, n := range cl.listItems() {
			if keep == nil {
				keep = map[*html.Node]bool{}
			}
			keep[n] = true
		}
	}
	return keep
}

// listItems returns the removed cards that are the items of a listicle:
// sibling <article>s, each with its own heading that is not a link and prose
// of its own ("<h2>3. Keep them off cold glass</h2><img><p>Leaves that
// touch…</p>"), at least three of them, which together hold most of the
// article (the first item, and an item longer than the others, may have been
// kept as the story: they count too). Other stories' cards at the end of a
// news page have linked headlines or are links as a whole, and the other
// posts of a blog page, shown in full, have no heading of their own as items
// do (the benchmark's pages of that kind), so both are still removed.
func (cl *cleaner) listItems() []*html.Node {
	var items []*html.Node
	judged := map[*html.Node]bool{}
	for _, r := range cl.remove {
		parent := r.n.Parent
		if r.group != "card" || parent == nil || judged[parent] {
			continue
		}
		judged[parent] = true
		var cards, others []*html.Node
		size := 0
		for c := parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.Data != "article" {
				continue
			}
			if isListItemCard(c) {
				cards = append(cards, c)
				size += textLen(c)
			} else if isProseCard(c) {
				others = append(others, c)
			}
		}
		if len(cards) >= 3 && 2*size > cl.articleLen {
			// The list's other cards of prose (an item whose heading
			// readability took for the title's double, a paragraph
			// going on from the item before) are part of it too.
			items = append(append(items, cards...), others...)
		}
	}
	return items
}

// isProseCard reports whether an <article> without a heading is prose, not
// mostly links. A box of teasers has their (linked) headlines.
func isProseCard(n *html.Node) bool {
	return firstHeading(n) == nil && linkShare(n) < 0.5 && proseWords(n) >= minListItemWords
}

// isListItemCard reports whether an <article> reads as a listicle's item: a
// heading that is not a link, or a numbered one ("3. <a>The Dyson V15</a>":
// a roundup links its products; another story's card has no number), and
// more prose beside it than links.
func isListItemCard(n *html.Node) bool {
	h := firstHeading(n)
	if h == nil || linkShare(n) >= 0.5 || (linkShare(h) >= 0.5 && !numbered(textContent(h))) {
		return false
	}
	return proseWords(n)-proseWords(h) >= minListItemWords
}

// numbered reports whether a heading starts with an item's number: "3.",
// "3)", "3:", "#3", "No. 3".
func numbered(heading string) bool {
	return itemNumber.MatchString(heading)
}

var itemNumber = regexp.MustCompile(`^\s*(?:(?:#|[Nn][Oo]\.)\s*\d{1,3}\b|\d{1,3}[.):](?:\s|$))`)

// minListItemWords is the least prose (outside the heading and links) of a
// listicle's item: a sentence or two.
const minListItemWords = 12

// firstHeading is the first h1–h6 inside n (or n itself), nil when none.
func firstHeading(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && isHeading(atom.Lookup([]byte(n.Data))) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if h := firstHeading(c); h != nil {
			return h
		}
	}
	return nil
}

// cleanArticle removes what readability keeps but a reader does not want:
//   - navigation (<nav>) and small boxes whose class or id names them as
//     bylines, credits, share bars, related links, newsletters, breadcrumbs
//     or comments (see boilerplateName);
//   - a lone label such as "Advertisement" / "إعلان" / "Share", and the
//     controls of photo galleries ("Image 1 of 9", "Close", a lone "6");
//   - a "Read also" / "اقرأ أيضا" heading or paragraph, with the list of links
//     that follows it;
//   - an in-text teaser such as "اقرأ أيضا: <a>another story</a>": a short
//     block that starts with such a label and is mostly link text;
//   - short blocks and lists made only of links (related stories, menus),
//     and a later, small <article> (another story's card, a comment);
//   - share bars ("Whatsapp Facebook Pint");
//   - the page's metadata repeated in the body: the title as a heading, a
//     byline ("By Jane Doe"), a dateline ("Updated 4:00 am, Nov. 20, 2019"
//     or a block holding nothing but a <time>), a photo credit, a bare URL;
//   - calls to action: "Follow us on Twitter", "Sign up for our newsletter".
//
// readability runs with KeepClasses so that the class rule can see the
// names; the classes are dropped here, as readability would have done.
func cleanArticle(j *job) error {
	newCleaner(j, headlineOf(j.article.Title(), j.page.headlines)).clean(j.article.Node)
	return nil
}

func newCleaner(j *job, title string) *cleaner {
	cl := &cleaner{title: label(title), trace: traceCleaning}
	if j.pageURL != nil {
		cl.pageURLs = append(cl.pageURLs, trimURL(j.pageURL.String()))
	}
	for _, u := range []string{j.page.canonical, j.page.ogURL} {
		if u != "" {
			cl.pageURLs = append(cl.pageURLs, trimURL(u))
		}
	}
	return cl
}

func (cl *cleaner) clean(article *html.Node) {
	cl.articleLen = textLen(article)
	cl.walk(article)
	keep := cl.overruled()
	pending := cl.remove
	cl.remove = nil
	for _, r := range pending {
		if keep[r.n] {
			// Kept, so cleaned like any other part of the story.
			dropClasses(r.n)
			cl.walk(r.n)
			continue
		}
		cl.remove = append(cl.remove, r)
	}
	for _, r := range cl.remove {
		if cl.trace != nil {
			cl.trace(r.rule, r.n)
		}
		if r.n.Parent != nil {
			r.n.Parent.RemoveChild(r.n)
		}
	}
}

func (cl *cleaner) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			cl.seenText += len(strings.TrimSpace(c.Data))
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		fixAtom(c)
		if rule := cl.boilerplateBox(c); rule != "" {
			cl.drop(rule, c)
			continue
		}
		if rule, withNext := cl.junkBlock(c); rule != "" {
			cl.drop(rule, c)
			if next := nextElement(c); withNext && next != nil && isLinkList(next) {
				cl.drop(rule+" list", next)
			}
			continue
		}
		dropClasses(c)
		cl.walk(c)
	}
}

// fixAtom gives n the atom of its tag name: readability renames elements
// (div → p) and creates new ones (the <p> around loose text) without setting
// DataAtom, and the steps after it switch on DataAtom.
func fixAtom(n *html.Node) {
	if n.DataAtom.String() != n.Data {
		n.DataAtom = atom.Lookup([]byte(n.Data))
	}
}

// dropClasses removes the class attribute, but for the "page" class that
// readability sets on its own wrapper.
func dropClasses(n *html.Node) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == "class" {
			if a.Val != "page" {
				n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			}
			return
		}
	}
}

// boilerplateBox names the rule by which n is navigation, or an element whose
// class or id names it as page furniture and which holds only a small part of
// the article (so that a wrapper unluckily named "post-meta-content" around
// the whole story is kept); "" when it is neither.
func (cl *cleaner) boilerplateBox(n *html.Node) string {
	if n.DataAtom == atom.Nav {
		return "nav"
	}
	if n.DataAtom == atom.Article {
		// A small <article> inside the story is another story's teaser or
		// a comment, unless it is the first one and the story itself (a
		// page listing several posts in full).
		first := !cl.seenArticle
		cl.seenArticle = true
		if size := textLen(n); size*4 < cl.articleLen && (!first || cl.seenText > size) && !cl.notFurniture["card"] {
			cl.group = "card"
			return "card"
		}
	}
	word := boilerplateWord(attr(n, "class"))
	if word == "" || cl.notFurniture[word] {
		word = boilerplateWord(attr(n, "id"))
	}
	if word == "" || cl.notFurniture[word] {
		return ""
	}
	if textLen(n)*4 >= cl.articleLen {
		return ""
	}
	cl.group = word
	return "class"
}

// boilerplateParts are the words of class and id names that mark page
// furniture. Names are split at "-", "_", spaces and lower-to-upper case
// changes, so "article__credit", "socialIcon" and "mm_related" all match.
var boilerplateParts = map[string]bool{
	"byline": true, "author": true, "authors": true, "credit": true, "credits": true,
	"breadcrumb": true, "breadcrumbs": true, "share": true, "sharing": true, "social": true,
	"related": true, "newsletter": true, "subscribe": true, "signup": true,
	"promo": true, "advert": true, "advertisement": true, "ad": true, "ads": true, "sponsor": true,
	"sponsored": true, "timestamp": true, "dateline": true, "date": true, "dates": true,
	"submitted": true, "comments": true, "comment": true, "disqus": true, "tags": true,
	"slidecount": true, "navigation": true, "nav": true, "menu": true, "toolbar": true,
	"visuallyhidden": true, "sronly": true, "offscreen": true, "screenreader": true,
	"rail": true, "cta": true, "print": true, "reprints": true,
}

// styleModifiers are the words that, before a furniture word, make the
// name a style of the box rather than its kind: "has-ads", "noAds",
// "with-comments", "show-author" are real sections.
var styleModifiers = map[string]bool{
	"no": true, "has": true, "with": true, "without": true, "show": true, "hide": true, "allow": true,
	"enable": true, "disable": true, "is": true, "can": true,
}

// boilerplateCompounds are the part pairs that name furniture together but
// not alone ("slide count", "element hidden", "visually hidden").
var boilerplateCompounds = map[string]bool{
	"slide count": true, "gallery count": true, "item count": true, "visually hidden": true,
	"element hidden": true, "sr only": true, "screen reader": true, "off screen": true,
	"read more": true, "more stories": true, "more articles": true, "about author": true,
}

// boilerplateName reports whether a class or id list holds a furniture word.
func boilerplateName(name string) bool { return boilerplateWord(name) != "" }

// boilerplateWord is the furniture word (or pair of words) of a class or id
// list, "" when it has none. It runs for every element of the article, so
// it looks words up in place instead of building strings.
func boilerplateWord(name string) (found string) {
	if name == "" {
		return ""
	}
	var buf [64]byte
	pair := buf[:0] // "previous word" + " " + "current word"
	wordStart := 0  // where the current word starts in pair
	lastLower := false
	end := func() bool {
		word := pair[wordStart:]
		if len(word) == 0 {
			return false
		}
		if boilerplateParts[string(word)] && !(wordStart > 0 && styleModifiers[string(pair[:wordStart-1])]) {
			found = string(word)
			return true
		}
		if wordStart > 0 && boilerplateCompounds[string(pair)] {
			found = string(pair)
			return true
		}
		// The current word becomes the previous one.
		n := copy(pair, word)
		pair = append(pair[:n], ' ')
		wordStart = len(pair)
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'A' && c <= 'Z':
			if lastLower && end() {
				return found
			}
			pair = append(pair, c+'a'-'A')
			lastLower = false
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			pair = append(pair, c)
			lastLower = c >= 'a'
		default:
			if end() {
				return found
			}
			lastLower = false
		}
	}
	end()
	return found
}

// junkBlock names the rule by which n is boilerplate ("" when it is not), and
// says whether the list after it belongs to it (a "Read also" heading).
func (cl *cleaner) junkBlock(n *html.Node) (rule string, withNext bool) {
	switch n.DataAtom {
	case atom.Ul, atom.Ol:
		if isLinkOnlyList(n) {
			return "link list", false
		}
		return "", false
	case atom.P, atom.Div, atom.Span, atom.Section, atom.Strong, atom.B, atom.Li,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Figcaption, atom.Header, atom.Footer:
	default:
		return "", false
	}
	text, short := cl.shortText(n)
	if !short { // a label, a teaser or a call to action is short; a paragraph is not junk
		return "", false
	}
	cl.lbuf = appendLabel(cl.lbuf[:0], text)
	l := string(cl.lbuf)
	if l == "" {
		return "", false
	}
	if t := firstElement(n, atom.Time); t != nil && l == label(textContent(t)) {
		return "time", false
	}
	if junkLabels[l] {
		return "label", false
	}
	if readAlsoLabels[l] {
		return "read also", true
	}
	share := linkShare(n)
	if share >= 0.5 && isTeaser(l) {
		return "read also teaser", false
	}
	nwords := countFields(l)
	var words []string // built only for the rules that read the words
	if nwords <= 25 {
		words = strings.Fields(l)
	}
	switch {
	case share >= 0.9 && nwords <= 25 && standsAlone(n) && !holdsSentence(text) && !isHeading(n.DataAtom) && !isLinkAddress(words):
		// A related story, a breadcrumb, "Click here to get the app". A
		// linked sentence is prose (a digest's item, a "Click to tweet" quote).
		return "links", false
	case l == cl.title && (isHeading(n.DataAtom) || wholeLine(n)):
		return "title", false
	case len(l) <= 12 && strings.IndexFunc(l, unicode.IsLetter) < 0 && n.DataAtom != atom.Li && !isHeading(n.DataAtom):
		return "no letters", false // "6", "|", "___": counters and separators
	case len(l) <= 40 && strings.IndexFunc(l, unicode.IsDigit) >= 0 && galleryCounter.MatchString(l):
		return "gallery", false
	case nwords == 1 && cl.isPageURL(l):
		return "url", false // the page's own address, printed for paper copies
	case nwords <= 25 && isByline(text, words) && wholeBlock(n):
		return "byline", false
	case nwords <= 25 && isDateline(text, l, words):
		return "dateline", false
	case nwords <= 10 && isCredit(l):
		return "credit", false
	case nwords <= 60 && standsAlone(n) && isCallToAction(l):
		return "call to action", false
	case isShareBar(words):
		return "share bar", false
	}
	return "", false
}

// isTeaser reports whether the label l is "Read also: <a>…</a>": a read-also
// label, punctuation, then the linked title.
func isTeaser(l string) bool {
	for _, prefix := range readAlsoPrefixes {
		rest, ok := strings.CutPrefix(l, prefix)
		if !ok || rest == "" {
			continue
		}
		letter := strings.IndexFunc(rest, unicode.IsLetter)
		if letter <= 0 {
			continue // "related" in "relatedly", or nothing after the label
		}
		if !plainWordLabels[prefix] {
			return true
		}
		if mark := strings.IndexAny(rest, ":|»›>–—"); mark >= 0 && mark < letter {
			return true
		}
	}
	return false
}

// standsAlone reports whether n is a block of its own and not a run of
// emphasis or a link inside a paragraph.
func standsAlone(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Section, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Footer:
		return true
	}
	return false
}

// isLinkAddress reports whether words are one address to a page deeper than a
// home page: a source the article cites, not a site's name.
func isLinkAddress(words []string) bool {
	if len(words) != 1 {
		return false
	}
	w := trimURL(words[0])
	return strings.Contains(w, "/") && strings.Contains(w, ".")
}

// holdsSentence reports whether s has a full stop or an exclamation mark:
// headlines of related stories and menu entries have none.
func holdsSentence(s string) bool {
	return strings.ContainsAny(s, ".!…。")
}

// isPageURL reports whether the folded label l is the address of the page
// itself, with or without scheme, "www." and the last "/".
func (cl *cleaner) isPageURL(l string) bool {
	for _, u := range cl.pageURLs {
		if u != "" && trimURL(l) == u {
			return true
		}
	}
	return false
}

func trimURL(s string) string {
	s = strings.ToLower(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s = strings.TrimPrefix(s, "www.")
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, "/")
}

// countFields is len(strings.Fields(s)) for text that normaliseSpace has
// already collapsed, without building the slice.
func countFields(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, " ") + strings.Count(s, "\n") + 1
}

// maxShortBlock is the longest text (in bytes) a boilerplate block may have.
const maxShortBlock = 400

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// wholeBlock reports whether n is a block, or an inline element (<strong>,
// <em>, <span>) that holds all of its parent's text: "<p><strong>By Jane
// Doe</strong>: the council voted…</p>" is a lead that starts with a
// byline, and cutting the <strong> would leave ": the council voted…".
func wholeBlock(n *html.Node) bool {
	if blockLevel[n.DataAtom] || n.Parent == nil || n.Parent.Type != html.ElementNode {
		return true
	}
	return textLen(n.Parent) <= textLen(n) || wholeLine(n)
}

// wholeLine reports whether the inline element n is a line of its own:
// nothing but white space between it and the <br>s or block edges around
// it. Old pages set the headline and the byline in <font> lines of the
// story's cell ("<font size=5><b>Headline</b></font><br><font size=1>By
// Harold Pike</font><br><br>The mill pond…").
func wholeLine(n *html.Node) bool {
	if blockLevel[n.DataAtom] {
		return false
	}
	prev := n.PrevSibling
	for prev != nil && prev.Type == html.TextNode && isBlankText(prev.Data) {
		prev = prev.PrevSibling
	}
	next := n.NextSibling
	for next != nil && next.Type == html.TextNode && isBlankText(next.Data) {
		next = next.NextSibling
	}
	atEdge := func(s *html.Node) bool {
		return s == nil || (s.Type == html.ElementNode && (s.DataAtom == atom.Br || blockLevel[s.DataAtom]))
	}
	return atEdge(prev) && atEdge(next)
}

// galleryCounter matches the position shown in slideshows: "image 1 of 9",
// "1 of / 9", "1of4", "2/5".
var galleryCounter = regexp.MustCompile(`^(?:(?:image|photo|picture|slide|foto|imagem|bild)\s*)?\d+\s*(?:of|/|de|di|von|sur)\s*/?\s*\d+$`)

// isByline recognises "By Jane Doe", "By Justine Coleman - 11/18/19 11:04 PM",
// "by Regan September 15, 2014": "by" and then a capitalised name. A
// sentence such as "By Friday, the river had risen." starts like a byline, so
// the name may not be a day or a month.
func isByline(text string, words []string) bool {
	if len(words) < 2 || len(words) > 20 {
		return false
	}
	switch words[0] {
	case "by", "written", "posted", "por", "par", "von":
	default:
		return false
	}
	orig := strings.Fields(text)
	i := 1
	if words[0] == "written" || words[0] == "posted" {
		if words[1] != "by" || len(words) < 3 {
			return false
		}
		i = 2
	}
	if i >= len(orig) {
		return false
	}
	name := orig[i]
	r := []rune(name)[0]
	if !unicode.IsUpper(r) || dateNames[strings.Trim(words[i], ",.")] {
		return false
	}
	// "By Christmas, the bridge will reopen." is a sentence, and so is a
	// lead that starts with the byline ("By Jane Doe: the council voted…"):
	// the byline is cut only when it is the whole block.
	return !endsLikeSentence(text) && !proseAfterName(orig[i+1:])
}

// bylineWords are the lower-case words a byline holds besides the name and
// its date ("By Jane Doe and John Roe, staff writers, Reuters").
var bylineWords = foldSet("and", "und", "et", "y", "e", "with", "for", "from", "in", "staff", "writer",
	"writers", "reporter", "reporters", "correspondent", "editor", "contributor", "updated",
	"published", "posted", "last", "von", "van", "der", "den", "bin", "ibn", "da", "dos")

// proseAfterName reports whether the words after a byline's first name
// run on into a sentence: two or more lower-case words that are neither
// a byline's nor a date's.
func proseAfterName(rest []string) bool {
	lower := 0
	for _, w := range rest {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsLower(r) {
			continue
		}
		f := textnorm.Fold(w)
		if bylineWords[f] || dateWords[f] || dateNames[f] {
			continue
		}
		if lower++; lower >= 2 {
			return true
		}
	}
	return false
}

// endsLikeSentence reports whether s ends as a sentence does; a byline or a
// dateline ends with a name, a date or a time ("11:08 a.m.").
func endsLikeSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		(strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "m."))
}

// isDateline recognises "Published 4:00 am CST, Wednesday, November 20, 2019",
// "UPDATED: 10:48, Tue, Nov 19, 2019", "Posted: Fri 6:45 PM" and a block that
// is only a date ("November 20, 2019", "02 Ago 2017").
func isDateline(text, l string, words []string) bool {
	if strings.IndexFunc(l, unicode.IsDigit) < 0 {
		return false
	}
	for _, p := range datelinePrefixes {
		if rest, ok := strings.CutPrefix(l, p); ok {
			// Not "Updated figures will be published in May 2020", nor
			// "Published 1931 plans show a second deck."
			return startsWithDate(rest) && !endsLikeSentence(text)
		}
	}
	if len(words) > 10 {
		return false
	}
	named := false
	for _, w := range tokenWords(l) {
		switch {
		case dateNames[w]:
			named = true
		case dateWords[w], strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0:
		default:
			return false
		}
	}
	return named // "2019" alone may be a year in a timeline
}

// startsWithDate reports whether the first word of s, after a colon and
// "on" or "at", is a number or a month or day name.
func startsWithDate(s string) bool {
	for _, w := range tokenWords(s) {
		switch {
		case w == "on" || w == "at" || w == "em" || w == "le" || w == "il" || w == "am" || w == "في":
			continue
		case dateNames[w]:
			return true
		}
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsDigit(r)
	}
	return false
}

var datelinePrefixes = []string{
	"published", "updated", "posted", "last updated", "last modified", "first published",
	"publicado", "atualizado", "actualizado", "publié", "mis à jour", "pubblicato", "aggiornato",
	"veröffentlicht", "aktualisiert", "نشر", "تاريخ النشر", "آخر تحديث",
}

// tokenWords splits s into runs of letters and digits.
func tokenWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// dateNames are the month and day names (and their abbreviations) of the
// languages Annals meets most; a date written out holds one of them.
var dateNames = foldSet(
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
	"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
	"outubro", "novembro", "dezembro", "enero", "febrero", "marzo", "mayo", "junio", "julio",
	"septiembre", "octubre", "noviembre", "diciembre", "janvier", "février", "mars", "avril",
	"mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
	"gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
	"dicembre", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
	"ago", "set", "out", "dez", "ene", "abr", "dic", "gen", "giu", "lug", "ott",
	"segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo",
	"lunes", "martes", "miércoles", "jueves", "viernes", "lundi", "mardi", "mercredi",
	"jeudi", "vendredi", "samedi", "dimanche",
	"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
	"أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز",
	"آب", "أيلول", "تشرين", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")

// dateWords are the other words a date or a time is written with: "at",
// "am", ordinal suffixes, time zones.
var dateWords = foldSet(
	"am", "pm", "a", "p", "m", "at", "on", "of", "the", "th", "st", "nd", "rd", "h",
	"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "hst", "gmt", "utc", "bst", "cet",
	"cest", "et", "pt", "ct", "mt", "feira", "de", "às", "à", "le", "el", "del", "du", "um",
	"الأول", "الثاني")

// creditPrefixes start a photo credit: "Photo: AP", "(Image credit: NASA)",
// "Image copyright Getty Images", "© Aaron Schwartz".
var creditPrefixes = []string{
	"photo:", "photo credit", "photos:", "photograph:", "image:", "image credit", "images:",
	"image copyright", "image source", "picture:", "credit:", "credits:", "copyright", "©",
	"foto:", "imagem:", "source:", "media caption",
}

func init() {
	// The same in German, French, Spanish and Polish, folded as labels are.
	creditPrefixes = append(creditPrefixes, foldList("fotos:", "bild:", "bilder:", "bildquelle", "bildnachweis",
		"fotonachweis", "quelle:", "quellen:", "quellenangaben:", "crédit photo", "crédits photo", "crédit :",
		"crédits :", "photo d'illustration", "bild via", "foto via", "imagen:", "imágenes:", "fuente:", "zdjęcie:", "fot.", "źródło:")...)
}

func isCredit(l string) bool {
	for _, p := range creditPrefixes {
		if rest, ok := strings.CutPrefix(l, p); ok {
			if p != "copyright" {
				return true
			}
			// "Copyright law has barely changed" is a sentence; a notice
			// goes on with a year or the sign.
			r, _ := utf8.DecodeRuneInString(strings.TrimSpace(rest))
			return unicode.IsDigit(r) || r == '©' || r == 'ⓒ' || strings.HasPrefix(strings.TrimSpace(rest), "(c)")
		}
	}
	return false
}

// callsToAction are phrases of the boxes that ask the reader to subscribe,
// follow or share; real prose hardly uses them.
var callsToAction = foldList(
	"follow us on", "follow him on", "follow her on", "follow me on", "follow them on",
	"sign up for our", "subscribe to our", "youtube channel", "our newsletter",
	"to your inbox", "in your inbox", "meet your inbox", "uses cookies", "we use cookies",
	"share it with", "contributed to this report", "get breaking news", "get the latest updates",
	"may contain affiliate", "earn an affiliate commission", "click here to get the",
	"by clicking here", "all rights reserved", "have a tip", "if you have a news tip", "let us know at", "reproduction without permission",
	"تابعونا على", "اشترك في النشرة", "جميع الحقوق محفوظة",
	"is the copyrighted property of", "written permission must be obtained", "if you enjoyed reading this",
	"affiliate links", "affiliate-links",
	// German, Spanish, French and Polish.
	"war der artikel nützlich", "war dieser artikel hilfreich", "möchten sie den artikel teilen",
	"bitte teilen sie uns ihre", "folgen sie uns auf", "folge uns auf", "newsletter abonnieren",
	"jetzt abonnieren", "abonnieren sie unseren", "melden sie sich für unseren", "alle angaben ohne gewähr",
	"handelt es sich um affiliate", "sie sind aktuell nicht eingeloggt", "alle rechte vorbehalten",
	"síguenos en", "suscríbete a nuestro", "todos los derechos reservados", "puede escribirnos",
	"suivez-nous sur", "abonnez-vous à notre", "inscrivez-vous à notre", "tous droits réservés",
	"zapraszamy do subskrypcji", "obserwuj nas", "wszelkie prawa zastrzeżone",
	"this entry was posted", "comments are closed", "kommentare geschlossen", "kommentare insgesamt",
	"für links auf dieser seite", "pour lire la suite", "ten tekst przeczytasz",
	// Paywall teasers and app adverts.
	"to view the full story", "for the full story", "please subscribe to", "subscribe now to",
	"already a subscriber", "first-time subscribers", "apps for ios and android", "download our app",
	"letter to the editor via", "is not responsible for the opinions", "video verfügbar bis")

// callsToActionIndex finds the phrases of callsToAction in one pass over a
// block's text (asked of every short block outside the story).
var callsToActionIndex = newPhraseIndex(callsToAction)

func isCallToAction(l string) bool {
	if callsToActionIndex.containsAny(l) {
		return true
	}
	if strings.Contains(l, "@") && (strings.HasPrefix(l, "write to") || strings.Contains(l, "be reached at")) {
		return true // "Write to Al Root at allen.root@dowjones.com"
	}
	return strings.Contains(l, "follow") && followOn.MatchString(l)
}

// followOn matches "Follow Newsbeat on Instagram", "… or follow him @name"
// where a sentence starts with the request, not "Millions follow Trump on
// Twitter".
var followOn = regexp.MustCompile(`(?:^|[.!?]\s|\bor\s)follow\b[^.!?]{0,40}(?:\bon (?:twitter|facebook|instagram|youtube|linkedin|tiktok)|\s@\w)`)

// shareWords are the names on share and follow buttons.
var shareWords = foldSet(
	"facebook", "twitter", "whatsapp", "pinterest", "pint", "pin", "linkedin", "reddit", "email",
	"e-mail", "mail", "print", "share", "tweet", "copy", "link", "telegram", "messenger", "sms",
	"flipboard", "pocket", "tumblr", "instagram", "youtube", "save", "baixar", "download", "vk",
	"compartilhar", "partager", "teilen", "condividi", "compartir", "فيسبوك", "تويتر", "واتساب")

// isShareBar reports whether a block is made only of share-button names
// ("Whatsapp Facebook Pint Baixar"); one word alone may be a real heading.
func isShareBar(words []string) bool {
	if len(words) < 2 || len(words) > 12 {
		return false
	}
	for _, w := range words {
		if !shareWords[strings.Trim(w, ",.|·•")] {
			return false
		}
	}
	return true
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

// isLinkOnlyList reports whether every item of list n that holds text is a
// link: a menu or a list of related stories. A list of sources or products
// whose items carry words besides their links is kept.
func isLinkOnlyList(n *html.Node) bool {
	items := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			continue
		}
		if textLen(c) == 0 {
			continue
		}
		if linkShare(c) < 0.9 {
			return false
		}
		items++
	}
	return items >= 3 // one or two linked items are as often "Buy it at ..." in a review
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

// shortText is n's text when it is at most maxShortBlock bytes long; it stops
// reading as soon as the text is longer, so that asking every element of a
// long article for its text costs little.
func (cl *cleaner) shortText(n *html.Node) (string, bool) {
	cl.buf = cl.buf[:0]
	if !cl.appendText(n) {
		return "", false
	}
	return string(cl.buf), true
}

func (cl *cleaner) appendText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			if len(cl.buf)+len(c.Data) > maxShortBlock && len(cl.buf)+len(strings.TrimSpace(c.Data)) > maxShortBlock {
				return false
			}
			cl.buf = append(cl.buf, c.Data...)
		} else if !cl.appendText(c) {
			return false
		}
	}
	return true
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

// textLen is the number of bytes of non-space text in n.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += textLen(c)
	}
	return total
}

// phraseIndex says whether a text holds any of a fixed list of phrases in
// one pass over the text: a phrase is compared only where the text holds
// its first two bytes, instead of strings.Contains searching the whole
// text once per phrase (78 searches of each block for callsToAction).
type phraseIndex struct {
	short   []string             // phrases under two bytes, searched for whole
	byStart map[uint16][]string  // phrases by their first two bytes
	starts  [1 << 16 / 64]uint64 // which first two bytes begin a phrase (a bit each: 8 KB stays in the L1 cache, 64 KB of bools did not)
}

func newPhraseIndex(phrases []string) *phraseIndex {
	x := &phraseIndex{byStart: map[uint16][]string{}}
	for _, p := range phrases {
		if len(p) < 2 {
			x.short = append(x.short, p)
			continue
		}
		k := uint16(p[0])<<8 | uint16(p[1])
		x.starts[k/64] |= 1 << (k % 64)
		x.byStart[k] = append(x.byStart[k], p)
	}
	return x
}

// containsAny reports whether s holds one of the phrases.
func (x *phraseIndex) containsAny(s string) bool {
	for _, p := range x.short {
		if strings.Contains(s, p) {
			return true
		}
	}
	for i := 0; i+1 < len(s); i++ {
		k := uint16(s[i])<<8 | uint16(s[i+1])
		if x.starts[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, p := range x.byStart[k] {
			if strings.HasPrefix(s[i:], p) {
				return true
			}
		}
	}
	return false
}
