// Package transfer moves a library's contents in and out of Annals: it reads
// the exports of other apps (Pocket, Instapaper, wallabag, Omnivore, Readwise
// Reader, Karakeep, browser bookmarks, OPML feed lists) and writes the
// library as Markdown, EPUB, CSV or browser bookmarks and the timeline as CSV
// or TimelineJS JSON. data/library calls it: the importers hand back records
// for the library to save, and the exports write the articles it gives them.
package transfer
