package main

import (
	"bytes"
	"context"
	"fmt"
	"syscall"
	"time"

	"annals/data/analysis"
	"annals/data/analysis/ner"
)

// cpuTime is the process's user+system CPU time (wall time is noisy on a
// shared machine).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeTagger compares the CPU time of Analyze on pages with that of the
// tagger's work on them (tokens, features, decoding with the compact
// model as the analysis would load it), every sentence tagged: an upper
// bound for an integration that tags only where the rules left a
// capitalised word.
func timeTagger(pages []*page, lx *lexicons, m *ner.Model) error {
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf, 0.5)
	if err != nil {
		return err
	}
	loaded, err := ner.Load(buf.Bytes())
	if err != nil {
		return err
	}
	tokens := 0
	for _, p := range pages {
		tokens += len(p.toks)
	}
	const rounds = 3
	t0 := cpuTime()
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			if _, err := analysis.Analyze(context.Background(), analysis.Input{Text: p.text, Language: "en"}); err != nil {
				return err
			}
		}
	}
	analyze := cpuTime() - t0
	t0 = cpuTime()
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			q := &page{text: p.text, res: p.res}
			q.prepare()
			lx.featurize(q)
			tagPage(loaded, q)
		}
	}
	tagger := cpuTime() - t0
	// the decoding alone, features ready
	t0 = cpuTime()
	for r := 0; r < rounds; r++ {
		for _, p := range pages {
			for _, s := range p.sents {
				loaded.Tag(p.feats[s[0]:s[1]])
			}
		}
	}
	decode := cpuTime() - t0
	gatedToks := 0
	for _, p := range pages {
		for _, s := range segments(p) {
			gatedToks += s[1] - s[0]
		}
	}
	fmt.Printf("\nthe segments tagged (-gate, -window %d) hold %d of %d tokens (%.0f %%)", gateWindow, gatedToks, tokens, 100*float64(gatedToks)/float64(tokens))
	perTok := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(rounds*tokens) / 1000 }
	fmt.Printf("\nspeed (%d pages, %d tokens, %d rounds, CPU time): Analyze %.2f µs/token; tagger (tokens+features+decode, every sentence) %.2f µs/token = +%.0f %%; model %d bytes (%d features)\n",
		len(pages), tokens, rounds, perTok(analyze), perTok(tagger), 100*float64(tagger)/float64(analyze), n, m.Features())
	fmt.Printf("  of which decoding (features ready, every sentence): %.2f µs/token\n", perTok(decode))
	return nil
}
