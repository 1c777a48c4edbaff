package library

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"annals/data/store"
	"annals/data/transfer"
)

// The export streams events from the store (store.TimelineEach); its bytes
// must be those of the export that gathered every event first (Timeline
// into WriteTimelineCSV / WriteTimelineJS), on a real library.
func TestExportTimelineStreamsTheSameBytes(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	empty := func(format string) string {
		var b bytes.Buffer
		if err := l.ExportTimeline(ctx, store.TimelineFilter{}, format, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if got := empty(FormatTimelineJS); got != "{\n  \"title\": {\n    \"text\": {\n      \"headline\": \"Annals\"\n    }\n  },\n  \"events\": []\n}\n" {
		t.Errorf("empty TimelineJS export = %q", got)
	}
	if got := empty(FormatCSV); got != "date,precision,type,title,entities,sources,sentence\n" {
		t.Errorf("empty CSV export = %q", got)
	}

	samples, err := filepath.Glob("../../assets/samples/*.html")
	if err != nil || len(samples) < 2 {
		t.Fatalf("samples: %v, %v", samples, err)
	}
	var pages []Page
	for _, p := range samples {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, Page{URL: "https://example.org/" + filepath.Base(p), HTML: b})
	}
	res, err := l.AddPages(ctx, pages...).Wait()
	if err != nil || len(res.IDs) != len(pages) {
		t.Fatalf("adding the samples: %+v, %v", res, err)
	}
	if _, err := l.ReanalyzeAll(ctx).Wait(); err != nil {
		t.Fatal(err)
	}

	filters := map[string]store.TimelineFilter{
		"whole library": {},
		"one article":   {ArticleID: res.IDs[0]},
		"a window":      {From: "2020", To: "2025", Limit: 5},
	}
	for name, f := range filters {
		events, err := l.store.Timeline(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		withEntities := 0
		for _, ev := range events {
			if len(ev.Entities) > 0 {
				withEntities++
			}
		}
		if name == "whole library" && (len(events) < 5 || withEntities == 0) {
			t.Fatalf("the samples give %d timeline events, %d with entities: too few to compare exports", len(events), withEntities)
		}
		var wantCSV, wantJS, gotCSV, gotJS bytes.Buffer
		if err := transfer.WriteTimelineCSV(&wantCSV, events); err != nil {
			t.Fatal(err)
		}
		if err := transfer.WriteTimelineJS(&wantJS, "Annals", events); err != nil {
			t.Fatal(err)
		}
		if err := l.ExportTimeline(ctx, f, FormatCSV, &gotCSV); err != nil {
			t.Fatal(err)
		}
		if err := l.ExportTimeline(ctx, f, FormatTimelineJS, &gotJS); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gotCSV.Bytes(), wantCSV.Bytes()) {
			t.Errorf("%s: streamed CSV differs (%d bytes, want %d):\n%s\nwant:\n%s", name, gotCSV.Len(), wantCSV.Len(), gotCSV.String(), wantCSV.String())
		}
		if !bytes.Equal(gotJS.Bytes(), wantJS.Bytes()) {
			t.Errorf("%s: streamed TimelineJS differs (%d bytes, want %d):\n%s\nwant:\n%s", name, gotJS.Len(), wantJS.Len(), gotJS.String(), wantJS.String())
		}
		t.Logf("%s: %d events, %d with entities; CSV %d bytes, TimelineJS %d bytes", name, len(events), withEntities, gotCSV.Len(), gotJS.Len())
	}
	if err := l.ExportTimeline(ctx, store.TimelineFilter{}, "xml", &bytes.Buffer{}); err == nil {
		t.Error("an unknown format exported without an error")
	}
}
