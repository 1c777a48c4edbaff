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

// ExportTimeline writes the events f selects as CSV or TimelineJS JSON.
func (l *Library) ExportTimeline(ctx context.Context, f store.TimelineFilter, format string, w io.Writer) error {
	events, err := l.store.Timeline(ctx, f)
	if err != nil {
		return err
	}
	switch format {
	case FormatCSV:
		return transfer.WriteTimelineCSV(w, events)
	case FormatTimelineJS:
		return transfer.WriteTimelineJS(w, "Annals", events)
	}
	return fmt.Errorf("unknown export format %q", format)
}
