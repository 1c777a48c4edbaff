package transfer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"annals/data/store"
)

var sample = []store.TimelineEvent{
	{GroupID: 1, Date: "2024-11", Precision: "month", Type: "release", Title: "أطلقت علي بابا نموذج QwQ",
		Entities: []store.EntityRef{{Name: "Alibaba"}, {Name: "QwQ"}},
		Sources:  []store.EventSource{{ArticleTitle: "نجاح نماذج بكين", SentenceText: "أطلق نموذج \"QwQ\" <b>"}}},
	{GroupID: 2, Date: "2025-01-20", Precision: "day", Type: "political", Title: "Trump inaugurated",
		Entities: []store.EntityRef{{Name: "Donald Trump"}}},
	{GroupID: 3, Date: "202", Precision: "decade", Type: "other", Title: "The 2020s"},
	{GroupID: 4, Date: "PRESENT_REF", Precision: "day", Type: "other", Title: "now"},
}

func TestTimelineJSMatchesItsSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTimelineJS(&buf, "Annals", sample); err != nil {
		t.Fatal(err)
	}
	// TimelineJS requires events[].start_date.year and text; dates are
	// numbers. Decode strictly into that shape.
	var doc struct {
		Title  struct{ Text struct{ Headline string } }
		Events []struct {
			StartDate struct{ Year, Month, Day int } `json:"start_date"`
			Text      struct{ Headline, Text string }
			Group     string
			UniqueID  string `json:"unique_id"`
		}
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not TimelineJS JSON: %v\n%s", err, buf.String())
	}
	var raw struct {
		Events []map[string]json.RawMessage
	}
	json.Unmarshal(buf.Bytes(), &raw)
	for i, e := range raw.Events {
		for _, field := range []string{"start_date", "text", "unique_id"} {
			if _, ok := e[field]; !ok {
				t.Errorf("event %d lacks %s", i, field)
			}
		}
		var sd map[string]any
		json.Unmarshal(e["start_date"], &sd)
		for k, v := range sd {
			if _, isNum := v.(float64); !isNum {
				t.Errorf("event %d start_date.%s = %#v, want a number", i, k, v)
			}
		}
	}
	if len(doc.Events) != 3 {
		t.Fatalf("%d events, want 3 (the unplaceable one skipped)", len(doc.Events))
	}
	e := doc.Events[0]
	if e.StartDate.Year != 2024 || e.StartDate.Month != 11 || e.StartDate.Day != 0 {
		t.Errorf("month event date = %+v", e.StartDate)
	}
	if e.Text.Headline != sample[0].Title || e.Group != "release" || e.UniqueID != "annals-1" {
		t.Errorf("event = %+v", e)
	}
	if strings.Contains(e.Text.Text, "<b>") || !strings.Contains(e.Text.Text, "&lt;b&gt;") {
		t.Errorf("sentence HTML not escaped: %q", e.Text.Text)
	}
	if d := doc.Events[1].StartDate; d.Year != 2025 || d.Month != 1 || d.Day != 20 {
		t.Errorf("day event date = %+v", d)
	}
	if d := doc.Events[2].StartDate; d.Year != 2020 || d.Month != 0 {
		t.Errorf("decade date = %+v", d)
	}
	if doc.Title.Text.Headline != "Annals" {
		t.Errorf("title slide = %+v", doc.Title)
	}
}

func TestTimelineCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTimelineCSV(&buf, sample[:2]); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "date" {
		t.Fatalf("rows = %q", rows)
	}
	if rows[1][0] != "2024-11" || rows[1][4] != "Alibaba; QwQ" || rows[1][5] != "نجاح نماذج بكين" {
		t.Errorf("first event row = %q", rows[1])
	}
}

// TimelineCSV lays its rows out by hand: the bytes must be what
// encoding/csv's Writer makes of the rows the export wrote before (every
// cell through csvCell), for cells that need quotes, formulas to
// neutralise, leading spaces, line ends, Arabic and invalid UTF-8.
func TestTimelineCSVIsEncodingCSVs(t *testing.T) {
	odd := []string{"", "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "\tlead", "\u00a0nbsp", `\.`, "=SUM(A1)",
		"+1", "-2", "@x", "−3", "=\"q\",\n", "\r=", "'kept", "أطلق «QwQ»، ثم", "\xff\xfe", "\u2028sep", "\u3000wide"}
	var events []store.TimelineEvent
	for i, a := range odd {
		b := odd[(i*7+3)%len(odd)]
		c := odd[(i*5+1)%len(odd)]
		events = append(events, store.TimelineEvent{GroupID: int64(i), Date: a, Precision: b, Type: c, Title: b + a,
			Entities: []store.EntityRef{{Name: a}, {Name: c}},
			Sources:  []store.EventSource{{ArticleTitle: c, SentenceText: ""}, {ArticleTitle: a, SentenceText: b}}})
		events = append(events, store.TimelineEvent{Date: c, Title: a, Sources: []store.EventSource{{ArticleTitle: b, SentenceText: a}}})
	}
	var want bytes.Buffer
	cw := csv.NewWriter(&want)
	cw.Write([]string{"date", "precision", "type", "title", "entities", "sources", "sentence"})
	for _, ev := range append(events, sample...) {
		var ents, srcs []string
		for _, e := range ev.Entities {
			ents = append(ents, e.Name)
		}
		sentence := ""
		for _, s := range ev.Sources {
			srcs = append(srcs, s.ArticleTitle)
			if sentence == "" {
				sentence = s.SentenceText
			}
		}
		cw.Write(csvCells([]string{ev.Date, ev.Precision, ev.Type, ev.Title, strings.Join(ents, "; "), strings.Join(srcs, "; "), sentence}))
	}
	cw.Flush()
	var got bytes.Buffer
	if err := WriteTimelineCSV(&got, append(events, sample...)); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d is %q, want %q", i+1, g[i], w[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(g), len(w))
	}
}

// htmlEscape is how the TimelineJS body escaped text before it was written
// into a reused buffer (appendJSONText with html): the reference for the
// bytes.
var htmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

// appendJSONString must write what json.Marshal writes for any string:
// every byte below 0x80 alone and after a multi-byte letter, invalid and
// cut UTF-8, the separators U+2028/U+2029, Arabic.
func TestAppendJSONStringIsMarshals(t *testing.T) {
	cases := []string{"", "plain", "أطلق نموذج \"QwQ\" <b>", "\u2028\u2029\u2027", "\xff\xfe", "\xe2\x80", "ترمب\xd8", "\U0001F600 é",
		// two-byte letters and what only looks like them
		"\xd8\xd8\xa8", "\xc0\x80", "\xc1\xbf", "\xc2\x80\xdf\xbf", "\xdf", "a\xdf", "\xd8\x22", "\xd8<", "\xe2\x80\xa8\xd8"}
	for c := 0; c < 0x80; c++ {
		cases = append(cases, string(rune(c)), "ب"+string(rune(c))+"x")
	}
	for _, s := range cases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
		}
		// the TimelineJS body: escaped for HTML, then for JSON, in one pass
		want, err = json.Marshal(htmlEscape(s))
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONText([]byte("x"), s, true); string(got) != "x"+string(want[1:len(want)-1]) {
			t.Errorf("appendJSONText(%q, html) = %s, want %s", s, got[1:], want[1:len(want)-1])
		}
	}
}

// WriteTimelineJS writes one event at a time (TimelineJS); its bytes must
// stay those json.Encoder made of the whole document, as it did before.
func TestTimelineJSStreamsTheEncodersBytes(t *testing.T) {
	for _, title := range []string{"Annals", ""} {
		odd := []store.TimelineEvent{{GroupID: 9, Date: "2024-13-40", Title: "tab\there, \u2028 line, <b>&amp; \"q\" \x01 \xff",
			Entities: []store.EntityRef{{Name: "A & B"}, {Name: "<C>"}},
			Sources: []store.EventSource{{ArticleTitle: "t\\1", SentenceText: "s\n1"}, {ArticleTitle: "", SentenceText: ""},
				{ArticleTitle: "«ترمب» & <i>\xd8", SentenceText: "a \"quote\" <b>&amp;</b> \u2028\xff\xe2\x80 \U0001F600 > end"}}}}
		for _, events := range [][]store.TimelineEvent{sample, sample[3:], nil, odd, append(odd, sample...)} {
			want := timelineJSReference(t, title, events)
			var got bytes.Buffer
			if err := WriteTimelineJS(&got, title, events); err != nil {
				t.Fatal(err)
			}
			if got.String() != want {
				t.Errorf("title %q, %d events:\n%s\nwant:\n%s", title, len(events), got.String(), want)
			}
		}
	}
}

// plainPrefix must take a word of eight bytes exactly when each is plain ASCII or part
// of a valid two-byte letter whose lead is among them (seven when the last
// is a lead), whatever the bytes: every word of bytes drawn from those
// that matter, at random, and the borders of each class.
func TestPlainPrefixTakesOnlyPlainBytes(t *testing.T) {
	// the byte-at-a-time answer
	want := func(w [8]byte) int {
		for i := 0; i < 8; {
			c := w[i]
			switch {
			case c < 0x80:
				if !jsonSafe[c] {
					return 0
				}
				i++
			case c >= 0xC2 && c < 0xE0:
				if i == 7 {
					return 7
				}
				if w[i+1]&0xC0 != 0x80 {
					return 0
				}
				i += 2
			default:
				return 0
			}
		}
		return 8
	}
	pool := []byte{0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x5B, 0x5C, 0x5D,
		'a', 'Z', 0x7F, 0x80, 0x8F, 0xA8, 0xBF, 0xC0, 0xC1, 0xC2, 0xD8, 0xDB, 0xDF, 0xE0, 0xE2, 0xEF, 0xF0, 0xF4, 0xFF}
	rng := rand.New(rand.NewPCG(19, 2026))
	taken := 0
	for n := 0; n < 2_000_000; n++ {
		var w [8]byte
		for i := range w {
			w[i] = pool[rng.IntN(len(pool))]
			if rng.IntN(3) > 0 { // mostly letters, so that long plain runs come up
				w[i] = "a ب"[rng.IntN(4)]
			}
		}
		got := plainPrefix(string(w[:]))
		if want := want(w); got != want {
			t.Fatalf("plainPrefix(% x) = %d, want %d", w, got, want)
		}
		if got > 0 {
			taken++
		}
	}
	if taken < 10_000 {
		t.Fatalf("only %d words taken whole: the test tries too few plain ones", taken)
	}
}

// appendJSONText, eight bytes at a time where it can, must still write
// what encoding/json writes: long strings of every kind of character, so
// that each kind falls at every place in a word of eight.
func TestAppendJSONTextLongStringsAreMarshals(t *testing.T) {
	pieces := []string{"a", "word ", "ب", "ترمب ", "«", "é", "\"", "\\", "<", ">", "&", "\n", "\t", "\x01", "\x7f",
		"\u2028", "\u2029", "—", "\U0001F600", "\xff", "\xd8", "\x80", "\xc0\x80", "\xc1\xbf", "\xe2\x80", "\xdf\xbf"}
	rng := rand.New(rand.NewPCG(7, 19))
	for n := 0; n < 20_000; n++ {
		var b strings.Builder
		for range rng.IntN(40) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(4) > 0 {
				p = pieces[rng.IntN(5)] // mostly plain text
			}
			b.WriteString(p)
		}
		s := b.String()
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
		if want, err = json.Marshal(htmlEscape(s)); err != nil {
			t.Fatal(err)
		}
		if got := appendJSONText(nil, s, true); string(got) != string(want[1:len(want)-1]) {
			t.Fatalf("appendJSONText(%q, html) = %s, want %s", s, got, want[1:len(want)-1])
		}
	}
}

// timelineJSReference is the TimelineJS document of events as json.Encoder
// makes it of the whole timelineJS document (the body escaped for HTML
// first): the bytes TimelineJS must write.
func timelineJSReference(t *testing.T, title string, events []store.TimelineEvent) string {
	t.Helper()
	doc := timelineJS{Events: []tjsEvent{}}
	if title != "" {
		doc.Title = &tjsSlide{Text: tjsText{Headline: title}}
	}
	for _, ev := range events {
		d, ok := tjsDateOf(ev.Date)
		if !ok {
			continue
		}
		var body strings.Builder
		for _, s := range ev.Sources {
			body.WriteString("<p>" + htmlEscape(s.SentenceText) + " <em>— " + htmlEscape(s.ArticleTitle) + "</em></p>")
		}
		var names []string
		for _, e := range ev.Entities {
			names = append(names, htmlEscape(e.Name))
		}
		if len(names) > 0 {
			body.WriteString("<p>" + strings.Join(names, ", ") + "</p>")
		}
		doc.Events = append(doc.Events, tjsEvent{StartDate: d, Text: tjsText{Headline: ev.Title, Text: body.String()},
			Group: ev.Type, UniqueID: "annals-" + strconv.FormatInt(ev.GroupID, 10)})
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return want.String()
}

// tjsDateOfSplit is tjsDateOf as it was, splitting the value into a slice:
// the reference for what it makes of any value.
func tjsDateOfSplit(v string) (tjsDate, bool) {
	parts := strings.Split(v, "-")
	y := parts[0]
	if len(y) == 3 { // a decade
		y += "0"
	}
	year, err := strconv.Atoi(y)
	if err != nil || len(y) != 4 {
		return tjsDate{}, false
	}
	d := tjsDate{Year: year}
	if len(parts) > 1 {
		m, err := strconv.Atoi(parts[1])
		if err != nil || m < 1 || m > 12 {
			return d, true
		}
		d.Month = m
	}
	if len(parts) > 2 {
		if day, err := strconv.Atoi(parts[2]); err == nil && day >= 1 && day <= 31 {
			d.Day = day
		}
	}
	return d, true
}

// tjsDateOf must place every value as it did when it split it: TIMEX3
// values and what only looks like them (signs, decades, weeks, seasons,
// empty fields, too many), and random strings of their characters.
func TestTJSDateOfAsSplitting(t *testing.T) {
	cases := []string{"", "2025-01-20", "2024-11", "2023", "202", "199", "20", "20245", "+202", "+2024", "-202", "2024-",
		"2024--05", "2024-W05", "2024-SU", "2024-00", "2024-13", "2024-12-00", "2024-12-31", "2024-12-32", "2024-02-30-x",
		"2024-+3-+4", "0091", "091", "PRESENT_REF", "XXXX-05", "2024-05-1T10:00", "2024-05-01-02"}
	rng := rand.New(rand.NewPCG(3, 19))
	for range 200_000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = "0123456789--+WX"[rng.IntN(15)]
		}
		cases = append(cases, string(b))
	}
	placed := 0
	for _, v := range cases {
		got, gotOK := tjsDateOf(v)
		want, wantOK := tjsDateOfSplit(v)
		if got != want || gotOK != wantOK {
			t.Fatalf("tjsDateOf(%q) = %+v, %v; want %+v, %v", v, got, gotOK, want, wantOK)
		}
		if gotOK && got.Day != 0 {
			placed++
		}
	}
	if placed < 100 {
		t.Fatalf("only %d values placed to the day: the test tries too few dates", placed)
	}
}

// writeCounter counts the writes it is handed.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) { w.writes++; return w.Buffer.Write(p) }

// A large export reaches its writer timelineWriteSize bytes or so at a
// time, and its bytes are those of its events written on their own,
// across the boundaries between writes: TimelineJS as json.Encoder writes
// the document, CSV as the same rows written in a small export.
func TestTimelineWritersHandOnLargeWrites(t *testing.T) {
	var events []store.TimelineEvent
	for len(events) < 12_000 {
		events = append(events, sample...)
		events = append(events, store.TimelineEvent{GroupID: int64(len(events)), Date: "2024-05-06", Type: "other",
			Title: "حدث " + strconv.Itoa(len(events)), Entities: []store.EntityRef{{Name: "A & B"}},
			Sources: []store.EventSource{{ArticleTitle: "«ترمب» <i>", SentenceText: strings.Repeat("جملة طويلة \"مقتبسة\" ", 10)}}})
	}
	var js writeCounter
	if err := WriteTimelineJS(&js, "Annals", events); err != nil {
		t.Fatal(err)
	}
	if js.Len() < 3*timelineWriteSize {
		t.Fatalf("the document is %d bytes: too small to cross a few writes", js.Len())
	}
	if js.String() != timelineJSReference(t, "Annals", events) {
		t.Fatal("the large TimelineJS document is not the encoder's")
	}
	if most := js.Len()/timelineWriteSize + 3; js.writes > most {
		t.Errorf("TimelineJS wrote %d bytes in %d writes, want at most %d", js.Len(), js.writes, most)
	}

	var small bytes.Buffer
	if err := WriteTimelineCSV(&small, events); err != nil {
		t.Fatal(err)
	}
	header, rows, _ := strings.Cut(small.String(), "\n")
	want := header + "\n" + strings.Repeat(rows, 3)
	var csv writeCounter
	if err := WriteTimelineCSV(&csv, slices.Concat(events, events, events)); err != nil {
		t.Fatal(err)
	}
	if csv.Len() < 3*timelineWriteSize {
		t.Fatalf("the CSV is %d bytes: too small to cross a few writes", csv.Len())
	}
	if csv.String() != want {
		t.Fatal("the large CSV is not its rows written on their own")
	}
	if most := csv.Len()/timelineWriteSize + 3; csv.writes > most {
		t.Errorf("CSV wrote %d bytes in %d writes, want at most %d", csv.Len(), csv.writes, most)
	}
}

// On strings of any length, plainPrefix must take only plain bytes and
// stop between letters; a plain string of eight bytes or more it takes
// whole (its last bytes in a word that overlaps the one before).
func TestPlainPrefixOnWholeStrings(t *testing.T) {
	// plainEnds marks where a plain prefix of s may end, a letter at a
	// time: between letters, up to the first byte that is not plain
	plainEnds := func(s string) []bool {
		ends := make([]bool, len(s)+1)
		ends[0] = true
		for i := 0; i < len(s); {
			c := s[i]
			switch {
			case c < 0x80 && jsonSafe[c]:
				i++
			case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
				i += 2
			default:
				return ends
			}
			ends[i] = true
		}
		return ends
	}
	pieces := []string{"a", " ", "ب", "é", "\"", "<", "&", "\x01", "—", "\xd8", "\xbf", "\xc1\xbf"}
	rng := rand.New(rand.NewPCG(8, 19))
	whole := 0
	for range 300_000 {
		var b strings.Builder
		for range rng.IntN(20) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(8) > 0 {
				p = pieces[rng.IntN(4)]
			}
			b.WriteString(p)
		}
		s := b.String()
		got, ends := plainPrefix(s), plainEnds(s)
		if got < 0 || got > len(s) || !ends[got] {
			t.Fatalf("plainPrefix(%q) = %d: not the end of a plain prefix", s, got)
		}
		if ends[len(s)] && len(s) >= 8 {
			if got != len(s) {
				t.Fatalf("plainPrefix(%q) = %d, want all %d bytes", s, got, len(s))
			}
			whole++
		}
	}
	if whole < 1000 {
		t.Fatalf("only %d plain strings of eight bytes or more: the test tries too few", whole)
	}
}
