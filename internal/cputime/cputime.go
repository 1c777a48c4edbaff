// Package cputime reads the CPU time this process has used. Benchmarks and
// the tools that time Annals report it beside wall time: on a shared
// machine other processes stretch wall time but not this figure.
package cputime

import "time"

// Process is the user plus system CPU time of the whole process so far
// (every thread), or 0 where the system does not say.
func Process() time.Duration { return process() }
