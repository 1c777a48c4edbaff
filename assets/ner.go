package assets

import _ "embed"

// NERArabic is the Arabic names tagger's model (data/analysis/ner format:
// gzip, pruned int8 weights), trained by `make train-ner` (tools/trainner)
// on the training part of ANERcorp only: the first 125,305 lines of
// ANERCorp.txt (Benajiba et al. 2007; freely available for research, see
// ../shared/bench/README.md). Empty means no tagger: the cue rules alone.
//
//go:embed ner_ar.bin.gz
var NERArabic []byte
