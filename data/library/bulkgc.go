package library

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A bulk save (AddPages, an import) allocates about 1.7 MB a page while
// some 40 MB stay live, so at the default GOGC of 100 the collector runs
// every few dozen pages and cost about 0.6 CPU ms a page of the 181 of the
// extraction benchmark (issue 19). While such a job runs, the collector's
// target is raised so that the heap may grow bulkGCHeadroom beyond where it
// would by default, and no further: after every collection the percent is
// worked out again from the heap left live (live × (1 + percent/100) =
// 2 × live + bulkGCHeadroom), so a large live heap gets a smaller raise, not
// a larger growth. A fixed GOGC of 400 saved as much but let the heap grow
// to five times the live heap.
const (
	bulkGCHeadroom   = 32 << 20
	bulkGCMaxPercent = 400
)

// bulkGCRaise is false to keep the default target during bulk jobs (a test
// compares the two).
var bulkGCRaise = true

var bulkGC struct {
	mu       sync.Mutex
	jobs     int // bulk jobs running
	previous int // the percent to restore when the last one ends
	gen      int // which chain of per-collection re-tunings is current
	raised   bool
}

// raiseGCForBulk raises the collector's target for a bulk job; the function
// it returns puts it back once every bulk job running has ended. When the
// collector was set off or at or above the most the raise goes to (GOGC in
// the environment), it is left as it is.
func raiseGCForBulk() (restore func()) {
	bulkGC.mu.Lock()
	defer bulkGC.mu.Unlock()
	if bulkGC.jobs == 0 {
		// reading the percent sets it: 100 is written and, unless it was
		// 100, the previous one at once
		bulkGC.previous = debug.SetGCPercent(100)
		bulkGC.gen++
		bulkGC.raised = bulkGC.previous == 100 && bulkGCRaise
		if bulkGC.raised {
			debug.SetGCPercent(bulkGCPercent(liveHeapBytes()))
			armBulkGCRetune(bulkGC.gen)
		} else if bulkGC.previous != 100 {
			debug.SetGCPercent(bulkGC.previous)
		}
	}
	bulkGC.jobs++
	var once sync.Once
	return func() {
		once.Do(func() {
			bulkGC.mu.Lock()
			defer bulkGC.mu.Unlock()
			bulkGC.jobs--
			if bulkGC.jobs == 0 {
				bulkGC.gen++ // ends the re-tuning chain
				if bulkGC.raised {
					debug.SetGCPercent(bulkGC.previous)
					bulkGC.raised = false
				}
			}
		})
	}
}

// armBulkGCRetune re-tunes the percent after the next collection (the
// cleanup of an object nothing holds runs once a collection has found it
// unreachable), and arms itself again while the chain gen is current.
func armBulkGCRetune(gen int) {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(gen int) {
		bulkGC.mu.Lock()
		defer bulkGC.mu.Unlock()
		if gen != bulkGC.gen || bulkGC.jobs == 0 {
			return
		}
		debug.SetGCPercent(bulkGCPercent(liveHeapBytes()))
		armBulkGCRetune(gen)
	}, gen)
}

// bulkGCPercent is the percent at which a collection starts at twice the
// live heap plus bulkGCHeadroom, between the default 100 and
// bulkGCMaxPercent.
func bulkGCPercent(live uint64) int {
	if live == 0 {
		return 100
	}
	return min(100+int(uint64(bulkGCHeadroom)*100/live), bulkGCMaxPercent)
}

// liveHeapBytes is the heap the last collection left live (0 when the
// runtime does not say).
func liveHeapBytes() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
