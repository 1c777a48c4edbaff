package main

import "testing"

// TestCRFLearnerOnASlice trains the CRF learner (-learner crf) on the
// first 4,000 lines of ANERcorp's training part with a bound of 2,000
// rows: the model file loads, keeps at most those rows and the
// transitions, and tags the lines it learnt from well (a CRF that learnt
// nothing, or a file that lost its weights, scores far lower).
func TestCRFLearnerOnASlice(t *testing.T) {
	toks, tags := trainingPart(t)
	toks, tags = toks[:4000], tags[:4000]
	seqs, lex := sequences(toks, tags, [][2]int{{0, len(toks)}})
	o := defaults
	o.learner, o.crfIters, o.crfRows = "crf", 40, 2000
	m, model, err := train(seqs, lex, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(model) == 0 || !m.Loaded() || !m.Structured() {
		t.Fatalf("no structured model file (%d bytes)", len(model))
	}
	// 2,000 feature rows and at most 9 previous tags × 8 transition classes
	if m.Features() > 2000+9*8 {
		t.Errorf("%d rows, want at most 2,072", m.Features())
	}
	r := scoreTagger(m, toks, tags)
	if _, _, f := r.Micro().PRF(); f < 85 {
		t.Errorf("micro F1 %.2f on its own training lines, want at least 85", f)
	} else {
		t.Logf("micro F1 %.2f on its own training lines, %d rows, %d bytes", f, m.Features(), len(model))
	}
}
