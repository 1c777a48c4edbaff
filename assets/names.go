package assets

import _ "embed"

// GivenNamesAr is the list of Arabic-script given names read by
// data/analysis to find people the gazetteer does not know: one name per
// line, "#" comments, a trailing " ?" marking a name that is also a common
// word (see the file's header).
//
//go:embed given_names_ar.txt
var GivenNamesAr []byte

// GivenNamesEn is the list of English given names read by data/analysis
// to find people the gazetteer does not know ("Arthur Mensch"): one name a
// line, a trailing " ?" marking a name that is also a word or a place (see
// the file's header for its source and licence).
//
//go:embed given_names_en.txt
var GivenNamesEn []byte
