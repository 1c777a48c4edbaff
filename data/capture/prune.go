package capture

import "bytes"

// dropScriptBodies returns body without the contents of its <script>,
// <style> and <svg> elements (the tags stay, empty). A third of a news page's bytes are
// scripts; the HTML tokenizer reads them byte by byte and the parser copies
// them into text nodes that readability then throws away. JSON-LD scripts are
// kept: readability reads the article's metadata from them.
//
// The scan is deliberately timid: wherever it could misread the markup, it
// leaves the bytes alone and html.Parse sees them as they are. Comments are
// skipped whole, and an element is emptied only when its body holds no second
// "<script" (or "<style"): a "<script" that was not a tag (written in an
// attribute, a <textarea>) would run on to the next real </script>, past that
// script's own start tag, and is left untouched.
//
// copied says whether out is a new buffer (something was dropped) rather
// than body itself: the parser may then work in it (htmlparse.ParseOwned).
func dropScriptBodies(body []byte) (out []byte, copied bool) {
	done := 0 // body[:done] is in out, which is nil until something is dropped
	for i := 0; i < len(body); {
		lt := bytes.IndexByte(body[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := body[i:]
		if bytes.HasPrefix(rest, []byte("<!--")) {
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		name := rawTextName(rest)
		if name == "" {
			i++
			continue
		}
		gt := bytes.IndexByte(rest, '>')
		if gt < 0 {
			break
		}
		open := rest[:gt+1]
		content := rest[gt+1:]
		end, nested := rawTextEnd(content, name)
		if end < 0 {
			break
		}
		if end == 0 || nested || (name == "script" && containsFoldBytes(open, "ld+json")) {
			i += len(open) // keep it; the scan goes on inside
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(body))
		}
		out = append(out, body[done:i+len(open)]...)
		i += len(open) + end
		done = i
	}
	if out == nil {
		return body, false
	}
	return append(out, body[done:]...), true
}

// rawTextName is "script", "style" or "svg" when s starts with that start
// tag. An <svg> is not raw text, but its body is drawing instructions
// (icons: 8% of the bytes html.Parse reads on the benchmark's pages once
// scripts are gone) that no later step reads.
func rawTextName(s []byte) string {
	if len(s) < 2 || s[1]|0x20 != 's' {
		return "" // most tags: the three names start with s
	}
	for _, name := range [...]string{"script", "style", "svg"} {
		if len(s) > len(name)+1 && hasPrefixFold(s[1:], name) {
			switch s[1+len(name)] {
			case '>', ' ', '\t', '\n', '\r', '\f', '/':
				return name
			}
		}
	}
	return ""
}

// rawTextEnd is the index in content of the first "</name" (any case), or
// -1; nested says whether a "<name" came before it.
func rawTextEnd(content []byte, name string) (end int, nested bool) {
	for i := 0; ; {
		j := bytes.IndexByte(content[i:], '<')
		if j < 0 {
			return -1, nested
		}
		i += j
		rest := content[i+1:]
		closing := len(rest) > 0 && rest[0] == '/'
		if closing {
			rest = rest[1:]
		}
		if hasPrefixFold(rest, name) {
			if closing {
				return i, nested
			}
			nested = true
		}
		i++
	}
}

// hasPrefixFold reports whether s starts with the lower-case ASCII word
// prefix, in any case.
func hasPrefixFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

func containsFoldBytes(s []byte, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if hasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}
