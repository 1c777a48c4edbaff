package library

import (
	"context"
	"fmt"
	"io"

	"annals/data/store"
	"annals/data/transfer"
)

// Timeline export formats.
const (
	FormatCSV        = "csv"
	FormatTimelineJS = "timelinejs"
)

// ExportTimeline writes the events f selects as CSV or TimelineJS JSON,
// streaming them from the store: a library of 100,000 articles holds a few
// hundred thousand events, too many to gather before writing the first.
func (l *Library) ExportTimeline(ctx context.Context, f store.TimelineFilter, format string, w io.Writer) error {
	var write func(*store.TimelineEvent) error
	var closeFn func() error
	switch format {
	case FormatCSV:
		tw, err := transfer.NewTimelineCSV(w)
		if err != nil {
			return err
		}
		write, closeFn = tw.Write, tw.Close
	case FormatTimelineJS:
		tw, err := transfer.NewTimelineJS(w, "Annals")
		if err != nil {
			return err
		}
		write, closeFn = tw.Write, tw.Close
	default:
		return fmt.Errorf("unknown export format %q", format)
	}
	if err := l.store.TimelineEach(ctx, f, write); err != nil {
		return err
	}
	return closeFn()
}
