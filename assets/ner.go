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
