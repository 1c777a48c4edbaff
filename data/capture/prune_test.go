package capture

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestDropScriptBodies(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"script and style emptied",
			`<head><style>p{color:red}</style><script>var a = 1 < 2;</script></head><p>Text</p>`,
			`<head><style></style><script></script></head><p>Text</p>`},
		{"any case, attributes",
			`<SCRIPT type="text/javascript" src="a.js">x()</SCRIPT><Style media="all">a{}</Style >`,
			`<SCRIPT type="text/javascript" src="a.js"></SCRIPT><Style media="all"></Style >`},
		{"json-ld kept", `<script type="application/ld+json">{"@type":"NewsArticle"}</script>`,
			`<script type="application/ld+json">{"@type":"NewsArticle"}</script>`},
		{"a comment is skipped whole", `<!-- <script> --><p>Kept</p><script>x()</script>`,
			`<!-- <script> --><p>Kept</p><script></script>`},
		{"a script tag written in an attribute does not swallow the page",
			`<div data-embed="<script src=x>"><p>Kept</p></div><script>y()</script>`,
			`<div data-embed="<script src=x>"><p>Kept</p></div><script></script>`},
		{"a script writing a script ends where the tokenizer ends it",
			`<script>document.write("<script src=a.js>")</script><p>After</p>`,
			`<script>document.write("<script src=a.js></script><p>After</p>`},
		{"svg emptied, nested svg kept",
			`<p>A</p><svg viewBox="0 0 9 9"><path d="M0 0L9 9"/></svg><svg><svg><rect/></svg></svg><svgx>k</svgx>`,
			`<p>A</p><svg viewBox="0 0 9 9"></svg><svg><svg></svg></svg><svgx>k</svgx>`},
		{"other tags that start alike", `<scripts>x</scripts><styles>y</styles>`, `<scripts>x</scripts><styles>y</styles>`},
		{"unterminated script", `<p>A</p><script>x()`, `<p>A</p><script>x()`},
		{"no script at all", `<p>A &lt;script&gt; in text</p>`, `<p>A &lt;script&gt; in text</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, copied := dropScriptBodies([]byte(tt.in))
			got := string(out)
			if copied != (got != tt.in) {
				t.Errorf("copied = %v, but the output is %q", copied, got)
			}
			if got != tt.want {
				t.Errorf("= %q\nwant %q", got, tt.want)
			}
			// The page's text (outside scripts and styles) must not change.
			if a, b := visibleText(t, tt.in), visibleText(t, got); a != b {
				t.Errorf("visible text changed: %q → %q", a, b)
			}
		})
	}
}

func visibleText(t *testing.T, page string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") && !strings.Contains(attr(n, "type"), "ld+json") {
			return
		}
		if n.Type == html.ElementNode && n.Data == "svg" {
			for _, a := range n.Attr {
				b.WriteString(a.Val)
			}
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for _, a := range n.Attr {
			b.WriteString(a.Val)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return b.String()
}

// parseHTML parses a copy of the page in place (htmlparse.ParseOwned lower-cases
// and unescapes in its buffer); the page it was given, which the caller still
// holds, must come out unchanged, on the first parse and on the flattening
// retry of a page nested too deeply.
func TestParseHTMLLeavesThePageAlone(t *testing.T) {
	for _, page := range []string{
		`<HTML><BODY><P CLASS="A">Caf&eacute; &amp; co&#x41;</P><SCRIPT>x()</SCRIPT><p>a&#13;&#10;b</p>`,
		`<P CLASS="A">no script, &amp;</P>`,
		strings.Repeat("<DIV>", 600) + "deep &amp; <script>x()</script>" + strings.Repeat("</DIV>", 600),
	} {
		b := []byte(page)
		root, _, err := parseHTML(b)
		if err != nil {
			t.Fatalf("%.30q: %v", page, err)
		}
		if string(b) != page {
			t.Errorf("parseHTML changed the page %.30q into %.60q", page, b)
		}
		if root == nil || !strings.Contains(textContent(root), "&") {
			t.Errorf("%.30q: the text lost its unescaped &", page)
		}
	}
}
