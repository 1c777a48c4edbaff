package transfer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/store"
)

// WriteTimelineCSV writes one row per event: date, precision, type, title,
// entities (separated by "; "), and sources (article titles, "; ").
func WriteTimelineCSV(w io.Writer, events []store.TimelineEvent) error {
	tw, err := NewTimelineCSV(w)
	if err != nil {
		return err
	}
	for i := range events {
		if err := tw.Write(&events[i]); err != nil {
			return err
		}
	}
	return tw.Close()
}

// TimelineCSV writes WriteTimelineCSV's rows one event at a time, for an
// export that streams events from the store (store.TimelineEach). The
// bytes are those encoding/csv's Writer makes of the rows (commas, "\n"
// line ends, quotes only where it puts them), laid out by hand into a
// reused buffer: a []string per row, its joins and csv.Writer's
// byte-at-a-time writes were most of the CSV side of a large export
// (TestTimelineCSVIsEncodingCSVs holds the two to the same bytes).
type TimelineCSV struct {
	w         *bufio.Writer
	row, cell []byte
}

// timelineCSVHeader is the first row.
var timelineCSVHeader = []string{"date", "precision", "type", "title", "entities", "sources", "sentence"}

// NewTimelineCSV writes the header row; Close flushes the rest.
func NewTimelineCSV(w io.Writer) (*TimelineCSV, error) {
	t := &TimelineCSV{w: bufio.NewWriterSize(w, 64<<10)}
	for i, h := range timelineCSVHeader {
		if i > 0 {
			t.row = append(t.row, ',')
		}
		t.row = appendCSVField(t.row, h)
	}
	t.row = append(t.row, '\n')
	if _, err := t.w.Write(t.row); err != nil {
		return nil, err
	}
	t.row = t.row[:0]
	return t, nil
}

// Write writes ev's row: date, precision, type, title, the entities'
// names and the sources' article titles (each joined by "; "), and the
// first source's sentence, every cell made safe (csvCell). It does not
// keep ev.
func (t *TimelineCSV) Write(ev *store.TimelineEvent) error {
	r := t.row // after the rows not yet handed on (timelineWriteSize)
	r = appendCSVCell(r, ev.Date)
	r = append(r, ',')
	r = appendCSVCell(r, ev.Precision)
	r = append(r, ',')
	r = appendCSVCell(r, ev.Type)
	r = append(r, ',')
	r = appendCSVCell(r, ev.Title)
	r = append(r, ',')
	c := t.cell[:0]
	for i, e := range ev.Entities {
		if i > 0 {
			c = append(c, "; "...)
		}
		c = append(c, e.Name...)
	}
	r = appendCSVCell(r, c)
	r = append(r, ',')
	c = c[:0]
	sentence := ""
	for i, s := range ev.Sources {
		if i > 0 {
			c = append(c, "; "...)
		}
		c = append(c, s.ArticleTitle...)
		if sentence == "" {
			sentence = s.SentenceText
		}
	}
	r = appendCSVCell(r, c)
	r = append(r, ',')
	r = appendCSVCell(r, sentence)
	r = append(r, '\n')
	t.row, t.cell = r, c
	if len(r) < timelineWriteSize {
		return nil
	}
	t.row = r[:0]
	_, err := t.w.Write(r)
	return err
}

// Close writes and flushes the rows written so far.
func (t *TimelineCSV) Close() error {
	if _, err := t.w.Write(t.row); err != nil {
		return err
	}
	t.row = t.row[:0]
	return t.w.Flush()
}

// appendCSVCell appends s made safe (csvCell: an apostrophe before what a
// spreadsheet would take for a formula) as a CSV field.
func appendCSVCell[T string | []byte](b []byte, s T) []byte {
	if len(s) > 0 && (strings.IndexByte("=+-@\t\r", s[0]) >= 0 || strings.HasPrefix(string(s[:min(len(s), len("−"))]), "−")) {
		// the apostrophe is the field's first character now: it needs
		// quotes only for what follows
		if !csvNeedsQuotesAfterFirst(s) {
			b = append(b, '\'')
			return append(b, s...)
		}
		b = append(b, '"', '\'')
		return appendCSVQuoted(b, s)
	}
	return appendCSVField(b, s)
}

// appendCSVField appends s as encoding/csv's Writer writes a field (comma
// separated, "\n" line ends).
func appendCSVField[T string | []byte](b []byte, s T) []byte {
	if len(s) == 0 {
		return b
	}
	r, _ := utf8.DecodeRuneInString(string(s[:min(len(s), utf8.UTFMax)]))
	if string(s) != `\.` && !unicode.IsSpace(r) && !csvNeedsQuotesAfterFirst(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	return appendCSVQuoted(b, s)
}

// csvNeedsQuotesAfterFirst reports whether s holds a character that makes
// csv.Writer quote a field: a quote, a comma, a line end.
func csvNeedsQuotesAfterFirst[T string | []byte](s T) bool {
	// four vectorised searches beat one loop over the bytes on the
	// sentences of an export (a few hundred bytes each)
	switch v := any(s).(type) {
	case string:
		return strings.IndexByte(v, '"') >= 0 || strings.IndexByte(v, ',') >= 0 ||
			strings.IndexByte(v, '\n') >= 0 || strings.IndexByte(v, '\r') >= 0
	case []byte:
		return bytes.IndexByte(v, '"') >= 0 || bytes.IndexByte(v, ',') >= 0 ||
			bytes.IndexByte(v, '\n') >= 0 || bytes.IndexByte(v, '\r') >= 0
	}
	panic("unreachable")
}

// appendCSVQuoted appends the rest of a quoted field after its opening
// quote: s with its quotes doubled, then the closing quote.
func appendCSVQuoted[T string | []byte](b []byte, s T) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, s[start:i+1]...)
			b = append(b, '"')
			start = i + 1
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// timelineJS is the document TimelineJS (timeline.knightlab.com) loads:
// {"events": [{"start_date": {"year": …}, "text": {"headline", "text"},
// "group", "unique_id"}]}. Dates are numbers, as its JSON format documents.
type timelineJS struct {
	Title  *tjsSlide  `json:"title,omitempty"`
	Events []tjsEvent `json:"events"`
}

type tjsSlide struct {
	Text tjsText `json:"text"`
}

type tjsDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

type tjsEvent struct {
	StartDate tjsDate `json:"start_date"`
	Text      tjsText `json:"text"`
	Group     string  `json:"group,omitempty"`
	UniqueID  string  `json:"unique_id"`
}

// tjsDateOf turns a TIMEX3 value (2025-01-20, 2024-11, 2023, 202 for the
// 2020s) into a TimelineJS date; ok is false for values it cannot place.
// The fields are cut one by one rather than split into a slice: a slice
// for each of two million events.
func tjsDateOf(v string) (tjsDate, bool) {
	y, rest, more := strings.Cut(v, "-")
	decade := len(y) == 3
	if len(y) != 4 && !decade {
		return tjsDate{}, false
	}
	year, err := strconv.Atoi(y)
	if err != nil {
		return tjsDate{}, false
	}
	if decade {
		year *= 10 // 202 for the 2020s
	}
	d := tjsDate{Year: year}
	if !more {
		return d, true
	}
	ms, rest, more := strings.Cut(rest, "-")
	m, err := strconv.Atoi(ms)
	if err != nil || m < 1 || m > 12 {
		return d, true // seasons, weeks: keep the year
	}
	d.Month = m
	if more {
		ds, _, _ := strings.Cut(rest, "-")
		if day, err := strconv.Atoi(ds); err == nil && day >= 1 && day <= 31 {
			d.Day = day
		}
	}
	return d, true
}

// WriteTimelineJS writes the events as a TimelineJS JSON document, grouped
// by event type. Events whose date cannot be placed are skipped.
func WriteTimelineJS(w io.Writer, title string, events []store.TimelineEvent) error {
	tw, err := NewTimelineJS(w, title)
	if err != nil {
		return err
	}
	for i := range events {
		if err := tw.Write(&events[i]); err != nil {
			return err
		}
	}
	return tw.Close()
}

// TimelineJS writes WriteTimelineJS's document one event at a time, for an
// export that streams events from the store (store.TimelineEach). The bytes
// are those json.Encoder with SetIndent("", "  ") makes of the whole
// timelineJS document: each event is marshalled on its own, indented as
// an element of "events" is.
type TimelineJS struct {
	w   *bufio.Writer
	n   int    // events written
	buf []byte // the events not yet handed to w (timelineWriteSize)
}

// timelineWriteSize is how many bytes of events the timeline writers
// gather before handing them on, in one write rather than copied into a
// 64 KB buffer and written from there (a TimelineJS export of 100,000
// articles is 1.3 GB). A megabyte made the CSV writer 4% slower than
// 64 KB copied (its rows leave the core's cache before they are
// written); 256 KB made neither slower.
const timelineWriteSize = 256 << 10

// NewTimelineJS writes the document's opening and its title slide.
func NewTimelineJS(w io.Writer, title string) (*TimelineJS, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n")
	if title != "" {
		b, err := json.MarshalIndent(tjsSlide{Text: tjsText{Headline: title}}, "  ", "  ")
		if err != nil {
			return nil, err
		}
		bw.WriteString(`  "title": `)
		bw.Write(b)
		bw.WriteString(",\n")
	}
	if _, err := bw.WriteString(`  "events": [`); err != nil {
		return nil, err
	}
	return &TimelineJS{w: bw}, nil
}

// Write writes ev unless its date cannot be placed; it does not keep ev.
// The event is laid out by hand, as MarshalIndent would lay out a tjsEvent
// (prefix "    ", indent "  ", empty fields left out), with its strings
// encoded by encoding/json: reflecting on the struct and re-indenting it
// took half the export's CPU time.
func (t *TimelineJS) Write(ev *store.TimelineEvent) error {
	d, ok := tjsDateOf(ev.Date)
	if !ok {
		return nil
	}
	b := t.buf
	if t.n > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n    {\n      \"start_date\": {\n        \"year\": "...)
	b = strconv.AppendInt(b, int64(d.Year), 10)
	if d.Month != 0 {
		b = append(b, ",\n        \"month\": "...)
		b = strconv.AppendInt(b, int64(d.Month), 10)
	}
	if d.Day != 0 {
		b = append(b, ",\n        \"day\": "...)
		b = strconv.AppendInt(b, int64(d.Day), 10)
	}
	b = append(b, "\n      },\n      \"text\": {\n        \"headline\": "...)
	b = appendJSONString(b, ev.Title)
	if len(ev.Sources) > 0 || len(ev.Entities) > 0 {
		// The body is HTML (the sources' sentences and titles, then the
		// entities' names) encoded as a JSON string, in one pass over
		// each text rather than an escaped copy escaped again. Each text
		// sits between ASCII markup, so each can be checked for valid
		// UTF-8 on its own (see appendJSONText).
		b = append(b, ",\n        \"text\": \""...)
		for _, s := range ev.Sources {
			b = append(b, `\u003cp\u003e`...)
			b = appendJSONText(b, s.SentenceText, true)
			b = append(b, ` \u003cem\u003e— `...)
			b = appendJSONText(b, s.ArticleTitle, true)
			b = append(b, `\u003c/em\u003e\u003c/p\u003e`...)
		}
		for i, e := range ev.Entities {
			if i == 0 {
				b = append(b, `\u003cp\u003e`...)
			} else {
				b = append(b, ", "...)
			}
			b = appendJSONText(b, e.Name, true)
			if i == len(ev.Entities)-1 {
				b = append(b, `\u003c/p\u003e`...)
			}
		}
		b = append(b, '"')
	}
	b = append(b, "\n      },"...)
	if ev.Type != "" {
		b = append(b, "\n      \"group\": "...)
		b = appendJSONString(b, ev.Type)
		b = append(b, ',')
	}
	b = append(b, "\n      \"unique_id\": \"annals-"...)
	b = strconv.AppendInt(b, ev.GroupID, 10)
	b = append(b, "\"\n    }"...)
	t.n++
	if len(b) < timelineWriteSize {
		t.buf = b
		return nil
	}
	t.buf = b[:0]
	_, err := t.w.Write(b)
	return err
}

// appendJSONString appends s quoted as encoding/json writes a string by
// default (json.Marshal, json.Encoder): <, > and & as \u003c, \u003e and
// \u0026, control characters escaped, invalid UTF-8 as \ufffd, U+2028 and
// U+2029 escaped. Marshal allocated for every string of millions
// (TestAppendJSONStringIsMarshals holds the two to the same bytes).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONText(b, s, false)
	return append(b, '"')
}

// appendJSONText appends s as appendJSONString does, without the quotes;
// with html, s escaped first as appendHTMLEscaped does (& < > " as
// character references). Invalid UTF-8 is replaced as in a JSON string
// that holds s between ASCII characters.
func appendJSONText(b []byte, s string, html bool) []byte {
	const hex = "0123456789abcdef"
	start := 0
	fastFrom := 0 // where plainPrefix is tried next
	for i := 0; i < len(s); {
		if i >= fastFrom {
			// Eight bytes at a time while they need nothing (most of a
			// sentence): a byte at a time, the branches between ASCII and
			// Arabic were most of the TimelineJS export's formatting.
			i += plainPrefix(s[i:])
			// what stopped it is within the next eight bytes: a byte at a
			// time up to there, not a failed try at each
			fastFrom = i + 8
			if i >= len(s) {
				break
			}
		}
		c := s[i]
		// A two-byte letter (Arabic, accented Latin) is valid when its
		// second byte continues it: stepped over without a decoding, in
		// the same pass as the rest (a pass of utf8.ValidString first was
		// a third of the TimelineJS export's formatting).
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch {
			case html && c == '&':
				b = append(b, `\u0026amp;`...)
			case html && c == '<':
				b = append(b, `\u0026lt;`...)
			case html && c == '>':
				b = append(b, `\u0026gt;`...)
			case html && c == '"':
				b = append(b, `\u0026quot;`...)
			}
			if html && htmlSpecial[c] {
				i++
				start = i
				continue
			}
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		// as encoding/json: a rune at a time, invalid bytes one by one
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}

// plainPrefix says how many of the bytes s begins with (the first begins
// a character) appendJSONText copies as they are, eight at a time: a
// multiple of eight, less one when the last word it takes ends in the
// lead byte of a two-byte letter, or all of s when the last eight bytes
// pass too. A word is taken when each of its bytes
// is printable ASCII other than " \ < > &, or a byte of a valid two-byte
// letter (a lead byte C2–DF followed by a continuation byte 80–BF);
// anything else (escapes, three- and four-byte letters, invalid bytes)
// is left to the byte-at-a-time path.
//
// Each test looks at the eight bytes at once (SWAR): x-lo &^ x & hi is
// not 0 exactly when a byte of x is 0 (v-0x20… the same for a byte below
// 0x20), which finds " and & (0x22, 0x26: 0x26 with bit 2 set), < and >
// (0x3C, 0x3E: 0x3E with bit 1 set), \, and the overlong lead bytes C0
// and C1. Above 0x7F, each byte's bits 6 and 5 are moved to its bit 7:
// every continuation byte (10xxxxxx) must come right after a lead byte
// (110xxxxx), the first only after a word that ends in one, and every
// lead but the last right before one; no lead of three or four bytes
// (111xxxxx). (In one function: a call per word was a third of the time;
// eight bytes a step whatever they hold, so that the next word's load and
// tests need not wait for this one's.)
func plainPrefix(s string) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	n := 0
	var carry uint64 // 0x80 when the word before ended in a lead byte
	for ; len(s)-n >= 8; n += 8 {
		w := s[n : n+8]
		v := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		x1, x2, x3, x4 := (v|lo*0x04)^lo*0x26, (v|lo*0x02)^lo*0x3E, v^lo*0x5C, v&(lo*0xFE)^lo*0xC0
		bad := (v-lo*0x20)&^v | (x1-lo)&^x1 | (x2-lo)&^x2 | (x3-lo)&^x3 | (x4-lo)&^x4
		high, b6, b5 := v&hi, (v<<1)&hi, (v<<2)&hi
		lead := high & b6 &^ b5
		if bad&hi != 0 || high&b6&b5 != 0 || high&^b6 != lead<<8|carry {
			// a word it stopped at may begin with the second byte of a
			// letter whose first it took
			return n - int(carry>>7)
		}
		carry = lead >> 56
	}
	if n == len(s) || n == 0 {
		return n - int(carry>>7)
	}
	// The last few bytes: the string's last eight, which overlap what
	// it took (a byte at a time, they were a fifth of the time). Their
	// first is a continuation byte only after the lead byte it took
	// before it; their last must not be a lead.
	w := s[len(s)-8:]
	v := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	x1, x2, x3, x4 := (v|lo*0x04)^lo*0x26, (v|lo*0x02)^lo*0x3E, v^lo*0x5C, v&(lo*0xFE)^lo*0xC0
	bad := (v-lo*0x20)&^v | (x1-lo)&^x1 | (x2-lo)&^x2 | (x3-lo)&^x3 | (x4-lo)&^x4
	high, b6, b5 := v&hi, (v<<1)&hi, (v<<2)&hi
	lead := high & b6 &^ b5
	first := high &^ b6 & 0x80 // 0x80 when the first is a continuation
	if bad&hi != 0 || high&b6&b5 != 0 || high&^b6 != lead<<8|first || lead>>63 != 0 {
		return n - int(carry>>7)
	}
	return len(s)
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are (with
// HTML escaping on): printable, not a quote, a backslash, <, > or &.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = !strings.ContainsRune(`"\<>&`, rune(c))
	}
	return t
}()

// Close ends the document and flushes it.
func (t *TimelineJS) Close() error {
	if t.n > 0 {
		t.buf = append(t.buf, "\n  ]\n}\n"...)
	} else {
		t.buf = append(t.buf, "]\n}\n"...)
	}
	if _, err := t.w.Write(t.buf); err != nil {
		return err
	}
	t.buf = t.buf[:0]
	return t.w.Flush()
}

// htmlSpecial marks the bytes the TimelineJS body writes as character
// references (appendJSONText).
var htmlSpecial = [256]bool{'&': true, '<': true, '>': true, '"': true}
