// Package cputime reads the CPU time this process, or one of its threads,
// has used. Benchmarks and the tools that time Annals report it beside wall
// time: on a shared machine other processes stretch wall time but not this
// figure.
package cputime

import "time"

// Process is the user plus system CPU time of the whole process so far
// (every thread), or 0 where the system does not say.
func Process() time.Duration { return process() }

// Thread is the CPU time the calling OS thread has used, to the nanosecond
// (CLOCK_THREAD_CPUTIME_ID; getrusage's RUSAGE_THREAD counts in 4 ms ticks
// here), with ok false where it is not measured (other systems than Linux).
// Lock the goroutine to its thread (runtime.LockOSThread) around the work
// measured: it then leaves out the garbage collector and other goroutines.
func Thread() (d time.Duration, ok bool) { return thread() }
