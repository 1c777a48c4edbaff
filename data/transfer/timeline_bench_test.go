package transfer

import (
	"context"
	"io"
	"os"
	"path/filepath"
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
