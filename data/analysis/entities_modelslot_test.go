package analysis

import (
	"testing"

	"annals/assets"
	"annals/data/analysis/ner"
)

// A tagger's model is read from its embedded bytes once, on first use; a
// trainer's model set with use wins for good, before or after that.
func TestModelSlot(t *testing.T) {
	if s := (&modelSlot{}); s.get() != nil {
		t.Fatal("no embedded model: want no tagger")
	}
	if s := (&modelSlot{embedded: []byte("not a model")}); s.get() != nil {
		t.Fatal("a broken model file: want no tagger, not a crash")
	}
	embedded := &modelSlot{embedded: assets.NEREnglish}
	m := embedded.get()
	if m == nil || embedded.get() != m {
		t.Fatalf("the embedded model is read once and kept: got %p then %p", m, embedded.get())
	}
	embedded.use(nil)
	if embedded.get() != nil {
		t.Fatal("use(nil) after a read: want the tagger off")
	}
	trained := &ner.Model{}
	early := &modelSlot{embedded: assets.NEREnglish}
	early.use(trained)
	if early.get() != trained {
		t.Fatal("use before the first read: want the trainer's model, not the embedded one")
	}
	off := &modelSlot{embedded: assets.NEREnglish}
	off.use(nil)
	if off.get() != nil {
		t.Fatal("use(nil) before the first read: want the tagger off, the embedded model never read")
	}
}
