package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"annals/data/analysis/timex"
)

type recCase struct {
	Input   string
	Context struct {
		ReferenceDateTime string
	}
	NotSupported     string
	IgnoreResolution any
	Results          []struct {
		Text   string
		Start  int
		Length int
		Type   string
		Value  json.RawMessage
	}
}

type recValue struct {
	Timex            string
	FutureResolution map[string]string
	PastResolution   map[string]string
}

var recFiles = []string{"DateExtractor", "DateParser", "DatePeriodParser", "HolidayParser", "MergedParser"}

// defaultRef is used for extractor cases, which carry no reference date.
var defaultRef = time.Date(2016, 11, 7, 0, 0, 0, 0, time.UTC)

func recognizers(dir string, w *tabwriter.Writer, verbose bool) error {
	found := false
	for _, lang := range []string{"arabic", "english"} {
		sub := filepath.Join(dir, "recognizers-"+lang+"-datetime")
		if _, err := os.Stat(sub); err != nil {
			continue
		}
		found = true
		fmt.Fprintf(w, "Recognizers-Text %s DateTime (cases not NotSupported for dotnet)\tcases\tspan ok\tspan+value ok\tshare\n", lang)
		var tc, ts, tv int
		for _, name := range recFiles {
			b, err := os.ReadFile(filepath.Join(sub, name+".json"))
			if err != nil {
				continue
			}
			var cases []recCase
			if err := json.Unmarshal(b, &cases); err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			n, spanOK, allOK := 0, 0, 0
			for _, c := range cases {
				if strings.Contains(strings.ToLower(c.NotSupported), "dotnet") {
					continue
				}
				n++
				sOK, vOK := runCase(c, name, lang)
				if sOK {
					spanOK++
				}
				if vOK {
					allOK++
				} else if verbose {
					fmt.Fprintf(w, "  fail\t%s\t%s\t%s\t\n", name, c.Input, describe(c, lang))
				}
			}
			if n == 0 {
				fmt.Fprintf(w, "  %s\t0\t-\t-\t-\n", name)
				continue
			}
			tc, ts, tv = tc+n, ts+spanOK, tv+allOK
			fmt.Fprintf(w, "  %s\t%d\t%d\t%d\t%.1f%%\n", name, n, spanOK, allOK, 100*float64(allOK)/float64(n))
		}
		if tc > 0 {
			fmt.Fprintf(w, "  all\t%d\t%d\t%d\t%.1f%%\n", tc, ts, tv, 100*float64(tv)/float64(tc))
		}
	}
	if !found {
		return fmt.Errorf("no recognizers-*-datetime folder")
	}
	return nil
}

func refOf(c recCase) time.Time {
	if c.Context.ReferenceDateTime != "" {
		if t, err := time.Parse("2006-01-02T15:04:05", c.Context.ReferenceDateTime); err == nil {
			return t
		}
	}
	return defaultRef
}

func sysMatches(c recCase, lang string) []timex.Match {
	l := "ar"
	if lang == "english" {
		l = "en"
	}
	return timex.Extract(c.Input, timex.Options{DCT: refOf(c), Lang: l})
}

// runCase reports whether the spans match exactly (same set) and whether,
// in addition, every resolved value matches the spec's timex or one of its
// resolutions (cases marked IgnoreResolution, and extractor files, check
// spans only).
func runCase(c recCase, file, lang string) (spanOK, allOK bool) {
	sys := sysMatches(c, lang)
	if len(sys) != len(c.Results) {
		return false, false
	}
	checkValue := !strings.HasSuffix(file, "Extractor") && !truthy(c.IgnoreResolution)
	allOK = true
	for k, r := range c.Results {
		s := sys[k]
		start := utf8.RuneCountInString(c.Input[:s.Start])
		length := utf8.RuneCountInString(c.Input[s.Start:s.End])
		if start != r.Start || length != r.Length {
			return false, false
		}
		if checkValue && !valueMatches(s.Value, r.Value) {
			allOK = false
		}
	}
	return true, allOK
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	}
	return false
}

func valueMatches(got string, raw json.RawMessage) bool {
	var v recValue
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	if got == v.Timex {
		return true
	}
	for _, m := range []map[string]string{v.FutureResolution, v.PastResolution} {
		for _, x := range m {
			if x == got {
				return true
			}
		}
	}
	return false
}

func describe(c recCase, lang string) string {
	var want, got []string
	for _, r := range c.Results {
		var v recValue
		_ = json.Unmarshal(r.Value, &v)
		want = append(want, fmt.Sprintf("%q@%d %s", r.Text, r.Start, v.Timex))
	}
	for _, s := range sysMatches(c, lang) {
		got = append(got, fmt.Sprintf("%q@%d %s", s.Text, utf8.RuneCountInString(c.Input[:s.Start]), s.Value))
	}
	return "want " + strings.Join(want, ", ") + " got " + strings.Join(got, ", ")
}
