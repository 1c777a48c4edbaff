//go:build !linux

package views

import "time"

// threadCPU is not measured here: -1 tells the harness so.
func threadCPU() time.Duration { return -1 }
