// Command uitiming measures Annals in its window (issue 19): it starts the
// real app under its own Xvfb (software OpenGL, as CI has), drives it with
// xdotool and reads the app's timing probe (gui/views/timingprobe.go, on
// with ANNALS_TIMING) to time, inside the process, each input event to the
// first frame painted after the change it caused:
//
//   - a click on a library row to the first frame showing the article's
//     text, for the Arabic seed and a generated 1,000-paragraph mixed
//     Arabic/English article;
//   - scrolling that article by mouse wheel and by Page Down;
//   - zooming (wheel) and panning (drag) the timeline of a library of about
//     10,000 events;
//   - process start to the first frame (and to the list shown) with a
//     10,000-article library.
//
// It prints the median and p95 of each with the load average, and adds
// them (section "window") to bench/results.json, keeping what is there.
//
//	go run -tags 'sqlite_fts5 migrated_fynedo' ./tools/uitiming [-lib10k PATH] [-profile]
//
// Without -lib10k it generates a 10k library once with tools/benchharness
// (several minutes) and keeps it in -work for later runs; the library of
// ~10,000 events for the timeline is generated the same way (~30 s) once.
// Libraries given are copied before use: the app writes into them.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"annals/internal/repo"
	"annals/third_party/fyne/overlay"
)

const tags = "sqlite_fts5 migrated_fynedo"

// Where things are in the fresh English window (1200×780 at the top left
// of the screen), as in tools/uishots.
const (
	rowX, row0Y, rowStep = 190, 275, 85 // library rows, newest first
	tabTimelineX, tabY   = 150, 65
	readerX, readerY     = 800, 450  // over the article's text
	plotX, plotY         = 1100, 260 // over the timeline, near today: most events
)

type figure struct {
	Section string    `json:"section"`
	Name    string    `json:"name"`
	Value   float64   `json:"value"`
	Unit    string    `json:"unit"`
	Goal    string    `json:"goal,omitempty"`
	Pass    *bool     `json:"pass,omitempty"`
	Note    string    `json:"note,omitempty"`
	Samples []float64 `json:"-"`
}

type run struct {
	Started time.Time `json:"started"`
	Took    string    `json:"took"`
	Commit  string    `json:"commit,omitempty"`
	LoadAvg string    `json:"loadavg"`
	Display string    `json:"display"`
	Notes   []string  `json:"notes,omitempty"`
}

var (
	figures []figure
	notes   []string
)

func logf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	fmt.Println("uitiming:", msg)
}

func main() {
	work := flag.String("work", filepath.Join(os.TempDir(), "annals-uitiming"), "scratch folder (generated libraries are kept here between runs)")
	lib10k := flag.String("lib10k", "", "a 10,000-article library for the launch (copied first); default: generate one into -work once")
	eventsLib := flag.String("events-lib", "", "a library of about 10,000 events for the timeline (copied first); default: generate one into -work once")
	display := flag.String("display", ":78", "X display for the harness's Xvfb")
	bin := flag.String("bin", "", "the Annals binary (default: build one into -work)")
	out := flag.String("out", "bench/results.json", "results file (relative to the repository root); the \"window\" figures are replaced, the rest kept")
	opens := flag.Int("opens", 8, "opens of each article")
	launches := flag.Int("launches", 3, "measured launches with the 10k library (after one unmeasured); 0 skips the launch")
	parts := flag.String("parts", "", "stop the session after this part: open, scroll or timeline (default: all; each part runs the ones before it); -launches 0 skips the launch")
	profile := flag.Bool("profile", false, "write CPU profiles of the app (ANNALS_CPUPROFILE) into -work: launch.pprof, session.pprof")
	shots := flag.Bool("shots", true, "save screenshots of what was measured into -work/shots")
	flag.Parse()

	root := repo.Root()
	started := time.Now()
	r := run{Started: started.UTC(), Commit: gitCommit(root), LoadAvg: loadAvg(), Display: *display}
	if err := os.MkdirAll(filepath.Join(*work, "shots"), 0o755); err != nil {
		fail(err)
	}
	if *bin == "" {
		*bin = filepath.Join(*work, "annals")
		logf("building the app")
		// The app as it ships: Fyne with third_party/fyne's patch.
		fyneFlags, err := overlay.BuildArgs(root)
		if err != nil {
			fail(fmt.Errorf("the app does not build: %v", err))
		}
		build := exec.Command("go", slices.Concat([]string{"build", "-tags", tags}, fyneFlags, []string{"-o", *bin, "."})...)
		build.Dir, build.Stdout, build.Stderr = root, os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			fail(fmt.Errorf("the app does not build: %v", err))
		}
	}
	events, err := library(root, *work, *eventsLib, 435, "events")
	if err != nil {
		fail(err)
	}
	var big string
	if *launches > 0 {
		if big, err = library(root, *work, *lib10k, 10000, "lib10k"); err != nil {
			fail(err)
		}
	}
	uiDB, err := readingLibrary(root, *work, *bin, events)
	if err != nil {
		fail(err)
	}
	x, err := startX(*display, filepath.Join(*work, "xvfb.log"))
	if err != nil {
		fail(err)
	}
	defer x.stop()
	// fail exits without running deferred calls: the Xvfb is stopped
	// first, or it stays behind holding the display.
	failX := func(err error) {
		x.stop()
		fail(err)
	}
	prof := func(name string) string {
		if !*profile {
			return ""
		}
		return filepath.Join(*work, name+".pprof")
	}
	shot := func(name string) {
		if *shots {
			p := filepath.Join(*work, "shots", name+".png")
			if err := x.shot(p); err != nil {
				logf("screenshot %s: %v", name, err)
			} else {
				logf("screenshot %s", p)
			}
		}
	}
	if *launches > 0 {
		if err := measureLaunch(x, *bin, big, *work, *launches, prof("launch"), shot); err != nil {
			failX(err)
		}
	}
	only := func(part string) bool { return *parts == "" || strings.Contains(","+*parts+",", ","+part+",") }
	if err := measureSession(x, *bin, uiDB, *work, *opens, only, prof("session"), shot); err != nil {
		failX(err)
	}
	r.Took = time.Since(started).Round(time.Second).String()
	r.Notes = notes
	printTable(r)
	path := *out
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	if err := writeResults(path, r); err != nil {
		fail(err)
	}
	logf("results added to %s", path)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "uitiming:", err)
	os.Exit(1)
}

// library is a copy of given, or of a library of n articles generated
// into work once by tools/benchharness (its generator: real sentences,
// dates and entities in both scripts) and kept for later runs.
func library(root, work, given string, n int, name string) (string, error) {
	src := given
	if src == "" {
		src = filepath.Join(work, "gen-"+name, fmt.Sprintf("lib%d", n), "annals.db")
		// The mark says the generation ended: an interrupted one leaves a
		// partial library behind, made again next time.
		done := src + ".complete"
		if _, err := os.Stat(done); err != nil {
			logf("generating a library of %d articles with tools/benchharness (once; kept in %s)", n, filepath.Dir(src))
			gen := exec.Command("go", "run", "-tags", tags, "./tools/benchharness",
				"-only", "scale", "-n", strconv.Itoa(n), "-reanalyse=false", "-quick", "-trafilatura=false",
				"-work", filepath.Join(work, "gen-"+name), "-out", filepath.Join(work, "gen-"+name, "results.json"))
			gen.Dir, gen.Stdout, gen.Stderr = root, os.Stdout, os.Stderr
			if err := gen.Run(); err != nil {
				return "", fmt.Errorf("generating the %s library: %v", name, err)
			}
			if _, err := os.Stat(src); err != nil {
				return "", fmt.Errorf("tools/benchharness made no library at %s", src)
			}
			if err := os.WriteFile(done, nil, 0o644); err != nil {
				return "", err
			}
		}
	}
	dst := filepath.Join(work, "run-"+name, "annals.db")
	os.RemoveAll(filepath.Dir(dst))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	if err := exec.Command("cp", src, dst).Run(); err != nil {
		return "", fmt.Errorf("copying %s: %v", src, err)
	}
	return dst, nil
}

// readingLibrary adds the seed and then the generated long article to the
// events library with the CLI: the long article is the newest (row 0 of
// the list), the seed row 1.
func readingLibrary(root, work, bin, db string) (string, error) {
	long := filepath.Join(work, "long-1000.html")
	if err := writeLongArticle(root, long, 1000); err != nil {
		return "", err
	}
	for _, page := range []string{filepath.Join(root, "assets", "samples", "majalla-china-ai.html"), long} {
		add := exec.Command(bin, "--db", db, "add", page)
		if out, err := add.CombinedOutput(); err != nil {
			return "", fmt.Errorf("annals add %s: %v %s", page, err, out)
		}
	}
	return db, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// pct is the p-th percentile (nearest rank) of vs.
func pct(vs []float64, p float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// addPair records the median and p95 of samples (ms); the p95 carries the
// goal and note, the median detail.
func addPair(name string, samples []float64, goal float64, note, detail string) {
	med, p95 := pct(samples, 50), pct(samples, 95)
	medNote := fmt.Sprintf("n=%d", len(samples))
	if detail != "" {
		medNote += "; " + detail
	}
	figures = append(figures, figure{Section: "window", Name: name + ", median", Value: med, Unit: "ms", Note: medNote})
	f := figure{Section: "window", Name: name + ", p95", Value: p95, Unit: "ms", Note: note}
	if goal > 0 {
		ok := p95 < goal
		f.Goal, f.Pass = fmt.Sprintf("< %g", goal), &ok
	}
	figures = append(figures, f)
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func printTable(r run) {
	fmt.Println()
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "figure\tvalue\tgoal\tresult\tnote")
	for _, f := range figures {
		verdict := ""
		if f.Pass != nil {
			verdict = "FAIL"
			if *f.Pass {
				verdict = "pass"
			}
		}
		fmt.Fprintf(w, "%s\t%.1f %s\t%s\t%s\t%s\n", f.Name, f.Value, f.Unit, f.Goal, verdict, f.Note)
	}
	w.Flush()
	for _, n := range r.Notes {
		fmt.Println("note:", n)
	}
	fmt.Printf("commit %s, load at start %s, took %s\n", r.Commit, r.LoadAvg, r.Took)
}

// writeResults replaces the "window" figures of the results file (keeping
// every other figure and key, in their order) and sets its "window" key to
// this run.
func writeResults(path string, r run) error {
	keys, vals := []string{}, map[string]json.RawMessage{}
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) > 0 {
		dec := json.NewDecoder(strings.NewReader(string(b)))
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return fmt.Errorf("%s is not a JSON object", path)
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			k := t.(string)
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			if _, seen := vals[k]; !seen {
				keys = append(keys, k)
			}
			vals[k] = v
		}
	}
	var old []json.RawMessage
	if v, ok := vals["figures"]; ok {
		if err := json.Unmarshal(v, &old); err != nil {
			return fmt.Errorf("%s: figures: %v", path, err)
		}
	}
	var kept []json.RawMessage
	for _, f := range old {
		var head struct {
			Section string `json:"section"`
		}
		json.Unmarshal(f, &head)
		if head.Section != "window" {
			kept = append(kept, f)
		}
	}
	for _, f := range figures {
		kept = append(kept, marshal(f))
	}
	set := func(k string, v any) {
		b := marshal(v)
		if _, ok := vals[k]; !ok {
			keys = append(keys, k)
		}
		vals[k] = b
	}
	set("figures", kept)
	set("window", r)
	var sb strings.Builder
	sb.WriteString("{\n")
	for i, k := range keys {
		kb, _ := json.Marshal(k)
		var ind bytes.Buffer
		if err := json.Indent(&ind, vals[k], "  ", "  "); err != nil {
			return err
		}
		sb.WriteString("  " + string(kb) + ": " + ind.String())
		if i < len(keys)-1 {
			sb.WriteString(",")
		}
		sb.WriteString("\n")
	}
	sb.WriteString("}\n")
	return os.WriteFile(path, []byte(sb.String()), 0o644)
}

// marshal is json.Marshal without HTML escaping ("< 150" stays as it is).
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return bytes.TrimSpace(b.Bytes())
}

func gitCommit(root string) string {
	cmd := exec.Command("git", "describe", "--always", "--dirty")
	cmd.Dir = root
	b, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
