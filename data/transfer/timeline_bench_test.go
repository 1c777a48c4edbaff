package transfer

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"annals/data/store"
)

// BenchmarkTimelineExportLibrary streams the whole timeline of the library
// named by ANNALS_BENCH_LIBRARY (an annals.db made by tools/benchharness
// -work; a copy, since opening it migrates it) into CSV and TimelineJS, as
// library.ExportTimeline does, and reports the time per event. Skipped
// without the variable: a library worth measuring is too large to commit.
// With ANNALS_BENCH_OUT naming a folder, each format's last output is
// written there (timeline.csv, timeline.timelinejs), to compare the bytes
// of two builds with cmp.
func BenchmarkTimelineExportLibrary(b *testing.B) {
	path := os.Getenv("ANNALS_BENCH_LIBRARY")
	if path == "" {
		b.Skip("ANNALS_BENCH_LIBRARY names no library")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, format := range []string{"csv", "timelinejs"} {
		b.Run(format, func(b *testing.B) {
			events := 0
			// the seconds before the first event (reading, the store's
			// part alone), from it to the end (grouping and writing
			// together), and spent in the writer's Write
			var reading, emitting, writing time.Duration
			for b.Loop() {
				events = 0
				t0 := time.Now()
				var first time.Time
				var out io.Writer = io.Discard
				if dir := os.Getenv("ANNALS_BENCH_OUT"); dir != "" {
					f, err := os.Create(filepath.Join(dir, "timeline."+format))
					if err != nil {
						b.Fatal(err)
					}
					defer f.Close()
					out = f
				}
				var write func(*store.TimelineEvent) error
				var closeFn func() error
				if format == "csv" {
					tw, err := NewTimelineCSV(out)
					if err != nil {
						b.Fatal(err)
					}
					write, closeFn = tw.Write, tw.Close
				} else {
					tw, err := NewTimelineJS(out, "Annals")
					if err != nil {
						b.Fatal(err)
					}
					write, closeFn = tw.Write, tw.Close
				}
				err := st.TimelineEach(ctx, store.TimelineFilter{}, func(ev *store.TimelineEvent) error {
					events++
					t := time.Now()
					if events == 1 {
						first = t
					}
					err := write(ev)
					writing += time.Since(t)
					return err
				})
				if err == nil {
					err = closeFn()
				}
				if err != nil {
					b.Fatal(err)
				}
				if !first.IsZero() {
					reading += first.Sub(t0)
					emitting += time.Since(first)
				}
			}
			b.ReportMetric(reading.Seconds()/float64(b.N), "s-reading")
			b.ReportMetric(emitting.Seconds()/float64(b.N), "s-emitting")
			b.ReportMetric(writing.Seconds()/float64(b.N), "s-writing")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(events, 1)), "ns/group")
		})
	}
}

// BenchmarkTimelineWritersLibrary times the writers alone on the first
// 300,000 events of the ANNALS_BENCH_LIBRARY library, held in memory:
// the formatting without the reading, steadier than the whole export on
// a busy machine.
func BenchmarkTimelineWritersLibrary(b *testing.B) {
	path := os.Getenv("ANNALS_BENCH_LIBRARY")
	if path == "" {
		b.Skip("ANNALS_BENCH_LIBRARY names no library")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var events []store.TimelineEvent
	stop := errors.New("enough")
	err = st.TimelineEach(ctx, store.TimelineFilter{}, func(ev *store.TimelineEvent) error {
		// the store's strings and slices are its own until the next event
		e := *ev
		e.Sources = slices.Clone(e.Sources)
		e.Entities = slices.Clone(e.Entities)
		for i := range e.Sources {
			e.Sources[i].SentenceText = strings.Clone(e.Sources[i].SentenceText)
		}
		e.Title, e.Date = strings.Clone(e.Title), strings.Clone(e.Date)
		events = append(events, e)
		if len(events) == 300_000 {
			return stop
		}
		return nil
	})
	if err != nil && err != stop {
		b.Fatal(err)
	}
	st.Close()
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			if err := WriteTimelineCSV(io.Discard, events); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(events)), "ns/group")
	})
	b.Run("timelinejs", func(b *testing.B) {
		for b.Loop() {
			if err := WriteTimelineJS(io.Discard, "Annals", events); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(events)), "ns/group")
	})
}
