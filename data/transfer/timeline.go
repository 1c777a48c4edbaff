package transfer

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

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
// export that streams events from the store (store.TimelineEach).
type TimelineCSV struct {
	cw         *csv.Writer
	ents, srcs []string
}

// NewTimelineCSV writes the header row; Close flushes the rest.
func NewTimelineCSV(w io.Writer) (*TimelineCSV, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"date", "precision", "type", "title", "entities", "sources", "sentence"}); err != nil {
		return nil, err
	}
	return &TimelineCSV{cw: cw}, nil
}

// Write writes ev's row; it does not keep ev.
func (t *TimelineCSV) Write(ev *store.TimelineEvent) error {
	t.ents, t.srcs = t.ents[:0], t.srcs[:0]
	for _, e := range ev.Entities {
		t.ents = append(t.ents, e.Name)
	}
	sentence := ""
	for _, s := range ev.Sources {
		t.srcs = append(t.srcs, s.ArticleTitle)
		if sentence == "" {
			sentence = s.SentenceText
		}
	}
	rec := []string{ev.Date, ev.Precision, ev.Type, ev.Title, strings.Join(t.ents, "; "), strings.Join(t.srcs, "; "), sentence}
	return t.cw.Write(csvCells(rec))
}

// Close flushes the rows written so far.
func (t *TimelineCSV) Close() error {
	t.cw.Flush()
	return t.cw.Error()
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
func tjsDateOf(v string) (tjsDate, bool) {
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
			return d, true // seasons, weeks: keep the year
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
	w         *bufio.Writer
	n         int    // events written
	buf, body []byte // reused from event to event
}

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
	body := t.body[:0]
	for _, s := range ev.Sources {
		body = append(body, "<p>"...)
		body = append(body, htmlEscape(s.SentenceText)...)
		body = append(body, " <em>— "...)
		body = append(body, htmlEscape(s.ArticleTitle)...)
		body = append(body, "</em></p>"...)
	}
	for i, e := range ev.Entities {
		if i == 0 {
			body = append(body, "<p>"...)
		} else {
			body = append(body, ", "...)
		}
		body = append(body, htmlEscape(e.Name)...)
		if i == len(ev.Entities)-1 {
			body = append(body, "</p>"...)
		}
	}
	t.body = body
	b := t.buf[:0]
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
	var err error
	if b, err = appendJSONString(b, ev.Title); err != nil {
		return err
	}
	if len(body) > 0 {
		b = append(b, ",\n        \"text\": "...)
		if b, err = appendJSONString(b, string(body)); err != nil {
			return err
		}
	}
	b = append(b, "\n      },"...)
	if ev.Type != "" {
		b = append(b, "\n      \"group\": "...)
		if b, err = appendJSONString(b, ev.Type); err != nil {
			return err
		}
		b = append(b, ',')
	}
	b = append(b, "\n      \"unique_id\": \"annals-"...)
	b = strconv.AppendInt(b, ev.GroupID, 10)
	b = append(b, "\"\n    }"...)
	t.buf = b
	t.n++
	_, err = t.w.Write(b)
	return err
}

// appendJSONString appends s as encoding/json writes a string (HTML
// characters escaped, as json.Encoder does by default).
func appendJSONString(b []byte, s string) ([]byte, error) {
	q, err := json.Marshal(s)
	return append(b, q...), err
}

// Close ends the document and flushes it.
func (t *TimelineJS) Close() error {
	if t.n > 0 {
		t.w.WriteString("\n  ]\n}\n")
	} else {
		t.w.WriteString("]\n}\n")
	}
	return t.w.Flush()
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }
