package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var paragraphRE = regexp.MustCompile(`(?s)<p[^>]*>(.*?)</p>`)
var tagRE = regexp.MustCompile(`<[^>]+>`)

// paragraphsOf is the text of the <p> elements of a saved page.
func paragraphsOf(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range paragraphRE.FindAllStringSubmatch(string(b), -1) {
		t := strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(m[1], "")))
		if len([]rune(t)) >= 60 {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no paragraphs", path)
	}
	return out, nil
}

// writeLongArticle writes a saved page of n paragraphs mixing Arabic and
// English: the seed's Arabic paragraphs and the English sample's, in turn,
// every third one carrying a phrase of the other script (Latin names and
// numbers inside Arabic, an Arabic quotation inside English) so that the
// reader's bidi layout has real work on every screen. Each paragraph is
// numbered, so none is dropped as a repeat.
func writeLongArticle(root, path string, n int) error {
	ar, err := paragraphsOf(filepath.Join(root, "assets", "samples", "majalla-china-ai.html"))
	if err != nil {
		return err
	}
	en, err := paragraphsOf(filepath.Join(root, "assets", "samples", "annals-sample-en.html"))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>ألف فقرة: مقالة طويلة لقياس القارئ — 1,000 paragraphs</title>
<meta property="article:published_time" content="2025-02-01T09:00:00Z"></head>
<body><article><h1>ألف فقرة: مقالة طويلة لقياس القارئ — 1,000 paragraphs</h1>
`)
	for i := range n {
		var p string
		if i%2 == 0 {
			p = ar[(i/2)%len(ar)]
			if i%3 == 0 {
				p += fmt.Sprintf(" وقالت شركة DeepSeek في بيان صدر يوم 20 يناير 2025 إن نموذج R1 تفوق على o1 في %d اختبارا.", 3+i%17)
			}
			p = fmt.Sprintf("(%d) %s", i+1, p)
		} else {
			p = en[(i/2)%len(en)]
			if i%3 == 0 {
				p += " As the Cairo daily put it, «الذكاء الاصطناعي ليس سباقا بين دولتين فقط» — a line quoted widely in 2025."
			}
			p = fmt.Sprintf("(%d) %s", i+1, p)
		}
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	b.WriteString("</article></body></html>\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
