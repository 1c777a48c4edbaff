package main

import (
	"context"
	"fmt"
	"time"

	"annals/data/store"
)

// exportOnly (-export-only) measures only the whole-library timeline
// exports of an existing library (issue 19): a run of a minute rather
// than of the whole scale part.
var exportOnly bool

// measureExports times the timeline exports of the whole library: as
// data/library/export.go writes them (streamed from the store), and, with
// gathered, as they were written before (every event gathered first).
// Wall time, this process's CPU time (which the load does not inflate)
// and the load beside them.
func measureExports(ctx context.Context, st *store.Store, sec string, big, gathered bool) {
	// At 100k each whole-library pass takes seconds to tens of seconds
	// on a busy machine: one timed run after the warm-up there.
	runs := 3
	if big {
		runs = 1
	}
	exports := []struct {
		name   string
		stream bool
		js     bool
	}{
		{"timeline export CSV (streamed)", true, false},
		{"timeline export TimelineJS (streamed)", true, true},
	}
	if gathered {
		exports = append(exports, struct {
			name   string
			stream bool
			js     bool
		}{"timeline export CSV (gathered first, before)", false, false})
	}
	for _, x := range exports {
		var size int64
		var cpu time.Duration
		load0 := loadAvg()
		wall := median(runs, func() error {
			cw := &countingWriter{}
			c0 := cpuTime()
			defer func() { cpu = cpuTime() - c0; size = cw.n }()
			return exportTimeline(ctx, st, x.stream, x.js, cw)
		})
		f := add(sec, x.name, wall.Seconds(), "s").note(fmt.Sprintf("%.1f MB; %.2f s CPU (last run); load %s → %s; goal < 5 s is at 100k",
			float64(size)/1e6, cpu.Seconds(), load0, loadAvg()))
		if big && x.stream {
			f.atMost(5)
		}
	}
}
