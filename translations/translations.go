// Package translations embeds the interface's strings: en.json and ar.json
// map each English source string (the key used in the code) to its text in
// that language, in Fyne's translation file format.
package translations

import "embed"

// FS holds en.json and ar.json.
//
//go:embed *.json
var FS embed.FS
