package assets

import _ "embed"

// NERArabic is the Arabic names tagger's model (data/analysis/ner format:
// gzip, pruned int8 weights of a structured perceptron decoded with
// Viterbi, about 150 KB), trained by `make train-ner` (tools/trainner)
// on the training part of ANERcorp only: the first 125,305 lines of
// ANERCorp.txt (Benajiba et al. 2007). Licence to check before a release:
// the original corpus was given out free for research, the CAMeL Lab
// re-release is CC BY-SA 4.0 (see ../shared/bench/README.md); the weights
// are derived from it. Empty means no tagger: the cue rules alone.
//
//go:embed ner_ar.bin.gz
var NERArabic []byte

// NERArabicWords are the Arabic tagger's word lists (data/analysis/ner
// word set format: hashed keys of Ayaspell's ordinary words and proper
// names, expanded by its suffix rules), written by `make ner-words`
// (tools/trainner -words) from Debian's hunspell-ar. Ayaspell is
// tri-licensed GPL-2+/LGPL-2.1+/MPL-1.1; Annals uses it under the MPL 1.1:
// see ner_ar_words.NOTICE. Empty means no dictionary feature.
//
//go:embed ner_ar_words.bin.gz
var NERArabicWords []byte
