package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/testenv"
)

// annals export --format timelinejs|timeline-csv writes the timeline the
// GUI exports, for scripts: the seed's key events, in both formats.
func TestExportTimelineFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	r := runner{t: t, db: filepath.Join(dir, "lib", "annals.db")}
	if code, out, errs := r.run("add", testenv.SeedHTML(t)); code != ExitOK {
		t.Fatalf("add: code %d, out %q, err %q", code, out, errs)
	}

	jsonOut := filepath.Join(dir, "timeline.json")
	if code, out, errs := r.run("export", "--format", "timelinejs", jsonOut); code != ExitOK {
		t.Fatalf("export timelinejs: code %d, out %q, err %q", code, out, errs)
	}
	var tl struct {
		Events []struct {
			StartDate struct{ Year, Month, Day int } `json:"start_date"`
			Text      struct{ Headline string }      `json:"text"`
		} `json:"events"`
	}
	data, err := os.ReadFile(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &tl); err != nil {
		t.Fatalf("timelinejs output is not JSON: %v\n%.300s", err, data)
	}
	dates := map[string]bool{}
	for _, e := range tl.Events {
		dates[fmt.Sprintf("%d-%d-%d", e.StartDate.Year, e.StartDate.Month, e.StartDate.Day)] = true
	}
	for _, want := range []string{"2025-1-20", "2025-1-23"} {
		if !dates[want] {
			t.Errorf("timelinejs export lacks an event on %s (dates %v)", want, dates)
		}
	}

	csvOut := filepath.Join(dir, "timeline.csv")
	if code, out, errs := r.run("export", "--format", "timeline-csv", csvOut); code != ExitOK {
		t.Fatalf("export timeline-csv: code %d, out %q, err %q", code, out, errs)
	}
	f, err := os.Open(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("timeline CSV does not parse: %v", err)
	}
	if len(rows) != len(tl.Events)+1 {
		t.Errorf("CSV has %d rows, want a header and one per event (%d)", len(rows), len(tl.Events))
	}
	if !strings.Contains(strings.Join(rows[0], ","), "date") {
		t.Errorf("CSV header %q names no date column", rows[0])
	}

	// An existing file is never overwritten, and a wrong format says which exist.
	if code, _, errs := r.run("export", "--format", "timeline-csv", csvOut); code != ExitUser || !strings.Contains(errs, "exists") {
		t.Errorf("export over an existing file: code %d, err %q", code, errs)
	}
	if code, _, errs := r.run("export", "--format", "timeline", filepath.Join(dir, "x")); code != ExitUser || !strings.Contains(errs, "timeline-csv") {
		t.Errorf("unknown format: code %d, err %q", code, errs)
	}
}
