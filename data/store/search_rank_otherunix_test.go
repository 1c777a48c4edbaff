//go:build unix && !linux

package store

import (
	"syscall"
	"time"
)

// cpuNow is the process's CPU time: other systems' getrusage has no
// cheaper per-thread figure to the microsecond.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
