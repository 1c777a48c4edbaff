package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"annals/data/analysis/timex"
)

type goldTimex struct {
	start, end int
	typ, value string
	text       string
}

var (
	attrRe = regexp.MustCompile(`(\w+)="([^"]*)"`)
	dctRe  = regexp.MustCompile(`<DCT>\s*<TIMEX3[^>]*value="([^"]+)"`)
)

// parseTML returns the plain text of <TEXT>, its gold TIMEX3s (offsets into
// that text) and the DCT.
func parseTML(b string) (string, []goldTimex, time.Time, error) {
	m := dctRe.FindStringSubmatch(b)
	if m == nil {
		return "", nil, time.Time{}, fmt.Errorf("no DCT")
	}
	dct, err := time.Parse("2006-01-02", m[1][:10])
	if err != nil {
		return "", nil, time.Time{}, err
	}
	s := strings.Index(b, "<TEXT>")
	e := strings.Index(b, "</TEXT>")
	if s < 0 || e < s {
		return "", nil, time.Time{}, fmt.Errorf("no TEXT")
	}
	raw := b[s+len("<TEXT>") : e]
	var out strings.Builder
	var golds []goldTimex
	var open *goldTimex
	for i := 0; i < len(raw); {
		switch raw[i] {
		case '<':
			j := strings.IndexByte(raw[i:], '>')
			if j < 0 {
				i = len(raw)
				continue
			}
			tag := raw[i+1 : i+j]
			switch {
			case strings.HasPrefix(tag, "TIMEX3"):
				g := goldTimex{start: out.Len()}
				for _, a := range attrRe.FindAllStringSubmatch(tag, -1) {
					switch a[1] {
					case "type":
						g.typ = a[2]
					case "value":
						g.value = a[2]
					}
				}
				open = &g
			case tag == "/TIMEX3" && open != nil:
				open.end = out.Len()
				open.text = out.String()[open.start:open.end]
				golds = append(golds, *open)
				open = nil
			}
			i += j + 1
		case '&':
			j := strings.IndexByte(raw[i:], ';')
			if j > 0 && j < 10 {
				out.WriteString(html.UnescapeString(raw[i : i+j+1]))
				i += j + 1
				continue
			}
			out.WriteByte('&')
			i++
		default:
			out.WriteByte(raw[i])
			i++
		}
	}
	return out.String(), golds, dct, nil
}

func tempEval(dir string, w *tabwriter.Writer, verbose bool) error {
	files, _ := filepath.Glob(filepath.Join(dir, "tempeval3-platinum", "*.tml"))
	if len(files) == 0 {
		return fmt.Errorf("no tempeval3-platinum/*.tml")
	}
	sort.Strings(files)
	var nGold, nSys, strict, relaxed, value, typeOK int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		text, golds, dct, err := parseTML(string(b))
		if err != nil {
			return fmt.Errorf("%s: %v", filepath.Base(f), err)
		}
		sys := timex.Extract(text, timex.Options{DCT: dct, Lang: "en"})
		nGold += len(golds)
		nSys += len(sys)
		used := make([]bool, len(sys))
		for _, g := range golds {
			best := -1
			for k, s := range sys {
				if used[k] || s.End <= g.start || s.Start >= g.end {
					continue
				}
				if best < 0 || (s.Start == g.start && s.End == g.end) {
					best = k
				}
			}
			if best < 0 {
				if verbose {
					fmt.Fprintf(w, "  miss\t%s\t%q\t%s\t\n", filepath.Base(f), g.text, g.value)
				}
				continue
			}
			used[best] = true
			s := sys[best]
			relaxed++
			if s.Start == g.start && s.End == g.end {
				strict++
			}
			if s.Value == g.value {
				value++
			} else if verbose {
				fmt.Fprintf(w, "  value\t%s\t%q→%q\tgold %s got %s\n", filepath.Base(f), g.text, s.Text, g.value, s.Value)
			}
			if s.Type == g.typ {
				typeOK++
			}
		}
		if verbose {
			for k, s := range sys {
				if !used[k] {
					fmt.Fprintf(w, "  extra\t%s\t%q\t%s\t\n", filepath.Base(f), s.Text, s.Value)
				}
			}
		}
	}
	fmt.Fprintf(w, "TempEval-3 platinum (%d docs, %d gold, %d system)\tP\tR\tF1\n", len(files), nGold, nSys)
	p, r, f1 := prf(strict, nSys, nGold)
	fmt.Fprintf(w, "  extent strict\t%.2f\t%.2f\t%.2f\n", p, r, f1)
	p, r, f1 = prf(relaxed, nSys, nGold)
	fmt.Fprintf(w, "  extent relaxed\t%.2f\t%.2f\t%.2f\n", p, r, f1)
	p, r, f1 = prf(value, nSys, nGold)
	fmt.Fprintf(w, "  value (goal F1 >= 82, issue 14; was 78.63)\t%.2f\t%.2f\t%.2f\n", p, r, f1)
	p, r, f1 = prf(typeOK, nSys, nGold)
	fmt.Fprintf(w, "  type\t%.2f\t%.2f\t%.2f\n", p, r, f1)
	fmt.Fprintf(w, "  reference HeidelTime: relaxed 90.30, strict 81.34, value 77.61\t\t\t\n")
	return nil
}
