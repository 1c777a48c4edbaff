package capture

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestShortPageSavedWithNote(t *testing.T) {
	page := `<html><head><title>Prize for a novel</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>` +
		`<article><h1>Prize for a novel</h1><p>For a novel about her village, Anna Witzel wins the prize.</p></article></body></html>`
	doc, err := Parse(context.Background(), []byte(page), "text/html", nil)
	if err != nil {
		t.Fatalf("a short page was refused: %v", err)
	}
	if !strings.Contains(doc.Text, "Anna Witzel wins the prize") {
		t.Errorf("text = %q", doc.Text)
	}
	if len(doc.Warnings) == 0 || !strings.Contains(strings.Join(doc.Warnings, " "), "very short") {
		t.Errorf("no short-page note: %q", doc.Warnings)
	}
}

func TestWallsNeedTheBrowser(t *testing.T) {
	for name, page := range map[string]string{
		"cookie wall": `<html><body><div class="consent"><h2>Your privacy</h2><p>We use cookies to improve your experience and to show you personalised content.</p>` +
			`<p>Click accept all cookies to continue to the site, or change your cookie settings.</p><button>Accept</button></div></body></html>`,
		"javascript notice": `<html><body><div id="app"><p>This site requires JavaScript. Please enable JavaScript in your browser settings and reload the page to read the article.</p></div></body></html>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(context.Background(), []byte(page), "text/html", nil)
			var ce *Error
			if !errors.As(err, &ce) || ce.Kind != KindNeedsBrowser {
				t.Fatalf("err = %v, want KindNeedsBrowser", err)
			}
			if ce.Error() != "This page needs its browser to show the article." {
				t.Errorf("message = %q", ce.Error())
			}
		})
	}
	// An article about cookies is an article.
	article := `<html><body><article><h1>The cookie law, five years on</h1>` +
		`<p>Regulators say that the rule on cookies, which made every site ask before it stored one, has changed less than hoped; many sites still say we use cookies and hide the choice.</p>` +
		`<p>A study of ten thousand sites in Germany, France and Spain found that most banners make refusing harder than accepting, and that a third store cookies before anyone clicks.</p>` +
		`<p>The commission will publish new guidance in the spring, its spokesman said on Tuesday, after complaints from readers and from the publishers themselves.</p>` +
		`</article></body></html>`
	if _, err := Parse(context.Background(), []byte(article), "text/html", nil); err != nil {
		t.Errorf("an article about cookies was refused: %v", err)
	}
}
