package capture

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
)

const deepProse = `<p>This paragraph is long enough for readability to take it as the body of an article, and it says
nothing of importance at all, which makes it a fine thing to test with on a quiet afternoon.</p>
<p>A second paragraph follows the first one, so that the page has the shape of a real article with more
than one block of prose in it, and enough words to be read.</p>`

// Issue 15, item 9: a page nested more than 512 elements deep used to end
// in "Something went wrong inside Annals… please report this problem"
// (KindInternal). It is flattened and saved, with a warning.
func TestDeeplyNestedPageIsFlattenedAndSaved(t *testing.T) {
	u, _ := url.Parse("https://deep.example/page")
	for name, shape := range map[string][2]string{
		"div":   {"<div>", "</div>"},
		"b":     {"<b>", "</b>"},
		"span":  {"<span class=x>", "</span>"},
		"table": {"<table><tr><td>", "</td></tr></table>"},
		"open":  {"<div><section>", ""}, // never closed
	} {
		t.Run(name, func(t *testing.T) {
			n := 1200 / strings.Count(shape[0], "<")
			page := "<!DOCTYPE html><html><head><title>Deep page</title></head><body><article>" +
				strings.Repeat(shape[0], n) + deepProse + strings.Repeat(shape[1], n) + "</article></body></html>"
			doc, err := Parse(context.Background(), []byte(page), "text/html", u)
			if err != nil {
				var ce *Error
				if errors.As(err, &ce) && ce.Kind == KindInternal {
					t.Fatalf("a deep page is reported as a fault of Annals: %v", err)
				}
				t.Fatalf("Parse: %v", err)
			}
			if !strings.Contains(doc.Text, "a fine thing to test with") {
				t.Errorf("the text was lost: %q", doc.Text)
			}
			if !strings.Contains(strings.Join(doc.Warnings, " "), "nested too deeply") {
				t.Errorf("no warning says the page was flattened: %q", doc.Warnings)
			}
		})
	}
}

func TestFlattenDeepKeepsShallowPagesByteForByte(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><body><div class=\"a\"><p>One &amp; <b>two</b><br>three<!-- c --></p></div></body></html>")
	if got := flattenDeep(page, 128); string(got) != string(page) {
		t.Errorf("flattenDeep changed a shallow page:\n%s", got)
	}
}
