package unseengold

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"annals/data/analysis"
)

func TestFoldName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"The New York Times", "new york times"},
		{"Pacific Gas & Electric Co.", "pacific gas & electric co"},
		{"  McDonald’s   Corp ", "mcdonald's corp"},
		{"Theranos", "theranos"}, // "the" only as a word of its own
		{"the", "the"},
		{"", ""},
	} {
		if got := FoldName(c.in); got != c.want {
			t.Errorf("FoldName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScoreEntities(t *testing.T) {
	text := "Shares of Acme Robotics fell. The Wall Street Journal said Neumann left."
	at := func(sub string) analysis.Span {
		for i := 0; i+len(sub) <= len(text); i++ {
			if text[i:i+len(sub)] == sub {
				return analysis.Span{Start: i, End: i + len(sub)}
			}
		}
		t.Fatalf("%q not in the text", sub)
		return analysis.Span{}
	}
	cases := []struct {
		name   string
		gold   []Name
		ents   []analysis.Entity
		want   EntityScore
		misses []EntityMiss
	}{
		{
			name: "found only through a mention's text",
			gold: []Name{{Name: "Acme Robotics", Type: "ORG"}},
			ents: []analysis.Entity{{Name: "Acme", Type: "organisation", Mentions: []analysis.Span{at("Acme Robotics")}}},
			want: EntityScore{Entities: 1, EntFound: 1, Typed: 1, EngineEnts: 1, EngineEntsRight: 1},
		},
		{
			name:   "found with another type",
			gold:   []Name{{Name: "Neumann", Type: "PER"}},
			ents:   []analysis.Entity{{Name: "Neumann", Type: "place"}},
			want:   EntityScore{Entities: 1, EntFound: 1, Typed: 0, EngineEnts: 1, EngineEntsRight: 1},
			misses: []EntityMiss{{OtherType, "PER", "Neumann"}},
		},
		{
			name: `"the " and a final "." folded, an alias and the Arabic name count`,
			gold: []Name{{Name: "The Wall Street Journal", Type: "ORG", Aliases: []string{"WSJ."}}, {Name: "Acme Robotics", Type: "ORG"}},
			ents: []analysis.Entity{
				{Name: "Wall Street Journal.", Type: "organisation"},
				{Name: "أكمي", NameAr: "Acme Robotics", Type: "organisation"},
				{Name: "Journal", Aliases: []string{"the WSJ"}, Type: "organisation"},
			},
			want: EntityScore{Entities: 2, EntFound: 2, Typed: 2, EngineEnts: 3, EngineEntsRight: 3},
		},
		{
			name: "an engine entity that names no gold form is extra, a gold one nobody names is missed",
			gold: []Name{{Name: "Neumann", Type: "PER"}, {Name: "Acme Robotics", Type: "ORG"}},
			ents: []analysis.Entity{
				{Name: "Shares", Type: "product", Mentions: []analysis.Span{at("Shares")}},
				{Name: "Acme Robotics", Type: "organisation"},
				// a mention outside the text is ignored, not a panic
				{Name: "Street", Type: "place", Mentions: []analysis.Span{{Start: 70, End: 500}}},
			},
			want:   EntityScore{Entities: 2, EntFound: 1, Typed: 1, EngineEnts: 3, EngineEntsRight: 1},
			misses: []EntityMiss{{ExtraEntity, "product", "Shares"}, {ExtraEntity, "place", "Street"}, {MissedEntity, "PER", "Neumann"}},
		},
	}
	for _, c := range cases {
		got, misses := ScoreEntities(c.gold, text, c.ents)
		if got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
		if !reflect.DeepEqual(misses, c.misses) {
			t.Errorf("%s: misses %+v, want %+v", c.name, misses, c.misses)
		}
	}
}

func TestEntityScoreAdd(t *testing.T) {
	s := EntityScore{1, 2, 3, 4, 5}
	s.Add(EntityScore{10, 20, 30, 40, 50})
	if want := (EntityScore{11, 22, 33, 44, 55}); s != want {
		t.Errorf("%+v, want %+v", s, want)
	}
}

// The readers read the files' fields and name the file of a bad one.
func TestReadFileAndGroundTruth(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "unseen_gold_x.json")
	if err := os.WriteFile(gold, []byte(`{"articles":[{"id":"abc","split":"dev2","entities_only":true,
		"entities":[{"name":"Acme","type":"ORG","aliases":["Acme Inc"]}],
		"events":[{"quote":"q","date":"2019-10","participants":["Acme"],"optional":true}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	want := File{Articles: []Article{{ID: "abc", Split: "dev2", EntitiesOnly: true,
		Entities: []Name{{Name: "Acme", Type: "ORG", Aliases: []string{"Acme Inc"}}},
		Events:   []Event{{Quote: "q", Date: "2019-10", Participants: []string{"Acme"}, Optional: true}}}}}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("ReadFile: %+v, want %+v", g, want)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"articles":`), 0o644)
	if _, err := ReadFile(bad); err == nil || err.Error()[:9] != "bad.json:" {
		t.Errorf("a cut file: %v, want an error naming bad.json", err)
	}

	os.MkdirAll(filepath.Join(dir, "article-extraction"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "article-extraction", "ground-truth.json"),
		[]byte(`{"abc":{"articleBody":"Acme grew.","headline":"h"},"def":{"articleBody":""}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	truth, err := ReadGroundTruth(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"abc": "Acme grew.", "def": ""}; !reflect.DeepEqual(truth, want) {
		t.Errorf("ReadGroundTruth: %q, want %q", truth, want)
	}
}

// CaptureText reads a gzipped page the way the app saves it (capture's
// text: the article, not the menu) and says whether it is still the text
// the gold was annotated on.
func TestCaptureText(t *testing.T) {
	dir := t.TempDir()
	page := `<html><head><title>Port news</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour reopens</h1>
<p>The Port of Tarvo reopened on Monday after the storm, Mayor Lena Quist said, and the first ferries left at dawn.</p>
<p>Engineers from Kestrel Marine had worked through the weekend to clear the channel, the port authority said in a statement.</p>
<p>Traders said the closure had cost the town's fish market about a week of sales, and that prices should settle soon.</p>
</article><footer>Copyright Port News</footer></body></html>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	if err := os.MkdirAll(filepath.Join(dir, "bench", "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bench", "html", "p.html.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	a := Article{ID: "p", Source: "bench", File: "html/p.html.gz", Text: "capture", TextSHA256: "not the hash"}
	text, same, err := CaptureText(dir, a)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Mayor Lena Quist said") || strings.Contains(text, "Copyright") {
		t.Fatalf("capture's text %q: want the article without the footer", text)
	}
	if same {
		t.Fatal("a text whose hash differs from the gold's is reported as the same")
	}
	h := sha256.Sum256([]byte(text))
	a.TextSHA256 = hex.EncodeToString(h[:])
	if _, same, _ = CaptureText(dir, a); !same {
		t.Fatal("the annotated text is reported as changed")
	}
	a.File = "html/missing.html.gz"
	if _, _, err := CaptureText(dir, a); err == nil {
		t.Fatal("a missing page gives no error")
	}
}
