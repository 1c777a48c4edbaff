package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"annals/assets"
)

// TestEmbeddedModelIsTheTrainers trains the tagger as `make train-ner`
// does and compares the bytes with the embedded model: a change to the
// features, the lexicon or the trainer that was not followed by training
// again fails here (the app would read features the model never saw).
// Training takes about 15 s of CPU, so -short skips it, and so does a
// machine without the benchmark corpus.
func TestEmbeddedModelIsTheTrainers(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the whole model")
	}
	toks, tags := trainingPart(t)
	seqs, lex := sequences(toks, tags, [][2]int{{0, len(toks)}})
	_, model, err := train(seqs, lex, defaults)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(model, assets.NERArabic) {
		t.Fatalf("the trainer writes a model of %d bytes that differs from assets/ner_ar.bin.gz (%d bytes): run make train-ner", len(model), len(assets.NERArabic))
	}
}

// trainingPart reads ANERcorp's training part from ../shared/bench, or
// skips the test when the benchmarks are not beside the checkout (CI).
func trainingPart(t *testing.T) (toks, tags []string) {
	t.Helper()
	corpus := filepath.Join("..", "..", "..", "shared", "bench", "anercorp", "ANERCorp.txt")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("no ANERcorp: %v", err)
	}
	toks, tags, err := readCorpus(corpus, trainLines)
	if err != nil {
		t.Fatal(err)
	}
	return toks, tags
}
