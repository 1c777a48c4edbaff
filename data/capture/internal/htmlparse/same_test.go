package htmlparse

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals/internal/testenv"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This package is golang.org/x/net/html's parser made cheaper (see
// README.md); these tests hold it to building exactly the tree upstream's
// html.Parse builds, node for node, on real pages and on markup written to
// reach the parser's corners.

// sameTree reports where two trees first differ ("" when they do not).
func sameTree(want, got *html.Node, path string) string {
	if want.Type != got.Type || want.DataAtom != got.DataAtom || want.Data != got.Data || want.Namespace != got.Namespace {
		return fmt.Sprintf("%s: upstream %v %q (%s), here %v %q (%s)", path, want.Type, want.Data, want.Namespace, got.Type, got.Data, got.Namespace)
	}
	if !slices.Equal(want.Attr, got.Attr) {
		return fmt.Sprintf("%s <%s>: upstream attributes %q, here %q", path, want.Data, want.Attr, got.Attr)
	}
	w, g := want.FirstChild, got.FirstChild
	for i := 0; w != nil || g != nil; i++ {
		if w == nil || g == nil {
			return fmt.Sprintf("%s/%d: upstream has a child %v, here %v", path, i, w != nil, g != nil)
		}
		if w.Parent != want || g.Parent != got {
			return fmt.Sprintf("%s/%d: parent link broken", path, i)
		}
		if d := sameTree(w, g, fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
		w, g = w.NextSibling, g.NextSibling
	}
	return ""
}

func checkSame(t *testing.T, name string, page []byte) {
	t.Helper()
	// Each parser gets its own copy: the tokenizer lowercases and unescapes
	// in its buffer.
	want, werr := html.Parse(bytes.NewReader(bytes.Clone(page)))
	got, gerr := Parse(bytes.NewReader(bytes.Clone(page)))
	if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
		t.Fatalf("%s: upstream error %v, here %v", name, werr, gerr)
	}
	if werr != nil {
		return
	}
	if d := sameTree(want, got, ""); d != "" {
		t.Errorf("%s: trees differ at %s", name, d)
	}
	// ParseOwned works in the caller's buffer instead of a copy of it.
	owned, oerr := ParseOwned(bytes.Clone(page))
	if oerr != nil {
		t.Fatalf("%s: ParseOwned: %v, Parse: no error", name, oerr)
	}
	if d := sameTree(want, owned, ""); d != "" {
		t.Errorf("%s: ParseOwned's tree differs at %s", name, d)
	}
}

// corners is markup that takes the tokenizer and the tree builder through
// their less travelled paths: NULs in names, values and text, character
// references, CR/LF, raw text, foreign content, tables, the adoption agency,
// templates, framesets, unclosed and stray tags.
var corners = []string{
	"",
	"<p>plain</p>",
	"<P CLASS=A id='B' data-x=\"C\">Mixed CASE</P>",
	"<di\x00v cla\x00ss=\"a\x00b\" \x00=1>te\x00xt</di\x00v>",
	"<p title='a&amp;b&lt;c&#x41;&#65;&notanentity;&ampx'>&copy; &#0; &#x110000; &nosuch; &amp</p>",
	"<p>line\r\nbreak\rcarriage\n</p><textarea>\r\nkept\r\n&amp;</textarea>",
	"<title>a &amp; <b>b</b></title><style>p{}</style><script>if (a<b) {}</script><noscript><img src=x></noscript>",
	"<svg viewBox='0 0 1 1'><path d='M0'/><foreignObject><p>in</p></foreignObject><title>t</title></svg><math><mi>x</mi><annotation-xml encoding='text/html'><div>d</div></annotation-xml></math>",
	"<table><tr><td>1<td>2<tr><th>h</table><table>text in table<tbody><tr><td>x</td></tr></tbody><caption>c</caption><colgroup><col></table>",
	"<b><i>adoption</b> agency</i><a href=1><p>para<a href=2>nested</a></p></a><b><p>x</b>y</p>",
	"<template><tr><td>t</td></tr></template><select><option>1<option>2<optgroup><option>3</select>",
	"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\"><html><head></head><body></body></html>",
	"<!doctype html><frameset><frame src=a><noframes>n</noframes></frameset>",
	"<!-- comment --><!--> <!---> <!-- a -- b --><!--unclosed",
	"<![CDATA[x]]><svg><![CDATA[y<z]]></svg>",
	"</p></br><div></span>stray</div></html></body>after",
	"<ul><li>one<li>two<dl><dt>t<dd>d</dl></ul><h1>a<h2>b</h1>",
	"<form><input type=hidden name=a value=b><form>inner</form><button>go</button></form><isindex prompt=q>",
	"<a href='x' href='dup' HREF=3>dup attrs</a><img src=a alt='a\"b' srcset=\"a 1x, b 2x\">",
	// Duplicate names in other cases, with NULs, and in tags with more
	// attributes than attrSeen compares one by one (before and after).
	"<p ID=a id=b Id=c iD=d data-X=1 DATA-x=2 a\x00=1 A\x00=2 \x00=3>dups</p>",
	"<div a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 A=9 i=10 B=11 I=12 h=13 j=14 J=15 a=16 K k>many</div><p A=1 a=2>after</p>",
	"<span " + strings.Repeat("x=1 y=2 X=3 ", 40) + "z=9>repeated</span><b x=1 X=2>next</b>",
	// A second <html> or <body> adds its new attributes to the first one's
	// list, which newAttrs cut from the same block as the next tags' lists.
	"<html a=1><body c=1><p x=1 y=2>t<html b=2 a=9><body d=4 c=8><i z=1>u</i>",
	"<plaintext><b>everything after is text",
	"<xmp><b>raw</b></xmp><iframe><b>raw</b></iframe><noembed><b>r</b></noembed>",
	"<p>unterminated <b attr='open",
	"<html lang=ar dir=rtl><body><p>نص عربي &nbsp; مع <span>Latin</span></p>",
	"\x00<\x00p>\x00</p>&#x00;&#13;&#128;&#x9F;",
	strings.Repeat("<div>", 600) + "deep" + strings.Repeat("</div>", 600),
	strings.Repeat("<a href=x>", 100) + "many open" + strings.Repeat("<p>", 50),
}

func TestParseSameCorners(t *testing.T) {
	for i, c := range corners {
		checkSame(t, fmt.Sprintf("corner %d %.30q", i, c), []byte(c))
	}
}

// The buffer grows and shifts as the tokenizer reads: long names, values
// and texts that straddle its 4,096-byte reads.
func TestParseSameLongTokens(t *testing.T) {
	long := strings.Repeat("x", 9000)
	for _, c := range []string{
		"<p class='" + long + "'>" + long + "</p>",
		"<" + long + " " + long + "=" + long + ">t",
		"<!--" + long + "-->" + "<p>" + strings.Repeat("&amp;", 3000) + "</p>",
		"<script>" + long + "</script><p title=\"" + strings.Repeat("a\x00", 3000) + "\">",
	} {
		checkSame(t, fmt.Sprintf("long %.40q", c), []byte(c))
	}
}

func TestParseSameSamples(t *testing.T) {
	files, _ := filepath.Glob("../../../../assets/samples/*.html")
	more, _ := filepath.Glob("../../testdata/*.html")
	files = append(files, more...)
	if len(files) < 3 {
		t.Fatalf("found only %d sample pages", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkSame(t, f, b)
	}
}

func TestParseSameBenchPages(t *testing.T) {
	for i, p := range testenv.ExtractionPages(t) {
		checkSame(t, fmt.Sprintf("bench page %d", i), p)
	}
}

func FuzzParseSame(f *testing.F) {
	for _, c := range corners {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSame(t, "fuzz", b)
	})
}

// BenchmarkParse parses the extraction benchmark's pages with upstream's
// parser and with this one.
func BenchmarkParse(b *testing.B) {
	pages := testenv.ExtractionPages(b)
	for _, bc := range []struct {
		name  string
		parse func([]byte) (*html.Node, error)
	}{
		{"upstream", func(p []byte) (*html.Node, error) { return html.Parse(bytes.NewReader(p)) }},
		{"here", func(p []byte) (*html.Node, error) { return Parse(bytes.NewReader(p)) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				for _, p := range pages {
					if _, err := bc.parse(p); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1e3/float64(b.N*len(pages)), "ms/page")
		})
	}
}

// Attribute lists share blocks (newAttrs); one that grows must move, not
// write over the next tag's list.
func TestGrowingAnAttributeListLeavesTheNextAlone(t *testing.T) {
	doc, err := ParseOwned([]byte(`<p a=1 b=2><i c=3 d=4>x</i></p>`))
	if err != nil {
		t.Fatal(err)
	}
	var p, i *html.Node
	for n := range doc.Descendants() {
		switch n.Data {
		case "p":
			p = n
		case "i":
			i = n
		}
	}
	if p == nil || i == nil {
		t.Fatal("no <p> or <i>")
	}
	p.Attr = append(p.Attr, html.Attribute{Key: "added", Val: "yes"})
	if got := fmt.Sprint(i.Attr); got != "[{ c 3} { d 4}]" {
		t.Errorf("<i>'s attributes became %s", got)
	}
}

// attrKeyString answers as atom.String for the names it knows by heart and
// for any other.
func TestAttrKeyStringIsAtomString(t *testing.T) {
	for _, k := range []string{"class", "href", "id", "src", "style", "rel", "type", "alt", "title", "content", "name", "width",
		"height", "target", "data-src", "srcset", "clas", "classes", "", "onclick", "x\x00", "İd", "hrefs", "ID"} {
		if got, want := attrKeyString([]byte(k)), atom.String([]byte(k)); got != want {
			t.Errorf("attrKeyString(%q) = %q, atom.String %q", k, got, want)
		}
	}
}
