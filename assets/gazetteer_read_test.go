package assets

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadGazetteer(t *testing.T) {
	in := "# comment\r\nid\ttype\tname\tname_ar\taliases_en\taliases_ar\ttags\r\n" +
		"person:a\tperson\tAda\tآدا\tA; Ada L.\tادا\tx;y\r\n" +
		"\n" +
		"\tplace\tParis\tباريس\r\n"
	var rows []GazetteerRow
	if err := ReadGazetteer(strings.NewReader(in), func(r GazetteerRow) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2: %+v", len(rows), rows)
	}
	a := rows[0]
	if a.ID != "person:a" || a.NameAr != "آدا" || strings.Join(a.AliasesEn, "|") != "A|Ada L." ||
		strings.Join(a.AliasesAr, "|") != "ادا" || strings.Join(a.Tags, "|") != "x|y" || a.Line != 3 {
		t.Errorf("row 1 = %+v", a)
	}
	if p := rows[1]; p.Type != "place" || p.Name != "Paris" || p.Tags != nil || p.Line != 5 {
		t.Errorf("row 2 = %+v", p)
	}
	if err := ReadGazetteer(strings.NewReader("x\tperson\n"), func(GazetteerRow) error { return nil }); err == nil ||
		!strings.Contains(err.Error(), "line 1") {
		t.Errorf("short line: err = %v, want a line-1 error", err)
	}
}

// TestEmbeddedGazetteersRead: both committed files parse to the end.
func TestEmbeddedGazetteersRead(t *testing.T) {
	for name, b := range map[string][]byte{"gazetteer.tsv": Gazetteer, "gazetteer_places.tsv": GazetteerPlaces} {
		n := 0
		if err := ReadGazetteer(bytes.NewReader(b), func(GazetteerRow) error { n++; return nil }); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if n < 100 {
			t.Errorf("%s: %d rows, want hundreds", name, n)
		}
	}
}
