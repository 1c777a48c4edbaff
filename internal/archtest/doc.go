// Package archtest keeps the architecture's rules with the compiler: main →
// gui/cli → data/library → the data packages; the GUI knows only the
// library (and the leaf article model); nothing under data/ draws with Fyne;
// the SQLite layer does not carry the HTML parser. It reads the import
// graph from `go list`, so a rule broken anywhere fails here, whoever broke
// it.
package archtest
