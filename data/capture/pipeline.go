package capture

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	log "github.com/sirupsen/logrus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// step is one stage of the capture pipeline. It reads and fills the job; a
// returned error stops the pipeline and must be an *Error.
type step struct {
	name string
	run  func(*job) error
}

// steps is the whole capture pipeline, in order. README.md explains each step.
var steps = []step{
	{"check", checkContent},         // empty → KindEmpty; image/PDF/binary → KindNotHTML
	{"decode", decodeStep},          // BOM → HTTP charset → <meta> → UTF-8 check → chardet
	{"parse", parseStep},            // html.Parse on the UTF-8 bytes, script and style bodies cut out
	{"scan", scanPage},              // read what readability drops or ignores: lang, dir, canonical, <time>...
	{"site fixes", siteFixes},       // pull quotes and caption classes become <blockquote>/<figcaption>
	{"hidden", dropHidden},          // dialogs, fly-outs and boxes a class hides
	{"layout page", layoutPageStep}, // a table-laid-out page: a copy of the cell that holds the story
	{"readability", readableStep},   // readability ParseAndMutate: the article node and its metadata
	{"layout cell", layoutCellStep}, // a table-laid-out page: the story's cell, without its menu and brief cells
	{"clean", cleanArticle},         // drop nav, class-marked furniture, teasers, labels, bylines, datelines, credits
	{"lead", leadStep},              // the standfirst readability left in the page's header
	{"json-ld body", jsonLDBody},    // the JSON-LD articleBody when the HTML holds only its teaser
	{"blocks", blocksStep},          // article node → typed Blocks and Images
	{"metadata", metadataStep},      // title, byline, site, published, canonical, lead image
	{"language", languageStep},      // lang/dir attributes, script detection as fallback
	{"finish", finishStep},          // too little prose → KindNoArticle; WordCount, ReadingMinutes, HTML
}

// job carries one capture through the steps.
type job struct {
	body        []byte // as received, then as UTF-8 after decode
	contentType string // the Content-Type header, or "" for files
	pageURL     *url.URL
	doc         *Document

	root    *html.Node // the parsed page, mutated by readability
	page    pageMeta   // read by scan before readability mutates root
	article readability.Article
	// foundText is the text of readability's article node before cleaning,
	// when it is short enough to be a cookie wall or a JavaScript notice.
	foundText string
	// layoutStory is a copy of the cell that holds the story of a page laid
	// out with tables (layoutPageStep), and layoutWeight its paragraph weight.
	layoutStory  *html.Node
	layoutWeight int
	// sawWall is set when a cookie banner or a browser notice was removed
	// before readability: if nothing else is found, the page needs a browser.
	sawWall bool

	log *log.Logger // where the steps log (WithLogger); nil in tests that build a job by hand
}

func (j *job) url() string {
	if j.pageURL == nil {
		return ""
	}
	return j.pageURL.String()
}

// Parse runs the capture pipeline on a page already in memory. contentType is
// the HTTP Content-Type header ("" when unknown; its charset, when given, wins
// over the page's <meta>); pageURL resolves relative links and images and may
// be nil. The result's URL is pageURL.
func Parse(ctx context.Context, body []byte, contentType string, pageURL *url.URL) (*Document, error) {
	j := &job{body: body, contentType: contentType, pageURL: pageURL, doc: &Document{}, log: loggerOf(ctx)}
	j.doc.URL = j.url()
	if err := run(ctx, j, steps); err != nil {
		return nil, err
	}
	return j.doc, nil
}

// run executes steps in order, checking ctx between them. A panic inside a
// step (readability and the HTML parser see arbitrary input) becomes a
// KindInternal error instead of taking the app down.
func run(ctx context.Context, j *job, steps []step) (err error) {
	current := ""
	logger := loggerOf(ctx)
	defer func() {
		if r := recover(); r != nil {
			logger.WithFields(log.Fields{"step": current, "url": j.url(), "panic": r}).
				Errorf("capture: panic\n%s", debug.Stack())
			err = &Error{Kind: KindInternal, URL: j.url(), Err: fmt.Errorf("capture step %q panicked: %v", current, r)}
		}
	}()
	for _, s := range steps {
		if ctx.Err() != nil {
			return contextError(ctx, j.url(), ctx.Err())
		}
		current = s.name
		start := time.Now()
		err := s.run(j)
		if logger.IsLevelEnabled(log.DebugLevel) {
			logger.WithFields(log.Fields{"step": s.name, "url": j.url(), "took": time.Since(start)}).Debug("capture step")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func decodeStep(j *job) error {
	d := decodeUTF8(j.body, j.contentType)
	if looksBinary(d.text) {
		return errNotHTML(j.url(), "application/octet-stream")
	}
	j.body = d.text
	for _, w := range d.warnings {
		j.doc.Warn(w)
	}
	if j.log != nil {
		j.log.WithFields(log.Fields{"url": j.url(), "encoding": d.encoding}).Debug("capture: decoded")
	}
	return nil
}

func parseStep(j *job) error {
	// html.Parse follows the HTML5 error-recovery rules: broken or truncated
	// markup still yields a tree. It only fails on a reader error. Nothing
	// after this step reads script or style bodies but JSON-LD, which
	// dropScriptBodies keeps.
	root, flattened, err := parseHTML(j.body)
	if errors.Is(err, errPageTooDeep) {
		return &Error{Kind: KindNoArticle, URL: j.url(), Err: err,
			msg: "This page is built in a way no article is: its parts are nested inside one another more than 512 deep, so Annals cannot read it."}
	}
	if err != nil {
		return &Error{Kind: KindInternal, URL: j.url(), Err: err}
	}
	if flattened {
		j.doc.Warn("The page's parts were nested too deeply to read as they were; the innermost ones were flattened.")
	}
	j.root = root
	return nil
}

func readableStep(j *job) error {
	p := readability.NewParser()
	p.Logger = slog.New(slog.DiscardHandler)
	p.KeepClasses = true // the clean step reads them, then drops them
	article, err := p.ParseAndMutate(j.root, j.pageURL)
	if err != nil {
		return &Error{Kind: KindInternal, URL: j.url(), Err: err}
	}
	if b := j.page.bodyProp; b != nil && readabilityMissed(article.Node, b) {
		// readability missed the story the page marks as its body.
		if b.Parent != nil {
			b.Parent.RemoveChild(b)
		}
		article.Node = b
	}
	if article.Node == nil && len(j.page.jsonLD) > 0 {
		// Nothing readable in the HTML: the JSON-LD body step may still
		// find the story in the page's data.
		article.Node = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	}
	if article.Node == nil {
		if body := textContent(j.root); j.sawWall || isWall(body, countWords(body)) {
			return &Error{Kind: KindNeedsBrowser, URL: j.url(), Err: errors.New("cookie wall or JavaScript notice")}
		}
		return &Error{Kind: KindNoArticle, URL: j.url(), Err: fmt.Errorf("readability found no content")}
	}
	j.article = article
	// A wall is short; its text is kept before the clean step takes its
	// buttons and "accept" lines away, for finishStep to recognise.
	// Most articles are far longer: their text is not built only to be
	// dropped.
	if textBytesUpTo(article.Node, foundTextMax+1) <= foundTextMax {
		j.foundText = textContent(article.Node)
	}
	return nil
}

// foundTextMax is the longest found text kept for finishStep (bytes).
const foundTextMax = 4 * wallWords * 8

// textBytesUpTo is len(textContent(n)), but it stops counting past limit.
func textBytesUpTo(n *html.Node, limit int) int {
	if n.Type == html.TextNode {
		return len(n.Data)
	}
	size := 0
	for c := n.FirstChild; c != nil && size < limit; c = c.NextSibling {
		size += textBytesUpTo(c, limit-size)
	}
	return size
}

// readabilityMissed reports whether the element the page marks as its
// article body (itemprop=articleBody) holds a story readability missed:
// readability found nothing, or found much less prose elsewhere.
func readabilityMissed(found, body *html.Node) bool {
	bw := proseWords(body)
	if bw < minArticleWords {
		return false
	}
	if found == nil {
		return true
	}
	for n := body; n != nil; n = n.Parent {
		if n == found {
			return false // the body is inside what readability found
		}
	}
	fw := proseWords(found)
	return fw < minArticleWords || (bw >= 2*fw && bw >= fw+50)
}

// Reading speeds for ReadingMinutes, in words per minute. Arabic words carry
// attached particles and are read more slowly than English ones.
const (
	wordsPerMinute       = 200
	arabicWordsPerMinute = 180
	shortArticleWords    = 50
	// minArticleWords is the prose (words outside links) of a short
	// article: below it the page is saved with a note, unless what was
	// found is a cookie wall or "Please enable JavaScript".
	minArticleWords = 15
	// minReadableWords is the least prose a page must have to be saved:
	// below it there is only a menu, a copyright line or a lone heading.
	minReadableWords = 5
)

func finishStep(j *job) error {
	d := j.doc
	d.WordCount = countWords(d.Text)
	if isWall(d.Text, d.WordCount) || (d.WordCount < shortArticleWords && isWall(j.foundText, countWords(j.foundText))) {
		return &Error{Kind: KindNeedsBrowser, URL: j.url(), Err: errors.New("cookie wall or JavaScript notice")}
	}
	n := proseWords(j.article.Node)
	if n < minReadableWords && j.sawWall {
		return &Error{Kind: KindNeedsBrowser, URL: j.url(), Err: errors.New("cookie wall or browser notice, and no article")}
	}
	if n < minReadableWords {
		return &Error{Kind: KindNoArticle, URL: j.url(), Err: fmt.Errorf("only %d words outside links", n)}
	}
	wpm := wordsPerMinute
	if isArabicScript(d.Language) {
		wpm = arabicWordsPerMinute
	}
	d.ReadingMinutes = max(1, (d.WordCount+wpm-1)/wpm)
	if n < minArticleWords || d.WordCount < shortArticleWords {
		// A short page is saved with this note, not refused.
		d.Warn("The article is very short; the page may show the rest only in a browser.")
	}

	root := j.article.Node
	setAttr(root, "dir", d.Direction)
	if d.Language != "" {
		setAttr(root, "lang", d.Language)
	}
	var b strings.Builder
	// The markup is the text and its tags: sized for that up front, the
	// builder does not copy the article over and over as it doubles.
	b.Grow(2*len(d.Text) + 1024)
	if err := html.Render(&b, root); err != nil {
		return &Error{Kind: KindInternal, URL: j.url(), Err: err}
	}
	d.HTML = b.String()
	return nil
}

// proseWords counts the words of n that are not link text.
func proseWords(n *html.Node) int {
	var c wordCounter
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			c.add(n.Data)
			c.add(" ") // text nodes of adjacent blocks ("</p><p>") are separate words
		case n.Type == html.ElementNode && (n.DataAtom == atom.A || skipped[n.DataAtom]):
			return
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return c.done()
}

// countWords counts the space-separated tokens that hold a letter or a digit
// (so "—" and "·" are not words).
func countWords(text string) int {
	var c wordCounter
	c.add(text)
	return c.done()
}

// wordCounter counts words across pieces of text fed in order, without
// joining the pieces into one string first.
type wordCounter struct {
	n             int
	inWord, wordy bool // inside a token; the token holds a letter or digit
}

func (c *wordCounter) add(s string) {
	for i := 0; i < len(s); {
		if c.wordy {
			// Inside a word already counted as one: only white space
			// ends it, so the bytes no space starts with are skipped.
			for i < len(s) && !spaceStart[s[i]] {
				i++
			}
			if i == len(s) {
				return
			}
		}
		// ASCII is read without decoding (isSpace and asciiWordy answer
		// as unicode's functions do: TestWordCounterMatchesUnicode).
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if isSpace(r) {
			if c.inWord && c.wordy {
				c.n++
			}
			c.inWord, c.wordy = false, false
			continue
		}
		c.inWord = true
		if !c.wordy {
			if r < utf8.RuneSelf {
				c.wordy = asciiWordy[r]
			} else {
				c.wordy = unicode.IsLetter(r) || unicode.IsDigit(r)
			}
		}
	}
}

func (c *wordCounter) done() int {
	if c.inWord && c.wordy {
		c.n++
	}
	c.inWord, c.wordy = false, false
	return c.n
}
