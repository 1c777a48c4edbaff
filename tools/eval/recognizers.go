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
	// Values is the MergedParser's form of the same answer: one entry per
	// reading, with its timex and its value or its start and end.
	Values []struct {
		Timex string
		Value string
		Start string
		End   string
	}
}

// readings lists every accepted timex value of v, and every accepted
// period as its startDate/endDate pair.
func (v recValue) readings() (values []string, ranges [][2]string) {
	if v.Timex != "" {
		values = append(values, v.Timex)
	}
	for _, m := range []map[string]string{v.FutureResolution, v.PastResolution} {
		for _, x := range m {
			values = append(values, x)
		}
		if m != nil && m["startDate"] != "" {
			ranges = append(ranges, [2]string{m["startDate"], m["endDate"]})
		}
	}
	for _, x := range v.Values {
		values = append(values, x.Timex, x.Value)
		if x.Start != "" {
			ranges = append(ranges, [2]string{x.Start, x.End})
		}
	}
	return values, ranges
}

// recGoals are the shares issue 14 asks for (and where they stood).
var recGoals = map[string]string{"arabic": ">= 95% (was 92.0%)", "english": ">= 60% (was 20.0%, 22.4% scored as now)"}

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
					fmt.Fprintf(w, "  fail\t%s\t%s\t%s\t\n", name, c.Input, describe(c, name, lang))
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
			fmt.Fprintf(w, "  all (goal %s, issue 14)\t%d\t%d\t%d\t%.1f%%\n", recGoals[lang], tc, ts, tv, 100*float64(tv)/float64(tc))
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

func sysMatches(c recCase, file, lang string) []timex.Match {
	l := "ar"
	if lang == "english" {
		l = "en"
	}
	ms := timex.Extract(c.Input, timex.Options{DCT: refOf(c), Lang: l})
	if !strings.HasPrefix(file, "Merged") {
		// the Date*/Holiday* specs are of a date extractor: durations,
		// clock times and sets are another extractor's output there
		out := ms[:0]
		for _, m := range ms {
			if m.Type == timex.Date {
				out = append(out, m)
			}
		}
		ms = out
	}
	return ms
}

// runCase reports whether the spans match exactly (same set) and whether,
// in addition, every resolved value matches the spec's timex or one of its
// resolutions (cases marked IgnoreResolution, and extractor files, check
// spans only).
func runCase(c recCase, file, lang string) (spanOK, allOK bool) {
	sys := sysMatches(c, file, lang)
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
		if checkValue && !valueMatches(s.Value, r.Value) && !rangeMatches(s, r.Value) {
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
	values, _ := v.readings()
	for _, x := range values {
		if x != "" && x == got {
			return true
		}
	}
	return false
}

func describe(c recCase, file, lang string) string {
	var want, got []string
	for _, r := range c.Results {
		var v recValue
		_ = json.Unmarshal(r.Value, &v)
		tx := v.Timex
		if tx == "" && len(v.Values) > 0 {
			tx = v.Values[0].Timex
		}
		want = append(want, fmt.Sprintf("%q@%d %s", r.Text, r.Start, tx))
	}
	for _, s := range sysMatches(c, file, lang) {
		got = append(got, fmt.Sprintf("%q@%d %s", s.Text, utf8.RuneCountInString(c.Input[:s.Start]), s.Value))
	}
	return "want " + strings.Join(want, ", ") + " got " + strings.Join(got, ", ")
}

// rangeMatches compares a period by its bounds: the spec resolves a period
// to {startDate, endDate}; a TIMEX3 value of year, month, quarter or decade
// precision denotes exactly [first day, first day of the next one), and a
// match with RangeEnd runs from its Value's first day to RangeEnd's first
// day. The same dates, written differently, are the same answer.
func rangeMatches(m timex.Match, raw json.RawMessage) bool {
	var v recValue
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	start, end, ok := bounds(m)
	if !ok {
		return false
	}
	_, ranges := v.readings()
	for _, r := range ranges {
		if r[0] == start && r[1] == end {
			return true
		}
	}
	return false
}

func bounds(m timex.Match) (start, end string, ok bool) {
	first, next, ok := span(m.Value)
	if !ok {
		return "", "", false
	}
	if m.RangeEnd != "" {
		f2, _, ok := span(m.RangeEnd)
		if !ok {
			return "", "", false
		}
		return first, f2, true
	}
	return first, next, true
}

// span gives the first day of a TIMEX3 calendar value and the first day
// after it.
func span(v string) (first, next string, ok bool) {
	const day = "2006-01-02"
	var t time.Time
	var err error
	switch {
	case len(v) == 10:
		t, err = time.Parse(day, v)
		return t.Format(day), t.AddDate(0, 0, 1).Format(day), err == nil
	case len(v) == 7 && v[4] == '-' && v[5] != 'Q' && v[5] != 'W' && v[5] != 'H':
		t, err = time.Parse("2006-01", v)
		return t.Format(day), t.AddDate(0, 1, 0).Format(day), err == nil
	case len(v) == 8 && v[5] == 'W':
		// an ISO week, 2016-W37: Monday to Monday
		y, err1 := time.Parse("2006", v[:4])
		var w int
		_, err2 := fmt.Sscanf(v[6:], "%d", &w)
		if err1 != nil || err2 != nil {
			return "", "", false
		}
		jan4 := y.AddDate(0, 0, 3)
		mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		return mon.Format(day), mon.AddDate(0, 0, 7).Format(day), true
	case len(v) == 7 && v[5] == 'H':
		// a half year, 2016-H1
		t, err = time.Parse("2006", v[:4])
		h := int(v[6] - '1')
		t = t.AddDate(0, 6*h, 0)
		return t.Format(day), t.AddDate(0, 6, 0).Format(day), err == nil && h >= 0 && h < 2
	case len(v) == 7 && v[5] == 'Q':
		t, err = time.Parse("2006", v[:4])
		q := int(v[6] - '1')
		t = t.AddDate(0, 3*q, 0)
		return t.Format(day), t.AddDate(0, 3, 0).Format(day), err == nil && q >= 0 && q < 4
	case len(v) == 4:
		t, err = time.Parse("2006", v)
		return t.Format(day), t.AddDate(1, 0, 0).Format(day), err == nil
	case len(v) == 3:
		t, err = time.Parse("2006", v+"0")
		return t.Format(day), t.AddDate(10, 0, 0).Format(day), err == nil
	}
	return "", "", false
}
