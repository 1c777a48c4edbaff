package cputime

import (
	"testing"
	"time"
)

// Busy work moves the process's CPU time forward by about as much as the
// work took, never backward.
func TestProcessCountsWork(t *testing.T) {
	before := Process()
	start := time.Now()
	x := 0
	for time.Since(start) < 50*time.Millisecond {
		for i := 0; i < 1000; i++ {
			x += i * i
		}
	}
	used := Process() - before
	if used < 20*time.Millisecond || x == 1 {
		t.Errorf("50 ms of busy work counted %v of CPU", used)
	}
}
