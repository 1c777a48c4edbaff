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

// NEREnglish is the English names tagger's model (data/analysis/ner
// format: a structured perceptron over IO tags of four types, pruned int8
// weights), trained by `make train-ner-en` (tools/trainen -write) on the
// English dev splits of tools/eval/testdata's unseen gold and the 173
// annotated pages of tools/trainen/gold (text: ../shared/bench's
// article-extraction and trafilatura-eval-dev pages), never on the test or
// ar splits. Its features include the English rules' mentions, so a change
// to the English rules needs a retrained model (tools/trainen's
// TestEmbeddedModelIsTheTrainers says so). Empty means no English tagger.
//
//go:embed ner_en.bin.gz
var NEREnglish []byte

// NEREnglishWords is the English tagger's word list (data/analysis/ner word
// set format: hashed keys of the lower-case and the capitalised entries of
// Debian's wamerican, SCOWL), written by `make ner-words-en` (tools/trainen
// -words) from /usr/share/dict/american-english; a build-time input only.
// SCOWL's licence is MIT-like: see ner_en_words.NOTICE. Empty means no
// word list feature.
//
//go:embed ner_en_words.bin.gz
var NEREnglishWords []byte
