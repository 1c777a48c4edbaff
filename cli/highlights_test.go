package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"annals/data/library"
	"annals/internal/testenv"
)

func TestHighlightsCommand(t *testing.T) {
	seed := testenv.SeedHTML(t)
	r := runner{t: t, db: filepath.Join(t.TempDir(), "annals.db")}
	if code, _, errs := r.run("add", seed); code != ExitOK {
		t.Fatalf("add: code %d, err %q", code, errs)
	}
	ctx := context.Background()
	lib, err := library.Open(ctx, library.Options{DBPath: r.db, Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	items, err := lib.List(ctx, library.Filter{})
	if err != nil || len(items) != 1 {
		t.Fatalf("list = %v, %v", items, err)
	}
	id := items[0].ID
	const quote = "استضافة ترمب لليوم التالي"
	const note = "ملاحظة عن التنصيب"
	hid, err := lib.AddHighlight(ctx, library.Highlight{ArticleID: id, Quote: quote, Colour: "blue", Note: note})
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	ids := strconv.FormatInt(id, 10)

	cases := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"highlights"}, ExitOK, []string{strconv.FormatInt(hid, 10) + "\t" + ids + "\tblue\t" + testenv.SeedTitle + "\t" + quote + "\n", "\t" + note + "\n"}},
		{[]string{"highlights", ids}, ExitOK, []string{strconv.FormatInt(hid, 10) + "\tblue\t" + quote + "\n"}},
		{[]string{"highlights", "9999"}, ExitUser, nil},
		{[]string{"highlights", "x"}, ExitUser, nil},
		{[]string{"highlights", ids, ids}, ExitUser, nil},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errs := r.run(c.args...)
			if code != c.code {
				t.Fatalf("code = %d, want %d (out %q, err %q)", code, c.code, out, errs)
			}
			for _, w := range c.contains {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}

	for _, args := range [][]string{{"highlights", "--json"}, {"highlights", ids, "--json"}} {
		code, out, errs := r.run(args...)
		if code != ExitOK {
			t.Fatalf("%v: code %d, err %q", args, code, errs)
		}
		var got []highlightJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %v in %q", args, err, out)
		}
		if len(got) != 1 || got[0].ID != hid || got[0].Quote != quote || got[0].Note != note || got[0].ArticleTitle != testenv.SeedTitle || got[0].Orphaned {
			t.Errorf("%v: %+v", args, got)
		}
	}
	if !strings.Contains(Usage, "highlights [ID]") || !IsCommand("highlights") {
		t.Error("highlights is not listed as a command")
	}
}
