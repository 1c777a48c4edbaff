package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// measureLaunch starts the app on the 10k library launches+1 times (the
// first, which may migrate the copy and fills the page cache, is not
// counted) and times process start → first frame painted and → the first
// frame showing the library's list.
func measureLaunch(x *xserver, bin, db, work string, launches int, profile string, shot func(string)) error {
	load := loadAvg()
	var first, list []float64
	for i := range launches + 1 {
		prof := ""
		if i == launches {
			prof = profile
		}
		a, err := startApp(x, bin, db, filepath.Join(work, "config"), filepath.Join(work, "launch.log"), prof)
		if err != nil {
			return err
		}
		l, err := a.waitFor(60*time.Second, "the list shown", func(l *probeLog) bool {
			_, ok := listFrame(l)
			return ok
		})
		if err != nil {
			a.stop()
			return fmt.Errorf("launch %d: %v", i+1, err)
		}
		f1 := l.frames[1]
		lf, _ := listFrame(l)
		if i > 0 {
			first = append(first, float64(f1.paintWall-a.started.UnixNano())/1e6)
			list = append(list, float64(lf.paintWall-a.started.UnixNano())/1e6)
		}
		if i == 0 {
			shot("01-launch-10k")
		}
		a.stop()
	}
	addPair("launch → first frame, 10k library", first, 700,
		fmt.Sprintf("process start (exec) → the probe's first paint; runs %s ms after one unmeasured; load %s", join(first), load), "")
	addPair("launch → list shown, 10k library", list, 0,
		fmt.Sprintf("→ the first frame after the list's rows were set; runs %s ms", join(list)), "")
	return nil
}

// listFrame is the painted frame that first showed the library's rows.
func listFrame(l *probeLog) (*frame, bool) {
	for _, r := range l.recs {
		if r.what == "list" {
			if fr, ok := l.painted(r); ok {
				return fr, true
			}
		}
	}
	return nil, false
}

// latency is one input's times: in-process input → frame painted (draw
// calls issued) and → frame swapped, and from the harness's xdotool call
// (wall clock) → frame painted.
type latency struct {
	paint, after, external float64
	change                 float64 // input → the change made (the app's own work before Fyne's)
	cpu                    float64 // the UI thread's CPU time input → painted; -1 unknown
	what                   string
}

// uiCPU is the UI thread's CPU time from r's input to fr's paint, in ms;
// -1 when the probe could not read it.
func uiCPU(r rec, fr *frame) float64 {
	if r.inCPU < 0 || fr.paintCPU < 0 {
		return -1
	}
	return ms(fr.paintCPU - r.inCPU)
}

// addCPU records the median and p95 of the UI thread's CPU time from input
// to paint: the frame's own work, without the waits for a core that the
// elapsed times carry on a shared machine.
func addCPU(name string, ls []latency) {
	var cpu []float64
	for _, l := range ls {
		if l.cpu >= 0 {
			cpu = append(cpu, l.cpu)
		}
	}
	if len(cpu) == 0 {
		return
	}
	addPair(name+": UI-thread CPU input → painted", cpu, 0,
		"CLOCK_THREAD_CPUTIME_ID of the UI thread (Fyne's loop), read by the probe at the input and at the paint; the software rasteriser's threads not counted", "")
}

// addCold records the first of ls alone: the article's cold open (the
// session's first, its words never shaped nor drawn before), which is the
// p95 of a few opens when it is the slowest, with its UI-thread CPU and
// where its time went, so a run says whether the cold open or load made
// the p95.
func addCold(name string, ls []latency) {
	if len(ls) == 0 {
		return
	}
	c := ls[0]
	figures = append(figures, figure{Section: "window", Name: name + ", first (cold) open", Value: c.paint, Unit: "ms",
		Note: fmt.Sprintf("UI-thread CPU %.1f ms; input → change %.1f ms, change → painted %.1f ms, painted → swapped %.1f ms",
			c.cpu, c.change, c.paint-c.change, c.after-c.paint)})
}

// split says where the time of ls went, at the median: the app's handling
// (input → change made: loads, layout) and Fyne's frame (change → painted:
// min sizes, text shaping and textures, draw calls), then the swap.
func split(ls []latency) string {
	return fmt.Sprintf("median split: input → change %.1f ms, change → painted %.1f ms, painted → swapped %.1f ms",
		pct(field(ls, func(l latency) float64 { return l.change }), 50),
		pct(field(ls, func(l latency) float64 { return l.paint - l.change }), 50),
		pct(field(ls, func(l latency) float64 { return l.after - l.paint }), 50))
}

// collect is the latencies of the records after the first skip whose
// input is kind.
func collect(l *probeLog, skip int, kind string) []latency {
	var out []latency
	for _, r := range l.recs[min(skip, len(l.recs)):] {
		if r.input != kind {
			continue
		}
		fr, ok := l.painted(r)
		if !ok {
			continue
		}
		out = append(out, latency{paint: ms(fr.paint - r.in), after: ms(fr.after - r.in), change: ms(r.changed - r.in), cpu: uiCPU(r, fr), what: r.what})
	}
	return out
}

// glideStats are the frames of Page Down's glides (the reader's
// reader_glide.go): each key's first frame is timed from the key (collect),
// the later ones each from the animation's tick that moved the view.
type glideStats struct {
	interval []float64 // painted → the next glide frame painted, while a glide runs
	work     []float64 // the tick (view moved) → that frame painted
	workCPU  []float64 // the UI thread's CPU time from the tick to the paint
	cpu      []float64 // the UI thread's CPU time from the frame before to this one
	glides   int       // glides that ran to their end
	frames   int       // glide frames painted, the keys' first ones too
}

// glideFrames reads the frames of glides from the records after the first
// skip: "glide" frames (the first one of a key carries the key as its
// input) until "glide-end". A key during a glide starts a new one from
// where it is: the frames go on, so their times count as the glide's.
func glideFrames(l *probeLog, skip int) glideStats {
	var st glideStats
	var prev *frame // the last glide frame painted, nil when none runs
	for _, r := range l.recs[min(skip, len(l.recs)):] {
		if r.what != "glide" && r.what != "glide-end" {
			continue
		}
		fr, ok := l.painted(r)
		if !ok {
			prev = nil
			continue
		}
		st.frames++
		if prev != nil {
			st.interval = append(st.interval, ms(fr.paint-prev.paint))
			if fr.paintCPU >= 0 && prev.paintCPU >= 0 {
				st.cpu = append(st.cpu, ms(fr.paintCPU-prev.paintCPU))
			}
		}
		if r.input == "-" {
			st.work = append(st.work, ms(fr.paint-r.changed))
			if r.changeCPU >= 0 && fr.paintCPU >= 0 {
				st.workCPU = append(st.workCPU, ms(fr.paintCPU-r.changeCPU))
			}
		}
		prev = fr
		if r.what == "glide-end" {
			st.glides++
			prev = nil
		}
	}
	return st
}

func field(ls []latency, f func(latency) float64) []float64 {
	var out []float64
	for _, l := range ls {
		out = append(out, f(l))
	}
	return out
}

func join(vs []float64) string {
	var s []string
	for _, v := range vs {
		s = append(s, strconv.FormatFloat(v, 'f', 0, 64))
	}
	return strings.Join(s, "/")
}

// measureSession opens the two articles in turn, scrolls the long one,
// then zooms and pans the timeline, in one run of the app.
func measureSession(x *xserver, bin, db, work string, opens int, only func(string) bool, profile string, shot func(string)) error {
	a, err := startApp(x, bin, db, filepath.Join(work, "config"), filepath.Join(work, "session.log"), profile)
	if err != nil {
		return err
	}
	defer a.stop()
	if _, err := a.waitFor(60*time.Second, "the list shown", func(l *probeLog) bool {
		_, ok := listFrame(l)
		return ok
	}); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond) // the list's other loads settle

	// Opens: row 0 (the long article), row 1 (the seed), in turn; each
	// waits for the frame that shows the text.
	load := loadAvg()
	var long, seed []latency
	var longID string
	open := func(row int) (latency, string, error) {
		before, _ := readProbe(a.log)
		skip := len(before.recs)
		clicked, err := x.click(rowX, row0Y+row*rowStep)
		if err != nil {
			return latency{}, "", err
		}
		var got rec
		l, err := a.waitFor(20*time.Second, fmt.Sprintf("the text of row %d", row), func(l *probeLog) bool {
			for _, r := range l.recs[min(skip, len(l.recs)):] {
				if strings.HasPrefix(r.what, "text:") && r.input == "tap" {
					if _, ok := l.painted(r); ok {
						got = r
						return true
					}
				}
			}
			return false
		})
		if err != nil {
			return latency{}, "", err
		}
		fr := l.frames[got.frame]
		lat := latency{paint: ms(fr.paint - got.in), after: ms(fr.after - got.in), change: ms(got.changed - got.in), cpu: uiCPU(got, fr),
			external: float64(fr.paintWall-clicked.UnixNano()) / 1e6, what: got.what}
		time.Sleep(300 * time.Millisecond)
		return lat, got.what, nil
	}
	for i := range 2 * opens {
		row := i % 2
		lat, what, err := open(row)
		if err != nil {
			return err
		}
		// text:<id>:<blocks>
		parts := strings.Split(what, ":")
		blocks, _ := strconv.Atoi(parts[len(parts)-1])
		switch {
		case row == 0 && blocks >= 1000:
			long = append(long, lat)
			longID = parts[1]
		case row == 1 && blocks < 1000 && blocks > 10:
			seed = append(seed, lat)
		default:
			return fmt.Errorf("row %d opened %s, not the article expected there (rows moved?)", row, what)
		}
		if i < 2 {
			shot(fmt.Sprintf("02-open-row%d", row))
		}
	}
	for _, o := range []struct {
		name string
		ls   []latency
	}{{"open the seed (Arabic, 20 blocks): tap → text painted", seed}, {"open the 1,000-paragraph mixed article: tap → text painted", long}} {
		addPair(o.name, field(o.ls, func(l latency) float64 { return l.paint }), 150,
			fmt.Sprintf("in-process Tapped → first frame with the text (draw calls issued); → swapped p95 %.0f ms; xdotool click → paint p95 %.0f ms (X server and xdotool add %.0f ms at the median); load %s",
				pct(field(o.ls, func(l latency) float64 { return l.after }), 95),
				pct(field(o.ls, func(l latency) float64 { return l.external }), 95),
				pct(field(o.ls, func(l latency) float64 { return l.external }), 50)-pct(field(o.ls, func(l latency) float64 { return l.paint }), 50),
				load), split(o.ls))
		addCPU(o.name, o.ls)
		addCold(o.name, o.ls)
	}

	if !only("scroll") && !only("timeline") {
		return nil
	}
	// Scrolling the long article: open it (row 0) if the seed is open.
	if _, what, err := open(0); err != nil {
		return err
	} else if !strings.HasPrefix(what, "text:"+longID+":") {
		return fmt.Errorf("row 0 opened %s, not the long article", what)
	}
	if err := x.xdo("mousemove", strconv.Itoa(readerX), strconv.Itoa(readerY)); err != nil {
		return err
	}
	time.Sleep(300 * time.Millisecond)
	load = loadAvg()
	before, _ := readProbe(a.log)
	skip := len(before.recs)
	// 60 wheel steps, one every 40 ms (a brisk wheel), down.
	if err := x.xdo("click", "--repeat", "60", "--delay", "40", "5"); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	l, _ := readProbe(a.log)
	wheel := collect(l, skip, "scrolled")
	shot("03-after-wheel")
	skip = len(l.recs)
	// 30 Page Downs, one every 100 ms; the list keeps the focus after the
	// tap and passes reading keys to the article.
	keys := []string{"key", "--delay", "100"}
	for range 30 {
		keys = append(keys, "Next")
	}
	if err := x.xdo(keys...); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	l, _ = readProbe(a.log)
	page := collect(l, skip, "key")
	glide := glideFrames(l, skip)
	shot("04-after-pagedown")
	if len(wheel) < 10 || len(page) < 10 {
		return fmt.Errorf("too few scroll frames seen by the probe: %d wheel, %d Page Down (is the article scrolled?)", len(wheel), len(page))
	}
	addPair("scroll the 1,000-paragraph article by wheel: input → frame painted", field(wheel, func(l latency) float64 { return l.paint }), 16,
		fmt.Sprintf("%d wheel steps every 40 ms; → swapped p95 %.1f ms; load %s", len(wheel), pct(field(wheel, func(l latency) float64 { return l.after }), 95), load), split(wheel))
	addPair("scroll it by Page Down: input → frame painted", field(page, func(l latency) float64 { return l.paint }), 16,
		fmt.Sprintf("%d keys every 100 ms; → swapped p95 %.1f ms", len(page), pct(field(page, func(l latency) float64 { return l.after }), 95)), split(page))
	addCPU("scroll by wheel", wheel)
	addCPU("scroll by Page Down", page)
	// A key's first frame is not the whole of it: Page Down glides over
	// several frames, and each must be on time too.
	if len(glide.interval) > 0 {
		addPair("Page Down glide: frame → next frame painted", glide.interval, 0,
			fmt.Sprintf("every frame of the glides after each key's first, until they settle (%d frames for %d keys; %d glides ran to their end, the others went on into the next key's); Fyne's loop ticks every 16.7 ms, so 17 is on time and 33 a frame missed", glide.frames, len(page), glide.glides), "")
		addPair("Page Down glide: tick → frame painted", glide.work, 16,
			"the animation's tick (the view moved) → that frame painted, for each glide frame after the key's first", "")
		addPair("Page Down glide: UI-thread CPU tick → painted", glide.workCPU, 0,
			"the UI thread's CPU time from the tick to its frame painted: a glide frame's own work, as \"input → painted\" is a key's", "")
		addPair("Page Down glide: UI-thread CPU frame to frame", glide.cpu, 0,
			"the UI thread's CPU time between two glide frames painted: the tick, layout, painting and the swap of the frame before", "")
	} else {
		notes = append(notes, "Page Down: no glide frames seen (a build without the reader's glide: each key jumps)")
	}

	if !only("timeline") {
		return nil
	}
	// The timeline.
	skip = len(l.recs)
	if _, err := x.click(tabTimelineX, tabY); err != nil {
		return err
	}
	if _, err := a.waitFor(30*time.Second, "the timeline drawn", func(l *probeLog) bool {
		for _, r := range l.recs[min(skip, len(l.recs)):] {
			if r.what == "timeline" {
				if _, ok := l.painted(r); ok {
					return true
				}
			}
		}
		return false
	}); err != nil {
		return err
	}
	time.Sleep(2 * time.Second) // the overview and the first period load
	shot("05-timeline")
	if err := x.xdo("mousemove", strconv.Itoa(plotX), strconv.Itoa(plotY)); err != nil {
		return err
	}
	time.Sleep(300 * time.Millisecond)
	load = loadAvg()
	l, _ = readProbe(a.log)
	skip = len(l.recs)
	// Zoom in 16 wheel steps (×1.45 each: from the centuries to about two
	// years, where events are drawn one by one) one every 50 ms, pan
	// there, then zoom out again.
	if err := x.xdo("click", "--repeat", "16", "--delay", "50", "4"); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	l, _ = readProbe(a.log)
	zoom := collect(l, skip, "timeline")
	shot("06-timeline-zoomed-in")
	skip = len(l.recs)
	// Pan: press, 40 moves of 10 px every 30 ms (towards earlier dates),
	// release; from the left of where the wheel zoomed, so the pointer
	// stays in the window.
	drag := []string{"mousemove", strconv.Itoa(plotX - 450), strconv.Itoa(plotY), "mousedown", "1"}
	for range 40 {
		drag = append(drag, "mousemove_relative", "--", "10", "0", "sleep", "0.03")
	}
	drag = append(drag, "mouseup", "1", "mousemove", strconv.Itoa(plotX), strconv.Itoa(plotY))
	if err := x.xdo(drag...); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	l, _ = readProbe(a.log)
	pan := collect(l, skip, "timeline")
	shot("07-timeline-panned")
	skip = len(l.recs)
	if err := x.xdo("click", "--repeat", "16", "--delay", "50", "5"); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	l, _ = readProbe(a.log)
	zoom = append(zoom, collect(l, skip, "timeline")...)
	if len(zoom) < 10 || len(pan) < 10 {
		return fmt.Errorf("too few timeline frames seen by the probe: %d zoom, %d pan", len(zoom), len(pan))
	}
	addPair("timeline (~10,000 events) zoom by wheel: input → frame painted", field(zoom, func(l latency) float64 { return l.paint }), 16,
		fmt.Sprintf("%d wheel steps every 50 ms, in and out; → swapped p95 %.1f ms; load %s", len(zoom), pct(field(zoom, func(l latency) float64 { return l.after }), 95), load), split(zoom))
	addPair("timeline pan by drag: input → frame painted", field(pan, func(l latency) float64 { return l.paint }), 16,
		fmt.Sprintf("%d drag steps every 30 ms; → swapped p95 %.1f ms", len(pan), pct(field(pan, func(l latency) float64 { return l.after }), 95)), split(pan))
	addCPU("timeline zoom", zoom)
	addCPU("timeline pan", pan)
	// The same zoom again, in and out: nearly all its texts (counts, axis
	// labels, titles) were drawn in the first pass, and Fyne keeps a text's
	// texture by its content for a minute, so these frames make few. Beside
	// the first pass they say how much of a zoom step is making the
	// textures of texts never drawn before (shaping and rasterising each on
	// the UI thread) and how much is drawing.
	skip = len(l.recs)
	for _, button := range []string{"4", "5"} {
		if err := x.xdo("click", "--repeat", "16", "--delay", "50", button); err != nil {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
	l, _ = readProbe(a.log)
	again := collect(l, skip, "timeline")
	if len(again) < 10 {
		return fmt.Errorf("too few timeline frames seen by the probe in the second zoom: %d", len(again))
	}
	addPair("timeline zoom again, its texts drawn before: input → frame painted", field(again, func(l latency) float64 { return l.paint }), 0,
		fmt.Sprintf("%d wheel steps in and out again after the first pass, whose texts were nearly all drawn already: few textures to make; load %s", len(again), loadAvg()), split(again))
	addCPU("timeline zoom again", again)
	return nil
}
