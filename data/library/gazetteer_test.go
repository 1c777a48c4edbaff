package library

import (
	"context"
	"path/filepath"
	"testing"
	"weak"

	"annals/data/store"
)

// Each Library has its own gazetteer: a spelling the user gives in one
// library is not found by another open at the same time, and a Library
// nobody holds is freed with its gazetteer (nothing package-wide keeps it).
func TestGazetteerBelongsToItsLibrary(t *testing.T) {
	ctx := context.Background()
	a, b := openTemp(t), openTemp(t)
	const alias = "The Orange One"
	if _, err := b.gazetteer(ctx); err != nil { // built before a's alias exists
		t.Fatal(err)
	}
	id, _, err := a.store.SaveArticle(ctx, &store.Article{URL: "https://en.example/a", Title: "Orders", Language: "en",
		Text: "Donald Trump was sworn in on January 20, 2025."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Analyze(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := a.AddAlias(ctx, "person:donald-trump", alias); err != nil {
		t.Fatal(err)
	}
	ga, err := a.gazetteer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ga.Lookup(alias); !ok {
		t.Fatal("the library given the alias does not find it")
	}
	gb, err := b.gazetteer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := gb.Lookup(alias); ok {
		t.Fatal("another library finds the alias")
	}
	if ga == gb {
		t.Fatal("two libraries share one gazetteer")
	}

	// Not openTemp: its cleanup would hold c to the end of the test.
	c, err := Open(ctx, Options{DBPath: filepath.Join(t.TempDir(), "annals.db")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.gazetteer(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ref := weak.Make(c)
	c = nil
	if !gone(ref) {
		t.Error("a closed Library nobody holds is still kept")
	}
}
