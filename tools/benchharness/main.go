// Command benchharness is Annals' performance harness (issue 8). It measures the
// capture pipeline on the article-extraction benchmark pages (speed and
// F1, side by side with Readability.js + linkedom in Node when available),
// a synthetic library at scale (create, search, list, timeline, entities,
// re-analysis) and the app's cold start, prints a table of every figure
// with its goal and writes them to bench/results.json.
//
//	go run -tags sqlite_fts5 ./tools/benchharness [-quick] [-n 10000,100000] [-out bench/results.json]
//
// A 100k library takes well over an hour to generate; -replicate-from
// builds one in minutes as 10 copies of a generated 10k library (new ids,
// urls, titles, saved and event dates per copy; the same texts), then
// measures it:
//
//	benchharness -only scale -reanalyse=false -replicate-from /tmp/w/lib10000/annals.db -replicate 10 -library /tmp/w/lib100k/annals.db
//
// Search alone on an existing library, in seconds, with each query's ten
// best ids written out to compare two builds:
//
//	benchharness -only scale -search-only -search-ids top10.json -library /tmp/w/lib100k/annals.db
//
// Timings are wall-clock on whatever machine runs it; nothing here is a
// test and nothing fails the build when a goal is missed.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"annals/internal/repo"
)

// Figure is one measured value with its goal.
type Figure struct {
	Section string  `json:"section"`
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
	Goal    string  `json:"goal,omitempty"`
	Pass    *bool   `json:"pass,omitempty"` // nil: no goal
	Note    string  `json:"note,omitempty"`
}

// Results is what bench/results.json holds.
type Results struct {
	Started  time.Time `json:"started"`
	Took     string    `json:"took"`
	Commit   string    `json:"commit,omitempty"`
	GoVer    string    `json:"go"`
	CPUs     int       `json:"cpus"`
	LoadAvg  string    `json:"loadavg,omitempty"`
	Quick    bool      `json:"quick"`
	Figures  []Figure  `json:"figures"`
	Skipped  []string  `json:"skipped,omitempty"`
	Messages []string  `json:"messages,omitempty"`
}

var (
	res       Results
	reanalyse bool
	oneByOne  bool
)

func add(section, name string, v float64, unit string) *Figure {
	res.Figures = append(res.Figures, Figure{Section: section, Name: name, Value: v, Unit: unit})
	return &res.Figures[len(res.Figures)-1]
}

// atMost and atLeast set a goal and whether v meets it.
func (f *Figure) atMost(goal float64) *Figure {
	ok := f.Value <= goal
	f.Goal, f.Pass = "≤ "+num(goal), &ok
	return f
}

func (f *Figure) atLeast(goal float64) *Figure {
	ok := f.Value >= goal
	f.Goal, f.Pass = "≥ "+num(goal), &ok
	return f
}

func (f *Figure) note(s string) *Figure { f.Note = s; return f }

func skip(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	res.Skipped = append(res.Skipped, msg)
	fmt.Println("bench: skipped:", msg)
}

func logf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	res.Messages = append(res.Messages, msg)
	fmt.Println("bench:", msg)
}

func num(v float64) string {
	switch {
	case v == float64(int64(v)) && v < 1e9:
		return strconv.FormatInt(int64(v), 10)
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case v >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	default:
		return strconv.FormatFloat(v, 'f', 3, 64)
	}
}

func main() {
	quick := flag.Bool("quick", false, "small and fast: 10k articles only, fewer rounds")
	sizes := flag.String("n", "", "library sizes, comma-separated (default 10000; 10000,100000 to include 100k, which takes well over 8 minutes on 2 cores)")
	out := flag.String("out", "bench/results.json", "where to write the results (relative to the repository root)")
	pagesDir := flag.String("pages", "", "article-extraction folder (default ../shared/bench/article-extraction)")
	work := flag.String("work", "", "scratch folder for databases (default: a temporary folder, removed at the end)")
	only := flag.String("only", "", "run only these parts, comma-separated: pipeline, scale, coldstart")
	trafilatura := flag.Bool("trafilatura", true, "also measure go-trafilatura (bench/trafilatura, its own Go module) when it builds")
	existing := flag.String("library", "", "measure this existing library (an annals.db made by an earlier run with -work) instead of generating one")
	replicateFrom := flag.String("replicate-from", "", "with -library and -replicate N: first build the -library file as N copies of this library (new ids, shifted dates and titles, same texts; minutes instead of hours for 100k)")
	replicate := flag.Int("replicate", 10, "how many copies -replicate-from makes (10: a 10k library becomes 100k)")
	flag.BoolVar(&reanalyse, "reanalyse", true, "measure re-analysis (on a copy of each library)")
	flag.BoolVar(&oneByOne, "one-by-one", false, "generate with SaveArticle+SaveAnalysis per article (the before of SaveArticles/SaveAnalyses)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.BoolVar(&searchOnly, "search-only", false, "with -library: measure only search (no maintenance, no other figure), in seconds")
	flag.StringVar(&searchIDs, "search-ids", "", "write each search query's 10 best article ids to this JSON file (to compare two builds' rankings)")
	flag.BoolVar(&exportOnly, "export-only", false, "with -library: measure only the whole-library timeline exports (CSV, TimelineJS), in seconds")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}

	root := repo.Root()
	res = Results{Started: time.Now().UTC(), GoVer: runtime.Version(), CPUs: runtime.NumCPU(), Quick: *quick}
	res.Commit = gitCommit(root)
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		res.LoadAvg = strings.TrimSpace(string(b))
	}
	if *pagesDir == "" {
		*pagesDir = filepath.Join(root, "..", "shared", "bench", "article-extraction")
	}
	ns := []int{10000}
	if *sizes != "" {
		ns = nil
		for _, s := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n <= 0 {
				fmt.Fprintf(os.Stderr, "bench: bad -n %q\n", s)
				os.Exit(2)
			}
			ns = append(ns, n)
		}
	}
	scratch := *work
	if scratch == "" {
		d, err := os.MkdirTemp("", "annals-bench-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		defer os.RemoveAll(d)
		scratch = d
	}
	want := func(part string) bool {
		return *only == "" || strings.Contains(","+*only+",", ","+part+",")
	}
	start := time.Now()
	if want("pipeline") {
		runPipeline(root, *pagesDir, scratch, *quick, *trafilatura)
	}
	var lib10k string
	if *replicateFrom != "" {
		if *existing == "" {
			fmt.Fprintln(os.Stderr, "bench: -replicate-from needs -library (where to write the copy)")
			os.Exit(2)
		}
		if err := replicateLibrary(*replicateFrom, *existing, *replicate); err != nil {
			fmt.Fprintln(os.Stderr, "bench: replicate:", err)
			os.Exit(1)
		}
	}
	if *existing != "" {
		c, err := loadCorpus(root)
		if err == nil && want("scale") {
			err = measureLibrary(c, *existing, "library "+filepath.Base(filepath.Dir(*existing)), *quick)
		}
		if err != nil {
			skip("library %s: %v", *existing, err)
		}
		lib10k = *existing
	} else if want("scale") || want("coldstart") {
		lib10k = runScale(root, scratch, ns, *quick, want("scale"))
	}
	if want("coldstart") {
		runColdStart(root, scratch, lib10k)
	}
	res.Took = time.Since(start).Round(time.Second).String()
	printTable()
	if len(res.Figures) == 0 {
		// A timing-only run (-pipeline-rounds) has no figures: writing
		// would wipe the recorded results.
		fmt.Println("bench: no figures, results not written")
		return
	}
	path := *out
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
		b, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
		} else {
			fmt.Println("bench: results written to", path)
		}
	}
}

func printTable() {
	fmt.Println()
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "section\tfigure\tvalue\tgoal\tresult\tnote")
	section := ""
	for _, f := range res.Figures {
		s := f.Section
		if s == section {
			s = ""
		}
		section = f.Section
		verdict := ""
		if f.Pass != nil {
			verdict = "FAIL"
			if *f.Pass {
				verdict = "pass"
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%s %s\t%s\t%s\t%s\n", s, f.Name, num(f.Value), f.Unit, f.Goal, verdict, f.Note)
	}
	w.Flush()
	for _, s := range res.Skipped {
		fmt.Println("skipped:", s)
	}
	fmt.Printf("commit %s, %s, %d CPUs, load %s, took %s\n", res.Commit, res.GoVer, res.CPUs, res.LoadAvg, res.Took)
}
