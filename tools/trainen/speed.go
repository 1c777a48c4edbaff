package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"syscall"
	"time"

	"annals/data/analysis/ner"
)

// cpuTime is the process's user+system CPU time (wall time is noisy on a
// shared machine).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeTagger compares the CPU time of Analyze on pages without the English
// tagger and with m (as loaded from its model file), rounds alternating.
func timeTagger(pages []*page, m *ner.Model) error {
	tokens := 0
	for _, p := range pages {
		tokens += len(p.toks)
	}
	const rounds = 3
	var off, on time.Duration
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for r := 0; r < rounds; r++ {
		for k, tagger := range []*ner.Model{nil, m} {
			t0 := cpuTime()
			for _, p := range pages {
				if _, err := analyze(p, tagger); err != nil {
					return err
				}
			}
			if k == 0 {
				off += cpuTime() - t0
			} else {
				on += cpuTime() - t0
			}
		}
	}
	perTok := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(rounds*tokens) / 1000 }
	fmt.Printf("\nspeed (%d pages, %d tokens, %d rounds alternating, CPU time): Analyze without the English tagger %.3f µs/token, with it %.3f µs/token (+%.0f %%)\n",
		len(pages), tokens, rounds, perTok(off), perTok(on), 100*(float64(on)/float64(off)-1))
	return nil
}

// cpuProfile (-cpuprofile) is where -speed writes a CPU profile of its
// rounds.
var cpuProfile string
