package capture

import "annals/data/article"

// The article model lives in data/article, a leaf package the store and the
// GUI can import without the HTML parser; capture names it as before.
type (
	// BlockKind says what a Block is.
	BlockKind = article.BlockKind
	// Block is one unit of the article body, in reading order.
	Block = article.Block
	// Document is a captured article.
	Document = article.Document
)

// The kinds of Block an article is made of.
const (
	BlockParagraph = article.BlockParagraph
	BlockHeading   = article.BlockHeading
	BlockQuote     = article.BlockQuote
	BlockCaption   = article.BlockCaption
	BlockListItem  = article.BlockListItem
	BlockPre       = article.BlockPre
	BlockImage     = article.BlockImage
)
