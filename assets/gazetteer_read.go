package assets

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// GazetteerRow is one entity line of the gazetteer TSV format (Gazetteer,
// GazetteerPlaces).
type GazetteerRow struct {
	Line      int // 1-based line number, for messages
	ID        string
	Type      string
	Name      string // canonical English name
	NameAr    string // canonical Arabic name
	AliasesEn []string
	AliasesAr []string
	Tags      []string
}

// ReadGazetteer calls fn for each entity row of a gazetteer TSV: '#' comment
// lines and blank lines are skipped, then an optional header line starting
// with "id\t", then id, type, name, name_ar, aliases_en, aliases_ar, tags
// (lists separated by ';'; missing trailing columns are empty). It is the one
// reader of the format: data/analysis builds its gazetteer from it and
// data/textnorm its list of names the stemmer keeps whole.
func ReadGazetteer(r io.Reader, fn func(GazetteerRow) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	header := false
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !header {
			header = true
			if strings.HasPrefix(s, "id\t") {
				continue
			}
		}
		f := strings.Split(s, "\t")
		if len(f) < 4 {
			return fmt.Errorf("gazetteer line %d: %d columns, want 7", line, len(f))
		}
		for len(f) < 7 {
			f = append(f, "")
		}
		row := GazetteerRow{Line: line, ID: f[0], Type: f[1], Name: f[2], NameAr: f[3],
			AliasesEn: splitList(f[4]), AliasesAr: splitList(f[5]), Tags: splitList(f[6])}
		if row.Type == "" || (row.Name == "" && row.NameAr == "") {
			return fmt.Errorf("gazetteer line %d: type and a name are required", line)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return sc.Err()
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
