package assets

import _ "embed"

// GivenNamesAr is the list of Arabic-script given names read by
// data/analysis to find people the gazetteer does not know: one name per
// line, "#" comments, a trailing " ?" marking a name that is also a common
// word (see the file's header).
//
//go:embed given_names_ar.txt
var GivenNamesAr []byte
