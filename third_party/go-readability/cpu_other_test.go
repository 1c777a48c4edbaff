//go:build !(linux || darwin || freebsd)

package readability

import "time"

// processCPU is not measured here: BenchmarkBenchPages reports wall time only.
func processCPU() time.Duration { return 0 }
