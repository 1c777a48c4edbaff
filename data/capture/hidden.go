package capture

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropHidden is a pipeline step before readability: it removes what a
// browser does not show until the reader asks for it (login and contact
// dialogs, fly-outs, lightboxes, boxes a class hides). readability judges
// by text alone, and a long login form's error messages or a shop's
// delivery terms in a hidden box can outscore a short article. An element
// that holds half the page's text or more is never removed: a class that
// hides it then is the page's own script at work (a "modal-open" body).
func dropHidden(j *job) error {
	total := -1 // the page's text length, measured on the first match
	var remove []*html.Node
	var stems []*html.Node // text nodes outside the story that name cookies, JavaScript or the browser
	var walk func(n *html.Node, inStory bool)
	walk = func(n *html.Node, inStory bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && !inStory && hasWallStem(c) {
				stems = append(stems, c)
			}
			if c.Type != html.ElementNode {
				continue
			}
			if isHiddenBox(c) {
				if total < 0 {
					total = textLen(j.root)
				}
				if 2*textLen(c) < total {
					remove = append(remove, c)
					continue
				}
			}
			walk(c, inStory || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
		}
	}
	walk(j.root, false)
	// A cookie banner or an "update your browser" notice: the largest small
	// box around such words that says what walls say.
	seen := map[*html.Node]bool{}
	for _, t := range stems {
		var box *html.Node
		for a := t.Parent; a != nil; a = a.Parent {
			if wallBoxes[a.DataAtom] {
				if textLenUpTo(a, wallBoxBytes+1) > wallBoxBytes {
					break
				}
				box = a
			}
		}
		if box == nil || seen[box] || box.Parent == nil {
			continue
		}
		seen[box] = true
		if text := textContent(box); isWall(text, countWords(text)) {
			j.sawWall = true
			remove = append(remove, box)
		}
	}
	for _, n := range remove {
		n.Parent.RemoveChild(n)
	}
	return nil
}

// hiddenClassWords are the last words of class names that make a box a
// dialog or a fly-out.
var hiddenClassWords = map[string]bool{
	"modal": true, "flyout": true, "offcanvas": true,
}

// hiddenClasses are whole class tokens that hide a box.
var hiddenClasses = map[string]bool{"is-hidden": true, "d-none": true, "hidden": true}

// hidingWords are in every class token that hiddenClasses or
// hiddenClassWords name: a class without them is not split.
var hidingWords = newFoldWords("modal", "flyout", "offcanvas", "hidden", "d-none")

func isHiddenBox(n *html.Node) bool {
	if n.DataAtom == atom.Dialog || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		return n.DataAtom == atom.Dialog
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if a.Val == "dialog" || a.Val == "alertdialog" {
				return true
			}
		case "aria-modal":
			if a.Val == "true" {
				return true
			}
		case "class":
			if !hidingWords.in(a.Val) {
				continue // most classes: no need to split them
			}
			for _, tok := range strings.Fields(strings.ToLower(a.Val)) {
				if hiddenClasses[tok] {
					return true
				}
				// The box's kind is the token's last word: "login-modal" is
				// a dialog, "modal-enabled" and "modal-trigger" are not.
				if i := strings.LastIndexAny(tok, "-_"); hiddenClassWords[tok[i+1:]] {
					return true
				}
			}
		}
	}
	return false
}

// wallBoxes are the elements a cookie banner or a browser notice is made
// of; a paragraph is not one of them (an article may speak of cookies).
var wallBoxes = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Aside: true, atom.Form: true, atom.Noscript: true,
	atom.Dialog: true, atom.Header: true, atom.Footer: true,
}

// wallBoxBytes is the most text a banner holds.
const wallBoxBytes = 800

// textLenUpTo is textLen(n), but it stops counting past limit: the walk
// asks it of every box outside the story, and most are far larger.
func textLenUpTo(n *html.Node, limit int) int {
	size := 0
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			size += len(strings.TrimSpace(n.Data))
			return size < limit
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(n)
	return size
}

// wallStems are words every wall phrase holds one of; a box without them
// is not folded and compared with every phrase.
var wallStems = newFoldWords("cookie", "javascript", "browser", "جافا", "الارتباط")

// hasWallStem reports whether a text node inside n holds one of wallStems.
func hasWallStem(n *html.Node) bool {
	if n.Type == html.TextNode {
		return wallStems.in(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasWallStem(c) {
			return true
		}
	}
	return false
}
