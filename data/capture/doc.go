// Package capture turns a web link or a saved .html file into a clean Document:
// the article's text as typed blocks (paragraphs, headings, quotes, captions,
// list items, code, images), its metadata (title, byline, site, publication
// time, language and text direction) and clean article HTML.
//
// Three entry points share one pipeline:
//
//   - Fetcher.Fetch downloads an http/https link with a timeout, a size cap and
//     a redirect limit, then runs the pipeline on the body.
//   - ReadFile reads a saved page from disk (a .html file, or the folder a
//     browser writes beside it) and runs the pipeline on its bytes.
//   - Parse runs the pipeline on bytes already in memory.
//
// The pipeline is an ordered list of small steps (see pipeline.go and
// README.md): check → decode → parse → scan → site fixes → hidden →
// layout page → readability → layout cell → clean → lead → json-ld body → blocks →
// metadata → language → finish. Problems that stop a capture
// are returned as *Error, whose message is one plain sentence for the reader;
// problems that do not are kept in Document.Warnings.
//
// The package knows nothing of storage or of the GUI, and never imports Fyne.
package capture
