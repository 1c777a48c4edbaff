package library

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// gcPercent reads the collector's target percent (SetGCPercent is the only
// reader, so it is set back at once).
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestBulkGCPercentKeepsTheGrowthToTheHeadroom(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{bulkGCHeadroom, 200},
		{2 * bulkGCHeadroom, 150},
		{1 << 20, bulkGCMaxPercent},
		{100 * bulkGCHeadroom, 101},
	} {
		if got := bulkGCPercent(c.live); got != c.want {
			t.Errorf("bulkGCPercent(%d MB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

// Two bulk jobs overlapping: the target stays raised until the second
// ends, then is the default again; a target set by the user (GOGC) is left.
func TestBulkGCRaiseIsRestoredWhenTheLastJobEnds(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	runtime.GC()
	first := raiseGCForBulk()
	if p := gcPercent(); p <= 100 {
		t.Fatalf("during a bulk job the GC percent is %d, want it raised above 100", p)
	}
	second := raiseGCForBulk()
	first()
	first() // a second call changes nothing
	if p := gcPercent(); p <= 100 {
		t.Fatalf("with a bulk job still running the GC percent is %d, want it raised", p)
	}
	runtime.GC() // the re-tuning after a collection keeps it raised
	runtime.GC()
	if p := gcPercent(); p <= 100 {
		t.Fatalf("after collections during a bulk job the GC percent is %d, want it raised", p)
	}
	second()
	if p := gcPercent(); p != 100 {
		t.Fatalf("after the bulk jobs the GC percent is %d, want 100 back", p)
	}
	runtime.GC() // a stale re-tuning must not raise it again
	runtime.GC()
	if p := gcPercent(); p != 100 {
		t.Fatalf("after the bulk jobs and collections the GC percent is %d, want 100", p)
	}

	debug.SetGCPercent(50)
	done := raiseGCForBulk()
	if p := gcPercent(); p != 50 {
		t.Errorf("a GC percent of 50 set by the user became %d during a bulk job", p)
	}
	done()
	if p := gcPercent(); p != 50 {
		t.Errorf("a GC percent of 50 set by the user became %d after a bulk job", p)
	}
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// An import of 1,500 pages of 50 KB at the default GC target, with the
// bulk raise and without: the raise must save collections and let the heap
// in use grow by no more than its headroom (and a little sampling slack)
// beyond where it peaks without it.
func TestBulkGCRaiseSavesCollectionsWithinItsHeadroom(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 3,000 pages")
	}
	const pages, size = 1500, 50 << 10
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer func(was bool) { bulkGCRaise = was }(bulkGCRaise)
	run := func(raise bool) (peak uint64, cycles uint64) {
		bulkGCRaise = raise
		dir := t.TempDir()
		p, _ := writeOmnivorePages(t, dir, pages, size)
		l := openTemp(t)
		ctx := context.Background()
		if _, err := l.gazetteer(ctx); err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		heap := sampleHeap()
		c0 := gcCycles()
		if _, err := l.Import(ctx, p).Wait(); err != nil {
			t.Fatal(err)
		}
		cycles = gcCycles() - c0
		return heap.stop(), cycles
	}
	offPeak, offCycles := run(false)
	onPeak, onCycles := run(true)
	t.Logf("%d pages: default target: %d collections, heap in use at most %d MB; raised: %d collections, at most %d MB",
		pages, offCycles, offPeak>>20, onCycles, onPeak>>20)
	if onCycles*4 > offCycles*3 {
		t.Errorf("the raise saved too few collections: %d with it, %d without", onCycles, offCycles)
	}
	if onPeak > offPeak+bulkGCHeadroom+16<<20 {
		t.Errorf("with the raise the heap in use peaked at %d MB, without at %d MB: more than the %d MB headroom", onPeak>>20, offPeak>>20, bulkGCHeadroom>>20)
	}
}
