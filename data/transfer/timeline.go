// Package transfer moves a library's contents in and out of Annals: for now
// the timeline's exports (CSV and TimelineJS JSON); importers and backups
// follow the same shape.
package transfer

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"annals/data/store"
)

// WriteTimelineCSV writes one row per event: date, precision, type, title,
// entities (separated by "; "), and sources (article titles, "; ").
func WriteTimelineCSV(w io.Writer, events []store.TimelineEvent) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"date", "precision", "type", "title", "entities", "sources", "sentence"}); err != nil {
		return err
	}
	for _, ev := range events {
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
		rec := []string{ev.Date, ev.Precision, ev.Type, ev.Title, strings.Join(ents, "; "), strings.Join(srcs, "; "), sentence}
		if err := cw.Write(csvCells(rec)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
			fmt.Fprintf(&body, "<p>%s <em>— %s</em></p>", htmlEscape(s.SentenceText), htmlEscape(s.ArticleTitle))
		}
		if len(ev.Entities) > 0 {
			var names []string
			for _, e := range ev.Entities {
				names = append(names, htmlEscape(e.Name))
			}
			fmt.Fprintf(&body, "<p>%s</p>", strings.Join(names, ", "))
		}
		doc.Events = append(doc.Events, tjsEvent{
			StartDate: d,
			Text:      tjsText{Headline: ev.Title, Text: body.String()},
			Group:     ev.Type,
			UniqueID:  "annals-" + strconv.FormatInt(ev.GroupID, 10),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }
