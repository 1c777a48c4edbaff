package cputime

import (
	"runtime"
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

// Busy work on a locked thread moves its CPU time forward by about as much
// as the work took; sleeping does not.
func TestThreadCountsOnlyThisThreadsWork(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before, ok := Thread()
	if !ok {
		if runtime.GOOS == "linux" {
			t.Fatal("Linux has a thread CPU clock: want ok")
		}
		t.Skip("no thread CPU clock on " + runtime.GOOS)
	}
	time.Sleep(50 * time.Millisecond)
	slept, _ := Thread()
	if slept-before > 10*time.Millisecond {
		t.Errorf("50 ms asleep counted %v of the thread's CPU", slept-before)
	}
	start := time.Now()
	x := 0
	for time.Since(start) < 50*time.Millisecond {
		for i := 0; i < 1000; i++ {
			x += i * i
		}
	}
	used, _ := Thread()
	if used-slept < 20*time.Millisecond || x == 1 {
		t.Errorf("50 ms of busy work counted %v of the thread's CPU", used-slept)
	}
}
