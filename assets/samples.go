package assets

import "embed"

// Samples are the articles "Try a sample article" saves on first run: the
// Arabic seed analysis from al-Majalla (the article Annals was built for)
// and an English sample written for Annals. Both report dated events, so a
// new user's timeline is not empty.
//
//go:embed samples/*.html
var Samples embed.FS
