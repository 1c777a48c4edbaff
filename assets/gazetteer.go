package assets

import _ "embed"

//go:generate go run gazetteer_places_gen.go

// Gazetteer is the entity list read by data/analysis: a TSV file whose
// header and column comment are described at its top.
//
//go:embed gazetteer.tsv
var Gazetteer []byte

// GazetteerPlaces are the countries, first-level subdivisions and cities
// generated from CLDR and GeoNames by gazetteer_places_gen.go (same TSV
// format as Gazetteer, read after it: a hand entry keeps its spellings).
//
//go:embed gazetteer_places.tsv
var GazetteerPlaces []byte
