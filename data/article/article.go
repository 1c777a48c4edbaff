// Package article is the model of a saved article: the Document capture
// makes, the Blocks its body is read in, and the lengths metadata is cut to.
// It imports nothing of the project, so the store, the library and the GUI
// can share the model without pulling in the HTML parser and readability
// that capture needs to make it.
package article

import "time"

// BlockKind says what a Block is; the reader lays each kind out differently.
type BlockKind string

// The kinds of Block an article is made of.
const (
	BlockParagraph BlockKind = "p"
	BlockHeading   BlockKind = "h"       // h1-h6 inside the article body (Level says which)
	BlockQuote     BlockKind = "quote"   // blockquote / pull quote
	BlockCaption   BlockKind = "caption" // figcaption / image caption
	BlockListItem  BlockKind = "li"
	BlockPre       BlockKind = "pre"
	BlockImage     BlockKind = "img" // Src holds the absolute image URL, Text the alt
)

// Block is one unit of the article body, in reading order.
type Block struct {
	Kind  BlockKind `json:"kind"`
	Level int       `json:"level,omitempty"` // heading level 1-6 (readability turns h1 into h2)
	Text  string    `json:"text"`            // whitespace collapsed; a <br> stays as "\n"; pre keeps its layout
	Src   string    `json:"src,omitempty"`   // images only
}

// Document is a captured article.
type Document struct {
	URL          string // final URL after redirects; "file://..." URL for local files
	CanonicalURL string // <link rel=canonical> / og:url (for saved pages, the "saved from" URL), absolute; else URL

	Title, Byline, SiteName, Excerpt string

	Published time.Time // zero when unknown; keeps the offset the page gave
	Language  string    // BCP-47 primary subtag ("ar", "en", ...); "" when unknown
	Direction string    // "rtl" or "ltr"

	HTML   string  // clean article HTML from readability, with dir and lang set on its root
	Text   string  // the Blocks' Text (images excluded) joined by "\n\n"
	Blocks []Block // the article body in reading order

	LeadImage string   // absolute URL (og:image, else the first image)
	Images    []string // absolute URLs of images in the article body, in order, without duplicates

	WordCount      int
	ReadingMinutes int // ceil(words / wpm), at least 1 when there is text; wpm is 180 for Arabic-script languages, else 200

	Warnings []string // non-fatal problems, in plain English, in the order they were met
}

// Warn records a non-fatal problem met while making the document.
func (d *Document) Warn(msg string) { d.Warnings = append(d.Warnings, msg) }
