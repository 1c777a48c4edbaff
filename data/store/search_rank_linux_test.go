package store

import (
	"syscall"
	"time"
	"unsafe"
)

// cpuNow is the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID, to the
// nanosecond; getrusage's RUSAGE_THREAD counts in 4 ms ticks here).
func cpuNow() time.Duration {
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
