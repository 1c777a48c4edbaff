package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"annals/data/analysis"
	"annals/data/capture"
	"annals/data/library"
)

type timexJSON struct {
	Text      string `json:"text"`
	Value     string `json:"value"`
	Precision string `json:"precision"`
	Type      string `json:"type"`
	Start     int    `json:"start"` // bytes into the article text
	End       int    `json:"end"`
}

type entityMentionsJSON struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	NameAr   string `json:"name_ar,omitempty"`
	Type     string `json:"type"`
	Mentions int    `json:"mentions"`
}

type eventJSON struct {
	Date      string   `json:"date"`
	Precision string   `json:"precision"`
	Type      string   `json:"type"`
	Title     string   `json:"title"`
	Entities  []string `json:"entities"`
	Sentence  string   `json:"sentence"`
}

type analysisJSON struct {
	Language  string               `json:"language"`
	Published string               `json:"published,omitempty"`
	Sentences int                  `json:"sentences"`
	Timexes   []timexJSON          `json:"timexes"`
	Entities  []entityMentionsJSON `json:"entities"`
	Events    []eventJSON          `json:"events"`
}

// analyze reads an article for events and entities: a saved one by id
// (storing the result again), or a page on disk, which is not saved.
func analyze(ctx context.Context, lib *library.Library, arg string, out *printer) error {
	var res analysis.Result
	var published time.Time
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil && !isFile(arg) {
		a, err := lib.Get(ctx, id)
		if errors.Is(err, library.ErrNotFound) {
			return userErrorf("no article with id %d", id)
		}
		if err != nil {
			return err
		}
		published = a.Published
		if res, err = lib.Analyze(ctx, id); err != nil {
			return err
		}
	} else {
		doc, err := capture.ReadFile(ctx, arg)
		if err != nil {
			return err
		}
		published = doc.Published
		if res, err = lib.AnalyzeDocument(ctx, doc); err != nil {
			return err
		}
	}
	j := analysisJSON{Language: res.Language, Published: fmtDate(published), Sentences: len(res.Sentences),
		Timexes: []timexJSON{}, Entities: []entityMentionsJSON{}, Events: []eventJSON{}}
	for _, t := range res.Timexes {
		j.Timexes = append(j.Timexes, timexJSON{t.Text, t.Value, t.Precision, t.Type, t.Start, t.End})
	}
	names := map[string]string{}
	for _, e := range res.Entities {
		names[e.ID] = e.Name
		j.Entities = append(j.Entities, entityMentionsJSON{e.ID, e.Name, e.NameAr, e.Type, len(e.Mentions)})
	}
	slices.SortStableFunc(j.Entities, func(a, b entityMentionsJSON) int { return b.Mentions - a.Mentions })
	for _, ev := range res.Events {
		ents := []string{}
		for _, id := range ev.EntityIDs {
			ents = append(ents, names[id])
		}
		j.Events = append(j.Events, eventJSON{ev.Date, ev.Precision, ev.Type, ev.Title, ents, ev.SentenceText})
	}
	return out.emit(j, func(w io.Writer) {
		fmt.Fprintf(w, "language %s", j.Language)
		if j.Published != "" {
			fmt.Fprintf(w, " · published %s", published.Format("2006-01-02"))
		}
		fmt.Fprintf(w, " · %d sentences · %d time expressions\n\nEvents\n", j.Sentences, len(j.Timexes))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, e := range j.Events {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Date, e.Type, oneLineText(e.Title), strings.Join(e.Entities, ", "))
		}
		tw.Flush()
		fmt.Fprintln(w, "\nEntities")
		for _, e := range j.Entities {
			fmt.Fprintf(tw, "%d\t%s\t%s\n", e.Mentions, e.Type, entityName(e.Name, e.NameAr))
		}
		tw.Flush()
	})
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

func entityName(name, nameAr string) string {
	if name == "" {
		return nameAr
	}
	if nameAr == "" || nameAr == name {
		return name
	}
	return name + " (" + nameAr + ")"
}

type entityRefJSON struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	NameAr string `json:"name_ar,omitempty"`
	Type   string `json:"type"`
}

type sourceJSON struct {
	EventID      int64  `json:"event_id"`
	ArticleID    int64  `json:"article_id"`
	ArticleTitle string `json:"article_title"`
	Title        string `json:"title"`
	Sentence     string `json:"sentence"`
	Start        int    `json:"start"` // the sentence, in bytes into the article text
	End          int    `json:"end"`
}

type timelineJSON struct {
	Date      string          `json:"date"`
	Precision string          `json:"precision"`
	Type      string          `json:"type"`
	Title     string          `json:"title"`
	Entities  []entityRefJSON `json:"entities"`
	Sources   []sourceJSON    `json:"sources"`
}

// timeline prints the library's events by date, one line each.
func timeline(ctx context.Context, lib *library.Library, out *printer) error {
	tl, err := lib.Timeline(ctx, library.TimelineFilter{})
	if err != nil {
		return err
	}
	js := []timelineJSON{}
	for _, g := range tl {
		j := timelineJSON{Date: g.Date, Precision: g.Precision, Type: g.Type, Title: g.Title,
			Entities: []entityRefJSON{}, Sources: []sourceJSON{}}
		for _, e := range g.Entities {
			j.Entities = append(j.Entities, entityRefJSON{e.Key, e.Name, e.NameAr, e.Type})
		}
		for _, s := range g.Sources {
			j.Sources = append(j.Sources, sourceJSON{s.EventID, s.ArticleID, s.ArticleTitle, s.Title, s.SentenceText,
				s.Sentence.Start, s.Sentence.End})
		}
		js = append(js, j)
	}
	return out.emit(js, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, j := range js {
			var names []string
			for _, e := range j.Entities {
				names = append(names, entityName(e.Name, ""))
			}
			title := oneLineText(j.Title)
			if n := len(j.Sources); n > 1 {
				title += fmt.Sprintf(" (%d articles)", n)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", j.Date, j.Type, title, strings.Join(names, ", "))
		}
		tw.Flush()
	})
}

type entitySummaryJSON struct {
	entityRefJSON
	Mentions int `json:"mentions"`
	Articles int `json:"articles"`
	Events   int `json:"events"`
}

// entities prints the library's entities, most mentioned first.
func entities(ctx context.Context, lib *library.Library, out *printer) error {
	es, err := lib.Entities(ctx, library.EntityFilter{})
	if err != nil {
		return err
	}
	js := []entitySummaryJSON{}
	for _, e := range es {
		js = append(js, entitySummaryJSON{entityRefJSON{e.Key, e.Name, e.NameAr, e.Type}, e.Mentions, e.Articles, e.Events})
	}
	return out.emit(js, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "MENTIONS\tARTICLES\tEVENTS\tTYPE\tNAME")
		for _, e := range js {
			fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\n", e.Mentions, e.Articles, e.Events, e.Type, entityName(e.Name, e.NameAr))
		}
		tw.Flush()
	})
}
