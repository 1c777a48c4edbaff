package transfer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvTable reads a CSV file whose columns are found by header name, so
// extra or reordered columns do no harm.
type csvTable struct {
	r    *csv.Reader
	cols map[string]int
}

// newCSVTable reads the header and checks that every required column is
// there; format names the export in the error.
func newCSVTable(r io.Reader, format string, required ...string) (*csvTable, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("the %s export is empty", format)
	}
	if err != nil {
		return nil, fmt.Errorf("the %s export's first line is not CSV: %w", format, err)
	}
	cols := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := cols[h]; !dup {
			cols[h] = i
		}
	}
	var missing []string
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("this is not a %s CSV export: its header lacks the %s column%s",
			format, strings.Join(missing, ", "), plural(len(missing)))
	}
	return &csvTable{r: cr, cols: cols}, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// each calls fn with a getter for every row, stopping at ctx's end.
func (t *csvTable) each(ctx context.Context, format string, fn func(line int, get func(col string) string) error) error {
	for {
		if err := canceled(ctx); err != nil {
			return err
		}
		rec, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return lineError(format, pe.Line, pe.Err.Error())
			}
			return fmt.Errorf("cannot read the %s export: %w", format, err)
		}
		line, _ := t.r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		get := func(col string) string {
			i, ok := t.cols[col]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		if err := fn(line, get); err != nil {
			return err
		}
	}
}

// csvHeaderHas reports whether head's first line, lower-cased, holds every
// column named.
func csvHeaderHas(head []byte, cols ...string) bool {
	s := strings.TrimPrefix(string(head), "\ufeff")
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	have := map[string]bool{}
	for _, f := range strings.Split(strings.ToLower(s), ",") {
		have[strings.Trim(strings.TrimSpace(f), `"`)] = true
	}
	for _, c := range cols {
		if !have[c] {
			return false
		}
	}
	return true
}
