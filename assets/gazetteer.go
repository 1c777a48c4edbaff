package assets

import _ "embed"

// Gazetteer is the entity list read by data/analysis: a TSV file whose
// header and column comment are described at its top.
//
//go:embed gazetteer.tsv
var Gazetteer []byte
