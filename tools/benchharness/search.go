package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"syscall"
	"time"

	"annals/data/store"
)

// searchOnly (-search-only) measures only search on an existing library:
// no maintenance, no other figure, so a run takes seconds and can be
// repeated between two builds (issue 19).
var searchOnly bool

// searchIDs (-search-ids FILE) writes each query's ten best article ids,
// in order, so two builds' rankings can be compared query by query.
var searchIDs string

// measureSearch times the 50 queries the way the library list asks: 200
// hits, snippets for the first screenful (the rest are cut as rows scroll
// into view). Besides wall times it keeps each query's CPU time: on this
// shared machine the wall time of a query is mostly the wait for a core,
// and the CPU time is what the query costs.
func measureSearch(ctx context.Context, st *store.Store, db, sec string, qs []string, big bool) error {
	opts := store.SearchOptions{Limit: 200, Snippets: 10}
	top := map[string][]int64{}
	for _, q := range qs {
		r, err := st.SearchWith(ctx, q, opts)
		if err != nil {
			return err
		}
		var ids []int64
		for _, h := range r.Hits[:min(10, len(r.Hits))] {
			ids = append(ids, h.ID)
		}
		top[q] = ids
	}
	if searchIDs != "" {
		b, _ := json.MarshalIndent(top, "", " ")
		if err := os.WriteFile(searchIDs, b, 0o644); err != nil {
			return err
		}
	}
	var lat, cpu []time.Duration
	hits := 0
	searchCPU := cpuTime()
	for range 3 {
		for _, q := range qs {
			c, t := cpuTime(), time.Now()
			r, err := st.SearchWith(ctx, q, opts)
			lat = append(lat, time.Since(t))
			cpu = append(cpu, cpuTime()-c)
			if err != nil {
				return err
			}
			hits += len(r.Hits)
		}
	}
	p50, p95, p99 := pct(lat, 50), pct(lat, 95), pct(lat, 99)
	logSlowQueries(db, qs, lat, sec)
	logSlowQueries(db, qs, cpu, sec+" (CPU)")
	f := add(sec, "search p50", ms(p50), "ms")
	f.note(fmt.Sprintf("50 queries (Arabic/English names and words, 1–2 words) ×3, limit 200, snippets for the first 10 (a screenful; the library list cuts the rest as rows scroll into view); %.0f hits/query; every match ranked; load %s",
		float64(hits)/float64(len(lat)), loadAvg()))
	searchCPU = cpuTime() - searchCPU
	f = add(sec, "search p95", ms(p95), "ms")
	if big {
		f.atMost(10)
	} else {
		f.note("goal < 10 ms is at 100k")
	}
	add(sec, "search p99", ms(p99), "ms").note(fmt.Sprintf("%.2f ms CPU/query", ms(searchCPU)/float64(len(lat))))
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		logf("%s: search: the harness's peak resident memory %.0f MB", sec, float64(ru.Maxrss)/1024)
	}
	f = add(sec, "search p95, CPU time per query", ms(pct(cpu, 95)), "ms")
	f.note(fmt.Sprintf("p50 %.2f ms, p99 %.2f ms, mean %.2f ms; the process's CPU time around each query (the honest figure on a loaded machine)",
		ms(pct(cpu, 50)), ms(pct(cpu, 99)), ms(searchCPU)/float64(len(lat))))
	if big {
		f.atMost(10)
	}
	// The same queries ranking only the newest RankedMatches matches, as
	// search did before it ranked every match (issue 19).
	all := store.SearchOptions{Limit: opts.Limit, Snippets: opts.Snippets, Candidates: store.RankedMatches}
	var latAll []time.Duration
	cpu0 := cpuTime()
	for range 3 {
		for _, q := range qs {
			t := time.Now()
			if _, err := st.SearchWith(ctx, q, all); err != nil {
				return err
			}
			latAll = append(latAll, time.Since(t))
		}
	}
	add(sec, "search p95, newest 1,000 ranked (before)", ms(pct(latAll, 95)), "ms").note(fmt.Sprintf("p50 %.2f ms, p99 %.2f ms; %.2f ms CPU/query", ms(pct(latAll, 50)), ms(pct(latAll, 99)), ms(cpuTime()-cpu0)/float64(len(latAll))))
	// Scrolling: the next screenful's snippets, for every query with
	// that many hits.
	var scroll []time.Duration
	for _, q := range qs {
		r, err := st.SearchWith(ctx, q, opts)
		if err != nil || len(r.Hits) < 20 {
			continue
		}
		t := time.Now()
		if err := st.Snippets(ctx, q, r.Hits[10:20]); err != nil {
			return err
		}
		scroll = append(scroll, time.Since(t))
	}
	if len(scroll) > 0 {
		add(sec, "search: next 10 snippets (scrolling) p95", ms(pct(scroll, 95)), "ms").note(fmt.Sprintf("%d queries with ≥ 20 hits", len(scroll)))
	}
	return nil
}
