package capture

import (
	"bytes"
	"errors"
	"strings"

	"annals/data/capture/internal/htmlparse"

	"golang.org/x/net/html"
)

// The HTML parser gives up on a page whose elements nest more than 512
// deep. No article is written like that (it is generated junk or an
// attack), but its text is still text: the page is flattened, dropping the
// innermost elements' tags and keeping their contents, and saved with a
// warning. Only when even that fails is it refused, in plain words, as bad
// input rather than a fault of Annals.

// errTooDeep is the parser's error for such a page.
func errTooDeep(err error) bool {
	return err != nil && strings.Contains(err.Error(), "open stack of elements exceeds")
}

// voidElements never have an end tag, so they never deepen the stack.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	"param": true, "keygen": true, "frame": true, "basefont": true, "bgsound": true, "image": true}

// flattenDeep rewrites body so that no element opens deeper than maxDepth:
// a start tag beyond it is left out together with its end tag; text,
// comments and shallower tags are copied byte for byte.
func flattenDeep(body []byte, maxDepth int) []byte {
	type open struct {
		name    string
		dropped bool
	}
	var stack []open
	var out bytes.Buffer
	out.Grow(len(body))
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			n, _ := z.TagName()
			name := string(n)
			if voidElements[name] {
				out.Write(raw)
				continue
			}
			drop := len(stack) >= maxDepth
			stack = append(stack, open{name, drop})
			if !drop {
				out.Write(raw)
			}
		case html.EndTagToken:
			n, _ := z.TagName()
			name := string(n)
			i := len(stack) - 1
			for i >= 0 && stack[i].name != name {
				i--
			}
			if i < 0 {
				out.Write(raw) // a stray end tag: the parser ignores it
				continue
			}
			dropped := stack[i].dropped
			stack = stack[:i]
			if !dropped {
				out.Write(raw)
			}
		default:
			out.Write(raw)
		}
	}
}

// parseHTML parses page without its script bodies (dropScriptBodies),
// flattening it when it nests too deeply; flattened reports that it had to.
// The parser is x/net/html's, copied into internal/htmlparse with its
// per-byte and per-attribute costs taken out: it builds the same tree (its
// tests compare every node with html.Parse's) in three quarters of the time
// (issue 19). page itself is never changed.
func parseHTML(page []byte) (root *html.Node, flattened bool, err error) {
	body, copied := dropScriptBodies(page)
	if copied {
		// body is a copy made for this parse: the parser may work in
		// it, instead of copying the page once more.
		root, err = htmlparse.ParseOwned(body)
	} else {
		root, err = htmlparse.Parse(bytes.NewReader(body))
	}
	if !errTooDeep(err) {
		return root, false, err
	}
	// The parse above may have changed its copy in place; rare enough to
	// make the copy again.
	body, _ = dropScriptBodies(page)
	for _, depth := range []int{128, 32} {
		root, err = htmlparse.Parse(bytes.NewReader(flattenDeep(body, depth)))
		if err == nil {
			return root, true, nil
		}
		if !errTooDeep(err) {
			return nil, true, err
		}
	}
	return nil, true, errPageTooDeep
}

var errPageTooDeep = errors.New("elements nested more than 512 deep")
