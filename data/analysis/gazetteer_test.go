package analysis

import (
	"context"
	"strings"
	"sync"
	"testing"
)

func TestDefaultGazetteer(t *testing.T) {
	g := DefaultGazetteer()
	if g.Len() < 300 {
		t.Fatalf("gazetteer has %d entries, want at least 300", g.Len())
	}
	types := map[string]bool{"person": true, "organisation": true, "product": true, "place": true, "event": true}
	for _, e := range g.Entries() {
		if !types[e.Type] || !strings.HasPrefix(e.ID, e.Type+":") || e.Name == "" || e.NameAr == "" {
			t.Fatalf("bad entry %+v", e)
		}
	}
}

func TestGazetteerLookup(t *testing.T) {
	g := DefaultGazetteer()
	tests := []struct{ alias, id string }{
		{"ترامب", "person:donald-trump"},
		{"ترمب", "person:donald-trump"},
		{"Donald J. Trump", "person:donald-trump"},
		{"الولايات المتحدة", "place:united-states"},
		{"أمريكا", "place:united-states"},
		{"U.S.", "place:united-states"},
		{"أوبن إيه آي", "organisation:openai"},
		{"openai", "organisation:openai"},
		{"جوجل", "organisation:google"},
		{"كيو دبليو كيو", "product:qwq"},
	}
	for _, tc := range tests {
		t.Run(tc.alias, func(t *testing.T) {
			e, ok := g.Lookup(tc.alias)
			if !ok || e.ID != tc.id {
				t.Fatalf("Lookup(%q) = %q, %v; want %q", tc.alias, e.ID, ok, tc.id)
			}
		})
	}
	if _, ok := g.Lookup("كلمة غير معروفة"); ok {
		t.Fatal("unknown words must not be found")
	}
}

func TestGazetteerAdd(t *testing.T) {
	tests := []struct {
		name  string
		entry GazetteerEntry
		text  string
		id    string
	}{
		{"user alias merged into a known entity (arabic)", GazetteerEntry{ID: "person:donald-trump", Type: "person", Aliases: []string{"دونالد جون ترامب"}}, "وصل دونالد جون ترامب", "person:donald-trump"},
		{"new entity (english)", GazetteerEntry{Type: "organisation", Name: "Zeta Labs", Aliases: []string{"Zeta"}}, "Zeta shipped a model.", "organisation:zeta-labs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := DefaultGazetteer().Clone()
			before := g.Len()
			g.Add(tc.entry)
			res, err := Analyze(context.Background(), Input{Text: tc.text, Gazetteer: g})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Entities) != 1 || res.Entities[0].ID != tc.id {
				t.Fatalf("entities %+v, want %s", res.Entities, tc.id)
			}
			if tc.entry.ID != "" && g.Len() != before {
				t.Fatalf("merging added an entry")
			}
			if DefaultGazetteer().Len() != before && tc.entry.ID == "" {
				t.Fatalf("Clone shares state with the default gazetteer")
			}
		})
	}
}

func TestGazetteerConcurrentAdd(t *testing.T) {
	g := DefaultGazetteer().Clone()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			g.Add(GazetteerEntry{Type: "person", Name: "Test Person " + string(rune('A'+i))})
		}()
		go func() {
			defer wg.Done()
			_, _ = Analyze(context.Background(), Input{Text: "ترمب في بكين", Gazetteer: g})
		}()
	}
	wg.Wait()
}
