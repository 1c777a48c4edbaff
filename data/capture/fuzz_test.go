package capture

import (
	"context"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse captures arbitrary bytes as a web page. Whatever the page,
// capture must not fail as a fault of Annals (KindInternal: a panic the
// pipeline recovered, or a parser error), and what it keeps must be valid
// UTF-8 with its metadata within the caps. Not run in CI beyond the seeds:
//
//	go test -tags 'sqlite_fts5 migrated_fynedo' -run '^$' -fuzz FuzzParse -fuzztime 60s ./data/capture/
func FuzzParse(f *testing.F) {
	f.Add(articleHTML)
	if b, err := os.ReadFile("testdata/english.html"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(strings.Repeat("<div>", 700) + "text " + strings.Repeat("</div>", 700)))
	f.Add([]byte("<html><head><title>" + strings.Repeat("t", 2000) + "</title></head><body><p>x</p></body></html>"))
	f.Add([]byte("<table><tr><td><table><td><b><i><p>cell</table>\x00\xff<svg><math><![CDATA[x]]></math>"))
	f.Add([]byte("<meta charset=windows-1256><p>\xc7\xe1\xda\xd1\xc8\xed\xc9</p>"))
	u, _ := url.Parse("https://fuzz.example/page")
	f.Fuzz(func(t *testing.T, body []byte) {
		doc, err := Parse(context.Background(), body, "text/html", u)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error of another type: %T %v", err, err)
			}
			if ce.Kind == KindInternal {
				t.Fatalf("internal error on page input: %v (%v)", err, ce.Err)
			}
			return
		}
		for name, v := range map[string]string{"title": doc.Title, "byline": doc.Byline, "site": doc.SiteName, "text": doc.Text, "html": doc.HTML} {
			if !utf8.ValidString(v) {
				t.Errorf("%s is not valid UTF-8", name)
			}
		}
		if n := utf8.RuneCountInString(doc.Title); n > MaxTitleRunes {
			t.Errorf("title has %d characters", n)
		}
		if n := utf8.RuneCountInString(doc.Byline); n > MaxBylineRunes {
			t.Errorf("byline has %d characters", n)
		}
	})
}
