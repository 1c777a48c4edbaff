package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeResults keeps every key and every other section's figure of
// bench/results.json as they were (order, "≥", "<"), replaces the window
// figures of an earlier run and records this run under "window".
func TestWriteResultsReplacesOnlyTheWindowSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.json")
	before := `{
  "started": "2026-11-28T19:25:27Z",
  "loadavg": "1.28 1.11 1.05",
  "figures": [
    {"section": "pipeline", "name": "a & b", "value": 5.1, "unit": "ms/page", "goal": "≥ 150", "note": "x < y"},
    {"section": "window", "name": "old", "value": 1, "unit": "ms"},
    {"section": "cold start", "name": "c", "value": 2, "unit": "ms"}
  ],
  "messages": ["kept"]
}`
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	figures = nil
	addPair("open", []float64{10, 20, 30, 40, 200}, 150, "load 1", "")
	if err := writeResults(path, run{Started: time.Unix(0, 0).UTC(), LoadAvg: "0.5 0.5 0.5"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, `"x < y"`) || !strings.Contains(s, `"a & b"`) || !strings.Contains(s, `"< 150"`) {
		t.Errorf("text was escaped:\n%s", s)
	}
	var got struct {
		Loadavg  string
		Messages []string
		Figures  []figure
		Window   run
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	var names []string
	for _, f := range got.Figures {
		names = append(names, f.Section+"/"+f.Name)
	}
	want := "pipeline/a & b,cold start/c,window/open, median,window/open, p95"
	if strings.Join(names, ",") != want {
		t.Errorf("figures %q, want %q", strings.Join(names, ","), want)
	}
	if got.Loadavg != "1.28 1.11 1.05" || len(got.Messages) != 1 || got.Window.LoadAvg != "0.5 0.5 0.5" {
		t.Errorf("keys not kept or run not recorded: %+v", got)
	}
	if i, j := strings.Index(s, `"started"`), strings.Index(s, `"messages"`); i < 0 || j < i || strings.Index(s, `"window": {`) < j {
		t.Errorf("key order changed:\n%s", s)
	}
	p95 := got.Figures[3]
	if p95.Value != 200 || p95.Pass == nil || *p95.Pass {
		t.Errorf("p95 of 10..200 is %v (pass %v), want 200, failing < 150", p95.Value, p95.Pass)
	}
	if med := got.Figures[2].Value; med != 30 {
		t.Errorf("median %v, want 30", med)
	}
}

// readProbe joins a probe log's records to their frames: input → paint and
// → after come out as the probe wrote them.
func TestReadProbeJoinsRecordsAndFrames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "timing.log")
	log := "start\t1700000000000000000\n" +
		"rec\t1\t-\t0\t0\tlaunch\t0\n" +
		"paint\t1\t5000000\t1700000000005000000\n" +
		"after\t1\t6000000\n" +
		"rec\t2\ttap\t10000000\t1700000000010000000\ttext:7:20\t40000000\t2000000\n" +
		"paint\t2\t55000000\t1700000000055000000\t9000000\n" +
		"rec\t3\tkey\t90000000\t1700000000090000000\tscroll\t91000000\n" + // not painted yet
		"after\t2\t70000000\n"
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := readProbe(path)
	if err != nil {
		t.Fatal(err)
	}
	taps := collect(l, 0, "tap")
	if len(taps) != 1 || taps[0].paint != 45 || taps[0].after != 60 || taps[0].change != 30 || taps[0].cpu != 7 || taps[0].what != "text:7:20" {
		t.Errorf("tap latencies %+v, want paint 45, after 60, change 30, UI CPU 7", taps)
	}
	if l.frames[1].paintCPU != -1 {
		t.Errorf("a paint line without CPU time read as %v, want -1 (unknown)", l.frames[1].paintCPU)
	}
	if keys := collect(l, 0, "key"); len(keys) != 0 {
		t.Errorf("an unpainted record was counted: %+v", keys)
	}
	if l.frames[1].paintWall != 1700000000005000000 || l.startWall != 1700000000000000000 {
		t.Errorf("wall clocks not read: %+v", l.frames[1])
	}
}

// glideFrames times every frame of a glide after the key's first: frame to
// frame while it runs (a key during a glide goes on), the tick to its
// paint, and the UI thread's CPU time between frames; a glide's end stops
// the count until the next key.
func TestGlideFramesTimesEveryFrameUntilTheGlideEnds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "timing.log")
	const ms = 1000000
	line := func(f string, args ...any) string { return fmt.Sprintf(f, args...) + "\n" }
	var log string
	paint := func(frame, at, cpu int) {
		log += line("paint\t%d\t%d\t%d\t%d", frame, at*ms, 1700000000000000000+at*ms, cpu*ms)
		log += line("after\t%d\t%d", frame, (at+2)*ms)
	}
	// Key 1 at 100 ms: frames 2 (its first), 3, 4 (a second key), 5, 6 (end).
	log += line("rec\t2\tkey\t%d\t0\tglide\t%d\t%d", 100*ms, 110*ms, 50*ms)
	paint(2, 115, 55)
	log += line("rec\t3\t-\t0\t0\tglide\t%d\t-1\t%d", 130*ms, 58*ms)
	paint(3, 134, 61)
	log += line("rec\t4\tkey\t%d\t0\tglide\t%d\t%d", 140*ms, 150*ms, 62*ms)
	paint(4, 160, 70)
	log += line("rec\t5\t-\t0\t0\tglide\t%d\t-1\t%d", 170*ms, 71*ms)
	paint(5, 175, 75)
	log += line("rec\t6\t-\t0\t0\tglide-end\t%d\t-1\t%d", 190*ms, 79*ms)
	paint(6, 192, 80)
	// A wheel frame between glides is not a glide frame.
	log += line("rec\t7\tscrolled\t%d\t0\tscroll\t%d\t%d", 300*ms, 301*ms, 90*ms)
	paint(7, 305, 93)
	// Key 2: frames 8 and 9 (end).
	log += line("rec\t8\tkey\t%d\t0\tglide\t%d\t%d", 400*ms, 405*ms, 100*ms)
	paint(8, 410, 104)
	log += line("rec\t9\t-\t0\t0\tglide-end\t%d\t-1", 420*ms) // no CPU at the change (an older probe)
	paint(9, 429, 112)
	if err := os.WriteFile(path, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := readProbe(path)
	if err != nil {
		t.Fatal(err)
	}
	st := glideFrames(l, 0)
	want := glideStats{
		interval: []float64{19, 26, 15, 17, 19},
		work:     []float64{4, 5, 2, 9},
		workCPU:  []float64{3, 4, 1},
		cpu:      []float64{6, 9, 5, 5, 8},
		glides:   2,
		frames:   7,
	}
	if fmt.Sprint(st) != fmt.Sprint(want) {
		t.Errorf("glide frames %+v,\nwant %+v", st, want)
	}
	if st := glideFrames(l, 6); st.glides != 1 || len(st.interval) != 1 || st.interval[0] != 19 {
		t.Errorf("after the first 6 records: %+v, want the second glide only", st)
	}
}

// The first open of an article is reported on its own (the cold one), with
// its UI-thread CPU and its split, whatever the later opens took.
func TestAddColdReportsTheFirstOpen(t *testing.T) {
	figures = nil
	addCold("open x", []latency{{paint: 130, after: 150, change: 90, cpu: 45}, {paint: 20, after: 30, change: 5, cpu: 9}, {paint: 200, after: 210, change: 100, cpu: 12}})
	if len(figures) != 1 {
		t.Fatalf("%d figures, want 1", len(figures))
	}
	f := figures[0]
	if f.Name != "open x, first (cold) open" || f.Value != 130 || f.Unit != "ms" {
		t.Errorf("figure %q = %v %s, want the first open's 130 ms", f.Name, f.Value, f.Unit)
	}
	for _, want := range []string{"UI-thread CPU 45.0 ms", "input → change 90.0 ms", "change → painted 40.0 ms", "painted → swapped 20.0 ms"} {
		if !strings.Contains(f.Note, want) {
			t.Errorf("note %q lacks %q", f.Note, want)
		}
	}
	figures = nil
	addCold("none", nil)
	if len(figures) != 0 {
		t.Errorf("a figure for no opens: %+v", figures)
	}
}
