package views

import (
	"syscall"
	"time"
	"unsafe"
)

// threadCPU is the CPU time the calling OS thread has used. The probe reads
// it on the UI thread (Fyne's GLFW driver locks its loop to the main
// thread), so from an input to the frame that shows its change it is the
// work the UI thread did, without the time it waited for a core on a busy
// machine (CLOCK_THREAD_CPUTIME_ID; the software rasteriser's own threads
// are not counted).
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return -1
	}
	return time.Duration(ts.Nano())
}
