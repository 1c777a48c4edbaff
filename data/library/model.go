package library

import (
	"annals/data/analysis"
	"annals/data/article"
	"annals/data/images"
)

// The article model, from the leaf package data/article: the GUI reads an
// article's Blocks through these names and never imports data/capture.
type (
	Document  = article.Document
	Block     = article.Block
	BlockKind = article.BlockKind
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

// The other records the library's methods take or give, named here so a
// caller never names data/analysis or data/images (the store's records are named in
// library.go and analysis.go).
type (
	// AnalysisResult is what analysing an article found: its events,
	// entities and the dates they carry.
	AnalysisResult = analysis.Result
	// ImageOptions bound the images kept for offline reading.
	ImageOptions = images.Options
)
