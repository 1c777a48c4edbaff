package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals/internal/testenv"
)

func TestAnalyzeTimelineEntities(t *testing.T) {
	seed := testenv.SeedHTML(t)
	r := runner{t: t, db: filepath.Join(t.TempDir(), "annals.db")}

	// A file is analysed without being saved.
	code, out, errs := r.run("analyze", seed, "--json")
	var fromFile analysisJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &fromFile) != nil {
		t.Fatalf("analyze FILE --json: code %d, err %q, out %.200q", code, errs, out)
	}
	if fromFile.Language != "ar" || fromFile.Published == "" || fromFile.Sentences == 0 || len(fromFile.Timexes) == 0 {
		t.Errorf("analyze FILE = language %q, published %q, %d sentences, %d timexes", fromFile.Language,
			fromFile.Published, fromFile.Sentences, len(fromFile.Timexes))
	}
	if _, out, _ := r.run("list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("analyze FILE saved something: %s", out)
	}

	code, out, errs = r.run("add", seed)
	if code != ExitOK {
		t.Fatalf("add: code %d, err %q", code, errs)
	}
	id := strings.Fields(out)[0]
	_, out, _ = r.run("show", id, "--json")
	var shown articleJSON
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}

	t.Run("timeline --json", func(t *testing.T) {
		code, out, errs := r.run("timeline", "--json")
		var tl []timelineJSON
		if code != ExitOK || json.Unmarshal([]byte(out), &tl) != nil {
			t.Fatalf("code %d, err %q, out %.200q", code, errs, out)
		}
		var dates []string
		for _, g := range tl {
			dates = append(dates, g.Date)
			for _, s := range g.Sources {
				if shown.Text[s.Start:s.End] != s.Sentence {
					t.Errorf("%s: source span %d-%d is not its sentence", g.Date, s.Start, s.End)
				}
			}
		}
		if !slices.IsSorted(dates) {
			t.Errorf("timeline not by date: %v", dates)
		}
		for _, want := range []string{"2024-11", "2025-01-20", "2025-01-21", "2025-01-23"} {
			if !slices.Contains(dates, want) {
				t.Errorf("timeline lacks %s: %v", want, dates)
			}
		}
	})

	t.Run("entities --json", func(t *testing.T) {
		code, out, errs := r.run("entities", "--json")
		var es []entitySummaryJSON
		if code != ExitOK || json.Unmarshal([]byte(out), &es) != nil {
			t.Fatalf("code %d, err %q, out %.200q", code, errs, out)
		}
		var trumps []entitySummaryJSON
		for _, e := range es {
			if e.Name == "Donald Trump" || strings.Contains(e.NameAr, "ترمب") || strings.Contains(e.NameAr, "ترامب") {
				trumps = append(trumps, e)
			}
		}
		if len(trumps) != 1 || trumps[0].Type != "person" || trumps[0].Key != "person:donald-trump" {
			t.Fatalf("Trump entries = %+v, want one person", trumps)
		}
		short, long := strings.Count(shown.Text, "ترمب"), strings.Count(shown.Text, "ترامب")
		if short == 0 || long == 0 || trumps[0].Mentions != short+long || trumps[0].Articles != 1 {
			t.Errorf("Trump = %+v; the text has ترمب ×%d and ترامب ×%d", trumps[0], short, long)
		}
	})

	t.Run("analyze ID agrees with analyze FILE", func(t *testing.T) {
		code, out, errs := r.run("analyze", "--json", id)
		var fromID analysisJSON
		if code != ExitOK || json.Unmarshal([]byte(out), &fromID) != nil {
			t.Fatalf("code %d, err %q", code, errs)
		}
		if len(fromID.Events) != len(fromFile.Events) || len(fromID.Entities) != len(fromFile.Entities) {
			t.Errorf("by id: %d events, %d entities; from file: %d, %d", len(fromID.Events), len(fromID.Entities),
				len(fromFile.Events), len(fromFile.Entities))
		}
		for _, tx := range fromID.Timexes {
			if shown.Text[tx.Start:tx.End] != tx.Text {
				t.Errorf("timex %q: span %d-%d holds %q", tx.Text, tx.Start, tx.End, shown.Text[tx.Start:tx.End])
			}
		}
		var signed bool
		for _, e := range fromID.Events {
			if e.Date == "2025-01-23" && slices.Contains(e.Entities, "David Sacks") && strings.Contains(e.Sentence, "ديفيد ساكس") {
				signed = true
			}
		}
		if !signed {
			t.Errorf("no 2025-01-23 event with David Sacks: %+v", fromID.Events)
		}
	})

	t.Run("text output", func(t *testing.T) {
		cases := []struct {
			args []string
			want []string // each on some line
		}{
			{[]string{"timeline"}, []string{"2025-01-23", "David Sacks"}},
			{[]string{"entities"}, []string{"person", "Donald Trump (دونالد ترمب)"}},
			{[]string{"analyze", id}, []string{"language ar", "2024-11", "QwQ"}},
		}
		for _, c := range cases {
			code, out, errs := r.run(c.args...)
			if code != ExitOK {
				t.Fatalf("%v: code %d, err %q", c.args, code, errs)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("%v: output lacks %q:\n%s", c.args, w, out)
				}
			}
			if strings.Contains(out, "{") {
				t.Errorf("%v: text output looks like JSON", c.args)
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		cases := []struct {
			args []string
			code int
			msg  string
		}{
			{[]string{"analyze"}, ExitUser, "one saved .html file or one article id"},
			{[]string{"analyze", "9999"}, ExitUser, "no article with id 9999"},
			{[]string{"analyze", filepath.Join(t.TempDir(), "missing.html")}, ExitUser, "could not be found"},
			{[]string{"timeline", "extra"}, ExitUser, "takes no arguments"},
		}
		for _, c := range cases {
			code, _, errs := r.run(c.args...)
			if code != c.code || !strings.Contains(errs, c.msg) {
				t.Errorf("%v: code %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.msg)
			}
		}
	})
}
